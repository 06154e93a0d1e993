// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/budgetchart.h"

#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

namespace tl {

BudgetChart::BudgetChart(QWidget *parent)
    : ChartPanel(parent)
{
    showPlaceholder(tr("Spend against the budget appears here once a job is open."));
}

void BudgetChart::setSeries(const SpendSeries *series, const QString &currency)
{
    m_series = series ? std::make_unique<SpendSeries>(*series) : nullptr;
    m_currency = currency;
    rebuild();
}

void BudgetChart::setBudgetToScale(bool on)
{
    m_budgetToScale = on;
    rebuild();
}

void BudgetChart::rebuild()
{
    clearChart();
    setCaption(QString());
    m_budgetShown = false;
    const SpendSeries *s = m_series.get();
    if (!s || s->days == 0) {
        showPlaceholder(tr("Spend against the budget appears here once a job is open."));
        return;
    }
    auto *est = new QLineSeries();
    est->setName(tr("Estimated"));
    // Wide and light under the provider's line: where both agree, both stay visible.
    QColor light = LedgerColors::estimated();
    light.setAlpha(150);
    est->setPen(QPen(light, 6.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    auto *prov = new QLineSeries();
    prov->setName(tr("Provider (reconciled)"));
    prov->setPen(QPen(LedgerColors::provider(), 2.0));
    Decimal cumE, cumP;
    bool anyP = false;
    double hi = 0;
    est->append(0, 0);
    for (int i = 0; i < s->elapsedDays; ++i) {
        const auto k = static_cast<std::size_t>(i);
        cumE += s->estimated[k];
        est->append(i + 1, plotValue(cumE));
        if (s->provider[k].known) {
            if (!anyP)
                prov->append(i, plotValue(cumP));
            anyP = true;
            cumP += s->provider[k].value;
            prov->append(i + 1, plotValue(cumP));
        }
        hi = std::max(hi, std::max(plotValue(cumE), plotValue(cumP)));
    }
    chart()->addSeries(est);
    if (anyP)
        chart()->addSeries(prov);
    else
        delete prov;

    const double projected = plotValue(s->projected);
    hi = std::max(hi, projected);
    if (s->elapsedDays < s->days) {
        auto *proj = new QLineSeries();
        proj->setName(tr("Projection"));
        QPen pen(LedgerColors::estimated(), 2.0, Qt::DashLine);
        proj->setPen(pen);
        proj->append(s->elapsedDays, plotValue(cumE));
        proj->append(s->days, projected);
        chart()->addSeries(proj);
    }
    const double budget = s->budget.known ? plotValue(s->budget.value) : 0;
    const bool budgetNear = s->budget.known && budget <= hi * 4;
    if (s->budget.known && (m_budgetToScale || budgetNear)) {
        auto *b = new QLineSeries();
        b->setName(tr("Monthly budget"));
        b->setPen(QPen(LedgerColors::budget(), 2.0, Qt::DotLine));
        b->append(0, budget);
        b->append(s->days, budget);
        chart()->addSeries(b);
        hi = std::max(hi, budget);
        m_budgetShown = true;
    }

    auto *axisX = new QValueAxis();
    axisX->setRange(0, s->days);
    axisX->setLabelFormat(QStringLiteral("%d"));
    axisX->setTickType(QValueAxis::TicksDynamic);
    axisX->setTickAnchor(0);
    axisX->setTickInterval(s->days > 14 ? 5 : 1);
    axisX->setTitleText(tr("Day of the period"));
    auto *axisY = new QValueAxis();
    axisY->setRange(0, hi > 0 ? hi * 1.1 : 1);
    axisY->setLabelFormat(hi < 1 ? QStringLiteral("%.3f") : QStringLiteral("%.2f"));
    axisY->setTitleText(m_currency);
    axisY->applyNiceNumbers();
    chart()->addAxis(axisX, Qt::AlignBottom);
    chart()->addAxis(axisY, Qt::AlignLeft);
    for (QAbstractSeries *series : chart()->series()) {
        series->attachAxis(axisX);
        series->attachAxis(axisY);
    }
    chart()->legend()->show();
    chart()->setTitle(s->apiKey.isEmpty() ? tr("Month to date vs budget, all keys") : tr("Month to date vs budget, %1").arg(s->apiKey));

    QString text;
    if (s->budget.known) {
        text = tr("Projected to the period end: <b>%1</b> estimated, %2 of the <b>%3</b> monthly budget.")
                   .arg(DisplayFormat::money(s->projected, m_currency, 2),
                        DisplayFormat::percent(s->projected, s->budget.value, 1),
                        DisplayFormat::money(s->budget.value, m_currency, 2));
        if (!m_budgetShown)
            text += QStringLiteral(" ") + tr("The budget line is far above this scale; tick \u201cBudget to scale\u201d to draw it.");
    } else {
        text = tr("Projected to the period end: <b>%1</b> estimated. No monthly budget in the owners table.")
                   .arg(DisplayFormat::money(s->projected, m_currency, 2));
    }
    if (s->elapsedDays >= s->days)
        text += QStringLiteral(" ") + tr("The period is complete: the projection is the month's estimate.");
    setCaption(text);
    showChart();
}

} // namespace tl
