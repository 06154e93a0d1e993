// SPDX-License-Identifier: Apache-2.0
#include "core/import/jsontree.h"

#include <simdjson.h>

#include <QStringList>

#include <algorithm>
#include <cstring>

namespace tl {

namespace od = simdjson::ondemand;

namespace {

bool isWs(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimRight(std::string_view v)
{
    while (!v.empty() && isWs(v.back()))
        v.remove_suffix(1);
    return v;
}

// The JSON number grammar. simdjson's On-Demand front end only checks a number when it is
// converted, and we never convert (the text goes to Decimal), so the syntax is checked here.
bool isJsonNumber(std::string_view t)
{
    std::size_t i = 0;
    const std::size_t n = t.size();
    auto digit = [&](std::size_t k) { return k < n && t[k] >= '0' && t[k] <= '9'; };
    if (i < n && t[i] == '-')
        ++i;
    if (!digit(i))
        return false;
    if (t[i] == '0')
        ++i;
    else
        while (digit(i))
            ++i;
    if (i < n && t[i] == '.') {
        ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-'))
            ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    return i == n;
}

bool isIdentifier(std::string_view k)
{
    if (k.empty())
        return false;
    for (std::size_t i = 0; i < k.size(); ++i) {
        const char c = k[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

QString keySegment(std::string_view key)
{
    const QString k = QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
    if (isIdentifier(key))
        return QLatin1Char('.') + k;
    QString escaped = k;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1String("[\"") + escaped + QLatin1String("\"]");
}

} // namespace

// ---------------------------------------------------------------------------------------------
// JsonSource

JsonSource::JsonSource(std::string_view bytes)
    : m_size(bytes.size())
    , m_capacity(bytes.size() + simdjson::SIMDJSON_PADDING)
{
    m_data.reset(new char[m_capacity]);
    if (!bytes.empty())
        std::memcpy(m_data.get(), bytes.data(), bytes.size());
    std::memset(m_data.get() + m_size, 0, m_capacity - m_size);
}

JsonSource::~JsonSource() = default;

std::size_t JsonSource::contentStart() const
{
    std::size_t i = 0;
    if (m_size >= 3 && static_cast<unsigned char>(m_data[0]) == 0xEF && static_cast<unsigned char>(m_data[1]) == 0xBB
        && static_cast<unsigned char>(m_data[2]) == 0xBF)
        i = 3;
    while (i < m_size && isWs(m_data[i]))
        ++i;
    return i;
}

qint64 JsonSource::lineOf(std::uint64_t offset) const
{
    if (!m_indexed) {
        const char *p = m_data.get();
        const char *end = p + m_size;
        while (p < end) {
            const void *nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
            if (!nl)
                break;
            const char *q = static_cast<const char *>(nl);
            m_newlines.push_back(static_cast<std::uint64_t>(q - m_data.get()));
            p = q + 1;
        }
        m_indexed = true;
    }
    const auto it = std::lower_bound(m_newlines.begin(), m_newlines.end(), offset);
    return static_cast<qint64>(it - m_newlines.begin()) + 1;
}

// ---------------------------------------------------------------------------------------------
// JsonTree

struct JsonTree::Impl
{
    od::parser parser;
    const char *base = nullptr; // start of the source buffer: offsets are relative to it
    std::uint64_t lastOffset = 0;
    std::vector<std::uint32_t> stack; // children collected while a container is open
};

JsonTree::JsonTree()
    : m_impl(std::make_unique<Impl>())
{
}

JsonTree::~JsonTree() = default;


bool JsonTree::parse(const JsonSource &source, std::uint64_t begin, std::uint64_t end, Error *error)
{
    m_fixedLine = 0;
    m_basePath.clear();
    return parseRange(source, begin, end, error);
}

bool JsonTree::parseRange(const JsonSource &source, std::uint64_t begin, std::uint64_t end, Error *error)
{
    m_source = &source;
    m_nodes.clear();
    m_children.clear();
    Impl &im = *m_impl;
    im.base = source.data();
    im.lastOffset = begin;
    im.stack.clear();

    auto fail = [&](const QString &msg, std::uint64_t offset) {
        if (error) {
            error->message = msg;
            error->offset = offset;
        }
        m_nodes.clear();
        m_children.clear();
        return false;
    };
    auto simdFail = [&](simdjson::error_code e, std::uint64_t offset) {
        return fail(QStringLiteral("invalid JSON (%1)").arg(QString::fromLatin1(simdjson::error_message(e))), offset);
    };

    const char *start = source.data() + begin;
    const std::size_t len = static_cast<std::size_t>(end - begin);
    const std::size_t capacity = source.capacity() - static_cast<std::size_t>(begin);
    od::document doc;
    if (auto e = im.parser.iterate(start, len, capacity).get(doc))
        return simdFail(e, begin);

    // Recursive descent over the On-Demand value; children are gathered on a shared stack so
    // that each container's children end up contiguous in m_children.
    struct Walk
    {
        JsonTree &t;
        Impl &im;
        simdjson::error_code err = simdjson::SUCCESS;
        QString msg;

        std::uint64_t off(const char *p) const { return static_cast<std::uint64_t>(p - im.base); }

        std::uint64_t closeOf(std::uint32_t self, char closer)
        {
            const Node &n = t.m_nodes[self];
            std::uint64_t p = n.count ? t.m_nodes[t.m_children[n.first + n.count - 1]].end : n.begin + 1;
            while (isWs(im.base[p]))
                ++p;
            if (im.base[p] != closer) {
                msg = QStringLiteral("invalid JSON: expected '%1'").arg(QLatin1Char(closer));
                err = simdjson::TAPE_ERROR;
                im.lastOffset = p;
                return p;
            }
            return p + 1;
        }

        bool value(od::value v, std::uint32_t self)
        {
            const std::string_view tok = v.raw_json_token();
            t.m_nodes[self].begin = off(tok.data());
            im.lastOffset = t.m_nodes[self].begin;
            od::json_type type;
            if ((err = v.type().get(type)))
                return false;
            switch (type) {
            case od::json_type::object: {
                t.m_nodes[self].kind = JsonValue::Kind::Object;
                od::object obj;
                if ((err = v.get_object().get(obj)))
                    return false;
                const std::size_t mark = im.stack.size();
                for (auto fr : obj) {
                    od::field f;
                    if ((err = std::move(fr).get(f)))
                        return false;
                    const char *raw = f.key().raw();
                    std::string_view key;
                    if ((err = f.unescaped_key().get(key)))
                        return false;
                    const auto idx = static_cast<std::uint32_t>(t.m_nodes.size());
                    t.m_nodes.push_back(Node{JsonValue::Kind::Null, self, 0, 0, static_cast<std::uint32_t>(im.stack.size() - mark), key, {}, 0, 0, off(raw) - 1});
                    im.stack.push_back(idx);
                    if (!value(f.value(), idx))
                        return false;
                }
                finish(self, mark);
                t.m_nodes[self].end = closeOf(self, '}');
                return !err;
            }
            case od::json_type::array: {
                t.m_nodes[self].kind = JsonValue::Kind::Array;
                od::array arr;
                if ((err = v.get_array().get(arr)))
                    return false;
                const std::size_t mark = im.stack.size();
                for (auto er : arr) {
                    od::value ev;
                    if ((err = std::move(er).get(ev)))
                        return false;
                    const auto idx = static_cast<std::uint32_t>(t.m_nodes.size());
                    t.m_nodes.push_back(Node{JsonValue::Kind::Null, self, 0, 0, static_cast<std::uint32_t>(im.stack.size() - mark), {}, {}, 0, 0, 0});
                    im.stack.push_back(idx);
                    if (!value(ev, idx))
                        return false;
                    t.m_nodes[idx].keyBegin = t.m_nodes[idx].begin;
                }
                finish(self, mark);
                t.m_nodes[self].end = closeOf(self, ']');
                return !err;
            }
            case od::json_type::string: {
                std::string_view s;
                if ((err = v.get_string().get(s)))
                    return false;
                scalar(self, JsonValue::Kind::String, s, trimRight(tok));
                return true;
            }
            case od::json_type::number: {
                const std::string_view text = trimRight(tok);
                if (!isJsonNumber(text)) {
                    err = simdjson::NUMBER_ERROR;
                    return false;
                }
                scalar(self, JsonValue::Kind::Number, text, text);
                return true;
            }
            case od::json_type::boolean: {
                bool b = false;
                if ((err = v.get_bool().get(b)))
                    return false;
                scalar(self, b ? JsonValue::Kind::True : JsonValue::Kind::False, b ? "true" : "false", trimRight(tok));
                return true;
            }
            case od::json_type::null: {
                bool isNull = false;
                if ((err = v.is_null().get(isNull)))
                    return false;
                if (!isNull) {
                    err = simdjson::N_ATOM_ERROR;
                    return false;
                }
                scalar(self, JsonValue::Kind::Null, {}, trimRight(tok));
                return true;
            }
            }
            err = simdjson::INCORRECT_TYPE;
            return false;
        }

        void scalar(std::uint32_t self, JsonValue::Kind k, std::string_view text, std::string_view tok)
        {
            Node &n = t.m_nodes[self];
            n.kind = k;
            n.text = text;
            n.end = n.begin + tok.size();
        }

        void finish(std::uint32_t self, std::size_t mark)
        {
            Node &n = t.m_nodes[self];
            n.first = static_cast<std::uint32_t>(t.m_children.size());
            n.count = static_cast<std::uint32_t>(im.stack.size() - mark);
            t.m_children.insert(t.m_children.end(), im.stack.begin() + static_cast<std::ptrdiff_t>(mark), im.stack.end());
            im.stack.resize(mark);
        }
    };

    Walk w{*this, im};
    m_nodes.push_back(Node{JsonValue::Kind::Null, JsonValue::kNone, 0, 0, 0, {}, {}, begin, begin, begin});
    od::json_type rootType;
    if (auto e = doc.type().get(rootType))
        return simdFail(e, begin);
    if (rootType == od::json_type::object || rootType == od::json_type::array) {
        od::value v;
        if (auto e = doc.get_value().get(v))
            return simdFail(e, begin);
        if (!w.value(v, 0)) {
            if (!w.msg.isEmpty())
                return fail(w.msg, im.lastOffset);
            const char *loc = nullptr;
            std::uint64_t where = im.lastOffset;
            if (!doc.current_location().get(loc) && loc >= im.base && loc < im.base + source.size())
                where = static_cast<std::uint64_t>(loc - im.base);
            return simdFail(w.err, where);
        }
    } else {
        // A scalar document (only expected inside embedded JSON strings).
        std::string_view tok;
        if (auto e = doc.raw_json_token().get(tok))
            return simdFail(e, begin);
        Node &n = m_nodes[0];
        n.begin = static_cast<std::uint64_t>(tok.data() - im.base);
        tok = trimRight(tok);
        n.end = n.begin + tok.size();
        n.keyBegin = n.begin;
        simdjson::error_code e = simdjson::SUCCESS;
        switch (rootType) {
        case od::json_type::string: {
            std::string_view s;
            e = doc.get_string().get(s);
            n.kind = JsonValue::Kind::String;
            n.text = s;
            break;
        }
        case od::json_type::number:
            if (!isJsonNumber(tok))
                e = simdjson::NUMBER_ERROR;
            n.kind = JsonValue::Kind::Number;
            n.text = tok;
            break;
        case od::json_type::boolean: {
            bool b = false;
            e = doc.get_bool().get(b);
            n.kind = b ? JsonValue::Kind::True : JsonValue::Kind::False;
            n.text = b ? "true" : "false";
            break;
        }
        default: {
            bool isNull = false;
            e = doc.is_null().get(isNull);
            if (!e && !isNull)
                e = simdjson::N_ATOM_ERROR;
            n.kind = JsonValue::Kind::Null;
            break;
        }
        }
        if (e)
            return simdFail(e, n.begin);
    }
    m_nodes[0].keyBegin = m_nodes[0].begin;

    // Exactly one value: only white space may follow it.
    for (std::uint64_t p = m_nodes[0].end; p < end; ++p) {
        if (!isWs(im.base[p]))
            return fail(QStringLiteral("invalid JSON: unexpected content after the end of the JSON value"), p);
    }
    return true;
}

bool JsonTree::parseEmbedded(const JsonValue &outer, Error *error)
{
    return parseText(outer.text(), outer.line(), outer.path() + QLatin1String("(json)"), error);
}

bool JsonTree::parseText(std::string_view text, qint64 line, const QString &basePath, Error *error)
{
    m_ownSource = std::make_unique<JsonSource>(text);
    const std::uint64_t b = m_ownSource->contentStart();
    const bool ok = parseRange(*m_ownSource, b, m_ownSource->size(), error);
    m_fixedLine = line;
    m_basePath = basePath;
    if (!ok && error)
        error->offset = 0;
    return ok;
}

// ---------------------------------------------------------------------------------------------
// JsonValue

JsonValue::Kind JsonValue::kind() const
{
    return exists() ? m_tree->m_nodes[m_index].kind : Kind::Missing;
}

JsonValue JsonValue::operator[](std::string_view key) const
{
    if (kind() != Kind::Object)
        return JsonValue(m_tree, kNone, exists() ? m_index : kNone, key);
    const auto &n = m_tree->m_nodes[m_index];
    // Last match wins: a repeated key keeps its last value, as most JSON readers do.
    for (std::uint32_t i = n.count; i-- > 0;) {
        const std::uint32_t c = m_tree->m_children[n.first + i];
        if (m_tree->m_nodes[c].key == key)
            return JsonValue(m_tree, c);
    }
    return JsonValue(m_tree, kNone, m_index, key);
}

JsonValue JsonValue::at(std::size_t i) const
{
    if (!exists())
        return {};
    const auto &n = m_tree->m_nodes[m_index];
    if (i >= n.count)
        return JsonValue(m_tree, kNone, m_index);
    return JsonValue(m_tree, m_tree->m_children[n.first + i]);
}

std::size_t JsonValue::size() const
{
    return exists() ? m_tree->m_nodes[m_index].count : 0;
}

std::string_view JsonValue::key() const
{
    return exists() ? m_tree->m_nodes[m_index].key : m_missingKey;
}

std::string_view JsonValue::text() const
{
    return exists() ? m_tree->m_nodes[m_index].text : std::string_view();
}

std::uint64_t JsonValue::begin() const
{
    return exists() ? m_tree->m_nodes[m_index].begin : 0;
}

std::uint64_t JsonValue::end() const
{
    return exists() ? m_tree->m_nodes[m_index].end : 0;
}

std::uint64_t JsonValue::keyBegin() const
{
    return exists() ? m_tree->m_nodes[m_index].keyBegin : 0;
}

std::string_view JsonValue::rawJson() const
{
    if (!exists() || !m_tree->m_source)
        return {};
    return m_tree->m_source->slice(begin(), end());
}

qint64 JsonValue::line() const
{
    if (!m_tree)
        return 0;
    if (m_tree->m_fixedLine > 0)
        return m_tree->m_fixedLine;
    if (!m_tree->m_source)
        return 0;
    std::uint32_t i = exists() ? m_index : m_parent;
    if (i == kNone)
        return 0;
    return m_tree->m_source->lineOf(m_tree->m_nodes[i].begin);
}

QString JsonValue::path() const
{
    if (!m_tree)
        return QStringLiteral("$");
    QStringList segments;
    std::uint32_t i = m_index;
    if (!exists()) {
        segments << keySegment(m_missingKey);
        i = m_parent;
    }
    while (i != kNone && i != 0) {
        const auto &n = m_tree->m_nodes[i];
        const auto &p = m_tree->m_nodes[n.parent];
        if (p.kind == Kind::Object) {
            segments << keySegment(n.key);
        } else {
            segments << QStringLiteral("[%1]").arg(n.pos);
        }
        i = n.parent;
    }
    std::reverse(segments.begin(), segments.end());
    const QString base = m_tree->m_basePath.isEmpty() ? QStringLiteral("$") : m_tree->m_basePath;
    return base + segments.join(QString());
}

QString JsonValue::describe() const
{
    auto shown = [](std::string_view v) {
        QString s = QString::fromUtf8(v.data(), static_cast<qsizetype>(std::min<std::size_t>(v.size(), 60)));
        if (v.size() > 60)
            s += QStringLiteral("…");
        return s;
    };
    switch (kind()) {
    case Kind::Missing: return QStringLiteral("nothing (the field is absent)");
    case Kind::Null: return QStringLiteral("null");
    case Kind::False: return QStringLiteral("false");
    case Kind::True: return QStringLiteral("true");
    case Kind::Number: return QStringLiteral("the number %1").arg(shown(text()));
    case Kind::String: return QStringLiteral("the string \"%1\"").arg(shown(text()));
    case Kind::Array: return QStringLiteral("an array");
    case Kind::Object: return QStringLiteral("an object");
    }
    return QString();
}

JsonValue::Iterator JsonValue::begin_() const
{
    return exists() ? Iterator(m_tree, m_tree->m_nodes[m_index].first) : Iterator(nullptr, 0);
}

JsonValue::Iterator JsonValue::end_() const
{
    if (!exists())
        return Iterator(nullptr, 0);
    const auto &n = m_tree->m_nodes[m_index];
    return Iterator(m_tree, n.first + n.count);
}

JsonValue JsonValue::Iterator::operator*() const
{
    return JsonValue(m_tree, m_tree->m_children[m_pos]);
}

} // namespace tl
