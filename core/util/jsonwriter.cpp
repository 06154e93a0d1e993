// SPDX-License-Identifier: Apache-2.0
#include "core/util/jsonwriter.h"

namespace tl {

void JsonWriter::newline()
{
    if (m_indent <= 0)
        return;
    m_out += '\n';
    m_out += QByteArray(static_cast<qsizetype>(m_stack.size()) * m_indent, ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_stack.empty()) {
        if (m_stack.back().count++ > 0)
            m_out += ',';
        newline();
    }
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_out += '{';
    m_stack.push_back({false, 0});
}

void JsonWriter::endObject()
{
    const bool any = m_stack.back().count > 0;
    m_stack.pop_back();
    if (any)
        newline();
    m_out += '}';
    if (m_stack.empty() && m_indent > 0)
        m_out += '\n';
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_out += '[';
    m_stack.push_back({true, 0});
}

void JsonWriter::endArray()
{
    const bool any = m_stack.back().count > 0;
    m_stack.pop_back();
    if (any)
        newline();
    m_out += ']';
}

void JsonWriter::key(std::string_view k)
{
    if (m_stack.back().count++ > 0)
        m_out += ',';
    newline();
    escape(m_out, k);
    m_out += m_indent > 0 ? ": " : ":";
    m_afterKey = true;
}

void JsonWriter::escape(QByteArray &out, std::string_view s)
{
    out += '"';
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void JsonWriter::string(const QString &v)
{
    const QByteArray u = v.toUtf8();
    string(std::string_view(u.constData(), static_cast<std::size_t>(u.size())));
}

void JsonWriter::string(std::string_view v)
{
    beforeValue();
    escape(m_out, v);
}

void JsonWriter::number(long long v)
{
    beforeValue();
    m_out += QByteArray::number(v);
}

void JsonWriter::boolean(bool v)
{
    beforeValue();
    m_out += v ? "true" : "false";
}

void JsonWriter::null()
{
    beforeValue();
    m_out += "null";
}

void JsonWriter::raw(std::string_view v)
{
    beforeValue();
    m_out.append(v.data(), static_cast<qsizetype>(v.size()));
}

} // namespace tl
