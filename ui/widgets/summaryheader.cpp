// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/summaryheader.h"

#include "core/util/timeutil.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextDocument>
#include <QVBoxLayout>

namespace tl {

namespace {

QString plain(const QString &html)
{
    QTextDocument d;
    d.setHtml(html);
    return d.toPlainText();
}

QString badgeStyle(const QColor &bg)
{
    return QStringLiteral("QLabel { background: %1; color: white; border-radius: 4px; padding: 3px 10px; font-weight: bold; }")
        .arg(bg.name());
}

} // namespace

SummaryHeader::SummaryHeader(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_badge(new QLabel(this))
    , m_provisional(new QLabel(this))
    , m_totals(new QLabel(this))
    , m_signOff(new QPushButton(tr("Sign off\u2026"), this))
{
    setFrameShape(QFrame::StyledPanel);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.35);
    f.setBold(true);
    m_title->setFont(f);
    m_badge->setCursor(Qt::PointingHandCursor);
    m_badge->installEventFilter(this);
    m_badge->setToolTip(tr("The decision and its reasons: open the Overview"));
    m_provisional->setText(tr("provisional"));
    m_provisional->setStyleSheet(badgeStyle(QColor(0x6B, 0x72, 0x80)));
    m_provisional->setToolTip(tr("The provider figures were observed before the posting window closed."));
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setWordWrap(true);
    m_signOff->setToolTip(tr("Record your review of this period: reviewer, role, decision, notes, follow-up owner"));
    connect(m_signOff, &QPushButton::clicked, this, &SummaryHeader::signOffRequested);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addStretch(1);
    top->addWidget(m_provisional);
    top->addWidget(m_badge);
    top->addWidget(m_signOff);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addLayout(top);
    layout->addWidget(m_totals);
    setWorkspace(nullptr);
}

bool SummaryHeader::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_badge && event->type() == QEvent::MouseButtonRelease)
        emit badgeClicked();
    return QFrame::eventFilter(watched, event);
}

void SummaryHeader::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    if (!ws) {
        m_title->setText(tr("No job open"));
        m_badge->hide();
        m_provisional->hide();
        m_signOff->hide();
        m_totals->setText(tr("Open a job (File \u25B8 Open job\u2026) to start: its inputs are imported, priced and reconciled."));
        return;
    }
    const ReconcileResult &r = ws->result;
    QStringList title;
    title << DisplayFormat::period(r.period.start, r.period.end);
    if (!r.period.accountRef.isEmpty())
        title << r.period.accountRef;
    title << r.period.currency;
    m_title->setText(title.join(QStringLiteral(" \u00B7 ")));

    const int n = static_cast<int>(r.reasons.size());
    const QString decision = QString::fromLatin1(decisionName(r.decision)).toUpper();
    m_badge->setText(n == 0 ? decision : (n == 1 ? tr("%1: 1 reason").arg(decision) : tr("%1: %2 reasons").arg(decision).arg(n)));
    m_badge->setStyleSheet(badgeStyle(LedgerColors::decisionBackground(r.decision)));
    m_badge->show();
    m_signOff->show();
    m_provisional->setVisible(r.provisional);

    const QString cur = r.period.currency;
    const int scale = r.controls.roundingScale;
    const RoundingMode mode = r.controls.roundingMode;
    auto item = [](const QString &label, const QString &value) {
        return QStringLiteral("%1&nbsp;<b>%2</b>").arg(label, value.toHtmlEscaped());
    };
    QStringList parts;
    parts << item(tr("Estimated"), DisplayFormat::money(r.estimatedBillable, cur, scale, mode));
    const QString providerLabel = r.provisional ? tr("Provider (provisional)") : tr("Provider (reconciled)");
    parts << item(providerLabel, r.providerReported.known ? DisplayFormat::money(r.providerReported.value, cur, scale, mode)
                                                          : tr("not reported"));
    if (r.variance.known)
        parts << item(tr("Variance"), QStringLiteral("%1 (%2)").arg(DisplayFormat::money(r.variance.value, cur, scale, mode, true),
                                                                   DisplayFormat::percent(r.variance.value, r.estimatedBillable, 2, true)));
    else
        parts << item(tr("Variance"), DisplayFormat::unknown());
    if (r.finance.present)
        parts << item(tr("Invoice"), DisplayFormat::money(r.finance.invoiceTotal, cur, scale, mode));
    if (!r.estimatedUnverified.isZero())
        parts << item(tr("Unverified, not in the estimate"), DisplayFormat::money(r.estimatedUnverified, cur, scale, mode));
    QString line = parts.join(QStringLiteral("&nbsp;&nbsp;&nbsp;"));
    if (r.observedAt != kNoTime)
        line += QStringLiteral("<br><span style='color:#6B7280'>%1</span>")
                    .arg(tr("Provider figures observed %1 UTC; evidence judged as of %2")
                             .arg(DisplayFormat::timestamp(r.observedAt), DisplayFormat::date(ws->asOf)));
    m_totals->setText(line);
}

QString SummaryHeader::badgeText() const
{
    return m_badge->isVisibleTo(this) ? m_badge->text() : QString();
}

QString SummaryHeader::text() const
{
    QStringList parts{m_title->text()};
    if (m_provisional->isVisibleTo(this))
        parts << m_provisional->text();
    if (!badgeText().isEmpty())
        parts << badgeText();
    parts << plain(m_totals->text());
    return parts.join(QStringLiteral("  "));
}

} // namespace tl
