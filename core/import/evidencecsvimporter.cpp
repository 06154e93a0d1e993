// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/evidencefields.h"
#include "core/import/tabularfields.h"

#include <QHash>

namespace tl::importers {

// formats.md §9 as CSV. Decision where the spec is silent: an evidence_id given twice is an
// error naming both lines, because snapshots and policies refer to entries by that id.
void evidenceCsv(ImportContext &ctx)
{
    using namespace evidence;
    CsvReader r(ctx.bytes, ctx.fileName());
    const CsvHeader h(r);
    std::array<int, FieldCount> columns;
    for (int f = 0; f < FieldCount; ++f)
        columns[static_cast<std::size_t>(f)] = isRequired(f) ? h.require(kFieldNames[static_cast<std::size_t>(f)])
                                                             : h.index(kFieldNames[static_cast<std::size_t>(f)]);
    const int width = static_cast<int>(h.names().size());
    const auto label = [](int f) { return QString::fromLatin1(kFieldNames[static_cast<std::size_t>(f)]); };

    QHash<QString, qint64> seen;
    qint64 read = 0;
    while (r.next()) {
        ++read;
        tabular::checkWidth(ctx, r, width);
        std::array<std::string_view, FieldCount> values;
        for (int f = 0; f < FieldCount; ++f)
            values[static_cast<std::size_t>(f)] = r.field(columns[static_cast<std::size_t>(f)]);
        EvidenceEntry e = makeEntry(ctx, values, r.line(), label, false);
        if (const auto it = seen.constFind(e.evidenceId); it != seen.constEnd())
            ctx.fail(r.line(), QStringLiteral("evidence_id"),
                     QStringLiteral("evidence_id %1 is already defined on line %2").arg(e.evidenceId).arg(it.value()));
        seen.insert(e.evidenceId, r.line());
        e.sourceFile = ctx.fileIndex;
        e.sourceLine = static_cast<std::uint32_t>(r.line());
        ctx.out.evidence.push_back(std::move(e));
    }
    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = read;
}

} // namespace tl::importers
