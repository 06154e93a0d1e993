// SPDX-License-Identifier: Apache-2.0
#include "ui/models/unitcostmodel.h"

#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <limits>

namespace tl {

UnitCostModel::UnitCostModel(QObject *parent)
    : AllocationTableModel(ColumnCount, parent)
{
}

void UnitCostModel::workspaceChanged()
{
    m_workloads.clear();
    m_all = true;
    rebuild();
}

void UnitCostModel::setWorkloads(const QStringList &workloads, bool all)
{
    beginResetModel();
    m_workloads = workloads;
    m_all = all;
    rebuild();
    endResetModel();
}

void UnitCostModel::rebuild()
{
    m_rows.clear();
    if (!m_ws)
        return;
    const auto &u = m_ws->result.allocation.unitCosts;
    for (std::size_t i = 0; i < u.size(); ++i)
        if (m_all || m_workloads.contains(u[i].workload))
            m_rows.push_back(static_cast<int>(i));
}

const UnitCost *UnitCostModel::unitCost(int row) const
{
    if (!m_ws || row < 0 || row >= rowCount())
        return nullptr;
    return &m_ws->result.allocation.unitCosts[static_cast<std::size_t>(m_rows[static_cast<std::size_t>(row)])];
}

QVariant UnitCostModel::data(const QModelIndex &index, int role) const
{
    const UnitCost *u = index.isValid() ? unitCost(index.row()) : nullptr;
    if (!u)
        return {};
    const int col = index.column();
    const bool period = u->cadence == QLatin1String("period");
    const QString cur = m_ws->result.period.currency;
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case Workload: return u->workload.isEmpty() ? tr("(whole account)") : u->workload;
        case Unit: return u->unitName;
        case Cadence: return period ? tr("period") : tr("daily");
        case Day:
            return period ? (u->days == 1 ? tr("1 dated day") : tr("%1 dated days").arg(u->days)) : DisplayFormat::day(u->day);
        case UnitCostColumn: return amountText(u->unitCost, 6);
        case Numerator: return amountText(u->numerator);
        case Denominator: return DisplayFormat::exact(u->denominator, 0);
        case NumeratorSource: return u->numeratorSource;
        case DenominatorSource: return u->denominatorSource;
        case Keys: return u->keys.join(QStringLiteral(", "));
        case CostOnDaysWithoutUnits:
            return period && u->numerator.known ? DisplayFormat::amount(u->costOnDaysWithoutUnits) : QString();
        }
        break;
    case ExactRole:
        switch (col) {
        case UnitCostColumn: return exactText(u->unitCost);
        case Numerator: return exactText(u->numerator);
        case Denominator: return u->denominator.toString();
        case CostOnDaysWithoutUnits: return period ? u->costOnDaysWithoutUnits.toString() : QString();
        default: break;
        }
        break;
    case SortRole:
        switch (col) {
        case Day: return period ? std::numeric_limits<qint64>::max() : static_cast<qint64>(u->day);
        case UnitCostColumn: return sortKey(u->unitCost);
        case Numerator: return sortKey(u->numerator);
        case Denominator: return sortKey(u->denominator);
        case CostOnDaysWithoutUnits: return period ? sortKey(u->costOnDaysWithoutUnits) : QVariant(0.0);
        default: return data(index, Qt::DisplayRole);
        }
    case WorkloadRole: return u->workload;
    case Qt::TextAlignmentRole: return alignment(col);
    case Qt::FontRole:
        if (period)
            return boldFont();
        break;
    case Qt::ForegroundRole:
        if (col == NumeratorSource || col == DenominatorSource || col == Keys)
            return LedgerColors::mutedText();
        break;
    case Qt::ToolTipRole:
        switch (col) {
        case UnitCostColumn:
            if (!u->numerator.known)
                return tr("Unknown: no key in the owners table has this workload, so the cost is not known (never 0)");
            if (!u->unitCost.known)
                return tr("Unknown: the unit count is 0");
            return tr("%1 %2 / %3 %4 = %1 %5 per %4 (half-even, 18 digits)")
                .arg(cur, DisplayFormat::localizeDigits(u->numerator.value.toString()),
                     DisplayFormat::localizeDigits(u->denominator.toString()), u->unitName,
                     DisplayFormat::localizeDigits(u->unitCost.value.toString()));
        case Numerator:
            return u->numerator.known ? QStringLiteral("%1 %2").arg(cur, DisplayFormat::localizeDigits(u->numerator.value.toString()))
                                      : QVariant();
        case NumeratorSource: return u->numeratorSource;
        case DenominatorSource: return u->denominatorSource;
        case Keys: return u->keys.join(QStringLiteral(", "));
        case CostOnDaysWithoutUnits:
            return tr("The workload's estimated cost on days the units file has no count for: shown apart, not in the numerator");
        default: break;
        }
        break;
    default: break;
    }
    return {};
}

QVariant UnitCostModel::headerText(int column) const
{
    const QString cur = currency();
    switch (column) {
    case Workload: return tr("Workload");
    case Unit: return tr("Unit");
    case Cadence: return tr("Cadence");
    case Day: return tr("Day (UTC)");
    case UnitCostColumn: return cur.isEmpty() ? tr("Cost per unit") : tr("Cost per unit (%1)").arg(cur);
    case Numerator: return tr("Numerator (estimated)");
    case Denominator: return tr("Denominator (units)");
    case NumeratorSource: return tr("Numerator source");
    case DenominatorSource: return tr("Denominator source");
    case Keys: return tr("Keys");
    case CostOnDaysWithoutUnits: return tr("Cost on days without units");
    }
    return {};
}

QVariant UnitCostModel::headerToolTip(int column) const
{
    switch (column) {
    case Cadence: return tr("daily: one units row and that UTC day's cost; period: the dated days summed");
    case Numerator: return tr("Estimated billable cost of the workload's keys on that UTC day (client estimate)");
    case Denominator: return tr("The business-unit count from the units file");
    default: return {};
    }
}

} // namespace tl
