// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/outcomedaychart.h"

#include "core/util/timeutil.h"
#include "ui/models/displayformat.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCheckBox>
#include <QCursor>
#include <QLegend>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tl {

namespace {

bool isSuccess(Outcome o)
{
    return o == Outcome::Success || o == Outcome::SuccessStream;
}

} // namespace

OutcomeDayChart::OutcomeDayChart(QWidget *parent)
    : ChartPanel(parent)
    , m_hideBox(new QCheckBox(tr("Leave out successes")))
{
    m_hideBox->setToolTip(tr("Draw only the attempts that did not succeed, so that a few errors stay visible"));
    if (auto *v = qobject_cast<QVBoxLayout *>(layout()))
        v->insertWidget(0, m_hideBox, 0, Qt::AlignRight);
    connect(m_hideBox, &QCheckBox::toggled, this, &OutcomeDayChart::setSuccessesHidden);
    m_hideBox->setEnabled(false);
    showPlaceholder(tr("Requests by outcome per day appear here once a job is open."));
}

QColor OutcomeDayChart::outcomeColor(Outcome o)
{
    switch (o) {
    case Outcome::Success: return QColor(0x4C, 0x78, 0xA8);
    case Outcome::SuccessStream: return QColor(0x9E, 0xCA, 0xE9);
    case Outcome::StreamCancelled: return QColor(0xF2, 0xCF, 0x5B);
    case Outcome::ClientError: return QColor(0xB2, 0x79, 0xA2);
    case Outcome::RateLimited: return QColor(0xD9, 0x82, 0x2B);
    case Outcome::ServerError: return QColor(0xB0, 0x22, 0x2A);
    case Outcome::ClientTimeout: return QColor(0x9D, 0x75, 0x5D);
    case Outcome::NetworkError: return QColor(0x79, 0x70, 0x6E);
    case Outcome::NotSent: return QColor(0xBA, 0xB0, 0xAC);
    case Outcome::CachedResponse: return QColor(0x2E, 0x8B, 0x57);
    case Outcome::Unknown: break;
    }
    return QColor(0x55, 0x55, 0x55);
}

void OutcomeDayChart::placeLegend()
{
    const Qt::Alignment a = width() < 160 + 95 * static_cast<int>(m_shown.size()) ? Qt::AlignRight : Qt::AlignBottom;
    if (chart()->legend()->alignment() != a)
        chart()->legend()->setAlignment(a);
}

void OutcomeDayChart::resizeEvent(QResizeEvent *event)
{
    ChartPanel::resizeEvent(event);
    placeLegend();
}

void OutcomeDayChart::setSeries(const OutcomeDaySeries *series)
{
    m_hasSeries = series != nullptr;
    m_series = series ? *series : OutcomeDaySeries();
    rebuild();
}

void OutcomeDayChart::setSuccessesHidden(bool hidden)
{
    if (m_hideBox->isChecked() != hidden) {
        m_hideBox->setChecked(hidden); // comes back here through toggled
        return;
    }
    m_hideSuccesses = hidden;
    rebuild();
}

void OutcomeDayChart::rebuild()
{
    clearChart();
    setCaption(QString());
    m_shown.clear();
    const OutcomeDaySeries &s = m_series;
    if (!m_hasSeries || s.days == 0) {
        m_hideBox->setEnabled(false);
        showPlaceholder(tr("Requests by outcome per day appear here once a job is open."));
        return;
    }
    m_hideBox->setEnabled(true);
    for (Outcome o : s.presentOutcomes())
        if (!(m_hideSuccesses && isSuccess(o)))
            m_shown.push_back(o);
    if (m_shown.empty()) {
        showPlaceholder(s.total() == 0 ? tr("No client attempts in this period.")
                                       : tr("Every attempt in this period succeeded: nothing to show without the successes."));
        return;
    }
    auto *series = new QStackedBarSeries();
    series->setBarWidth(0.85);
    qint64 hi = 0;
    std::vector<qint64> dayTotals(static_cast<std::size_t>(s.days), 0);
    for (Outcome o : m_shown) {
        auto *set = new QBarSet(QString::fromLatin1(outcomeName(o)));
        set->setColor(outcomeColor(o));
        set->setBorderColor(Qt::transparent);
        for (int d = 0; d < s.days; ++d) {
            const qint64 n = s.count(d, o);
            set->append(static_cast<qreal>(n));
            dayTotals[static_cast<std::size_t>(d)] += n;
        }
        series->append(set);
        connect(set, &QBarSet::clicked, this, [this, o](int index) { emit segmentClicked(m_series.firstDay + index, o); });
        connect(set, &QBarSet::hovered, this, [this, o](bool on, int index) {
            if (!on) {
                QToolTip::hideText();
                return;
            }
            QToolTip::showText(QCursor::pos(),
                               tr("%1<br>%2: <b>%3</b> attempt(s)<br><i>Click to show them in the Ledgers.</i>")
                                   .arg(DisplayFormat::day(m_series.firstDay + index), QString::fromLatin1(outcomeName(o)),
                                        DisplayFormat::count(m_series.count(index, o))),
                               this);
        });
    }
    for (qint64 t : dayTotals)
        hi = std::max(hi, t);
    chart()->addSeries(series);

    QStringList days;
    for (int i = 0; i < s.days; ++i) {
        int y = 0;
        unsigned m = 0, d = 0;
        timeutil::civilFromDays(s.firstDay + i, &y, &m, &d);
        // As in the daily spend chart: every fifth day labelled, the others distinct but invisible.
        days << ((d == 1 || d % 5 == 0) ? QString::number(d) : QString(i + 1, QChar(0x200B)));
    }
    auto *axisX = new QBarCategoryAxis();
    axisX->append(days);
    QFont f = axisX->labelsFont();
    f.setPointSizeF(std::max(7.0, f.pointSizeF() - 1));
    axisX->setLabelsFont(f);
    axisX->setTruncateLabels(false);
    axisX->setTitleText(tr("Day of %1").arg(DisplayFormat::period(timeutil::dayStart(s.firstDay), timeutil::dayStart(s.firstDay + s.days))));
    chart()->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    auto *axisY = new QValueAxis();
    axisY->setRange(0, hi > 0 ? static_cast<double>(hi) * 1.1 : 1);
    axisY->setLabelFormat(QStringLiteral("%d"));
    axisY->setTitleText(tr("Attempts"));
    axisY->applyNiceNumbers();
    chart()->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    chart()->legend()->show();
    placeLegend();
    const QString who = s.apiKey.isEmpty() ? tr("all keys") : s.apiKey;
    chart()->setTitle(m_hideSuccesses ? tr("Attempts per day by outcome, without successes, %1").arg(who)
                                      : tr("Attempts per day by outcome, %1").arg(who));

    QStringList parts;
    for (Outcome o : s.presentOutcomes())
        parts << tr("%1 <b>%2</b>").arg(QString::fromLatin1(outcomeName(o)), DisplayFormat::count(s.totals[static_cast<std::size_t>(o)]));
    QString caption = tr("%1 client attempts: %2.").arg(DisplayFormat::count(s.total()), parts.join(QStringLiteral(", ")));
    if (s.outsideDays > 0)
        caption += QLatin1Char(' ') + tr("%1 attempt(s) fall on a provider day outside the period's days and are not drawn.")
                                          .arg(DisplayFormat::count(s.outsideDays));
    setCaption(caption);
    showChart();
}

} // namespace tl
