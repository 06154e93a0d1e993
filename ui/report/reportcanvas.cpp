// SPDX-License-Identifier: Apache-2.0
#include "ui/report/reportcanvas.h"

#include <QPagedPaintDevice>
#include <QPainter>
#include <QTextLayout>

#include <algorithm>

namespace tl {

const QColor ReportCanvas::kInk(0x1d, 0x27, 0x33);
const QColor ReportCanvas::kMuted(0x5b, 0x6b, 0x7c);
const QColor ReportCanvas::kHeading(0x22, 0x36, 0x4d);
const QColor ReportCanvas::kRule(0xc9, 0xd2, 0xdc);
const QColor ReportCanvas::kFill(0xee, 0xf2, 0xf6);

namespace {

constexpr double kMm = 72.0 / 25.4; // points per millimetre
constexpr double kCellPadX = 3.2, kCellPadY = 2.1;

} // namespace

ReportCanvas::ReportCanvas(QPagedPaintDevice *device, QPainter *painter, const Frame &frame, int totalPages)
    : m_device(device)
    , m_painter(painter)
    , m_frame(frame)
    , m_totalPages(totalPages)
{
    m_unit = device->logicalDpiY() / 72.0;
    m_pageWidth = device->width();
    m_pageHeight = device->height();
    m_left = pt(18 * kMm);
    m_width = m_pageWidth - 2 * m_left;
    m_top = pt(24 * kMm);
    m_bottom = m_pageHeight - pt(20 * kMm);
    m_y = m_top;
    drawFrame();
}

QFont ReportCanvas::font(double pointSize, bool bold, bool mono) const
{
    QFont f(mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setStyleHint(mono ? QFont::Monospace : QFont::SansSerif);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    // Glyph advances unhinted, so a measuring pass and the PDF agree to the last unit.
    f.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures ("ff", "fi"): the PDF's text must extract and search as typed ("signed off").
    // Qt 6.4 has no font-feature API, but any letter spacing turns ligatures off in its shaper;
    // 0.02 device units (1/15000 in) is the least that survives QFixed's 1/64 steps.
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return f;
}

void ReportCanvas::space(double points)
{
    if (m_y > m_top) // space never opens a page
        m_y = std::min(m_bottom, m_y + pt(points));
}

bool ReportCanvas::ensure(double points)
{
    if (m_y > m_top && m_y + pt(points) > m_bottom) {
        newPage();
        return true;
    }
    return false;
}

void ReportCanvas::newPage()
{
    if (m_painter)
        m_device->newPage();
    ++m_page;
    m_y = m_top;
    drawFrame();
}

void ReportCanvas::drawFrame()
{
    if (!m_painter)
        return;
    QPainter &p = *m_painter;
    const double right = m_left + m_width;
    const double headerY = pt(11 * kMm);
    const QFont small = font(7.5);
    const QFont smallBold = font(7.5, true);
    drawText(m_left, headerY, m_width * 0.5, m_frame.title, small, kMuted);
    const QString idText = m_frame.packetId.isEmpty() ? m_frame.period : m_frame.packetId + QStringLiteral("  \u00b7  period ") + m_frame.period;
    drawText(m_left + m_width * 0.4, headerY, m_width * 0.6, idText, smallBold, kHeading, Qt::AlignRight);
    if (m_frame.provisional) {
        const QFont tag = font(7.5, true);
        const QString text = QStringLiteral("PROVISIONAL");
        const double w = QFontMetricsF(tag, m_device).horizontalAdvance(text) + pt(8);
        const QRectF r(m_left + m_width * 0.5 - w / 2, headerY - pt(1.5), w, pt(11));
        p.fillRect(r, QColor(0xd9, 0x73, 0x0d));
        drawText(r.left(), headerY, r.width(), text, tag, Qt::white, Qt::AlignHCenter);
    }
    p.setPen(QPen(kRule, pt(0.6)));
    p.drawLine(QPointF(m_left, pt(16 * kMm)), QPointF(right, pt(16 * kMm)));

    const double footerLine = m_pageHeight - pt(14 * kMm);
    p.drawLine(QPointF(m_left, footerLine), QPointF(right, footerLine));
    drawText(m_left, footerLine + pt(3), m_width * 0.82, m_frame.footer, small, kMuted);
    const QString pageText = m_totalPages > 0 ? QStringLiteral("Page %1 of %2").arg(m_page).arg(m_totalPages)
                                              : QStringLiteral("Page %1").arg(m_page);
    drawText(m_left + m_width * 0.82, footerLine + pt(3), m_width * 0.18, pageText, smallBold, kHeading, Qt::AlignRight);
}

double ReportCanvas::textHeight(const QString &text, const QFont &font, double width) const
{
    return layoutText(nullptr, 0, 0, width, text, font, kInk, Qt::AlignLeft);
}

double ReportCanvas::drawText(double x, double y, double width, const QString &text, const QFont &font, const QColor &color,
                              Qt::Alignment align) const
{
    return layoutText(m_painter, x, y, width, text, font, color, align);
}

double ReportCanvas::layoutText(QPainter *painter, double x, double y, double width, const QString &text, const QFont &font,
                                const QColor &color, Qt::Alignment align) const
{
    QString t = text;
    t.replace(QLatin1Char('\n'), QChar::LineSeparator);
    QTextLayout layout(t, font, m_device);
    QTextOption option(align & Qt::AlignHorizontal_Mask);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.setCacheEnabled(true);
    double h = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, h));
        h += line.height();
    }
    layout.endLayout();
    if (painter) {
        painter->setPen(color);
        layout.draw(painter, QPointF(x, y));
    }
    return h;
}

