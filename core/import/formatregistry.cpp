// SPDX-License-Identifier: Apache-2.0
#include "core/import/formatregistry.h"

#include "core/import/csvreader.h"
#include "core/import/importers.h"

#include <algorithm>

namespace tl {

const std::vector<FormatInfo> &FormatRegistry::all()
{
    using K = LedgerKind;
    static const std::vector<FormatInfo> formats = {
        {QStringLiteral("cost_observation_jsonl"), QStringLiteral("1a"), QStringLiteral("ai_request_cost_observation events (JSON Lines)"), {K::Client, K::Gateway}, &importers::costObservationJsonl},
        {QStringLiteral("request_log_csv"), QStringLiteral("1b"), QStringLiteral("flat request log, one row per attempt (CSV)"), {K::Client, K::Gateway}, &importers::requestLogCsv},
        {QStringLiteral("request_log_jsonl"), QStringLiteral("1b"), QStringLiteral("flat request log, one row per attempt (JSON Lines)"), {K::Client, K::Gateway}, &importers::requestLogJsonl},
        {QStringLiteral("reconciliation_job_json"), QStringLiteral("1c"), QStringLiteral("seed-001 reconciliation job with inline usage_rows"), {K::Client}, &importers::reconciliationJobJson},
        {QStringLiteral("litellm_spend_logs"), QStringLiteral("2"), QStringLiteral("LiteLLM proxy LiteLLM_SpendLogs rows (JSON, JSON Lines or CSV; needs assume_tz)"), {K::Gateway, K::Client}, &importers::litellmSpendLogs},
        {QStringLiteral("cometapi_quota"), QStringLiteral("3a"), QStringLiteral("CometAPI usage query service /user/quota (JSON)"), {K::Provider}, &importers::cometapiQuota},
        {QStringLiteral("newapi_logs"), QStringLiteral("3b"), QStringLiteral("new-api / one-api request logs /api/log/self, /api/log/token (JSON)"), {K::Provider}, &importers::newapiLogs},
        {QStringLiteral("openai_usage"), QStringLiteral("3c"), QStringLiteral("OpenAI organization usage/completions pages (JSON)"), {K::Provider}, &importers::openaiUsage},
        {QStringLiteral("openai_costs"), QStringLiteral("3c"), QStringLiteral("OpenAI organization costs pages (JSON)"), {K::Provider}, &importers::openaiCosts},
        {QStringLiteral("openrouter_activity_csv"), QStringLiteral("3d"), QStringLiteral("OpenRouter activity export (CSV)"), {K::Provider}, &importers::openrouterActivityCsv},
        {QStringLiteral("finance_csv"), QStringLiteral("4"), QStringLiteral("invoice, statement, credits and tax lines (CSV)"), {K::Finance}, &importers::financeCsv},
        {QStringLiteral("price_snapshot_csv"), QStringLiteral("5"), QStringLiteral("dated price snapshot (CSV)"), {K::Prices}, &importers::priceSnapshotCsv},
        {QStringLiteral("litellm_prices_json"), QStringLiteral("5"), QStringLiteral("LiteLLM model_prices_and_context_window.json as a snapshot"), {K::Prices}, &importers::litellmPricesJson},
        {QStringLiteral("model_mapping_csv"), QStringLiteral("6"), QStringLiteral("model mapping: requested -> billable model (CSV)"), {K::Mapping}, &importers::modelMappingCsv},
        {QStringLiteral("owners_csv"), QStringLiteral("7"), QStringLiteral("key owners, allocation rules and budgets (CSV)"), {K::Owners}, &importers::ownersCsv},
        {QStringLiteral("billing_policy_csv"), QStringLiteral("8"), QStringLiteral("billing treatment per outcome class (CSV)"), {K::Policy}, &importers::billingPolicyCsv},
        {QStringLiteral("evidence_csv"), QStringLiteral("9"), QStringLiteral("evidence register (CSV)"), {K::Evidence}, &importers::evidenceCsv},
        {QStringLiteral("evidence_json"), QStringLiteral("9"), QStringLiteral("evidence register (JSON array)"), {K::Evidence}, &importers::evidenceJson},
        {QStringLiteral("business_units_csv"), QStringLiteral("10"), QStringLiteral("business unit counts per day (CSV)"), {K::Units}, &importers::businessUnitsCsv},
    };
    return formats;
}

const FormatInfo *FormatRegistry::find(const QString &id)
{
    for (const FormatInfo &f : all())
        if (f.id == id)
            return &f;
    return nullptr;
}

namespace {

bool has(const QByteArray &head, const char *needle)
{
    return head.contains(needle);
}

QString csvFormatFromHeader(const QByteArray &head)
{
    try {
        CsvReader r(head, QString());
        CsvHeader h(r);
        auto c = [&h](const char *n) { return h.index(n) >= 0; };
        if (c("request_id") && c("attempt"))
            return QStringLiteral("request_log_csv");
        if (c("document_id") && c("line_type"))
            return QStringLiteral("finance_csv");
        if (c("snapshot_id") && c("billable_model") && c("unit_basis"))
            return QStringLiteral("price_snapshot_csv");
        if (c("requested_model") && c("billable_model"))
            return QStringLiteral("model_mapping_csv");
        if (c("api_key_name") && c("owner_group"))
            return QStringLiteral("owners_csv");
        if (c("outcome") && c("treatment"))
            return QStringLiteral("billing_policy_csv");
        if (c("evidence_id") && c("assumption"))
            return QStringLiteral("evidence_csv");
        if (c("unit_name") && c("count"))
            return QStringLiteral("business_units_csv");
        if (c("generation_id"))
            return QStringLiteral("openrouter_activity_csv");
        if (c("spend") && c("starttime"))
            return QStringLiteral("litellm_spend_logs");
    } catch (...) {
    }
    return QString();
}

} // namespace

const FormatInfo *FormatRegistry::detect(const QByteArray &data, const QString &fileName, LedgerKind kind)
{
    const QByteArray head = data.left(65536);
    QString id;
    qsizetype i = 0;
    if (head.startsWith("\xEF\xBB\xBF"))
        i = 3;
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i])))
        ++i;
    const bool json = i < head.size() && (head[i] == '{' || head[i] == '[');
    if (json) {
        if (has(head, "ai_request_cost_observation"))
            id = QStringLiteral("cost_observation_jsonl");
        else if (has(head, "\"reconciliation_period\""))
            id = QStringLiteral("reconciliation_job_json");
        else if (has(head, "\"total_used_quota\"") || has(head, "\"daily_quota\""))
            id = QStringLiteral("cometapi_quota");
        else if (has(head, "\"num_model_requests\"") || has(head, "organization.usage"))
            id = QStringLiteral("openai_usage");
        else if (has(head, "\"line_item\"") || has(head, "organization.costs"))
            id = QStringLiteral("openai_costs");
        else if (has(head, "\"model_name\"") && has(head, "\"quota\""))
            id = QStringLiteral("newapi_logs");
        else if (has(head, "\"input_cost_per_token\"") || has(head, "\"litellm_provider\""))
            id = QStringLiteral("litellm_prices_json");
        else if (has(head, "\"call_type\"") || (has(head, "\"spend\"") && has(head, "\"startTime\"")))
            id = QStringLiteral("litellm_spend_logs");
        else if (has(head, "\"evidence_id\""))
            id = QStringLiteral("evidence_json");
        else if (has(head, "\"request_id\"") && has(head, "\"attempt\""))
            id = QStringLiteral("request_log_jsonl");
    } else {
        id = csvFormatFromHeader(head);
    }
    Q_UNUSED(fileName);
    const FormatInfo *f = id.isEmpty() ? nullptr : find(id);
    if (f && !f->kinds.contains(kind))
        return f; // let the caller report the kind mismatch with the format named
    return f;
}

} // namespace tl
