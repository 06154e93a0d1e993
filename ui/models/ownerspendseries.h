// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/spendseries.h"

namespace tl {

struct OwnerAllocation;
struct Workspace;

/**
 * An owner group's spend per day as the charts draw it (SpendSeries): the estimate and the
 * provider's figure of its keys per day, a shared key's day split by its weights exactly as the
 * core splits its totals (ShareSplitter), with the group's budget, and the elapsed days and
 * projection of the core's projection frame (as of the newest data, never the clock).
 */
class OwnerSpendSeries
{
public:
    static SpendSeries build(const Workspace &ws, const OwnerAllocation &owner);
    /** All owner groups together: every key, with the budgets and projection summed over the groups. */
    static SpendSeries buildAll(const Workspace &ws);
};

} // namespace tl
