// SPDX-License-Identifier: Apache-2.0
#include "ui/models/keybudgetmodel.h"

#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

namespace tl {

KeyBudgetModel::KeyBudgetModel(QObject *parent)
    : AllocationTableModel(ColumnCount, parent)
{
}

bool KeyBudgetModel::isUnmappedKey(const KeyAllocation &k)
{
    return k.ownerGroup.isEmpty() && k.shares.size() == 1 && k.shares.front().group == QLatin1String(kUnmappedGroup);
}

bool KeyBudgetModel::keyBelongsTo(const KeyAllocation &k, const QString &ownerGroup)
{
    if (ownerGroup == QLatin1String(kUnmappedGroup))
        return isUnmappedKey(k);
    if (isUnmappedKey(k))
        return false;
    for (const KeyAllocation::Share &s : k.shares)
        if (s.group == ownerGroup)
            return true;
    return false;
}

void KeyBudgetModel::workspaceChanged()
{
    m_group.clear();
    rebuild();
}

void KeyBudgetModel::setOwnerGroup(const QString &ownerGroup)
{
    beginResetModel();
    m_group = ownerGroup;
    rebuild();
    endResetModel();
}

void KeyBudgetModel::rebuild()
{
    m_rows.clear();
    if (!m_ws)
        return;
    const auto &keys = m_ws->result.allocation.keys;
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (m_group.isEmpty() || keyBelongsTo(keys[i], m_group))
            m_rows.push_back(static_cast<int>(i));
}

const KeyAllocation *KeyBudgetModel::key(int row) const
{
    if (!m_ws || row < 0 || row >= rowCount())
        return nullptr;
    return &m_ws->result.allocation.keys[static_cast<std::size_t>(m_rows[static_cast<std::size_t>(row)])];
}

QString KeyBudgetModel::shareText(const KeyAllocation &k) const
{
    if (m_group.isEmpty())
        return QString();
    if (isUnmappedKey(k) || k.shares.size() == 1)
        return DisplayFormat::percent(Decimal::fromInt(1), Decimal::fromInt(1), 0);
    Decimal mine, all;
    for (const KeyAllocation::Share &s : k.shares) {
        all += s.weight;
        if (s.group == m_group)
            mine += s.weight;
    }
    return DisplayFormat::percent(mine, all, 1);
}

QVariant KeyBudgetModel::data(const QModelIndex &index, int role) const
{
    const KeyAllocation *k = index.isValid() ? key(index.row()) : nullptr;
    if (!k)
        return {};
    const BudgetProjection &p = k->projection;
    const int col = index.column();
    const bool unmapped = isUnmappedKey(*k);
    auto allocationText = [k, unmapped]() {
        if (unmapped)
            return k->ownerRow < 0 ? tr("no owners row") : tr("no owner group");
        if (k->shares.size() == 1 && k->shares.front().group == k->ownerGroup)
            return tr("direct");
        QStringList parts;
        for (const KeyAllocation::Share &s : k->shares)
            parts << QStringLiteral("%1 %2").arg(s.group, DisplayFormat::localizeDigits(s.weight.toString()));
        return tr("shared: %1").arg(parts.join(QStringLiteral(", ")));
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case ApiKey: return k->apiKeyName;
        case OwnerGroup: return unmapped ? QString::fromLatin1(kUnmappedGroup) : k->ownerGroup;
        case Workload: return k->workload;
        case Allocation: return allocationText();
        case Share: return shareText(*k);
        case Attempts: return DisplayFormat::count(k->attempts);
        case Estimated: return DisplayFormat::amount(k->estimatedCost);
        case ProviderReported: return amountText(k->providerReported);
        case Budget:
            if (!k->budgetComparable)
                return tr("other currency");
            return amountText(p.budget);
        case SpendToDate: return DisplayFormat::amount(p.spendToDate);
        case ProjectedMonthEnd: return amountText(p.projectedMonthEnd);
        case DaysLeft: return daysLeftText(p);
        }
        break;
    case ExactRole:
        switch (col) {
        case Estimated: return k->estimatedCost.toString();
        case ProviderReported: return exactText(k->providerReported);
        case Budget: return exactText(p.budget);
        case SpendToDate: return p.spendToDate.toString();
        case ProjectedMonthEnd: return exactText(p.projectedMonthEnd);
        default: break;
        }
        break;
    case SortRole:
        switch (col) {
        case Attempts: return k->attempts;
        case Estimated: return sortKey(k->estimatedCost);
        case ProviderReported: return sortKey(k->providerReported);
        case Budget: return sortKey(p.budget);
        case SpendToDate: return sortKey(p.spendToDate);
        case ProjectedMonthEnd: return sortKey(p.projectedMonthEnd);
        case DaysLeft: return daysLeftSortKey(p);
        default: return data(index, Qt::DisplayRole);
        }
    case ApiKeyRole: return k->apiKeyName;
    case Qt::TextAlignmentRole: return alignment(col);
    case Qt::BackgroundRole:
        if ((col == SpendToDate || col == DaysLeft) && p.budget.known && p.spendToDate > p.budget.value)
            return LedgerColors::quarantineBackground();
        if ((col == ProjectedMonthEnd || col == DaysLeft) && p.budget.known && p.projectedMonthEnd.known
            && p.projectedMonthEnd.value > p.budget.value)
            return LedgerColors::dueSoonBackground();
        if (col == OwnerGroup && unmapped)
            return LedgerColors::dueSoonBackground();
        break;
    case Qt::ForegroundRole:
        if (col == SpendToDate || col == DaysLeft || col == ProjectedMonthEnd || (col == OwnerGroup && unmapped))
            return data(index, Qt::BackgroundRole).isValid() ? QVariant(LedgerColors::onTintText()) : QVariant();
        break;
    case Qt::ToolTipRole: {
        const QString exact = data(index, ExactRole).toString();
        if (!exact.isEmpty())
            return moneyToolTip(exact);
        if (col == Budget && !k->budgetComparable)
            return tr("The owners row's budget is in another currency than the period: it is left out (no conversion is guessed)");
        if (col == OwnerGroup && unmapped)
            return tr("No owners row claims this key: its spend is in the (unmapped) bucket");
        break;
    }
    default: break;
    }
    return {};
}

QVariant KeyBudgetModel::headerText(int column) const
{
    const QString cur = currency();
    switch (column) {
    case ApiKey: return tr("API key");
    case OwnerGroup: return tr("Owner group");
    case Workload: return tr("Workload");
    case Allocation: return tr("Allocation");
    case Share: return m_group.isEmpty() ? tr("Share") : tr("Share to\n%1").arg(m_group);
    case Attempts: return tr("Attempts");
    case Estimated: return cur.isEmpty() ? tr("Estimated") : tr("Estimated\n(%1)").arg(cur);
    case ProviderReported: return providerHeader();
    case Budget: return tr("Monthly\nbudget");
    case SpendToDate: return tr("Spend\nto date");
    case ProjectedMonthEnd: return tr("Projected\nmonth end");
    case DaysLeft: return tr("Budget\nruns out in");
    }
    return {};
}

QVariant KeyBudgetModel::headerToolTip(int column) const
{
    switch (column) {
    case Allocation: return tr("The owners row's allocation_rule: direct, or shared:<group>=<weight>;\u2026");
    case Share: return tr("The part of the key's cost the chosen owner group carries (its weights over all weights)");
    case Estimated: return tr("The key's whole estimate (not split)");
    case Budget: return tr("The key's own monthly budget (owners table)");
    default: return {};
    }
}

} // namespace tl
