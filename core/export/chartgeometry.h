// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/reconcile/reconcileresult.h"

#include <vector>

namespace tl {

/**
 * The chart geometry both reports share: the HTML report's SVG (HtmlReport) and the PDF
 * report's painted charts (ui/report) draw the same variance waterfall on the same kind of
 * axis. Here are its bars and their colours, its value axis and "nice" tick steps; each
 * renderer only chooses sizes and type. Amounts in the steps stay exact decimals; doubles are used for
 * geometry only, never for money.
 */
class ChartGeometry
{
public:
    /** What a waterfall bar stands for. */
    enum class StepKind { Estimated, RaisesCost, LowersCost, Unexplained, Reported };

    /** One bar: a total rises from zero to `to`; a category moves the level from `from` to `to`. */
    struct WaterfallStep
    {
        const char *label; ///< estimated_billable, a variance category's id, provider_reported or reconciled
        Decimal from, to;
        bool total;
        StepKind kind;
    };

    /** A value axis from min to max; broken: it does not start at zero, and the total bars are cut. */
    struct Axis
    {
        double min = 0, max = 0;
        bool broken = false;
    };

    /**
     * The waterfall's bars: the estimated billable cost, each variance category that is not
     * zero (in category order) and the provider-reported total. For a result whose
     * provider-reported figure is known.
     */
    static std::vector<WaterfallStep> waterfallSteps(const ReconcileResult &result);
    /**
     * The waterfall's value axis: with a variance small against the totals, the axis starts
     * near them (broken) so the categories stay visible; otherwise it includes zero, padded.
     */
    static Axis waterfallAxis(const std::vector<WaterfallStep> &steps);
    /** A bar's colour as "#rrggbb": blue estimated, red raises cost, green lowers it, purple unexplained, orange reported. */
    static const char *stepColor(StepKind kind);

    /** A "nice" tick step (1, 2, 5 × 10^k) giving about `count` intervals over span. */
    static double niceStep(double span, int count);
    /** The decimals a tick label needs to show a step (0 to 9). */
    static int stepDecimals(double step);
    /** The ticks first, first + step, … up to max (a billionth of a step over it still counts). */
    static std::vector<double> ticks(double first, double max, double step);
    /** For geometry only: money is never computed in double. */
    static double toDouble(const Decimal &d);
};

} // namespace tl
