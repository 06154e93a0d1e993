// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <functional>
#include <vector>

namespace tl {

/**
 * A read-only table whose columns are functions of a row number: the reference tables
 * (prices, mappings, owners, evidence) and the small summaries (by outcome, key, model,
 * variance category) are all a handful of rows over core vectors. Sorting permutes a row
 * vector; nothing is copied out of the core's data.
 */
class ColumnTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using Cell = std::function<QVariant(int row)>;
    struct Column
    {
        QString header;
        Cell display;
        Cell sortKey;         ///< default: display (numbers sort as numbers when given here)
        bool numeric = false; ///< right-aligned
        QString headerToolTip;
        Cell toolTip;
    };
    enum Role { SourceRowRole = Qt::UserRole + 1, SortRole, KeyRole };

    explicit ColumnTableModel(QObject *parent = nullptr);

    /** Replaces the table. rowBackground/rowForeground colour whole rows (may be empty). */
    void setContent(std::vector<Column> columns, int rows, Cell rowBackground = {}, Cell rowForeground = {});
    /** What KeyRole returns for a row (e.g. the index of the item it shows). */
    void setRowKey(Cell key) { m_key = std::move(key); }
    /** Row of the underlying data shown at view row. */
    int sourceRow(int row) const { return m_order[static_cast<std::size_t>(row)]; }
    int viewRow(int sourceRow) const;
    /** The text of a header; -1 when there is no such column. */
    int columnOf(const QString &header) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    std::vector<Column> m_columns;
    std::vector<int> m_order;
    Cell m_background, m_foreground, m_key;
};

} // namespace tl
