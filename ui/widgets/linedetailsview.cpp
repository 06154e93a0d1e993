// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/linedetailsview.h"

#include "core/model/outcome.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgerlinesmodel.h"
#include "ui/models/matchstates.h"
#include "ui/models/workspacetables.h"

namespace tl {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString flag(Flag f)
{
    return f < 0 ? DisplayFormat::unknown() : (f ? QStringLiteral("yes") : QStringLiteral("no"));
}

QString maybePrice(const MaybeDecimal &d)
{
    return d.known ? DisplayFormat::localizeDigits(d.value.toString()) : DisplayFormat::unknown();
}

QString table(const std::vector<std::pair<QString, QString>> &rows)
{
    QString t = QStringLiteral("<table width='100%'>");
    for (const auto &kv : rows)
        t += QStringLiteral("<tr><td class='k' width='36%'>%1</td><td width='64%'>%2</td></tr>").arg(kv.first, kv.second);
    return t + QStringLiteral("</table>");
}

const char *kStyle = "<style>td{padding:1px 6px 1px 0;vertical-align:top} td.k{color:#6B7280}"
                     " h3{margin:10px 0 4px 0}</style>";

QString stateBanner(MatchState s)
{
    const QColor c = MatchStates::background(s);
    return QStringLiteral("<p style='background:%1;padding:4px'><b>%2</b> — %3</p>")
        .arg(c.isValid() ? c.name() : QStringLiteral("#FFFFFF"), MatchStates::title(s).toHtmlEscaped(),
             MatchStates::description(s).toHtmlEscaped());
}

QString fileLine(const Workspace &ws, std::uint32_t file, std::uint32_t line)
{
    if (file >= ws.set.files.size())
        return DisplayFormat::unknown();
    const ImportReport &rep = ws.set.files[file].report;
    return QStringLiteral("%1, line %2<br><span style='color:#6B7280'>%3 · %4</span>")
        .arg(esc(rep.fileName))
        .arg(line)
        .arg(esc(rep.format), esc(rep.path));
}

} // namespace

LineDetailsView::LineDetailsView(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setMinimumWidth(260);
    showLine(nullptr, -1);
}

void LineDetailsView::showLine(const std::shared_ptr<const Workspace> &ws, int line)
{
    if (!ws || line < 0 || static_cast<std::size_t>(line) >= ws->result.lineRow.size()) {
        setHtml(QStringLiteral("<p style='color:#6B7280'>%1</p>")
                    .arg(ws ? tr("Select a row to see its fields, its source file and line, and its price lineage.")
                            : tr("Open a job (File \u25B8 Open job\u2026) to start.")));
        return;
    }
    setHtml(lineHtml(*ws, line));
}

