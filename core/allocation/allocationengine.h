// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"

namespace tl {

struct ReconcileResult;

/**
 * Runs the allocation of a reconciled period into res.allocation (README.md in this
 * directory): keys to owners with shared splits and the unmapped bucket, budgets and burn as of
 * the newest data, retry amplification per workload, unit costs, and the alerts. It reads the
 * result's lines and totals and never changes them, nor the decision. Pure: the same result
 * and ledgers give the same allocation.
 */
class AllocationEngine
{
public:
    static void run(ReconcileResult &res, const LedgerSet &set);
};

} // namespace tl
