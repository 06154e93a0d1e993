// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/messagebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace tl {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("\u2715"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &title, const QString &detail)
{
    const bool error = kind == Error;
    setStyleSheet(error ? QStringLiteral("#messageBanner { background: #F8D7DA; border: 1px solid #E0A5AB; border-radius: 4px; }"
                                         "#messageBanner QLabel { color: #58151C; }")
                        : QStringLiteral("#messageBanner { background: #DCEBFA; border: 1px solid #A9C8EA; border-radius: 4px; }"
                                         "#messageBanner QLabel { color: #0B2E4F; }"));
    QString html = QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped());
    if (!detail.isEmpty())
        html += QStringLiteral("<br><code>%1</code>").arg(detail.toHtmlEscaped());
    m_label->setText(html);
    show();
}

QString MessageBanner::text() const
{
    return m_label->text();
}

} // namespace tl
