// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/money/decimal.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLabel;
class QStackedWidget;
QT_END_NAMESPACE

namespace tl {

/**
 * A chart with a caption under it and a placeholder that replaces it when there is nothing
 * to draw, so that no page ever shows an empty plot without saying why.
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

protected:
    /** Removes every series and axis (a fresh plot). */
    void clearChart();

private:
    QStackedWidget *m_stack;
    QChartView *m_view;
    QLabel *m_placeholder;
    QLabel *m_caption;
};

} // namespace tl
