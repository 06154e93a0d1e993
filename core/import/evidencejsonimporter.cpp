// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/evidencefields.h"
#include "core/import/tabularfields.h"

#include <QHash>

#include <simdjson.h>

#include <algorithm>

namespace tl::importers {

namespace {
QString jsonError(simdjson::error_code e)
{
    return QString::fromLatin1(simdjson::error_message(e));
}
} // namespace

// formats.md §9 as JSON: an array of entry objects, or {"entries": [...]}. Field values are
// strings (numbers are taken as their text, null as absent). Messages name the line where
// the entry starts and its JSON path; rows carry the entry's index + 1 as their line, as
// every JSON importer's rows do.
void evidenceJson(ImportContext &ctx)
{
    using namespace evidence;
    namespace od = simdjson::ondemand;

    std::string_view input(ctx.bytes.constData(), static_cast<std::size_t>(ctx.bytes.size()));
    if (input.size() >= 3 && input.substr(0, 3) == "\xEF\xBB\xBF")
        input.remove_prefix(3);
    const simdjson::padded_string json(input);
    const char *const base = json.data();
    qint64 lineAt = 1;
    const char *countedTo = base;
    // Line of a position, counted forward from the previous one (entries come in order).
    const auto lineOf = [&](const char *at) {
        if (at > countedTo) {
            lineAt += std::count(countedTo, at, '\n');
            countedTo = at;
        }
        return lineAt;
    };

    od::parser parser;
    od::document doc;
    if (auto e = parser.iterate(json).get(doc))
        ctx.fail(1, QStringLiteral("$"), QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
    od::json_type rootType;
    if (auto e = doc.type().get(rootType))
        ctx.fail(1, QStringLiteral("$"), QStringLiteral("not valid JSON: %1").arg(jsonError(e)));

    od::array entries;
    QString prefix = QStringLiteral("$");
    if (rootType == od::json_type::array) {
        if (auto e = doc.get_array().get(entries))
            ctx.fail(1, prefix, QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
    } else if (rootType == od::json_type::object) {
        od::object root;
        od::value v;
        if (doc.get_object().get(root) || root.find_field_unordered("entries").get(v) || v.get_array().get(entries))
            ctx.fail(1, prefix, QStringLiteral("expected an array of evidence entries, or an object with an \"entries\" array"));
        prefix = QStringLiteral("$.entries");
    } else {
        ctx.fail(1, prefix, QStringLiteral("expected an array of evidence entries, or an object with an \"entries\" array"));
    }

    QHash<QString, qint64> seen; // evidence_id -> entry index + 1
    qint64 index = 0;
    for (auto elementResult : entries) {
        od::value element;
        const QString at = QStringLiteral("%1[%2]").arg(prefix).arg(index);
        const char *loc = nullptr;
        qint64 line = lineOf(base); // before the element is read, the previous position
        if (auto e = std::move(elementResult).get(element))
            ctx.fail(line, at, QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
        if (!element.current_location().get(loc))
            line = lineOf(loc);
        od::object obj;
        if (auto e = element.get_object().get(obj))
            ctx.fail(line, at, QStringLiteral("expected an evidence entry object: %1").arg(jsonError(e)));

        std::array<std::string_view, FieldCount> values{};
        for (auto fieldResult : obj) {
            od::field field;
            std::string_view key;
            if (auto e = std::move(fieldResult).get(field))
                ctx.fail(line, at, QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
            if (auto e = field.unescaped_key().get(key))
                ctx.fail(line, at, QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
            const int f = fieldForName(key);
            if (f < 0)
                continue; // an extra field: kept in the stored file, ignored
            const QString path = at + QLatin1Char('.') + QLatin1String(kFieldNames[static_cast<std::size_t>(f)]);
            od::value v = field.value();
            od::json_type type;
            if (auto e = v.type().get(type))
                ctx.fail(line, path, QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
            std::string_view s;
            switch (type) {
            case od::json_type::string:
                // Views into the parser's string buffer stay valid for the whole document.
                if (auto e = v.get_string().get(s))
                    ctx.fail(line, path, QStringLiteral("not valid JSON: %1").arg(jsonError(e)));
                break;
            case od::json_type::number:
                s = tabular::trimmed(v.raw_json_token());
                break;
            case od::json_type::null:
                break;
            default:
                ctx.fail(line, path, QStringLiteral("expected a string or null"));
            }
            values[static_cast<std::size_t>(f)] = s;
        }
        const auto label = [&at](int f) { return at + QLatin1Char('.') + QLatin1String(kFieldNames[static_cast<std::size_t>(f)]); };
        EvidenceEntry e = makeEntry(ctx, values, line, label, true);
        ++index;
        if (const auto it = seen.constFind(e.evidenceId); it != seen.constEnd())
            ctx.fail(line, label(EvidenceId),
                     QStringLiteral("evidence_id %1 is already defined by %2[%3]").arg(e.evidenceId, prefix).arg(it.value() - 1));
        seen.insert(e.evidenceId, index);
        e.sourceFile = ctx.fileIndex;
        e.sourceLine = static_cast<std::uint32_t>(index);
        ctx.out.evidence.push_back(std::move(e));
    }
    // With an object root the fields after "entries" are simply not read.
    const char *rest = nullptr;
    if (rootType == od::json_type::array && !doc.current_location().get(rest))
        ctx.fail(lineOf(rest), QStringLiteral("$"), QStringLiteral("unexpected text after the JSON value"));
    ctx.report.rowsRead = index;
    ctx.report.rowsAccepted = index;
}

} // namespace tl::importers
