// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/variancewaterfallchart.h"

#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"
#include "ui/models/workspacetables.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QFontMetrics>
#include <QLegend>
#include <QHorizontalStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tl {

VarianceWaterfallChart::VarianceWaterfallChart(QWidget *parent)
    : ChartPanel(parent)
{
    chart()->legend()->hide();
    showPlaceholder(tr("The variance waterfall appears here once a job is open."));
}

void VarianceWaterfallChart::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    clearChart();
    m_axis = nullptr;
    m_oneLine.clear();
    m_twoLines.clear();
    m_categories.clear();
    setCaption(QString());
    if (!ws) {
        showPlaceholder(tr("The variance waterfall appears here once a job is open."));
        return;
    }
    const ReconcileResult &r = ws->result;
    const QString cur = r.period.currency;
    const int scale = r.controls.roundingScale;
    const RoundingMode mode = r.controls.roundingMode;
    if (!r.providerReported.known) {
        showPlaceholder(tr("No provider figure for the period, so there is no variance to explain yet.\n"
                           "Add a provider input (usage or quota export) to the job to reconcile the estimate."));
        return;
    }
    for (int c = 0; c < VarianceCategoryCount; ++c)
        if (!r.varianceByCategory[static_cast<std::size_t>(c)].isZero())
            m_categories.push_back(c);

    // Rows top to bottom: the estimate, each category with an amount, the provider's figure.
    // Horizontal bars keep every label on one readable line however many categories there are.
    struct Bar
    {
        QString name, amount;
        QString label;
        double base = 0, up = 0, down = 0, est = 0, prov = 0;
    };
    std::vector<Bar> bars;
    const double estimated = plotValue(r.estimatedBillable);
    const double provider = plotValue(r.providerReported.value);
    double lo = std::min(estimated, provider), hi = std::max(estimated, provider);
    {
        Bar b;
        b.name = tr("Estimated");
        b.amount = DisplayFormat::fixed(r.estimatedBillable, scale, mode);
        b.est = estimated;
        bars.push_back(b);
    }
    Decimal running = r.estimatedBillable;
    for (int c : m_categories) {
        const Decimal a = r.varianceByCategory[static_cast<std::size_t>(c)];
        const double from = plotValue(running);
        running += a;
        const double to = plotValue(running);
        Bar b;
        b.base = std::min(from, to);
        b.up = a.isNegative() ? 0 : to - from;
        b.down = a.isNegative() ? from - to : 0;
        b.name = WorkspaceTables::categoryTitle(static_cast<VarianceCategory>(c));
        b.amount = DisplayFormat::localizeDigits(a.toString(), QLocale(), true);
        lo = std::min(lo, std::min(from, to));
        hi = std::max(hi, std::max(from, to));
        bars.push_back(b);
    }
    {
        Bar b;
        b.name = tr("Provider (reconciled)");
        b.amount = DisplayFormat::fixed(r.providerReported.value, scale, mode);
        b.prov = provider;
        bars.push_back(b);
    }
    // A horizontal bar axis draws its first category at the bottom.
    std::reverse(bars.begin(), bars.end());

    auto *base = new QBarSet(QString());
    auto *up = new QBarSet(tr("Increases"));
    auto *down = new QBarSet(tr("Decreases"));
    auto *est = new QBarSet(tr("Estimated"));
    auto *prov = new QBarSet(tr("Provider (reconciled)"));
    base->setColor(Qt::transparent);
    base->setBorderColor(Qt::transparent);
    up->setColor(LedgerColors::increase());
    down->setColor(LedgerColors::decrease());
    est->setColor(LedgerColors::estimated());
    prov->setColor(LedgerColors::provider());
    for (QBarSet *s : {up, down, est, prov})
        s->setBorderColor(s->color().darker(120));
    QStringList labels;
    const QFontMetrics fm(chart()->font());
    m_widestLabel = 0;
    for (Bar &b : bars) {
        b.label = QStringLiteral("%1&nbsp;&nbsp;%2").arg(b.name.toHtmlEscaped(), b.amount);
        m_oneLine << b.label;
        // Two lines: the name, then the amount in grey (a narrow chart keeps both readable).
        m_twoLines << QStringLiteral("%1<br><span style='color:#4B5563'>%2</span>").arg(b.name.toHtmlEscaped(), b.amount);
        m_widestLabel = std::max(m_widestLabel, fm.horizontalAdvance(b.name + QStringLiteral("  ") + b.amount));
    }
    for (const Bar &b : bars) {
        base->append(b.base);
        up->append(b.up);
        down->append(b.down);
        est->append(b.est);
        prov->append(b.prov);
        labels << b.label;
    }

    auto *series = new QHorizontalStackedBarSeries();
    series->append({base, up, down, est, prov});
    series->setBarWidth(0.6);
    chart()->addSeries(series);

    auto *axisCat = new QBarCategoryAxis();
    axisCat->append(labels);
    axisCat->setTruncateLabels(false);
    m_axis = axisCat;
    m_twoLine = false;
    chart()->addAxis(axisCat, Qt::AlignLeft);
    series->attachAxis(axisCat);

    // Zoom the value axis to the bars' span, so that a small variance stays visible.
    auto *axisY = new QValueAxis();
    const double span = hi - lo;
    double minY = 0, maxY = hi * 1.08;
    if (span > 0 && span < hi * 0.25) {
        minY = std::max(0.0, lo - span * 0.6);
        maxY = hi + span * 0.3;
    }
    if (maxY <= minY)
        maxY = minY + 1;
    axisY->setRange(minY, maxY);
    axisY->setTickCount(5);
    const int digits = std::clamp(static_cast<int>(std::ceil(-std::log10(std::max(maxY - minY, 1e-9)))) + 2, 2, 8);
    axisY->setLabelFormat(QStringLiteral("%.") + QString::number(digits) + QStringLiteral("f"));
    axisY->setTitleText(cur);
    chart()->addAxis(axisY, Qt::AlignBottom);
    series->attachAxis(axisY);

    for (QBarSet *s : {base, up, down, est, prov}) {
        connect(s, &QBarSet::clicked, this, &VarianceWaterfallChart::onBarClicked);
        connect(s, &QBarSet::hovered, this, [this, labels](bool on, int index) {
            if (!on) {
                QToolTip::hideText();
                return;
            }
            QString t = labels.value(index);
            const int c = categoryAt(index);
            if (c >= 0)
                t += QStringLiteral("<br>") + WorkspaceTables::categoryDescription(static_cast<VarianceCategory>(c))
                    + QStringLiteral("<br><i>") + tr("Click to show the rows behind it.") + QStringLiteral("</i>");
            QToolTip::showText(QCursor::pos(), t, this);
        });
    }

    QString caption = tr("<span style='color:%1'>■</span> estimated &nbsp; "
                         "<span style='color:%2'>■</span> raises the provider figure &nbsp; "
                         "<span style='color:%3'>■</span> lowers it &nbsp; "
                         "<span style='color:%4'>■</span> provider-reported (reconciled)")
                          .arg(LedgerColors::estimated().name(), LedgerColors::increase().name(),
                               LedgerColors::decrease().name(), LedgerColors::provider().name());
    if (minY > 0)
        caption += QStringLiteral("<br>") + tr("<i>The amount axis starts at %1, not at zero, so that the variance is visible.</i>")
                                                .arg(QLocale().toString(minY, 'f', std::min(digits, 6)));
    if (m_categories.empty())
        caption += QStringLiteral("<br>") + tr("No variance: the estimate equals the provider figure.");
    setCaption(caption);
    showChart();
    // Each bar needs room for its label: more categories, a taller chart (the page scrolls).
    setMinimumHeight(std::max(320, 90 + static_cast<int>(bars.size()) * 38));
    fitLabels();
}

void VarianceWaterfallChart::resizeEvent(QResizeEvent *event)
{
    ChartPanel::resizeEvent(event);
    fitLabels();
}

void VarianceWaterfallChart::fitLabels()
{
    if (!m_axis || m_oneLine.isEmpty())
        return;
    // Qt Charts gives the category axis at most about a third of the chart's width and cuts a
    // label that is wider at the chart's edge: go to two lines before that happens.
    const bool two = m_widestLabel > width() * 0.3;
    if (two == m_twoLine)
        return;
    m_twoLine = two;
    m_axis->setCategories(two ? m_twoLines : m_oneLine);
}

int VarianceWaterfallChart::categoryAt(int index) const
{
    // Bars run bottom-up: provider, the categories in reverse, estimated.
    const int n = static_cast<int>(m_categories.size());
    const int k = n - index; // position among the categories, 0-based
    return index >= 1 && index <= n ? m_categories[static_cast<std::size_t>(k)] : -1;
}

void VarianceWaterfallChart::onBarClicked(int index)
{
    const int c = categoryAt(index);
    if (c >= 0)
        emit categoryClicked(c);
}

} // namespace tl