QString LineDetailsView::lineHtml(const Workspace &ws, int line)
{
    const ReconcileResult &r = ws.result;
    const AttemptTable &c = ws.set.client;
    const StringPool &pool = ws.set.pool();
    const auto li = static_cast<std::size_t>(line);
    const std::uint32_t row = r.lineRow[li];
    const QString cur = r.period.currency;
    auto s = [&pool](StringPool::Id id) { return id ? esc(pool.string(id)) : DisplayFormat::unknown(); };

    QString h;
    h += QStringLiteral("<style>td{padding:1px 6px 1px 0;vertical-align:top} td.k{color:#6B7280}"
                        " h3{margin:10px 0 4px 0}</style>");
    h += QStringLiteral("<h3>%1 <span style='color:#6B7280'>attempt %2</span></h3>").arg(s(c.requestId[row])).arg(c.attempt[row]);
    QString t = QStringLiteral("<table width='100%'>");
    auto kv = [&t](const QString &k, const QString &v) {
        t += QStringLiteral("<tr><td class='k' width='36%'>%1</td><td width='64%'>%2</td></tr>").arg(k, v);
    };
    kv(tr("Time (UTC)"), DisplayFormat::timestamp(c.timestamp[row]));
    if (c.endTimestampAt(row) != kNoTime)
        kv(tr("Ended (UTC)"), DisplayFormat::timestamp(c.endTimestampAt(row)));
    kv(tr("API key"), s(c.apiKey[row]));
    if (c.service[row])
        kv(tr("Service"), s(c.service[row]));
    if (c.environment[row])
        kv(tr("Environment"), s(c.environment[row]));
    if (c.owner[row])
        kv(tr("Owner"), s(c.owner[row]));
    if (c.costCenter[row])
        kv(tr("Cost center"), s(c.costCenter[row]));
    kv(tr("Model requested"), s(c.modelRequested[row]));
    if (c.modelBilled[row])
        kv(tr("Model billed (log)"), s(c.modelBilled[row]));
    kv(tr("Outcome"), QStringLiteral("%1 (HTTP %2)")
                          .arg(DisplayFormat::words(outcomeName(static_cast<Outcome>(r.lineOutcome[li]))),
                               c.httpStatus[row] < 0 ? DisplayFormat::unknown() : QString::number(c.httpStatus[row])));
    kv(tr("Stream / timeout / cancelled / cache hit"),
       QStringLiteral("%1 / %2 / %3 / %4").arg(flag(c.stream[row]), flag(c.clientTimeout[row]), flag(c.streamCancelled[row]), flag(c.cacheHit[row])));
    kv(tr("Treatment"), DisplayFormat::words(treatmentName(static_cast<Treatment>(r.lineTreatment[li]))));
    kv(tr("Tokens: input / cached / output / reasoning"),
       QStringLiteral("%1 / %2 / %3 / %4").arg(DisplayFormat::count(c.inputTokens[row]), DisplayFormat::count(c.cachedTokens[row]),
                                               DisplayFormat::count(c.outputTokens[row]), DisplayFormat::count(c.reasoningTokens[row])));
    if (c.responseId[row])
        kv(tr("Response id"), s(c.responseId[row]));
    kv(tr("Cost (estimated)"), r.lineCostKnown[li] ? QStringLiteral("%1 %2").arg(cur, DisplayFormat::exact(r.lineCost[li], 2))
                                                   : tr("unknown (not zero)"));
    if (c.reportedCostKnown(row))
        kv(tr("Cost reported in the log"), QStringLiteral("%1 %2").arg(cur, DisplayFormat::exact(c.reportedCostAt(row), 2)));
    if (r.lineQuarantine[li] != Quarantine::None)
        kv(tr("Status"), QStringLiteral("<b style='color:#B0222A'>%1</b>").arg(LedgerLinesModel::statusText(static_cast<std::int8_t>(r.lineQuarantine[li]))));
    if (r.lineCategory[li] != VarianceCategory::None)
        kv(tr("Variance category"), QStringLiteral("%1 \u2014 %2").arg(WorkspaceTables::categoryTitle(r.lineCategory[li]),
                                                                       WorkspaceTables::categoryDescription(r.lineCategory[li])));
    t += QStringLiteral("</table>");
    h += t;

    // Source
    h += QStringLiteral("<h3>%1</h3><table width='100%'>").arg(tr("Source"));
    t.clear();
    const std::uint32_t f = c.sourceFile[row];
    if (f < ws.set.files.size()) {
        const ImportReport &rep = ws.set.files[f].report;
        kv(tr("File"), QStringLiteral("%1, line %2").arg(esc(rep.fileName)).arg(c.sourceLine[row]));
        kv(tr("Format"), esc(rep.format));
        kv(tr("Path"), esc(rep.path));
        kv(tr("SHA-256 (received)"), QStringLiteral("<code>%1</code>").arg(rep.sha256Received));
    }
    h += t + QStringLiteral("</table>");

    // Price lineage
    h += QStringLiteral("<h3>%1</h3>").arg(tr("Price lineage"));
    t = QStringLiteral("<table width='100%'>");
    if (ws.pricer) {
        const PriceResult pr = ws.pricer->resolve(c.modelRequested[row], c.modelBilled[row], c.timestamp[row], c.inputTokens[row]);
        if (pr.mappingRow >= 0 && static_cast<std::size_t>(pr.mappingRow) < ws.set.mappings.size()) {
            const MappingRow &m = ws.set.mappings[static_cast<std::size_t>(pr.mappingRow)];
            kv(tr("Mapping"), QStringLiteral("%1 \u2192 <b>%2</b> (%3)<br><span style='color:#6B7280'>%4</span>")
                                  .arg(esc(m.requestedModel), esc(m.billableModel), esc(m.internalName),
                                       esc(WorkspaceTables::sourceText(ws, m.sourceFile, m.sourceLine))));
        } else if (c.modelBilled[row]) {
            kv(tr("Mapping"), tr("none: the log names the billed model"));
        } else {
            kv(tr("Mapping"), tr("no mapping row for %1").arg(s(c.modelRequested[row])));
        }
    }
    kv(tr("Billable model"), s(r.lineBillableModel[li]));
    kv(tr("Snapshot"), s(r.lineSnapshot[li]));
    const int pi = r.linePriceRow[li];
    if (pi >= 0 && static_cast<std::size_t>(pi) < ws.set.prices.size()) {
        const PriceRow &p = ws.set.prices[static_cast<std::size_t>(pi)];
        QString prices;
        if (p.category == BillingCategory::PerCall) {
            prices = tr("%1 per call").arg(maybePrice(p.perCallPrice));
        } else {
            const QString unit = p.unit == 1000000 ? tr("per 1M") : p.unit == 1000 ? tr("per 1K") : tr("per token");
            prices = tr("input %1, output %2, cached %3 %4").arg(maybePrice(p.inputPrice), maybePrice(p.outputPrice),
                                                                maybePrice(p.cachedInputPrice), unit);
        }
        if (p.upstreamRatio.known)
            prices += tr("; upstream ratio %1").arg(maybePrice(p.upstreamRatio));
        kv(tr("Price row"), QStringLiteral("%1 %2<br><span style='color:#6B7280'>%3</span>")
                                .arg(esc(p.currency), prices, esc(WorkspaceTables::sourceText(ws, p.sourceFile, p.sourceLine))));
        QString evidence = p.evidenceId.isEmpty() ? tr("none") : QStringLiteral("<a href='evidence:%1'>%1</a>").arg(esc(p.evidenceId));
        for (const EvidenceEntry &e : ws.set.evidence)
            if (e.evidenceId == p.evidenceId)
                evidence += QStringLiteral(" (%1, review %2)").arg(QString::fromLatin1(evidenceStatusName(e.status)), DisplayFormat::date(e.nextReviewOn));
        kv(tr("Evidence"), evidence);
        if (!p.sourceUrl.isEmpty())
            kv(tr("Price source"), QStringLiteral("%1<br><span style='color:#6B7280'>%2</span>").arg(esc(p.sourceUrl), esc(p.accessedAt)));
    } else {
        kv(tr("Price row"), tr("none: the line was not priced"));
    }
    // The billing-policy row that decided the treatment, and the evidence behind it.
    const auto outcome = static_cast<Outcome>(r.lineOutcome[li]);
    const PolicyRow *policy = nullptr;
    for (const PolicyRow &pr : ws.set.policy)
        if (pr.outcome == outcome)
            policy = &pr;
    if (policy)
        kv(tr("Policy row"), QStringLiteral("%1 \u2192 %2%3<br><span style='color:#6B7280'>%4</span>")
                                 .arg(DisplayFormat::words(outcomeName(policy->outcome)), DisplayFormat::words(treatmentName(policy->treatment)),
                                      policy->evidenceId.isEmpty() ? QString()
                                                                   : QStringLiteral(" (<a href='evidence:%1'>%1</a>)").arg(esc(policy->evidenceId)),
                                      esc(WorkspaceTables::sourceText(ws, policy->sourceFile, policy->sourceLine))));
    else
        kv(tr("Policy row"), tr("none: the default treatment for %1").arg(DisplayFormat::words(outcomeName(outcome))));
    h += t + QStringLiteral("</table>");
    return h;
}

