// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/keydirectory.h"

#include "core/reconcile/reconcileresult.h"

#include <algorithm>
#include <map>
#include <string>

namespace tl {

KeyDirectory::KeyDirectory(const ReconcileResult &res, const LedgerSet &set)
    : m_set(set)
{
    const StringPool &pool = set.pool();
    const AttemptTable &c = set.client;
    // Sorted by the UTF-8 bytes of the name, as by_key is.
    std::map<std::string, KeyAllocation, std::less<>> byName;
    auto entry = [&](std::string_view name, StringPool::Id id) -> KeyAllocation & {
        auto it = byName.find(name);
        if (it == byName.end()) {
            KeyAllocation k;
            k.apiKeyName = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
            k.apiKey = id;
            // A key the provider does not list, in a period that has a provider figure, is a known zero.
            if (res.providerReported.known)
                k.providerReported = {Decimal(), true};
            it = byName.emplace(std::string(name), std::move(k)).first;
        }
        return it->second;
    };
    for (const KeyTotals &kt : res.byKey) {
        KeyAllocation &k = entry(pool.view(kt.apiKey), kt.apiKey);
        k.attempts = kt.attempts;
        k.estimatedCost = kt.estimatedCost;
        if (kt.providerReported.known)
            k.providerReported = kt.providerReported;
    }
    // Keys whose every attempt was quarantined are not in by_key but still had traffic. A flat
    // array over the key ids (dense pool ids) instead of a hash per attempt.
    StringPool::Id maxKey = 0;
    for (std::uint32_t row : res.lineRow)
        maxKey = std::max(maxKey, c.apiKey[row]);
    {
        std::vector<std::uint8_t> seen(res.lineRow.empty() ? 0 : static_cast<std::size_t>(maxKey) + 1, 0);
        for (std::uint32_t row : res.lineRow) {
            const StringPool::Id k = c.apiKey[row];
            if (!seen[k]) {
                seen[k] = 1;
                entry(pool.view(k), k);
            }
        }
    }
    for (std::size_t i = 0; i < set.owners.size(); ++i) {
        const OwnerRow &o = set.owners[i];
        const QByteArray name = o.apiKeyName.toUtf8();
        const std::string_view nv(name.constData(), static_cast<std::size_t>(name.size()));
        KeyAllocation &k = entry(nv, pool.find(nv));
        if (k.ownerRow >= 0)
            continue; // the first row of a key wins (the importer refuses a second one anyway)
        k.ownerRow = static_cast<int>(i);
        k.ownerGroup = o.ownerGroup;
        k.workload = o.workload;
    }

    m_keys.reserve(byName.size());
    for (auto &[name, k] : byName) {
        if (k.apiKey != StringPool::None || k.apiKeyName.isEmpty())
            m_slotByKey.insert(k.apiKey, static_cast<int>(m_keys.size()));
        m_keys.push_back(std::move(k));
    }

    const std::size_t L = res.lineRow.size();
    m_lineSlot.resize(L);
    if (L == 0)
        return;
    std::vector<std::int32_t> slotById(static_cast<std::size_t>(maxKey) + 1, -1);
    for (auto it = m_slotByKey.cbegin(); it != m_slotByKey.cend(); ++it)
        if (it.key() <= maxKey)
            slotById[it.key()] = it.value();
    for (std::size_t li = 0; li < L; ++li)
        m_lineSlot[li] = slotById[c.apiKey[res.lineRow[li]]];
}

const OwnerRow *KeyDirectory::owner(int slot) const
{
    if (slot < 0 || static_cast<std::size_t>(slot) >= m_keys.size())
        return nullptr;
    const int row = m_keys[static_cast<std::size_t>(slot)].ownerRow;
    return row < 0 ? nullptr : &m_set.owners[static_cast<std::size_t>(row)];
}

} // namespace tl
