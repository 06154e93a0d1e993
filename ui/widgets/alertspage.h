// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTextBrowser;
QT_END_NAMESPACE

namespace tl {

class AlertModel;

/**
 * The alerts of the period (issue #9; seed 000 "Recommended alert design", seed 004): each
 * with its severity, code, what it is about, detail and suggested action, critical first.
 * Choosing one shows it in full with its first evidence rows (ledger, file and line);
 * activating it (double-click, Enter or "Show rows in Ledgers") filters the Ledgers page to
 * exactly its evidence rows.
 */
class AlertsPage : public QWidget
{
    Q_OBJECT

public:
    explicit AlertsPage(QWidget *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** The Ledgers filter of an alert (index into the result's alerts). */
    LedgerFilter alertFilter(int alertIndex) const;
    /** Chooses an alert (index into the result's alerts) as a click would. */
    void selectAlert(int alertIndex);
    /** Activates an alert as a double-click would: emits ledgerFilterRequested(filter, true). */
    void activateAlert(int alertIndex);
    /** "Alerts (2)" for the tab. */
    QString tabTitle() const;

    AlertModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QTextBrowser *details() const { return m_details; }

signals:
    /** Filter the Ledgers page; openLedgers: also switch to it. */
    void ledgerFilterRequested(const tl::LedgerFilter &filter, bool openLedgers);

private:
    void showAlert(int alertIndex);
    int currentAlert() const;

    std::shared_ptr<const Workspace> m_ws;
    AlertModel *m_model;
    QSortFilterProxyModel *m_sort;
    QTableView *m_view;
    QStackedWidget *m_stack;
    QLabel *m_summary;
    QLabel *m_empty;
    QTextBrowser *m_details;
    QLabel *m_hint;
    QPushButton *m_open;
};

} // namespace tl
