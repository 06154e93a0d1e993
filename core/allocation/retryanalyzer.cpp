// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/retryanalyzer.h"

#include "core/reconcile/reconcileresult.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace tl {

std::vector<RetryStats> RetryAnalyzer::analyze(const ReconcileResult &res, const LedgerSet &set,
                                               const std::vector<KeyAllocation> &keys, const std::vector<std::int32_t> &lineSlot)
{
    const QString unmappedName = QString::fromLatin1(kUnmappedGroup);
    // Workloads by name, the unmapped bucket last; each key slot points at its workload.
    std::map<QByteArray, int> byName;
    for (const KeyAllocation &k : keys)
        if (!k.workload.isEmpty())
            byName.emplace(k.workload.toUtf8(), 0);
    std::vector<RetryStats> out;
    for (auto &[name, index] : byName) {
        index = static_cast<int>(out.size());
        RetryStats s;
        s.workload = QString::fromUtf8(name);
        out.push_back(s);
    }
    const int unmappedIndex = static_cast<int>(out.size());
    {
        RetryStats s;
        s.workload = unmappedName;
        out.push_back(s);
    }
    std::vector<int> workloadOfSlot(keys.size(), unmappedIndex);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (!keys[i].workload.isEmpty())
            workloadOfSlot[i] = byName[keys[i].workload.toUtf8()];

    // Distinct request ids per workload: one bitset over the pool ids per workload that has
    // traffic (a request id is an interned string, so ids are dense and below the pool size).
    const AttemptTable &c = set.client;
    std::uint32_t maxRequest = 0;
    for (std::uint32_t row : res.lineRow)
        maxRequest = std::max(maxRequest, c.requestId[row]);
    std::vector<std::vector<std::uint64_t>> seen(out.size());
    std::unordered_set<std::uint64_t> retried; // (workload, request) pairs with an attempt > 1
    std::vector<std::uint8_t> hasLine(out.size(), 0);

    const std::size_t L = res.lineRow.size();
    for (std::size_t li = 0; li < L; ++li) {
        if (res.lineQuarantine[li] == Quarantine::Duplicate)
            continue;
        const std::uint32_t row = res.lineRow[li];
        const std::int32_t slot = lineSlot[li];
        const int w = slot < 0 ? unmappedIndex : workloadOfSlot[static_cast<std::size_t>(slot)];
        RetryStats &s = out[static_cast<std::size_t>(w)];
        hasLine[static_cast<std::size_t>(w)] = 1;
        ++s.attempts;
        const bool retry = c.attempt[row] > 1;
        if (retry) {
            ++s.retries;
            retried.insert((static_cast<std::uint64_t>(w) << 32) | c.requestId[row]);
        } else {
            ++s.firstAttempts;
        }
        if (c.role[row] == 2)
            ++s.fallbacks;
        auto &bits = seen[static_cast<std::size_t>(w)];
        if (bits.empty())
            bits.assign(maxRequest / 64 + 1, 0);
        const std::uint32_t id = c.requestId[row];
        std::uint64_t &word = bits[id / 64];
        const std::uint64_t bit = std::uint64_t(1) << (id % 64);
        if (!(word & bit)) {
            word |= bit;
            ++s.requests;
        }
        const auto t = static_cast<Treatment>(res.lineTreatment[li]);
        if (res.lineQuarantine[li] == Quarantine::None && res.lineCostKnown[li] && (t == Treatment::Billable || t == Treatment::Partial)) {
            s.estimatedCost += res.lineCost[li];
            if (retry)
                s.retryEstimatedCost += res.lineCost[li];
        }
    }
    for (std::uint64_t pair : retried)
        ++out[static_cast<std::size_t>(pair >> 32)].requestsWithRetries;

    for (std::size_t i = 0; i < keys.size(); ++i) {
        // Keys are listed under their workload when they had attempts there.
        RetryStats &s = out[static_cast<std::size_t>(workloadOfSlot[i])];
        if (s.keys.isEmpty() || s.keys.last() != keys[i].apiKeyName)
            s.keys << keys[i].apiKeyName;
    }
    std::vector<RetryStats> kept;
    for (std::size_t w = 0; w < out.size(); ++w) {
        RetryStats &s = out[w];
        if (!hasLine[w] && s.attempts == 0)
            continue;
        if (s.requests > 0) {
            s.attemptsPerRequest = {Decimal::fromInt(s.attempts).divInt(s.requests), true};
            s.costPerRequest = {s.estimatedCost.divInt(s.requests), true};
        }
        if (s.attempts > 0)
            s.costPerAttempt = {s.estimatedCost.divInt(s.attempts), true};
        kept.push_back(std::move(s));
    }
    return kept;
}

} // namespace tl
