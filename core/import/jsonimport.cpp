// SPDX-License-Identifier: Apache-2.0
#include "core/import/jsonimport.h"

#include <charconv>
#include <cstring>

namespace tl::jsonimport {

namespace {

// Runs one of ImportContext's field readers and, when it rejects the value, re-throws its
// message at the value's line and JSON path (the reader only knows the text).
template <class F>
auto atPath(const JsonValue &v, F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const ImportError &e) {
        throw ImportError(e.file(), v.line(), v.path(), e.message());
    }
}

bool blank(std::string_view s)
{
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    return true;
}

} // namespace

void fail(const ImportContext &ctx, const JsonValue &v, const QString &message)
{
    ctx.fail(v.line(), v.path(), message);
}

std::string_view text(const ImportContext &ctx, const JsonValue &v)
{
    switch (v.kind()) {
    case JsonValue::Kind::Missing:
    case JsonValue::Kind::Null:
        return {};
    case JsonValue::Kind::Array:
    case JsonValue::Kind::Object:
        fail(ctx, v, QStringLiteral("expected a single value, got %1").arg(v.describe()));
    default:
        return v.text();
    }
}

StringPool::Id intern(ImportContext &ctx, const JsonValue &v)
{
    const std::string_view t = text(ctx, v);
    return t.empty() ? StringPool::None : ctx.intern(t);
}

std::string_view requiredText(const ImportContext &ctx, const JsonValue &v)
{
    const std::string_view t = text(ctx, v);
    if (t.empty())
        fail(ctx, v, v.isMissing() ? QStringLiteral("required field is missing") : QStringLiteral("required field is empty"));
    return t;
}

std::int64_t tokens(const ImportContext &ctx, const JsonValue &v)
{
    if (v.isBool())
        fail(ctx, v, QStringLiteral("expected a non-negative integer token count, got %1").arg(v.describe()));
    const std::string_view t = text(ctx, v);
    return atPath(v, [&] { return ctx.tokens(t, 0, ""); });
}

std::int64_t integer(const ImportContext &ctx, const JsonValue &v, std::int64_t fallback)
{
    if (v.isBool())
        fail(ctx, v, QStringLiteral("expected an integer, got %1").arg(v.describe()));
    const std::string_view t = text(ctx, v);
    return atPath(v, [&] { return ctx.integer(t, 0, "", fallback); });
}

Flag flag(const ImportContext &ctx, const JsonValue &v)
{
    switch (v.kind()) {
    case JsonValue::Kind::True: return 1;
    case JsonValue::Kind::False: return 0;
    default: break;
    }
    const std::string_view t = text(ctx, v);
    return atPath(v, [&] { return ctx.flag(t, 0, ""); });
}

MaybeDecimal decimal(const ImportContext &ctx, const JsonValue &v, bool noise)
{
    if (v.isBool())
        fail(ctx, v, QStringLiteral("expected a decimal number, got %1").arg(v.describe()));
    const std::string_view t = text(ctx, v);
    return atPath(v, [&] { return ctx.decimal(t, 0, "", noise); });
}

Decimal requiredDecimal(const ImportContext &ctx, const JsonValue &v, bool noise)
{
    const MaybeDecimal d = decimal(ctx, v, noise);
    if (!d.known)
        fail(ctx, v, v.isMissing() ? QStringLiteral("required amount is missing") : QStringLiteral("required amount is %1").arg(v.describe()));
    return d.value;
}

UtcMicros timestamp(const ImportContext &ctx, const JsonValue &v, bool required)
{
    if (required && v.isMissing())
        fail(ctx, v, QStringLiteral("required timestamp is missing"));
    const std::string_view t = text(ctx, v);
    return atPath(v, [&] { return ctx.timestamp(t, 0, "", required); });
}

UtcMicros unixSeconds(const ImportContext &ctx, const JsonValue &v, bool required)
{
    if (v.isAbsent()) {
        if (required)
            fail(ctx, v, v.isMissing() ? QStringLiteral("required time (unix seconds) is missing") : QStringLiteral("required time (unix seconds) is null"));
        return kNoTime;
    }
    const std::string_view t = v.isNumber() || v.isString() ? v.text() : std::string_view();
    std::int64_t s = 0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), s);
    // 9.2e12 s is year ~292000: anything beyond would overflow the microsecond clock.
    if (t.empty() || ec != std::errc() || p != t.data() + t.size() || s > 9'000'000'000'000 || s < -9'000'000'000'000)
        fail(ctx, v, QStringLiteral("expected a time in whole unix seconds, got %1").arg(v.describe()));
    return s * 1'000'000;
}

