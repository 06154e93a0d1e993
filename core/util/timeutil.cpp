// SPDX-License-Identifier: Apache-2.0
#include "core/util/timeutil.h"

#include <QDateTime>

namespace tl::timeutil {

// Howard Hinnant's days_from_civil / civil_from_days.
DayNumber daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

void civilFromDays(DayNumber z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int yy = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

DayNumber dayFromDate(const QDate &date)
{
    return daysFromCivil(date.year(), static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

QDate dateFromDay(DayNumber dn)
{
    int y;
    unsigned m, d;
    civilFromDays(dn, &y, &m, &d);
    return QDate(y, static_cast<int>(m), static_cast<int>(d));
}

QString dayString(DayNumber dn)
{
    int y;
    unsigned m, d;
    civilFromDays(dn, &y, &m, &d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return QString::fromLatin1(buf);
}

namespace {

bool digits(std::string_view t, std::size_t pos, std::size_t n, int *out)
{
    if (pos + n > t.size())
        return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (t[i] < '0' || t[i] > '9')
            return false;
        v = v * 10 + (t[i] - '0');
    }
    *out = v;
    return true;
}

unsigned daysInMonth(int y, unsigned m)
{
    static const unsigned dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

int offsetAt(const QTimeZone &tz, std::int64_t utcSeconds)
{
    return tz.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSeconds, QTimeZone::utc()));
}

// The UTC offset of a wall-clock time (seconds since 1970 as if it were UTC) in tz, resolved
// as Python's zoneinfo (fold=0) and java.time do: a time repeated by a backward switch is its
// first occurrence, a time skipped by a forward switch is read with the offset before the
// switch (02:30 in a 02:00->03:00 gap is 03:30 after it). QDateTime alone maps a skipped
// time to an instant before it, and a repeated one to its second occurrence.
int offsetForLocal(const QTimeZone &tz, std::int64_t local)
{
    // Offsets a day either side: switches are months apart, so at most one lies between.
    const int before = offsetAt(tz, local - 86400);
    const int after = offsetAt(tz, local + 86400);
    const bool beforeFits = offsetAt(tz, local - before) == before;
    if (before == after || beforeFits)
        return before; // no switch, or the first occurrence of a repeated time
    if (offsetAt(tz, local - after) == after)
        return after;
    return before; // in the gap
}

const char kExpected[] = "expected an ISO 8601 timestamp such as 2026-05-01T12:34:56Z";

} // namespace

bool parseDate(std::string_view t, QDate *out)
{
    int y, m, d;
    if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !digits(t, 0, 4, &y) || !digits(t, 5, 2, &m)
        || !digits(t, 8, 2, &d) || m < 1 || m > 12 || d < 1
        || static_cast<unsigned>(d) > daysInMonth(y, static_cast<unsigned>(m)))
        return false;
    *out = QDate(y, m, d);
    return true;
}

bool parseTimestamp(std::string_view t, const QTimeZone *assumeTz, UtcMicros *out, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
        t.remove_suffix(1);
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
        t.remove_prefix(1);
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (t.size() < 10 || t[4] != '-' || t[7] != '-' || !digits(t, 0, 4, &y) || !digits(t, 5, 2, &mo)
        || !digits(t, 8, 2, &d))
        return fail(QLatin1String(kExpected));
    if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > daysInMonth(y, static_cast<unsigned>(mo)))
        return fail(QStringLiteral("no such date, ") + QLatin1String(kExpected));
    std::size_t p = 10;
    std::int64_t micros = 0;
    bool hasZone = false;
    std::int64_t offsetSeconds = 0;
    if (p < t.size()) {
        if (t[p] != 'T' && t[p] != 't' && t[p] != ' ')
            return fail(QLatin1String(kExpected));
        ++p;
        if (!digits(t, p, 2, &h) || p + 2 >= t.size() + 1 || t.size() < p + 5 || t[p + 2] != ':' || !digits(t, p + 3, 2, &mi))
            return fail(QLatin1String(kExpected));
        p += 5;
        if (p < t.size() && t[p] == ':') {
            if (!digits(t, p + 1, 2, &s))
                return fail(QLatin1String(kExpected));
            p += 3;
            if (p < t.size() && (t[p] == '.' || t[p] == ',')) {
                ++p;
                int n = 0;
                std::int64_t frac = 0;
                while (p < t.size() && t[p] >= '0' && t[p] <= '9') {
                    if (n < 6) {
                        frac = frac * 10 + (t[p] - '0');
                        ++n;
                    }
                    ++p;
                }
                if (n == 0)
                    return fail(QLatin1String(kExpected));
                while (n < 6) {
                    frac *= 10;
                    ++n;
                }
                micros = frac;
            }
        }
        if (h > 24 || mi > 59 || s > 60 || (h == 24 && (mi != 0 || s != 0)))
            return fail(QStringLiteral("no such time of day, ") + QLatin1String(kExpected));
        if (s == 60)
            s = 59; // a leap second is kept inside its minute
        if (p < t.size()) {
            if (t[p] == 'Z' || t[p] == 'z') {
                hasZone = true;
                ++p;
            } else if (t[p] == '+' || t[p] == '-') {
                const int sign = t[p] == '-' ? -1 : 1;
                int oh = 0, om = 0;
                ++p;
                if (!digits(t, p, 2, &oh))
                    return fail(QLatin1String(kExpected));
                p += 2;
                bool colon = false;
                if (p < t.size() && t[p] == ':') {
                    colon = true; // "+05:" needs its minutes
                    ++p;
                }
                if (colon || p < t.size()) {
                    if (!digits(t, p, 2, &om))
                        return fail(QLatin1String(kExpected));
                    p += 2;
                }
                if (oh > 18 || om > 59)
                    return fail(QStringLiteral("bad zone offset, ") + QLatin1String(kExpected));
                offsetSeconds = sign * (oh * 3600 + om * 60);
                hasZone = true;
            }
            if (p != t.size())
                return fail(QLatin1String(kExpected));
        }
    } else {
        // A bare date is midnight; dates are zone-less by nature and read as UTC.
        hasZone = true;
    }
    const std::int64_t localSeconds = static_cast<std::int64_t>(daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))) * 86400
        + h * 3600 + mi * 60 + s;
    if (!hasZone) {
        if (!assumeTz)
            return fail(QStringLiteral("timestamp without a time zone; give the import an explicit --assume-tz (e.g. UTC)"));
        if (assumeTz->id() != "UTC")
            offsetSeconds = offsetForLocal(*assumeTz, localSeconds);
    }
    *out = (localSeconds - offsetSeconds) * 1000000 + micros;
    return true;
}

