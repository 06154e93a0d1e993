// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"
#include "ui/models/matchstates.h"

#include <QAbstractTableModel>

#include <array>
#include <memory>
#include <vector>

namespace tl {

/**
 * Client | gateway | provider | finance next to each other, one aligned row per request (or per
 * key and day), coloured by match state. A view over the workspace's LedgerAlignment and the
 * core's columnar tables: filtering and sorting permute a vector of aligned-row indices, and
 * data() reads one column at one index, so a million rows scroll and filter without a per-row
 * object. Columns of a ledger the job does not have are left out.
 */
class SideBySideModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Mode { ByRequest, ByKeyDay };
    /** The ledger a column belongs to. */
    enum class Side { None, Client, Gateway, Provider, Finance };
    enum Field {
        State,
        // by request
        ClientTime, ClientRequest, ClientAttempt, ClientKey, ClientModel, ClientInput, ClientOutput, ClientCost, ClientOutcome,
        GatewayTime, GatewayModel, GatewayInput, GatewayOutput, GatewayCost,
        ProviderTime, ProviderModel, ProviderInput, ProviderOutput, ProviderCost,
        // by key and day
        CellKey, CellDay, CellOwner, ClientAttempts, ClientBillable, ClientRetries, ClientQuarantined, ClientEstimated,
        GatewayAttempts, GatewayCostSum, ProviderRequests, ProviderAmount, CellVariance,
        FinanceDocument, FinanceType, FinanceAmount,
        FieldCount
    };
    enum Role {
        StateRole = Qt::UserRole + 1, ///< MatchState as int
        AlignedRowRole,               ///< index into the alignment's request or day rows
        LineRole,                     ///< client line, -1 none (by request)
        SideRole,                     ///< Side of the column, as int
        GroupStartRole,               ///< true on the first column of a ledger's group
        SideMissingRole,              ///< true when the row has nothing on this column's side
        DifferenceRole                ///< true when this cell differs from the client's
    };

    explicit SideBySideModel(QObject *parent = nullptr);

    void setWorkspace(std::shared_ptr<const Workspace> ws);
    const std::shared_ptr<const Workspace> &workspace() const { return m_ws; }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setFilter(const LedgerFilter &filter);
    const LedgerFilter &filter() const { return m_filter; }

    /** The field shown in column, and the column of a field (-1 when not shown). */
    Field fieldAt(int column) const { return m_columns[static_cast<std::size_t>(column)]; }
    int columnOf(Field field) const;
    static Side sideOf(Field field);
    /** The aligned row shown at row (index into the alignment's request or day rows). */
    int alignedRowAt(int row) const { return m_view[static_cast<std::size_t>(row)]; }
    /** The row showing an aligned row, or -1 when filtered out. */
    int rowOfAligned(int alignedRow) const;
    /** Rows of the mode before filtering. */
    int totalRows() const;
    MatchState stateAt(int row) const;
    /** Visible rows per match state. */
    const std::array<qint64, MatchStateCount> &visibleStates() const { return m_visibleStates; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /** Header tint of a ledger's columns. */
    static QColor sideColor(Side side);
    static QString sideName(Side side);

signals:
    /** The visible rows changed (filter, mode or workspace). */
    void viewChanged();

private:
    void buildColumns();
    void rebuild();
    void sortView();
    QVariant display(Field f, int aligned) const;
    bool sideMissing(Side side, int aligned) const;
    bool differs(Field f, int aligned) const;

    std::shared_ptr<const Workspace> m_ws;
    Mode m_mode = Mode::ByRequest;
    LedgerFilter m_filter;
    std::vector<Field> m_columns;
    std::vector<int> m_view;
    std::vector<int> m_rowOfAligned;
    std::array<qint64, MatchStateCount> m_visibleStates{};
    Field m_sortField = ClientTime;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace tl
