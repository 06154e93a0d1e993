// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/allocationresult.h"
#include "core/allocation/allocationsettings.h"
#include "core/model/ledgerset.h"

#include <vector>

namespace tl {

struct ReconcileResult;
class KeyDirectory;

/**
 * The alert rules of seed 000 ("Recommended alert design") and seed 004 (a leaked key), each
 * with its evidence rows and a suggested action; the thresholds are AllocationSettings (job
 * controls), examples to tune. Alerts never change the pass/warn/fail decision: they are an
 * operator's early warning, not a reconciliation finding. The rules (README.md here):
 * - volume_spike: a key's requests on a day, per ledger (client, gateway, provider), above
 *   factor × the mean of its own previous days;
 * - budget_exceeded / budget_projected_overrun: a key's or owner group's estimate (or the
 *   provider's figure) above its monthly budget, or the projected period end above it;
 * - variance_growing: provider − estimate on the settled days grew from one provider
 *   observation to the next;
 * - unknown_billing_behaviour: an HTTP status, model or response shape first seen after the
 *   first days of data, or a model with no price;
 * - ip_outside_allowlist: attempts from a source IP outside the key's allowed_ips.
 */
class AlertEngine
{
public:
    static std::vector<Alert> run(const ReconcileResult &res, const LedgerSet &set, const KeyDirectory &dir,
                                  const AllocationResult &alloc);

    static void volumeSpikes(const ReconcileResult &res, const LedgerSet &set, const KeyDirectory &dir, std::vector<Alert> &out);
    static void budgets(const ReconcileResult &res, const LedgerSet &set, const KeyDirectory &dir, const AllocationResult &alloc,
                        std::vector<Alert> &out);
    static void varianceGrowth(const ReconcileResult &res, const LedgerSet &set, std::vector<Alert> &out);
    static void unknownBehaviour(const ReconcileResult &res, const LedgerSet &set, std::vector<Alert> &out);
    static void allowedIps(const ReconcileResult &res, const LedgerSet &set, const KeyDirectory &dir, std::vector<Alert> &out);
    /** Critical first, then code, subject and day: a stable order for output. */
    static void sort(std::vector<Alert> &alerts);
};

} // namespace tl
