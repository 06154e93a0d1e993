// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/report/reporttable.h"

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

#include <functional>

class QPagedPaintDevice;
class QPainter;

namespace tl {

/**
 * Flows a report down A4 pages: headings, wrapped paragraphs, tables that break across pages
 * with their header repeated, and fixed-height blocks (charts, boxes) kept whole. Every page
 * gets the running header (title, packet id, period, a PROVISIONAL mark when it applies) and a
 * footer with "Page N of M".
 *
 * Without a painter the canvas only measures: PdfReport lays the report out once that way to
 * learn the page count, then again on the PDF. Both passes measure text on the same device, so
 * they break pages at the same places. Lengths in the API are points (1/72 in); the canvas
 * converts to device units.
 */
class ReportCanvas
{
public:
    struct Frame
    {
        QString title, packetId, period, footer;
        bool provisional = false;
    };

    static const QColor kInk, kMuted, kHeading, kRule, kFill;

    /** painter may be null (measure only); totalPages is shown in footers (0: unknown). */
    ReportCanvas(QPagedPaintDevice *device, QPainter *painter, const Frame &frame, int totalPages);

    QPainter *painter() const { return m_painter; }
    /** Device units per point. */
    double unit() const { return m_unit; }
    double pt(double points) const { return points * m_unit; }
    QFont font(double pointSize, bool bold = false, bool mono = false) const;

    int page() const { return m_page; }
    /** Content area, in device units. */
    double left() const { return m_left; }
    double width() const { return m_width; }
    double y() const { return m_y; }
    double remaining() const { return m_bottom - m_y; }

    void space(double points);
    /** Starts a new page unless `points` of room remain; true when it did. */
    bool ensure(double points);
    void newPage();

    /** Height (device units) of text wrapped to width (device units); a word too long for a line breaks anywhere. */
    double textHeight(const QString &text, const QFont &font, double width) const;
    /** Draws wrapped text with its top-left at (x, y) (device units) unless measuring; returns its height. */
    double drawText(double x, double y, double width, const QString &text, const QFont &font, const QColor &color,
                    Qt::Alignment align = Qt::AlignLeft) const;

    /** A section heading with a rule under it, kept with `keepWith` points of what follows. */
    void heading(const QString &text, double keepWith = 90);
    void subheading(const QString &text, double keepWith = 60);
    void paragraph(const QString &text, const QFont &font, const QColor &color = kInk, double indent = 0);
    void table(const ReportTable &table);
    /** Labelled values in a grid of `columns` (label above value), with rules above and below. */
    void fields(const QList<QPair<QString, QString>> &items, int columns);
    /** A boxed notice: a bold title beside wrapped text (PROVISIONAL, NOT SIGNED OFF). */
    void callout(const QString &title, const QString &text, const QColor &accent, const QColor &fill);
    /** A block of fixed height (points) drawn by paint(painter, rect in device units), kept on one page. */
    void block(double heightPoints, const std::function<void(QPainter &, const QRectF &)> &paint);

private:
    double layoutText(QPainter *painter, double x, double y, double width, const QString &text, const QFont &font,
                      const QColor &color, Qt::Alignment align) const;
    void drawFrame();
    double rowHeight(const ReportTable &t, const ReportTable::Row &row, const QList<double> &widths, bool header) const;
    void drawRow(const ReportTable &t, const ReportTable::Row &row, const QList<double> &widths, bool header, double height);

    QPagedPaintDevice *m_device;
    QPainter *m_painter;
    Frame m_frame;
    int m_totalPages;
    int m_page = 1;
    double m_unit = 1;
    double m_pageWidth = 0, m_pageHeight = 0;
    double m_left = 0, m_width = 0, m_top = 0, m_bottom = 0, m_y = 0;
};

} // namespace tl
