// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/reconcile/reconcileresult.h"

#include <QSet>
#include <QTimeZone>

#include <vector>

namespace tl {

/** Client lines and provider figures of one key on one provider-zone day. */
struct KeyDayCell
{
    StringPool::Id key = 0;
    DayNumber day = 0;
    Decimal estimated;                  ///< billable estimate of the client lines
    std::vector<std::uint32_t> billable; ///< line indices priced as billable/partial
    /** Lines the provider may have charged although the estimate has no cost for them, by kind:
     *  0 missing usage (quarantined), 1 client timeouts, 2 other unverified outcomes,
     *  3 non-billable attempts that were retried. */
    std::array<std::vector<std::uint32_t>, 4> candidates;
    bool hasProvider = false;
    Decimal provider;
    qint64 providerRequests = -1;
    std::vector<std::uint32_t> providerRows; ///< indices into LedgerSet::providerDaily
};

/** One provider record, with the client line it joined (or none). */
struct RequestPair
{
    std::int32_t line = -1;     ///< line index, -1 when the record joined no client line
    std::uint32_t record = 0;   ///< index into LedgerSet::providerRequests
    StringPool::Id key = 0;
    DayNumber day = 0;
    Decimal providerCost;
    MaybeDecimal costAtProviderTokens; ///< the line's price row applied to the provider's tokens
    bool modelDiffers = false, tokensDiffer = false;
};

/**
 * Explains the variance of every key and day by category (reconciliation.md, Variance
 * categories), so that the categories add up to the variance exactly: each cell's residual
 * is consumed step by step and whatever is left is `rounding` (within the provider's
 * published precision) or `unexplained`. The method is documented in docs/reconciliation.md.
 */
class VarianceAttributor
{
public:
    struct Context
    {
        QSet<StringPool::Id> clientKeys;  ///< keys the client used anywhere in the period
        UtcMicros observedAt = kNoTime;   ///< when the provider figures were observed
        std::int64_t postingWindowMicros = 0;
        Decimal toleranceUnit;            ///< half a unit of the provider's last published digit
        QTimeZone dayTz;
    };

    explicit VarianceAttributor(ReconcileResult &result) : m_result(result) {}
    /** Key and provider-zone day per line, for lines attributed without a provider record. */
    void setLineKeysAndDays(const std::vector<StringPool::Id> *keys, const std::vector<DayNumber> *days)
    {
        m_lineKey = keys;
        m_lineDay = days;
    }

    /** Daily aggregates (CometAPI daily_quota): one cell per key and day. */
    void attributeDaily(std::vector<KeyDayCell> &cells, const Context &ctx);
    /**
     * Per-request provider records joined to client lines: each pair's difference goes to one
     * category (model_drift, token_difference then price_drift, the outcome's category, rounding),
     * records without a line to missing_in_client, billable lines without a record to
     * posting_delay or missing_in_provider. Items are summed per category, key and day.
     */
    void attributeRequests(const std::vector<RequestPair> &pairs, const std::vector<std::uint32_t> &unmatchedBillable,
                           const std::vector<std::uint8_t> &retried, const Context &ctx);
    /** Moves opposite residuals of adjacent days of one key into window_mismatch. */
    void pairWindowMismatch();
    /** Adds one item and tags the lines behind it. */
    void add(VarianceCategory c, StringPool::Id key, DayNumber day, Decimal amount,
             std::vector<std::uint32_t> lines, std::vector<std::uint32_t> providerRows = {}, bool providerRowsAreRequests = false);

private:
    bool inPostingWindow(DayNumber day, const Context &ctx) const;
    ReconcileResult &m_result;
    const std::vector<StringPool::Id> *m_lineKey = nullptr;
    const std::vector<DayNumber> *m_lineDay = nullptr;
};

} // namespace tl
