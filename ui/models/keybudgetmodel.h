// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/allocationtablemodel.h"

#include <vector>

namespace tl {

/**
 * The keys of the allocation (summary.json `budgets`): each key's owner group, workload, how
 * its cost is shared, its totals and its own monthly budget against spend to date and the
 * projection. Optionally narrowed to the keys whose cost goes to one owner group; the Share
 * column then says which part of the key that group carries.
 */
class KeyBudgetModel : public AllocationTableModel
{
    Q_OBJECT

public:
    enum Column {
        ApiKey = 0,
        OwnerGroup,
        Workload,
        Allocation,
        Share,
        Attempts,
        Estimated,
        ProviderReported,
        Budget,
        SpendToDate,
        ProjectedMonthEnd,
        DaysLeft,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, ExactRole, ApiKeyRole };

    explicit KeyBudgetModel(QObject *parent = nullptr);
    /** Only the keys whose cost goes (in part) to this group; empty: every key. */
    void setOwnerGroup(const QString &ownerGroup);
    QString ownerGroup() const { return m_group; }
    const KeyAllocation *key(int row) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /** Whether the key's cost goes (in part) to the group (the unmapped bucket included). */
    static bool keyBelongsTo(const KeyAllocation &key, const QString &ownerGroup);
    /** The unmapped bucket's key: no owners row or no owner group. */
    static bool isUnmappedKey(const KeyAllocation &key);

protected:
    int rows() const override { return static_cast<int>(m_rows.size()); }
    void workspaceChanged() override;
    QVariant headerText(int column) const override;
    QVariant headerToolTip(int column) const override;
    bool rightAligned(int column) const override { return column > Allocation; }

private:
    void rebuild();
    /** Sum of the key's weights for m_group, over the sum of all its weights; "" when no group is chosen. */
    QString shareText(const KeyAllocation &k) const;

    QString m_group;
    std::vector<int> m_rows;
};

} // namespace tl
