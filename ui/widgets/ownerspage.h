// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QToolButton;
QT_END_NAMESPACE

namespace tl {

class BudgetChart;
class DailySpendChart;
class KeyBudgetModel;
class OwnerAllocationModel;
class ReferencePage;
class RetryAmplificationModel;
class UnitCostModel;

/**
 * The budget owner's page (issue #9): one row per owner group with its attempts, estimated and
 * provider-reported cost, budget, spend to date, projection and the days until the budget runs
 * out, the unmapped bucket always listed. Choosing a group draws its daily spend (estimated vs
 * provider-reported) and its month to date against the budget with the burn-rate projection,
 * and narrows the keys, unit costs and retry amplification below to it. "Export guardrails…"
 * writes the budgets and the model denylist for LiteLLM.
 */
class OwnersPage : public QWidget
{
    Q_OBJECT

public:
    explicit OwnersPage(QWidget *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** Chooses an owner group as a click would; empty: all owner groups. False when there is no such group. */
    bool selectOwner(const QString &ownerGroup);
    QString selectedOwner() const { return m_owner; }

    OwnerAllocationModel *ownerModel() const { return m_ownerModel; }
    KeyBudgetModel *keyModel() const { return m_keyModel; }
    UnitCostModel *unitCostModel() const { return m_unitModel; }
    RetryAmplificationModel *retryModel() const { return m_retryModel; }
    QTableView *ownerView() const { return m_ownerView; }
    DailySpendChart *dailyChart() const { return m_daily; }
    BudgetChart *budgetChart() const { return m_budget; }
    QTabWidget *detailTabs() const { return m_tabs; }
    /** File-menu action: opens the guardrail export dialog (enabled with a workspace). */
    QAction *exportGuardrailsAction() const { return m_exportGuardrails; }

public slots:
    void exportGuardrails();

private:
    void refresh();

    std::shared_ptr<const Workspace> m_ws;
    QString m_owner;
    OwnerAllocationModel *m_ownerModel;
    KeyBudgetModel *m_keyModel;
    UnitCostModel *m_unitModel;
    RetryAmplificationModel *m_retryModel;
    QSortFilterProxyModel *m_ownerSort, *m_keySort, *m_unitSort, *m_retrySort;
    QTableView *m_ownerView, *m_keyView, *m_unitView, *m_retryView;
    QLabel *m_caption;
    QLabel *m_selection;
    QLabel *m_unitNote;
    QLabel *m_retryNote;
    QToolButton *m_allOwners;
    QCheckBox *m_toScale;
    QComboBox *m_retryMode;
    DailySpendChart *m_daily;
    BudgetChart *m_budget;
    QTabWidget *m_tabs;
    QSplitter *m_split;
    ReferencePage *m_ownersTable;
    QAction *m_exportGuardrails;
};

} // namespace tl
