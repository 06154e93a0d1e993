// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace tl {

/**
 * The bytes of one input file in a buffer that simdjson may read past the end of (it needs
 * SIMDJSON_PADDING readable bytes). Every JsonTree parsed from it reports offsets into these
 * bytes, so a node maps back to its line and the stored copy can be cut by byte ranges.
 */
class JsonSource
{
public:
    explicit JsonSource(std::string_view bytes);
    ~JsonSource();
    JsonSource(const JsonSource &) = delete;
    JsonSource &operator=(const JsonSource &) = delete;

    const char *data() const { return m_data.get(); }
    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }
    std::string_view view() const { return {m_data.get(), m_size}; }
    std::string_view slice(std::uint64_t begin, std::uint64_t end) const
    {
        return {m_data.get() + begin, static_cast<std::size_t>(end - begin)};
    }
    /** Offset of the first byte that is neither a UTF-8 BOM nor white space. */
    std::size_t contentStart() const;
    /** 1-based line of a byte offset (the line index is built on first use). */
    qint64 lineOf(std::uint64_t offset) const;

private:
    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0, m_capacity = 0;
    mutable std::vector<std::uint64_t> m_newlines;
    mutable bool m_indexed = false;
};

class JsonTree;

/**
 * A handle on one JSON value of a JsonTree (or on a member that is absent, which still knows
 * its path, so that "required field missing" errors can name it). Cheap to copy.
 */
class JsonValue
{
public:
    enum class Kind : std::uint8_t { Missing, Null, False, True, Number, String, Array, Object };

    JsonValue() = default;

    Kind kind() const;
    bool exists() const { return m_tree && m_index != kNone; }
    bool isMissing() const { return kind() == Kind::Missing; }
    bool isNull() const { return kind() == Kind::Null; }
    /** Absent or JSON null: both mean "not given". */
    bool isAbsent() const { const Kind k = kind(); return k == Kind::Missing || k == Kind::Null; }
    bool isObject() const { return kind() == Kind::Object; }
    bool isArray() const { return kind() == Kind::Array; }
    bool isString() const { return kind() == Kind::String; }
    bool isNumber() const { return kind() == Kind::Number; }
    bool isBool() const { const Kind k = kind(); return k == Kind::True || k == Kind::False; }
    bool isScalar() const { const Kind k = kind(); return k == Kind::Number || k == Kind::String || k == Kind::True || k == Kind::False; }

    /** Member of an object (the last one when a key repeats, as JSON parsers usually do). */
    JsonValue operator[](std::string_view key) const;
    JsonValue member(std::string_view key) const { return (*this)[key]; }
    /** Element of an array, or the i-th member of an object. */
    JsonValue at(std::size_t i) const;
    /** Number of elements or members (0 for scalars). */
    std::size_t size() const;
    /** The key when this value is an object member. */
    std::string_view key() const;

    /** String: the unescaped text; number: its exact source text; true/false; empty otherwise. */
    std::string_view text() const;
    /** Byte range of the value in its source (for a member, of the value, not the key). */
    std::uint64_t begin() const;
    std::uint64_t end() const;
    /** Offset of the member's key (its opening quote), or begin() for non-members. */
    std::uint64_t keyBegin() const;
    /** The value's JSON source text, exactly as written. */
    std::string_view rawJson() const;
    /** 1-based line in the input file where the value starts. */
    qint64 line() const;
    /** JSON path such as $.daily_quota["2026-05-01"][0].quota_used */
    QString path() const;
    /** A short description for messages: "an object", "the string \"x\"", "the number 12". */
    QString describe() const;

    const JsonTree *tree() const { return m_tree; }

    class Iterator;
    Iterator begin_() const;
    Iterator end_() const;
    /** Range over elements or members: for (JsonValue v : value.children()) */
    struct Children;
    Children children() const;

private:
    friend class JsonTree;
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    JsonValue(const JsonTree *t, std::uint32_t index, std::uint32_t parent = kNone, std::string_view missingKey = {})
        : m_tree(t), m_index(index), m_parent(parent), m_missingKey(missingKey) {}

