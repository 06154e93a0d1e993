// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/charts/chartpanel.h"
#include "ui/models/spendseries.h"

namespace tl {

/** Spend per day of the period: the estimate next to the provider-reported (reconciled) figure. */
class DailySpendChart : public ChartPanel
{
    Q_OBJECT

public:
    explicit DailySpendChart(QWidget *parent = nullptr);
    void setSeries(const SpendSeries *series, const QString &currency);
};

} // namespace tl
