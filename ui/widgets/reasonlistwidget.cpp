// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/reasonlistwidget.h"

#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tl {

ReasonListWidget::ReasonListWidget(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
}

QString ReasonListWidget::reasonTitle(const QString &code)
{
    static const QHash<QString, QString> titles = {
        {QStringLiteral("unknown_model"), tr("Unknown model")},
        {QStringLiteral("missing_usage"), tr("Missing token usage")},
        {QStringLiteral("duplicate"), tr("Duplicate rows")},
        {QStringLiteral("unverified_pricing"), tr("Unverified pricing")},
        {QStringLiteral("evidence_overdue"), tr("Evidence past its review date")},
        {QStringLiteral("no_provider_data"), tr("No provider figure")},
        {QStringLiteral("provider_not_final"), tr("Provider figures provisional")},
        {QStringLiteral("unexplained_variance"), tr("Unexplained variance")},
        {QStringLiteral("explained_variance"), tr("Variance above the threshold (explained)")},
    };
    const QString t = titles.value(code);
    return t.isEmpty() ? DisplayFormat::words(code.toLatin1().constData()) : t;
}

QPushButton *ReasonListWidget::button(int i) const
{
    return i >= 0 && i < count() ? m_buttons[static_cast<std::size_t>(i)] : nullptr;
}

void ReasonListWidget::setReasons(const std::vector<DecisionReason> *reasons, Decision decision)
{
    for (QWidget *w : m_cards)
        delete w;
    m_cards.clear();
    m_buttons.clear();

    auto card = [this](const QColor &accent, const QString &badge, const QString &title, const QString &detail) {
        auto *frame = new QFrame(this);
        frame->setObjectName(QStringLiteral("reasonCard"));
        frame->setStyleSheet(QStringLiteral("#reasonCard { border: 1px solid palette(mid); border-left: 5px solid %1; border-radius: 3px; }")
                                 .arg(accent.name()));
        auto *v = new QVBoxLayout(frame);
        v->setContentsMargins(10, 6, 8, 6);
        v->setSpacing(3);
        auto *head = new QLabel(QStringLiteral("<span style='color:%1'><b>%2</b></span>&nbsp;&nbsp;<b>%3</b>")
                                    .arg(accent.name(), badge.toHtmlEscaped(), title.toHtmlEscaped()),
                                frame);
        auto *body = new QLabel(detail, frame);
        body->setWordWrap(true);
        body->setTextInteractionFlags(Qt::TextSelectableByMouse);
        v->addWidget(head);
        v->addWidget(body);
        m_layout->addWidget(frame);
        m_cards.push_back(frame);
        return frame;
    };

    if (!reasons || reasons->empty()) {
        if (reasons)
            card(LedgerColors::decisionBackground(Decision::Pass), tr("PASS"), tr("Nothing to review"),
                 tr("Every check passed: the estimate reconciles with the provider within the thresholds."));
        return;
    }
    Q_UNUSED(decision);
    for (std::size_t i = 0; i < reasons->size(); ++i) {
        const DecisionReason &r = (*reasons)[i];
        QFrame *frame = card(LedgerColors::decisionBackground(r.level), QString::fromLatin1(decisionName(r.level)).toUpper(),
                             reasonTitle(r.code), r.detail);
        QPushButton *button = nullptr;
        const int index = static_cast<int>(i);
        if (!r.clientRows.empty()) {
            const auto shown = static_cast<qint64>(r.clientRows.size());
            button = new QPushButton(shown == 1 ? tr("Show the row in Ledgers \u25B8")
                                                : tr("Show the %1 rows in Ledgers \u25B8").arg(DisplayFormat::count(shown)),
                                     frame);
            connect(button, &QPushButton::clicked, this, [this, index] { emit showReasonRows(index); });
        } else if (r.code == QLatin1String("unverified_pricing") || r.code == QLatin1String("evidence_overdue")) {
            button = new QPushButton(tr("Open the evidence register \u25B8"), frame);
            connect(button, &QPushButton::clicked, this, [this] { emit showPage(WorkbenchPage::Evidence); });
        } else if (r.code.endsWith(QLatin1String("_variance"))) {
            button = new QPushButton(tr("Open the variance \u25B8"), frame);
            connect(button, &QPushButton::clicked, this, [this] { emit showPage(WorkbenchPage::Variance); });
        }
        if (button) {
            button->setCursor(Qt::PointingHandCursor);
            auto *row = new QHBoxLayout;
            row->addWidget(button);
            row->addStretch(1);
            static_cast<QVBoxLayout *>(frame->layout())->addLayout(row);
        }
        m_buttons.push_back(button);
    }
}

} // namespace tl
