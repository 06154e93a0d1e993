// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/outcomedayseries.h"

#include "core/reconcile/reconcileresult.h"
#include "core/util/timeutil.h"

#include <algorithm>
#include <numeric>

namespace tl {

qint64 OutcomeDaySeries::total() const
{
    return std::accumulate(totals.begin(), totals.end(), qint64(0));
}

std::vector<Outcome> OutcomeDaySeries::presentOutcomes() const
{
    std::vector<Outcome> out;
    for (int o = 0; o < OutcomeCount; ++o)
        if (totals[static_cast<std::size_t>(o)] > 0)
            out.push_back(static_cast<Outcome>(o));
    return out;
}

OutcomeDaySeries OutcomeDaySeries::build(const ReconcileResult &r, const StringPool &pool, const QString &apiKey)
{
    OutcomeDaySeries s;
    s.apiKey = apiKey;
    if (r.period.start == kNoTime || r.period.end == kNoTime)
        return s;
    s.firstDay = timeutil::utcDay(r.period.start);
    s.days = std::max(1, timeutil::utcDay(r.period.end - 1) - s.firstDay + 1);
    s.perDay.assign(static_cast<std::size_t>(s.days), Counts{});
    for (const DayCount &dc : r.dayCounts) {
        if (!apiKey.isEmpty() && pool.string(dc.apiKey) != apiKey)
            continue;
        const int i = dc.day - s.firstDay;
        const bool inside = i >= 0 && i < s.days;
        for (std::size_t o = 0; o < dc.clientByOutcome.size(); ++o) {
            const qint64 n = dc.clientByOutcome[o];
            if (n == 0)
                continue;
            if (inside) {
                s.perDay[static_cast<std::size_t>(i)][o] += n;
                s.totals[o] += n;
            } else {
                s.outsideDays += n;
            }
        }
    }
    return s;
}

} // namespace tl