void ReportCanvas::heading(const QString &text, double keepWith)
{
    const QFont f = font(12.5, true);
    const double h = textHeight(text, f, m_width);
    space(12);
    ensure(h / m_unit + 6 + keepWith);
    drawText(m_left, m_y, m_width, text, f, kHeading);
    m_y += h + pt(2.5);
    if (m_painter) {
        m_painter->setPen(QPen(kRule, pt(0.8)));
        m_painter->drawLine(QPointF(m_left, m_y), QPointF(m_left + m_width, m_y));
    }
    m_y += pt(5);
}

void ReportCanvas::subheading(const QString &text, double keepWith)
{
    const QFont f = font(9.5, true);
    const double h = textHeight(text, f, m_width);
    space(6);
    ensure(h / m_unit + 3 + keepWith);
    drawText(m_left, m_y, m_width, text, f, kHeading);
    m_y += h + pt(3);
}

void ReportCanvas::paragraph(const QString &text, const QFont &font, const QColor &color, double indent)
{
    const double w = m_width - pt(indent);
    const double h = textHeight(text, font, w);
    ensure(h / m_unit);
    drawText(m_left + pt(indent), m_y, w, text, font, color);
    m_y += h + pt(4);
}

void ReportCanvas::block(double heightPoints, const std::function<void(QPainter &, const QRectF &)> &paint)
{
    ensure(heightPoints);
    if (m_painter) {
        m_painter->save();
        paint(*m_painter, QRectF(m_left, m_y, m_width, pt(heightPoints)));
        m_painter->restore();
    }
    m_y += pt(heightPoints);
}

void ReportCanvas::fields(const QList<QPair<QString, QString>> &items, int columns)
{
    const QFont labelFont = font(6.8, true);
    const QFont valueFont = font(8.3);
    const double gap = pt(10);
    const double colW = (m_width - gap * (columns - 1)) / columns;
    if (m_painter) {
        m_painter->setPen(QPen(kRule, pt(0.6)));
        m_painter->drawLine(QPointF(m_left, m_y), QPointF(m_left + m_width, m_y));
    }
    m_y += pt(5);
    for (qsizetype i = 0; i < items.size(); i += columns) {
        double h = 0;
        for (qsizetype j = i; j < std::min(items.size(), i + columns); ++j)
            h = std::max(h, textHeight(items[j].first.toUpper(), labelFont, colW) + pt(1) + textHeight(items[j].second, valueFont, colW));
        ensure(h / m_unit);
        for (qsizetype j = i; j < std::min(items.size(), i + columns); ++j) {
            const double x = m_left + double(j - i) * (colW + gap);
            const double lh = drawText(x, m_y, colW, items[j].first.toUpper(), labelFont, kMuted);
            drawText(x, m_y + lh + pt(1), colW, items[j].second, valueFont, kInk);
        }
        m_y += h + pt(5);
    }
    if (m_painter) {
        m_painter->setPen(QPen(kRule, pt(0.6)));
        m_painter->drawLine(QPointF(m_left, m_y), QPointF(m_left + m_width, m_y));
    }
    m_y += pt(4);
}

void ReportCanvas::callout(const QString &title, const QString &text, const QColor &accent, const QColor &fill)
{
    const QFont titleFont = font(10.5, true);
    const QFont textFont = font(8.3);
    const double pad = pt(7);
    const double titleW = QFontMetricsF(titleFont, m_device).horizontalAdvance(title) + pt(4);
    const double textW = m_width - 2 * pad - titleW - pt(10);
    const double h = std::max(textHeight(title, titleFont, titleW), textHeight(text, textFont, textW)) + 2 * pad;
    ensure(h / m_unit);
    if (m_painter) {
        const QRectF r(m_left, m_y, m_width, h);
        m_painter->fillRect(r, fill);
        m_painter->fillRect(QRectF(m_left, m_y, pt(3.5), h), accent);
        m_painter->setPen(QPen(accent, pt(0.8)));
        m_painter->setBrush(Qt::NoBrush);
        m_painter->drawRect(r);
    }
    drawText(m_left + pad + pt(2), m_y + pad, titleW, title, titleFont, accent);
    drawText(m_left + pad + titleW + pt(10), m_y + pad + pt(1), textW, text, textFont, kInk);
    m_y += h + pt(6);
}

