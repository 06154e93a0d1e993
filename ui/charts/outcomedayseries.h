// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/outcome.h"
#include "core/model/providertables.h"

#include <QString>

#include <array>
#include <vector>

namespace tl {

struct ReconcileResult;
class StringPool;

/**
 * Client attempts per day of the period by outcome class, for one key or all keys, read from
 * the reconciliation's per key and day cells (DayCount::clientByOutcome): the days are the
 * ones the daily spend chart uses. Attempts of a day outside the period's days (a provider
 * zone that shifts the first or last hour) are counted in `outsideDays`, not dropped silently.
 */
struct OutcomeDaySeries
{
    using Counts = std::array<qint64, OutcomeCount>;

    QString apiKey; ///< empty: all keys
    DayNumber firstDay = 0;
    int days = 0;
    std::vector<Counts> perDay; ///< [day][outcome]
    Counts totals{};
    qint64 outsideDays = 0;

    qint64 count(int day, Outcome o) const { return perDay[static_cast<std::size_t>(day)][static_cast<std::size_t>(o)]; }
    qint64 total() const;
    /** The outcome classes with at least one attempt, in the core's order. */
    std::vector<Outcome> presentOutcomes() const;

    static OutcomeDaySeries build(const ReconcileResult &result, const StringPool &pool, const QString &apiKey = QString());
};

} // namespace tl
