// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/modelspendchart.h"

#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>

namespace tl {

ModelSpendChart::ModelSpendChart(QWidget *parent)
    : ChartPanel(parent)
{
    chart()->legend()->hide();
    showPlaceholder(tr("Spend by model appears here once a job is open."));
}

void ModelSpendChart::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    clearChart();
    setCaption(QString());
    if (!ws || ws->result.byModel.empty()) {
        showPlaceholder(ws ? tr("No priced lines in this period.") : tr("Spend by model appears here once a job is open."));
        return;
    }
    const ReconcileResult &r = ws->result;
    std::vector<const ModelTotals *> rows;
    for (const ModelTotals &m : r.byModel)
        rows.push_back(&m);
    // Largest at the top: horizontal bars are drawn bottom-up.
    std::sort(rows.begin(), rows.end(), [](const ModelTotals *a, const ModelTotals *b) { return a->estimatedCost < b->estimatedCost; });
    auto *set = new QBarSet(tr("Estimated"));
    set->setColor(LedgerColors::estimated());
    set->setBorderColor(Qt::transparent);
    QStringList names;
    double hi = 0;
    for (const ModelTotals *m : rows) {
        const double v = plotValue(m->estimatedCost);
        set->append(v);
        hi = std::max(hi, v);
        names << QStringLiteral("%1  %2").arg(ws->set.pool().string(m->model),
                                              DisplayFormat::fixed(m->estimatedCost, 2, r.controls.roundingMode));
    }
    auto *series = new QHorizontalBarSeries();
    series->append(set);
    series->setBarWidth(0.7);
    chart()->addSeries(series);
    auto *axisY = new QBarCategoryAxis();
    axisY->append(names);
    chart()->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto *axisX = new QValueAxis();
    axisX->setRange(0, hi > 0 ? hi * 1.05 : 1);
    axisX->setLabelFormat(QStringLiteral("%.2f"));
    axisX->setTitleText(r.period.currency);
    axisX->applyNiceNumbers();
    chart()->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    chart()->setTitle(tr("Estimated spend by model"));
    showChart();
}

} // namespace tl
