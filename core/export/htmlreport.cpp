// SPDX-License-Identifier: Apache-2.0
#include "core/export/htmlreport.h"

#include "core/allocation/allocationreporttables.h"

#include "core/export/chartgeometry.h"
#include "core/export/focusexporter.h"
#include "core/export/ledgerexporter.h"
#include "core/export/ownerdirectory.h"
#include "core/packet/reviewrecord.h"
#include "core/reconcile/resultwriter.h"
#include "core/util/timeutil.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <map>

namespace tl {

namespace {

// ---------------------------------------------------------------------------------------------
// Text helpers

QByteArray esc(const QString &s)
{
    return s.toHtmlEscaped().toUtf8();
}

QByteArray esc(std::string_view s)
{
    return esc(QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())));
}

QByteArray esc(const char *s)
{
    return esc(QString::fromUtf8(s));
}

QByteArray dec(Decimal d)
{
    return QByteArray::fromStdString(d.toStdString());
}

QByteArray signedDec(Decimal d)
{
    return d.signum() > 0 ? "+" + dec(d) : dec(d);
}

QByteArray num(qint64 v)
{
    // Thousands grouped with thin spaces would be locale; a plain comma reads everywhere.
    QByteArray digits = QByteArray::number(static_cast<qlonglong>(v < 0 ? -v : v));
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, ',');
    return v < 0 ? "-" + digits : digits;
}

/** A rounded amount for headlines: `1,234.57`. */
QByteArray rounded(Decimal d, int scale, RoundingMode mode)
{
    QByteArray text = QByteArray::fromStdString(d.round(scale, mode).toFixedStdString(scale));
    const bool neg = text.startsWith('-');
    if (neg)
        text.remove(0, 1);
    qsizetype dot = text.indexOf('.');
    if (dot < 0)
        dot = text.size();
    for (qsizetype i = dot - 3; i > 0; i -= 3)
        text.insert(i, ',');
    return neg ? "-" + text : text;
}

QByteArray px(double v)
{
    return QByteArray::number(v, 'f', 1);
}

QString treatmentOf(const LedgerSet &set, Outcome o)
{
    Treatment t = defaultTreatment(o);
    for (const PolicyRow &p : set.policy)
        if (p.outcome == o)
            t = p.treatment;
    return QString::fromLatin1(treatmentName(t));
}

const char *categoryMeaning(VarianceCategory c)
{
    switch (c) {
    case VarianceCategory::MissingInClient: return "provider charged requests the client never logged (other apps, leaked key)";
    case VarianceCategory::MissingInProvider: return "logged as billable, not charged by the provider";
    case VarianceCategory::RetryAmplification: return "retries charged as separate requests";
    case VarianceCategory::TimeoutAmbiguity: return "timed out at the client, processed by the provider";
    case VarianceCategory::MissingUsage: return "charged, but the client has no token counts";
    case VarianceCategory::ModelDrift: return "billed model differs from the requested or mapped one";
    case VarianceCategory::TokenDifference: return "provider's token counts differ from the client's";
    case VarianceCategory::PriceDrift: return "provider's rate differs from the price snapshot";
    case VarianceCategory::PostingDelay: return "recent attempts the provider does not show yet";
    case VarianceCategory::WindowMismatch: return "provider days in another zone or aggregation window";
    case VarianceCategory::Rounding: return "rounding of the provider's amounts";
    case VarianceCategory::UnverifiedOutcome: return "provider charged attempts of an unverified class";
    case VarianceCategory::Unexplained: return "not explained by any category";
    case VarianceCategory::None: break;
    }
    return "";
}

/** The reconciled figure's label: only settled provider data is "reconciled" (seed 000). */
QByteArray reconciledLabel(const ReconcileResult &r)
{
    if (!r.providerReported.known)
        return "Reconciled";
    return r.provisional ? "Provider-reported (provisional)" : "Reconciled (provider-reported)";
}

// ---------------------------------------------------------------------------------------------
// SVG helpers

constexpr const char *kFont = "DejaVu Sans, Helvetica, Arial, sans-serif";
constexpr const char *kBlue = "#3b6ea5";
constexpr const char *kOrange = "#d9730d";
constexpr const char *kRed = "#c0392b";
constexpr const char *kGreen = "#2e7d32";
constexpr const char *kPurple = "#7b1fa2";
constexpr const char *kGrid = "#e3e8ee";
constexpr const char *kAxis = "#8795a5";
constexpr const char *kInk = "#1d2733";

struct Svg
{
    QByteArray out;
    Svg(int w, int h, const QByteArray &label)
    {
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + QByteArray::number(w) + "\" height=\""
            + QByteArray::number(h) + "\" viewBox=\"0 0 " + QByteArray::number(w) + ' ' + QByteArray::number(h)
            + "\" role=\"img\" aria-label=\"" + label + "\" font-family=\"" + kFont + "\">\n";
        out += "<rect x=\"0\" y=\"0\" width=\"" + QByteArray::number(w) + "\" height=\"" + QByteArray::number(h)
            + "\" fill=\"#ffffff\"/>\n";
    }
    void rect(double x, double y, double w, double h, const char *fill, const QByteArray &title = {})
    {
        out += "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"" + px(w) + "\" height=\"" + px(h) + "\" fill=\""
            + fill + "\"";
        if (title.isEmpty())
            out += "/>\n";
        else
            out += "><title>" + title + "</title></rect>\n";
    }
    void line(double x1, double y1, double x2, double y2, const char *stroke, double width = 1, bool dashed = false)
    {
        out += "<line x1=\"" + px(x1) + "\" y1=\"" + px(y1) + "\" x2=\"" + px(x2) + "\" y2=\"" + px(y2) + "\" stroke=\""
            + stroke + "\" stroke-width=\"" + px(width) + "\"" + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>\n";
    }
    /** anchor: start, middle, end */
    void text(double x, double y, const QByteArray &escaped, const char *anchor = "start", double size = 11,
              const char *fill = kInk, bool bold = false)
    {
        out += "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" font-size=\"" + px(size) + "\" text-anchor=\"" + anchor
            + "\" fill=\"" + fill + "\"" + (bold ? " font-weight=\"bold\"" : "") + ">" + escaped + "</text>\n";
    }
    QByteArray finish()
    {
        out += "</svg>\n";
        return out;
    }
};

QByteArray tickLabel(double v, int decimals)
{
    if (std::abs(v) < 1e-12)
        v = 0;
    return QByteArray::number(v, 'f', decimals);
}

