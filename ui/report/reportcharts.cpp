// SPDX-License-Identifier: Apache-2.0
#include "ui/report/reportcharts.h"

#include "core/export/chartgeometry.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tl {

namespace {

const QColor kBlue(0x3b, 0x6e, 0xa5);
const QColor kOrange(0xd9, 0x73, 0x0d);
const QColor kRed(0xc0, 0x39, 0x2b);
const QColor kGreen(0x2e, 0x7d, 0x32);
const QColor kPurple(0x7b, 0x1f, 0xa2);
const QColor kGrid(0xe3, 0xe8, 0xee);
const QColor kAxis(0x87, 0x95, 0xa5);
const QColor kInk(0x1d, 0x27, 0x33);

/** A chart label: two decimals, more for amounts too small to show at two. */
QString amountLabel(const Decimal &d, bool withSign)
{
    const Decimal a = d.isNegative() ? -d : d;
    QString text;
    if (a.isZero() || !(a < Decimal::fromScaled(1, 2)))
        text = QString::fromStdString(d.round(2, RoundingMode::HalfEven).toFixedStdString(2));
    else
        text = QString::fromStdString(d.round(6, RoundingMode::HalfEven).toStdString());
    if (withSign && d.signum() > 0)
        text.prepend(QLatin1Char('+'));
    return text;
}

/** Point sizes scale with the device's resolution by themselves; lengths use the unit. */
QFont chartFont(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures ("ff", "fi"): the PDF's text must extract and search as typed ("signed off").
    // Qt 6.4 has no font-feature API, but any letter spacing turns ligatures off in its shaper;
    // 0.02 device units (1/15000 in) is the least that survives QFixed's 1/64 steps.
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return f;
}

void text(QPainter &p, const QRectF &r, int flags, const QString &s, const QFont &f, const QColor &c)
{
    p.setFont(f);
    p.setPen(c);
    p.drawText(r, flags, s);
}

void legendItem(QPainter &p, double &x, double y, double unit, const QColor &color, const QString &label, const QFont &f)
{
    p.fillRect(QRectF(x, y - 6.5 * unit, 7 * unit, 7 * unit), color);
    const double w = QFontMetricsF(f, p.device()).horizontalAdvance(label);
    text(p, QRectF(x + 10 * unit, y - 9 * unit, w + 2 * unit, 12 * unit), Qt::AlignLeft | Qt::AlignVCenter, label, f, kInk);
    x += 10 * unit + w + 12 * unit;
}

bool slanted(std::size_t steps)
{
    return steps > 8;
}

} // namespace

double ReportCharts::waterfallHeight(const ReconcileResult &r)
{
    if (!r.providerReported.known || !r.variance.known)
        return 60;
    return slanted(ChartGeometry::waterfallSteps(r).size()) ? 250 : 225;
}

