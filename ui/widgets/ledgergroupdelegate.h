// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStyledItemDelegate>

namespace tl {

/**
 * Paints cells as usual, then a rule on the left edge of the first column of each ledger's
 * group (SideBySideModel::GroupStartRole), so that client | gateway | provider | finance read
 * as blocks side by side.
 */
class LedgerGroupDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit LedgerGroupDelegate(QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace tl