/** Splits a category id over two lines at its first underscore. */
std::pair<QByteArray, QByteArray> twoLines(const QByteArray &id)
{
    const qsizetype u = id.indexOf('_');
    if (u < 0)
        return {id, {}};
    return {id.left(u), id.mid(u + 1).replace('_', ' ')};
}

struct DailyPoint
{
    DayNumber day = 0;
    Decimal estimated, provider;
    bool providerKnown = false;
};

std::vector<DailyPoint> dailySeries(const ReconcileResult &r)
{
    std::map<DayNumber, DailyPoint> byDay;
    if (r.period.start != kNoTime && r.period.end != kNoTime) {
        const DayNumber first = timeutil::utcDay(r.period.start);
        const DayNumber last = timeutil::utcDay(r.period.end - 1);
        if (last >= first && last - first < 400)
            for (DayNumber d = first; d <= last; ++d)
                byDay[d].day = d;
    }
    for (const DayCount &dc : r.dayCounts) {
        DailyPoint &p = byDay[dc.day];
        p.day = dc.day;
        p.estimated += dc.estimated;
        if (dc.provider.known) {
            p.provider += dc.provider.value;
            p.providerKnown = true;
        }
    }
    std::vector<DailyPoint> out;
    out.reserve(byDay.size());
    for (auto &[d, p] : byDay) {
        // With a provider figure for the period, a day the provider does not list is a day it
        // reports nothing for.
        if (r.providerReported.known)
            p.providerKnown = true;
        out.push_back(p);
    }
    return out;
}

constexpr int kWaterfallW = 1000, kWaterfallH = 360;
constexpr int kDailyW = 1000, kDailyH = 300;
constexpr int kModelW = 1000;

int modelChartHeight(const ReconcileResult &r)
{
    const int n = std::max<int>(1, std::min<int>(static_cast<int>(r.byModel.size()), 16));
    return 56 + 26 * n + 16;
}

// ---------------------------------------------------------------------------------------------
// HTML pieces

