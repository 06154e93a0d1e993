// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tl {

/** A table for ReportCanvas::table(): columns with relative widths, rows of text cells. */
struct ReportTable
{
    struct Column
    {
        QString title;
        double weight = 1;              ///< share of the table's width
        Qt::Alignment align = Qt::AlignLeft;
        bool mono = false;              ///< fixed-width font, wraps anywhere (ids, hashes)
    };
    enum class RowStyle { Normal, Total, Group, Detail, Muted };
    struct Row
    {
        QStringList cells;
        RowStyle style = RowStyle::Normal;
        QHash<int, QColor> colors; ///< text colour per cell, where it carries meaning (levels, overdue)
        QHash<int, bool> bold;     ///< bold cells
    };

    QList<Column> columns;
    QList<Row> rows;
    double fontSize = 7.5;         ///< points

    void addColumn(const QString &title, double weight, Qt::Alignment align = Qt::AlignLeft, bool mono = false)
    {
        columns.append({title, weight, align, mono});
    }
    Row &addRow(const QStringList &cells, RowStyle style = RowStyle::Normal)
    {
        rows.append({cells, style, {}, {}});
        return rows.last();
    }
};

} // namespace tl
