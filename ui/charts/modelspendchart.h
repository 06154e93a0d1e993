// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/charts/chartpanel.h"
#include "ui/document/workspace.h"

#include <memory>

namespace tl {

/** Estimated spend by billable model, largest first, as horizontal bars. */
class ModelSpendChart : public ChartPanel
{
    Q_OBJECT

public:
    explicit ModelSpendChart(QWidget *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
};

} // namespace tl
