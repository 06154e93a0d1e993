// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/allocationresult.h"
#include "core/model/ledgerset.h"

#include <cstdint>
#include <vector>

namespace tl {

struct ReconcileResult;

/**
 * Retry amplification per workload (seed 001: "report cost per business transaction and cost
 * per API attempt separately"): business transactions (distinct request_id), attempts, retries
 * (attempt > 1), fallbacks (role = fallback), the estimated billable cost, the part of it spent
 * on attempts after the first, and the ratios. Duplicate log lines are not attempts and are left
 * out; other quarantined attempts count as attempts (they happened) but add no cost.
 */
class RetryAnalyzer
{
public:
    static std::vector<RetryStats> analyze(const ReconcileResult &res, const LedgerSet &set,
                                           const std::vector<KeyAllocation> &keys, const std::vector<std::int32_t> &lineSlot);
};

} // namespace tl
