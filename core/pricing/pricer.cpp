// SPDX-License-Identifier: Apache-2.0
#include "core/pricing/pricer.h"

#include "core/util/timeutil.h"

namespace tl {

namespace {
bool validAt(UtcMicros from, UtcMicros to, UtcMicros t)
{
    return (from == kNoTime || from <= t) && (to == kNoTime || t < to);
}
bool overlaps(const PriceRow &a, const PriceRow &b)
{
    const UtcMicros aFrom = a.validFrom == kNoTime ? std::numeric_limits<UtcMicros>::min() + 1 : a.validFrom;
    const UtcMicros bFrom = b.validFrom == kNoTime ? std::numeric_limits<UtcMicros>::min() + 1 : b.validFrom;
    const UtcMicros aTo = a.validTo == kNoTime ? std::numeric_limits<UtcMicros>::max() : a.validTo;
    const UtcMicros bTo = b.validTo == kNoTime ? std::numeric_limits<UtcMicros>::max() : b.validTo;
    return aFrom < bTo && bFrom < aTo;
}
} // namespace

Pricer::Pricer(const LedgerSet &set, const QString &periodSnapshotId)
    : m_set(set)
{
    StringPool &pool = const_cast<LedgerSet &>(set).pool();
    m_periodSnapshot = periodSnapshotId.isEmpty() ? 0 : pool.intern(periodSnapshotId);
    for (int i = 0; i < static_cast<int>(set.mappings.size()); ++i) {
        const MappingRow &m = set.mappings[static_cast<std::size_t>(i)];
        m_mappingsByRequested[pool.intern(m.requestedModel)].push_back(i);
        m_mappingBillable.push_back(pool.intern(m.billableModel));
        m_mappingSnapshot.push_back(m.snapshotId.isEmpty() ? 0 : pool.intern(m.snapshotId));
    }
    for (int i = 0; i < static_cast<int>(set.prices.size()); ++i) {
        const PriceRow &p = set.prices[static_cast<std::size_t>(i)];
        const StringPool::Id model = pool.intern(p.billableModel);
        const StringPool::Id snap = pool.intern(p.snapshotId);
        auto &same = m_pricesBySnapshotModel[(static_cast<quint64>(snap) << 32) | model];
        for (int j : same) {
            const PriceRow &q = set.prices[static_cast<std::size_t>(j)];
            if (q.tierMinInputTokens == p.tierMinInputTokens && overlaps(p, q))
                m_errors << QStringLiteral("price snapshot %1 has two rows for %2 valid at once (lines %3 and %4)")
                                .arg(p.snapshotId, p.billableModel)
                                .arg(q.sourceLine)
                                .arg(p.sourceLine);
        }
        same.push_back(i);
        m_pricesByModel[model].push_back(i);
    }
}

PriceResult Pricer::resolve(StringPool::Id modelRequested, StringPool::Id modelBilled, UtcMicros t, std::int64_t input) const
{
    PriceResult r;
    StringPool::Id snapshot = m_periodSnapshot;
    if (modelBilled != 0) {
        r.billableModel = modelBilled;
        // The mapping may still name the snapshot for the billed model.
        const auto it = m_mappingsByRequested.constFind(modelRequested);
        if (it != m_mappingsByRequested.cend()) {
            for (int mi : it.value()) {
                const MappingRow &m = m_set.mappings[static_cast<std::size_t>(mi)];
                if (validAt(m.validFrom, m.validTo, t) && m_mappingBillable[static_cast<std::size_t>(mi)] == modelBilled) {
                    if (m_mappingSnapshot[static_cast<std::size_t>(mi)] != 0)
                        snapshot = m_mappingSnapshot[static_cast<std::size_t>(mi)];
                    r.mappingRow = mi;
                    break;
                }
            }
        }
    } else {
        const auto it = m_mappingsByRequested.constFind(modelRequested);
        if (it == m_mappingsByRequested.cend())
            return r;
        int chosen = -1;
        for (int mi : it.value()) {
            const MappingRow &m = m_set.mappings[static_cast<std::size_t>(mi)];
            if (!validAt(m.validFrom, m.validTo, t))
                continue;
            // Several valid rows: the primary one wins (a fallback row documents the chain).
            if (chosen < 0 || (m.role == 1 && m_set.mappings[static_cast<std::size_t>(chosen)].role != 1))
                chosen = mi;
        }
        if (chosen < 0)
            return r;
        r.mappingRow = chosen;
        r.billableModel = m_mappingBillable[static_cast<std::size_t>(chosen)];
        if (m_mappingSnapshot[static_cast<std::size_t>(chosen)] != 0)
            snapshot = m_mappingSnapshot[static_cast<std::size_t>(chosen)];
    }
    const std::vector<int> *rows = nullptr;
    if (snapshot != 0) {
        const auto it = m_pricesBySnapshotModel.constFind((static_cast<quint64>(snapshot) << 32) | r.billableModel);
        if (it != m_pricesBySnapshotModel.cend())
            rows = &it.value();
    } else {
        const auto it = m_pricesByModel.constFind(r.billableModel);
        if (it != m_pricesByModel.cend())
            rows = &it.value();
    }
    if (!rows)
        return r;
    // The row with the largest tier threshold strictly below the input tokens; the base row
    // (no threshold) when input is unknown or below every tier.
    int best = -1;
    std::int64_t bestTier = std::numeric_limits<std::int64_t>::min();
    for (int pi : *rows) {
        const PriceRow &p = m_set.prices[static_cast<std::size_t>(pi)];
        if (!validAt(p.validFrom, p.validTo, t))
            continue;
        const std::int64_t tier = p.tierMinInputTokens; // kUnknown (-1) = base
        if (tier >= 0 && (input < 0 || tier >= input))
            continue;
        if (tier > bestTier) {
            bestTier = tier;
            best = pi;
        }
    }
    if (best < 0)
        return r;
    r.priceRow = best;
    r.status = PriceResult::Priced;
    return r;
}

Decimal Pricer::tokenCost(const PriceRow &row, std::int64_t input, std::int64_t cached, std::int64_t cacheWrite,
                          std::int64_t output, std::int64_t reasoning)
{
    const auto z = [](std::int64_t v) { return v < 0 ? 0 : v; };
    const Decimal inPrice = row.inputPrice.known ? row.inputPrice.value : Decimal();
    const Decimal outPrice = row.outputPrice.known ? row.outputPrice.value : Decimal();
    const Decimal cachedPrice = row.cachedInputPrice.known ? row.cachedInputPrice.value : inPrice;
    const Decimal writePrice = row.cacheWritePrice.known ? row.cacheWritePrice.value : inPrice;
    const Decimal reasoningPrice = row.reasoningPrice.known ? row.reasoningPrice.value : outPrice;
    const std::int64_t c = z(cached), w = z(cacheWrite), rs = z(reasoning);
    Decimal sum = inPrice.mulInt(z(input) - c - w) + cachedPrice.mulInt(c) + writePrice.mulInt(w)
        + outPrice.mulInt(z(output) - rs) + reasoningPrice.mulInt(rs);
    if (row.upstreamRatio.known)
        sum = sum.mul(row.upstreamRatio.value);
    if (row.unit != 1)
        sum = sum.divInt(row.unit);
    return sum;
}

void Pricer::price(PriceResult &r, std::int64_t input, std::int64_t cached, std::int64_t cacheWrite,
                   std::int64_t output, std::int64_t reasoning, bool needTokens, bool billable) const
{
    if (r.status != PriceResult::Priced)
        return;
    const PriceRow &row = m_set.prices[static_cast<std::size_t>(r.priceRow)];
    Decimal cost;
    if (row.category == BillingCategory::PerCall) {
        cost = row.perCallPrice.known ? row.perCallPrice.value : Decimal();
        if (row.upstreamRatio.known)
            cost = cost.mul(row.upstreamRatio.value);
    } else {
        if (input < 0 || output < 0) {
            if (needTokens) {
                r.status = PriceResult::MissingUsage;
                r.cost = {};
            } else {
                r.cost = {}; // no tokens: adds nothing, and its cost is not known
            }
            return;
        }
        cost = tokenCost(row, input, cached, cacheWrite, output, reasoning);
    }
    if (billable && row.minimumCharge.known && cost < row.minimumCharge.value)
        cost = row.minimumCharge.value;
    r.cost = {cost, true};
}

} // namespace tl
