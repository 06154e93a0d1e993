// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/charts/chartpanel.h"
#include "ui/models/spendseries.h"

#include <memory>

namespace tl {

/**
 * Cumulative spend over the period against the monthly budget, with the estimate projected in
 * a straight line to the period end. When the budget is far above the spend the plot can fit
 * the spend instead (setBudgetToScale(false)); the caption then gives the budget in words.
 */
class BudgetChart : public ChartPanel
{
    Q_OBJECT

public:
    explicit BudgetChart(QWidget *parent = nullptr);
    void setSeries(const SpendSeries *series, const QString &currency);
    void setBudgetToScale(bool on);
    bool budgetToScale() const { return m_budgetToScale; }
    /** Whether the budget line is drawn in the current plot. */
    bool budgetLineShown() const { return m_budgetShown; }

private:
    void rebuild();

    std::unique_ptr<SpendSeries> m_series;
    QString m_currency;
    bool m_budgetToScale = false;
    bool m_budgetShown = false;
};

} // namespace tl
