// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/attempttable.h"
#include "core/model/providertables.h"
#include "core/money/decimal.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace tl {

/** The owner-group name of the bucket that holds spend no owners row claims (never dropped). */
inline constexpr char kUnmappedGroup[] = "(unmapped)";

/** How far the data of the period reaches, for projections (as of the newest data, never the clock). */
struct ProjectionFrame
{
    bool known = false;          ///< false: no client data in the period, nothing to project from
    UtcMicros asOf = kNoTime;    ///< timestamp of the newest client attempt before the job's as_of
    std::int64_t daysElapsed = 0; ///< period days up to and including the as-of day (days start at start_utc)
    std::int64_t daysInPeriod = 0;
};

/** Spend against a budget: to date, daily burn, projected period end, days until it runs out. */
struct BudgetProjection
{
    Decimal spendToDate;             ///< estimated billable up to the as-of
    MaybeDecimal dailyBurn;          ///< spendToDate / daysElapsed
    MaybeDecimal projectedMonthEnd;  ///< spendToDate × daysInPeriod / daysElapsed
    MaybeDecimal budget;
    qint64 daysUntilExhausted = -1;  ///< whole days from the as-of day; 0 = already reached; -1 = unknown (no budget or no burn)
};

/** One key in the allocation: the owners row that claims it (if any) and its totals. */
struct KeyAllocation
{
    QString apiKeyName;
    StringPool::Id apiKey = 0;   ///< pool id (0: the key was never seen in any ledger)
    int ownerRow = -1;           ///< index into LedgerSet::owners, -1 = unmapped
    QString ownerGroup;          ///< the row's owner_group ("" when unmapped)
    QString workload;            ///< the row's workload ("" when unmapped)
    qint64 attempts = 0;         ///< attempts not quarantined (as by_key)
    Decimal estimatedCost;       ///< estimated_billable of the key (as by_key)
    MaybeDecimal providerReported;
    BudgetProjection projection; ///< the key's own monthly budget
    bool budgetComparable = true; ///< false: the budget is in another currency than the period
    /** The owner groups the key's cost goes to, with weights (one entry of weight 1 for `direct`). */
    struct Share
    {
        QString group;
        Decimal weight;
    };
    std::vector<Share> shares;
};

/** One owner group (or the unmapped bucket) with its allocated totals. */
struct OwnerAllocation
{
    QString ownerGroup;
    bool unmapped = false;
    QStringList keys;             ///< keys that contribute (directly or by a shared: rule), sorted
    qint64 attempts = 0;          ///< split like money (integer parts, remainder to the first group)
    Decimal estimatedCost;        ///< the parts add up to cost.estimated_billable exactly
    MaybeDecimal providerReported; ///< split the same way; unknown when the period has no provider figure
    qint64 keysWithoutBudget = 0; ///< contributing keys with no (comparable) monthly_budget
    BudgetProjection projection;  ///< budget = the sum of its keys' budgets (shared keys' split by weight)
};

/** Retries and fallbacks per workload: cost per business transaction and per attempt (seed 001). */
struct RetryStats
{
    QString workload; ///< owners.csv workload of the key, or kUnmappedGroup
    QStringList keys;
    qint64 requests = 0, attempts = 0, firstAttempts = 0, retries = 0, fallbacks = 0, requestsWithRetries = 0;
    Decimal estimatedCost;      ///< estimated billable of these attempts
    Decimal retryEstimatedCost; ///< the part spent on attempts after the first
    MaybeDecimal attemptsPerRequest, costPerRequest, costPerAttempt;
};

/** One cost per business unit (formats.md §10), with where each side comes from. */
struct UnitCost
{
    QString workload, unitName;
    QString cadence;            ///< "daily" (one units row) or "period" (all days the units file covers)
    DayNumber day = 0;          ///< daily: the UTC date
    qint64 days = 0;            ///< period: number of dated unit rows summed
    MaybeDecimal numerator;     ///< estimated billable of the workload's keys on those UTC days; unknown when no key has the workload
    Decimal denominator;        ///< the unit count
    MaybeDecimal unitCost;      ///< numerator / denominator (half-even at 18 digits); unknown when either is
    Decimal costOnDaysWithoutUnits; ///< period: the workload's cost on days with no count (not in the numerator)
    QStringList keys;           ///< keys whose cost is the numerator
    QString numeratorSource, denominatorSource;
};

/** Where an alert's evidence row lives. */
enum class EvidenceLedger : std::int8_t { Client = 0, Gateway, ProviderDaily, ProviderRequest };
const char *evidenceLedgerName(EvidenceLedger l);

struct EvidenceRow
{
    EvidenceLedger ledger = EvidenceLedger::Client;
    std::uint32_t row = 0; ///< index into LedgerSet::client / gateway / providerDaily / providerRequests
};

/** One alert (seed 000, "Recommended alert design"): what fired, on what, the rows, and what to do. */
struct Alert
{
    QString code;      ///< volume_spike, budget_exceeded, budget_projected_overrun, variance_growing,
                       ///< unknown_billing_behaviour, ip_outside_allowlist
    QString severity;  ///< critical | warning
    QString subject;   ///< the key, owner group, model, status or shape it is about
    QString detail;
    QString action;    ///< the suggested action
    QString basis;     ///< the ledger(s) it is judged on: client, gateway, provider, client+provider
    DayNumber day = 0; ///< the first day it concerns
    bool hasDay = false;
    qint64 rows = 0;   ///< evidence rows in total
    std::vector<EvidenceRow> evidence; ///< the first rows (capped at kMaxEvidence), in ledger order
    static constexpr std::size_t kMaxEvidence = 1000;
};

/** Everything the allocation computed for a period (core/allocation/README.md). */
struct AllocationResult
{
    ProjectionFrame frame;
    std::vector<KeyAllocation> keys;     ///< by api_key_name
    std::vector<OwnerAllocation> owners; ///< by owner_group, the unmapped bucket last
    std::vector<RetryStats> retries;     ///< by workload, unmapped last
    std::vector<UnitCost> unitCosts;     ///< by workload, unit, then daily rows by date and the period row last
    std::vector<Alert> alerts;           ///< critical first, then code, subject, day
};

} // namespace tl
