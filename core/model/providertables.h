// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/attempttable.h"

#include <QString>

#include <vector>

namespace tl {

/** Days since 1970-01-01 (a calendar date in the bucket's own zone). */
using DayNumber = std::int32_t;

/** One observation of a provider's aggregate endpoint (a CometAPI quota snapshot, a page set). */
struct ProviderObservation
{
    std::uint32_t sourceFile = 0;
    UtcMicros observedAt = kNoTime; ///< when the observation was taken (job `observed_at`)
    QString dayTz = QStringLiteral("UTC"); ///< zone of the provider's daily buckets
    QString username;
    MaybeDecimal totalQuota, totalUsedQuota; ///< lifetime figures, never the period's
    std::int64_t requestCount = kUnknown;
    bool hasDaily = false; ///< daily buckets were present (CometAPI daily_quota)
    struct Key
    {
        QString name;
        MaybeDecimal remainQuota, usedQuota;
        bool unlimitedRemain = false, unlimitedUsed = false;
    };
    std::vector<Key> keys;
};

/**
 * Provider aggregates per key and day (CometAPI daily_quota, OpenAI usage/cost buckets),
 * columnar. `amount` unknown (known = 0) when the bucket carries only quantities.
 */
class ProviderDailyTable
{
public:
    std::size_t size() const { return day.size(); }
    void append(std::uint32_t observation, DayNumber d, StringPool::Id key, StringPool::Id model,
                MaybeDecimal amt, std::int64_t requests, std::int64_t input, std::int64_t output,
                std::int64_t cached, std::uint32_t line);
    void appendTable(const ProviderDailyTable &other, std::uint32_t observationOffset);

    std::vector<std::uint32_t> observation; ///< index into LedgerSet::observations
    std::vector<DayNumber> day;
    std::vector<StringPool::Id> apiKey, model;
    std::vector<Decimal> amount;
    std::vector<std::uint8_t> amountKnown;
    std::vector<std::int64_t> requests, inputTokens, outputTokens, cachedTokens;
    std::vector<std::uint32_t> sourceLine;
};

/** Kind of a per-request provider record (new-api log types). */
enum class ProviderRecordType : std::int8_t { Consume = 0, Error = 1, Refund = 2, Other = 3 };

/** One per-request provider record as an importer fills it. */
struct ProviderRequestRow
{
    StringPool::Id recordId = 0, requestId = 0, responseId = 0;
    UtcMicros timestamp = kNoTime;
    StringPool::Id apiKey = 0, model = 0, upstreamModel = 0, sourceIp = 0, group = 0;
    ProviderRecordType type = ProviderRecordType::Consume;
    MaybeDecimal cost; ///< in the period currency (quota units already converted)
    std::int64_t inputTokens = kUnknown, outputTokens = kUnknown, cachedTokens = kUnknown, reasoningTokens = kUnknown;
    Flag stream = -1, cancelled = -1;
    MaybeDecimal rateMultiplier; ///< the provider's price multiplier when it says (new-api group_ratio)
    std::uint32_t sourceFile = 0, sourceLine = 0;
};

/** Per-request provider records (new-api logs, OpenRouter activity), columnar. */
class ProviderRequestTable
{
public:
    std::size_t size() const { return timestamp.size(); }
    void append(const ProviderRequestRow &r);
    ProviderRequestRow row(std::size_t i) const;
    void appendTable(const ProviderRequestTable &other);

    std::vector<StringPool::Id> recordId, requestId, responseId;
    std::vector<UtcMicros> timestamp;
    std::vector<StringPool::Id> apiKey, model, upstreamModel, sourceIp, group;
    std::vector<ProviderRecordType> type;
    std::vector<Decimal> cost;
    std::vector<std::uint8_t> costKnown;
    std::vector<std::int64_t> inputTokens, outputTokens, cachedTokens, reasoningTokens;
    std::vector<Flag> stream, cancelled;
    std::vector<Decimal> rateMultiplier;
    std::vector<std::uint8_t> rateMultiplierKnown;
    std::vector<std::uint32_t> sourceFile, sourceLine;
};

} // namespace tl
