// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/tabularfields.h"

#include <QStringList>

namespace tl::importers {

// formats.md §4: invoice, statement, credit and tax lines, each kept as its own row (never
// spread into request-level costs).
//
// Sign convention (reconciliation.md, summary.json): "Finance amounts are positive for charges
// and negative for credits, discounts and refunds". Statements disagree on how they write a
// credit; many print it as a positive number in a "credit" row. Decision: a credit, discount or
// refund line written positive is stored negated, and the report lists the lines so that the
// reviewer sees the change; one written negative is kept. Every other line type (usage, tax,
// topup, adjustment, fx) keeps the sign as written: adjustments and fx go either way, and a
// negative usage line is a correction the statement itself made.
//
// Decisions where the spec is silent: line_type and amount are required (a line without them
// means nothing); period_end cannot be before period_start.
void financeCsv(ImportContext &ctx)
{
    CsvReader r(ctx.bytes, ctx.fileName());
    const CsvHeader h(r);
    const int cType = h.require("line_type");
    const int cAmount = h.require("amount");
    const int cDoc = h.index("document_id"), cDate = h.index("document_date"), cDesc = h.index("description"),
              cCurrency = h.index("currency"), cStart = h.index("period_start"), cEnd = h.index("period_end"),
              cModel = h.index("model"), cKey = h.index("api_key_name");
    const int width = static_cast<int>(h.names().size());

    QStringList negated;
    qint64 read = 0;
    while (r.next()) {
        ++read;
        tabular::checkWidth(ctx, r, width);
        const qint64 line = r.line();
        FinanceLine f;
        const std::string_view type = tabular::requiredCell(ctx, r, cType, "line_type");
        if (!parseFinanceLineType(type, &f.lineType))
            ctx.fail(line, QStringLiteral("line_type"),
                     QStringLiteral("unknown line type %1; expected one of usage, credit, discount, tax, topup, refund, adjustment, fx")
                         .arg(tabular::shown(type)));
        const std::string_view amount = tabular::requiredCell(ctx, r, cAmount, "amount");
        f.amount = ctx.decimal(amount, line, "amount").value;
        const bool reducing = f.lineType == FinanceLineType::Credit || f.lineType == FinanceLineType::Discount
            || f.lineType == FinanceLineType::Refund;
        if (reducing && f.amount.signum() > 0) {
            f.amount = -f.amount;
            negated << QString::number(line);
        }
        f.documentId = tabular::text(r, cDoc);
        f.documentDate = ctx.date(tabular::cell(r, cDate), line, "document_date");
        f.description = tabular::text(r, cDesc);
        f.currency = tabular::text(r, cCurrency);
        f.periodStart = ctx.date(tabular::cell(r, cStart), line, "period_start");
        f.periodEnd = ctx.date(tabular::cell(r, cEnd), line, "period_end");
        if (f.periodStart.isValid() && f.periodEnd.isValid() && f.periodEnd < f.periodStart)
            ctx.fail(line, QStringLiteral("period_end"),
                     QStringLiteral("period_end (%1) is before period_start (%2)")
                         .arg(f.periodEnd.toString(Qt::ISODate), f.periodStart.toString(Qt::ISODate)));
        f.model = tabular::text(r, cModel);
        f.apiKeyName = tabular::text(r, cKey);
        f.sourceFile = ctx.fileIndex;
        f.sourceLine = static_cast<std::uint32_t>(line);
        ctx.out.finance.push_back(std::move(f));
    }
    if (!negated.isEmpty())
        ctx.report.notes << QStringLiteral("%1 credit/discount/refund line(s) written as positive amounts were stored as negative "
                                           "(finance amounts are negative for credits, discounts and refunds): line(s) %2")
                                .arg(negated.size())
                                .arg(negated.join(QStringLiteral(", ")));
    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = read;
}

} // namespace tl::importers
