// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/allocationengine.h"

#include "core/allocation/alertengine.h"
#include "core/allocation/budgetprojector.h"
#include "core/allocation/costallocator.h"
#include "core/allocation/keydirectory.h"
#include "core/allocation/retryanalyzer.h"
#include "core/allocation/uniteconomics.h"
#include "core/reconcile/reconcileresult.h"

namespace tl {

void AllocationEngine::run(ReconcileResult &res, const LedgerSet &set)
{
    AllocationResult &out = res.allocation;
    out = AllocationResult();
    KeyDirectory dir(res, set);
    std::vector<KeyAllocation> &keys = dir.keys();

    // Budgets per key: the owners row's monthly_budget, when it is in the period's currency.
    for (std::size_t s = 0; s < keys.size(); ++s) {
        KeyAllocation &k = keys[s];
        const OwnerRow *o = dir.owner(static_cast<int>(s));
        CostAllocator::assignShares(k, o);
        if (!o || !o->monthlyBudget.known)
            continue;
        if (!o->currency.isEmpty() && o->currency.compare(res.period.currency, Qt::CaseInsensitive) != 0) {
            k.budgetComparable = false;
            res.warnings << QStringLiteral("the budget of key %1 is in %2, not the period's %3: it is left out of budgets and alerts")
                                .arg(k.apiKeyName, o->currency, res.period.currency);
            continue;
        }
        k.projection.budget = o->monthlyBudget;
    }

    out.frame = BudgetProjector::frame(res, set);
    BudgetProjector::spendToDate(res, set, dir.lineSlot(), out.frame, keys);
    for (KeyAllocation &k : keys)
        BudgetProjector::project(k.projection, out.frame);

    out.owners = CostAllocator::allocate(keys, res.providerReported.known);
    for (OwnerAllocation &o : out.owners)
        BudgetProjector::project(o.projection, out.frame);

    out.retries = RetryAnalyzer::analyze(res, set, keys, dir.lineSlot());
    out.unitCosts = UnitEconomics::compute(res, set, keys, dir.lineSlot());
    out.keys = keys;
    out.alerts = AlertEngine::run(res, set, dir, out);
}

} // namespace tl
