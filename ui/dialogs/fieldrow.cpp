// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/fieldrow.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QWidget>

namespace tl {

QWidget *FieldRow::create(QLineEdit *edit, QPushButton *button)
{
    auto *w = new QWidget;
    auto *l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    l->addWidget(button);
    return w;
}

} // namespace tl
