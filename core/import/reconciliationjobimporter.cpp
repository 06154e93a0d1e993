// SPDX-License-Identifier: Apache-2.0
// 1c. The seed-001 reconciliation job with inline usage_rows and pricing_snapshot (formats.md §1c).
#include "core/import/importers.h"
#include "core/import/jsonimport.h"
#include "core/model/outcome.h"

namespace tl::importers {

namespace {

using namespace jsonimport;

// unit_divisor: 1, 1000 or 1000000 (as a number or a string, "1e3" too). The seed writes
// "VERIFY" until someone checks the pricing page: that must stop the import, not become 1.
std::int64_t unitDivisor(const ImportContext &ctx, const JsonValue &v)
{
    if (v.isString()) {
        const std::string_view t = v.text();
        if (t == "per_token")
            return 1;
        if (t == "per_1k")
            return 1000;
        if (t == "per_1m")
            return 1000000;
    }
    Decimal d;
    const std::string_view t = v.isNumber() || v.isString() ? v.text() : std::string_view();
    if (!t.empty() && Decimal::parse(t, &d).ok) {
        if (d == Decimal::fromInt(1))
            return 1;
        if (d == Decimal::fromInt(1000))
            return 1000;
        if (d == Decimal::fromInt(1000000))
            return 1000000;
    }
    fail(ctx, v, QStringLiteral("expected a unit divisor of 1, 1000 or 1000000, got %1").arg(v.describe()));
}

void readPrices(ImportContext &ctx, const JsonValue &snap, const QString &currency)
{
    requireObject(ctx, snap, "pricing_snapshot");
    const JsonValue prices = snap["prices"];
    if (prices.isAbsent())
        return;
    requireArray(ctx, prices, "pricing_snapshot.prices");
    const QString snapshotId = snap["snapshot_id"].isAbsent() ? QStringLiteral("job-inline") : ImportContext::qstr(requiredText(ctx, snap["snapshot_id"]));
    const QString sourceUrl = qtext(ctx, snap["source_url"]);
    const QString accessedAt = qtext(ctx, snap["accessed_at"]);
    const QString capturedBy = qtext(ctx, snap["captured_by"]);
    const QString snapKind = qtext(ctx, snap["price_kind"]);
    for (const JsonValue p : prices.children()) {
        requireObject(ctx, p, "a price entry");
        PriceRow row;
        row.snapshotId = snapshotId;
        row.sourceUrl = sourceUrl;
        row.accessedAt = accessedAt;
        row.capturedBy = capturedBy;
        row.priceKind = p["price_kind"].isAbsent() ? snapKind : qtext(ctx, p["price_kind"]);
        row.currency = p["currency"].isAbsent() ? currency : qtext(ctx, p["currency"]);
        row.billableModel = ImportContext::qstr(requiredText(ctx, p["billable_model"]));
        const std::string_view category = text(ctx, p["billing_category"]);
        if (category.empty() || category == "token") {
            row.category = BillingCategory::Token;
        } else if (category == "per_call") {
            row.category = BillingCategory::PerCall;
        } else {
            fail(ctx, p["billing_category"], QStringLiteral("expected token or per_call, got %1").arg(p["billing_category"].describe()));
        }
        // The entry's own divisor, else the snapshot's; the seed's snapshot-level unit_basis
        // ("VERIFY_FROM_SOURCE") is only used when it names a unit.
        JsonValue unit = p["unit_divisor"];
        if (unit.isAbsent() && !snap["unit_divisor"].isAbsent())
            unit = snap["unit_divisor"];
        if (unit.isAbsent() && !p["unit_basis"].isAbsent())
            unit = p["unit_basis"];
        if (unit.isAbsent() && !snap["unit_basis"].isAbsent())
            unit = snap["unit_basis"];
        if (unit.isAbsent())
            fail(ctx, p["unit_divisor"], QStringLiteral("required unit divisor (1, 1000 or 1000000) is missing"));
        row.unit = unitDivisor(ctx, unit);
        row.inputPrice = decimal(ctx, p["input_price"]);
        row.outputPrice = decimal(ctx, p["output_price"]);
        row.cachedInputPrice = decimal(ctx, p["cached_input_price"]);
        row.cacheWritePrice = decimal(ctx, p["cache_write_price"]);
        row.reasoningPrice = decimal(ctx, p["reasoning_price"]);
        row.perCallPrice = decimal(ctx, p["per_call_price"]);
        row.upstreamRatio = decimal(ctx, p["upstream_ratio"]);
        row.minimumCharge = decimal(ctx, p["minimum_charge"]);
        row.tierMinInputTokens = tokens(ctx, p["tier_min_input_tokens"]);
        row.validFrom = timestamp(ctx, p["valid_from"], false);
        row.validTo = timestamp(ctx, p["valid_to"], false);
        // No evidence entry: the engine then reports the snapshot as unverified pricing.
        row.evidenceId.clear();
        row.notes = qtext(ctx, p["notes"]);
        row.sourceFile = ctx.fileIndex;
        row.sourceLine = static_cast<std::uint32_t>(p.line());
        if (row.category == BillingCategory::Token && !row.inputPrice.known)
            fail(ctx, p["input_price"], QStringLiteral("a token-billed price needs input_price"));
        if (row.category == BillingCategory::PerCall && !row.perCallPrice.known)
            fail(ctx, p["per_call_price"], QStringLiteral("a per_call price needs per_call_price"));
        ctx.out.prices.push_back(std::move(row));
    }
    ctx.report.notes << QStringLiteral("pricing_snapshot: %1 price row(s) as snapshot '%2', with no evidence entry "
                                       "(the reconciliation reports unverified pricing unless the job turns "
                                       "fail_on_unverified_pricing off)")
                            .arg(ctx.out.prices.size())
                            .arg(snapshotId);
}

} // namespace

void reconciliationJobJson(ImportContext &ctx)
{
    JsonDocuments docs(ctx);
    if (docs.isEmpty())
        ctx.fail(0, QString(), QStringLiteral("the file is empty; expected a reconciliation job (a JSON object)"));
    if (docs.isLines())
        ctx.fail(0, QString(), QStringLiteral("expected one reconciliation job per file"));
    docs.forEach([&](const JsonValue &job) {
        requireObject(ctx, job, "a reconciliation job");
        const JsonValue rows = job["usage_rows"];
        if (rows.isAbsent())
            fail(ctx, rows, QStringLiteral("job has no usage_rows; a job with `inputs` is run by `reconcile`, not imported"));
        requireArray(ctx, rows, "usage_rows");

        const JsonValue period = job["reconciliation_period"];
        if (!period.isAbsent())
            requireObject(ctx, period, "reconciliation_period");
        QString accountRef = qtext(ctx, period["account_ref"]);
        if (accountRef.isEmpty())
            accountRef = ctx.options.accountRef;
        QString currency = qtext(ctx, period["currency"]);
        if (currency.isEmpty())
            currency = ctx.options.currency;

        const StringPool::Id account = accountRef.isEmpty() ? StringPool::None : ctx.pool.intern(accountRef);
        const StringPool::Id noKey = ctx.intern("(none)");
        for (const JsonValue u : rows.children()) {
            requireObject(ctx, u, "a usage row");
            ++ctx.report.rowsRead;
            AttemptRow a;
            a.requestId = ctx.intern(requiredText(ctx, u["request_id"]));
            const JsonValue attempt = u["attempt"];
            const std::int64_t n = integer(ctx, attempt, 1);
            if (n < 1 || n > 1000000)
                fail(ctx, attempt, QStringLiteral("expected an attempt number from 1 (the first try), got %1").arg(attempt.describe()));
            a.attempt = static_cast<std::int32_t>(n);
            a.timestamp = timestamp(ctx, u["timestamp_utc"], true);
            a.accountRef = account;
            // Seed-001 names first, the flat-log (1b) names as a fallback.
            const JsonValue key = u["api_key_name"];
            a.apiKey = text(ctx, key).empty() ? noKey : intern(ctx, key);
            a.service = intern(ctx, u["internal_service"].isAbsent() ? u["service"] : u["internal_service"]);
            a.environment = intern(ctx, u["environment"]);
            a.modelRequested = intern(ctx, u["requested_model"].isAbsent() ? u["model_requested"] : u["requested_model"]);
            a.modelBilled = intern(ctx, u["billable_model"].isAbsent() ? u["model_billed"] : u["billable_model"]);
            const JsonValue status = u["status"].isAbsent() ? u["outcome"] : u["status"];
            const std::string_view st = text(ctx, status);
            if (!st.empty()) {
                Outcome o;
                if (!parseOutcome(st, &o))
                    fail(ctx, status, QStringLiteral("expected a status (success, timeout, canceled, error) or an outcome class, got %1").arg(status.describe()));
                a.outcome = static_cast<std::int8_t>(o);
            }
            const JsonValue http = u["http_status"];
            if (!http.isAbsent()) {
                const std::int64_t h = integer(ctx, http, -1);
                if (h < 100 || h > 599)
                    fail(ctx, http, QStringLiteral("expected an HTTP status 100-599, got %1").arg(http.describe()));
                a.httpStatus = static_cast<std::int16_t>(h);
            }
            a.stream = flag(ctx, u["stream"]);
            a.inputTokens = tokens(ctx, u["input_tokens"]);
            a.outputTokens = tokens(ctx, u["output_tokens"]);
            a.cachedTokens = tokens(ctx, u["cached_input_tokens"]);
            a.cacheWriteTokens = tokens(ctx, u["cache_write_tokens"]);
            a.reasoningTokens = tokens(ctx, u["reasoning_tokens"]);
            a.responseId = intern(ctx, u["response_id"]);
            a.costCenter = intern(ctx, u["cost_center"]);
            a.owner = intern(ctx, u["owner"]);
            a.sourceFile = ctx.fileIndex;
            a.sourceLine = static_cast<std::uint32_t>(u.line());
            ctx.appendAttempt(a, u.line());
            ++ctx.report.rowsAccepted;
        }
        if (rows.size() == 0)
            ctx.report.notes << QStringLiteral("usage_rows is empty: the job adds no attempts");

        const JsonValue snap = job["pricing_snapshot"];
        if (!snap.isAbsent())
            readPrices(ctx, snap, currency);
    });
}

} // namespace tl::importers
