// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"

#include <vector>

namespace tl {

/** How a record was joined to a client line (reconciliation.md, Comparisons 2). */
enum class JoinMethod : std::int8_t { None = 0, ResponseId, RequestId, Fuzzy };

/** The other side of one join: a record with its key, model, time and tokens. */
struct JoinRecord
{
    StringPool::Id responseId = 0, requestId = 0, apiKey = 0, model = 0;
    UtcMicros timestamp = kNoTime;
    std::int64_t inputTokens = kUnknown, outputTokens = kUnknown;
};

/** Per record: the client line it joined (-1 none) and how. */
struct JoinResult
{
    std::vector<std::int32_t> line;
    std::vector<JoinMethod> method;
    std::vector<std::uint8_t> lineMatched; ///< per client line
    qint64 byResponseId = 0, byRequestId = 0, fuzzy = 0, unmatchedRecords = 0, unmatchedLines = 0;
    qint64 tokenMismatches = 0, modelMismatches = 0;
};

/**
 * Joins per-request records (provider logs, gateway rows) to client lines: on response_id,
 * else request_id (the closest attempt in time), else a fuzzy match on key, model, time within
 * ±window and equal tokens — then, for records still alone, on key and time only against lines
 * without tokens (timeouts, streams without usage). Each line joins at most once. Lookups are
 * hash probes and sorted per-key time lists, so it stays linear-logarithmic at millions of rows.
 */
class RequestJoiner
{
public:
    /**
     * lines: client line indices eligible to join (rows into client); lineModel: the line's
     * billable model (or requested model) per line index.
     */
    static JoinResult join(const AttemptTable &client, const std::vector<std::uint32_t> &lineRow,
                           const std::vector<std::uint8_t> &eligible, const std::vector<StringPool::Id> &lineModel,
                           const std::vector<JoinRecord> &records, std::int64_t windowMicros);

    /**
     * The engine's records of the gateway: its rows inside the period, with the billed model.
     * rows (optional) gets each record's row of the gateway table.
     */
    static std::vector<JoinRecord> gatewayRecords(const AttemptTable &gateway, const Period &period,
                                                  std::vector<std::uint32_t> *rows = nullptr);
    /**
     * The engine's records of the provider's per-request log: those with a cost inside the
     * period, with the upstream model where the provider names one, else its model.
     * rows (optional) gets each record's row of the provider table.
     */
    static std::vector<JoinRecord> providerRecords(const ProviderRequestTable &provider, const Period &period,
                                                   std::vector<std::uint32_t> *rows = nullptr);
};

} // namespace tl
