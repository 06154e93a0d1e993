// SPDX-License-Identifier: Apache-2.0
#include "core/export/chartgeometry.h"

#include <QByteArray>

#include <algorithm>
#include <cmath>

namespace tl {

std::vector<ChartGeometry::WaterfallStep> ChartGeometry::waterfallSteps(const ReconcileResult &r)
{
    std::vector<WaterfallStep> steps;
    steps.push_back({"estimated_billable", Decimal(), r.estimatedBillable, true, StepKind::Estimated});
    Decimal level = r.estimatedBillable;
    for (int i = 0; i < VarianceCategoryCount; ++i) {
        const Decimal d = r.varianceByCategory[static_cast<std::size_t>(i)];
        if (d.isZero())
            continue;
        const auto cat = static_cast<VarianceCategory>(i);
        const StepKind kind = cat == VarianceCategory::Unexplained ? StepKind::Unexplained
                                                                   : (d.isNegative() ? StepKind::LowersCost : StepKind::RaisesCost);
        steps.push_back({varianceCategoryName(cat), level, level + d, false, kind});
        level += d;
    }
    steps.push_back({r.provisional ? "provider_reported" : "reconciled", Decimal(), r.providerReported.value, true, StepKind::Reported});
    return steps;
}

ChartGeometry::Axis ChartGeometry::waterfallAxis(const std::vector<WaterfallStep> &steps)
{
    double lo = 0, hi = 0;
    bool first = true;
    for (const WaterfallStep &st : steps) {
        for (const Decimal &v : {st.to, st.total ? st.to : st.from}) {
            const double x = toDouble(v);
            lo = first ? x : std::min(lo, x);
            hi = first ? x : std::max(hi, x);
            first = false;
        }
    }
    const double maxAbs = std::max(std::abs(lo), std::abs(hi));
    Axis axis;
    if (maxAbs > 0 && hi > lo && (hi - lo) < 0.15 * maxAbs && lo > 0) {
        const double span = std::max(hi - lo, maxAbs * 1e-6);
        axis.min = lo - span * 0.6;
        axis.max = hi + span * 0.45;
        axis.broken = axis.min > 0;
        if (!axis.broken)
            axis.min = 0;
    } else {
        axis.min = std::min(0.0, lo);
        axis.max = std::max(0.0, hi);
        const double pad = (axis.max - axis.min) * 0.12;
        axis.max += pad;
        if (axis.min < 0)
            axis.min -= pad;
        if (axis.max <= axis.min)
            axis.max = axis.min + 1;
    }
    return axis;
}

const char *ChartGeometry::stepColor(StepKind kind)
{
    switch (kind) {
    case StepKind::Estimated: return "#3b6ea5";
    case StepKind::RaisesCost: return "#c0392b";
    case StepKind::LowersCost: return "#2e7d32";
    case StepKind::Unexplained: return "#7b1fa2";
    case StepKind::Reported: return "#d9730d";
    }
    return "#1d2733";
}

double ChartGeometry::niceStep(double span, int count)
{
    if (!(span > 0))
        return 1;
    const double raw = span / count;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    const double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nice * mag;
}

int ChartGeometry::stepDecimals(double step)
{
    if (!(step > 0))
        return 0;
    const int d = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    return std::clamp(d, 0, 9);
}

std::vector<double> ChartGeometry::ticks(double first, double max, double step)
{
    std::vector<double> out;
    // Added up step by step (not first + i × step): the renderers' tick positions as they were.
    for (double t = first; t <= max + step * 1e-9; t += step)
        out.push_back(t);
    return out;
}

double ChartGeometry::toDouble(const Decimal &d)
{
    return QByteArray::fromStdString(d.toStdString()).toDouble();
}

} // namespace tl
