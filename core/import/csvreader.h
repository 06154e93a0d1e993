// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace tl {

/**
 * An RFC 4180 reader over an in-memory buffer: quoted fields with embedded commas, quotes
 * and newlines; LF or CRLF (a lone CR also ends a line); a UTF-8 BOM is skipped; blank lines
 * are skipped. Fields are views into the buffer (no copy), valid until the next call to
 * next(); only quoted fields with doubled quotes are unescaped. The buffer must outlive the
 * reader. Malformed quoting throws ImportError naming the line.
 */
class CsvReader
{
public:
    CsvReader(const QByteArray &data, QString fileName);

    /** Reads the next record; false at the end. */
    bool next();
    int size() const { return static_cast<int>(m_fields.size()); }
    std::string_view field(int i) const
    {
        return i >= 0 && i < static_cast<int>(m_fields.size()) ? m_fields[static_cast<std::size_t>(i)] : std::string_view();
    }
    /** 1-based line on which the current record starts. */
    qint64 line() const { return m_recordLine; }
    /** Byte offset of the current record's start, and its end (after the line break). */
    qsizetype recordBegin() const { return m_recordBegin; }
    qsizetype recordEnd() const { return m_recordEnd; }
    const QString &fileName() const { return m_fileName; }

private:
    // A field unescaped into m_scratch (doubled quotes): its index and place in the scratch.
    struct Span
    {
        std::size_t field, offset, length;
    };
    const char *m_begin;
    const char *m_p;
    const char *m_end;
    QString m_fileName;
    qint64 m_nextLine = 1;
    qint64 m_recordLine = 0;
    qsizetype m_recordBegin = 0, m_recordEnd = 0;
    std::vector<Span> m_spans; ///< only the fields that live in m_scratch
    std::vector<std::string_view> m_fields;
    std::string m_scratch;
};

/** Case-insensitive column lookup over a header record. */
class CsvHeader
{
public:
    /** Reads the header (the reader's first record); throws ImportError when the file is empty. */
    explicit CsvHeader(CsvReader &reader);
    /** Column index, or -1 when absent. */
    int index(std::string_view name) const;
    /** Column index; throws ImportError "missing required column" (at the header's line) when absent. */
    int require(std::string_view name) const;
    const std::vector<std::string> &names() const { return m_names; }

private:
    std::vector<std::string> m_names; // lowercased, trimmed
    QString m_fileName;
    qint64 m_line = 1; // where the header is (blank lines may precede it)
};

} // namespace tl
