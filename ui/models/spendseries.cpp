// SPDX-License-Identifier: Apache-2.0
#include "ui/models/spendseries.h"

#include "core/util/timeutil.h"
#include "ui/document/workspace.h"

#include <algorithm>

namespace tl {

SpendSeries SpendSeries::build(const Workspace &ws, const QString &apiKey)
{
    SpendSeries s;
    s.apiKey = apiKey;
    const ReconcileResult &r = ws.result;
    if (r.period.start == kNoTime || r.period.end == kNoTime)
        return s;
    s.firstDay = timeutil::utcDay(r.period.start);
    s.days = std::max(1, timeutil::utcDay(r.period.end - 1) - s.firstDay + 1);
    const UtcMicros asOf = r.controls.asOf != kNoTime ? r.controls.asOf : r.period.end;
    s.elapsedDays = std::clamp(timeutil::utcDay(asOf - 1) - s.firstDay + 1, 0, s.days);
    s.estimated.assign(static_cast<std::size_t>(s.days), Decimal());
    s.provider.assign(static_cast<std::size_t>(s.days), MaybeDecimal());

    const StringPool &pool = ws.set.pool();
    for (const DayCount &dc : r.dayCounts) {
        if (!apiKey.isEmpty() && pool.string(dc.apiKey) != apiKey)
            continue;
        const int i = dc.day - s.firstDay;
        if (i < 0 || i >= s.days)
            continue;
        const auto k = static_cast<std::size_t>(i);
        s.estimated[k] += dc.estimated;
        s.estimatedTotal += dc.estimated;
        if (dc.provider.known) {
            s.provider[k] = {s.provider[k].value + dc.provider.value, true};
            s.providerTotal = {s.providerTotal.value + dc.provider.value, true};
        }
    }

    Decimal budget;
    bool anyBudget = false;
    for (const OwnerRow &o : ws.set.owners) {
        if (!apiKey.isEmpty() && o.apiKeyName != apiKey)
            continue;
        if (!apiKey.isEmpty()) {
            s.ownerGroup = o.ownerGroup;
            s.costCenter = o.costCenter;
        }
        if (o.monthlyBudget.known && (o.currency.isEmpty() || o.currency == r.period.currency)) {
            budget += o.monthlyBudget.value;
            anyBudget = true;
        }
    }
    if (anyBudget)
        s.budget = {budget, true};

    if (s.elapsedDays > 0 && s.elapsedDays < s.days)
        s.projected = s.estimatedTotal.mulInt(s.days).divInt(s.elapsedDays);
    else
        s.projected = s.estimatedTotal;
    return s;
}

} // namespace tl
