// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/csvreader.h"
#include "core/import/importcontext.h"
#include "core/model/outcome.h"

#include <QString>

#include <algorithm>
#include <limits>
#include <numeric>
#include <string_view>
#include <utility>
#include <vector>

namespace tl::tabular {

/** Strips spaces and tabs: cells are often padded by hand-edited spreadsheets. */
std::string_view trimmed(std::string_view v);

/** True when a and b are equal ignoring ASCII case. */
bool equalsNoCase(std::string_view a, std::string_view b);

/**
 * Rejects a record whose field count differs from the header's: a shifted row would
 * otherwise put every value after the gap into the wrong column without anyone noticing.
 */
void checkWidth(const ImportContext &ctx, const CsvReader &reader, int headerWidth);

/** The trimmed text of column index (an absent column, index -1, reads as empty). */
inline std::string_view cell(const CsvReader &reader, int index)
{
    return trimmed(reader.field(index));
}

/** The trimmed cell as a QString; empty, `null` and `NULL` read as empty. */
QString text(const CsvReader &reader, int index);

/** The trimmed cell, which must not be empty (nor null): throws naming line and column. */
std::string_view requiredCell(const ImportContext &ctx, const CsvReader &reader, int index, const char *column);

/** "a, b, c" of the valid outcome class names, for error messages. */
QString outcomeNames();
/** Parses an outcome class or throws "unknown outcome class …; expected one of …". */
Outcome outcome(const ImportContext &ctx, std::string_view v, qint64 line, const char *column);

/** `primary` → 1, `fallback` → 2, empty → 0; anything else throws. */
std::int8_t role(const ImportContext &ctx, std::string_view v, qint64 line, const char *column);

/** The value as shown in messages: quoted, cut at 60 characters. */
QString shown(std::string_view v);

/** A validity bound for messages: the UTC timestamp, or "open". */
QString bound(UtcMicros t);

/**
 * Finds two rows with the same key whose validity `[validFrom, validTo)` overlaps (kNoTime =
 * open bound). Returns the pair in file order (by sourceLine), or {nullptr, nullptr}. Rows are
 * sorted by key and start, so one pass that tracks the furthest end of the group suffices.
 */
template <typename Row, typename KeyLess, typename KeyEqual>
std::pair<const Row *, const Row *> findOverlap(const std::vector<Row> &rows, KeyLess keyLess, KeyEqual keyEqual)
{
    const auto to = [](const Row &p) { return p.validTo == kNoTime ? std::numeric_limits<UtcMicros>::max() : p.validTo; };
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const Row &a = rows[x], &b = rows[y];
        if (keyLess(a, b))
            return true;
        if (keyLess(b, a))
            return false;
        if (a.validFrom != b.validFrom)
            return a.validFrom < b.validFrom; // kNoTime (an open start) is the smallest value
        return a.sourceLine < b.sourceLine;
    });
    const Row *reach = nullptr;
    for (const std::size_t i : order) {
        const Row &b = rows[i];
        if (!reach || !keyEqual(*reach, b)) {
            reach = &b;
            continue;
        }
        if (b.validFrom < to(*reach))
            return reach->sourceLine < b.sourceLine ? std::make_pair(reach, &b) : std::make_pair(&b, reach);
        if (to(b) > to(*reach))
            reach = &b;
    }
    return {nullptr, nullptr};
}

} // namespace tl::tabular
