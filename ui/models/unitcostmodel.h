// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace tl {

/**
 * Cost per business unit per workload and day (formats.md §10, seed 002), with the numerator,
 * the denominator, where each comes from and the cadence beside the number, as the core
 * computed them (UnitEconomics): one `daily` row per units row and a `period` row per workload
 * and unit. An unknown numerator (no key has the workload) or a count of 0 shows "—", never 0.
 */
class UnitCostModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Workload = 0,
        Unit,
        Cadence,
        Day,
        UnitCostColumn,
        Numerator,
        Denominator,
        NumeratorSource,
        DenominatorSource,
        Keys,
        CostOnDaysWithoutUnits,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, ExactRole, WorkloadRole };

    explicit UnitCostModel(QObject *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** Only these workloads (an owner's); `all` true: every row. */
    void setWorkloads(const QStringList &workloads, bool all);
    const UnitCost *unitCost(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    std::shared_ptr<const Workspace> m_ws;
    QStringList m_workloads;
    bool m_all = true;
    std::vector<int> m_rows;
};

} // namespace tl
