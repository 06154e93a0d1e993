// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/allocationresult.h"
#include "core/model/ledgerset.h"

#include <cstdint>
#include <vector>

namespace tl {

struct ReconcileResult;

/**
 * Budgets and burn (README.md in this directory). Projections are as of the newest client
 * attempt in the period (before the job's as_of), never the wall clock, so a rerun gives the
 * same numbers. Days are counted from start_utc in whole 24-hour days; the as-of day counts as
 * elapsed. Spend is the client estimate (estimated_billable), the basis seed 000 gives for
 * budget alerts.
 */
class BudgetProjector
{
public:
    /** Where the period's data reaches. */
    static ProjectionFrame frame(const ReconcileResult &res, const LedgerSet &set);
    /** Each key's estimated billable spend up to the frame's as-of (lineSlot: slot per result line). */
    static void spendToDate(const ReconcileResult &res, const LedgerSet &set, const std::vector<std::int32_t> &lineSlot,
                            const ProjectionFrame &f, std::vector<KeyAllocation> &keys);
    /**
     * Fills daily burn, projected period end and days until the budget runs out from
     * p.spendToDate and p.budget: burn = spend / daysElapsed, projected = spend × daysInPeriod /
     * daysElapsed (each half-even at 18 digits), days = ⌊(budget − spend) × daysElapsed / spend⌋
     * (0 once spend reaches the budget; unknown without a budget or without spend).
     */
    static void project(BudgetProjection &p, const ProjectionFrame &f);
};

} // namespace tl
