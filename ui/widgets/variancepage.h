// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace tl {

class ColumnTableModel;
class VarianceWaterfallChart;

/**
 * The waterfall from estimated to provider-reported through each category, the category table
 * below it and the attributed items (key and day) of the chosen category. Choosing a bar, a
 * category or an item filters the Ledgers page to the client rows behind it.
 */
class VariancePage : public QWidget
{
    Q_OBJECT

public:
    explicit VariancePage(QWidget *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** Chooses a category (VarianceCategory value, -1 for all) as a click would. */
    void selectCategory(int category);
    /** The filter for the client rows behind a category; rows empty when there are none. */
    LedgerFilter categoryFilter(int category) const;

    VarianceWaterfallChart *waterfall() const { return m_waterfall; }
    ColumnTableModel *categoryModel() const { return m_categories; }
    ColumnTableModel *itemModel() const { return m_items; }
    QTableView *categoryView() const { return m_categoryView; }

signals:
    /** Filter the Ledgers page; openLedgers: also switch to it. */
    void ledgerFilterRequested(const tl::LedgerFilter &filter, bool openLedgers);

private:
    void onItemChosen(const QModelIndex &index, bool open);

    std::shared_ptr<const Workspace> m_ws;
    VarianceWaterfallChart *m_waterfall;
    ColumnTableModel *m_categories;
    ColumnTableModel *m_items;
    QTableView *m_categoryView;
    QTableView *m_itemView;
    QLabel *m_itemsTitle;
    QLabel *m_hint;
    QPushButton *m_open;
    LedgerFilter m_pending;
    int m_category = -1;
};

} // namespace tl
