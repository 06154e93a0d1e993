// SPDX-License-Identifier: Apache-2.0
#include "ui/models/ownerspendseries.h"

#include "core/allocation/sharesplitter.h"
#include "core/util/timeutil.h"
#include "ui/document/workspace.h"
#include "ui/models/keybudgetmodel.h"

#include <QHash>

#include <algorithm>

namespace tl {

namespace {

/** Period days, the frame's elapsed days and empty day vectors. */
SpendSeries frameOf(const Workspace &ws, const QString &title)
{
    SpendSeries s;
    s.apiKey = title;
    const ReconcileResult &r = ws.result;
    if (r.period.start == kNoTime || r.period.end == kNoTime)
        return s;
    s.firstDay = timeutil::utcDay(r.period.start);
    s.days = std::max(1, timeutil::utcDay(r.period.end - 1) - s.firstDay + 1);
    const ProjectionFrame &f = r.allocation.frame;
    s.elapsedDays = f.known ? static_cast<int>(std::clamp<std::int64_t>(f.daysElapsed, 0, s.days)) : 0;
    s.estimated.assign(static_cast<std::size_t>(s.days), Decimal());
    s.provider.assign(static_cast<std::size_t>(s.days), MaybeDecimal());
    return s;
}

} // namespace

SpendSeries OwnerSpendSeries::build(const Workspace &ws, const OwnerAllocation &owner)
{
    SpendSeries s = frameOf(ws, owner.ownerGroup);
    s.ownerGroup = owner.ownerGroup;
    s.estimatedTotal = owner.estimatedCost;
    s.providerTotal = owner.providerReported;
    s.budget = owner.projection.budget;
    s.projected = owner.projection.projectedMonthEnd.known ? owner.projection.projectedMonthEnd.value : owner.projection.spendToDate;
    if (s.days == 0)
        return s;

    // Per key (pool id): its weights and which of them are this group's.
    struct Part
    {
        std::vector<Decimal> weights;
        std::vector<std::size_t> mine;
    };
    QHash<StringPool::Id, Part> parts;
    const StringPool &pool = ws.set.pool();
    for (const KeyAllocation &k : ws.result.allocation.keys) {
        if (!KeyBudgetModel::keyBelongsTo(k, owner.ownerGroup))
            continue;
        Part p;
        for (std::size_t i = 0; i < k.shares.size(); ++i) {
            p.weights.push_back(k.shares[i].weight);
            if (owner.unmapped || k.shares[i].group == owner.ownerGroup)
                p.mine.push_back(i);
        }
        const QByteArray name = k.apiKeyName.toUtf8();
        const StringPool::Id id = k.apiKey ? k.apiKey : pool.find(std::string_view(name.constData(), static_cast<std::size_t>(name.size())));
        if (id != StringPool::None)
            parts.insert(id, std::move(p));
    }
    auto share = [](const Part &p, Decimal amount) {
        if (p.weights.size() == 1)
            return amount;
        const std::vector<Decimal> split = ShareSplitter::split(amount, p.weights);
        Decimal sum;
        for (std::size_t i : p.mine)
            sum += split[i];
        return sum;
    };
    for (const DayCount &dc : ws.result.dayCounts) {
        const auto it = parts.constFind(dc.apiKey);
        if (it == parts.constEnd())
            continue;
        const int i = dc.day - s.firstDay;
        if (i < 0 || i >= s.days)
            continue;
        const auto d = static_cast<std::size_t>(i);
        s.estimated[d] += share(*it, dc.estimated);
        if (dc.provider.known)
            s.provider[d] = {s.provider[d].value + share(*it, dc.provider.value), true};
    }
    return s;
}

SpendSeries OwnerSpendSeries::buildAll(const Workspace &ws)
{
    SpendSeries s = frameOf(ws, QString());
    const ReconcileResult &r = ws.result;
    s.estimatedTotal = r.estimatedBillable;
    s.providerTotal = r.providerReported;
    Decimal budget, projected, toDate;
    bool anyBudget = false, anyProjection = false;
    for (const OwnerAllocation &o : r.allocation.owners) {
        if (o.projection.budget.known) {
            budget += o.projection.budget.value;
            anyBudget = true;
        }
        if (o.projection.projectedMonthEnd.known) {
            projected += o.projection.projectedMonthEnd.value;
            anyProjection = true;
        }
        toDate += o.projection.spendToDate;
    }
    if (anyBudget)
        s.budget = {budget, true};
    s.projected = anyProjection ? projected : toDate;
    for (const DayCount &dc : r.dayCounts) {
        const int i = dc.day - s.firstDay;
        if (i < 0 || i >= s.days)
            continue;
        const auto d = static_cast<std::size_t>(i);
        s.estimated[d] += dc.estimated;
        if (dc.provider.known)
            s.provider[d] = {s.provider[d].value + dc.provider.value, true};
    }
    return s;
}

} // namespace tl
