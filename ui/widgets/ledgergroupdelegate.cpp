// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/ledgergroupdelegate.h"

#include "ui/models/sidebysidemodel.h"

#include <QPainter>

namespace tl {

LedgerGroupDelegate::LedgerGroupDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void LedgerGroupDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    // A missing side reads as a gap: say so in muted italics instead of leaving a blank.
    const bool missing = index.data(SideBySideModel::SideMissingRole).toBool();
    QStyledItemDelegate::paint(painter, opt, index);
    if (missing && index.data(SideBySideModel::GroupStartRole).toBool()) {
        painter->save();
        QFont f = opt.font;
        f.setItalic(true);
        painter->setFont(f);
        painter->setPen(QColor(0x8A, 0x91, 0x9C));
        painter->drawText(opt.rect.adjusted(4, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, tr("none"));
        painter->restore();
    }
    if (index.data(SideBySideModel::GroupStartRole).toBool()) {
        painter->save();
        painter->setPen(QPen(QColor(0x7A, 0x82, 0x8E), 2));
        painter->drawLine(opt.rect.topLeft() + QPoint(1, 0), opt.rect.bottomLeft() + QPoint(1, 1));
        painter->restore();
    }
}

} // namespace tl