QString formatUtc(UtcMicros t)
{
    if (t == kNoTime)
        return QString();
    const DayNumber day = utcDay(t);
    const std::int64_t rest = t - dayStart(day);
    const std::int64_t secs = rest / 1000000, us = rest % 1000000;
    int y;
    unsigned m, d;
    civilFromDays(day, &y, &m, &d);
    char buf[40];
    if (us == 0)
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d, static_cast<int>(secs / 3600),
                      static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    else
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", y, m, d, static_cast<int>(secs / 3600),
                      static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60), static_cast<int>(us));
    return QString::fromLatin1(buf);
}

bool zoneFromName(const QString &name, QTimeZone *out)
{
    const QString n = name.trimmed();
    if (n.isEmpty() || n.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0 || n == QLatin1String("Z")) {
        *out = QTimeZone::utc();
        return true;
    }
    if (n.startsWith(QLatin1Char('+')) || n.startsWith(QLatin1Char('-'))) {
        const QByteArray b = n.toLatin1();
        int oh = 0, om = 0;
        const std::string_view v(b.constData() + 1, static_cast<std::size_t>(b.size() - 1));
        if (!digits(v, 0, 2, &oh))
            return false;
        std::size_t p = 2;
        bool colon = false;
        if (p < v.size() && v[p] == ':') {
            colon = true;
            ++p;
        }
        if (colon || p < v.size()) {
            if (!digits(v, p, 2, &om))
                return false;
            p += 2;
        }
        // Nothing may follow, and QTimeZone only has offsets up to 14 hours.
        if (p != v.size() || om > 59)
            return false;
        const QTimeZone tz((n.startsWith(QLatin1Char('-')) ? -1 : 1) * (oh * 3600 + om * 60));
        if (!tz.isValid())
            return false;
        *out = tz;
        return true;
    }
    const QTimeZone tz(n.toUtf8());
    if (!tz.isValid())
        return false;
    *out = tz;
    return true;
}

DayNumber dayInZone(UtcMicros t, const QTimeZone &tz)
{
    if (tz.id() == "UTC")
        return utcDay(t);
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(t / 1000, QTimeZone::utc());
    const int off = tz.offsetFromUtc(utc);
    return utcDay(t + static_cast<std::int64_t>(off) * 1000000);
}

} // namespace tl::timeutil
