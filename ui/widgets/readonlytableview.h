// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTableView>

namespace tl {

/** The workbench's table: read-only, sortable, whole rows selected one at a time. */
class ReadOnlyTableView : public QTableView
{
    Q_OBJECT

public:
    explicit ReadOnlyTableView(QAbstractItemModel *model = nullptr, QWidget *parent = nullptr);
};

} // namespace tl
