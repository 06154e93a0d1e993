// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/allocationtablemodel.h"

#include <QStringList>

#include <vector>

namespace tl {

/**
 * Cost per business unit per workload and day (formats.md §10, seed 002), with the numerator,
 * the denominator, where each comes from and the cadence beside the number, as the core
 * computed them (UnitEconomics): one `daily` row per units row and a `period` row per workload
 * and unit. An unknown numerator (no key has the workload) or a count of 0 shows "—", never 0.
 */
class UnitCostModel : public AllocationTableModel
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
    /** Only these workloads (an owner's); `all` true: every row. */
    void setWorkloads(const QStringList &workloads, bool all);
    const UnitCost *unitCost(int row) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return static_cast<int>(m_rows.size()); }
    void workspaceChanged() override;
    QVariant headerText(int column) const override;
    QVariant headerToolTip(int column) const override;
    bool rightAligned(int column) const override
    {
        return (column >= UnitCostColumn && column <= Denominator) || column == CostOnDaysWithoutUnits;
    }

private:
    void rebuild();

    QStringList m_workloads;
    bool m_all = true;
    std::vector<int> m_rows;
};

} // namespace tl
