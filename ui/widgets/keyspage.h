// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;
QT_END_NAMESPACE

namespace tl {

class BudgetChart;
class ColumnTableModel;
class DailySpendChart;
class ModelSpendChart;
class OutcomeDayChart;

/**
 * The budget owner's page: per key daily spend (estimated vs provider-reported), month to date
 * against the owners' monthly budget with a straight-line projection, the keys table and spend
 * by model.
 */
class KeysPage : public QWidget
{
    Q_OBJECT

public:
    explicit KeysPage(QWidget *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** Shows one key (empty: all keys). */
    void setKey(const QString &apiKey);

    ColumnTableModel *keyModel() const { return m_keys; }
    ColumnTableModel *modelModel() const { return m_models; }
    BudgetChart *budgetChart() const { return m_budget; }
    DailySpendChart *dailyChart() const { return m_daily; }
    ModelSpendChart *modelChart() const { return m_modelChart; }
    /** The chosen key's attempts per day by outcome (a tab under the charts). */
    OutcomeDayChart *outcomeDayChart() const { return m_outcomeDays; }
    QTabWidget *bottomTabs() const { return m_bottomTabs; }

signals:
    /** A chart segment asks for its rows (the key, the day and the outcome). */
    void ledgerFilterRequested(const tl::LedgerFilter &filter);

private:
    void refreshCharts();

    std::shared_ptr<const Workspace> m_ws;
    QComboBox *m_key;
    QCheckBox *m_toScale;
    QLabel *m_about;
    DailySpendChart *m_daily;
    BudgetChart *m_budget;
    ModelSpendChart *m_modelChart;
    OutcomeDayChart *m_outcomeDays;
    ColumnTableModel *m_keys;
    ColumnTableModel *m_models;
    QTableView *m_keyView;
    QTableView *m_modelView;
    QTabWidget *m_bottomTabs = nullptr;
};

} // namespace tl
