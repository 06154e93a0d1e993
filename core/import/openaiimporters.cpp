// SPDX-License-Identifier: Apache-2.0
// 3c. OpenAI organization Usage (/v1/organization/usage/completions) and Costs
// (/v1/organization/costs) pages (formats.md §3c).
#include "core/import/importers.h"
#include "core/import/jsonimport.h"
#include "core/util/timeutil.h"

namespace tl::importers {

namespace {

using namespace jsonimport;

enum class Kind { Usage, Costs };

// "project:<id>": the costs endpoint groups by project, never by key, so a project id must not
// be mistaken for a key name when both meet in one per-key comparison.
StringPool::Id projectKey(ImportContext &ctx, const JsonValue &project)
{
    const std::string_view p = text(ctx, project);
    if (p.empty())
        return StringPool::None;
    std::string k("project:");
    k.append(p);
    return ctx.intern(k);
}

void readResult(ImportContext &ctx, Kind kind, DayNumber day, const JsonValue &res, qint64 *noCurrency)
{
    requireObject(ctx, res, "a bucket result");
    ++ctx.report.rowsRead;
    const auto line = static_cast<std::uint32_t>(res.line());
    if (kind == Kind::Usage) {
        const std::string_view keyId = text(ctx, res["api_key_id"]);
        const StringPool::Id key = keyId.empty() ? projectKey(ctx, res["project_id"]) : ctx.intern(keyId);
        const std::int64_t requests = tokens(ctx, res["num_model_requests"]);
        const std::int64_t input = tokens(ctx, res["input_tokens"]);
        const std::int64_t output = tokens(ctx, res["output_tokens"]);
        const std::int64_t cached = tokens(ctx, res["input_cached_tokens"]);
        ctx.out.providerDaily.append(0, day, key, intern(ctx, res["model"]), MaybeDecimal{}, requests, input, output, cached, line);
    } else {
        const JsonValue amount = res["amount"];
        requireObject(ctx, amount, "amount {value, currency}");
        // OpenAI serializes amounts from floating point: noise past the 18th digit is rounded
        // and counted, never a reason to refuse the page.
        MaybeDecimal value = decimal(ctx, amount["value"], true);
        if (!value.known)
            fail(ctx, amount["value"], QStringLiteral("required amount is %1").arg(amount["value"].describe()));
        const QString currency = qtext(ctx, amount["currency"]);
        if (!currency.isEmpty() && currency.compare(ctx.options.currency, Qt::CaseInsensitive) != 0) {
            fail(ctx, amount["currency"], QStringLiteral("amount in %1, but the import's currency is %2; convert it first "
                                                         "(amounts in different currencies are never added)")
                                              .arg(currency, ctx.options.currency));
        }
        if (currency.isEmpty())
            ++*noCurrency;
        ctx.out.providerDaily.append(0, day, projectKey(ctx, res["project_id"]), intern(ctx, res["line_item"]), value, kUnknown,
                                     kUnknown, kUnknown, kUnknown, line);
    }
    ++ctx.report.rowsAccepted;
}

void readPages(ImportContext &ctx, Kind kind)
{
    JsonDocuments docs(ctx);
    qint64 pages = 0, noCurrency = 0;
    bool lastHasMore = false;
    auto page = [&](const JsonValue &p) {
        requireObject(ctx, p, "a page {\"object\":\"page\",\"data\":[…]}");
        const JsonValue object = p["object"];
        if (!object.isAbsent() && text(ctx, object) != "page")
            fail(ctx, object, QStringLiteral("expected \"page\", got %1").arg(object.describe()));
        const JsonValue data = p["data"];
        requireArray(ctx, data, "data, the list of buckets");
        for (const JsonValue bucket : data.children()) {
            requireObject(ctx, bucket, "a bucket");
            const UtcMicros start = unixSeconds(ctx, bucket["start_time"], true);
            // Buckets start at UTC midnights (bucket_width 1d); a day zone given to the import
            // re-labels them, which the reconciliation reports as a window mismatch.
            const DayNumber day = timeutil::dayInZone(start, ctx.dayTz());
            JsonValue results = bucket["results"];
            if (results.isMissing())
                results = bucket["result"];
            if (results.isAbsent())
                fail(ctx, bucket["results"], QStringLiteral("required list of results is missing"));
            requireArray(ctx, results, "the bucket's results");
            for (const JsonValue res : results.children())
                readResult(ctx, kind, day, res, &noCurrency);
        }
        lastHasMore = flag(ctx, p["has_more"]) == 1;
        ++pages;
    };
    docs.forEach([&](const JsonValue &root) {
        if (root.isArray()) {
            for (const JsonValue p : root.children())
                page(p);
        } else {
            page(root);
        }
    });

    ProviderObservation obs;
    obs.sourceFile = ctx.fileIndex;
    obs.observedAt = ctx.options.observedAt;
    obs.dayTz = ctx.options.dayTz;
    obs.hasDaily = true;
    ctx.out.observations.push_back(std::move(obs));

    ctx.report.notes << QStringLiteral("%1 page(s) read").arg(pages);
    if (lastHasMore)
        ctx.report.notes << QStringLiteral("the last page says has_more: later pages are not in this file, so it may be incomplete");
    if (noCurrency > 0)
        ctx.report.notes << QStringLiteral("%1 amount(s) without a currency, taken as %2").arg(noCurrency).arg(ctx.options.currency);
    if (ctx.options.observedAt == kNoTime)
        ctx.report.notes << QStringLiteral("observed_at not given: the time of this observation is unknown");
}

} // namespace

void openaiUsage(ImportContext &ctx)
{
    readPages(ctx, Kind::Usage);
}

void openaiCosts(ImportContext &ctx)
{
    readPages(ctx, Kind::Costs);
}

} // namespace tl::importers
