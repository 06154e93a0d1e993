// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"
#include "ui/widgets/workbenchpage.h"

#include <QScrollArea>

#include <memory>

QT_BEGIN_NAMESPACE
class QGridLayout;
class QLabel;
class QTabWidget;
class QTableView;
QT_END_NAMESPACE

namespace tl {

class ColumnTableModel;
class OutcomeDayChart;
class ReasonListWidget;
class VarianceWaterfallChart;

/**
 * Where the finance reviewer starts and ends: the decision and its reasons (each leading to
 * its rows), the totals of the ledgers and the variance, the waterfall, counts by outcome,
 * quarantines and evidence due.
 */
class OverviewPage : public QScrollArea
{
    Q_OBJECT

public:
    explicit OverviewPage(QWidget *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);

    ReasonListWidget *reasons() const { return m_reasons; }
    VarianceWaterfallChart *waterfall() const { return m_waterfall; }
    ColumnTableModel *outcomeModel() const { return m_outcomes; }
    /** Counts by outcome per day (the "Per day" tab beside the outcome table). */
    OutcomeDayChart *outcomeDayChart() const { return m_outcomeDays; }
    QTabWidget *outcomeTabs() const { return m_outcomeTabs; }

signals:
    void showLedger(const tl::LedgerFilter &filter);
    void showPage(tl::WorkbenchPage page);
    void showCategory(int category);

private:
    void onLink(const QString &link);

    std::shared_ptr<const Workspace> m_ws;
    QLabel *m_decision;
    ReasonListWidget *m_reasons;
    QGridLayout *m_totals;
    QLabel *m_counts;
    QLabel *m_quarantines;
    QLabel *m_evidence;
    VarianceWaterfallChart *m_waterfall;
    ColumnTableModel *m_outcomes;
    QTableView *m_outcomeView;
    OutcomeDayChart *m_outcomeDays;
    QTabWidget *m_outcomeTabs;
};

} // namespace tl
