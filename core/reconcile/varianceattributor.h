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

    /** Daily aggregates (CometAPI daily_quota): one cell per key and day. */
    void attributeDaily(std::vector<KeyDayCell> &cells, const Context &ctx);
    /** Moves opposite residuals of adjacent days of one key into window_mismatch. */
    void pairWindowMismatch();
    /** Adds one item and tags the lines behind it. */
    void add(VarianceCategory c, StringPool::Id key, DayNumber day, Decimal amount,
             std::vector<std::uint32_t> lines, std::vector<std::uint32_t> providerRows = {}, bool providerRowsAreRequests = false);

private:
    bool inPostingWindow(DayNumber day, const Context &ctx) const;
    ReconcileResult &m_result;
};

} // namespace tl