void requireObject(const ImportContext &ctx, const JsonValue &v, const char *what)
{
    if (!v.isObject())
        fail(ctx, v, QStringLiteral("expected %1 (a JSON object), got %2").arg(QLatin1String(what), v.describe()));
}

void requireArray(const ImportContext &ctx, const JsonValue &v, const char *what)
{
    if (!v.isArray())
        fail(ctx, v, QStringLiteral("expected %1 (a JSON array), got %2").arg(QLatin1String(what), v.describe()));
}

// ---------------------------------------------------------------------------------------------

JsonDocuments::JsonDocuments(const ImportContext &ctx)
    : m_ctx(ctx)
    , m_source(std::make_unique<JsonSource>(std::string_view(ctx.bytes.constData(), static_cast<std::size_t>(ctx.bytes.size()))))
    , m_tree(std::make_unique<JsonTree>())
{
    const std::size_t start = m_source->contentStart();
    const std::size_t size = m_source->size();
    if (start >= size) {
        m_empty = true;
        return;
    }
    const char *d = m_source->data();
    const void *nl = std::memchr(d + start, '\n', size - start);
    if (!nl)
        return; // one line: one document
    const std::size_t eol = static_cast<std::size_t>(static_cast<const char *>(nl) - d);
    if (blank(std::string_view(d + eol, size - eol)))
        return;
    // More than one line: JSON Lines if the first line is a whole JSON value by itself.
    JsonTree::Error err;
    m_lines = m_tree->parse(*m_source, start, eol, &err);
}

JsonDocuments::~JsonDocuments() = default;

void JsonDocuments::forEach(const std::function<void(const JsonValue &root)> &fn)
{
    if (m_empty)
        return;
    JsonTree::Error err;
    const std::size_t size = m_source->size();
    if (!m_lines) {
        if (!m_tree->parse(*m_source, m_source->contentStart(), size, &err))
            m_ctx.fail(m_source->lineOf(err.offset), QStringLiteral("$"), err.message);
        fn(m_tree->root());
        return;
    }
    const char *d = m_source->data();
    std::size_t pos = m_source->contentStart();
    // contentStart() skipped leading blank lines; count them so line numbers stay true.
    qint64 line = m_source->lineOf(pos);
    while (pos < size) {
        const void *nl = std::memchr(d + pos, '\n', size - pos);
        const std::size_t eol = nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - d) : size;
        const std::string_view content(d + pos, eol - pos);
        if (!blank(content)) {
            if (!m_tree->parse(*m_source, pos, eol, &err))
                m_ctx.fail(line, QStringLiteral("$"), err.message + QStringLiteral(" (JSON Lines: one JSON value per line)"));
            fn(m_tree->root());
        }
        pos = eol + 1;
        ++line;
    }
}

void forEachRecord(JsonDocuments &docs, const ImportContext &ctx, const std::function<void(const JsonValue &row)> &fn)
{
    docs.forEach([&](const JsonValue &root) {
        if (root.isObject()) {
            fn(root);
            return;
        }
        if (root.isArray()) {
            for (const JsonValue row : root.children()) {
                if (!row.isObject())
                    fail(ctx, row, QStringLiteral("expected a row (a JSON object), got %1").arg(row.describe()));
                fn(row);
            }
            return;
        }
        fail(ctx, root, QStringLiteral("expected a JSON object or an array of objects, got %1").arg(root.describe()));
    });
}

JsonValue embedded(const ImportContext &ctx, const JsonValue &v, JsonTree &tree)
{
    if (v.isObject())
        return v; // some exports write the object itself rather than its JSON text
    if (!v.isString())
        fail(ctx, v, QStringLiteral("expected JSON text in a string, got %1").arg(v.describe()));
    JsonTree::Error err;
    if (!tree.parseEmbedded(v, &err))
        fail(ctx, v, QStringLiteral("the string does not hold valid JSON: %1").arg(err.message));
    return tree.root();
}

} // namespace tl::jsonimport
