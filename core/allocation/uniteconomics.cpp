// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/uniteconomics.h"

#include "core/reconcile/reconcileresult.h"
#include "core/util/timeutil.h"

#include <algorithm>
#include <map>
#include <utility>

namespace tl {

namespace {

QString fileName(const LedgerSet &set, std::uint32_t file)
{
    return file < set.files.size() ? set.files[file].report.fileName : QStringLiteral("(input %1)").arg(file);
}

} // namespace

std::vector<UnitCost> UnitEconomics::compute(const ReconcileResult &res, const LedgerSet &set,
                                             const std::vector<KeyAllocation> &keys, const std::vector<std::int32_t> &lineSlot)
{
    std::vector<UnitCost> out;
    if (set.units.empty() || res.period.start == kNoTime || res.period.end <= res.period.start)
        return out;
    const DayNumber firstDay = timeutil::utcDay(res.period.start);
    const DayNumber lastDay = timeutil::utcDay(res.period.end - 1);
    const std::size_t nDays = static_cast<std::size_t>(lastDay - firstDay + 1);

    // Workloads of the keys; index 0 is the whole account (units rows without a workload).
    std::map<QString, int> workloadIndex;
    std::vector<QStringList> workloadKeys(1);
    for (const KeyAllocation &k : keys) {
        if (k.workload.isEmpty())
            continue;
        auto it = workloadIndex.find(k.workload);
        if (it == workloadIndex.end()) {
            it = workloadIndex.emplace(k.workload, static_cast<int>(workloadKeys.size())).first;
            workloadKeys.emplace_back();
        }
        workloadKeys[static_cast<std::size_t>(it->second)] << k.apiKeyName;
    }
    std::vector<int> workloadOfSlot(keys.size(), -1);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (!keys[i].workload.isEmpty())
            workloadOfSlot[i] = workloadIndex[keys[i].workload];

    // Estimated billable per workload and UTC day (row 0: every key).
    std::vector<Decimal> cost(workloadKeys.size() * nDays);
    QStringList trafficKeys;
    {
        std::vector<std::uint8_t> slotHasCost(keys.size(), 0);
        const auto &ts = set.client.timestamp;
        for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
            const auto t = static_cast<Treatment>(res.lineTreatment[li]);
            if (res.lineQuarantine[li] != Quarantine::None || !res.lineCostKnown[li] || (t != Treatment::Billable && t != Treatment::Partial))
                continue;
            const DayNumber d = timeutil::utcDay(ts[res.lineRow[li]]);
            if (d < firstDay || d > lastDay)
                continue;
            const std::size_t di = static_cast<std::size_t>(d - firstDay);
            cost[di] += res.lineCost[li];
            const std::int32_t slot = lineSlot[li];
            if (slot < 0)
                continue;
            slotHasCost[static_cast<std::size_t>(slot)] = 1;
            const int w = workloadOfSlot[static_cast<std::size_t>(slot)];
            if (w > 0)
                cost[static_cast<std::size_t>(w) * nDays + di] += res.lineCost[li];
        }
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (slotHasCost[i])
                trafficKeys << keys[i].apiKeyName;
    }
    const QString ownersFile = set.owners.empty() ? QStringLiteral("owners") : fileName(set, set.owners.front().sourceFile);

    // Units rows inside the period, grouped by workload and unit, by date.
    std::map<std::pair<QString, QString>, std::vector<const BusinessUnitRow *>> groups;
    for (const BusinessUnitRow &u : set.units) {
        const DayNumber d = timeutil::dayFromDate(u.date);
        if (d < firstDay || d > lastDay)
            continue;
        groups[{u.workload, u.unitName}].push_back(&u);
    }
    for (auto &[id, rows] : groups) {
        std::sort(rows.begin(), rows.end(), [](const BusinessUnitRow *a, const BusinessUnitRow *b) { return a->date < b->date; });
        const QString &workload = id.first;
        int w = 0;
        bool known = true;
        if (!workload.isEmpty()) {
            const auto it = workloadIndex.find(workload);
            known = it != workloadIndex.end();
            w = known ? it->second : -1;
        }
        const QStringList wkeys = !known ? QStringList() : (w == 0 ? trafficKeys : workloadKeys[static_cast<std::size_t>(w)]);
        const QString numeratorSource = !known
            ? QStringLiteral("no key in %1 has workload '%2': the cost is unknown").arg(ownersFile, workload)
            : workload.isEmpty()
                ? QStringLiteral("estimated_billable (client estimate) of every attempt, per UTC day")
                : QStringLiteral("estimated_billable (client estimate) of the attempts of keys with workload '%1' in %2, per UTC day")
                      .arg(workload, ownersFile);

        Decimal sumNumerator, sumDenominator;
        std::vector<std::uint8_t> dated(nDays, 0);
        QString units;
        for (const BusinessUnitRow *u : rows) {
            const std::size_t di = static_cast<std::size_t>(timeutil::dayFromDate(u->date) - firstDay);
            dated[di] = 1;
            UnitCost uc;
            uc.workload = workload;
            uc.unitName = id.second;
            uc.cadence = QStringLiteral("daily");
            uc.day = firstDay + static_cast<DayNumber>(di);
            uc.days = 1;
            uc.denominator = u->count;
            uc.keys = wkeys;
            uc.numeratorSource = numeratorSource;
            uc.denominatorSource = QStringLiteral("%1 line %2").arg(fileName(set, u->sourceFile)).arg(u->sourceLine);
            units = fileName(set, u->sourceFile);
            if (known) {
                const Decimal n = cost[static_cast<std::size_t>(w) * nDays + di];
                uc.numerator = {n, true};
                sumNumerator += n;
                if (!u->count.isZero())
                    uc.unitCost = {n.div(u->count), true};
            }
            sumDenominator += u->count;
            out.push_back(std::move(uc));
        }
        UnitCost period;
        period.workload = workload;
        period.unitName = id.second;
        period.cadence = QStringLiteral("period");
        period.day = firstDay;
        period.days = static_cast<qint64>(rows.size());
        period.denominator = sumDenominator;
        period.keys = wkeys;
        period.numeratorSource = numeratorSource + QStringLiteral(", summed over the %1 dated day(s)").arg(rows.size());
        period.denominatorSource = QStringLiteral("%1, %2 row(s) of '%3' dated in the period").arg(units).arg(rows.size()).arg(id.second);
        if (known) {
            period.numerator = {sumNumerator, true};
            if (!sumDenominator.isZero())
                period.unitCost = {sumNumerator.div(sumDenominator), true};
            Decimal undated;
            for (std::size_t di = 0; di < nDays; ++di)
                if (!dated[di])
                    undated += cost[static_cast<std::size_t>(w) * nDays + di];
            period.costOnDaysWithoutUnits = undated;
        }
        out.push_back(std::move(period));
    }
    return out;
}

} // namespace tl
