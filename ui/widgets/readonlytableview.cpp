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
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
}

} // namespace tl
