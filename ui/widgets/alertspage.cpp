// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/alertspage.h"

#include "ui/models/alertfilter.h"
#include "ui/models/alertmodel.h"
#include "ui/models/displayformat.h"
#include "ui/models/workspacetables.h"
#include "ui/widgets/readonlytableview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

namespace {

/** How many evidence rows the details list (the Ledgers page shows them all). */
constexpr std::size_t kListed = 20;

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

/** One evidence row: its ledger, source and what identifies it. */
QString evidenceHtml(const Workspace &ws, const EvidenceRow &e)
{
    const LedgerSet &set = ws.set;
    const StringPool &pool = set.pool();
    QString where, what;
    switch (e.ledger) {
    case EvidenceLedger::Client:
    case EvidenceLedger::Gateway: {
        const AttemptTable &t = e.ledger == EvidenceLedger::Client ? set.client : set.gateway;
        if (e.row >= t.size())
            break;
        where = WorkspaceTables::sourceText(ws, t.sourceFile[e.row], t.sourceLine[e.row]);
        what = QStringLiteral("%1 \u00B7 %2 #%3 \u00B7 %4 \u00B7 %5")
                   .arg(DisplayFormat::timestamp(t.timestamp[e.row]), pool.string(t.requestId[e.row]))
                   .arg(t.attempt[e.row])
                   .arg(pool.string(t.apiKey[e.row]), pool.string(t.modelRequested[e.row]));
        if (t.httpStatus[e.row] >= 0)
            what += QStringLiteral(" \u00B7 HTTP %1").arg(t.httpStatus[e.row]);
        if (t.sourceIp[e.row] != StringPool::None)
            what += QStringLiteral(" \u00B7 %1").arg(pool.string(t.sourceIp[e.row]));
        break;
    }
    case EvidenceLedger::ProviderRequest: {
        const ProviderRequestTable &p = set.providerRequests;
        if (e.row >= p.size())
            break;
        where = WorkspaceTables::sourceText(ws, p.sourceFile[e.row], p.sourceLine[e.row]);
        what = QStringLiteral("%1 \u00B7 %2 \u00B7 %3")
                   .arg(DisplayFormat::timestamp(p.timestamp[e.row]), pool.string(p.apiKey[e.row]), pool.string(p.model[e.row]));
        if (p.costKnown[e.row])
            what += QStringLiteral(" \u00B7 %1").arg(DisplayFormat::money(p.cost[e.row], ws.result.period.currency, 6));
        if (p.sourceIp[e.row] != StringPool::None)
            what += QStringLiteral(" \u00B7 %1").arg(pool.string(p.sourceIp[e.row]));
        break;
    }
    case EvidenceLedger::ProviderDaily: {
        const ProviderDailyTable &p = set.providerDaily;
        if (e.row >= p.size())
            break;
        const std::uint32_t o = p.observation[e.row];
        where = WorkspaceTables::sourceText(ws, o < set.observations.size() ? set.observations[o].sourceFile : 0, p.sourceLine[e.row]);
        what = QStringLiteral("%1 \u00B7 %2").arg(DisplayFormat::day(p.day[e.row]), pool.string(p.apiKey[e.row]));
        if (p.model[e.row] != StringPool::None)
            what += QStringLiteral(" \u00B7 %1").arg(pool.string(p.model[e.row]));
        if (p.amountKnown[e.row])
            what += QStringLiteral(" \u00B7 %1").arg(DisplayFormat::money(p.amount[e.row], ws.result.period.currency, 6));
        break;
    }
    }
    return QStringLiteral("<tr><td style='color:#6B7280;padding-right:8px'>%1</td><td style='padding-right:8px'>%2</td><td>%3</td></tr>")
        .arg(esc(QString::fromLatin1(evidenceLedgerName(e.ledger))), esc(where), esc(what));
}

} // namespace

