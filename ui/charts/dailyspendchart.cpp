// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/dailyspendchart.h"

#include "core/util/timeutil.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QLegend>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace tl {

DailySpendChart::DailySpendChart(QWidget *parent)
    : ChartPanel(parent)
{
    showPlaceholder(tr("Daily spend appears here once a job is open."));
}

void DailySpendChart::setSeries(const SpendSeries *s, const QString &currency)
{
    clearChart();
    setCaption(QString());
    if (!s || s->days == 0) {
        showPlaceholder(tr("Daily spend appears here once a job is open."));
        return;
    }
    if (s->estimatedTotal.isZero() && !s->providerTotal.known) {
        showPlaceholder(tr("No priced usage for %1 in this period.").arg(s->apiKey.isEmpty() ? tr("any key") : s->apiKey));
        return;
    }
    auto *est = new QBarSet(tr("Estimated"));
    auto *prov = new QBarSet(tr("Provider (reconciled)"));
    est->setColor(LedgerColors::estimated());
    prov->setColor(LedgerColors::provider());
    est->setBorderColor(Qt::transparent);
    prov->setBorderColor(Qt::transparent);
    QStringList days;
    double hi = 0;
    for (int i = 0; i < s->days; ++i) {
        const double e = plotValue(s->estimated[static_cast<std::size_t>(i)]);
        const MaybeDecimal &p = s->provider[static_cast<std::size_t>(i)];
        const double pv = p.known ? plotValue(p.value) : 0;
        est->append(e);
        prov->append(pv);
        hi = std::max(hi, std::max(e, pv));
        int y = 0;
        unsigned m = 0, d = 0;
        timeutil::civilFromDays(s->firstDay + i, &y, &m, &d);
        // Every fifth day is labelled; the others get distinct invisible labels (categories
        // must be unique), so that the axis stays readable at any width.
        days << ((d == 1 || d % 5 == 0) ? QString::number(d) : QString(i + 1, QChar(0x200B)));
    }
    auto *series = new QBarSeries();
    series->append({est, prov});
    series->setBarWidth(0.85);
    chart()->addSeries(series);
    auto *axisX = new QBarCategoryAxis();
    axisX->append(days);
    QFont f = axisX->labelsFont();
    f.setPointSizeF(std::max(7.0, f.pointSizeF() - 1));
    axisX->setLabelsFont(f);
    axisX->setTruncateLabels(false);
    axisX->setTitleText(tr("Day of %1").arg(DisplayFormat::period(timeutil::dayStart(s->firstDay),
                                                                   timeutil::dayStart(s->firstDay + s->days))));
    chart()->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    auto *axisY = new QValueAxis();
    axisY->setRange(0, hi > 0 ? hi * 1.1 : 1);
    axisY->setLabelFormat(hi < 0.1 ? QStringLiteral("%.4f") : QStringLiteral("%.2f"));
    axisY->setTitleText(currency);
    axisY->applyNiceNumbers();
    chart()->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    chart()->legend()->show();
    chart()->setTitle(s->apiKey.isEmpty() ? tr("Daily spend, all keys") : tr("Daily spend, %1").arg(s->apiKey));

    const auto sp = std::make_shared<SpendSeries>(*s);
    auto tip = [this, sp, currency](bool on, int i) {
        if (!on) {
            QToolTip::hideText();
            return;
        }
        const auto k = static_cast<std::size_t>(i);
        QToolTip::showText(QCursor::pos(),
                           tr("%1<br>estimated %2<br>provider (reconciled) %3")
                               .arg(DisplayFormat::day(sp->firstDay + i),
                                    DisplayFormat::money(sp->estimated[k], currency, 6),
                                    DisplayFormat::money(sp->provider[k], currency, 6)),
                           this);
    };
    connect(est, &QBarSet::hovered, this, tip);
    connect(prov, &QBarSet::hovered, this, tip);
    setCaption(tr("Month to date: estimated <b>%1</b>, provider-reported (reconciled) <b>%2</b>. "
                  "Days without a provider figure have no green bar.")
                   .arg(DisplayFormat::money(s->estimatedTotal, currency, 2),
                        s->providerTotal.known ? DisplayFormat::money(s->providerTotal.value, currency, 2) : tr("not reported")));
    showChart();
}

} // namespace tl
