// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/readonlytableview.h"

#include <QHeaderView>

namespace tl {

ReadOnlyTableView::ReadOnlyTableView(QAbstractItemModel *model, QWidget *parent)
    : QTableView(parent)
{
    if (model)
        setModel(model);
    setSortingEnabled(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    // One line a row: a cell too narrow for its text is cut with an ellipsis, not wrapped half-way.
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
}

} // namespace tl
