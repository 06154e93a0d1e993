// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <string_view>
#include <vector>

namespace tl {

/**
 * Writes JSON with keys in the order given (QJsonObject sorts them) and decimals as exact
 * strings, so that the same result gives byte-identical files.
 */
class JsonWriter
{
public:
    explicit JsonWriter(int indent = 1) : m_indent(indent) {}

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view k);
    void string(const QString &v);
    void string(std::string_view v);
    void number(long long v);
    void boolean(bool v);
    void null();
    /** Raw JSON text as a value (already valid JSON). */
    void raw(std::string_view v);

    // Conveniences: key + value.
    void field(std::string_view k, const QString &v) { key(k); string(v); }
    void field(std::string_view k, const char *v) { key(k); string(std::string_view(v)); }
    void field(std::string_view k, long long v) { key(k); number(v); }
    void field(std::string_view k, int v) { key(k); number(v); }
    void fieldBool(std::string_view k, bool v) { key(k); boolean(v); }
    void fieldNull(std::string_view k) { key(k); null(); }
    /** A string, or null when empty. */
    void fieldOrNull(std::string_view k, const QString &v) { key(k); if (v.isEmpty()) null(); else string(v); }

    const QByteArray &data() const { return m_out; }
    static void escape(QByteArray &out, std::string_view s);

private:
    void beforeValue();
    void newline();

    QByteArray m_out;
    int m_indent;
    struct Level
    {
        bool array;
        int count;
    };
    std::vector<Level> m_stack;
    bool m_afterKey = false;
};

} // namespace tl
