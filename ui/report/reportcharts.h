// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/reconcileresult.h"

#include <QRectF>

class QPainter;

namespace tl {

/**
 * The report's charts, painted as vectors with QPainter into a rectangle (device units) of any
 * paint device: the variance waterfall (estimated billable, each variance category, the
 * provider-reported total) and spend per API key (estimated vs provider-reported). `unit` is
 * device units per point, for line widths and type sizes. Amounts in labels are exact decimals
 * rounded for display; doubles are used for geometry only.
 */
class ReportCharts
{
public:
    /** The waterfall's height in points for a width of about 490 pt. */
    static double waterfallHeight(const ReconcileResult &result);
    static void paintWaterfall(QPainter &p, const QRectF &rect, double unit, const ReconcileResult &result);

    /** Keys shown before the rest is one "other keys" bar. */
    static constexpr int MaxKeyBars = 14;
    static double keyChartHeight(const ReconcileResult &result);
    static void paintKeys(QPainter &p, const QRectF &rect, double unit, const ReconcileResult &result, const LedgerSet &set);
};

} // namespace tl
