// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace tl {

/**
 * The reconciled client lines as a table, read column by column from the core's columnar
 * storage (ReconcileResult line columns + LedgerSet::client). Filtering and sorting work on a
 * vector of line indices, so millions of rows scroll without a per-row object.
 */
class LedgerLinesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Time, RequestId, Attempt, ApiKey, BillableModel, Outcome, Treatment, Cost, Status, Category,
        ModelRequested, InputTokens, CachedTokens, OutputTokens, ReasoningTokens, Source,
        ColumnCount
    };
    enum Role { LineRole = Qt::UserRole + 1, ClientRowRole };

    explicit LedgerLinesModel(QObject *parent = nullptr);

    void setWorkspace(std::shared_ptr<const Workspace> ws);
    const std::shared_ptr<const Workspace> &workspace() const { return m_ws; }

    void setFilter(const LedgerFilter &filter);
    const LedgerFilter &filter() const { return m_filter; }

    /** Lines in the result (before filtering). */
    int totalLines() const;
    /** The line index (into ReconcileResult's line columns) shown at row. */
    int lineAt(int row) const { return m_view[static_cast<std::size_t>(row)]; }
    /** The row showing line, or -1 when filtered out. */
    int rowOfLine(int line) const;
    /** Sum of the known estimated costs of the visible billable lines; *unknownCost counts billable
     *  lines quarantined for missing usage or an unknown model (their cost is unknown). */
    Decimal visibleEstimate(qint64 *unknownCost) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static QString statusText(std::int8_t quarantine);

signals:
    /** The visible rows changed (filter or workspace). */
    void viewChanged();

private:
    void rebuild();
    void sortView();
    /** Cost sort keys in keys (one per view position); false when the amounts need more than 63 bits. */
    bool costKeys(std::vector<std::uint64_t> &keys) const;
    bool costCounts(int line) const;

    std::shared_ptr<const Workspace> m_ws;
    LedgerFilter m_filter;
    std::vector<int> m_view;
    std::vector<int> m_rowOfLine;
    int m_sortColumn = Time;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace tl
