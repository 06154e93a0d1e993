// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importcontext.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace tl::requestlog {

/** The columns of the flat request log (formats.md §1b) the engine reads. */
enum Column : int {
    RequestId,
    Attempt,
    TimestampUtc,
    AccountRef,
    ApiKeyName,
    Service,
    Environment,
    ModelRequested,
    ModelBilled,
    Role,
    HttpStatus,
    OutcomeColumn,
    Stream,
    ClientTimeout,
    StreamCancelled,
    CacheHit,
    InputTokens,
    OutputTokens,
    CachedInputTokens,
    CacheWriteTokens,
    ReasoningTokens,
    ResponseId,
    CostCenter,
    Owner,
    SourceIp,
    Tenant,
    Cost,
    EstimatedCost,
    ColumnCount
};

/** Lowercase column names (CSV header names and JSON keys), indexed by Column. */
extern const std::array<const char *, ColumnCount> kColumnNames;
/** The same as JSON paths ("$.request_id"), for messages about JSON Lines rows. */
extern const std::array<const char *, ColumnCount> kJsonPaths;

bool isRequired(int column);
/** The column a header name or JSON key means (ASCII case-insensitive), or -1. */
int columnForName(std::string_view name);

/**
 * Turns the cells of one request-log row, given as (column, text) pairs in any order, into
 * an AttemptRow appended to ctx.out.attempts. Shared by the CSV and the JSON Lines reader so
 * that both read every value by the same rules. Strings are interned straight from the views
 * (no QString per field: this is the path millions of rows take). Every malformed value
 * throws ImportError naming the line and the column (or JSON path).
 */
class RowBuilder
{
public:
    RowBuilder(ImportContext &ctx, bool json);

    void begin(qint64 line);
    /** Reads one value; empty, `null` and `NULL` mean absent (unknown, never 0). */
    void set(int column, std::string_view text);
    /** Checks that every required value was given and appends the row. */
    void finish();

private:
    const char *label(int column) const { return m_json ? kJsonPaths[static_cast<std::size_t>(column)] : kColumnNames[static_cast<std::size_t>(column)]; }
    StringPool::Id requiredString(int column, std::string_view v);
    StringPool::Id optionalString(int column, std::string_view v);
    StringPool::Id intern(int column, std::string_view v);
    Flag flag(std::string_view v, const char *column) const;

    ImportContext &m_ctx;
    const bool m_json;
    qint64 m_line = 0;
    std::uint32_t m_given = 0; ///< bit per Column: a non-empty value was seen
    AttemptRow m_row;
    MaybeDecimal m_cost, m_estimatedCost;
    /// Per column, the id of the last string interned: keys, services, models and accounts
    /// repeat from row to row, and comparing with the pooled text is cheaper than hashing.
    std::array<StringPool::Id, ColumnCount> m_lastId{};
};

} // namespace tl::requestlog