AlertsPage::AlertsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new AlertModel(this))
    , m_sort(new QSortFilterProxyModel(this))
    , m_view(nullptr)
    , m_stack(new QStackedWidget)
    , m_summary(new QLabel)
    , m_empty(new QLabel)
    , m_details(new QTextBrowser)
    , m_hint(new QLabel)
    , m_open(new QPushButton(tr("Show rows in Ledgers \u25B8")))
{
    m_sort->setSourceModel(m_model);
    m_sort->setSortRole(AlertModel::SortRole);
    m_view = new ReadOnlyTableView(m_sort);
    m_view->setWordWrap(true);
    m_view->setColumnHidden(AlertModel::Basis, true); // "Judged on" in the details below
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the core's order: critical first
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_details->setOpenLinks(false);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);
    m_open->setEnabled(false);

    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    auto *bottom = new QWidget;
    auto *bv = new QVBoxLayout(bottom);
    bv->setContentsMargins(0, 0, 0, 0);
    bv->addWidget(m_details, 1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_hint, 1);
    row->addWidget(m_open, 0, Qt::AlignTop);
    bv->addLayout(row);

    auto *vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(m_stack);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setSizes({380, 260});
    vertical->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_summary);
    layout->addWidget(vertical, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        showAlert(current.isValid() ? current.data(AlertModel::AlertIndexRole).toInt() : -1);
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &i) { activateAlert(i.data(AlertModel::AlertIndexRole).toInt()); });
    connect(m_open, &QPushButton::clicked, this, [this] { activateAlert(currentAlert()); });
    setWorkspace(nullptr);
}

QString AlertsPage::tabTitle() const
{
    const int n = m_model->rowCount();
    return n == 0 ? tr("Alerts") : tr("Alerts (%1)").arg(n);
}

void AlertsPage::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    m_ws = ws;
    m_model->setWorkspace(ws);
    const int n = m_model->rowCount();
    m_stack->setCurrentWidget(n == 0 ? static_cast<QWidget *>(m_empty) : m_view);
    if (!ws) {
        m_summary->setText(tr("Open a job (File \u25B8 Open job\u2026) to start."));
        m_empty->setText(QString());
    } else {
        const AllocationSettings &c = ws->result.controls.allocation;
        const QString thresholds =
            tr("Thresholds are job controls, examples to tune: a spike is a day above %1\u00D7 the mean of the key's previous %2 days "
               "(at least %3 observed, %4 requests a day); a projection above %5% of the budget warns; what the first %6 days of "
               "data show is known billing behaviour.")
                .arg(DisplayFormat::localizeDigits(c.spikeFactor.toString()))
                .arg(c.spikeBaselineDays)
                .arg(c.spikeMinBaselineDays)
                .arg(c.spikeMinCount)
                .arg(DisplayFormat::localizeDigits(c.budgetProjectedPercent.toString()))
                .arg(c.noveltyBaselineDays);
        if (n == 0) {
            m_summary->setText(tr("<b>No alerts</b> for this period. Alerts are an operator's early warning; they never change the "
                                  "decision. %1").arg(esc(thresholds)));
            m_empty->setText(tr("No alert fired: no volume spike, budget overrun, growing variance, new billing behaviour or "
                                "use from outside a key's allowed IPs."));
        } else {
            m_summary->setText(tr("<b>%1</b>: <span style='color:#B0222A'><b>%2</b> critical</span>, <span style='color:#B26B00'>"
                                  "<b>%3</b> warning</span>. Alerts are an operator's early warning; they never change the decision. "
                                  "Double-click an alert to see its evidence rows in the Ledgers page. %4")
                                   .arg(n == 1 ? tr("1 alert") : tr("%1 alerts").arg(n))
                                   .arg(m_model->criticalCount())
                                   .arg(m_model->warningCount())
                                   .arg(esc(thresholds)));
        }
    }
    m_view->resizeColumnsToContents();
    // Long texts wrap in their columns instead of widening the table past the window; the
    // suggested action takes the rest of the width.
    m_view->setColumnWidth(AlertModel::Subject, std::min(m_view->columnWidth(AlertModel::Subject), 170));
    m_view->setColumnWidth(AlertModel::Detail, std::min(m_view->columnWidth(AlertModel::Detail), 300));
    m_view->setColumnWidth(AlertModel::Action, std::min(m_view->columnWidth(AlertModel::Action), 180));
    m_view->resizeRowsToContents();
    if (n > 0)
        m_view->selectRow(0);
    else
        showAlert(-1);
}

