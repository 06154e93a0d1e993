// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/overviewpage.h"

#include "core/util/timeutil.h"
#include "ui/charts/outcomedaychart.h"
#include "ui/charts/variancewaterfallchart.h"
#include "ui/models/columntablemodel.h"
#include "ui/models/displayformat.h"
#include "ui/models/evidencereview.h"
#include "ui/models/ledgercolors.h"
#include "ui/models/workspacetables.h"
#include "ui/widgets/readonlytableview.h"
#include "ui/widgets/reasonlistwidget.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tl {

namespace {

QLabel *muted(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #6B7280;"));
    return l;
}

} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : QScrollArea(parent)
    , m_decision(new QLabel)
    , m_reasons(new ReasonListWidget)
    , m_totals(new QGridLayout)
    , m_counts(new QLabel)
    , m_quarantines(new QLabel)
    , m_evidence(new QLabel)
    , m_waterfall(new VarianceWaterfallChart)
    , m_outcomes(new ColumnTableModel(this))
    , m_outcomeView(new ReadOnlyTableView(m_outcomes))
    , m_outcomeDays(new OutcomeDayChart)
    , m_outcomeTabs(new QTabWidget)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(8, 8, 8, 8);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(10);

    auto *decisionBox = new QGroupBox(tr("Decision"));
    auto *dv = new QVBoxLayout(decisionBox);
    QFont big = m_decision->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_decision->setFont(big);
    m_decision->setWordWrap(true);
    m_decision->setTextFormat(Qt::RichText);
    dv->addWidget(m_decision);
    dv->addWidget(m_reasons);
    connect(m_reasons, &ReasonListWidget::showPage, this, &OverviewPage::showPage);
    connect(m_reasons, &ReasonListWidget::showReasonRows, this, [this](int i) {
        if (!m_ws || i < 0 || static_cast<std::size_t>(i) >= m_ws->result.reasons.size())
            return;
        const DecisionReason &r = m_ws->result.reasons[static_cast<std::size_t>(i)];
        LedgerFilter f;
        f.rows = std::make_shared<const std::vector<std::uint32_t>>(r.clientRows);
        const auto shown = static_cast<qint64>(r.clientRows.size());
        f.rowsLabel = r.rows > shown ? tr("%1 (first %2 of %3 rows)").arg(ReasonListWidget::reasonTitle(r.code)).arg(shown).arg(r.rows)
                                     : tr("%1 (%2)").arg(ReasonListWidget::reasonTitle(r.code),
                                                         shown == 1 ? tr("1 row") : tr("%1 rows").arg(shown));
        emit showLedger(f);
    });

    auto *totalsBox = new QGroupBox(tr("Totals"));
    totalsBox->setLayout(m_totals);
    m_totals->setHorizontalSpacing(14);
    m_totals->setColumnStretch(2, 1);

    auto *countsBox = new QGroupBox(tr("Counts by outcome"));
    auto *cv = new QVBoxLayout(countsBox);
    m_counts->setWordWrap(true);
    cv->addWidget(m_counts);
    m_outcomeView->setSelectionMode(QAbstractItemView::NoSelection);
    m_outcomeView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_outcomeView->setMinimumHeight(150);
    m_outcomeDays->setMinimumHeight(360);
    m_outcomeTabs->setDocumentMode(true);
    m_outcomeTabs->addTab(m_outcomeView, tr("Table"));
    m_outcomeTabs->addTab(m_outcomeDays, tr("Per day"));
    cv->addWidget(m_outcomeTabs);
    // A day's segment leads to its rows: that day and outcome in the Ledgers.
    connect(m_outcomeDays, &OutcomeDayChart::segmentClicked, this, [this](int day, Outcome o) {
        LedgerFilter f;
        f.day = day;
        f.outcome = static_cast<int>(o);
        emit showLedger(f);
    });

    auto *qBox = new QGroupBox(tr("Quarantines"));
    auto *qv = new QVBoxLayout(qBox);
    m_quarantines->setWordWrap(true);
    m_quarantines->setTextFormat(Qt::RichText);
    connect(m_quarantines, &QLabel::linkActivated, this, &OverviewPage::onLink);
    qv->addWidget(m_quarantines);
    auto *eBox = new QGroupBox(tr("Evidence due"));
    auto *ev = new QVBoxLayout(eBox);
    m_evidence->setWordWrap(true);
    m_evidence->setTextFormat(Qt::RichText);
    connect(m_evidence, &QLabel::linkActivated, this, &OverviewPage::onLink);
    ev->addWidget(m_evidence);

    auto *wBox = new QGroupBox(tr("Variance waterfall: from the estimate to the provider's figure"));
    auto *wv = new QVBoxLayout(wBox);
    m_waterfall->setMinimumHeight(320);
    wv->addWidget(m_waterfall);
    connect(m_waterfall, &VarianceWaterfallChart::categoryClicked, this, &OverviewPage::showCategory);

    auto *left = new QVBoxLayout;
    left->addWidget(decisionBox);
    left->addWidget(totalsBox);
    auto *qe = new QHBoxLayout;
    qe->addWidget(qBox, 1);
    qe->addWidget(eBox, 1);
    left->addLayout(qe);
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(wBox, 3);
    right->addWidget(countsBox, 2);
    grid->addLayout(left, 0, 0);
    grid->addLayout(right, 0, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    setWidget(content);
    setWorkspace(nullptr);
}

