// SPDX-License-Identifier: Apache-2.0
#include "ui/models/ownerallocationmodel.h"

#include "core/util/timeutil.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <limits>

namespace tl {

namespace {

bool exceeded(const BudgetProjection &p)
{
    return p.budget.known && p.spendToDate > p.budget.value;
}

bool projectedOver(const BudgetProjection &p)
{
    return p.budget.known && p.projectedMonthEnd.known && p.projectedMonthEnd.value > p.budget.value;
}

} // namespace

OwnerAllocationModel::OwnerAllocationModel(QObject *parent)
    : AllocationTableModel(ColumnCount, parent)
{
}

int OwnerAllocationModel::rowOf(const QString &ownerGroup) const
{
    for (int r = 0; r < rowCount(); ++r)
        if (owner(r)->ownerGroup == ownerGroup)
            return r;
    return -1;
}

const OwnerAllocation *OwnerAllocationModel::owner(int row) const
{
    if (!m_ws || row < 0 || row >= rowCount())
        return nullptr;
    return &m_ws->result.allocation.owners[static_cast<std::size_t>(row)];
}

QString OwnerAllocationModel::asOfText() const
{
    if (!m_ws)
        return QString();
    const ProjectionFrame &f = m_ws->result.allocation.frame;
    if (!f.known)
        return tr("no client data in the period: nothing to project from");
    return tr("as of %1 (day %2 of %3), the newest client attempt")
        .arg(DisplayFormat::timestamp(f.asOf))
        .arg(f.daysElapsed)
        .arg(f.daysInPeriod);
}

int OwnerAllocationModel::rows() const
{
    return m_ws ? static_cast<int>(m_ws->result.allocation.owners.size()) : 0;
}

QVariant OwnerAllocationModel::data(const QModelIndex &index, int role) const
{
    const OwnerAllocation *o = index.isValid() ? owner(index.row()) : nullptr;
    if (!o)
        return {};
    const BudgetProjection &p = o->projection;
    const ProjectionFrame &frame = m_ws->result.allocation.frame;
    const int col = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case Owner: return o->ownerGroup;
        case Keys: return DisplayFormat::count(o->keys.size());
        case Attempts: return DisplayFormat::count(o->attempts);
        case Estimated: return DisplayFormat::amount(o->estimatedCost);
        case ProviderReported: return amountText(o->providerReported);
        case Budget: return amountText(p.budget);
        case SpendToDate: return DisplayFormat::amount(p.spendToDate);
        case DailyBurn: return amountText(p.dailyBurn);
        case ProjectedMonthEnd: return amountText(p.projectedMonthEnd);
        case OfBudget:
            return p.budget.known && p.projectedMonthEnd.known ? DisplayFormat::percent(p.projectedMonthEnd.value, p.budget.value, 1)
                                                               : DisplayFormat::unknown();
        case DaysLeft: return daysLeftText(p);
        }
        break;
    case ExactRole:
        switch (col) {
        case Estimated: return o->estimatedCost.toString();
        case ProviderReported: return exactText(o->providerReported);
        case Budget: return exactText(p.budget);
        case SpendToDate: return p.spendToDate.toString();
        case DailyBurn: return exactText(p.dailyBurn);
        case ProjectedMonthEnd: return exactText(p.projectedMonthEnd);
        default: break;
        }
        break;
    case SortRole:
        switch (col) {
        case Owner: return o->unmapped ? QStringLiteral("\uFFFF") : o->ownerGroup; // the bucket stays last
        case Keys: return static_cast<qint64>(o->keys.size());
        case Attempts: return o->attempts;
        case Estimated: return sortKey(o->estimatedCost);
        case ProviderReported: return sortKey(o->providerReported);
        case Budget: return sortKey(p.budget);
        case SpendToDate: return sortKey(p.spendToDate);
        case DailyBurn: return sortKey(p.dailyBurn);
        case ProjectedMonthEnd: return sortKey(p.projectedMonthEnd);
        case OfBudget:
            return p.budget.known && p.projectedMonthEnd.known && !p.budget.value.isZero()
                ? sortKey(p.projectedMonthEnd.value.mulInt(100).div(p.budget.value))
                : QVariant(std::numeric_limits<double>::lowest());
        case DaysLeft: return daysLeftSortKey(p);
        }
        break;
    case OwnerGroupRole: return o->ownerGroup;
    case UnmappedRole: return o->unmapped;
    case Qt::TextAlignmentRole: return alignment(col);
    case Qt::FontRole:
        if (o->unmapped)
            return italicFont();
        break;
    case Qt::BackgroundRole:
        if ((col == SpendToDate || col == DaysLeft) && exceeded(p))
            return LedgerColors::quarantineBackground();
        if ((col == ProjectedMonthEnd || col == OfBudget || col == DaysLeft) && projectedOver(p))
            return LedgerColors::dueSoonBackground();
        if (o->unmapped && !o->estimatedCost.isZero() && col == Estimated)
            return LedgerColors::dueSoonBackground();
        break;
    case Qt::ForegroundRole:
        if (o->unmapped && o->estimatedCost.isZero())
            return LedgerColors::mutedText();
        if (exceeded(p) || projectedOver(p) || (o->unmapped && col == Estimated))
            return LedgerColors::onTintText();
        break;
    case Qt::ToolTipRole:
        switch (col) {
        case Owner:
            if (o->unmapped)
                return tr("Spend of keys no owners row claims (or a direct row without an owner group). It is never dropped: "
                          "add the keys to the owners table to allocate it.\nKeys: %1")
                    .arg(o->keys.isEmpty() ? tr("none") : o->keys.join(QStringLiteral(", ")));
            return tr("Keys: %1").arg(o->keys.join(QStringLiteral(", ")));
        case Keys: return o->keys.join(QStringLiteral(", "));
        case Estimated:
        case ProviderReported:
        case Budget:
        case SpendToDate:
        case DailyBurn:
        case ProjectedMonthEnd: {
            const QString exact = data(index, ExactRole).toString();
            QString tip = exact.isEmpty() ? DisplayFormat::unknown() : moneyToolTip(exact);
            if (col == Budget && o->keysWithoutBudget > 0)
                tip += QLatin1Char('\n') + (o->keysWithoutBudget == 1 ? tr("1 contributing key has no monthly budget in the owners table")
                                                                          : tr("%1 contributing keys have no monthly budget in the owners table")
                                                                                .arg(o->keysWithoutBudget));
            return tip;
        }
        case DaysLeft:
            if (p.daysUntilExhausted < 0)
                return p.budget.known ? tr("No spend yet: the budget does not run out at this rate") : tr("No monthly budget");
            if (p.daysUntilExhausted == 0 && p.budget.known && p.spendToDate >= p.budget.value)
                return tr("Spend to date has reached the monthly budget");
            return tr("At the daily burn the budget lasts %1 more whole days after %2, the as-of day: it runs out on %3")
                .arg(DisplayFormat::count(p.daysUntilExhausted), DisplayFormat::day(timeutil::utcDay(frame.asOf)),
                     DisplayFormat::day(timeutil::utcDay(frame.asOf) + static_cast<DayNumber>(p.daysUntilExhausted) + 1));
        default: break;
        }
        break;
    default: break;
    }
    return {};
}

