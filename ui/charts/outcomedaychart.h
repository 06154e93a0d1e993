// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/charts/chartpanel.h"
#include "ui/charts/outcomedayseries.h"

QT_BEGIN_NAMESPACE
class QBarSet;
class QCheckBox;
QT_END_NAMESPACE

namespace tl {

/**
 * Client attempts per day, stacked by outcome class. Successes usually dwarf the failures, so a
 * check box leaves them out and the axis fits what went wrong. Clicking a segment asks for the
 * rows behind it (that day and outcome).
 */
class OutcomeDayChart : public ChartPanel
{
    Q_OBJECT

public:
    explicit OutcomeDayChart(QWidget *parent = nullptr);
    void setSeries(const OutcomeDaySeries *series);
    const OutcomeDaySeries &series() const { return m_series; }
    /** Leaves out success and success_stream (the axis then fits the failures). */
    void setSuccessesHidden(bool hidden);
    bool successesHidden() const { return m_hideSuccesses; }
    QCheckBox *hideSuccessesBox() const { return m_hideBox; }
    /** The outcome drawn by each bar set, in the series' order. */
    std::vector<Outcome> shownOutcomes() const { return m_shown; }
    /** The colour of an outcome class in this chart. */
    static QColor outcomeColor(Outcome o);

signals:
    /** A segment was clicked: its day (DayNumber) and outcome. */
    void segmentClicked(int day, tl::Outcome outcome);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    /** Ten outcome names fit under a wide chart; beside a narrow one, so that none is cut. */
    void placeLegend();

    OutcomeDaySeries m_series;
    bool m_hasSeries = false;
    bool m_hideSuccesses = false;
    QCheckBox *m_hideBox;
    std::vector<Outcome> m_shown;
};

} // namespace tl
