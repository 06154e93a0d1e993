// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QLineEdit;
class QPushButton;
class QWidget;
QT_END_NAMESPACE

namespace tl {

/** A form row's field with a button beside it ("Browse…"): the edit takes the width. */
class FieldRow
{
public:
    /** A new widget (without a parent: the form's layout takes it) holding edit and button. */
    static QWidget *create(QLineEdit *edit, QPushButton *button);
};

} // namespace tl
