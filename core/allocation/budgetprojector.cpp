// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/budgetprojector.h"

#include "core/reconcile/reconcileresult.h"

#include <algorithm>

namespace tl {

namespace {

constexpr std::int64_t kDay = 86400000000LL;

bool billableLine(const ReconcileResult &res, std::size_t li)
{
    const auto t = static_cast<Treatment>(res.lineTreatment[li]);
    return res.lineQuarantine[li] == Quarantine::None && res.lineCostKnown[li] && (t == Treatment::Billable || t == Treatment::Partial);
}

} // namespace

ProjectionFrame BudgetProjector::frame(const ReconcileResult &res, const LedgerSet &set)
{
    ProjectionFrame f;
    const UtcMicros start = res.period.start, end = res.period.end;
    if (start == kNoTime || end == kNoTime || end <= start)
        return f;
    f.daysInPeriod = (end - start + kDay - 1) / kDay;
    const UtcMicros limit = res.controls.asOf == kNoTime ? end : res.controls.asOf;
    UtcMicros newest = kNoTime;
    const auto &ts = set.client.timestamp;
    for (std::uint32_t row : res.lineRow) {
        const UtcMicros t = ts[row];
        if (t < limit && (newest == kNoTime || t > newest))
            newest = t;
    }
    if (newest == kNoTime)
        return f;
    f.known = true;
    f.asOf = newest;
    f.daysElapsed = std::min<std::int64_t>((newest - start) / kDay + 1, f.daysInPeriod);
    return f;
}

void BudgetProjector::spendToDate(const ReconcileResult &res, const LedgerSet &set, const std::vector<std::int32_t> &lineSlot,
                                  const ProjectionFrame &f, std::vector<KeyAllocation> &keys)
{
    for (KeyAllocation &k : keys)
        k.projection.spendToDate = Decimal();
    if (!f.known)
        return;
    // Sums per slot in a flat array, then one store per key. Lines after the as-of (a job
    // as_of inside the period) do not count to date.
    std::vector<Decimal> sums(keys.size());
    const auto &ts = set.client.timestamp;
    const std::size_t L = res.lineRow.size();
    for (std::size_t li = 0; li < L; ++li) {
        const std::int32_t s = lineSlot[li];
        if (s < 0 || !billableLine(res, li) || ts[res.lineRow[li]] > f.asOf)
            continue;
        sums[static_cast<std::size_t>(s)] += res.lineCost[li];
    }
    for (std::size_t i = 0; i < keys.size(); ++i)
        keys[i].projection.spendToDate = sums[i];
}

void BudgetProjector::project(BudgetProjection &p, const ProjectionFrame &f)
{
    p.dailyBurn = {};
    p.projectedMonthEnd = {};
    p.daysUntilExhausted = -1;
    if (!f.known || f.daysElapsed <= 0)
        return;
    const Decimal spend = p.spendToDate;
    p.dailyBurn = {spend.divInt(f.daysElapsed), true};
    p.projectedMonthEnd = {f.daysElapsed == f.daysInPeriod ? spend : spend.mulInt(f.daysInPeriod).divInt(f.daysElapsed), true};
    if (!p.budget.known)
        return;
    if (spend >= p.budget.value) {
        p.daysUntilExhausted = 0;
        return;
    }
    if (spend.signum() <= 0)
        return; // no burn: it never runs out at this rate
    try {
        const Decimal days = (p.budget.value - spend).mulInt(f.daysElapsed).div(spend, RoundingMode::Floor);
        const Decimal whole = days.round(0, RoundingMode::Floor);
        const Decimal::Raw one = Decimal::fromInt(1).raw();
        const Decimal::Raw n = whole.raw() / one;
        if (n <= static_cast<Decimal::Raw>(1000000000))
            p.daysUntilExhausted = static_cast<qint64>(n);
    } catch (const DecimalOverflow &) {
        // further away than the type can say: as good as never at this rate
    }
}

} // namespace tl
