// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/costallocator.h"

#include "core/allocation/sharesplitter.h"

#include <map>

namespace tl {

void CostAllocator::assignShares(KeyAllocation &key, const OwnerRow *owner)
{
    key.shares.clear();
    if (owner && !owner->shares.empty()) {
        for (const OwnerRow::Share &s : owner->shares)
            key.shares.push_back({s.group, s.weight});
        return;
    }
    if (owner && !owner->ownerGroup.isEmpty()) {
        key.shares.push_back({owner->ownerGroup, Decimal::fromInt(1)});
        return;
    }
    key.shares.push_back({QString::fromLatin1(kUnmappedGroup), Decimal::fromInt(1)});
}

std::vector<OwnerAllocation> CostAllocator::allocate(const std::vector<KeyAllocation> &keys, bool providerKnown)
{
    const QString unmappedName = QString::fromLatin1(kUnmappedGroup);
    // Owner groups by name (UTF-8 byte order, as keys are sorted); the unmapped bucket apart.
    std::map<QByteArray, OwnerAllocation> groups;
    OwnerAllocation unmapped;
    unmapped.ownerGroup = unmappedName;
    unmapped.unmapped = true;
    auto group = [&](const QString &name, bool isUnmapped) -> OwnerAllocation & {
        if (isUnmapped)
            return unmapped;
        OwnerAllocation &g = groups[name.toUtf8()];
        g.ownerGroup = name;
        return g;
    };

    for (const KeyAllocation &k : keys) {
        if (k.shares.empty())
            continue;
        const bool isUnmapped = k.shares.size() == 1 && k.shares.front().group == unmappedName && k.ownerGroup.isEmpty();
        std::vector<Decimal> weights;
        weights.reserve(k.shares.size());
        for (const KeyAllocation::Share &s : k.shares)
            weights.push_back(s.weight);
        const std::vector<Decimal> cost = ShareSplitter::split(k.estimatedCost, weights);
        const std::vector<Decimal> toDate = ShareSplitter::split(k.projection.spendToDate, weights);
        const std::vector<std::int64_t> attempts = ShareSplitter::split(static_cast<std::int64_t>(k.attempts), weights);
        std::vector<Decimal> provider, budget;
        if (k.providerReported.known)
            provider = ShareSplitter::split(k.providerReported.value, weights);
        if (k.projection.budget.known)
            budget = ShareSplitter::split(k.projection.budget.value, weights);
        for (std::size_t i = 0; i < k.shares.size(); ++i) {
            OwnerAllocation &g = group(k.shares[i].group, isUnmapped);
            if (g.keys.isEmpty() || g.keys.last() != k.apiKeyName)
                g.keys << k.apiKeyName;
            g.attempts += attempts[i];
            g.estimatedCost += cost[i];
            g.projection.spendToDate += toDate[i];
            if (providerKnown) {
                const Decimal part = provider.empty() ? Decimal() : provider[i];
                g.providerReported = {(g.providerReported.known ? g.providerReported.value : Decimal()) + part, true};
            }
            if (!budget.empty()) {
                g.projection.budget = {(g.projection.budget.known ? g.projection.budget.value : Decimal()) + budget[i], true};
            } else {
                ++g.keysWithoutBudget;
            }
        }
    }

    std::vector<OwnerAllocation> out;
    out.reserve(groups.size() + 1);
    for (auto &[name, g] : groups) {
        if (providerKnown && !g.providerReported.known)
            g.providerReported = {Decimal(), true};
        out.push_back(std::move(g));
    }
    if (providerKnown && !unmapped.providerReported.known)
        unmapped.providerReported = {Decimal(), true};
    out.push_back(std::move(unmapped));
    for (OwnerAllocation &g : out)
        g.keys.sort();
    return out;
}

} // namespace tl