void ReportCharts::paintWaterfall(QPainter &p, const QRectF &rect, double u, const ReconcileResult &r)
{
    p.setRenderHint(QPainter::Antialiasing, true);
    const QFont small = chartFont(7), tiny = chartFont(6.3), tinyBold = chartFont(6.3, true);
    if (!r.providerReported.known || !r.variance.known) {
        p.setPen(QPen(kGrid, u * 0.8));
        p.drawRect(rect.adjusted(0, 4 * u, 0, -4 * u));
        text(p, rect, Qt::AlignCenter, QStringLiteral("No provider-reported figure for the period: there is no variance to explain."),
             chartFont(8.5), kAxis);
        return;
    }
    // A variance small against the totals gets an axis that starts near them (the total bars
    // show a break), so the categories stay visible.
    const std::vector<ChartGeometry::WaterfallStep> steps = ChartGeometry::waterfallSteps(r);
    const ChartGeometry::Axis axis = ChartGeometry::waterfallAxis(steps);
    const double axisMin = axis.min, axisMax = axis.max;
    const bool broken = axis.broken;
    const bool slant = slanted(steps.size());
    const double left = rect.left() + 46 * u, right = rect.right() - 4 * u;
    const double top = rect.top() + 22 * u, bottom = rect.bottom() - (slant ? 62 : 40) * u - (broken ? 10 * u : 0);
    const double plotW = right - left, plotH = bottom - top;
    const auto y = [&](double v) { return top + plotH * (axisMax - v) / (axisMax - axisMin); };

    // Legend: the colours the chart uses.
    double lx = left;
    const auto uses = [&steps](ChartGeometry::StepKind kind) {
        return std::any_of(steps.begin(), steps.end(), [kind](const ChartGeometry::WaterfallStep &st) { return !st.total && st.kind == kind; });
    };
    legendItem(p, lx, rect.top() + 9 * u, u, kBlue, QStringLiteral("estimated"), small);
    if (uses(ChartGeometry::StepKind::RaisesCost))
        legendItem(p, lx, rect.top() + 9 * u, u, kRed, QStringLiteral("raises cost"), small);
    if (uses(ChartGeometry::StepKind::LowersCost))
        legendItem(p, lx, rect.top() + 9 * u, u, kGreen, QStringLiteral("lowers cost"), small);
    if (uses(ChartGeometry::StepKind::Unexplained))
        legendItem(p, lx, rect.top() + 9 * u, u, kPurple, QStringLiteral("unexplained"), small);
    legendItem(p, lx, rect.top() + 9 * u, u, kOrange, r.provisional ? QStringLiteral("provider-reported (provisional)") : QStringLiteral("reconciled"), small);

    const double step = ChartGeometry::niceStep(axisMax - axisMin, 5);
    const int decimals = ChartGeometry::stepDecimals(step);
    for (double t : ChartGeometry::ticks(std::ceil(axisMin / step) * step, axisMax, step)) {
        p.setPen(QPen(kGrid, 0.6 * u));
        p.drawLine(QPointF(left, y(t)), QPointF(right, y(t)));
        text(p, QRectF(rect.left(), y(t) - 6 * u, 42 * u, 12 * u), Qt::AlignRight | Qt::AlignVCenter,
             QString::number(std::abs(t) < 1e-12 ? 0.0 : t, 'f', decimals), tiny, kAxis);
    }
    p.setPen(QPen(kAxis, 0.8 * u));
    p.drawLine(QPointF(left, bottom), QPointF(right, bottom));

    const double slot = plotW / static_cast<double>(steps.size());
    const double barW = std::min(44.0 * u, slot * 0.62);
    double prevEndX = -1, prevLevel = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const ChartGeometry::WaterfallStep &st = steps[i];
        const double cx = left + slot * (static_cast<double>(i) + 0.5);
        const double x0 = cx - barW / 2;
        const double a = st.total ? std::max(axisMin, 0.0) : ChartGeometry::toDouble(st.from);
        const double b = ChartGeometry::toDouble(st.to);
        double yTop = y(std::max(a, b)), yBot = y(std::min(a, b));
        if (yBot - yTop < 1.2 * u) { // too small to see: still a visible sliver
            const double mid = (yTop + yBot) / 2;
            yTop = mid - 0.6 * u;
            yBot = mid + 0.6 * u;
        }
        p.fillRect(QRectF(x0, yTop, barW, yBot - yTop), QColor(QLatin1String(ChartGeometry::stepColor(st.kind))));
        if (st.total && broken) {
            const double by = bottom - 9 * u;
            QPainterPath cut;
            cut.moveTo(x0 - 2 * u, by + 3 * u);
            cut.lineTo(x0 + barW + 2 * u, by - 3 * u);
            cut.lineTo(x0 + barW + 2 * u, by + 1 * u);
            cut.lineTo(x0 - 2 * u, by + 7 * u);
            cut.closeSubpath();
            p.fillPath(cut, Qt::white);
        }
        if (prevEndX >= 0) {
            QPen dash(kAxis, 0.6 * u, Qt::DashLine);
            p.setPen(dash);
            p.drawLine(QPointF(prevEndX, y(prevLevel)), QPointF(x0, y(prevLevel)));
        }
        prevEndX = x0 + barW;
        prevLevel = b;
        const Decimal amount = st.total ? st.to : st.to - st.from;
        const QString value = amountLabel(amount, !st.total);
        const bool down = !st.total && amount.isNegative();
        const QRectF valueRect(cx - slot / 2 - 6 * u, down ? yBot + 1 * u : yTop - 10 * u, slot + 12 * u, 9 * u);
        text(p, valueRect, Qt::AlignHCenter | Qt::AlignVCenter, value, st.total ? tinyBold : tiny, kInk);

        QString label = QString::fromLatin1(st.label);
        if (slant) {
            label.replace(QLatin1Char('_'), QLatin1Char(' '));
            p.save();
            p.translate(cx + 3 * u, bottom + 5 * u);
            p.rotate(-35);
            const double w = QFontMetricsF(small, p.device()).horizontalAdvance(label);
            text(p, QRectF(-w - 2 * u, -5 * u, w + 2 * u, 10 * u), Qt::AlignRight | Qt::AlignVCenter, label, small, kInk);
            p.restore();
        } else {
            const qsizetype us = label.indexOf(QLatin1Char('_'));
            const QString l1 = us < 0 ? label : label.left(us);
            const QString l2 = us < 0 ? QString() : label.mid(us + 1).replace(QLatin1Char('_'), QLatin1Char(' '));
            text(p, QRectF(cx - slot / 2, bottom + 3 * u, slot, 10 * u), Qt::AlignHCenter | Qt::AlignTop, l1, small, kInk);
            if (!l2.isEmpty())
                text(p, QRectF(cx - slot / 2, bottom + 12 * u, slot, 10 * u), Qt::AlignHCenter | Qt::AlignTop, l2, small, kInk);
        }
    }
    if (broken)
        text(p, QRectF(left, bottom + (slant ? 54 : 26) * u, plotW, 10 * u), Qt::AlignLeft | Qt::AlignVCenter,
             QStringLiteral("The axis does not start at zero: the total bars are cut so the categories stay visible."), tiny, kAxis);
}

