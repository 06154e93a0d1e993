// SPDX-License-Identifier: Apache-2.0
// 2. LiteLLM proxy spend logs (LiteLLM_SpendLogs rows) as one JSON object, a JSON array,
// JSON Lines or CSV (formats.md §2). Prompt and response text is dropped from the stored copy.
#include "core/import/csvreader.h"
#include "core/import/importers.h"
#include "core/import/jsonimport.h"
#include "core/model/outcome.h"
#include "core/util/sha256.h"

#include <map>

namespace tl::importers {

namespace {

using namespace jsonimport;

// Fields that hold message or response text (formats.md, Common rules; seed 003). Matched by
// exact name: completionStartTime or prompt_tokens are not text.
bool isTextField(std::string_view name)
{
    return name == "messages" || name == "response" || name == "proxy_server_request" || name == "prompt"
        || name == "completion";
}

// What was cut out of the stored copy: per field name a count, the bytes and the SHA-256 of
// each value as written, so an auditor holding the original can still match it.
class DropLog
{
public:
    /** Whether the next value still gets its own line in the report (building it costs). */
    bool wantsDetail() const { return m_detail.size() < kDetailed; }
    /** where: "line 26 $.messages" (only needed while wantsDetail()). */
    void add(const QString &where, std::string_view field, std::string_view value)
    {
        auto &f = m_fields[std::string(field)];
        ++f.count;
        f.bytes += static_cast<qint64>(value.size());
        const QByteArray digest = Sha256::digest(value);
        f.hashes.append(digest);
        if (wantsDetail())
            m_detail << QStringLiteral("dropped %1: %2 bytes, sha256 %3").arg(where).arg(value.size()).arg(QString::fromLatin1(digest.toHex()));
        ++m_total;
    }
    qint64 total() const { return m_total; }
    void report(ImportReport &r) const
    {
        if (m_total == 0)
            return;
        QStringList parts;
        for (const auto &[name, f] : m_fields)
            parts << QStringLiteral("%1 ×%2 (%3 bytes)").arg(QString::fromStdString(name)).arg(f.count).arg(f.bytes);
        r.notes << QStringLiteral("prompt/response text dropped from the stored copy (seed 003): %1 value(s): %2; the size "
                                  "and SHA-256 of each value as written in the file follow")
                       .arg(m_total)
                       .arg(parts.join(QStringLiteral(", ")));
        r.notes << m_detail;
        if (m_total > kDetailed) {
            // Past the detailed list, one digest per field still pins every value down.
            QStringList digests;
            for (const auto &[name, f] : m_fields)
                digests << QStringLiteral("%1 %2").arg(QString::fromStdString(name), Sha256::hex(f.hashes));
            r.notes << QStringLiteral("… and %1 more dropped value(s); SHA-256 of the concatenated per-value SHA-256 digests, "
                                      "in file order: %2")
                           .arg(m_total - kDetailed)
                           .arg(digests.join(QStringLiteral(", ")));
        }
        r.droppedTextFields += m_total;
    }

private:
    static constexpr qsizetype kDetailed = 100;
    struct Field
    {
        qint64 count = 0, bytes = 0;
        QByteArray hashes;
    };
    std::map<std::string, Field> m_fields;
    QStringList m_detail;
    qint64 m_total = 0;
};

/** One spend-log row, from JSON or CSV, as the mapping below reads it. */
class Row
{
public:
    virtual ~Row() = default;
    /** Scalar text of a column or field; empty when absent or null. */
    virtual std::string_view get(const char *name) const = 0;
    virtual qint64 line() const = 0;
    /** Line where a field's value starts (a JSON row may span lines). */
    virtual qint64 lineOf(const char *name) const { Q_UNUSED(name); return line(); }
    /** How messages name the field: a JSON path or a CSV column. */
    virtual QString label(const char *name) const = 0;
    /** The metadata JSON (absent: an invalid JsonValue). */
    virtual JsonValue metadata(JsonTree &tree) const = 0;
};

class JsonRow : public Row
{
public:
    JsonRow(const ImportContext &ctx, const JsonValue &v) : m_ctx(ctx), m_v(v) {}
    std::string_view get(const char *name) const override { return text(m_ctx, m_v[name]); }
    qint64 line() const override { return m_v.line(); }
    qint64 lineOf(const char *name) const override
    {
        const JsonValue f = m_v[name];
        return f.exists() ? f.line() : m_v.line();
    }
    QString label(const char *name) const override { return m_v[name].path(); }
    JsonValue metadata(JsonTree &tree) const override
    {
        const JsonValue m = m_v["metadata"];
        if (m.isAbsent() || (m.isString() && m.text().find_first_not_of(" \t\r\n") == std::string_view::npos))
            return {};
        return embedded(m_ctx, m, tree);
    }

private:
    const ImportContext &m_ctx;
    JsonValue m_v;
};

class CsvRow : public Row
{
public:
    CsvRow(const ImportContext &ctx, const CsvReader &r, const CsvHeader &h) : m_ctx(ctx), m_r(r), m_h(h) {}
    std::string_view get(const char *name) const override
    {
        const std::string_view v = m_r.field(m_h.index(name));
        return ImportContext::isNull(v) ? std::string_view() : v;
    }
    qint64 line() const override { return m_r.line(); }
    QString label(const char *name) const override { return QLatin1String(name); }
    JsonValue metadata(JsonTree &tree) const override
    {
        const std::string_view m = get("metadata");
        if (m.find_first_not_of(" \t\r\n") == std::string_view::npos)
            return {};
        JsonTree::Error err;
        if (!tree.parseText(m, line(), QStringLiteral("metadata(json)"), &err))
            m_ctx.fail(line(), QStringLiteral("metadata"), QStringLiteral("the metadata column does not hold valid JSON: %1").arg(err.message));
        return tree.root();
    }

private:
    const ImportContext &m_ctx;
    const CsvReader &m_r;
    const CsvHeader &m_h;
};

// Runs an ImportContext reader on one field and re-throws its message naming that field.
template <class F>
auto field(const Row &row, const char *name, F &&f) -> decltype(f(std::string_view()))
{
    try {
        return f(row.get(name));
    } catch (const ImportError &e) {
        throw ImportError(e.file(), row.lineOf(name), row.label(name), e.message());
    }
}

struct Mapper
{
    ImportContext &ctx;
    JsonTree meta;
    StringPool::Id noKey = 0, account = 0;
    qint64 noStatus = 0, failures = 0;

