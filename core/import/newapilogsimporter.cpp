// SPDX-License-Identifier: Apache-2.0
// 3b. new-api / one-api request logs: GET /api/log/self, /api/log/token (formats.md §3b).
#include "core/import/importers.h"
#include "core/import/jsonimport.h"

#include <QSet>

#include <set>

namespace tl::importers {

namespace {

using namespace jsonimport;

ProviderRecordType recordType(std::int64_t t)
{
    switch (t) {
    case 2: return ProviderRecordType::Consume;
    case 5: return ProviderRecordType::Error;
    case 6: return ProviderRecordType::Refund;
    default: return ProviderRecordType::Other; // top-ups, management, system entries
    }
}

struct State
{
    ImportContext &ctx;
    JsonTree other;                    // the `other` JSON text of one log
    std::set<std::string> seenIds;     // overlapping pages repeat logs
    std::vector<std::int64_t> pages;   // the page numbers the server echoed
    std::int64_t total = -1;
    qint64 duplicates = 0, inexact = 0;
    StringPool::Id noKey;
};

void readLog(State &s, const JsonValue &log)
{
    ImportContext &ctx = s.ctx;
    requireObject(ctx, log, "a log entry");
    ++ctx.report.rowsRead;
    ProviderRequestRow r;
    const std::string_view id = requiredText(ctx, log["id"]);
    if (!s.seenIds.insert(std::string(id)).second) {
        // The same log on two pages (new logs shift offset-based pages while they are read).
        ++s.duplicates;
        return;
    }
    r.recordId = ctx.intern(id);
    r.requestId = intern(ctx, log["request_id"]); // newer new-api versions log it
    r.timestamp = unixSeconds(ctx, log["created_at"], true);
    const JsonValue type = log["type"];
    r.type = recordType(integer(ctx, type, -1));
    const std::string_view key = text(ctx, log["token_name"]);
    r.apiKey = key.empty() ? s.noKey : ctx.intern(key);
    r.model = intern(ctx, log["model_name"]);
    r.sourceIp = intern(ctx, log["ip"]);
    r.group = intern(ctx, log["group"]);

    // quota is in internal units (refunds and corrections may be negative): USD = quota / N.
    const JsonValue quota = log["quota"];
    if (!quota.isAbsent()) {
        if (quota.isBool())
            fail(ctx, quota, QStringLiteral("expected an integer quota, got %1").arg(quota.describe()));
        const std::int64_t q = integer(ctx, quota, 0);
        bool lost = false;
        r.cost.value = Decimal::fromInt(q).div(ctx.options.quotaPerUsd, RoundingMode::HalfEven, &lost);
        r.cost.known = true;
        if (lost)
            ++s.inexact;
    }
    r.inputTokens = tokens(ctx, log["prompt_tokens"]);
    r.outputTokens = tokens(ctx, log["completion_tokens"]);
    r.stream = flag(ctx, log["is_stream"]);

    // `other` is JSON text with the pricing factors new-api applied to this log.
    const JsonValue other = log["other"];
    if (!other.isAbsent() && !(other.isString() && other.text().find_first_not_of(" \t\r\n") == std::string_view::npos)) {
        const JsonValue o = embedded(ctx, other, s.other);
        if (o.isObject()) {
            r.upstreamModel = intern(ctx, o["upstream_model_name"]);
            r.cachedTokens = tokens(ctx, o["cache_tokens"]);
            r.rateMultiplier = decimal(ctx, o["group_ratio"], true);
        }
    }
    r.sourceFile = ctx.fileIndex;
    r.sourceLine = static_cast<std::uint32_t>(log.line());
    ctx.out.providerRequests.append(r);
    ++ctx.report.rowsAccepted;
}

void readItems(State &s, const JsonValue &items)
{
    requireArray(s.ctx, items, "the log entries");
    for (const JsonValue log : items.children())
        readLog(s, log);
}

// One saved response: {"success":true,"data":{"items":[…],"total","page","page_size"}} or
// {"success":true,"data":[…]}.
void readPage(State &s, const JsonValue &page)
{
    ImportContext &ctx = s.ctx;
    requireObject(ctx, page, "a log page ({\"success\":…, \"data\":…})");
    const JsonValue success = page["success"];
    if (success.kind() == JsonValue::Kind::False)
        fail(ctx, success, QStringLiteral("the server answered success=false (%1): this page holds no logs")
                               .arg(qtext(ctx, page["message"])));
    const JsonValue data = page["data"];
    if (data.isArray()) {
        readItems(s, data);
        return;
    }
    requireObject(ctx, data, "data, the page of logs");
    const JsonValue items = data["items"].isAbsent() ? data["data"] : data["items"];
    if (items.isMissing())
        fail(ctx, data["items"], QStringLiteral("required list of log entries is missing"));
    if (!items.isNull())
        readItems(s, items);
    if (!data["page"].isAbsent())
        s.pages.push_back(integer(ctx, data["page"], -1));
    if (!data["total"].isAbsent())
        s.total = std::max(s.total, integer(ctx, data["total"], -1));
}

bool isPage(const JsonValue &v)
{
    return v.isObject() && (!v["data"].isMissing() || !v["success"].isMissing());
}

} // namespace

void newapiLogs(ImportContext &ctx)
{
    if (ctx.options.quotaPerUsd.signum() <= 0)
        ctx.fail(0, QString(), QStringLiteral("quota_per_usd must be positive, got %1").arg(ctx.options.quotaPerUsd.toString()));
    JsonDocuments docs(ctx);
    State s{ctx, {}, {}, {}, -1, 0, 0, ctx.intern("(none)")};
    docs.forEach([&](const JsonValue &root) {
        if (root.isArray()) {
            // A JSON array of saved pages, or the log entries themselves.
            for (const JsonValue v : root.children()) {
                if (isPage(v))
                    readPage(s, v);
                else
                    readLog(s, v);
            }
        } else {
            readPage(s, root);
        }
    });

    ctx.report.notes << QStringLiteral("quota converted at %1 units per USD (assumption; record it in the evidence register)")
                            .arg(ctx.options.quotaPerUsd.toString());
    if (s.duplicates > 0) {
        ctx.report.quarantined[QStringLiteral("duplicate")] += s.duplicates;
        ctx.report.notes << QStringLiteral("%1 log(s) appear on more than one page; each is kept once").arg(s.duplicates);
    }
    if (s.inexact > 0)
        ctx.report.notes << QStringLiteral("%1 quota value(s) are not a whole multiple of 10^-18 USD at this rate: rounded half-even at the 18th digit").arg(s.inexact);
    if (!s.pages.empty()) {
        QStringList pages;
        QSet<std::int64_t> distinct;
        for (std::int64_t p : s.pages) {
            pages << QString::number(p);
            distinct.insert(p);
        }
        QString note = QStringLiteral("pages read (as the server numbered them): %1").arg(pages.join(QStringLiteral(", ")));
        if (distinct.size() != static_cast<qsizetype>(s.pages.size()))
            note += QStringLiteral("; a page number repeats");
        ctx.report.notes << note;
    }
    const qint64 unique = ctx.report.rowsRead - s.duplicates;
    if (s.total >= 0 && unique < s.total)
        ctx.report.notes << QStringLiteral("the server reported %1 log(s) in total, this file holds %2: pages may be missing")
                                .arg(s.total)
                                .arg(unique);
}

} // namespace tl::importers