// ---- per key ---------------------------------------------------------------------------------

namespace {

struct KeyBar
{
    QString label;
    Decimal estimated;
    MaybeDecimal provider;
};

std::vector<KeyBar> keyBars(const ReconcileResult &r, const LedgerSet &set)
{
    std::vector<const KeyTotals *> keys;
    for (const KeyTotals &k : r.byKey)
        keys.push_back(&k);
    const StringPool &pool = set.pool();
    const auto biggest = [](const KeyTotals *k) {
        const Decimal e = k->estimatedCost;
        return k->providerReported.known && k->providerReported.value > e ? k->providerReported.value : e;
    };
    std::stable_sort(keys.begin(), keys.end(), [&](const KeyTotals *a, const KeyTotals *b) {
        const Decimal x = biggest(a), y = biggest(b);
        if (x != y)
            return x > y;
        return pool.view(a->apiKey) < pool.view(b->apiKey);
    });
    std::vector<KeyBar> bars;
    KeyBar other;
    int otherCount = 0;
    const bool cut = keys.size() > static_cast<std::size_t>(ReportCharts::MaxKeyBars);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const KeyTotals &k = *keys[i];
        if (cut && i >= static_cast<std::size_t>(ReportCharts::MaxKeyBars - 1)) {
            other.estimated += k.estimatedCost;
            if (k.providerReported.known) {
                other.provider.known = true;
                other.provider.value += k.providerReported.value;
            }
            ++otherCount;
            continue;
        }
        const std::string_view name = pool.view(k.apiKey);
        bars.push_back({name.empty() ? QStringLiteral("(no key)") : QString::fromUtf8(name.data(), qsizetype(name.size())), k.estimatedCost,
                        k.providerReported});
    }
    if (otherCount > 0) {
        other.label = QStringLiteral("%1 other keys").arg(otherCount);
        bars.push_back(other);
    }
    return bars;
}

} // namespace

double ReportCharts::keyChartHeight(const ReconcileResult &r)
{
    const int n = std::max(1, std::min(static_cast<int>(r.byKey.size()), MaxKeyBars));
    return 24 + 19.0 * n + 6;
}

