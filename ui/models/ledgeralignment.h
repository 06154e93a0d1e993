// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"
#include "core/reconcile/reconcileresult.h"
#include "ui/models/matchstates.h"

#include <QStringList>

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace tl {

/**
 * The four ledgers lined up next to each other, built once per workspace (on the loader's
 * worker thread) and then read-only.
 *
 * By request: one row per client line in the period, with the gateway row and the provider
 * per-request record joined to it (RequestJoiner, with the job's match window, exactly as the
 * engine joins them), then one row per gateway or provider record no client line claimed
 * (gateway and provider records are joined to each other first, so a request only the gateway
 * and the provider saw is one row).
 *
 * By key and day: one row per key and provider day (the engine's day counts: client attempts,
 * billable, gateway attempts, provider requests and amount), then one row per finance line.
 *
 * Everything is columnar: a million rows cost a few dozen bytes each, and no row is an object.
 */
class LedgerAlignment
{
public:
    /** Bits of RequestRows::diff: which fields of the other side differ from the client line. */
    static constexpr DayNumber NoDay = std::numeric_limits<DayNumber>::min();
    enum Diff : std::uint8_t { GatewayTokens = 1, GatewayModel = 2, ProviderTokens = 4, ProviderModel = 8 };

    struct RequestRows
    {
        std::vector<std::int32_t> line;     ///< client line (index into the result's line columns), -1 none
        std::vector<std::int32_t> gateway;  ///< row of LedgerSet::gateway, -1 none
        std::vector<std::int32_t> provider; ///< row of LedgerSet::providerRequests, -1 none
        std::vector<MatchState> state;
        std::vector<std::uint8_t> diff;
        std::vector<UtcMicros> time;        ///< of the first side present (client, gateway, provider)
        std::vector<StringPool::Id> key, model;
        std::vector<DayNumber> day;         ///< UTC day of `time`
        std::size_t size() const { return line.size(); }
    };

    struct DayRows
    {
        std::vector<std::int32_t> dayCount; ///< index into ReconcileResult::dayCounts, -1 for a finance row
        std::vector<std::int32_t> finance;  ///< index into LedgerSet::finance, -1 for a key·day row
        std::vector<MatchState> state;
        std::vector<StringPool::Id> key;    ///< None for a finance line without a key
        std::vector<DayNumber> day;
        std::vector<std::int64_t> retries, quarantined;
        std::vector<Decimal> gatewayCost;   ///< sum of the gateway rows' own costs
        std::vector<std::uint8_t> gatewayCostKnown;
        std::vector<Decimal> variance;      ///< sum of the attributed variance items of the cell
        std::vector<std::uint8_t> varianceKnown;
        std::size_t size() const { return state.size(); }
    };

    static LedgerAlignment build(const Job &job, const LedgerSet &set, const ReconcileResult &result);

    RequestRows requests;
    DayRows days;
    /** Per client line: its row in `requests` and its key·day row in `days` (-1 none). */
    std::vector<std::int32_t> lineRequestRow, lineDayRow;
    /** Per provider daily row (LedgerSet::providerDaily): its key·day row (-1 none). */
    std::vector<std::int32_t> dailyDayRow;
    /** Per key id (StringPool id): its owner group from the owners table (index into owners), else -1. */
    std::vector<std::int32_t> keyOwner;
    /** Which ledgers the job has (the views show only their columns). */
    bool hasGateway = false, hasProviderRequests = false, hasProviderDaily = false, hasFinance = false;
    /** Distinct owner groups and models seen, sorted, for the filter bar. */
    QStringList owners, models;
    /** Rows per state, by request and by key·day. */
    std::array<qint64, MatchStateCount> requestStates{}, dayStates{};
};

} // namespace tl
