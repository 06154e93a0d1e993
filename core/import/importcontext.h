// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importerror.h"
#include "core/import/importoptions.h"
#include "core/import/importreport.h"
#include "core/model/ledgerset.h"

#include <QTimeZone>

#include <string_view>

namespace tl {

/**
 * What an importer function gets: the bytes to parse (already redacted), the options, the
 * pool to intern into, the index its rows carry, the report to fill and the rows to produce.
 * The field helpers throw ImportError naming file, line and column.
 */
class ImportContext
{
public:
    ImportContext(const QByteArray &bytes, const ImportOptions &options, StringPool &pool,
                  std::uint32_t fileIndex, ImportReport &report, LedgerData &out);

    const QByteArray &bytes;
    const ImportOptions &options;
    StringPool &pool;
    const std::uint32_t fileIndex;
    ImportReport &report;
    LedgerData &out;
    /** Set by an importer that rewrites the stored copy (prompt text dropped). */
    QByteArray rewrittenStored;
    bool hasRewrittenStored = false;

    const QString &fileName() const { return options.displayName; }
    /** The assumed zone, or null when none was given. */
    const QTimeZone *assumeTz() const { return m_hasAssumeTz ? &m_assumeTz : nullptr; }
    const QTimeZone &dayTz() const { return m_dayTz; }

    [[noreturn]] void fail(qint64 line, const QString &column, const QString &message) const;

    /** Appends a (client or gateway) attempt to out.attempts; a token count above what a row
     *  holds (TokenCount::kMax) is an error naming the line and the count's column (a JSON
     *  path "$.input_tokens" with jsonPath). */
    void appendAttempt(const AttemptRow &row, qint64 line, bool jsonPath = false);
    /** Tokens: non-negative integer; empty, null, NULL = kUnknown. */
    std::int64_t tokens(std::string_view v, qint64 line, const char *column) const;
    /** Any integer; empty = fallback. */
    std::int64_t integer(std::string_view v, qint64 line, const char *column, std::int64_t fallback) const;
    /** true/false/1/0/yes/no (case-insensitive); empty = -1. */
    Flag flag(std::string_view v, qint64 line, const char *column) const;
    /** A decimal; empty/null = unknown. With noise = true, excess digits are rounded and counted. */
    MaybeDecimal decimal(std::string_view v, qint64 line, const char *column, bool noise = false) const;
    /** A timestamp; empty = kNoTime when optional, else an error. */
    UtcMicros timestamp(std::string_view v, qint64 line, const char *column, bool required) const;
    /** A date YYYY-MM-DD (also accepts a full timestamp's date part); empty = invalid QDate. */
    QDate date(std::string_view v, qint64 line, const char *column) const;
    /** A date as UTC midnight micros (empty = kNoTime: an open bound). */
    UtcMicros dateBound(std::string_view v, qint64 line, const char *column) const;
    StringPool::Id intern(std::string_view v) { return pool.intern(v); }
    static bool isNull(std::string_view v) { return v.empty() || v == "null" || v == "NULL"; }
    static QString qstr(std::string_view v) { return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size())); }

private:
    QTimeZone m_assumeTz;
    QTimeZone m_dayTz;
    bool m_hasAssumeTz = false;
};

} // namespace tl