void ReportCharts::paintKeys(QPainter &p, const QRectF &rect, double u, const ReconcileResult &r, const LedgerSet &set)
{
    p.setRenderHint(QPainter::Antialiasing, true);
    const QFont small = chartFont(7), tiny = chartFont(6.3);
    const std::vector<KeyBar> bars = keyBars(r, set);
    if (bars.empty()) {
        text(p, rect, Qt::AlignCenter, QStringLiteral("No attempts by any key."), chartFont(8.5), kAxis);
        return;
    }
    const bool anyProvider = std::any_of(bars.begin(), bars.end(), [](const KeyBar &b) { return b.provider.known; });
    double lx = rect.left() + 120 * u;
    legendItem(p, lx, rect.top() + 9 * u, u, kBlue, QStringLiteral("estimated billable"), small);
    if (anyProvider)
        legendItem(p, lx, rect.top() + 9 * u, u, kOrange, r.provisional ? QStringLiteral("provider-reported (provisional)") : QStringLiteral("provider-reported"), small);
    else
        text(p, QRectF(lx, rect.top() + 3 * u, 200 * u, 10 * u), Qt::AlignLeft | Qt::AlignVCenter,
             QStringLiteral("no provider-reported figures per key"), small, kAxis);

    double hi = 0;
    for (const KeyBar &b : bars) {
        hi = std::max(hi, ChartGeometry::toDouble(b.estimated));
        if (b.provider.known)
            hi = std::max(hi, ChartGeometry::toDouble(b.provider.value));
    }
    if (hi <= 0)
        hi = 1;
    const double left = rect.left() + 116 * u, right = rect.right() - 104 * u, top = rect.top() + 22 * u;
    const double plotW = right - left, rowH = 19 * u;
    const double step = ChartGeometry::niceStep(hi, 4);
    const double axisMax = std::ceil(hi / step) * step;
    const double bottom = top + rowH * static_cast<double>(bars.size());
    for (double t : ChartGeometry::ticks(0, axisMax, step)) {
        const double x = left + plotW * t / axisMax;
        p.setPen(QPen(kGrid, 0.6 * u));
        p.drawLine(QPointF(x, top), QPointF(x, bottom));
    }
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const KeyBar &b = bars[i];
        const double y0 = top + rowH * static_cast<double>(i);
        text(p, QRectF(rect.left(), y0, 110 * u, rowH), Qt::AlignRight | Qt::AlignVCenter,
             QFontMetricsF(small, p.device()).elidedText(b.label, Qt::ElideMiddle, 110 * u), small, kInk);
        const double barH = b.provider.known ? 6.5 * u : 9 * u;
        const double we = std::max(0.0, ChartGeometry::toDouble(b.estimated)) / axisMax * plotW;
        const double ey = b.provider.known ? y0 + 2.5 * u : y0 + (rowH - barH) / 2;
        p.fillRect(QRectF(left, ey, std::max(0.6 * u, we), barH), kBlue);
        QString label = amountLabel(b.estimated, false);
        if (b.provider.known) {
            const double wp = std::max(0.0, ChartGeometry::toDouble(b.provider.value)) / axisMax * plotW;
            p.fillRect(QRectF(left, ey + barH + 1 * u, std::max(0.6 * u, wp), barH), kOrange);
            label += QStringLiteral(" / ") + amountLabel(b.provider.value, false) + QStringLiteral("  ");
            const Decimal v = b.provider.value - b.estimated;
            const double lw = QFontMetricsF(tiny, p.device()).horizontalAdvance(label);
            text(p, QRectF(right + 4 * u, y0, lw + 2 * u, rowH), Qt::AlignLeft | Qt::AlignVCenter, label, tiny, kInk);
            text(p, QRectF(right + 4 * u + lw, y0, rect.right() - right - lw, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                 QLatin1Char('(') + amountLabel(v, true) + QLatin1Char(')'), tiny, v.isZero() ? kAxis : (v.isNegative() ? kGreen : kRed));
        } else {
            text(p, QRectF(right + 4 * u, y0, rect.right() - right, rowH), Qt::AlignLeft | Qt::AlignVCenter, label, tiny, kInk);
        }
    }
    p.setPen(QPen(kAxis, 0.8 * u));
    p.drawLine(QPointF(left, top), QPointF(left, bottom));
}

} // namespace tl
