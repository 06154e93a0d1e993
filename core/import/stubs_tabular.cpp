// SPDX-License-Identifier: Apache-2.0
// Temporary: importers not written yet fail clearly. Each moves to its own file when written.
#include "core/import/importers.h"

namespace tl::importers {
#define TL_NOT_YET(fn, id) \
    void fn(ImportContext &ctx) { ctx.fail(0, QString(), QStringLiteral("the " id " importer is not available in this build")); }
TL_NOT_YET(requestLogCsv, "request_log_csv")
TL_NOT_YET(requestLogJsonl, "request_log_jsonl")
TL_NOT_YET(openrouterActivityCsv, "openrouter_activity_csv")
TL_NOT_YET(financeCsv, "finance_csv")
TL_NOT_YET(priceSnapshotCsv, "price_snapshot_csv")
TL_NOT_YET(modelMappingCsv, "model_mapping_csv")
TL_NOT_YET(ownersCsv, "owners_csv")
TL_NOT_YET(billingPolicyCsv, "billing_policy_csv")
TL_NOT_YET(evidenceCsv, "evidence_csv")
TL_NOT_YET(evidenceJson, "evidence_json")
TL_NOT_YET(businessUnitsCsv, "business_units_csv")
} // namespace tl::importers