    void map(const Row &row)
    {
        ++ctx.report.rowsRead;
        AttemptRow a;
        const std::string_view id = row.get("request_id");
        if (id.empty())
            ctx.fail(row.lineOf("request_id"), row.label("request_id"), QStringLiteral("required field is missing or empty"));
        a.requestId = ctx.intern(id);
        a.attempt = 1; // the proxy logs each call it forwarded; its own retries are separate rows
        // startTime/endTime carry no zone: ctx.timestamp() needs assume_tz and names the field.
        a.timestamp = field(row, "startTime", [&](std::string_view t) { return ctx.timestamp(t, 0, "", true); });
        a.endTimestamp = field(row, "endTime", [&](std::string_view t) { return ctx.timestamp(t, 0, "", false); });
        a.accountRef = account;

        const JsonValue md = row.metadata(meta);
        const std::string_view alias = md.isObject() ? text(ctx, md["user_api_key_alias"]) : std::string_view();
        const std::string_view hashedKey = row.get("api_key");
        a.apiKey = !alias.empty() ? ctx.intern(alias) : (!hashedKey.empty() ? ctx.intern(hashedKey) : noKey);
        const std::string_view model = row.get("model");
        const std::string_view group = row.get("model_group");
        a.modelRequested = ctx.intern(group.empty() ? model : group);
        a.modelBilled = ctx.intern(model);

        // Tokens: metadata.usage_object (OpenAI's usage shape), else the row's own columns.
        const JsonValue usage = md.isObject() ? md["usage_object"] : JsonValue();
        if (usage.isObject()) {
            a.inputTokens = tokens(ctx, usage["prompt_tokens"]);
            a.outputTokens = tokens(ctx, usage["completion_tokens"]);
            const JsonValue pd = usage["prompt_tokens_details"];
            if (pd.isObject())
                a.cachedTokens = tokens(ctx, pd["cached_tokens"]);
            if (a.cachedTokens == kUnknown)
                a.cachedTokens = tokens(ctx, usage["cache_read_input_tokens"]);
            a.cacheWriteTokens = tokens(ctx, usage["cache_creation_input_tokens"]);
            const JsonValue cd = usage["completion_tokens_details"];
            if (cd.isObject())
                a.reasoningTokens = tokens(ctx, cd["reasoning_tokens"]);
        }
        if (a.inputTokens == kUnknown)
            a.inputTokens = field(row, "prompt_tokens", [&](std::string_view t) { return ctx.tokens(t, 0, ""); });
        if (a.outputTokens == kUnknown)
            a.outputTokens = field(row, "completion_tokens", [&](std::string_view t) { return ctx.tokens(t, 0, ""); });

        a.cacheHit = field(row, "cache_hit", [&](std::string_view t) { return ctx.flag(t, 0, ""); });
        const std::string_view status = row.get("status");
        if (status.empty()) {
            // Versions before the status column logged successful calls only.
            a.httpStatus = 200;
            ++noStatus;
        } else if (status == "success") {
            a.httpStatus = 200;
        } else if (status == "failure") {
            // The proxy does not keep the upstream HTTP status: a failed call is a server error.
            a.outcome = static_cast<std::int8_t>(Outcome::ServerError);
            ++failures;
        } else {
            ctx.fail(row.lineOf("status"), row.label("status"),
                     QStringLiteral("expected success or failure, got \"%1\"").arg(ImportContext::qstr(status)));
        }
        const std::string_view ip = row.get("requester_ip_address");
        a.sourceIp = ip.empty() ? StringPool::None : ctx.intern(ip);
        // spend is the proxy's own float estimate: noise rounded half-even, counted.
        a.reportedCost = field(row, "spend", [&](std::string_view t) { return ctx.decimal(t, 0, "", true); });
        a.sourceFile = ctx.fileIndex;
        a.sourceLine = static_cast<std::uint32_t>(row.line());
        ctx.appendAttempt(a, row.line());
        ++ctx.report.rowsAccepted;
    }
};

// Byte ranges to cut so that an object loses its text members and stays valid JSON: a run of
// dropped members goes with the separator after it, or (at the end) with the one before it.
void textRanges(const JsonValue &row, std::vector<std::pair<std::uint64_t, std::uint64_t>> &out, DropLog &log)
{
    const std::size_t n = row.size();
    std::size_t i = 0;
    while (i < n) {
        if (!isTextField(row.at(i).key())) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && isTextField(row.at(j).key())) {
            const JsonValue m = row.at(j);
            log.add(log.wantsDetail() ? QStringLiteral("line %1 %2").arg(m.line()).arg(m.path()) : QString(), m.key(), m.rawJson());
            ++j;
        }
        if (j < n)
            out.emplace_back(row.at(i).keyBegin(), row.at(j).keyBegin());
        else if (i > 0)
            out.emplace_back(row.at(i - 1).end(), row.at(j - 1).end());
        else
            out.emplace_back(row.at(i).keyBegin(), row.at(j - 1).end());
        i = j;
    }
}

void importJson(ImportContext &ctx, Mapper &mapper)
{
    JsonDocuments docs(ctx);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> cuts;
    DropLog dropped;
    forEachRecord(docs, ctx, [&](const JsonValue &v) {
        textRanges(v, cuts, dropped);
        mapper.map(JsonRow(ctx, v));
    });
    if (cuts.empty())
        return;
    const std::string_view src = docs.source().view();
    QByteArray stored;
    stored.reserve(static_cast<qsizetype>(src.size()));
    std::uint64_t at = 0;
    for (const auto &[b, e] : cuts) {
        stored.append(src.data() + at, static_cast<qsizetype>(b - at));
        at = e;
    }
    stored.append(src.data() + at, static_cast<qsizetype>(src.size() - at));
    ctx.rewrittenStored = stored;
    ctx.hasRewrittenStored = true;
    dropped.report(ctx.report);
}

void appendCsvField(QByteArray &out, std::string_view v)
{
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(v.data(), static_cast<qsizetype>(v.size()));
        return;
    }
    out.append('"');
    for (char c : v) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

void importCsv(ImportContext &ctx, Mapper &mapper)
{
    CsvReader reader(ctx.bytes, ctx.fileName());
    CsvHeader header(reader);
    header.require("request_id");
    header.require("startTime");
    std::vector<bool> drop;
    bool anyDrop = false;
    for (const std::string &n : header.names()) {
        drop.push_back(isTextField(n));
        anyDrop = anyDrop || drop.back();
    }
    // The stored copy is rewritten record by record without the text columns; the other
    // fields are written back quoted only where RFC 4180 needs it.
    QByteArray stored;
    const QByteArray eol = ctx.bytes.contains("\r\n") ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    DropLog dropped;
    auto writeRecord = [&](const CsvReader &r, bool isHeader) {
        bool first = true;
        for (int i = 0; i < r.size(); ++i) {
            const bool cut = static_cast<std::size_t>(i) < drop.size() && drop[static_cast<std::size_t>(i)];
            if (cut) {
                if (!isHeader && !r.field(i).empty())
                    dropped.add(QStringLiteral("line %1 column '%2'").arg(r.line()).arg(QString::fromStdString(header.names()[static_cast<std::size_t>(i)])),
                                header.names()[static_cast<std::size_t>(i)], r.field(i));
                continue;
            }
            if (!first)
                stored.append(',');
            first = false;
            appendCsvField(stored, r.field(i));
        }
        stored.append(eol);
    };
    if (anyDrop) {
        if (ctx.bytes.startsWith("\xEF\xBB\xBF"))
            stored.append("\xEF\xBB\xBF");
        writeRecord(reader, true); // the reader still holds the header record
    }
    while (reader.next()) {
        if (anyDrop)
            writeRecord(reader, false);
        mapper.map(CsvRow(ctx, reader, header));
    }
    if (anyDrop) {
        ctx.rewrittenStored = stored;
        ctx.hasRewrittenStored = true;
        dropped.report(ctx.report);
    }
}

} // namespace

