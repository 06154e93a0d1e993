// SPDX-License-Identifier: Apache-2.0
#include "ui/models/allocationtablemodel.h"

#include "ui/models/displayformat.h"

#include <limits>

namespace tl {

AllocationTableModel::AllocationTableModel(int columnCount, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(columnCount)
{
}

void AllocationTableModel::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    beginResetModel();
    m_ws = ws;
    workspaceChanged();
    endResetModel();
}

int AllocationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rows();
}

int AllocationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant AllocationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    switch (role) {
    case Qt::DisplayRole: return headerText(section);
    case Qt::ToolTipRole: return headerToolTip(section);
    case Qt::TextAlignmentRole: return alignment(section);
    default: return {};
    }
}

QVariant AllocationTableModel::headerToolTip(int) const
{
    return {};
}

QVariant AllocationTableModel::alignment(int column) const
{
    return rightAligned(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
}

QString AllocationTableModel::currency() const
{
    return m_ws ? m_ws->result.period.currency : QString();
}

QString AllocationTableModel::providerHeader() const
{
    return m_ws && m_ws->result.provisional ? tr("Provider,\nprovisional") : tr("Provider,\nreconciled");
}

QString AllocationTableModel::moneyToolTip(const QString &exact) const
{
    return QStringLiteral("%1 %2").arg(currency(), DisplayFormat::localizeDigits(exact));
}

QString AllocationTableModel::amountText(const MaybeDecimal &d, int maxDecimals)
{
    return d.known ? DisplayFormat::amount(d.value, maxDecimals) : DisplayFormat::unknown();
}

QString AllocationTableModel::exactText(const MaybeDecimal &d)
{
    return d.known ? d.value.toString() : QString();
}

QVariant AllocationTableModel::sortKey(Decimal d)
{
    return d.toString().toDouble();
}

QVariant AllocationTableModel::sortKey(const MaybeDecimal &d)
{
    return d.known ? sortKey(d.value) : QVariant(std::numeric_limits<double>::lowest());
}

QString AllocationTableModel::daysLeftText(const BudgetProjection &p)
{
    if (p.daysUntilExhausted < 0)
        return DisplayFormat::unknown();
    if (p.daysUntilExhausted == 0 && p.budget.known && p.spendToDate >= p.budget.value)
        return tr("used up");
    if (p.daysUntilExhausted == 0)
        return tr("under 1 day");
    return p.daysUntilExhausted == 1 ? tr("1 day") : tr("%1 days").arg(DisplayFormat::count(p.daysUntilExhausted));
}

qint64 AllocationTableModel::daysLeftSortKey(const BudgetProjection &p)
{
    return p.daysUntilExhausted < 0 ? std::numeric_limits<qint64>::max() : p.daysUntilExhausted;
}

QFont AllocationTableModel::boldFont()
{
    QFont f;
    f.setBold(true);
    return f;
}

QFont AllocationTableModel::italicFont()
{
    QFont f;
    f.setItalic(true);
    return f;
}

} // namespace tl
