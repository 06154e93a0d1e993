// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/allocationresult.h"
#include "core/model/ledgerset.h"

#include <QHash>

#include <cstdint>
#include <vector>

namespace tl {

struct ReconcileResult;

/**
 * The keys of a period: every key some ledger used (the result's by_key) and every key the
 * owners table lists, sorted by name, each with its owners row (or none: unmapped) and its
 * totals. Gives each key a dense slot so that per-attempt passes index arrays instead of
 * hashing strings: lineSlot()[li] is the slot of result line li.
 */
class KeyDirectory
{
public:
    KeyDirectory(const ReconcileResult &res, const LedgerSet &set);

    /** The keys, by name; slots index this vector. */
    std::vector<KeyAllocation> &keys() { return m_keys; }
    const std::vector<KeyAllocation> &keys() const { return m_keys; }
    /** Slot of a pool key id, -1 when the key is unknown. */
    int slotOf(StringPool::Id key) const { return m_slotByKey.value(key, -1); }
    /** Slot per result line (ReconcileResult::lineRow order). */
    const std::vector<std::int32_t> &lineSlot() const { return m_lineSlot; }
    /** The owners row of a slot, or nullptr. */
    const OwnerRow *owner(int slot) const;

private:
    const LedgerSet &m_set;
    std::vector<KeyAllocation> m_keys;
    QHash<StringPool::Id, int> m_slotByKey;
    std::vector<std::int32_t> m_lineSlot;
};

} // namespace tl
