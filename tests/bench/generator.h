// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <cstdint>

namespace tl::bench {

/**
 * Writes one benchmark month (May 2026) in the documented formats (spec/formats.md):
 * the client's flat request log both as CSV and as JSON Lines (§1b, the same rows), a CometAPI
 * /user/quota observation with daily_quota per key and day (§3a), the price snapshot (§5),
 * the model mapping (§6), the billing policy (§8), the evidence register (§9) and two job files
 * (§1c) that differ only in the client file they name.
 *
 * The month has 40 client keys over 20 services, 30 token-billed and 4 per-call models (some
 * asked for by alias, one alias unmapped), first attempts and retries after 429, 5xx, network
 * errors and client timeouts, streams (some read without usage, some cancelled), cached and
 * reasoning tokens, gateway cache hits, requests rejected before sending, fallbacks, duplicated
 * log lines, rows just outside the period and a few notes that carry a fake `sk-` key.
 * The provider side is computed from the same attempts and differs in known ways: two keys the
 * client never logged (leaked), cells the provider does not show yet (missing), extra charged
 * requests, charged timeouts and cancelled streams, and a multiplier change on one model that the
 * snapshot missed (differing amounts).
 *
 * Deterministic: the same seed and size give byte-identical files. Streams straight to disk, so
 * 5 million attempts need little memory.
 */
struct Generator
{
    struct Result
    {
        std::int64_t clientRows = 0;     ///< data rows in client.csv (duplicates and outside rows included)
        std::int64_t requests = 0;
        std::int64_t providerCells = 0;  ///< key/day entries in daily_quota
        std::int64_t csvBytes = 0, jsonlBytes = 0;
    };
    /** Writes into dir (created if needed). Returns false with *error set. */
    static bool write(const QString &dir, std::int64_t attempts, std::uint64_t seed, Result *result, QString *error);
};

} // namespace tl::bench
