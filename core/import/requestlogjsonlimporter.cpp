// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/requestlogrow.h"
#include "core/import/tabularfields.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace tl::importers {

namespace {

// Keys of JSON Lines rows nearly always come in the same order; remembering which column the
// key at each position meant turns the name lookup into one comparison. Where rows leave out
// optional fields the positions shift, so every key met is remembered too (exact bytes): the
// case-insensitive search of the names runs once per distinct key, not once per shifted field.
struct KeyCache
{
    struct Entry
    {
        std::string key;
        int column = -1;
    };
    std::vector<Entry> entries; ///< by position in the row
    std::vector<Entry> seen;    ///< every distinct key so far (at most kSeen)
    static constexpr std::size_t kSeen = 256;

    int column(std::size_t position, std::string_view key)
    {
        if (position < entries.size() && entries[position].key == key)
            return entries[position].column;
        int c = -2;
        for (const Entry &e : seen)
            if (e.key == key) {
                c = e.column;
                break;
            }
        if (c == -2) {
            c = requestlog::columnForName(key);
            if (seen.size() < kSeen)
                seen.push_back(Entry{std::string(key), c});
        }
        if (position >= entries.size())
            entries.resize(position + 1);
        entries[position].key.assign(key);
        entries[position].column = c;
        return c;
    }
};

QString jsonError(simdjson::error_code e)
{
    return QString::fromLatin1(simdjson::error_message(e));
}

} // namespace

// formats.md §1b as JSON Lines: one object per line, the same fields as the CSV columns.
// Each line is parsed on its own with simdjson's On Demand API (never a QJsonDocument per
// line); numbers are taken as their exact source text so that decimals never pass through
// a double.
void requestLogJsonl(ImportContext &ctx)
{
    using namespace requestlog;
    namespace od = simdjson::ondemand;

    const char *p = ctx.bytes.constData();
    const char *const end = p + ctx.bytes.size();
    if (end - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;

    const auto lines = static_cast<std::size_t>(std::count(ctx.bytes.cbegin(), ctx.bytes.cend(), '\n'));
    ctx.out.attempts.reserve(lines + 1);
    // request_id and response_id are unique per row: room for both, so the pool never rehashes.
    ctx.pool.reserve(ctx.pool.size() + 2 * lines + 64);

    od::parser parser;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end of its input: each line is
    // copied into this buffer, which only grows, so there is no allocation per line.
    std::vector<char> padded;
    KeyCache keys;
    RowBuilder row(ctx, true);
    qint64 lineNo = 0;
    qint64 read = 0;

    while (p < end) {
        ++lineNo;
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        const char *lineEnd = nl ? nl : end;
        std::string_view text(p, static_cast<std::size_t>(lineEnd - p));
        p = nl ? nl + 1 : end;
        text = tabular::trimmed(text);
        if (text.empty())
            continue;
        ++read;

        if (padded.size() < text.size() + simdjson::SIMDJSON_PADDING)
            padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
        std::memcpy(padded.data(), text.data(), text.size());

        od::document doc;
        if (auto e = parser.iterate(padded.data(), text.size(), padded.size()).get(doc))
            ctx.fail(lineNo, QStringLiteral("$"), QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
        od::object obj;
        if (auto e = doc.get_object().get(obj))
            ctx.fail(lineNo, QStringLiteral("$"), QStringLiteral("expected one JSON object per line: %1").arg(jsonError(e)));

        row.begin(lineNo);
        std::size_t position = 0;
        for (auto fieldResult : obj) {
            od::field field;
            if (auto e = std::move(fieldResult).get(field))
                ctx.fail(lineNo, QStringLiteral("$"), QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
            std::string_view key;
            if (auto e = field.unescaped_key().get(key))
                ctx.fail(lineNo, QStringLiteral("$"), QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
            const int c = keys.column(position++, key);
            if (c < 0)
                continue; // an extra field: kept in the stored file, ignored by the engine
            // The path is only built into a QString when there is an error to report.
            const auto path = [c] { return QString::fromLatin1(kJsonPaths[static_cast<std::size_t>(c)]); };
            od::value v = field.value();
            od::json_type type;
            if (auto e = v.type().get(type))
                ctx.fail(lineNo, path(), QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
            switch (type) {
            case od::json_type::string: {
                std::string_view s;
                if (auto e = v.get_string().get(s))
                    ctx.fail(lineNo, path(), QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
                row.set(c, s);
                break;
            }
            case od::json_type::number: {
                // The exact text as written ("0.000000150", "1.5e-7"), not a double.
                std::string_view raw = v.raw_json_token();
                while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n'))
                    raw.remove_suffix(1);
                row.set(c, raw);
                break;
            }
            case od::json_type::boolean: {
                bool b = false;
                if (auto e = v.get_bool().get(b))
                    ctx.fail(lineNo, path(), QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
                row.set(c, b ? std::string_view("true") : std::string_view("false"));
                break;
            }
            case od::json_type::null: {
                bool isNull = false;
                if (auto e = v.is_null().get(isNull); e || !isNull)
                    ctx.fail(lineNo, path(), QStringLiteral("not valid JSON: expected null"));
                row.set(c, std::string_view());
                break;
            }
            case od::json_type::object:
            case od::json_type::array:
                ctx.fail(lineNo, path(), QStringLiteral("expected a string, number, boolean or null, got an %1")
                                           .arg(type == od::json_type::object ? QStringLiteral("object") : QStringLiteral("array")));
            }
        }
        // Anything after the closing brace ("{…} x", two objects on one line) is malformed.
        const char *rest = nullptr;
        if (!doc.current_location().get(rest))
            ctx.fail(lineNo, QStringLiteral("$"), QStringLiteral("unexpected text after the JSON object; expected one object per line"));
        row.finish();
    }
    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = read;
}

} // namespace tl::importers
