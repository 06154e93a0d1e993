// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/money/decimal.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QChart;
class QChartView;
class QLabel;
class QPainter;
class QStackedWidget;
QT_END_NAMESPACE

namespace tl {

/**
 * A chart with a caption under it and a placeholder that replaces it when there is nothing
 * to draw, so that no page ever shows an empty plot without saying why. Every chart can be
 * saved as PNG (pixels, as shown) or SVG (vectors) from its context menu.
 */
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChartPanel(QWidget *parent = nullptr);

    QChart *chart() const;
    QChartView *chartView() const { return m_view; }
    /** Shows text instead of the chart. */
    void showPlaceholder(const QString &text);
    void showChart();
    bool isShowingChart() const;
    void setCaption(const QString &text);
    QString caption() const;

    /** A decimal as a coordinate: for drawing only, never for the digits shown. */
    static double plotValue(Decimal d);

    /** Writes the chart as shown (at twice the screen's pixels) as a PNG file. */
    bool savePng(const QString &path, QString *error) const;
    /** Writes the chart as shown as an SVG file (vectors; text stays text). */
    bool saveSvg(const QString &path, QString *error) const;
    /** A file name for the chart from its title, without a suffix ("daily-spend-all-keys"). */
    QString suggestedFileName() const;
    /** The context menu's "Save chart as PNG…" and "Save chart as SVG…" (disabled while a placeholder shows). */
    QAction *savePngAction() const { return m_savePng; }
    QAction *saveSvgAction() const { return m_saveSvg; }

signals:
    /** A chart was saved from the context menu. */
    void chartSaved(const QString &path);

protected:
    /** Removes every series and axis (a fresh plot). */
    void clearChart();

private:
    /** Asks for a file (remembering the folder) and writes it; reports a failure in a message box. */
    void saveInteractively(bool svg);
    /** The size the chart is drawn at when saved: as shown, or a readable default when not laid out. */
    QSize exportSize() const;
    /** Draws the whole chart into target (any painter: image or SVG). */
    void renderChart(QPainter *painter, const QRectF &target) const;

    QStackedWidget *m_stack;
    QChartView *m_view;
    QLabel *m_placeholder;
    QLabel *m_caption;
    QAction *m_savePng;
    QAction *m_saveSvg;
};

} // namespace tl