QVariant OwnerAllocationModel::headerText(int column) const
{
    const QString cur = currency();
    // Two-line headers keep the eleven columns within the page's width.
    auto money = [&cur](const QString &h) { return cur.isEmpty() ? h : QStringLiteral("%1\n(%2)").arg(h, cur); };
    switch (column) {
    case Owner: return tr("Owner group");
    case Keys: return tr("Keys");
    case Attempts: return tr("Attempts");
    case Estimated: return money(tr("Estimated"));
    case ProviderReported: return providerHeader();
    case Budget: return tr("Monthly\nbudget");
    case SpendToDate: return tr("Spend\nto date");
    case DailyBurn: return tr("Daily\nburn");
    case ProjectedMonthEnd: return tr("Projected\nmonth end");
    case OfBudget: return tr("Projected\nof budget");
    case DaysLeft: return tr("Budget\nruns out in");
    }
    return {};
}

QVariant OwnerAllocationModel::headerToolTip(int column) const
{
    switch (column) {
    case Owner: return tr("Owner group (owners table); a shared: rule splits a key's cost between groups by weight");
    case Attempts: return tr("Client attempts, not quarantined; shared keys split like money");
    case Estimated: return tr("Estimated billable cost from the client log and the price snapshot; the column adds up to the period's estimate exactly");
    case ProviderReported: return tr("Reported by the provider (reconciled), split the same way; \u2014 when it reported nothing");
    case Budget: return tr("The sum of the keys' monthly budgets (a shared key's split by its weights)");
    case SpendToDate: return tr("Estimated spend up to the newest client attempt of the period");
    case DailyBurn: return tr("Spend to date / days elapsed (estimated)");
    case ProjectedMonthEnd: return tr("Spend to date \u00D7 days in the period / days elapsed (estimated)");
    case OfBudget: return tr("Projected month end as a share of the monthly budget");
    case DaysLeft: return tr("Whole days after the as-of day until the budget is used up at the daily burn");
    default: return {};
    }
}

} // namespace tl
