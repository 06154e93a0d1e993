// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/tabularfields.h"

#include <QHash>

namespace tl::importers {

// formats.md §10: business unit counts per day, the denominators of unit economics.
//
// Decisions where the spec is silent: date, unit_name and count are required; a count is a
// non-negative exact decimal (units may be fractional, e.g. hours); the same date, workload
// and unit twice is an error naming both lines, since adding or picking one would both be
// guesses that change every cost per unit.
void businessUnitsCsv(ImportContext &ctx)
{
    CsvReader r(ctx.bytes, ctx.fileName());
    const CsvHeader h(r);
    const int cDate = h.require("date");
    const int cUnit = h.require("unit_name");
    const int cCount = h.require("count");
    const int cWorkload = h.index("workload");
    const int width = static_cast<int>(h.names().size());

    QHash<QString, qint64> seen;
    qint64 read = 0;
    while (r.next()) {
        ++read;
        tabular::checkWidth(ctx, r, width);
        const qint64 line = r.line();
        BusinessUnitRow u;
        u.date = ctx.date(tabular::requiredCell(ctx, r, cDate, "date"), line, "date");
        u.workload = tabular::text(r, cWorkload);
        u.unitName = ImportContext::qstr(tabular::requiredCell(ctx, r, cUnit, "unit_name"));
        const std::string_view count = tabular::requiredCell(ctx, r, cCount, "count");
        u.count = ctx.decimal(count, line, "count").value;
        if (u.count.isNegative())
            ctx.fail(line, QStringLiteral("count"), QStringLiteral("a count cannot be negative, got %1").arg(tabular::shown(count)));
        const QString key = u.date.toString(Qt::ISODate) + QChar(0) + u.workload + QChar(0) + u.unitName;
        if (const auto it = seen.constFind(key); it != seen.constEnd())
            ctx.fail(line, QStringLiteral("date"),
                     QStringLiteral("%1 of %2 on %3 is already counted on line %4")
                         .arg(u.unitName, u.workload.isEmpty() ? QStringLiteral("(no workload)") : u.workload, u.date.toString(Qt::ISODate))
                         .arg(it.value()));
        seen.insert(key, line);
        u.sourceFile = ctx.fileIndex;
        u.sourceLine = static_cast<std::uint32_t>(line);
        ctx.out.units.push_back(std::move(u));
    }
    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = read;
}

} // namespace tl::importers