    const JsonTree *m_tree = nullptr;
    std::uint32_t m_index = kNone;
    std::uint32_t m_parent = kNone;  // for a missing member: the object it is missing from
    std::string_view m_missingKey;
};

class JsonValue::Iterator
{
public:
    Iterator(const JsonTree *t, std::uint32_t pos) : m_tree(t), m_pos(pos) {}
    JsonValue operator*() const;
    Iterator &operator++() { ++m_pos; return *this; }
    bool operator!=(const Iterator &o) const { return m_pos != o.m_pos; }
    bool operator==(const Iterator &o) const { return m_pos == o.m_pos; }

private:
    const JsonTree *m_tree;
    std::uint32_t m_pos; // index into the tree's child list
};

struct JsonValue::Children
{
    JsonValue owner; // by value: children() of a temporary must stay valid in a range-for
    Iterator begin() const;
    Iterator end() const;
};

inline JsonValue::Children JsonValue::children() const { return Children{*this}; }
inline JsonValue::Iterator JsonValue::Children::begin() const { return owner.begin_(); }
inline JsonValue::Iterator JsonValue::Children::end() const { return owner.end_(); }

/**
 * One JSON document parsed with simdjson On-Demand into a compact tree that keeps what the
 * importers need and a DOM would lose: the exact source text of every number (money is read
 * as an exact decimal, never through double), the byte range of every value (for line
 * numbers and for cutting prompt text out of the stored copy) and each value's parent (for
 * JSON paths in error messages). Strings are unescaped once. A tree can be reused for the
 * next document (JSON Lines), which keeps the parser's buffers warm.
 */
class JsonTree
{
public:
    JsonTree();
    ~JsonTree();
    JsonTree(const JsonTree &) = delete;
    JsonTree &operator=(const JsonTree &) = delete;

    struct Error
    {
        QString message;
        std::uint64_t offset = 0; ///< where (best known) in the source
    };

    /**
     * Parses source bytes [begin, end) as exactly one JSON value (white space around it is
     * fine, anything else after it is an error). Returns false and fills *error on failure.
     */
    bool parse(const JsonSource &source, std::uint64_t begin, std::uint64_t end, Error *error);
    /**
     * Parses a JSON text held in a string value (LiteLLM's metadata, new-api's `other`):
     * nodes report the outer value's line, and paths start with the outer value's path.
     */
    bool parseEmbedded(const JsonValue &outer, Error *error);
    /** Parses JSON text found elsewhere (a CSV cell): nodes report `line`, paths start with basePath. */
    bool parseText(std::string_view text, qint64 line, const QString &basePath, Error *error);

    JsonValue root() const { return m_nodes.empty() ? JsonValue() : JsonValue(this, 0); }
    const JsonSource *source() const { return m_source; }

private:
    friend class JsonValue;
    friend class JsonValue::Iterator;
    bool parseRange(const JsonSource &source, std::uint64_t begin, std::uint64_t end, Error *error);
    struct Node
    {
        JsonValue::Kind kind;
        std::uint32_t parent;
        std::uint32_t first, count; // children: m_children[first .. first+count)
        std::uint32_t pos;          // index among the parent's children (for paths)
        std::string_view key;       // member key (unescaped), empty otherwise
        std::string_view text;      // see JsonValue::text()
        std::uint64_t begin, end, keyBegin;
    };
    struct Impl;

    std::unique_ptr<Impl> m_impl;
    std::vector<Node> m_nodes;
    std::vector<std::uint32_t> m_children;
    const JsonSource *m_source = nullptr;
    std::unique_ptr<JsonSource> m_ownSource; // embedded documents
    qint64 m_fixedLine = 0;                  // embedded documents: the outer value's line
    QString m_basePath;                      // embedded documents: the outer value's path
};

} // namespace tl
