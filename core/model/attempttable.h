// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/stringpool.h"
#include "core/model/tokencount.h"
#include "core/money/decimal.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace tl {

/** Microseconds since 1970-01-01T00:00:00Z; kNoTime = absent. */
using UtcMicros = std::int64_t;
constexpr UtcMicros kNoTime = std::numeric_limits<std::int64_t>::min();
/** Unknown token count (never 0). */
constexpr std::int64_t kUnknown = -1;

/** A tri-state flag: -1 unknown, 0 false, 1 true. */
using Flag = std::int8_t;

/**
 * One attempt as an importer fills it, before it is appended to an AttemptTable.
 * String fields are interned ids of the table's pool (StringPool::None = absent).
 */
struct AttemptRow
{
    StringPool::Id requestId = 0;
    std::int32_t attempt = 1;
    UtcMicros timestamp = kNoTime;
    UtcMicros endTimestamp = kNoTime;
    StringPool::Id accountRef = 0, apiKey = 0, service = 0, environment = 0;
    StringPool::Id modelRequested = 0, modelBilled = 0;
    std::int8_t role = 0; ///< 0 unknown, 1 primary, 2 fallback
    std::int16_t httpStatus = -1;
    std::int8_t outcome = -1; ///< Outcome, -1 = derive
    Flag stream = -1, clientTimeout = -1, streamCancelled = -1, cacheHit = -1;
    std::int64_t inputTokens = kUnknown, outputTokens = kUnknown, cachedTokens = kUnknown,
                 cacheWriteTokens = kUnknown, reasoningTokens = kUnknown;
    StringPool::Id responseId = 0, costCenter = 0, owner = 0, sourceIp = 0, tenant = 0;
    MaybeDecimal reportedCost; ///< the ledger's own cost estimate (a gateway's spend)
    std::uint32_t sourceFile = 0; ///< index into the LedgerSet's file list
    std::uint32_t sourceLine = 0; ///< 1-based line (CSV record start / JSONL line / array index+1)
};

/**
 * Client or gateway attempts in columnar form: one vector per field, so that scans,
 * sorts and joins touch only the columns they need. Rows are never QObjects.
 * Token counts are 32-bit (TokenCount; append throws std::out_of_range above 2^31 - 1, which
 * the importers report as an import error first). The end timestamp and the reported cost are
 * sparse: stored only once a row of the table has one (request logs rarely do), so read them
 * with endTimestampAt() and reportedCostAt().
 */
class AttemptTable
{
public:
    std::size_t size() const { return requestId.size(); }
    void reserve(std::size_t n);
    void append(const AttemptRow &row);
    AttemptRow row(std::size_t i) const;
    /** Appends all rows of other (same pool). */
    void appendTable(const AttemptTable &other);
    void clear() { *this = AttemptTable(); }

    UtcMicros endTimestampAt(std::size_t i) const { return i < m_endTimestamp.size() ? m_endTimestamp[i] : kNoTime; }
    bool reportedCostKnown(std::size_t i) const { return i < m_reportedCostKnown.size() && m_reportedCostKnown[i]; }
    /** The reported cost of row i; zero when unknown (see reportedCostKnown). */
    Decimal reportedCostAt(std::size_t i) const { return i < m_reportedCost.size() ? m_reportedCost[i] : Decimal(); }
    /** Bytes held by the sparse columns (capacity). */
    std::size_t sparseBytes() const;

    std::vector<StringPool::Id> requestId;
    std::vector<std::int32_t> attempt;
    std::vector<UtcMicros> timestamp;
    std::vector<StringPool::Id> accountRef, apiKey, service, environment, modelRequested, modelBilled;
    std::vector<std::int8_t> role;
    std::vector<std::int16_t> httpStatus;
    std::vector<std::int8_t> outcome;
    std::vector<Flag> stream, clientTimeout, streamCancelled, cacheHit;
    std::vector<TokenCount> inputTokens, outputTokens, cachedTokens, cacheWriteTokens, reasoningTokens;
    std::vector<StringPool::Id> responseId, costCenter, owner, sourceIp, tenant;
    std::vector<std::uint32_t> sourceFile, sourceLine;

private:
    // Empty while no row has a value; once one has, as long as the table.
    std::vector<UtcMicros> m_endTimestamp;
    std::vector<Decimal> m_reportedCost;
    std::vector<std::uint8_t> m_reportedCostKnown;
};

} // namespace tl
