// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/requestlogrow.h"
#include "core/import/tabularfields.h"

#include <algorithm>

namespace tl::importers {

// formats.md §1b as CSV: one row per attempt. This is the path millions of rows take, so the
// header is resolved to column indexes once and each cell goes from a view into the buffer
// straight to its typed column.
void requestLogCsv(ImportContext &ctx)
{
    using namespace requestlog;
    CsvReader reader(ctx.bytes, ctx.fileName());
    const CsvHeader header(reader);
    std::array<int, ColumnCount> columnIndex;
    columnIndex.fill(-1);
    for (int c = 0; c < ColumnCount; ++c)
        if (isRequired(c))
            columnIndex[static_cast<std::size_t>(c)] = header.require(kColumnNames[static_cast<std::size_t>(c)]);
    const auto &names = header.names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const int c = columnForName(names[i]);
        if (c >= 0 && columnIndex[static_cast<std::size_t>(c)] < 0)
            columnIndex[static_cast<std::size_t>(c)] = static_cast<int>(i);
    }
    const int width = static_cast<int>(names.size());

    // One line per row is the common case; counting line breaks is far cheaper than
    // letting thirty columns grow by doubling.
    const auto lines = static_cast<std::size_t>(std::count(ctx.bytes.cbegin(), ctx.bytes.cend(), '\n'));
    ctx.out.attempts.reserve(lines);
    // request_id and response_id are unique per row: room for both, so the pool never rehashes.
    ctx.pool.reserve(ctx.pool.size() + 2 * lines + 64);

    RowBuilder row(ctx, false);
    qint64 read = 0;
    while (reader.next()) {
        ++read;
        tabular::checkWidth(ctx, reader, width);
        row.begin(reader.line());
        for (int c = 0; c < ColumnCount; ++c) {
            const int i = columnIndex[static_cast<std::size_t>(c)];
            if (i >= 0)
                row.set(c, reader.field(i));
        }
        row.finish();
    }
    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = read;
}

} // namespace tl::importers
