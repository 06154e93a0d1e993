// SPDX-License-Identifier: Apache-2.0
// 1a. ai_request_cost_observation events, one per line (formats.md §1a, seed 000).
#include "core/import/importers.h"
#include "core/import/jsonimport.h"

namespace tl::importers {

void costObservationJsonl(ImportContext &ctx)
{
    using namespace jsonimport;
    JsonDocuments docs(ctx);
    const StringPool::Id noKey = ctx.intern("(none)");
    const StringPool::Id account = ctx.options.accountRef.isEmpty() ? StringPool::None : ctx.pool.intern(ctx.options.accountRef);
    qint64 unknownCost = 0;

    forEachRecord(docs, ctx, [&](const JsonValue &e) {
        ++ctx.report.rowsRead;
        const JsonValue type = e["event_type"];
        if (type.isAbsent() || !type.isString() || type.text() != "ai_request_cost_observation")
            fail(ctx, type, QStringLiteral("expected \"ai_request_cost_observation\", got %1").arg(type.describe()));

        AttemptRow a;
        a.requestId = ctx.intern(requiredText(ctx, e["request_correlation_id"]));
        // retry_attempt counts retries (0 = first try); the ledger counts attempts from 1.
        const JsonValue retry = e["retry_attempt"];
        const std::int64_t r = integer(ctx, retry, 0);
        if (r < 0 || r >= 1000000)
            fail(ctx, retry, QStringLiteral("expected a retry count from 0 (the first try), got %1").arg(retry.describe()));
        a.attempt = static_cast<std::int32_t>(r + 1);
        a.timestamp = timestamp(ctx, e["started_at_utc"], true);
        a.endTimestamp = timestamp(ctx, e["ended_at_utc"], false);
        a.accountRef = account;
        const std::string_view key = text(ctx, e["api_key_name"]);
        a.apiKey = key.empty() ? noKey : ctx.intern(key);
        a.service = intern(ctx, e["service"]);
        a.environment = intern(ctx, e["environment"]);
        a.modelRequested = intern(ctx, e["configured_model"]);
        // The runbook's placeholder for "no id returned or not kept" is not an id.
        const std::string_view responseId = text(ctx, e["cometapi_response_id"]);
        if (!responseId.empty() && responseId != "redacted_or_null")
            a.responseId = ctx.intern(responseId);

        const JsonValue http = e["http_status"];
        if (!http.isAbsent()) {
            if (!http.isNumber())
                fail(ctx, http, QStringLiteral("expected an integer HTTP status or null, got %1").arg(http.describe()));
            const std::int64_t h = integer(ctx, http, -1);
            if (h < 100 || h > 599)
                fail(ctx, http, QStringLiteral("expected an HTTP status 100-599 or null, got %1").arg(http.describe()));
            a.httpStatus = static_cast<std::int16_t>(h);
        }
        a.clientTimeout = flag(ctx, e["client_timeout"]);
        a.streamCancelled = flag(ctx, e["stream_cancelled"]);
        a.stream = flag(ctx, e["stream"]);

        const JsonValue usage = e["usage_from_response"];
        if (!usage.isAbsent()) {
            requireObject(ctx, usage, "usage_from_response");
            a.inputTokens = tokens(ctx, usage["prompt_tokens"]);
            a.outputTokens = tokens(ctx, usage["completion_tokens"]);
            const JsonValue pd = usage["prompt_tokens_details"];
            if (!pd.isAbsent()) {
                requireObject(ctx, pd, "prompt_tokens_details");
                a.cachedTokens = tokens(ctx, pd["cached_tokens"]);
            }
            const JsonValue cd = usage["completion_tokens_details"];
            if (!cd.isAbsent()) {
                requireObject(ctx, cd, "completion_tokens_details");
                a.reasoningTokens = tokens(ctx, cd["reasoning_tokens"]);
            }
        }

        a.costCenter = intern(ctx, e["cost_center"]);
        a.sourceIp = intern(ctx, e["source_ip"]);
        a.tenant = intern(ctx, e["tenant_id_hash"]);
        const JsonValue cost = e["estimated_cost"];
        if (!cost.isAbsent()) {
            requireObject(ctx, cost, "estimated_cost");
            // The client's own estimate, often computed in floating point: noise is rounded
            // at the 18th digit and counted, as for a gateway's spend.
            a.reportedCost = decimal(ctx, cost["amount"], true);
        }
        if (!a.reportedCost.known)
            ++unknownCost;
        a.sourceFile = ctx.fileIndex;
        a.sourceLine = static_cast<std::uint32_t>(e.line());
        ctx.appendAttempt(a, e.line(), true);
        ++ctx.report.rowsAccepted;
    });
    if (unknownCost > 0 && unknownCost < ctx.report.rowsRead)
        ctx.report.notes << QStringLiteral("%1 event(s) without estimated_cost.amount: their estimate is unknown, not 0").arg(unknownCost);
}

} // namespace tl::importers
