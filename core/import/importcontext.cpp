// SPDX-License-Identifier: Apache-2.0
#include "core/import/importcontext.h"

#include "core/util/timeutil.h"

#include <charconv>

namespace tl {

namespace {
QString shown(std::string_view v)
{
    QString s = QString::fromUtf8(v.data(), static_cast<qsizetype>(std::min<std::size_t>(v.size(), 60)));
    if (v.size() > 60)
        s += QStringLiteral("…");
    return QLatin1Char('"') + s + QLatin1Char('"');
}
bool ieq(std::string_view a, const char *b)
{
    const std::size_t n = std::char_traits<char>::length(b);
    if (a.size() != n)
        return false;
    for (std::size_t i = 0; i < n; ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != b[i])
            return false;
    return true;
}
std::string_view trim(std::string_view v)
{
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.remove_suffix(1);
    return v;
}
} // namespace

ImportContext::ImportContext(const QByteArray &b, const ImportOptions &o, StringPool &p, std::uint32_t fi,
                             ImportReport &r, LedgerData &d)
    : bytes(b), options(o), pool(p), fileIndex(fi), report(r), out(d)
{
    if (!o.assumeTz.isEmpty()) {
        if (!timeutil::zoneFromName(o.assumeTz, &m_assumeTz))
            throw ImportError(o.displayName, 0, QString(), QStringLiteral("unknown time zone '%1' given as assume_tz").arg(o.assumeTz));
        m_hasAssumeTz = true;
    }
    if (!timeutil::zoneFromName(o.dayTz, &m_dayTz))
        throw ImportError(o.displayName, 0, QString(), QStringLiteral("unknown time zone '%1' given as day_tz").arg(o.dayTz));
}

void ImportContext::fail(qint64 line, const QString &column, const QString &message) const
{
    throw ImportError(options.displayName, line, column, message);
}

void ImportContext::appendAttempt(const AttemptRow &row, qint64 line, bool jsonPath)
{
    const std::pair<std::int64_t, const char *> counts[] = {{row.inputTokens, "input_tokens"},
                                                            {row.outputTokens, "output_tokens"},
                                                            {row.cachedTokens, "cached_input_tokens"},
                                                            {row.cacheWriteTokens, "cache_write_tokens"},
                                                            {row.reasoningTokens, "reasoning_tokens"}};
    for (const auto &[n, column] : counts)
        if (!TokenCount::fits(n))
            fail(line, jsonPath ? QStringLiteral("$.") + QLatin1String(column) : QString(QLatin1String(column)),
                 QStringLiteral("token count %1 is above %2, the most one attempt can hold").arg(n).arg(TokenCount::kMax));
    out.attempts.append(row);
}

std::int64_t ImportContext::tokens(std::string_view v, qint64 line, const char *column) const
{
    v = trim(v);
    if (isNull(v))
        return kUnknown;
    std::int64_t n = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < 0) {
        // "12.0" is a float-formatted integer some exporters write; accept it exactly.
        if (ec == std::errc() && p < v.data() + v.size() && *p == '.' && n >= 0) {
            std::string_view rest(p + 1, static_cast<std::size_t>(v.data() + v.size() - p - 1));
            if (!rest.empty() && rest.find_first_not_of('0') == std::string_view::npos)
                return n;
        }
        fail(line, QLatin1String(column), QStringLiteral("expected a non-negative integer token count, got %1").arg(shown(v)));
    }
    return n;
}

std::int64_t ImportContext::integer(std::string_view v, qint64 line, const char *column, std::int64_t fallback) const
{
    v = trim(v);
    if (isNull(v))
        return fallback;
    std::int64_t n = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size())
        fail(line, QLatin1String(column), QStringLiteral("expected an integer, got %1").arg(shown(v)));
    return n;
}

Flag ImportContext::flag(std::string_view v, qint64 line, const char *column) const
{
    v = trim(v);
    if (isNull(v))
        return -1;
    if (ieq(v, "true") || v == "1" || ieq(v, "yes") || ieq(v, "y") || ieq(v, "t"))
        return 1;
    if (ieq(v, "false") || v == "0" || ieq(v, "no") || ieq(v, "n") || ieq(v, "f") || ieq(v, "none"))
        return 0;
    fail(line, QLatin1String(column), QStringLiteral("expected true or false, got %1").arg(shown(v)));
}

MaybeDecimal ImportContext::decimal(std::string_view v, qint64 line, const char *column, bool noise) const
{
    v = trim(v);
    if (isNull(v))
        return {};
    MaybeDecimal d;
    const auto r = Decimal::parse(v, &d.value, noise ? Decimal::Excess::RoundHalfEven : Decimal::Excess::Reject);
    if (!r.ok)
        fail(line, QLatin1String(column), QStringLiteral("%1, got %2").arg(r.error, shown(v)));
    if (r.rounded)
        ++report.roundedValues;
    d.known = true;
    return d;
}

UtcMicros ImportContext::timestamp(std::string_view v, qint64 line, const char *column, bool required) const
{
    v = trim(v);
    if (isNull(v)) {
        if (required)
            fail(line, QLatin1String(column), QStringLiteral("required timestamp is empty"));
        return kNoTime;
    }
    UtcMicros t = 0;
    QString why;
    if (!timeutil::parseTimestamp(v, assumeTz(), &t, &why))
        fail(line, QLatin1String(column), QStringLiteral("%1, got %2").arg(why, shown(v)));
    return t;
}

QDate ImportContext::date(std::string_view v, qint64 line, const char *column) const
{
    v = trim(v);
    if (isNull(v))
        return {};
    QDate d;
    if (timeutil::parseDate(v.substr(0, 10), &d) && (v.size() == 10 || v[10] == 'T' || v[10] == ' '))
        return d;
    fail(line, QLatin1String(column), QStringLiteral("expected a date YYYY-MM-DD, got %1").arg(shown(v)));
}

UtcMicros ImportContext::dateBound(std::string_view v, qint64 line, const char *column) const
{
    v = trim(v);
    if (isNull(v))
        return kNoTime;
    if (v.size() == 10) {
        QDate d;
        if (!timeutil::parseDate(v, &d))
            fail(line, QLatin1String(column), QStringLiteral("expected a date YYYY-MM-DD, got %1").arg(shown(v)));
        return timeutil::dayStart(timeutil::dayFromDate(d));
    }
    return timestamp(v, line, column, true);
}

} // namespace tl