// ---- tables ---------------------------------------------------------------------------------

double ReportCanvas::rowHeight(const ReportTable &t, const ReportTable::Row &row, const QList<double> &widths, bool header) const
{
    double h = 0;
    for (qsizetype c = 0; c < t.columns.size(); ++c) {
        const QString text = header ? t.columns[c].title : row.cells.value(c);
        if (text.isEmpty())
            continue;
        const bool detail = !header && row.style == ReportTable::RowStyle::Detail;
        const bool mono = !header && t.columns[c].mono;
        const double size = t.fontSize - (mono ? 0.6 : 0) - (detail ? 0.4 : 0);
        const bool bold = header || row.style == ReportTable::RowStyle::Total || row.style == ReportTable::RowStyle::Group
            || row.bold.value(int(c));
        const double indent = detail && c == 0 ? pt(8) : 0;
        h = std::max(h, textHeight(text, font(size, bold, mono), widths[c] - 2 * pt(kCellPadX) - indent));
    }
    if (h == 0)
        h = QFontMetricsF(font(t.fontSize), m_device).height();
    return h + 2 * pt(kCellPadY);
}

void ReportCanvas::drawRow(const ReportTable &t, const ReportTable::Row &row, const QList<double> &widths, bool header, double height)
{
    if (m_painter) {
        QPainter &p = *m_painter;
        const QRectF r(m_left, m_y, m_width, height);
        if (header)
            p.fillRect(r, kFill);
        else if (row.style == ReportTable::RowStyle::Total)
            p.fillRect(r, QColor(0xf6, 0xf8, 0xfa));
        else if (row.style == ReportTable::RowStyle::Group)
            p.fillRect(r, QColor(0xf1, 0xf5, 0xfa));
        double x = m_left;
        for (qsizetype c = 0; c < t.columns.size(); ++c) {
            const QString text = header ? t.columns[c].title : row.cells.value(c);
            if (!text.isEmpty()) {
                const bool detail = !header && row.style == ReportTable::RowStyle::Detail;
                const bool mono = !header && t.columns[c].mono;
                const double size = t.fontSize - (mono ? 0.6 : 0) - (detail ? 0.4 : 0);
                const bool bold = header || row.style == ReportTable::RowStyle::Total || row.style == ReportTable::RowStyle::Group
                    || row.bold.value(int(c));
                QColor color = header ? kHeading : (row.style == ReportTable::RowStyle::Muted || detail ? kMuted : kInk);
                if (!header && row.colors.contains(int(c)))
                    color = row.colors.value(int(c));
                const double indent = detail && c == 0 ? pt(8) : 0;
                const Qt::Alignment align = t.columns[c].align & Qt::AlignHorizontal_Mask;
                drawText(x + pt(kCellPadX) + indent, m_y + pt(kCellPadY), widths[c] - 2 * pt(kCellPadX) - indent, text,
                         font(size, bold, mono), color, align);
            }
            x += widths[c];
        }
        p.setPen(QPen(header || row.style == ReportTable::RowStyle::Total ? kRule : QColor(0xe1, 0xe6, 0xec), pt(header ? 0.8 : 0.5)));
        p.drawLine(QPointF(m_left, m_y + height), QPointF(m_left + m_width, m_y + height));
        if (row.style == ReportTable::RowStyle::Total)
            p.drawLine(QPointF(m_left, m_y), QPointF(m_left + m_width, m_y));
    }
    m_y += height;
}

void ReportCanvas::table(const ReportTable &t)
{
    double total = 0;
    for (const ReportTable::Column &c : t.columns)
        total += c.weight;
    QList<double> widths;
    for (const ReportTable::Column &c : t.columns)
        widths << m_width * c.weight / (total > 0 ? total : 1);
    const ReportTable::Row none;
    const double headerH = rowHeight(t, none, widths, true);
    const double firstH = t.rows.isEmpty() ? 0 : rowHeight(t, t.rows.first(), widths, false);
    ensure((headerH + firstH) / m_unit);
    drawRow(t, none, widths, true, headerH);
    for (const ReportTable::Row &row : t.rows) {
        const double h = rowHeight(t, row, widths, false);
        if (m_y + h > m_bottom) {
            newPage();
            drawRow(t, none, widths, true, headerH);
        }
        drawRow(t, row, widths, false, h);
    }
    m_y += pt(6);
}

} // namespace tl
