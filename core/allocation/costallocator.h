// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/allocationresult.h"
#include "core/model/referencetables.h"

#include <vector>

namespace tl {

/**
 * Allocation (formats.md §7, seed 002): each key's cost goes to the owner group of its owners
 * row (`direct`) or is split by the weights of its `shared:` rule; a key without an owners row
 * (or with an empty owner_group) goes to the unmapped bucket, which is always listed, so no
 * spend is ever dropped. Money, attempts, provider figures, spend to date and budgets are split
 * by ShareSplitter (parts rounded toward zero, the remainder to the first group listed), so each
 * owner column adds up to the key column exactly.
 */
class CostAllocator
{
public:
    /** Sets each key's shares from its owners row (nullptr = unmapped). */
    static void assignShares(KeyAllocation &key, const OwnerRow *owner);
    /**
     * The owner groups, sorted by name with the unmapped bucket last. providerKnown: the period
     * has a provider figure (else every owner's provider_reported is unknown).
     */
    static std::vector<OwnerAllocation> allocate(const std::vector<KeyAllocation> &keys, bool providerKnown);
};

} // namespace tl
