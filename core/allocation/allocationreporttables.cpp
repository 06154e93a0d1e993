// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/allocationreporttables.h"

#include "core/allocation/allocationresult.h"
#include "core/util/timeutil.h"

namespace tl {

namespace {

const QString kUnknown = QStringLiteral("unknown");

QString dec(const Decimal &d)
{
    return d.toString();
}

QString maybe(const MaybeDecimal &m)
{
    return m.known ? dec(m.value) : kUnknown;
}

QString asOfText(const ProjectionFrame &f)
{
    if (!f.known)
        return QStringLiteral("no client data in the period: nothing is projected");
    return QStringLiteral("projections as of %1 (day %2 of %3), the newest client attempt, never the clock")
        .arg(timeutil::formatUtc(f.asOf))
        .arg(f.daysElapsed)
        .arg(f.daysInPeriod);
}

} // namespace

AllocationReportTables::Table AllocationReportTables::owners(const AllocationResult &a, const QString &currency)
{
    Table t;
    t.columns = {{QStringLiteral("Owner group"), false, 1.3},
                 {QStringLiteral("Keys"), true, 0.45},
                 {QStringLiteral("Attempts"), true, 0.75},
                 {QStringLiteral("Estimated"), true, 1.3},
                 {QStringLiteral("Provider-reported"), true, 1.1},
                 {QStringLiteral("Budget"), true, 0.8},
                 {QStringLiteral("Projected period end"), true, 1.2},
                 {QStringLiteral("Of budget"), true, 0.7},
                 {QStringLiteral("Runs out"), false, 0.9}};
    Decimal total;
    qint64 attempts = 0;
    for (const OwnerAllocation &o : a.owners) {
        const BudgetProjection &p = o.projection;
        QString ofBudget = QStringLiteral("\u2014"), runsOut = QStringLiteral("\u2014");
        if (p.budget.known && p.budget.value.signum() > 0 && p.projectedMonthEnd.known)
            ofBudget = QString::fromStdString(p.projectedMonthEnd.value.mulInt(100).div(p.budget.value).round(1, RoundingMode::HalfEven).toFixedStdString(1))
                + QLatin1Char('%');
        if (p.budget.known) {
            if (p.daysUntilExhausted == 0)
                runsOut = QStringLiteral("used up");
            else if (p.daysUntilExhausted > 0)
                runsOut = QStringLiteral("in %1 day(s)").arg(p.daysUntilExhausted);
            else
                runsOut = QStringLiteral("not at this burn");
        }
        QString budget = p.budget.known ? dec(p.budget.value) : QStringLiteral("none");
        if (o.keysWithoutBudget > 0 && p.budget.known)
            budget += QStringLiteral(" (+%1 key(s) without)").arg(o.keysWithoutBudget);
        t.rows << QStringList{o.ownerGroup,
                              QString::number(o.keys.size()),
                              QString::number(o.attempts),
                              dec(o.estimatedCost),
                              maybe(o.providerReported),
                              budget,
                              maybe(p.projectedMonthEnd),
                              ofBudget,
                              runsOut};
        total = total + o.estimatedCost;
        attempts += o.attempts;
    }
    t.totalRow = static_cast<int>(t.rows.size());
    t.rows << QStringList{QStringLiteral("Total"), QString(), QString::number(attempts), dec(total), QString(), QString(), QString(), QString(), QString()};
    t.caption = QStringLiteral("Amounts in %1, estimated from the client log; shared keys are split by their weights (remainder to the "
                               "first group) and the %2 bucket holds spend no owners row claims, so the groups add up to the estimated "
                               "billable exactly. Budget = the sum of the group's keys' monthly budgets; %3.")
                    .arg(currency, QString::fromLatin1(kUnmappedGroup), asOfText(a.frame));
    return t;
}

AllocationReportTables::Table AllocationReportTables::alerts(const AllocationResult &a)
{
    Table t;
    t.columns = {{QStringLiteral("Severity"), false, 0.8},
                 {QStringLiteral("Alert"), false, 1.45},
                 {QStringLiteral("About"), false, 1.1},
                 {QStringLiteral("First day"), false, 1.0},
                 {QStringLiteral("Rows"), true, 0.55},
                 {QStringLiteral("Detail"), false, 2.3},
                 {QStringLiteral("Suggested action"), false, 2.2}};
    t.severityColumn = 0;
    for (const Alert &al : a.alerts)
        t.rows << QStringList{al.severity,
                              al.code,
                              al.subject,
                              al.hasDay ? timeutil::dateFromDay(al.day).toString(Qt::ISODate) : QStringLiteral("\u2014"),
                              QString::number(al.rows),
                              al.detail,
                              al.action};
    t.caption = a.alerts.empty() ? QStringLiteral("No alert fired in this period.")
                                 : QStringLiteral("Alerts are an operator's early warning and never change the decision; their "
                                                  "evidence rows are listed in summary.json (alerts[].rows).");
    return t;
}

AllocationReportTables::Table AllocationReportTables::unitCosts(const AllocationResult &a, const QString &currency)
{
    Table t;
    t.columns = {{QStringLiteral("Workload"), false, 1.0},
                 {QStringLiteral("Unit"), false, 1.0},
                 {QStringLiteral("Days"), true, 0.45},
                 {QStringLiteral("Cost (numerator)"), true, 1.1},
                 {QStringLiteral("Units"), true, 0.7},
                 {QStringLiteral("Cost per unit"), true, 1.2},
                 {QStringLiteral("Sources"), false, 2.2}};
    for (const UnitCost &u : a.unitCosts) {
        if (u.cadence != QLatin1String("period"))
            continue;
        t.rows << QStringList{u.workload,
                              u.unitName,
                              QString::number(u.days),
                              maybe(u.numerator),
                              dec(u.denominator),
                              maybe(u.unitCost),
                              QStringLiteral("%1 \u00f7 %2").arg(u.numeratorSource, u.denominatorSource)};
    }
    t.caption = t.rows.isEmpty() ? QStringLiteral("No business units were loaded for this period.")
                                 : QStringLiteral("Cost per business unit over the days the units file covers, in %1; the daily "
                                                  "figures (cadence daily) are in summary.json (unit_costs).")
                                       .arg(currency);
    return t;
}

} // namespace tl
