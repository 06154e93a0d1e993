// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/tabularfields.h"

#include <tuple>

namespace tl::importers {

// formats.md §6: requested model → billable model, dated. Retired mappings stay for the
// periods they cover, so rows are kept as written.
//
// Decision where the spec is silent: two rows for the same requested_model and role whose
// validity overlaps are an error naming both lines, as two prices for one model are
// (reconciliation.md, Pricing 1 takes "the mapping valid at the attempt's time" as unique).
// A primary and a fallback mapping of one requested model may coexist.
void modelMappingCsv(ImportContext &ctx)
{
    CsvReader r(ctx.bytes, ctx.fileName());
    const CsvHeader h(r);
    const int cRequested = h.require("requested_model");
    const int cBillable = h.require("billable_model");
    const int cInternal = h.index("internal_name"), cSnapshot = h.index("snapshot_id"), cRole = h.index("role"),
              cOwner = h.index("owner"), cFrom = h.index("valid_from"), cTo = h.index("valid_to");
    const int width = static_cast<int>(h.names().size());

    std::vector<MappingRow> rows;
    while (r.next()) {
        tabular::checkWidth(ctx, r, width);
        const qint64 line = r.line();
        MappingRow m;
        m.requestedModel = ImportContext::qstr(tabular::requiredCell(ctx, r, cRequested, "requested_model"));
        m.billableModel = ImportContext::qstr(tabular::requiredCell(ctx, r, cBillable, "billable_model"));
        m.internalName = tabular::text(r, cInternal);
        m.snapshotId = tabular::text(r, cSnapshot);
        m.role = tabular::role(ctx, tabular::cell(r, cRole), line, "role");
        m.owner = tabular::text(r, cOwner);
        m.validFrom = ctx.dateBound(tabular::cell(r, cFrom), line, "valid_from");
        m.validTo = ctx.dateBound(tabular::cell(r, cTo), line, "valid_to");
        if (m.validFrom != kNoTime && m.validTo != kNoTime && m.validTo <= m.validFrom)
            ctx.fail(line, QStringLiteral("valid_to"),
                     QStringLiteral("valid_to (%1) must be after valid_from (%2)").arg(tabular::bound(m.validTo), tabular::bound(m.validFrom)));
        m.sourceFile = ctx.fileIndex;
        m.sourceLine = static_cast<std::uint32_t>(line);
        rows.push_back(std::move(m));
    }

    const auto [first, second] = tabular::findOverlap(
        rows, [](const MappingRow &a, const MappingRow &b) { return std::tie(a.requestedModel, a.role) < std::tie(b.requestedModel, b.role); },
        [](const MappingRow &a, const MappingRow &b) { return a.requestedModel == b.requestedModel && a.role == b.role; });
    if (first)
        ctx.fail(second->sourceLine, QStringLiteral("valid_from"),
                 QStringLiteral("%1 is mapped twice for the same time: lines %2 (to %3) and %4 (to %5)")
                     .arg(first->requestedModel)
                     .arg(first->sourceLine)
                     .arg(first->billableModel)
                     .arg(second->sourceLine)
                     .arg(second->billableModel));

    ctx.report.rowsRead = static_cast<qint64>(rows.size());
    ctx.report.rowsAccepted = static_cast<qint64>(rows.size());
    ctx.out.mappings = std::move(rows);
}

} // namespace tl::importers
