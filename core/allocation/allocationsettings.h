// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/money/decimal.h"

#include <QStringList>

#include <cstdint>

namespace tl {

/**
 * The thresholds of the alert rules and the guardrail denylist (job controls, README.md in
 * this directory). Every default is an example to tune to one's own traffic, not a truth
 * (seed 000: "These are operational examples, not universal thresholds").
 */
struct AllocationSettings
{
    // Request-volume spike (per key and ledger, against its own recent days).
    Decimal spikeFactor = Decimal::fromInt(3);  ///< alert_spike_factor: a day above factor × the baseline mean
    std::int64_t spikeBaselineDays = 7;         ///< alert_spike_baseline_days: days before it that form the baseline
    std::int64_t spikeMinBaselineDays = 7;      ///< alert_spike_min_baseline_days: fewer observed days: no judgement (a week: weekday patterns)
    std::int64_t spikeMinCount = 50;            ///< alert_spike_min_count: a day with fewer requests never spikes

    // Budgets: the projected month end above this percentage of the budget warns.
    Decimal budgetProjectedPercent = Decimal::fromInt(100); ///< alert_budget_projected_percent

    // Variance growing across observations; unknown = the decision's variance thresholds.
    MaybeDecimal varianceGrowthPercent;  ///< alert_variance_growth_percent
    MaybeDecimal varianceGrowthAbsolute; ///< alert_variance_growth_absolute

    // Unknown billing behaviour: what the first days of data show is "known".
    std::int64_t noveltyBaselineDays = 7; ///< alert_novelty_baseline_days

    // Guardrails: models a gateway must refuse (model_denylist), as requested or billed names.
    QStringList modelDenylist;
};

} // namespace tl