void LineDetailsView::showRequestRow(const std::shared_ptr<const Workspace> &ws, int alignedRow)
{
    if (!ws || alignedRow < 0 || static_cast<std::size_t>(alignedRow) >= ws->alignment.requests.size()) {
        showLine(ws, -1);
        return;
    }
    setHtml(requestRowHtml(*ws, alignedRow));
}

void LineDetailsView::showDayRow(const std::shared_ptr<const Workspace> &ws, int alignedRow)
{
    if (!ws || alignedRow < 0 || static_cast<std::size_t>(alignedRow) >= ws->alignment.days.size()) {
        showLine(ws, -1);
        return;
    }
    setHtml(dayRowHtml(*ws, alignedRow));
}

QString LineDetailsView::requestRowHtml(const Workspace &ws, int alignedRow)
{
    const LedgerAlignment::RequestRows &q = ws.alignment.requests;
    const auto i = static_cast<std::size_t>(alignedRow);
    const StringPool &pool = ws.set.pool();
    const QString cur = ws.result.period.currency;
    auto s = [&pool](StringPool::Id id) { return id ? esc(pool.string(id)) : DisplayFormat::unknown(); };
    QString h = QString::fromLatin1(kStyle) + stateBanner(q.state[i]);
    // The other sides first (short), then the client line with its price lineage (long).
    if (q.gateway[i] >= 0) {
        const AttemptTable &g = ws.set.gateway;
        const auto k = static_cast<std::size_t>(q.gateway[i]);
        h += QStringLiteral("<h3>%1</h3>").arg(tr("Gateway row"));
        h += table({
            {tr("Source"), fileLine(ws, g.sourceFile[k], g.sourceLine[k])},
            {tr("Time (UTC)"), DisplayFormat::timestamp(g.timestamp[k])},
            {tr("Request / attempt"), QStringLiteral("%1 / %2").arg(s(g.requestId[k])).arg(g.attempt[k])},
            {tr("API key"), s(g.apiKey[k])},
            {tr("Model billed / requested"), QStringLiteral("%1 / %2").arg(s(g.modelBilled[k]), s(g.modelRequested[k]))},
            {tr("Tokens: input / output"), QStringLiteral("%1 / %2").arg(DisplayFormat::count(g.inputTokens[k]), DisplayFormat::count(g.outputTokens[k]))},
            {tr("HTTP status"), g.httpStatus[k] < 0 ? DisplayFormat::unknown() : QString::number(g.httpStatus[k])},
            {tr("Cost (gateway's own)"), g.reportedCostKnown(k) ? QStringLiteral("%1 %2").arg(cur, DisplayFormat::exact(g.reportedCostAt(k), 2))
                                                                  : DisplayFormat::unknown()},
            {tr("Response id"), s(g.responseId[k])},
        });
    }
    if (q.provider[i] >= 0) {
        const ProviderRequestTable &p = ws.set.providerRequests;
        const auto k = static_cast<std::size_t>(q.provider[i]);
        h += QStringLiteral("<h3>%1</h3>").arg(tr("Provider record"));
        h += table({
            {tr("Source"), fileLine(ws, p.sourceFile[k], p.sourceLine[k])},
            {tr("Time (UTC)"), DisplayFormat::timestamp(p.timestamp[k])},
            {tr("Record / request"), QStringLiteral("%1 / %2").arg(s(p.recordId[k]), s(p.requestId[k]))},
            {tr("API key"), s(p.apiKey[k])},
            {tr("Model (upstream)"), QStringLiteral("%1 (%2)").arg(s(p.model[k]), s(p.upstreamModel[k]))},
            {tr("Tokens: input / output"), QStringLiteral("%1 / %2").arg(DisplayFormat::count(p.inputTokens[k]), DisplayFormat::count(p.outputTokens[k]))},
            {tr("Cost (reconciled)"), p.costKnown[k] ? QStringLiteral("%1 %2").arg(cur, DisplayFormat::exact(p.cost[k], 2)) : DisplayFormat::unknown()},
            {tr("Rate multiplier"), p.rateMultiplierKnown[k] ? DisplayFormat::localizeDigits(p.rateMultiplier[k].toString()) : DisplayFormat::unknown()},
        });
    }
    if (q.line[i] >= 0)
        h += QStringLiteral("<h3>%1</h3>").arg(tr("Client line")) + lineHtml(ws, q.line[i]);
    else
        h += QStringLiteral("<p style='color:#6B7280'>%1</p>").arg(tr("No client line: the client never logged this request."));
    return h;
}

