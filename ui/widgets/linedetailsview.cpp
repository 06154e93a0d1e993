// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/linedetailsview.h"

#include "core/model/outcome.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgerlinesmodel.h"
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
    if (c.endTimestamp[row] != kNoTime)
        kv(tr("Ended (UTC)"), DisplayFormat::timestamp(c.endTimestamp[row]));
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
    if (c.reportedCostKnown[row])
        kv(tr("Cost reported in the log"), QStringLiteral("%1 %2").arg(cur, DisplayFormat::exact(c.reportedCost[row], 2)));
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
        QString evidence = p.evidenceId.isEmpty() ? tr("none") : esc(p.evidenceId);
        for (const EvidenceEntry &e : ws.set.evidence)
            if (e.evidenceId == p.evidenceId)
                evidence += QStringLiteral(" (%1, review %2)").arg(QString::fromLatin1(evidenceStatusName(e.status)), DisplayFormat::date(e.nextReviewOn));
        kv(tr("Evidence"), evidence);
        if (!p.sourceUrl.isEmpty())
            kv(tr("Price source"), QStringLiteral("%1<br><span style='color:#6B7280'>%2</span>").arg(esc(p.sourceUrl), esc(p.accessedAt)));
    } else {
        kv(tr("Price row"), tr("none: the line was not priced"));
    }
    h += t + QStringLiteral("</table>");
    return h;
}

} // namespace tl
