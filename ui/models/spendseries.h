// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/money/decimal.h"
#include "core/model/providertables.h"

#include <QString>

#include <vector>

namespace tl {

struct Workspace;

/**
 * One key's (or all keys') spend per day of the period, estimated vs provider-reported, from
 * the result's per key and day counts; with the owners' monthly budget and a straight-line
 * projection of the estimate to the period end. The budget page's charts draw it.
 */
struct SpendSeries
{
    QString apiKey;                     ///< empty: all keys
    DayNumber firstDay = 0;
    int days = 0;                       ///< days in the period
    int elapsedDays = 0;                ///< days up to the as-of day (≤ days)
    std::vector<Decimal> estimated;     ///< per day
    std::vector<MaybeDecimal> provider; ///< per day; unknown when the provider said nothing
    Decimal estimatedTotal;
    MaybeDecimal providerTotal;
    MaybeDecimal budget;                ///< monthly budget of the owners' rows
    Decimal projected;                  ///< estimate projected to the period end (straight line)
    QString ownerGroup, costCenter;

    static SpendSeries build(const Workspace &ws, const QString &apiKey);
};

} // namespace tl
