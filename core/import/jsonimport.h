// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importcontext.h"
#include "core/import/jsontree.h"

#include <functional>
#include <memory>

/**
 * Field readers shared by the JSON importers. Each reads one JsonValue with the same rules as
 * the CSV importers (ImportContext's helpers: unknown is never zero, money is exact) and, when
 * the value is malformed, fails naming the file, the line where the value starts and its JSON
 * path, e.g. `quota.json:41: $.daily_quota["2026-05-01"][0].quota_used: expected a decimal…`.
 */
namespace tl::jsonimport {

/** Throws ImportError at v's line, naming v's JSON path. */
[[noreturn]] void fail(const ImportContext &ctx, const JsonValue &v, const QString &message);

/** Scalar text (a string unescaped, a number as written); absent or null = empty. */
std::string_view text(const ImportContext &ctx, const JsonValue &v);
inline QString qtext(const ImportContext &ctx, const JsonValue &v) { return ImportContext::qstr(text(ctx, v)); }
/** Interns the scalar text; empty = StringPool::None. */
StringPool::Id intern(ImportContext &ctx, const JsonValue &v);
/** A required non-empty scalar (fails "required field is missing/empty"). */
std::string_view requiredText(const ImportContext &ctx, const JsonValue &v);

std::int64_t tokens(const ImportContext &ctx, const JsonValue &v);
std::int64_t integer(const ImportContext &ctx, const JsonValue &v, std::int64_t fallback);
Flag flag(const ImportContext &ctx, const JsonValue &v);
MaybeDecimal decimal(const ImportContext &ctx, const JsonValue &v, bool noise = false);
/** A decimal that must be present. */
Decimal requiredDecimal(const ImportContext &ctx, const JsonValue &v, bool noise = false);
UtcMicros timestamp(const ImportContext &ctx, const JsonValue &v, bool required);
/** Unix seconds (an integer) as UTC micros; absent = kNoTime unless required. */
UtcMicros unixSeconds(const ImportContext &ctx, const JsonValue &v, bool required);

/** Fails unless v is an object ("expected <what>"). */
void requireObject(const ImportContext &ctx, const JsonValue &v, const char *what);
void requireArray(const ImportContext &ctx, const JsonValue &v, const char *what);

/**
 * The JSON documents of one file: the whole file as one document (any layout), or JSON Lines
 * (one document per non-blank line, also several pages saved in one file). Lines mode is
 * chosen when the first non-blank line is by itself a complete JSON value and more follows.
 */
class JsonDocuments
{
public:
    explicit JsonDocuments(const ImportContext &ctx);
    ~JsonDocuments();

    const JsonSource &source() const { return *m_source; }
    bool isLines() const { return m_lines; }
    bool isEmpty() const { return m_empty; }
    /**
     * Calls fn(root) for every document, in file order; the tree behind root is reused for the
     * next document, so fn must finish with it. A document that is not valid JSON fails the
     * import naming its line.
     */
    void forEach(const std::function<void(const JsonValue &root)> &fn);

private:
    const ImportContext &m_ctx;
    std::unique_ptr<JsonSource> m_source;
    std::unique_ptr<JsonTree> m_tree;
    bool m_lines = false;
    bool m_empty = false;
};

/**
 * Rows of a file that holds one object, a JSON array of objects, or JSON Lines of objects (or
 * of arrays of objects). Calls fn(row) for each; anything else fails naming its path.
 */
void forEachRecord(JsonDocuments &docs, const ImportContext &ctx, const std::function<void(const JsonValue &row)> &fn);

/** Parses a string value that holds JSON text (or an object given directly) into tree. */
JsonValue embedded(const ImportContext &ctx, const JsonValue &v, JsonTree &tree);

} // namespace tl::jsonimport
