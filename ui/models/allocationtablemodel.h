// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QAbstractTableModel>
#include <QFont>

#include <memory>

namespace tl {

/**
 * What the read-only tables over a workspace's allocation (owners, keys, unit costs, retry
 * amplification, alerts) have in common: the workspace they show, the row and column counts,
 * the header (its text, tool tip and alignment from the subclass's answer per column) and the
 * cells they show alike: amounts that may be unknown ("—", never 0), their exact digits, sort
 * keys and when a budget runs out.
 */
class AllocationTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /** Shows ws (may be null): the model resets. */
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    AllocationTableModel(int columnCount, QObject *parent);

    /** The rows shown (0 without a workspace). */
    virtual int rows() const = 0;
    /** Inside setWorkspace()'s reset, once m_ws is the new workspace: rebuild what depends on it. */
    virtual void workspaceChanged() {}
    /** A column's header text; an invalid QVariant for no such column. */
    virtual QVariant headerText(int column) const = 0;
    /** A column's header tool tip, if it has one. */
    virtual QVariant headerToolTip(int column) const;
    /** Whether a column (its header and, unless data() says otherwise, its cells) is right-aligned. */
    virtual bool rightAligned(int column) const = 0;
    /** rightAligned() as a TextAlignmentRole value, centred vertically. */
    QVariant alignment(int column) const;

    /** The period's currency; empty without a workspace. */
    QString currency() const;
    /** The provider-reported column's header: provisional or reconciled. */
    QString providerHeader() const;
    /** An exact amount for a tool tip: "USD 1,234.5678". */
    QString moneyToolTip(const QString &exact) const;

    /** The amount shown to maxDecimals at most, or "—" when unknown. */
    static QString amountText(const MaybeDecimal &d, int maxDecimals = 4);
    /** Every digit of the amount, or "" when unknown. */
    static QString exactText(const MaybeDecimal &d);
    /** For SortRole: ordering only, the digits shown come from the Decimal. */
    static QVariant sortKey(Decimal d);
    /** As sortKey(Decimal); unknown sorts first. */
    static QVariant sortKey(const MaybeDecimal &d);
    /** When the budget runs out: "used up", "under 1 day", "1 day", "12 days", or "—" (never). */
    static QString daysLeftText(const BudgetProjection &p);
    /** daysLeftText()'s sort key: never sorts last. */
    static qint64 daysLeftSortKey(const BudgetProjection &p);
    static QFont boldFont();
    static QFont italicFont();

    std::shared_ptr<const Workspace> m_ws;

private:
    int m_columns;
};

} // namespace tl