int AlertsPage::currentAlert() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(AlertModel::AlertIndexRole).toInt() : -1;
}

LedgerFilter AlertsPage::alertFilter(int alertIndex) const
{
    const Alert *a = m_model->alert(alertIndex);
    if (!m_ws || !a)
        return LedgerFilter();
    return AlertFilter::build(*m_ws, *a);
}

void AlertsPage::selectAlert(int alertIndex)
{
    if (!m_model->alert(alertIndex))
        return;
    const QModelIndex i = m_sort->mapFromSource(m_model->index(alertIndex, 0));
    m_view->setCurrentIndex(i);
    m_view->selectRow(i.row());
}

void AlertsPage::activateAlert(int alertIndex)
{
    const LedgerFilter f = alertFilter(alertIndex);
    if (f.hasRowSet())
        emit ledgerFilterRequested(f, true);
}

void AlertsPage::showAlert(int alertIndex)
{
    const Alert *a = m_model->alert(alertIndex);
    m_open->setEnabled(false);
    if (!m_ws || !a) {
        m_details->clear();
        m_hint->clear();
        return;
    }
    const bool critical = a->severity == QLatin1String("critical");
    const QColor tint = AlertModel::severityBackground(a->severity);
    QString h = QStringLiteral("<h3><span style='background:%1;color:#1F2328'>&nbsp;%2&nbsp;</span> %3 \u2014 %4</h3>")
                    .arg(tint.name(), critical ? tr("CRITICAL") : tr("WARNING"), esc(AlertModel::codeTitle(a->code)), esc(a->subject));
    h += QStringLiteral("<table>");
    auto kv = [&h](const QString &k, const QString &v) {
        h += QStringLiteral("<tr><td style='color:#6B7280;padding-right:10px;vertical-align:top'>%1</td><td>%2</td></tr>").arg(k, v);
    };
    kv(tr("Code"), QStringLiteral("<code>%1</code>").arg(esc(a->code)));
    kv(tr("Detail"), esc(a->detail));
    kv(tr("Suggested action"), QStringLiteral("<b>%1</b>").arg(esc(a->action)));
    kv(tr("Judged on"), esc(a->basis));
    if (a->hasDay)
        kv(tr("First day"), DisplayFormat::day(a->day));
    kv(tr("Evidence rows"), DisplayFormat::count(a->rows));
    h += QStringLiteral("</table>");
    if (!a->evidence.empty()) {
        h += QStringLiteral("<p style='color:#6B7280'>%1</p><table>")
                 .arg(a->evidence.size() > kListed ? tr("The first %1 evidence rows (the Ledgers page shows all that are kept):").arg(kListed)
                                                   : tr("Evidence rows:"));
        for (std::size_t i = 0; i < std::min(kListed, a->evidence.size()); ++i)
            h += evidenceHtml(*m_ws, a->evidence[i]);
        h += QStringLiteral("</table>");
    }
    m_details->setHtml(h);

    AlertFilter::Coverage c;
    const LedgerFilter f = AlertFilter::build(*m_ws, *a, &c);
    m_open->setEnabled(f.hasRowSet());
    QString hint;
    if (!f.hasRowSet())
        hint = tr("This alert has no rows the Ledgers page can show.");
    else
        hint = tr("Double-click the alert or choose <b>Show rows in Ledgers</b> to filter the Ledgers page to %1.").arg(esc(f.rowsLabel));
    if (c.notShown > 0)
        hint += QLatin1Char(' ') + tr("%1 of its rows (provider day rows beside per-request records) cannot be shown there: "
                                      "find them by file and line.").arg(DisplayFormat::count(c.notShown));
    if (static_cast<qint64>(a->evidence.size()) < a->rows)
        hint += QLatin1Char(' ') + tr("The result keeps the first %1 of its %2 rows.")
                                       .arg(DisplayFormat::count(static_cast<qint64>(a->evidence.size())), DisplayFormat::count(a->rows));
    m_hint->setText(hint);
}

} // namespace tl
