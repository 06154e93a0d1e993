// SPDX-License-Identifier: Apache-2.0
#include "core/import/csvreader.h"

#include "core/import/importerror.h"

#include <algorithm>
#include <cstring>

namespace tl {

namespace {
// Line breaks in [a, b): LF, CRLF (counted once, at its LF) and a lone CR, which also ends a
// record. `end` lets a CR at b - 1 see the byte after it.
qint64 countLineBreaks(const char *a, const char *b, const char *end)
{
    qint64 n = std::count(a, b, '\n');
    for (const char *p = a; (p = static_cast<const char *>(std::memchr(p, '\r', static_cast<std::size_t>(b - p)))); ++p) {
        if (p + 1 >= end || p[1] != '\n')
            ++n;
    }
    return n;
}
// The bytes that end an unquoted field or make it malformed: ',', '\n', '\r', '"'.
struct SpecialBytes
{
    bool table[256] = {};
    constexpr SpecialBytes()
    {
        table[static_cast<unsigned char>(',')] = true;
        table[static_cast<unsigned char>('\n')] = true;
        table[static_cast<unsigned char>('\r')] = true;
        table[static_cast<unsigned char>('"')] = true;
    }
};
constexpr SpecialBytes kSpecial;

// The first special byte at or after p, or end. Four bytes per step, then one by one.
const char *scanUnquoted(const char *p, const char *end)
{
    while (end - p >= 4) {
        if (kSpecial.table[static_cast<unsigned char>(p[0])])
            return p;
        if (kSpecial.table[static_cast<unsigned char>(p[1])])
            return p + 1;
        if (kSpecial.table[static_cast<unsigned char>(p[2])])
            return p + 2;
        if (kSpecial.table[static_cast<unsigned char>(p[3])])
            return p + 3;
        p += 4;
    }
    while (p < end && !kSpecial.table[static_cast<unsigned char>(*p)])
        ++p;
    return p;
}
} // namespace

CsvReader::CsvReader(const QByteArray &data, QString fileName)
    : m_begin(data.constData())
    , m_p(data.constData())
    , m_end(data.constData() + data.size())
    , m_fileName(std::move(fileName))
{
    if (m_end - m_p >= 3 && static_cast<unsigned char>(m_p[0]) == 0xEF && static_cast<unsigned char>(m_p[1]) == 0xBB
        && static_cast<unsigned char>(m_p[2]) == 0xBF)
        m_p += 3;
}

bool CsvReader::next()
{
    m_spans.clear();
    m_fields.clear();
    m_scratch.clear();
    // Skip blank lines.
    while (m_p < m_end && (*m_p == '\n' || *m_p == '\r')) {
        if (*m_p == '\n' || m_p + 1 == m_end || m_p[1] != '\n')
            ++m_nextLine;
        ++m_p;
    }
    if (m_p >= m_end)
        return false;
    m_recordLine = m_nextLine;
    m_recordBegin = m_p - m_begin;
    for (;;) {
        if (m_p < m_end && *m_p == '"') {
            // Quoted field.
            const qint64 startLine = m_nextLine;
            ++m_p;
            const char *segment = m_p;
            bool copied = false;
            std::size_t scratchStart = m_scratch.size();
            for (;;) {
                const char *q = static_cast<const char *>(std::memchr(m_p, '"', static_cast<std::size_t>(m_end - m_p)));
                if (!q)
                    throw ImportError(m_fileName, startLine, QString(),
                                      QStringLiteral("unterminated quoted field (field %1); expected a closing quote")
                                              .arg(m_fields.size() + 1));
                m_nextLine += countLineBreaks(m_p, q, m_end);
                if (q + 1 < m_end && q[1] == '"') {
                    m_scratch.append(segment, static_cast<std::size_t>(q + 1 - segment));
                    copied = true;
                    m_p = q + 2;
                    segment = m_p;
                    continue;
                }
                if (copied) {
                    // The scratch buffer may still move: the view is set once the record is read.
                    m_scratch.append(segment, static_cast<std::size_t>(q - segment));
                    m_spans.push_back({m_fields.size(), scratchStart, m_scratch.size() - scratchStart});
                    m_fields.emplace_back();
                } else {
                    m_fields.emplace_back(segment, static_cast<std::size_t>(q - segment));
                }
                m_p = q + 1;
                break;
            }
            if (m_p < m_end && *m_p != ',' && *m_p != '\n' && *m_p != '\r')
                throw ImportError(m_fileName, m_nextLine, QString(),
                                  QStringLiteral("unexpected character after a closing quote (field %1); expected a comma or the end of the line")
                                      .arg(m_fields.size()));
        } else {
            const char *start = m_p;
            m_p = scanUnquoted(m_p, m_end);
            if (m_p < m_end && *m_p == '"')
                throw ImportError(m_fileName, m_nextLine, QString(),
                                  QStringLiteral("quote inside an unquoted field (field %1); quote the whole field and double the quote")
                                      .arg(m_fields.size() + 1));
            m_fields.emplace_back(start, static_cast<std::size_t>(m_p - start));
        }
        if (m_p < m_end && *m_p == ',') {
            ++m_p;
            continue;
        }
        // End of record.
        if (m_p < m_end && *m_p == '\r') {
            ++m_p;
            if (m_p < m_end && *m_p == '\n')
                ++m_p;
            ++m_nextLine;
        } else if (m_p < m_end && *m_p == '\n') {
            ++m_p;
            ++m_nextLine;
        }
        break;
    }
    m_recordEnd = m_p - m_begin;
    for (const Span &s : m_spans)
        m_fields[s.field] = std::string_view(m_scratch.data() + s.offset, s.length);
    return true;
}

CsvHeader::CsvHeader(CsvReader &reader)
    : m_fileName(reader.fileName())
{
    if (!reader.next())
        throw ImportError(m_fileName, 1, QString(), QStringLiteral("empty file: a header row is required"));
    m_line = reader.line();
    for (int i = 0; i < reader.size(); ++i) {
        std::string_view v = reader.field(i);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
            v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
            v.remove_suffix(1);
        std::string n(v);
        std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        m_names.push_back(std::move(n));
    }
}

int CsvHeader::index(std::string_view name) const
{
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        const std::string &n = m_names[i];
        if (n.size() == name.size()
            && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
            return static_cast<int>(i);
    }
    return -1;
}

int CsvHeader::require(std::string_view name) const
{
    const int i = index(name);
    if (i < 0)
        throw ImportError(m_fileName, m_line, QString(),
                          QStringLiteral("missing required column '%1' in the header").arg(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()))));
    return i;
}

} // namespace tl
