// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;
QT_END_NAMESPACE

namespace tl {

class LedgerLinesModel;
class LineDetailsView;

/**
 * The reconciled lines with one filter bar (key, outcome, variance category, status, text, and
 * the rows a reason or a variance item stands for), coloured by quarantine and category;
 * selecting a row fills the Details pane.
 */
class LedgersPage : public QWidget
{
    Q_OBJECT

public:
    explicit LedgersPage(QWidget *parent = nullptr);

    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** Replaces the whole filter (the bar shows it). */
    void setFilter(const LedgerFilter &filter);
    void setSearchText(const QString &text);
    void clearFilter();

    LedgerLinesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    LineDetailsView *details() const { return m_details; }
    QLineEdit *searchField() const { return m_text; }
    /** "1 of 309 rows …" */
    QString summaryText() const;

signals:
    void searchTextChanged(const QString &text);
    void filterChanged();

private:
    void applyBar();
    void updateSummary();
    void showCurrent();

    std::shared_ptr<const Workspace> m_ws;
    LedgerLinesModel *m_model;
    QTableView *m_view;
    LineDetailsView *m_details;
    QComboBox *m_key, *m_outcome, *m_category, *m_status;
    QLineEdit *m_text;
    QToolButton *m_rowsChip;
    QToolButton *m_clear;
    QLabel *m_summary;
    QLabel *m_empty;
    QTimer *m_textTimer;
    LedgerFilter m_filter;
    bool m_updatingBar = false;
};

} // namespace tl
