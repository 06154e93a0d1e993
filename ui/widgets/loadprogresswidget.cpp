// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/loadprogresswidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace tl {

LoadProgressWidget::LoadProgressWidget(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_bar->setFixedWidth(200);
    m_bar->setTextVisible(true);
    m_cancel->setToolTip(tr("Stop loading; the workspace shown stays as it is"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Canceling\u2026"));
        emit cancelRequested();
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

void LoadProgressWidget::start(const QString &text)
{
    m_label->setText(text);
    m_bar->setRange(0, 0);
    m_cancel->setEnabled(true);
    show();
}

void LoadProgressWidget::setProgress(int value, int maximum, const QString &text)
{
    if (maximum > 0)
        m_bar->setRange(0, maximum);
    m_bar->setValue(value);
    if (!text.isEmpty() && m_cancel->isEnabled())
        m_label->setText(text);
}

void LoadProgressWidget::finish()
{
    hide();
}

} // namespace tl
