// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importcontext.h"

/**
 * The importer functions, one per format id (formats.md). Each parses ctx.bytes (already
 * redacted of secrets), fills ctx.out and ctx.report (rowsRead, rowsAccepted, notes), and
 * throws ImportError on the first malformed value or missing required column. Each lives in
 * its own file under core/import/.
 */
namespace tl::importers {

void requestLogCsv(ImportContext &ctx);          // 1b  request_log_csv
void requestLogJsonl(ImportContext &ctx);        // 1b  request_log_jsonl
void costObservationJsonl(ImportContext &ctx);   // 1a  cost_observation_jsonl
void reconciliationJobJson(ImportContext &ctx);  // 1c  reconciliation_job_json (usage_rows -> client)
void litellmSpendLogs(ImportContext &ctx);       // 2   litellm_spend_logs (JSON, JSONL or CSV)
void cometapiQuota(ImportContext &ctx);          // 3a  cometapi_quota
void newapiLogs(ImportContext &ctx);             // 3b  newapi_logs
void openaiUsage(ImportContext &ctx);            // 3c  openai_usage
void openaiCosts(ImportContext &ctx);            // 3c  openai_costs
void openrouterActivityCsv(ImportContext &ctx);  // 3d  openrouter_activity_csv
void financeCsv(ImportContext &ctx);             // 4   finance_csv
void priceSnapshotCsv(ImportContext &ctx);       // 5   price_snapshot_csv
void litellmPricesJson(ImportContext &ctx);      // 5   litellm_prices_json
void modelMappingCsv(ImportContext &ctx);        // 6   model_mapping_csv
void ownersCsv(ImportContext &ctx);              // 7   owners_csv
void billingPolicyCsv(ImportContext &ctx);       // 8   billing_policy_csv
void evidenceCsv(ImportContext &ctx);            // 9   evidence_csv
void evidenceJson(ImportContext &ctx);           // 9   evidence_json
void businessUnitsCsv(ImportContext &ctx);       // 10  business_units_csv

} // namespace tl::importers
