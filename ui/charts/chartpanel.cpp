// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/chartpanel.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tl {

ChartPanel::ChartPanel(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_view(new QChartView(this))
    , m_placeholder(new QLabel(this))
    , m_caption(new QLabel(this))
{
    auto *chart = new QChart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_view->setChart(chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(16);
    m_placeholder->setStyleSheet(QStringLiteral("color: palette(mid); font-style: italic;"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_placeholder);

    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_caption);
}

double ChartPanel::plotValue(Decimal d)
{
    return d.toString().toDouble();
}

QChart *ChartPanel::chart() const
{
    return m_view->chart();
}

void ChartPanel::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void ChartPanel::showChart()
{
    m_stack->setCurrentWidget(m_view);
}

bool ChartPanel::isShowingChart() const
{
    return m_stack->currentWidget() == m_view;
}

void ChartPanel::setCaption(const QString &text)
{
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

QString ChartPanel::caption() const
{
    return m_caption->text();
}

void ChartPanel::clearChart()
{
    QChart *c = chart();
    c->removeAllSeries();
    const auto axes = c->axes();
    for (QAbstractAxis *a : axes) {
        c->removeAxis(a);
        delete a;
    }
    c->setTitle(QString());
}

} // namespace tl
