// SPDX-License-Identifier: Apache-2.0
#include "ui/models/columntablemodel.h"

#include <algorithm>
#include <numeric>

namespace tl {

ColumnTableModel::ColumnTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ColumnTableModel::setContent(std::vector<Column> columns, int rows, Cell rowBackground, Cell rowForeground)
{
    beginResetModel();
    m_columns = std::move(columns);
    m_order.resize(static_cast<std::size_t>(std::max(rows, 0)));
    std::iota(m_order.begin(), m_order.end(), 0);
    m_background = std::move(rowBackground);
    m_foreground = std::move(rowForeground);
    m_key = {};
    endResetModel();
}

int ColumnTableModel::viewRow(int sourceRow) const
{
    const auto it = std::find(m_order.begin(), m_order.end(), sourceRow);
    return it == m_order.end() ? -1 : static_cast<int>(it - m_order.begin());
}

int ColumnTableModel::columnOf(const QString &header) const
{
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].header == header)
            return static_cast<int>(i);
    return -1;
}

int ColumnTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_order.size());
}

int ColumnTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant ColumnTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Column &col = m_columns[static_cast<std::size_t>(index.column())];
    const int row = sourceRow(index.row());
    switch (role) {
    case Qt::DisplayRole: return col.display ? col.display(row) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((col.numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::BackgroundRole: return m_background ? m_background(row) : QVariant();
    case Qt::ForegroundRole: return m_foreground ? m_foreground(row) : QVariant();
    case Qt::ToolTipRole: return col.toolTip ? col.toolTip(row) : QVariant();
    case SourceRowRole: return row;
    case KeyRole: return m_key ? m_key(row) : QVariant(row);
    case SortRole: return col.sortKey ? col.sortKey(row) : (col.display ? col.display(row) : QVariant());
    default: return {};
    }
}

QVariant ColumnTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (section < 0 || section >= static_cast<int>(m_columns.size()))
        return {};
    const Column &col = m_columns[static_cast<std::size_t>(section)];
    switch (role) {
    case Qt::DisplayRole: return col.header;
    case Qt::ToolTipRole: return col.headerToolTip.isEmpty() ? QVariant() : QVariant(col.headerToolTip);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((col.numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    default: return {};
    }
}

void ColumnTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= static_cast<int>(m_columns.size()))
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> rows;
    for (const QModelIndex &i : before)
        rows.push_back(i.isValid() ? sourceRow(i.row()) : -1);

    const Column &col = m_columns[static_cast<std::size_t>(column)];
    const Cell key = col.sortKey ? col.sortKey : col.display;
    std::vector<QVariant> keys(m_order.size());
    for (std::size_t i = 0; i < m_order.size(); ++i)
        keys[i] = key ? key(static_cast<int>(i)) : QVariant();
    std::iota(m_order.begin(), m_order.end(), 0);
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
        const QPartialOrdering c = QVariant::compare(keys[static_cast<std::size_t>(a)], keys[static_cast<std::size_t>(b)]);
        return order == Qt::AscendingOrder ? c == QPartialOrdering::Less : c == QPartialOrdering::Greater;
    });

    QModelIndexList after;
    for (qsizetype k = 0; k < before.size(); ++k) {
        const int src = rows[static_cast<std::size_t>(k)];
        after << (src < 0 ? QModelIndex() : index(viewRow(src), before[k].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace tl
