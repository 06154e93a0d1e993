// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;
QT_END_NAMESPACE

namespace tl {

class LedgerLinesModel;
class LineDetailsView;
class SideBySideModel;

/**
 * The ledgers: client | gateway | provider | finance side by side, aligned by request or by key
 * and day and coloured by match state, or the client lines alone with every column. One filter
 * bar for all (key, model, owner, day, outcome, variance category, status, match state, text,
 * and the rows a reason or a variance item stands for); selecting a row fills the Details pane
 * with the row's source file and line and its price lineage.
 */
class LedgersPage : public QWidget
{
    Q_OBJECT

public:
    enum class ViewMode { ByRequest = 0, ByKeyDay, ClientLines };

    explicit LedgersPage(QWidget *parent = nullptr);

    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** Replaces the whole filter (the bar shows it). A set of client rows shows them by request. */
    void setFilter(const LedgerFilter &filter);
    const LedgerFilter &filter() const { return m_filter; }
    void setSearchText(const QString &text);
    void clearFilter();
    void setViewMode(ViewMode mode);
    ViewMode viewMode() const { return m_mode; }

    /** The client lines (all columns). */
    LedgerLinesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /** The side-by-side rows (by request or by key and day, following the view mode). */
    SideBySideModel *sideBySideModel() const { return m_sideModel; }
    QTableView *sideBySideView() const { return m_sideView; }
    LineDetailsView *details() const { return m_details; }
    QLineEdit *searchField() const { return m_text; }
    QComboBox *matchStateBox() const { return m_match; }
    /** "1 of 309 rows …" of the view shown. */
    QString summaryText() const;

signals:
    void searchTextChanged(const QString &text);
    void filterChanged();

private:
    void applyBar();
    void syncBar();
    void updateSummary();
    void showCurrent();
    void showSideCurrent();
    void fillCombos();

    std::shared_ptr<const Workspace> m_ws;
    LedgerLinesModel *m_model;
    SideBySideModel *m_sideModel;
    QTableView *m_view;
    QTableView *m_sideView;
    QStackedWidget *m_tables;
    LineDetailsView *m_details;
    QButtonGroup *m_modeGroup;
    QComboBox *m_key, *m_modelBox, *m_owner, *m_day, *m_outcome, *m_category, *m_status, *m_match;
    QLineEdit *m_text;
    QToolButton *m_rowsChip;
    QToolButton *m_clear;
    QLabel *m_summary;
    QLabel *m_legend;
    QLabel *m_empty;
    QLabel *m_note;
    QTimer *m_textTimer;
    LedgerFilter m_filter;
    ViewMode m_mode = ViewMode::ByRequest;
    bool m_updatingBar = false;
};

} // namespace tl
