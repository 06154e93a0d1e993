// SPDX-License-Identifier: Apache-2.0
// Temporary: importers not written yet fail clearly. Each moves to its own file when written.
#include "core/import/importers.h"

namespace tl::importers {
#define TL_NOT_YET(fn, id) \
    void fn(ImportContext &ctx) { ctx.fail(0, QString(), QStringLiteral("the " id " importer is not available in this build")); }
TL_NOT_YET(costObservationJsonl, "cost_observation_jsonl")
TL_NOT_YET(reconciliationJobJson, "reconciliation_job_json")
TL_NOT_YET(litellmSpendLogs, "litellm_spend_logs")
TL_NOT_YET(cometapiQuota, "cometapi_quota")
TL_NOT_YET(newapiLogs, "newapi_logs")
TL_NOT_YET(openaiUsage, "openai_usage")
TL_NOT_YET(openaiCosts, "openai_costs")
TL_NOT_YET(litellmPricesJson, "litellm_prices_json")
} // namespace tl::importers
