// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/allocationresult.h"
#include "core/model/ledgerset.h"

#include <cstdint>
#include <vector>

namespace tl {

struct ReconcileResult;

/**
 * Cost per business unit (formats.md §10, seed 002: "use unit metrics only when the numerator,
 * denominator, source system and refresh cadence are documented"). For each units row dated
 * inside the period: numerator = the estimated billable cost, that UTC day, of the attempts of
 * keys whose owners row has the row's workload (an empty workload means the whole account);
 * denominator = the count; unit cost = numerator / denominator, half-even at 18 digits. Plus
 * one `period` entry per workload and unit over the dated days, with the workload's cost on
 * days without a count shown beside it, not folded in. A workload no key maps to has an
 * unknown numerator (never 0); a count of 0 gives an unknown unit cost.
 */
class UnitEconomics
{
public:
    static std::vector<UnitCost> compute(const ReconcileResult &res, const LedgerSet &set,
                                         const std::vector<KeyAllocation> &keys, const std::vector<std::int32_t> &lineSlot);
};

} // namespace tl