void OverviewPage::onLink(const QString &link)
{
    LedgerFilter f;
    if (link == QLatin1String("q:unknown_model"))
        f.status = LedgerFilter::Status::UnknownModel;
    else if (link == QLatin1String("q:missing_usage"))
        f.status = LedgerFilter::Status::MissingUsage;
    else if (link == QLatin1String("q:duplicate"))
        f.status = LedgerFilter::Status::Duplicate;
    else if (link == QLatin1String("q:any"))
        f.status = LedgerFilter::Status::Quarantined;
    else if (link == QLatin1String("page:evidence")) {
        emit showPage(WorkbenchPage::Evidence);
        return;
    } else {
        return;
    }
    emit showLedger(f);
}

void OverviewPage::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    m_ws = ws;
    m_waterfall->setWorkspace(ws);
    if (ws) {
        const OutcomeDaySeries days = OutcomeDaySeries::build(ws->result, ws->set.pool());
        m_outcomeDays->setSeries(&days);
    } else {
        m_outcomeDays->setSeries(nullptr);
    }
    WorkspaceTables::outcomes(m_outcomes, ws);
    // Every column as wide as its content (the outcome names whole); a narrow window scrolls sideways.
    m_outcomeView->horizontalHeader()->setStretchLastSection(true);

    while (QLayoutItem *item = m_totals->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!ws) {
        m_decision->setText(tr("No job open. Open a job (File \u25B8 Open job\u2026) to start: "
                               "the decision, its reasons and the totals appear here."));
        m_reasons->setReasons(nullptr, Decision::Pass);
        m_counts->clear();
        m_quarantines->setText(tr("\u2014"));
        m_evidence->setText(tr("\u2014"));
        m_totals->addWidget(muted(tr("Totals appear once a job is open."), nullptr), 0, 0, 1, 3);
        return;
    }
    const ReconcileResult &r = ws->result;
    const QString cur = r.period.currency;
    const int scale = r.controls.roundingScale;
    const RoundingMode mode = r.controls.roundingMode;

    const QColor dc = LedgerColors::decisionBackground(r.decision);
    const int n = static_cast<int>(r.reasons.size());
    QString verdict;
    switch (r.decision) {
    case Decision::Pass: verdict = tr("the period reconciles; it can be signed off."); break;
    case Decision::Warn: verdict = n == 1 ? tr("review the reason below before signing off.") : tr("review the %1 reasons below before signing off.").arg(n); break;
    case Decision::Fail: verdict = tr("the period cannot be signed off until the failing reasons are resolved."); break;
    }
    m_decision->setText(QStringLiteral("<span style='color:%1'><b>%2</b></span> \u2014 %3")
                            .arg(dc.name(), QString::fromLatin1(decisionName(r.decision)).toUpper(), verdict));
    m_reasons->setReasons(&r.reasons, r.decision);

    // Totals: label, amount (right-aligned, exact value in the tooltip), where it comes from.
    int row = 0;
    auto addRow = [&](const QString &label, const QString &amount, const QString &exact, const QString &note, bool strong = false) {
        auto *l = new QLabel(label);
        auto *a = new QLabel(amount);
        a->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        a->setTextInteractionFlags(Qt::TextSelectableByMouse);
        if (!exact.isEmpty())
            a->setToolTip(tr("Exact: %1").arg(exact));
        if (strong) {
            QFont f = a->font();
            f.setBold(true);
            a->setFont(f);
            l->setFont(f);
        }
        m_totals->addWidget(l, row, 0);
        m_totals->addWidget(a, row, 1);
        m_totals->addWidget(muted(note, nullptr), row, 2);
        ++row;
    };
    QString snapshots;
    {
        QStringList ids;
        for (const PriceRow &p : ws->set.prices)
            if (!ids.contains(p.snapshotId))
                ids << p.snapshotId;
        snapshots = ids.join(QStringLiteral(", "));
    }
    addRow(tr("Estimated billable (estimated)"), DisplayFormat::money(r.estimatedBillable, cur, scale, mode),
           r.estimatedBillable.toString(),
           tr("client log priced with snapshot %1; %2 attempts").arg(snapshots.isEmpty() ? tr("(none)") : snapshots,
                                                                     DisplayFormat::count(r.attempts)),
           true);
    QString providerNote;
    if (!r.providerReported.known)
        providerNote = tr("no provider input for the period");
    else {
        QStringList files;
        for (const ObservationTotal &o : r.observations)
            files << o.file;
        providerNote = tr("%1, %2 figures%3")
                           .arg(files.isEmpty() ? tr("provider records") : files.join(QStringLiteral(", ")),
                                r.providerSource == QLatin1String("daily") ? tr("daily") : tr("per-request"),
                                r.observedAt != kNoTime ? tr(", observed %1 UTC").arg(DisplayFormat::timestamp(r.observedAt)) : QString());
        if (r.provisional)
            providerNote += tr("; provisional (inside the posting window)");
    }
    addRow(r.provisional ? tr("Provider-reported (provisional)") : tr("Provider-reported (reconciled)"),
           r.providerReported.known ? DisplayFormat::money(r.providerReported.value, cur, scale, mode) : tr("not reported"),
           r.providerReported.known ? r.providerReported.value.toString() : QString(), providerNote, true);
    addRow(tr("Variance (provider \u2212 estimated)"),
           r.variance.known ? DisplayFormat::money(r.variance.value, cur, scale, mode, true) : DisplayFormat::unknown(),
           r.variance.known ? r.variance.value.toString() : QString(),
           r.variance.known ? tr("%1 of the estimate; material above %2% or %3")
                                  .arg(DisplayFormat::percent(r.variance.value, r.estimatedBillable, 2, true),
                                       DisplayFormat::localizeDigits(r.controls.varianceThresholdPercent.toString()),
                                       DisplayFormat::money(r.controls.varianceThresholdAbsolute, cur, scale, mode))
                            : tr("needs a provider figure"),
           true);
    addRow(tr("Unverified outcomes (estimated)"), DisplayFormat::money(r.estimatedUnverified, cur, scale, mode),
           r.estimatedUnverified.toString(), tr("priced attempts whose billing is not verified (e.g. timeouts); not in the estimate"));
    if (r.finance.present) {
        addRow(tr("Invoice total (finance)"), DisplayFormat::money(r.finance.invoiceTotal, cur, scale, mode),
               r.finance.invoiceTotal.toString(),
               tr("usage lines %1; credits %2; tax %3")
                   .arg(DisplayFormat::money(r.finance.usageSubtotal, cur, scale, mode),
                        DisplayFormat::money(r.finance.credits, cur, scale, mode),
                        DisplayFormat::money(r.finance.tax, cur, scale, mode)));
        if (r.finance.usageVsProvider.known)
            addRow(tr("Invoice usage \u2212 provider"), DisplayFormat::money(r.finance.usageVsProvider.value, cur, scale, mode, true),
                   r.finance.usageVsProvider.value.toString(), QString());
    } else {
        addRow(tr("Invoice (finance)"), DisplayFormat::unknown(), QString(), tr("no finance input in this job"));
    }
    addRow(tr("Tokens"), DisplayFormat::count(r.tokensInput + r.tokensOutput), QString(),
           tr("input %1 (cached %2), output %3, reasoning %4")
               .arg(DisplayFormat::count(r.tokensInput), DisplayFormat::count(r.tokensCached),
                    DisplayFormat::count(r.tokensOutput), DisplayFormat::count(r.tokensReasoning)));

    m_counts->setText(tr("%1 attempts for %2 requests (%3 retries), %4 client rows outside the period")
                          .arg(DisplayFormat::count(r.attempts), DisplayFormat::count(r.requests), DisplayFormat::count(r.retries),
                               DisplayFormat::count(static_cast<qint64>(r.excludedRows.size()))));

    auto qLink = [](const QString &code, const QString &label, qint64 n) {
        return n > 0 ? QStringLiteral("<a href='q:%1'>%2: <b>%3</b></a>").arg(code, label, DisplayFormat::count(n))
                     : QStringLiteral("%1: %2").arg(label, DisplayFormat::count(n));
    };
    const qint64 qTotal = r.quarantinedUnknownModel + r.quarantinedMissingUsage + r.quarantinedDuplicate;
    m_quarantines->setText(QStringLiteral("%1<br>%2<br>%3<br><span style='color:#6B7280'>%4</span>")
                               .arg(qLink(QStringLiteral("unknown_model"), tr("Unknown model"), r.quarantinedUnknownModel),
                                    qLink(QStringLiteral("missing_usage"), tr("Missing usage"), r.quarantinedMissingUsage),
                                    qLink(QStringLiteral("duplicate"), tr("Duplicate"), r.quarantinedDuplicate),
                                    qTotal > 0 ? tr("Quarantined rows stay out of the estimate; click to list them.")
                                               : tr("No row was quarantined.")));

    const EvidenceReview::Counts due = EvidenceReview::count(ws->set.evidence, ws->asOf);
    QString ev;
    if (ws->set.evidence.empty()) {
        ev = tr("No evidence register in this job. Add an input of kind <i>evidence</i> so that prices and policy can be verified.");
    } else {
        ev = tr("<span style='color:%1'>Overdue: <b>%2</b></span><br><span style='color:%3'>Due within %4 days: <b>%5</b></span><br>"
                "as of %6, %7 entries")
                 .arg(due.overdue ? LedgerColors::decisionBackground(Decision::Fail).name() : QStringLiteral("inherit"))
                 .arg(due.overdue)
                 .arg(due.dueSoon ? LedgerColors::decisionBackground(Decision::Warn).name() : QStringLiteral("inherit"))
                 .arg(EvidenceReview::DueSoonDays)
                 .arg(due.dueSoon)
                 .arg(DisplayFormat::date(ws->asOf))
                 .arg(ws->set.evidence.size());
        QStringList soon;
        for (const EvidenceEntry &e : ws->set.evidence) {
            const auto s = EvidenceReview::state(e, ws->asOf);
            if (s == EvidenceReview::Overdue || s == EvidenceReview::DueSoon)
                soon << QStringLiteral("%1 (%2)").arg(e.evidenceId.toHtmlEscaped(), DisplayFormat::date(e.nextReviewOn));
        }
        if (!soon.isEmpty())
            ev += QStringLiteral("<br>") + soon.join(QStringLiteral(", "));
        ev += QStringLiteral("<br><a href='page:evidence'>%1</a>").arg(tr("Open the evidence register"));
    }
    m_evidence->setText(ev);
}

} // namespace tl