void litellmSpendLogs(ImportContext &ctx)
{
    Mapper mapper{ctx, {}};
    mapper.noKey = ctx.intern("(none)");
    mapper.account = ctx.options.accountRef.isEmpty() ? StringPool::None : ctx.pool.intern(ctx.options.accountRef);

    // JSON (one object, an array, JSON Lines) or CSV, told apart by the first character.
    qsizetype i = ctx.bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < ctx.bytes.size() && std::isspace(static_cast<unsigned char>(ctx.bytes[i])))
        ++i;
    if (i < ctx.bytes.size() && (ctx.bytes[i] == '{' || ctx.bytes[i] == '['))
        importJson(ctx, mapper);
    else
        importCsv(ctx, mapper);

    if (mapper.noStatus > 0)
        ctx.report.notes << QStringLiteral("%1 row(s) without status: taken as successful calls (LiteLLM versions before the "
                                           "status column logged successes only)")
                                .arg(mapper.noStatus);
    if (mapper.failures > 0)
        ctx.report.notes << QStringLiteral("%1 row(s) with status failure: outcome server_error (the proxy does not log the "
                                           "upstream HTTP status)")
                                .arg(mapper.failures);
    if (ctx.assumeTz())
        ctx.report.notes << QStringLiteral("startTime/endTime carry no zone: read in %1 (assume_tz)").arg(ctx.options.assumeTz);
}

} // namespace tl::importers
