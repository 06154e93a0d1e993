// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/reconcileresult.h"

#include <QSet>

namespace tl {

/**
 * Decides pass, warn or fail with reasons (reconciliation.md, Decision). Every reason names
 * its code, a detail a reviewer can act on, and the rows or register entries behind it.
 */
class DecisionMaker
{
public:
    struct Input
    {
        std::vector<std::uint32_t> unknownModelLines, missingUsageLines, duplicateLines;
        QStringList unknownModels;
        QSet<StringPool::Id> usedSnapshots;
    };

    static void decide(ReconcileResult &res, const LedgerSet &set, const Input &in);
    /** |amount| is material against the thresholds (strictly above either). */
    static bool isMaterial(Decimal amount, Decimal estimatedBillable, const JobControls &controls);
};

} // namespace tl