constexpr const char *kCss = R"css(
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; font-size: 10pt; color: #1d2733; margin: 24px; background-color: #ffffff; }
h1 { font-size: 19pt; margin: 0 0 2px 0; }
h2 { font-size: 13pt; margin: 22px 0 6px 0; padding-bottom: 3px; border-bottom: 1px solid #c9d2dc; color: #22364d; }
h3 { font-size: 10.5pt; margin: 12px 0 4px 0; color: #22364d; }
p { margin: 4px 0 6px 0; }
table.data { border-collapse: collapse; width: 100%; margin: 2px 0 8px 0; }
table.data th { background-color: #eef2f6; text-align: left; padding: 3px 6px; border: 1px solid #c9d2dc; font-size: 8.5pt; }
table.data td { padding: 3px 6px; border: 1px solid #dde3ea; font-size: 8.5pt; vertical-align: top; }
table.data tr.total td { font-weight: bold; background-color: #f6f8fa; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.mono, span.mono { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
td.hash { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 7pt; color: #44546a; }
.muted { color: #5b6b7c; }
.small { font-size: 8pt; }
table.kv td { padding: 1px 12px 1px 0; font-size: 9.5pt; }
table.cards { border-collapse: separate; width: 100%; margin: 6px 0 4px 0; }
table.cards td { border: 1px solid #c9d2dc; padding: 8px 10px; vertical-align: top; width: 25%; }
.cardlabel { font-size: 8pt; color: #5b6b7c; font-weight: bold; }
.cardvalue { font-size: 16pt; font-weight: bold; }
.cardexact { font-size: 8pt; color: #5b6b7c; font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }
.tag { font-size: 7.5pt; font-weight: bold; color: #ffffff; padding: 1px 4px; }
.chart { margin: 4px 0 2px 0; }
.chart svg { max-width: 100%; height: auto; }
.caption { font-size: 8pt; color: #5b6b7c; margin: 0 0 10px 0; }
@media print {
  body { margin: 0; }
  h2 { page-break-after: avoid; }
  tr, .chart { page-break-inside: avoid; }
}
)css";

struct Html
{
    QByteArray out;
    void operator+=(const QByteArray &b) { out += b; }
    void operator+=(const char *b) { out += b; }
};

void tableStart(Html &h, const QList<QPair<QByteArray, bool>> &headers)
{
    h += "<table class=\"data\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\"><tr>";
    for (const auto &[name, numeric] : headers)
        h += numeric ? "<th class=\"num\" align=\"right\">" + name + "</th>" : "<th align=\"left\">" + name + "</th>";
    h += "</tr>\n";
}

QByteArray td(const QByteArray &escaped, const char *cls = nullptr)
{
    if (cls)
        return "<td class=\"" + QByteArray(cls) + "\">" + escaped + "</td>";
    return "<td>" + escaped + "</td>";
}

QByteArray tdNum(const QByteArray &escaped)
{
    return "<td class=\"num\" align=\"right\">" + escaped + "</td>";
}

QByteArray nullCell()
{
    return "<span class=\"muted\">null</span>";
}

/** An allocation table (owners, alerts, unit costs), the same rows the PDF report prints. */
void allocationTable(Html &h, const AllocationReportTables::Table &t)
{
    if (!t.rows.isEmpty()) {
        QList<QPair<QByteArray, bool>> headers;
        for (const AllocationReportTables::Column &c : t.columns)
            headers.append({esc(c.title), c.numeric});
        tableStart(h, headers);
        for (qsizetype i = 0; i < t.rows.size(); ++i) {
            h += i == t.totalRow ? "<tr class=\"total\">" : "<tr>";
            for (qsizetype c = 0; c < t.columns.size(); ++c) {
                const QByteArray cell = esc(t.rows[i].value(c));
                h += t.columns[c].numeric ? tdNum(cell) : td(cell);
            }
            h += "</tr>\n";
        }
        h += "</table>\n";
    }
    h += "<p class=\"small muted\">" + esc(t.caption) + "</p>\n";
}

const char *decisionColor(Decision d)
{
    switch (d) {
    case Decision::Pass: return "#2e7d32";
    case Decision::Warn: return "#b26a00";
    case Decision::Fail: return "#b3261e";
    }
    return "#5b6b7c";
}

QByteArray card(const QByteArray &label, const QByteArray &tag, const char *tagColor, const QByteArray &value,
                const QByteArray &exact, const QByteArray &note)
{
    QByteArray c = "<td><span class=\"cardlabel\">" + label + "</span>";
    if (!tag.isEmpty())
        c += " <span class=\"tag\" style=\"background-color: " + QByteArray(tagColor) + ";\">" + tag + "</span>";
    c += "<br/><span class=\"cardvalue\">" + value + "</span><br/><span class=\"cardexact\">" + exact + "</span>";
    if (!note.isEmpty())
        c += "<br/><span class=\"small muted\">" + note + "</span>";
    c += "</td>";
    return c;
}

QByteArray chartBlock(HtmlReport::Chart chart, HtmlReport::Charts mode, const ReconcileResult &r, const LedgerSet &set,
                      const QByteArray &caption)
{
    QByteArray b = "<div class=\"chart\">";
    if (mode == HtmlReport::Charts::InlineSvg) {
        b += HtmlReport::svg(chart, r, set);
    } else {
        b += "<img src=\"" + esc(HtmlReport::chartUrl(chart)) + "\" width=\"" + QByteArray::number(HtmlReport::chartWidth(chart, r))
            + "\" height=\"" + QByteArray::number(HtmlReport::chartHeight(chart, r)) + "\" alt=\"chart\"/>";
    }
    b += "</div>\n<p class=\"caption\">" + caption + "</p>\n";
    return b;
}

} // namespace

// =============================================================================================

QString HtmlReport::chartUrl(Chart chart)
{
    switch (chart) {
    case Chart::Waterfall: return QStringLiteral("chart:waterfall");
    case Chart::Daily: return QStringLiteral("chart:daily");
    case Chart::ByModel: return QStringLiteral("chart:by_model");
    }
    return QString();
}

int HtmlReport::chartWidth(Chart chart, const ReconcileResult &)
{
    switch (chart) {
    case Chart::Waterfall: return kWaterfallW;
    case Chart::Daily: return kDailyW;
    case Chart::ByModel: return kModelW;
    }
    return kWaterfallW;
}

int HtmlReport::chartHeight(Chart chart, const ReconcileResult &r)
{
    switch (chart) {
    case Chart::Waterfall: return kWaterfallH;
    case Chart::Daily: return kDailyH;
    case Chart::ByModel: return modelChartHeight(r);
    }
    return kWaterfallH;
}

QByteArray HtmlReport::svg(Chart chart, const ReconcileResult &r, const LedgerSet &set)
{
    switch (chart) {
    case Chart::Waterfall: return svgWaterfall(r, set);
    case Chart::Daily: return svgDaily(r, set);
    case Chart::ByModel: return svgByModel(r, set);
    }
    return {};
}

QByteArray HtmlReport::svgWaterfall(const ReconcileResult &r, const LedgerSet &)
{
    const QByteArray currency = esc(r.period.currency);
    Svg s(kWaterfallW, kWaterfallH, "Variance waterfall from estimated to provider-reported cost");
    s.text(16, 24, "Variance waterfall: estimated billable \xe2\x86\x92 " + reconciledLabel(r).toLower() + " (" + currency + ")",
           "start", 14, kInk, true);
    if (!r.providerReported.known || !r.variance.known) {
        s.text(kWaterfallW / 2.0, kWaterfallH / 2.0,
               "No provider-reported figure for the period: there is no variance to explain.", "middle", 13, kAxis);
        return s.finish();
    }

    const std::vector<ChartGeometry::WaterfallStep> steps = ChartGeometry::waterfallSteps(r);
    const ChartGeometry::Axis axis = ChartGeometry::waterfallAxis(steps);
    const double axisMin = axis.min, axisMax = axis.max;
    const bool broken = axis.broken;
    // Narrow slots (many categories) turn the labels so neighbours do not collide.
    const bool slanted = steps.size() > 9;
    const double left = 84, right = 20, top = 52, bottom = slanted ? 96 : 62;
    const double plotW = kWaterfallW - left - right, plotH = kWaterfallH - top - bottom;
    const auto y = [&](double v) { return top + plotH * (axisMax - v) / (axisMax - axisMin); };

    const double step = ChartGeometry::niceStep(axisMax - axisMin, 5);
    const int decimals = ChartGeometry::stepDecimals(step);
    for (double t : ChartGeometry::ticks(std::ceil(axisMin / step) * step, axisMax, step)) {
        s.line(left, y(t), kWaterfallW - right, y(t), kGrid);
        s.text(left - 6, y(t) + 4, tickLabel(t, decimals), "end", 10, kAxis);
    }
    s.line(left, top + plotH, kWaterfallW - right, top + plotH, kAxis);

    const double slot = plotW / static_cast<double>(steps.size());
    const double barW = std::min(70.0, slot * 0.62);
    double prevEndX = -1, prevLevel = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const ChartGeometry::WaterfallStep &st = steps[i];
        const double cx = left + slot * (static_cast<double>(i) + 0.5);
        const double x0 = cx - barW / 2;
        const double a = st.total ? std::max(axisMin, 0.0) : ChartGeometry::toDouble(st.from); // totals rise from zero (or the cut)
        const double b = ChartGeometry::toDouble(st.to);
        double yTop = y(std::max(a, b)), yBot = y(std::min(a, b));
        if (yBot - yTop < 1.5) { // a category too small to see still gets a visible sliver
            const double mid = (yTop + yBot) / 2;
            yTop = mid - 0.75;
            yBot = mid + 0.75;
        }
        const Decimal amount = st.total ? st.to : st.to - st.from;
        const QByteArray value = st.total ? dec(amount) : signedDec(amount);
        s.rect(x0, yTop, barW, yBot - yTop, ChartGeometry::stepColor(st.kind), QByteArray(st.label) + " " + value + " " + currency);
        if (st.total && broken) {
            // Axis break: the bar continues below the visible window.
            const double by = top + plotH - 14;
            s.out += "<polygon points=\"" + px(x0 - 2) + ',' + px(by + 4) + ' ' + px(x0 + barW + 2) + ',' + px(by - 4) + ' '
                + px(x0 + barW + 2) + ',' + px(by + 1) + ' ' + px(x0 - 2) + ',' + px(by + 9)
                + "\" fill=\"#ffffff\"/>\n";
        }
        if (prevEndX >= 0)
            s.line(prevEndX, y(prevLevel), x0, y(prevLevel), kAxis, 1, true);
        prevEndX = x0 + barW;
        prevLevel = b;
        const bool down = !st.total && amount.isNegative();
        // Keep value labels inside the chart (approximate text width).
        const double valueSize = slanted ? 9 : 10;
        const double half = static_cast<double>(value.size()) * valueSize * 0.32;
        const double tx = std::clamp(cx, left + half - 40, kWaterfallW - 4 - half);
        s.text(tx, down ? yBot + 13 : yTop - 5, value, "middle", valueSize, kInk, st.total);
        if (slanted) {
            QByteArray label(st.label);
            label.replace('_', ' ');
            s.out += "<text x=\"" + px(cx + 4) + "\" y=\"" + px(top + plotH + 14) + "\" font-size=\"10.0\" text-anchor=\"end\" fill=\""
                + kInk + "\" transform=\"rotate(-35 " + px(cx + 4) + ' ' + px(top + plotH + 14) + ")\">" + label + "</text>\n";
        } else {
            const auto [l1, l2] = twoLines(QByteArray(st.label));
            s.text(cx, top + plotH + 16, l1, "middle", 10, kInk);
            if (!l2.isEmpty())
                s.text(cx, top + plotH + 29, l2, "middle", 10, kInk);
        }
    }
    // Legend
    double lx = kWaterfallW - right - 430;
    const auto legend = [&](const char *color, const QByteArray &label) {
        s.rect(lx, 34, 10, 10, color);
        s.text(lx + 14, 43, label, "start", 10, kInk);
        lx += 14 + 7.0 * label.size() + 12;
    };
    legend(kRed, "raises cost");
    legend(kGreen, "lowers cost");
    legend(kPurple, "unexplained");
    if (broken)
        s.text(left, kWaterfallH - 10, "The axis does not start at zero: total bars are cut (\xe2\x89\x88) so the categories stay visible.",
               "start", 9.5, kAxis);
    return s.finish();
}

QByteArray HtmlReport::svgDaily(const ReconcileResult &r, const LedgerSet &)
{
    const QByteArray currency = esc(r.period.currency);
    Svg s(kDailyW, kDailyH, "Daily spend, estimated and provider-reported");
    s.text(16, 24, "Daily spend (" + currency + ")", "start", 14, kInk, true);
    const std::vector<DailyPoint> pts = dailySeries(r);
    if (pts.empty()) {
        s.text(kDailyW / 2.0, kDailyH / 2.0, "No attempts in the period.", "middle", 13, kAxis);
        return s.finish();
    }
    const bool anyProvider = std::any_of(pts.begin(), pts.end(), [](const DailyPoint &p) { return p.providerKnown; });
    double hi = 0, lo = 0;
    for (const DailyPoint &p : pts) {
        hi = std::max(hi, ChartGeometry::toDouble(p.estimated));
        lo = std::min(lo, ChartGeometry::toDouble(p.estimated));
        if (p.providerKnown) {
            hi = std::max(hi, ChartGeometry::toDouble(p.provider));
            lo = std::min(lo, ChartGeometry::toDouble(p.provider));
        }
    }
    if (hi <= lo)
        hi = lo + 1;
    const double step = ChartGeometry::niceStep(hi - lo, 5);
    const double axisMax = std::ceil(hi / step) * step, axisMin = std::floor(lo / step) * step;
    const int decimals = ChartGeometry::stepDecimals(step);
    const double left = 70, right = 20, top = 48, bottom = 40;
    const double plotW = kDailyW - left - right, plotH = kDailyH - top - bottom;
    const auto y = [&](double v) { return top + plotH * (axisMax - v) / (axisMax - axisMin); };
    for (double t : ChartGeometry::ticks(axisMin, axisMax, step)) {
        s.line(left, y(t), kDailyW - right, y(t), kGrid);
        s.text(left - 6, y(t) + 4, tickLabel(t, decimals), "end", 10, kAxis);
    }
    s.line(left, y(0), kDailyW - right, y(0), kAxis);
    const double slot = plotW / static_cast<double>(pts.size());
    const double barW = std::max(1.0, slot * 0.6);
    const int every = std::max(1, static_cast<int>(std::ceil(static_cast<double>(pts.size()) / 16.0)));
    QByteArray path;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const DailyPoint &p = pts[i];
        const double cx = left + slot * (static_cast<double>(i) + 0.5);
        const double v = ChartGeometry::toDouble(p.estimated);
        const QByteArray day = timeutil::dayString(p.day).toLatin1();
        const double y0 = y(0), y1 = y(v);
        s.rect(cx - barW / 2, std::min(y0, y1), barW, std::max(0.5, std::abs(y1 - y0)), kBlue,
               day + " estimated " + dec(p.estimated) + " " + currency);
        if (p.providerKnown) {
            path += (path.isEmpty() ? "M" : " L") + px(cx) + ' ' + px(y(ChartGeometry::toDouble(p.provider)));
        }
        if (static_cast<int>(i) % every == 0)
            s.text(cx, top + plotH + 16, day.mid(5), "middle", 9.5, kAxis);
    }
    if (anyProvider) {
        s.out += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + kOrange + "\" stroke-width=\"2\"/>\n";
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const DailyPoint &p = pts[i];
            if (!p.providerKnown)
                continue;
            const double cx = left + slot * (static_cast<double>(i) + 0.5);
            s.out += "<circle cx=\"" + px(cx) + "\" cy=\"" + px(y(ChartGeometry::toDouble(p.provider))) + "\" r=\"3\" fill=\"" + kOrange
                + "\"><title>" + timeutil::dayString(p.day).toLatin1() + " provider " + dec(p.provider) + " " + currency
                + "</title></circle>\n";
        }
    }
    // Legend
    const double lx = kDailyW - right - 470;
    s.rect(lx, 30, 12, 10, kBlue);
    s.text(lx + 16, 39, "Estimated billable (client ledger)", "start", 10);
    if (anyProvider) {
        s.line(lx + 215, 35, lx + 235, 35, kOrange, 2);
        s.out += "<circle cx=\"" + px(lx + 225) + "\" cy=\"35\" r=\"3\" fill=\"" + kOrange + "\"/>\n";
        s.text(lx + 241, 39, reconciledLabel(r), "start", 10);
    } else {
        s.text(lx + 215, 39, "no provider-reported figures", "start", 10, kAxis);
    }
    return s.finish();
}

QByteArray HtmlReport::svgByModel(const ReconcileResult &r, const LedgerSet &set)
{
    const QByteArray currency = esc(r.period.currency);
    const int h = modelChartHeight(r);
    Svg s(kModelW, h, "Estimated billable spend by model");
    s.text(16, 24, "Estimated billable spend by model (" + currency + ")", "start", 14, kInk, true);
    std::vector<const ModelTotals *> models;
    for (const ModelTotals &m : r.byModel)
        models.push_back(&m);
    if (models.empty()) {
        s.text(kModelW / 2.0, h / 2.0 + 10, "No priced attempts.", "middle", 13, kAxis);
        return s.finish();
    }
    const StringPool &pool = set.pool();
    std::stable_sort(models.begin(), models.end(), [&pool](const ModelTotals *a, const ModelTotals *b) {
        if (a->estimatedCost != b->estimatedCost)
            return a->estimatedCost > b->estimatedCost;
        return pool.view(a->model) < pool.view(b->model);
    });
    // Beyond 15 bars the rest is one "other models" bar.
    struct Bar
    {
        QByteArray label;
        Decimal amount;
    };
    std::vector<Bar> bars;
    Decimal other;
    int otherCount = 0;
    for (std::size_t i = 0; i < models.size(); ++i) {
        if (models.size() > 16 && i >= 15) {
            other += models[i]->estimatedCost;
            ++otherCount;
        } else {
            bars.push_back({esc(pool.view(models[i]->model)), models[i]->estimatedCost});
        }
    }
    if (otherCount > 0)
        bars.push_back({QByteArray::number(otherCount) + " other models", other});
    double hi = 0;
    for (const Bar &b : bars)
        hi = std::max(hi, ChartGeometry::toDouble(b.amount));
    if (hi <= 0)
        hi = 1;
    const double left = 210, right = 230, top = 48;
    const double plotW = kModelW - left - right;
    const double rowH = 26;
    const double total = ChartGeometry::toDouble(r.estimatedBillable);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar &b = bars[i];
        const double yy = top + rowH * static_cast<double>(i);
        const double w = std::max(0.0, ChartGeometry::toDouble(b.amount)) / hi * plotW;
        s.text(left - 8, yy + 16, b.label, "end", 11);
        s.rect(left, yy + 4, std::max(1.0, w), rowH - 8, kBlue, b.label + " " + dec(b.amount) + " " + currency);
        QByteArray label = dec(b.amount);
        if (total > 0)
            label += "  (" + QByteArray::number(ChartGeometry::toDouble(b.amount) / total * 100.0, 'f', 1) + "%)";
        s.text(left + std::max(1.0, w) + 6, yy + 16, label, "start", 10, kInk);
    }
    s.line(left, top, left, top + rowH * static_cast<double>(bars.size()), kAxis);
    return s.finish();
}

QByteArray HtmlReport::html(const ReconcileResult &r, const LedgerSet &set, const QString &title, Charts charts,
                            const HtmlReportPacketInfo *packet)
{
    const StringPool &pool = set.pool();
    const AttemptTable &c = set.client;
    const OwnerDirectory owners(set);
    const QByteArray currency = esc(r.period.currency);
    const int scale = r.controls.roundingScale;
    const RoundingMode mode = r.controls.roundingMode;
    Html h;

    h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>" + esc(title) + "</title>\n";
    h += "<meta name=\"generator\" content=\"tokenledger " TOKENLEDGER_VERSION "\"/>\n<style>";
    h += kCss;
    h += "</style>\n</head>\n<body>\n";

    // --- Header -------------------------------------------------------------------------------
    h += "<h1>" + esc(title) + "</h1>\n";
    h += "<table class=\"kv\" cellspacing=\"0\" cellpadding=\"1\">";
    const auto kv = [&h](const char *k, const QByteArray &v) {
        h += "<tr><td class=\"muted\">" + QByteArray(k) + "</td><td>" + v + "</td></tr>";
    };
    kv("Period (UTC)", esc(timeutil::formatUtc(r.period.start)) + " &ndash; " + esc(timeutil::formatUtc(r.period.end))
                           + " <span class=\"muted\">(end exclusive)</span>");
    kv("Account", esc(r.period.accountRef.isEmpty() ? QStringLiteral("(not given)") : r.period.accountRef));
    kv("Currency", currency);
    if (!r.period.environment.isEmpty())
        kv("Environment", esc(r.period.environment));
    if (!r.period.invoiceId.isEmpty())
        kv("Invoice", esc(r.period.invoiceId));
    kv("Provider", esc(FocusExporter::providerName(set)));
    kv("Provider data observed at",
       r.observedAt == kNoTime ? QByteArray("<span class=\"muted\">not available</span>") : esc(timeutil::formatUtc(r.observedAt)));
    kv("Judged as of", esc(timeutil::formatUtc(r.controls.asOf != kNoTime ? r.controls.asOf : r.period.end)));
    if (packet) {
        kv("Packet", esc(packet->packetId));
        kv("Created (UTC)", esc(packet->createdAt));
        kv("Prepared by", packet->preparer.isEmpty() ? QByteArray("<span class=\"muted\">not given</span>") : esc(packet->preparer));
        kv("Signing key", "<span class=\"mono\">" + esc(packet->signerKeyId) + "</span>");
        kv("Sign-off", packet->signedOff ? "signed off by " + esc(packet->signoff.value(QLatin1String("reviewer")).toString())
                                         : QByteArray("<b>not signed off</b>"));
    }
    h += "</table>\n";

    // --- Provisional banner -----------------------------------------------------------------------
    if (r.provisional) {
        h += "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"8\" style=\"margin: 10px 0 4px 0;\"><tr>"
             "<td bgcolor=\"#fff4e0\" style=\"background-color: #fff4e0; border: 2px solid #d9730d; color: #6b3a00;\">"
             "<b>PROVISIONAL.</b> The provider's data was observed at "
            + esc(timeutil::formatUtc(r.observedAt)) + ", less than the posting window ("
            + QByteArray::number(static_cast<qlonglong>(r.controls.postingWindowHours))
            + " h) after the period end. Late postings may still change the provider-reported figures: "
              "treat them as provisional, not as final spend.</td></tr></table>\n";
    }

    // --- Decision -------------------------------------------------------------------------------
    h += "<h2>Decision</h2>\n";
    h += "<table cellspacing=\"0\" cellpadding=\"6\" style=\"margin: 0 0 6px 0;\"><tr><td bgcolor=\"" + QByteArray(decisionColor(r.decision))
        + "\" style=\"background-color: " + decisionColor(r.decision)
        + "; color: #ffffff; font-size: 15pt; font-weight: bold; padding: 6px 18px;\">"
        + QByteArray(decisionName(r.decision)).toUpper() + "</td><td style=\"padding-left: 12px;\">";
    switch (r.decision) {
    case Decision::Pass: h += "Every required field is present and the variance is within both thresholds."; break;
    case Decision::Warn: h += "Usable with care: the reasons below need a look before sign-off."; break;
    case Decision::Fail: h += "Not fit for a finance-facing report until the failing reasons below are resolved."; break;
    }
    h += "<br/><span class=\"small muted\">Thresholds: " + esc(r.controls.varianceThresholdPercent.toString()) + "% of estimated billable or "
        + esc(r.controls.varianceThresholdAbsolute.toString()) + " " + currency + ".</span></td></tr></table>\n";
    if (r.reasons.empty()) {
        h += "<p class=\"muted\">No reasons recorded.</p>\n";
    } else {
        tableStart(h, {{"Reason", false}, {"Level", false}, {"Detail", false}, {"Rows", true}});
        for (const DecisionReason &reason : r.reasons) {
            QByteArray detail = esc(reason.detail);
            if (!reason.entries.isEmpty())
                detail += "<br/><span class=\"small muted\">" + esc(reason.entries.join(QStringLiteral(", "))) + "</span>";
            h += "<tr>" + td(esc(reason.code), "mono")
                + "<td><span class=\"tag\" style=\"background-color: " + decisionColor(reason.level) + ";\">"
                + QByteArray(decisionName(reason.level)).toUpper() + "</span></td>" + td(detail) + tdNum(num(reason.rows))
                + "</tr>\n";
        }
        h += "</table>\n";
    }

    // --- Totals ----------------------------------------------------------------------------------
    h += "<h2>Totals</h2>\n";
    h += "<table class=\"cards\" cellspacing=\"6\" cellpadding=\"8\" width=\"100%\"><tr>";
    h += card("Estimated billable", "ESTIMATED", "#3b6ea5", rounded(r.estimatedBillable, scale, mode) + " " + currency,
              "exact " + dec(r.estimatedBillable), "client ledger priced at the snapshot");
    if (r.providerReported.known) {
        h += card(reconciledLabel(r), r.provisional ? "PROVISIONAL" : "RECONCILED", r.provisional ? "#d9730d" : "#2e7d32",
                  rounded(r.providerReported.value, scale, mode) + " " + currency, "exact " + dec(r.providerReported.value),
                  "from the provider's records" + QByteArray(r.providerSource == QLatin1String("daily") ? " (daily aggregates)"
                                                             : r.providerSource == QLatin1String("requests") ? " (per-request records)" : ""));
    } else {
        h += card("Reconciled", "NOT AVAILABLE", "#5b6b7c", "null", "no provider figure for the period",
                  "estimates only: nothing to reconcile against");
    }
    if (r.variance.known) {
        QByteArray pct;
        if (!r.estimatedBillable.isZero())
            pct = ", " + QByteArray::fromStdString(r.variance.value.mulInt(100).div(r.estimatedBillable).round(3, RoundingMode::HalfEven).toStdString())
                + "% of estimated";
        h += card("Variance", {}, "", (r.variance.value.isNegative() ? "" : "+") + rounded(r.variance.value, scale, mode) + " " + currency,
                  "exact " + signedDec(r.variance.value), "provider-reported \xe2\x88\x92 estimated billable" + pct);
    } else {
        h += card("Variance", {}, "", "null", "no provider figure", "");
    }
    h += card("Estimated unverified", "NOT CLAIMED", "#5b6b7c", rounded(r.estimatedUnverified, scale, mode) + " " + currency,
              "exact " + dec(r.estimatedUnverified), "outcomes without billing evidence (timeouts, cancels)");
    h += "</tr></table>\n";
    h += "<p class=\"small muted\">Amounts are exact decimals; headline figures are rounded "
        + esc(roundingModeName(mode)) + " to " + QByteArray::number(scale)
        + " decimals. <b>Estimated</b> = the client ledger priced with the snapshot, for fast alerting; <b>reconciled</b> = "
          "the provider's billing records after the posting window. Neither overwrites the other.</p>\n";
    if (r.finance.present) {
        h += "<p class=\"small\">Invoice total (finance records): <b>" + dec(r.finance.invoiceTotal) + " " + currency + "</b>; see Finance below.</p>\n";
    }

    // --- Charts ---------------------------------------------------------------------------------
    h += "<h2>Charts</h2>\n";
    h += chartBlock(Chart::Waterfall, charts, r, set,
                    "From the estimated billable cost through each variance category to the provider-reported cost. "
                    "Categories plus unexplained add up to the variance exactly.");
    h += chartBlock(Chart::Daily, charts, r, set,
                    "Bars: estimated billable per day; line: provider-reported per day. Days as the provider buckets them.");
    h += chartBlock(Chart::ByModel, charts, r, set, "Estimated billable cost by billable model, with its share of the total.");

    // --- Counts --------------------------------------------------------------------------------
    h += "<h2>Counts</h2>\n";
    h += "<p>" + num(r.attempts) + " attempts in the period (" + num(r.requests) + " requests, " + num(r.retries)
        + " retries); " + num(static_cast<qint64>(r.excludedRows.size())) + " rows outside the period excluded";
    if (r.gatewayAttempts > 0)
        h += "; gateway: " + num(r.gatewayAttempts) + " attempts";
    h += ".</p>\n";
    tableStart(h, {{"Outcome", false}, {"Treatment (policy)", false}, {"Attempts", true}});
    for (int o = 0; o < OutcomeCount; ++o) {
        const qint64 n = r.byOutcome[static_cast<std::size_t>(o)];
        if (n == 0)
            continue;
        const auto outcome = static_cast<Outcome>(o);
        h += "<tr>" + td(esc(outcomeName(outcome)), "mono") + td(esc(treatmentOf(set, outcome))) + tdNum(num(n)) + "</tr>\n";
    }
    h += "<tr class=\"total\">" + td("Total") + td("") + tdNum(num(r.attempts)) + "</tr>\n</table>\n";
    h += "<p class=\"small muted\">Tokens of attempts not quarantined: input " + num(r.tokensInput) + " (cached " + num(r.tokensCached)
        + "), output " + num(r.tokensOutput) + " (reasoning " + num(r.tokensReasoning) + ").</p>\n";

    // --- Quarantines ----------------------------------------------------------------------------
    h += "<h2>Quarantines</h2>\n";
    const qint64 quarantined = r.quarantinedUnknownModel + r.quarantinedMissingUsage + r.quarantinedDuplicate;
    h += "<p>unknown_model: <b>" + num(r.quarantinedUnknownModel) + "</b> &nbsp; missing_usage: <b>" + num(r.quarantinedMissingUsage)
        + "</b> &nbsp; duplicate: <b>" + num(r.quarantinedDuplicate)
        + "</b>. Quarantined attempts count in the attempts above and in no cost.</p>\n";
    if (quarantined > 0) {
        tableStart(h, {{"Time (UTC)", false}, {"Request", false}, {"Attempt", true}, {"API key", false}, {"Model requested", false},
                       {"Reason", false}, {"Source", false}});
        constexpr int kMaxListed = 50;
        int listed = 0;
        std::vector<QByteArray> fileNames;
        for (const SourceFile &f : set.files)
            fileNames.push_back(f.report.fileName.toUtf8());
        // Only the quarantined lines, in the order of lines.csv.
        std::vector<std::uint32_t> order = LedgerExporter::quarantinedLines(r);
        LedgerExporter::sortLines(order, r, set);
        for (std::uint32_t li : order) {
            if (listed++ >= kMaxListed)
                break;
            const std::uint32_t row = r.lineRow[li];
            const std::uint32_t file = c.sourceFile[row];
            h += "<tr>" + td(esc(timeutil::formatUtc(c.timestamp[row])), "mono") + td(esc(pool.view(c.requestId[row])), "mono")
                + tdNum(QByteArray::number(c.attempt[row])) + td(esc(pool.view(c.apiKey[row])))
                + td(esc(pool.view(c.modelRequested[row]))) + td(esc(quarantineName(r.lineQuarantine[li])), "mono")
                + td(esc(file < fileNames.size() ? QString::fromUtf8(fileNames[file]) : QString()) + ":"
                     + QByteArray::number(c.sourceLine[row]), "mono")
                + "</tr>\n";
        }
        h += "</table>\n";
        if (quarantined > kMaxListed)
            h += "<p class=\"small muted\">The first " + QByteArray::number(kMaxListed) + " of " + num(quarantined)
                + " are listed; exclusions.csv lists them all.</p>\n";
    }

    // --- Variance by category ---------------------------------------------------------------------
    h += "<h2>Variance by category</h2>\n";
    if (!r.variance.known) {
        h += "<p class=\"muted\">No provider-reported figure for the period, so no variance.</p>\n";
    } else {
        tableStart(h, {{"Category", false}, {"Meaning", false}, {"Amount (" + currency + ")", true}, {"Rows", true}});
        for (int i = 0; i < VarianceCategoryCount; ++i) {
            const auto cat = static_cast<VarianceCategory>(i);
            const Decimal a = r.varianceByCategory[static_cast<std::size_t>(i)];
            const qint64 rows = r.varianceRowsByCategory[static_cast<std::size_t>(i)];
            const bool zero = a.isZero() && rows == 0;
            h += QByteArray(zero ? "<tr class=\"muted\">" : "<tr>") + td(esc(varianceCategoryName(cat)), "mono")
                + td("<span class=\"small\">" + esc(categoryMeaning(cat)) + "</span>") + tdNum(zero ? QByteArray("0") : signedDec(a))
                + tdNum(num(rows)) + "</tr>\n";
        }
        h += "<tr class=\"total\">" + td("Variance") + td("provider-reported \xe2\x88\x92 estimated billable")
            + tdNum(signedDec(r.variance.value)) + td("") + "</tr>\n</table>\n";
    }

    // --- By key ---------------------------------------------------------------------------------
    h += "<h2>By API key</h2>\n";
    tableStart(h, {{"API key", false}, {"Owner", false}, {"Cost center", false}, {"Attempts", true}, {"Estimated", true},
                   {"Unverified", true}, {"Provider-reported", true}, {"Variance", true}, {"Monthly budget", true},
                   {"Budget used", true}});
    for (const KeyTotals &k : r.byKey) {
        const std::string_view key = pool.view(k.apiKey);
        const OwnerRow *o = owners.find(key);
        QByteArray budget = nullCell(), used = nullCell();
        if (o && o->monthlyBudget.known) {
            const QString bc = o->currency.isEmpty() ? r.period.currency : o->currency;
            budget = dec(o->monthlyBudget.value) + " " + esc(bc);
            if (bc == r.period.currency && o->monthlyBudget.value.signum() > 0)
                used = QByteArray::fromStdString(
                           k.estimatedCost.mulInt(100).div(o->monthlyBudget.value).round(1, RoundingMode::HalfEven).toFixedStdString(1))
                    + "%";
        }
        h += "<tr>" + td(esc(key), "mono") + td(o ? esc(o->ownerGroup) : nullCell()) + td(o ? esc(o->costCenter) : nullCell())
            + tdNum(num(k.attempts)) + tdNum(dec(k.estimatedCost)) + tdNum(dec(k.estimatedUnverified))
            + tdNum(k.providerReported.known ? dec(k.providerReported.value) : nullCell())
            + tdNum(k.variance.known ? signedDec(k.variance.value) : nullCell()) + tdNum(budget) + tdNum(used) + "</tr>\n";
    }
    h += "<tr class=\"total\">" + td("Total") + td("") + td("") + tdNum(num(r.attempts - quarantined)) + tdNum(dec(r.estimatedBillable))
        + tdNum(dec(r.estimatedUnverified)) + tdNum(r.providerReported.known ? dec(r.providerReported.value) : nullCell())
        + tdNum(r.variance.known ? signedDec(r.variance.value) : nullCell()) + td("") + td("") + "</tr>\n</table>\n";
    h += "<p class=\"small muted\">Attempts here exclude quarantined ones. Budget used = estimated billable / monthly budget "
         "(owners table), when both are in the period currency.</p>\n";

    // --- By model -------------------------------------------------------------------------------
    h += "<h2>By model</h2>\n";
    tableStart(h, {{"Billable model", false}, {"Publisher", false}, {"Attempts", true}, {"Input tokens", true},
                   {"Output tokens", true}, {"Estimated (" + currency + ")", true}});
    const QString provider = FocusExporter::providerName(set);
    for (const ModelTotals &m : r.byModel) {
        h += "<tr>" + td(esc(pool.view(m.model)), "mono") + td(esc(FocusExporter::publisherName(pool.view(m.model), provider)))
            + tdNum(num(m.attempts)) + tdNum(num(m.inputTokens)) + tdNum(num(m.outputTokens)) + tdNum(dec(m.estimatedCost)) + "</tr>\n";
    }
    h += "<tr class=\"total\">" + td("Total") + td("") + tdNum(num(r.attempts - quarantined)) + tdNum(num(r.tokensInput))
        + tdNum(num(r.tokensOutput)) + tdNum(dec(r.estimatedBillable)) + "</tr>\n</table>\n";
    if (!r.newModels.isEmpty())
        h += "<p class=\"small\">New this period: " + esc(r.newModels.join(QStringLiteral(", "))) + "</p>\n";

    // --- Owners, alerts, unit costs (core/allocation) ------------------------------------------
    h += "<h2>Owner groups and budgets</h2>\n";
    allocationTable(h, AllocationReportTables::owners(r.allocation, r.period.currency));
    h += "<h2>Alerts</h2>\n";
    allocationTable(h, AllocationReportTables::alerts(r.allocation));
    h += "<h2>Unit costs</h2>\n";
    allocationTable(h, AllocationReportTables::unitCosts(r.allocation, r.period.currency));

    // --- Finance -------------------------------------------------------------------------------
    h += "<h2>Finance</h2>\n";
    if (!r.finance.present) {
        h += "<p class=\"muted\">No finance records (invoice, credits, tax) were loaded for this period.</p>\n";
    } else {
        const FinanceSummary &f = r.finance;
        tableStart(h, {{"Finance line", false}, {"Amount (" + currency + ")", true}});
        const std::pair<const char *, Decimal> lines[] = {
            {"Usage subtotal", f.usageSubtotal}, {"Credits", f.credits}, {"Discounts", f.discounts}, {"Tax", f.tax},
            {"Refunds", f.refunds}, {"Top-ups", f.topups}, {"Adjustments", f.adjustments}, {"FX", f.fx},
        };
        for (const auto &[name, v] : lines)
            h += "<tr>" + td(name) + tdNum(dec(v)) + "</tr>\n";
        h += "<tr class=\"total\">" + td("Invoice total") + tdNum(dec(f.invoiceTotal)) + "</tr>\n";
        h += "<tr>" + td("Usage subtotal \xe2\x88\x92 provider-reported") + tdNum(f.usageVsProvider.known ? signedDec(f.usageVsProvider.value) : nullCell())
            + "</tr>\n</table>\n";
        h += "<p class=\"small muted\">Charges are positive; credits, discounts and refunds negative. "
             "Invoice-level adjustments stay separate rows and are never spread into request costs.</p>\n";
    }

    // --- Inputs register ----------------------------------------------------------------------
    h += "<h2>Inputs</h2>\n";
    tableStart(h, {{"File", false}, {"Kind", false}, {"Format", false}, {"Rows read", true}, {"Accepted", true},
                   {"Redactions", true}, {"SHA-256 (received / stored)", false}});
    for (const SourceFile &f : set.files) {
        const ImportReport &rep = f.report;
        QByteArray hashes = "received " + esc(rep.sha256Received) + " (" + num(rep.sizeReceived) + " B)<br/>";
        if (rep.sha256Stored == rep.sha256Received)
            hashes += "stored &nbsp;&nbsp;= received";
        else
            hashes += "stored &nbsp;&nbsp;" + esc(rep.sha256Stored) + " (" + num(rep.sizeStored) + " B)";
        h += "<tr>" + td(esc(rep.fileName), "mono") + td(esc(rep.kind)) + td(esc(rep.format), "mono") + tdNum(num(rep.rowsRead))
            + tdNum(num(rep.rowsAccepted)) + tdNum(num(rep.redactions)) + td(hashes, "hash") + "</tr>\n";
    }
    h += "</table>\n";
    h += "<p class=\"small muted\">A file holding secrets or prompt text is stored redacted; both hashes let an auditor match "
         "the original.</p>\n";

    if (!r.warnings.isEmpty()) {
        h += "<h2>Warnings</h2>\n<ul>\n";
        for (const QString &w : r.warnings)
            h += "<li>" + esc(w) + "</li>\n";
        h += "</ul>\n";
    }

    if (packet) {
        h += "<h2>Sign-off</h2>\n";
        if (!packet->signedOff) {
            h += "<p><b>Not signed off.</b> This packet is not signed off: no reviewer's review record was given when it was made. "
                 "The signature proves only that the packet is unchanged since it was made.</p>\n";
        } else {
            const QJsonObject &o = packet->signoff;
            h += "<p><b>Signed off by " + esc(o.value(QLatin1String("reviewer")).toString()) + "</b>";
            if (!o.value(QLatin1String("reviewer_role")).toString().isEmpty())
                h += " (" + esc(o.value(QLatin1String("reviewer_role")).toString()) + ")";
            if (!o.value(QLatin1String("review_date")).toString().isEmpty())
                h += " on " + esc(o.value(QLatin1String("review_date")).toString());
            h += ".</p>\n";
            tableStart(h, {{"Review record field", false}, {"Value", false}});
            for (const QString &field : ReviewRecord::fieldNames()) { // the spec's order
                const QJsonValue value = o.value(field);
                if (value.isNull() || value.isUndefined())
                    continue;
                QString v;
                if (value.isBool()) {
                    v = value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
                } else if (value.isArray()) {
                    QStringList parts;
                    for (const QJsonValue &x : value.toArray())
                        parts << x.toVariant().toString();
                    v = parts.join(QStringLiteral(", "));
                } else {
                    v = value.toVariant().toString();
                }
                h += "<tr>" + td(esc(field), "mono") + td(esc(v)) + "</tr>\n";
            }
            h += "</table>\n";
        }
        h += "<p class=\"small muted\">This report is part of packet " + esc(packet->packetId) + ", signed with the minisign key "
            + esc(packet->signerKeyId) + ". Verify it with <span class=\"mono\">tokenledger-cli verify " + esc(packet->packetId)
            + ".zip --pubkey KEY.pub</span>, or with minisign and sha256sum (packet.md).</p>\n";
    }

    h += "<p class=\"small muted\" style=\"margin-top: 18px;\">tokenledger " TOKENLEDGER_VERSION " (" TOKENLEDGER_COMMIT
         "). Controls: posting window "
        + QByteArray::number(static_cast<qlonglong>(r.controls.postingWindowHours)) + " h; fail on unknown model "
        + (r.controls.failOnUnknownModel ? "on" : "off") + ", on missing token usage " + (r.controls.failOnMissingTokenUsage ? "on" : "off")
        + ", on unverified pricing " + (r.controls.failOnUnverifiedPricing ? "on" : "off") + ".</p>\n";
    h += "</body>\n</html>\n";
    return h.out;
}

bool HtmlReport::write(const QString &path, const ReconcileResult &result, const LedgerSet &set, const QString &title,
                       QString *error)
{
    return ResultWriter::writeFile(path, html(result, set, title), error);
}

} // namespace tl