QString LineDetailsView::dayRowHtml(const Workspace &ws, int alignedRow)
{
    const LedgerAlignment &a = ws.alignment;
    const LedgerAlignment::DayRows &d = a.days;
    const auto i = static_cast<std::size_t>(alignedRow);
    const StringPool &pool = ws.set.pool();
    const ReconcileResult &r = ws.result;
    const QString cur = r.period.currency;
    QString h = QString::fromLatin1(kStyle) + stateBanner(d.state[i]);
    const QString key = d.key[i] ? esc(pool.string(d.key[i])) : tr("(account)");
    const QString day = d.day[i] == LedgerAlignment::NoDay ? DisplayFormat::unknown() : DisplayFormat::day(d.day[i]);
    if (d.finance[i] >= 0) {
        const FinanceLine &f = ws.set.finance[static_cast<std::size_t>(d.finance[i])];
        h += QStringLiteral("<h3>%1</h3>").arg(tr("Invoice line %1").arg(esc(f.documentId)));
        h += table({
            {tr("Source"), fileLine(ws, f.sourceFile, f.sourceLine)},
            {tr("Document date"), DisplayFormat::date(f.documentDate)},
            {tr("Line"), QStringLiteral("%1: %2").arg(DisplayFormat::words(financeLineTypeName(f.lineType)), esc(f.description))},
            {tr("Amount"), QStringLiteral("%1 %2").arg(esc(f.currency), DisplayFormat::exact(f.amount, 2))},
            {tr("Service period"), f.periodStart.isValid() ? QStringLiteral("%1 – %2").arg(DisplayFormat::date(f.periodStart), DisplayFormat::date(f.periodEnd))
                                                         : DisplayFormat::unknown()},
            {tr("Model / key"), QStringLiteral("%1 / %2").arg(f.model.isEmpty() ? DisplayFormat::unknown() : esc(f.model), key)},
        });
        h += QStringLiteral("<p style='color:#6B7280'>%1</p>")
                 .arg(tr("Invoice-level lines stay separate: they are never spread into request costs."));
        return h;
    }
    const DayCount &dc = r.dayCounts[static_cast<std::size_t>(d.dayCount[i])];
    h += QStringLiteral("<h3>%1 · %2</h3>").arg(key, day);
    const std::int32_t o = d.key[i] < a.keyOwner.size() ? a.keyOwner[d.key[i]] : -1;
    std::vector<std::pair<QString, QString>> rows = {
        {tr("Owner"), o >= 0 ? esc(a.owners.at(o)) : DisplayFormat::unknown()},
        {tr("Client attempts (first tries)"), QStringLiteral("%1 (%2)").arg(DisplayFormat::count(dc.clientAttempts), DisplayFormat::count(dc.clientFirstAttempts))},
        {tr("Billable / retries / quarantined"), QStringLiteral("%1 / %2 / %3").arg(DisplayFormat::count(dc.clientBillable), DisplayFormat::count(d.retries[i]),
                                                                                  DisplayFormat::count(d.quarantined[i]))},
        {tr("Estimated"), QStringLiteral("%1 %2").arg(cur, DisplayFormat::exact(dc.estimated, 2))},
    };
    if (a.hasGateway)
        rows.push_back({tr("Gateway attempts / cost"), QStringLiteral("%1 / %2").arg(DisplayFormat::count(dc.gatewayAttempts),
                                                                                  d.gatewayCostKnown[i] ? DisplayFormat::exact(d.gatewayCost[i], 2) : DisplayFormat::unknown())});
    rows.push_back({tr("Provider requests"), DisplayFormat::count(dc.providerRequests)});
    rows.push_back({tr("Provider-reported (reconciled)"), dc.provider.known ? QStringLiteral("%1 %2").arg(cur, DisplayFormat::exact(dc.provider.value, 2))
                                                                          : tr("no figure")});
    rows.push_back({tr("Variance (attributed)"), d.varianceKnown[i] ? DisplayFormat::localizeDigits(d.variance[i].toString(), QLocale(), true)
                                                                  : DisplayFormat::unknown()});
    h += table(rows);

    // What explains the cell: its variance items.
    QString items;
    for (const VarianceItem &v : r.variance_items)
        if (v.apiKey == d.key[i] && v.day == d.day[i])
            items += QStringLiteral("<tr><td class='k'>%1</td><td align='right'>%2</td><td>%3</td></tr>")
                         .arg(WorkspaceTables::categoryTitle(v.category), DisplayFormat::localizeDigits(v.amount.toString(), QLocale(), true),
                              tr("%1 client, %2 provider rows").arg(v.clientRows.size()).arg(v.providerRows.size()));
    if (!items.isEmpty())
        h += QStringLiteral("<h3>%1</h3><table width='100%'>%2</table>").arg(tr("Variance items"), items);

    // Where the provider figure comes from: each observation's row for this key and day.
    QString sources;
    const ProviderDailyTable &pd = ws.set.providerDaily;
    for (std::size_t k = 0; k < pd.size(); ++k) {
        if (pd.apiKey[k] != d.key[i] || pd.day[k] != d.day[i])
            continue;
        const ProviderObservation &ob = ws.set.observations[pd.observation[k]];
        sources += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td class='k'>%3</td></tr>")
                       .arg(fileLine(ws, ob.sourceFile, pd.sourceLine[k]),
                            pd.amountKnown[k] ? DisplayFormat::exact(pd.amount[k], 2) : DisplayFormat::unknown(),
                            ob.observedAt == kNoTime ? QString() : tr("observed %1").arg(DisplayFormat::timestamp(ob.observedAt)));
    }
    if (!sources.isEmpty())
        h += QStringLiteral("<h3>%1</h3><table width='100%'>%2</table>").arg(tr("Provider rows"), sources);
    return h;
}

} // namespace tl
