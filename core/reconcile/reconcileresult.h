// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/allocationresult.h"
#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"

#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace tl {

/** Why an attempt was quarantined (formats.md: well-formed rows that cannot be priced or trusted). */
enum class Quarantine : std::int8_t { None = 0, UnknownModel, MissingUsage, Duplicate };
const char *quarantineName(Quarantine q);

/** The variance categories (reconciliation.md, Variance categories), in report order. */
enum class VarianceCategory : std::int8_t {
    None = -1,
    MissingInClient = 0,
    MissingInProvider,
    RetryAmplification,
    TimeoutAmbiguity,
    MissingUsage,
    ModelDrift,
    TokenDifference,
    PriceDrift,
    PostingDelay,
    WindowMismatch,
    Rounding,
    UnverifiedOutcome,
    Unexplained,
};
constexpr int VarianceCategoryCount = 13;
const char *varianceCategoryName(VarianceCategory c);

enum class Decision : std::int8_t { Pass = 0, Warn = 1, Fail = 2 };
const char *decisionName(Decision d);

/** One reason behind the decision, with the rows or entries behind it. */
struct DecisionReason
{
    QString code;
    Decision level = Decision::Warn;
    QString detail;
    qint64 rows = 0;
    std::vector<std::uint32_t> clientRows; ///< indices into LedgerSet::client (capped for display)
    QStringList entries;                   ///< evidence ids, models, snapshot ids
};

/**
 * One attributed amount: a category for one key and day, and the rows behind it
 * (client attempts by index, provider records by index into providerDaily or providerRequests).
 */
struct VarianceItem
{
    VarianceCategory category = VarianceCategory::Unexplained;
    StringPool::Id apiKey = 0;
    DayNumber day = 0;
    Decimal amount;
    std::vector<std::uint32_t> clientRows;
    std::vector<std::uint32_t> providerRows;
    bool providerRowsAreRequests = false;
    qint64 rowCount() const { return static_cast<qint64>(clientRows.size() + providerRows.size()); }
};

struct ModelTotals
{
    StringPool::Id model = 0;
    qint64 attempts = 0, inputTokens = 0, outputTokens = 0;
    Decimal estimatedCost;
};

struct KeyTotals
{
    StringPool::Id apiKey = 0;
    qint64 attempts = 0, firstAttempts = 0, retries = 0, gatewayAttempts = 0;
    Decimal estimatedCost, estimatedUnverified;
    MaybeDecimal providerReported;
    qint64 providerRequests = -1; ///< -1 unknown
    MaybeDecimal variance;
};

/** Counts per key and provider-zone day: client vs gateway vs provider (seed 001 §3). */
struct DayCount
{
    StringPool::Id apiKey = 0;
    DayNumber day = 0;
    qint64 clientAttempts = 0, clientFirstAttempts = 0, clientBillable = 0, gatewayAttempts = 0;
    qint64 providerRequests = -1;
    Decimal estimated;
    MaybeDecimal provider;
    /** Client attempts of the cell by outcome class (index: Outcome; quarantined attempts included). */
    std::array<qint64, 10> clientByOutcome{};
};

struct ObservationTotal
{
    UtcMicros observedAt = kNoTime;
    QString file;
    MaybeDecimal providerReported;
};

struct FinanceSummary
{
    bool present = false;
    Decimal usageSubtotal, credits, discounts, tax, refunds, topups, adjustments, fx, invoiceTotal;
    MaybeDecimal usageVsProvider; ///< invoice usage lines − provider_reported
};

/**
 * Everything a reconciliation computed, in the core's terms. The writers turn it into
 * summary.json, lines.csv and variance.csv; the GUI reads it directly.
 */
struct ReconcileResult
{
    Period period;
    JobControls controls;

    // Per client attempt inside the period (indices into LedgerSet::client), columnar.
    std::vector<std::uint32_t> lineRow;
    std::vector<std::int8_t> lineOutcome, lineTreatment;
    std::vector<Quarantine> lineQuarantine;
    std::vector<StringPool::Id> lineBillableModel, lineSnapshot;
    std::vector<Decimal> lineCost;
    std::vector<std::uint8_t> lineCostKnown;
    std::vector<VarianceCategory> lineCategory;
    std::vector<std::int32_t> linePriceRow;
    std::vector<std::uint32_t> excludedRows; ///< client rows outside the period

    // Counts
    qint64 attempts = 0, requests = 0, retries = 0;
    std::array<qint64, 10> byOutcome{};
    qint64 quarantinedUnknownModel = 0, quarantinedMissingUsage = 0, quarantinedDuplicate = 0;
    qint64 tokensInput = 0, tokensCached = 0, tokensOutput = 0, tokensReasoning = 0;

    // Cost
    Decimal estimatedBillable, estimatedUnverified;
    MaybeDecimal providerReported, variance;
    QString providerSource; ///< "daily" (aggregates), "requests" (per-request records) or empty
    bool provisional = false;
    UtcMicros observedAt = kNoTime;

    std::vector<ModelTotals> byModel;
    std::vector<KeyTotals> byKey;
    std::vector<DayCount> dayCounts;
    std::vector<VarianceItem> variance_items;
    std::array<Decimal, VarianceCategoryCount> varianceByCategory{};
    std::array<qint64, VarianceCategoryCount> varianceRowsByCategory{};
    std::vector<ObservationTotal> observations;
    FinanceSummary finance;

    // Per-request joins (provider records or gateway rows vs client)
    qint64 gatewayAttempts = 0;
    /** Per-request joins of provider records and of gateway rows to client lines. */
    struct JoinStats
    {
        bool present = false;
        qint64 records = 0, byResponseId = 0, byRequestId = 0, fuzzy = 0, unmatchedRecords = 0, unmatchedLines = 0;
        qint64 tokenMismatches = 0, modelMismatches = 0;
    };
    JoinStats providerJoin, gatewayJoin;

    Decision decision = Decision::Pass;
    std::vector<DecisionReason> reasons;
    QStringList newModels;
    QStringList warnings;

    /** Owners, budgets, retries per workload, unit costs and alerts (core/allocation). */
    AllocationResult allocation;
};

} // namespace tl
