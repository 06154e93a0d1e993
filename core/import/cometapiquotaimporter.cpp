// SPDX-License-Identifier: Apache-2.0
// 3a. CometAPI usage query service: GET /user/quota?key=…[&start_date=&end_date=] (formats.md §3a).
#include "core/import/importers.h"
#include "core/import/jsonimport.h"
#include "core/util/timeutil.h"

namespace tl::importers {

namespace {

// The service writes these sentinels instead of amounts for keys without a limit.
bool isUnlimitedRemain(const MaybeDecimal &d)
{
    return d.known && (d.value == Decimal::fromInt(-1) || d.value == Decimal::fromInt(999999999));
}

bool isUnlimitedUsed(const MaybeDecimal &d)
{
    return d.known && d.value == Decimal::fromInt(-1);
}

} // namespace

void cometapiQuota(ImportContext &ctx)
{
    using namespace jsonimport;
    JsonDocuments docs(ctx);
    if (docs.isEmpty())
        ctx.fail(0, QString(), QStringLiteral("the file is empty; expected the JSON object of /user/quota"));
    if (docs.isLines())
        ctx.fail(0, QString(), QStringLiteral("expected one /user/quota response per file (keep each snapshot in its own file with its observed_at)"));

    docs.forEach([&](const JsonValue &doc) {
        requireObject(ctx, doc, "the /user/quota response");
        JsonValue root = doc;
        // Some clients save the response inside an envelope {"success":…, "data":{…}}.
        if (doc["total_quota"].isMissing() && doc["daily_quota"].isMissing() && doc["data"].isObject())
            root = doc["data"];

        ProviderObservation obs;
        obs.sourceFile = ctx.fileIndex;
        obs.observedAt = ctx.options.observedAt;
        obs.dayTz = ctx.options.dayTz;
        obs.username = qtext(ctx, root["username"]);
        obs.totalQuota = decimal(ctx, root["total_quota"]);
        obs.totalUsedQuota = decimal(ctx, root["total_used_quota"]);
        obs.requestCount = tokens(ctx, root["request_count"]);

        const JsonValue keys = root["keys"];
        if (!keys.isAbsent()) {
            requireArray(ctx, keys, "the list of keys");
            for (const JsonValue k : keys.children()) {
                requireObject(ctx, k, "a key");
                ProviderObservation::Key key;
                key.name = ImportContext::qstr(requiredText(ctx, k["name"]));
                key.remainQuota = decimal(ctx, k["remain_quota"]);
                key.usedQuota = decimal(ctx, k["used_quota"]);
                // A sentinel is not an amount: keep the flag and leave the amount unknown, so
                // that no sum ever adds -1 or 999999999 dollars.
                if (isUnlimitedRemain(key.remainQuota)) {
                    key.unlimitedRemain = true;
                    key.remainQuota = {};
                }
                if (isUnlimitedUsed(key.usedQuota)) {
                    key.unlimitedUsed = true;
                    key.usedQuota = {};
                }
                obs.keys.push_back(std::move(key));
            }
        }

        // daily_quota: {"YYYY-MM-DD": [{token_name, quota_used, request_count}, …]}. Present
        // (even empty) means the window was queried; absent or null means it was not.
        const JsonValue daily = root["daily_quota"];
        obs.hasDaily = !daily.isAbsent();
        qint64 rows = 0;
        if (obs.hasDaily) {
            // An empty map serialized as [] by some JSON writers is still an empty map.
            if (!(daily.isArray() && daily.size() == 0))
                requireObject(ctx, daily, "daily_quota, a map from date to entries");
            for (const JsonValue dayEntries : daily.children()) {
                QDate date;
                const std::string_view key = dayEntries.key();
                if (key.size() != 10 || !timeutil::parseDate(key, &date))
                    fail(ctx, dayEntries, QStringLiteral("expected a date YYYY-MM-DD as the key, got \"%1\"").arg(ImportContext::qstr(key)));
                const DayNumber day = timeutil::dayFromDate(date);
                if (dayEntries.isNull())
                    continue; // a date with nothing recorded
                requireArray(ctx, dayEntries, "the entries of one day");
                for (const JsonValue e : dayEntries.children()) {
                    requireObject(ctx, e, "a daily entry");
                    const StringPool::Id apiKey = ctx.intern(requiredText(ctx, e["token_name"]));
                    MaybeDecimal amount;
                    amount.value = requiredDecimal(ctx, e["quota_used"]);
                    amount.known = true;
                    const std::int64_t requests = tokens(ctx, e["request_count"]);
                    ctx.out.providerDaily.append(0, day, apiKey, StringPool::None, amount, requests, kUnknown, kUnknown,
                                                 kUnknown, static_cast<std::uint32_t>(e.line()));
                    ++rows;
                }
            }
        } else {
            ctx.report.notes << QStringLiteral("no daily_quota in this snapshot (the query had no start_date/end_date): "
                                               "it carries lifetime totals only, not the period's usage");
        }
        if (obs.observedAt == kNoTime)
            ctx.report.notes << QStringLiteral("observed_at not given: the time of this snapshot is unknown, so posting "
                                               "delay cannot be judged against it");
        ctx.out.observations.push_back(std::move(obs));
        ctx.report.rowsRead += rows;
        ctx.report.rowsAccepted += rows;
    });
}

} // namespace tl::importers
