// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/allocationtablemodel.h"

namespace tl {

/**
 * One row per owner group of the period's allocation (core/allocation), the unmapped bucket
 * last and always present: attempts, estimated and provider-reported cost (shared keys split
 * by their weights, so the estimated column adds up to the period's estimate exactly), the
 * monthly budget, spend to date, daily burn, projected month end and the days until the
 * budget runs out, all as of the newest data in the period. Amounts are shown to four
 * decimals at most; ExactRole gives every digit.
 */
class OwnerAllocationModel : public AllocationTableModel
{
    Q_OBJECT

public:
    enum Column {
        Owner = 0,
        Keys,
        Attempts,
        Estimated,
        ProviderReported,
        Budget,
        SpendToDate,
        DailyBurn,
        ProjectedMonthEnd,
        OfBudget,
        DaysLeft,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< numbers as numbers (unknown sorts first)
        ExactRole,                   ///< amounts: the exact decimal string ("" when unknown)
        OwnerGroupRole,              ///< the owner group of the row (any column)
        UnmappedRole                 ///< true on the unmapped bucket
    };

    explicit OwnerAllocationModel(QObject *parent = nullptr);

    /** The row of an owner group, -1 when there is none. */
    int rowOf(const QString &ownerGroup) const;
    const OwnerAllocation *owner(int row) const;
    /** "as of 2026-05-20 (day 20 of 31)", or why there is no projection. */
    QString asOfText() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override;
    QVariant headerText(int column) const override;
    QVariant headerToolTip(int column) const override;
    bool rightAligned(int column) const override { return column != Owner; }
};

} // namespace tl
