// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/util/jsonwriter.h"

namespace tl {

struct ReconcileResult;

/**
 * Writes the allocation into summary.json (README.md in this directory): `by_owner`,
 * `budgets`, `budget_projection`, `retry_amplification`, `unit_costs`, `alerts` and
 * `alert_settings`, as keys of the summary object being written. Decimals are exact strings,
 * a value not available is null, arrays are in the result's stable order.
 */
class AllocationJson
{
public:
    static void write(JsonWriter &w, const ReconcileResult &r, const LedgerSet &set);
    /** Evidence rows listed per alert in summary.json (the full count is in `rows`). */
    static constexpr std::size_t kSummaryEvidence = 20;
};

} // namespace tl
