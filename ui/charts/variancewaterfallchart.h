// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/charts/chartpanel.h"
#include "ui/document/workspace.h"

#include <QStringList>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
QT_END_NAMESPACE

namespace tl {

/**
 * The variance as a waterfall: from the estimate through each category with an amount to the
 * provider-reported figure. The value axis is zoomed to the span of the bars (it says so) so
 * that a variance of a fraction of a percent is visible. Clicking a category's bar emits it.
 */
class VarianceWaterfallChart : public ChartPanel
{
    Q_OBJECT

public:
    explicit VarianceWaterfallChart(QWidget *parent = nullptr);

    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** The categories drawn, in bar order between the two totals. */
    const std::vector<int> &categories() const { return m_categories; }
    /** Labels are on two lines (name, then amount) when one line would not fit beside the bars. */
    bool twoLineLabels() const { return m_twoLine; }

signals:
    /** A category's bar was clicked (VarianceCategory value). */
    void categoryClicked(int category);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    /** Picks one- or two-line labels for the width there is. */
    void fitLabels();
    /** The category of bar index (-1 for the two totals). */
    int categoryAt(int index) const;
    void onBarClicked(int index);

    std::vector<int> m_categories;
    QBarCategoryAxis *m_axis = nullptr;
    QStringList m_oneLine, m_twoLines;
    int m_widestLabel = 0; ///< pixels of the widest one-line label
    bool m_twoLine = false;
};

} // namespace tl
