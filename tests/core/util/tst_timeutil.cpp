// SPDX-License-Identifier: Apache-2.0
// Tests of tl::timeutil: ISO 8601 parsing (zones, offsets, fractions, --assume-tz across DST,
// refusals with their exact messages), UTC formatting, the civil-day arithmetic against QDate,
// and calendar days in a zone.
#include "core/util/timeutil.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

using namespace tl;
using namespace tl::timeutil;

namespace {

constexpr qint64 kSec = 1000000;

// Microseconds of a UTC wall time, computed through QDateTime (independent of timeutil).
qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int us = 0)
{
    const QDateTime dt(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
    return dt.toMSecsSinceEpoch() * 1000 + us;
}

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

const QString kExpected = QStringLiteral("expected an ISO 8601 timestamp such as 2026-05-01T12:34:56Z");
const QString kNoDate = QStringLiteral("no such date, ") + kExpected;
const QString kNoTimeOfDay = QStringLiteral("no such time of day, ") + kExpected;
const QString kBadOffset = QStringLiteral("bad zone offset, ") + kExpected;
const QString kNoZone = QStringLiteral("timestamp without a time zone; give the import an explicit --assume-tz (e.g. UTC)");

QTimeZone zone(const char *name)
{
    QTimeZone tz;
    if (!zoneFromName(QString::fromLatin1(name), &tz))
        qFatal("unknown zone %s", name);
    return tz;
}

} // namespace

class TestTimeUtil : public QObject
{
    Q_OBJECT

private slots:
    void epochAnchors();
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void assumeTz_data();
    void assumeTz();
    void explicitZoneBeatsAssumeTz();
    void parseDate_data();
    void parseDate();
    void formatUtc_data();
    void formatUtc();
    void formatRoundTripRandom();
    void civilDaysAgainstQDate();
    void civilDaysBeyondQDateRange();
    void utcDayAndDayStart();
    void dayString();
    void zoneFromName_data();
    void zoneFromName();
    void dayInZone_data();
    void dayInZone();
};

void TestTimeUtil::epochAnchors()
{
    // Independent anchors (Python: datetime(...).timestamp()).
    QCOMPARE(utc(2026, 5, 1, 10, 15, 22), Q_INT64_C(1777630522) * kSec);
    QCOMPARE(utc(2026, 5, 1), Q_INT64_C(1777593600) * kSec);
    QCOMPARE(utc(1, 1, 1), Q_INT64_C(-62135596800) * kSec);
    QCOMPARE(utc(9999, 12, 31, 23, 59, 59), Q_INT64_C(253402300799) * kSec);
    QCOMPARE(daysFromCivil(1970, 1, 1), 0);
    QCOMPARE(daysFromCivil(2026, 5, 1), 20574);
    QCOMPARE(daysFromCivil(1969, 12, 31), -1);
    QCOMPARE(daysFromCivil(2000, 3, 1), 11017);
}

void TestTimeUtil::parseValid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("expected");

    const qint64 base = utc(2026, 5, 1, 10, 15, 22);
    auto row = [](const char *tag, const char *text, qint64 expected) { QTest::newRow(tag) << QByteArray(text) << expected; };
    row("Z", "2026-05-01T10:15:22Z", base);
    row("lowercase t z", "2026-05-01t10:15:22z", base);
    row("space separator", "2026-05-01 10:15:22Z", base);
    row("+00:00", "2026-05-01T10:15:22+00:00", base);
    row("-00:00", "2026-05-01T10:15:22-00:00", base);
    row("+08:00", "2026-05-01T18:15:22+08:00", base);
    row("-05:00", "2026-05-01T05:15:22-05:00", base);
    row("+0530", "2026-05-01T15:45:22+0530", base);
    row("+05:30", "2026-05-01T15:45:22+05:30", base);
    row("-0330", "2026-05-01T06:45:22-0330", base);
    row("+05 hours only", "2026-05-01T15:15:22+05", base);
    row("+14:00", "2026-05-02T00:15:22+14:00", base);
    row("offset crosses day back", "2026-04-30T23:15:22-11:00", base);
    row("offset crosses year", "2027-01-01T07:00:00+08:00", utc(2026, 12, 31, 23));
    row("no seconds", "2026-05-01T10:15Z", utc(2026, 5, 1, 10, 15));
    row("micros", "2026-05-01T10:15:22.123456Z", base + 123456);
    row("millis", "2026-05-01T10:15:22.123Z", base + 123000);
    row("tenths", "2026-05-01T10:15:22.5Z", base + 500000);
    row("one micro", "2026-05-01T10:15:22.000001Z", base + 1);
    row("nanos truncated to micros", "2026-05-01T10:15:22.123456789Z", base + 123456);
    row("comma fraction", "2026-05-01T10:15:22,25Z", base + 250000);
    row("fraction with offset", "2026-05-01T18:15:22.75+08:00", base + 750000);
    row("bare date is midnight UTC", "2026-05-01", utc(2026, 5, 1));
    row("surrounding blanks", "  2026-05-01T10:15:22Z\t", base);
    row("midnight 24:00", "2026-05-01T24:00:00Z", utc(2026, 5, 2));
    row("midnight 24:00 year end", "2026-12-31T24:00Z", utc(2027, 1, 1));
    row("leap second kept in its minute", "2016-12-31T23:59:60Z", utc(2016, 12, 31, 23, 59, 59));
    row("leap day", "2024-02-29T12:00:00Z", utc(2024, 2, 29, 12));
    row("leap day 2000", "2000-02-29T12:00:00Z", Q_INT64_C(951825600) * kSec);
    row("before epoch", "1969-12-31T23:59:59Z", -kSec);
    row("before epoch fraction", "1969-12-31T23:59:59.5Z", -kSec / 2);
    row("epoch", "1970-01-01T00:00:00Z", 0);
    row("year 1", "0001-01-01T00:00:00Z", Q_INT64_C(-62135596800) * kSec);
    row("year 9999", "9999-12-31T23:59:59.999999Z", Q_INT64_C(253402300799) * kSec + 999999);
}

void TestTimeUtil::parseValid()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, expected);
    UtcMicros t = -7;
    QString error = QStringLiteral("untouched");
    QVERIFY2(parseTimestamp(sv(text), nullptr, &t, &error), qPrintable(error));
    QCOMPARE(t, expected);
    // A zone in the text wins over any assumed zone.
    const QTimeZone ny = zone("America/New_York");
    UtcMicros t2 = -7;
    QVERIFY(parseTimestamp(sv(text), &ny, &t2, &error));
    QCOMPARE(t2, expected);
}

void TestTimeUtil::parseInvalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");

    auto row = [](const char *tag, const char *text, const QString &error) { QTest::newRow(tag) << QByteArray(text) << error; };
    row("empty", "", kExpected);
    row("blank", "   ", kExpected);
    row("garbage", "yesterday", kExpected);
    row("epoch seconds", "1714557322", kExpected);
    row("slashes", "2026/05/01T10:15:22Z", kExpected);
    row("short month", "2026-5-01T10:15:22Z", kExpected);
    row("short day", "2026-05-1", kExpected);
    row("two digit year", "26-05-01", kExpected);
    row("letter in year", "20x6-05-01", kExpected);
    row("date then junk", "2026-05-01X", kExpected);
    row("T only", "2026-05-01T", kExpected);
    row("hour only", "2026-05-01T10", kExpected);
    row("hour only Z", "2026-05-01T10Z", kExpected);
    row("one digit hour", "2026-05-01T1:15:22Z", kExpected);
    row("missing minute digit", "2026-05-01T10:1Z", kExpected);
    row("seconds colon only", "2026-05-01T10:15:Z", kExpected);
    row("one digit second", "2026-05-01T10:15:2Z", kExpected);
    row("fraction without digits", "2026-05-01T10:15:22.Z", kExpected);
    row("junk after Z", "2026-05-01T10:15:22Zjunk", kExpected);
    row("zone name", "2026-05-01T10:15:22 UTC", kExpected);
    row("sign without hours", "2026-05-01T10:15:22+", kExpected);
    row("one digit offset", "2026-05-01T10:15:22+5", kExpected);
    row("offset colon without minutes", "2026-05-01T10:15:22+05:", kExpected);
    row("offset one minute digit", "2026-05-01T10:15:22+05:3", kExpected);
    row("offset junk", "2026-05-01T10:15:22+05:30x", kExpected);
    row("offset seconds", "2026-05-01T10:15:22+05:30:00", kExpected);
    row("two zones", "2026-05-01T10:15:22Z+01:00", kExpected);
    row("february 30", "2026-02-30", kNoDate);
    row("february 30 timestamp", "2026-02-30T10:00:00Z", kNoDate);
    row("february 29 common year", "2026-02-29T00:00:00Z", kNoDate);
    row("february 29 in 2100", "2100-02-29", kNoDate);
    row("april 31", "2026-04-31T00:00:00Z", kNoDate);
    row("month 13", "2026-13-01T00:00:00Z", kNoDate);
    row("month 0", "2026-00-10T00:00:00Z", kNoDate);
    row("day 0", "2026-05-00T00:00:00Z", kNoDate);
    row("day 32", "2026-01-32", kNoDate);
    row("hour 25", "2026-05-01T25:00:00Z", kNoTimeOfDay);
    row("hour 99", "2026-05-01T99:00Z", kNoTimeOfDay);
    row("minute 60", "2026-05-01T10:60:00Z", kNoTimeOfDay);
    row("second 61", "2026-05-01T10:15:61Z", kNoTimeOfDay);
    row("24:00:01", "2026-05-01T24:00:01Z", kNoTimeOfDay);
    row("24:30", "2026-05-01T24:30Z", kNoTimeOfDay);
    row("offset 19 hours", "2026-05-01T10:15:22+19:00", kBadOffset);
    row("offset minute 60", "2026-05-01T10:15:22+05:60", kBadOffset);
    row("zone-less", "2026-05-01T10:15:22", kNoZone);
    row("zone-less space", "2026-05-01 10:15:22.5", kNoZone);
    row("zone-less no seconds", "2026-05-01T10:15", kNoZone);
}

void TestTimeUtil::parseInvalid()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    UtcMicros t = -7;
    QString why;
    QVERIFY(!parseTimestamp(sv(text), nullptr, &t, &why));
    QCOMPARE(why, error);
    QCOMPARE(t, UtcMicros(-7)); // untouched
    QVERIFY(!parseTimestamp(sv(text), nullptr, &t, nullptr)); // error is optional
    if (error != kNoZone) {
        // An assumed zone does not rescue malformed text.
        const QTimeZone tz = QTimeZone::utc();
        QString why2;
        QVERIFY(!parseTimestamp(sv(text), &tz, &t, &why2));
        QCOMPARE(why2, error);
    }
}

void TestTimeUtil::assumeTz_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<qint64>("expected");

    auto row = [](const char *text, const char *zone, qint64 expected) {
        QTest::addRow("%s in %s", text, zone) << QByteArray(text) << QByteArray(zone) << expected;
    };
    row("2026-05-01T10:15:22", "UTC", utc(2026, 5, 1, 10, 15, 22));
    row("2026-05-01T10:15:22.25", "UTC", utc(2026, 5, 1, 10, 15, 22, 250000));
    row("2026-05-01 10:15", "UTC", utc(2026, 5, 1, 10, 15));
    row("2026-05-01T10:15:22", "Etc/UTC", utc(2026, 5, 1, 10, 15, 22));
    row("2026-05-01T10:15:22", "+08:00", utc(2026, 5, 1, 2, 15, 22));
    row("2026-05-01T10:15:22", "-0330", utc(2026, 5, 1, 13, 45, 22));
    row("2026-05-01T10:15:22", "Asia/Shanghai", utc(2026, 5, 1, 2, 15, 22));
    row("2026-05-01T10:15:22", "Asia/Kolkata", utc(2026, 5, 1, 4, 45, 22));
    // New York: EST (UTC-5) in winter, EDT (UTC-4) in summer; both sides of both switches.
    row("2026-01-15T10:15:22", "America/New_York", utc(2026, 1, 15, 15, 15, 22));
    row("2026-05-01T10:15:22", "America/New_York", utc(2026, 5, 1, 14, 15, 22));
    row("2026-05-01T10:15:22.123456", "America/New_York", utc(2026, 5, 1, 14, 15, 22, 123456));
    row("2026-03-08T01:30:00", "America/New_York", utc(2026, 3, 8, 6, 30));
    row("2026-03-08T01:59:59", "America/New_York", utc(2026, 3, 8, 6, 59, 59));
    row("2026-03-08T03:00:00", "America/New_York", utc(2026, 3, 8, 7, 0));
    row("2026-03-08T03:30:00", "America/New_York", utc(2026, 3, 8, 7, 30));
    row("2026-11-01T00:30:00", "America/New_York", utc(2026, 11, 1, 4, 30));
    row("2026-11-01T02:30:00", "America/New_York", utc(2026, 11, 1, 7, 30));
    row("2026-11-02T09:00:00", "America/New_York", utc(2026, 11, 2, 14, 0));
    // A wall time the spring switch skips is read with the offset before the switch (as
    // Python's zoneinfo does with fold=0): 02:30 EST is 03:30 EDT.
    row("2026-03-08T02:30:00", "America/New_York", utc(2026, 3, 8, 7, 30));
    row("2026-03-08T02:00:00", "America/New_York", utc(2026, 3, 8, 7, 0));
    // A wall time the fall switch repeats is its first occurrence (EDT), as with fold=0.
    row("2026-11-01T01:30:00", "America/New_York", utc(2026, 11, 1, 5, 30));
    row("2026-11-01T01:00:00", "America/New_York", utc(2026, 11, 1, 5, 0));
    row("2026-11-01T01:59:59", "America/New_York", utc(2026, 11, 1, 5, 59, 59));
    row("2026-03-29T02:30:00", "Europe/Berlin", utc(2026, 3, 29, 1, 30));
    row("2026-10-25T02:30:00", "Europe/Berlin", utc(2026, 10, 25, 0, 30));
    row("2026-05-01T24:00:00", "America/New_York", utc(2026, 5, 2, 4, 0));
    row("2026-03-07T24:00:00", "America/New_York", utc(2026, 3, 8, 5, 0));
    // A bare date is midnight UTC whatever the assumed zone (dates carry no zone).
    row("2026-05-01", "America/New_York", utc(2026, 5, 1));
}

void TestTimeUtil::assumeTz()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, zone);
    QFETCH(qint64, expected);
    QTimeZone tz;
    QVERIFY(timeutil::zoneFromName(QString::fromLatin1(zone), &tz));
    QVERIFY(tz.isValid());
    UtcMicros t = 0;
    QString error;
    QVERIFY2(parseTimestamp(sv(text), &tz, &t, &error), qPrintable(error));
    QCOMPARE(timeutil::formatUtc(t), timeutil::formatUtc(expected));
    QCOMPARE(t, expected);
}

void TestTimeUtil::explicitZoneBeatsAssumeTz()
{
    const QTimeZone ny = zone("America/New_York");
    UtcMicros t = 0;
    QString error;
    QVERIFY(parseTimestamp("2026-01-15T10:15:22+01:00", &ny, &t, &error));
    QCOMPARE(t, utc(2026, 1, 15, 9, 15, 22));
    QVERIFY(parseTimestamp("2026-01-15T10:15:22Z", &ny, &t, &error));
    QCOMPARE(t, utc(2026, 1, 15, 10, 15, 22));
}

void TestTimeUtil::parseDate_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDate>("expected"); // invalid = refused

    auto row = [](const char *text, QDate expected) { QTest::addRow("%s", text) << QByteArray(text) << expected; };
    row("2026-05-01", QDate(2026, 5, 1));
    row("2024-02-29", QDate(2024, 2, 29));
    row("2000-02-29", QDate(2000, 2, 29));
    row("0001-01-01", QDate(1, 1, 1));
    row("9999-12-31", QDate(9999, 12, 31));
    row("2026-02-29", QDate());
    row("1900-02-29", QDate());
    row("2026-02-30", QDate());
    row("2026-13-01", QDate());
    row("2026-00-01", QDate());
    row("2026-01-00", QDate());
    row("2026-5-01", QDate());
    row("2026-05-01T00:00:00Z", QDate());
    row(" 2026-05-01", QDate());
    row("2026/05/01", QDate());
    row("", QDate());
}

void TestTimeUtil::parseDate()
{
    QFETCH(QByteArray, text);
    QFETCH(QDate, expected);
    QDate d(1999, 9, 9);
    QCOMPARE(timeutil::parseDate(sv(text), &d), expected.isValid());
    QCOMPARE(d, expected.isValid() ? expected : QDate(1999, 9, 9));
}

void TestTimeUtil::formatUtc_data()
{
    QTest::addColumn<qint64>("t");
    QTest::addColumn<QString>("text");

    auto row = [](qint64 t, const char *text) { QTest::addRow("%s", text) << t << QString::fromLatin1(text); };
    row(utc(2026, 5, 1, 10, 15, 22), "2026-05-01T10:15:22Z");
    row(utc(2026, 5, 1, 10, 15, 22, 123456), "2026-05-01T10:15:22.123456Z");
    row(utc(2026, 5, 1, 10, 15, 22, 500000), "2026-05-01T10:15:22.500000Z");
    row(utc(2026, 5, 1, 10, 15, 22, 1), "2026-05-01T10:15:22.000001Z");
    row(0, "1970-01-01T00:00:00Z");
    row(-1, "1969-12-31T23:59:59.999999Z");
    row(-kSec, "1969-12-31T23:59:59Z");
    row(-86400 * kSec, "1969-12-31T00:00:00Z");
    row(-86400 * kSec - 1, "1969-12-30T23:59:59.999999Z");
    row(Q_INT64_C(951825600) * kSec, "2000-02-29T12:00:00Z");
    row(Q_INT64_C(-62135596800) * kSec, "0001-01-01T00:00:00Z");
    row(Q_INT64_C(253402300799) * kSec + 999999, "9999-12-31T23:59:59.999999Z");
}

void TestTimeUtil::formatUtc()
{
    QFETCH(qint64, t);
    QFETCH(QString, text);
    QCOMPARE(timeutil::formatUtc(t), text);
    UtcMicros back = 0;
    QString error;
    const QByteArray latin = text.toLatin1();
    QVERIFY2(parseTimestamp(sv(latin), nullptr, &back, &error), qPrintable(error));
    QCOMPARE(back, t);
    QCOMPARE(timeutil::formatUtc(kNoTime), QString());
}

void TestTimeUtil::formatRoundTripRandom()
{
    QRandomGenerator g(4242);
    const qint64 lo = utc(1, 1, 1), hi = utc(9999, 12, 31, 23, 59, 59, 999999);
    for (int i = 0; i < 100000; ++i) {
        qint64 t = lo + static_cast<qint64>(g.bounded(static_cast<quint64>(hi - lo)));
        if (i % 3 == 0)
            t -= t % kSec; // whole seconds print without a fraction
        const QString s = timeutil::formatUtc(t);
        // QDateTime agrees on the calendar fields (to the millisecond).
        const QDateTime qdt = QDateTime::fromMSecsSinceEpoch(t >= 0 ? t / 1000 : (t - 999) / 1000, QTimeZone::utc());
        if (!s.startsWith(qdt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))))
            QFAIL(qPrintable(QStringLiteral("%1: %2 vs %3").arg(t).arg(s, qdt.toString(Qt::ISODateWithMs))));
        const QByteArray latin = s.toLatin1();
        UtcMicros back = 0;
        QString error;
        if (!parseTimestamp(sv(latin), nullptr, &back, &error) || back != t)
            QFAIL(qPrintable(QStringLiteral("%1 -> %2 -> %3 (%4)").arg(t).arg(s).arg(back).arg(error)));
    }
}

void TestTimeUtil::civilDaysAgainstQDate()
{
    // Every day from 0001-01-01 to 9999-12-31.
    const qint64 epochJd = QDate(1970, 1, 1).toJulianDay();
    const QDate end(9999, 12, 31);
    qint64 checked = 0;
    DayNumber expected = static_cast<DayNumber>(QDate(1, 1, 1).toJulianDay() - epochJd);
    for (QDate d(1, 1, 1); d <= end; d = d.addDays(1), ++expected) {
        const DayNumber dn = daysFromCivil(d.year(), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
        if (dn != expected)
            QFAIL(qPrintable(QStringLiteral("daysFromCivil(%1) = %2, expected %3").arg(d.toString(Qt::ISODate)).arg(dn).arg(expected)));
        int y = 0;
        unsigned m = 0, day = 0;
        civilFromDays(dn, &y, &m, &day);
        if (y != d.year() || static_cast<int>(m) != d.month() || static_cast<int>(day) != d.day())
            QFAIL(qPrintable(QStringLiteral("civilFromDays(%1) = %2-%3-%4, expected %5").arg(dn).arg(y).arg(m).arg(day).arg(d.toString(Qt::ISODate))));
        if (dayFromDate(d) != dn || dateFromDay(dn) != d)
            QFAIL(qPrintable(QStringLiteral("dayFromDate/dateFromDay disagree at %1").arg(d.toString(Qt::ISODate))));
        ++checked;
    }
    QCOMPARE(checked, Q_INT64_C(3652059));
}

void TestTimeUtil::civilDaysBeyondQDateRange()
{
    // Round trips far outside the usual range (proleptic Gregorian, astronomical year numbers).
    for (DayNumber dn = -5000000; dn <= 5000000; dn += 997) {
        int y = 0;
        unsigned m = 0, d = 0;
        civilFromDays(dn, &y, &m, &d);
        QVERIFY(m >= 1 && m <= 12 && d >= 1 && d <= 31);
        QCOMPARE(daysFromCivil(y, m, d), dn);
    }
    QCOMPARE(daysFromCivil(0, 3, 1), -719468); // the algorithm's era origin
    QCOMPARE(daysFromCivil(-1, 12, 31), -719529);
    QCOMPARE(daysFromCivil(0, 1, 1), -719528);
}

void TestTimeUtil::utcDayAndDayStart()
{
    QCOMPARE(utcDay(0), 0);
    QCOMPARE(utcDay(86400 * kSec - 1), 0);
    QCOMPARE(utcDay(86400 * kSec), 1);
    QCOMPARE(utcDay(-1), -1);
    QCOMPARE(utcDay(-86400 * kSec), -1);
    QCOMPARE(utcDay(-86400 * kSec - 1), -2);
    QCOMPARE(utcDay(utc(2026, 5, 1, 23, 59, 59, 999999)), daysFromCivil(2026, 5, 1));
    QCOMPARE(dayStart(daysFromCivil(2026, 5, 1)), utc(2026, 5, 1));
    QCOMPARE(dayStart(-1), -86400 * kSec);
    for (DayNumber d = -800000; d < 3000000; d += 1237) {
        QCOMPARE(utcDay(dayStart(d)), d);
        QCOMPARE(utcDay(dayStart(d) - 1), d - 1);
    }
}

void TestTimeUtil::dayString()
{
    QCOMPARE(timeutil::dayString(0), QStringLiteral("1970-01-01"));
    QCOMPARE(timeutil::dayString(-1), QStringLiteral("1969-12-31"));
    QCOMPARE(timeutil::dayString(daysFromCivil(2026, 5, 1)), QStringLiteral("2026-05-01"));
    QCOMPARE(timeutil::dayString(daysFromCivil(2024, 2, 29)), QStringLiteral("2024-02-29"));
    QCOMPARE(timeutil::dayString(daysFromCivil(1, 1, 1)), QStringLiteral("0001-01-01"));
    QCOMPARE(timeutil::dayString(daysFromCivil(9999, 12, 31)), QStringLiteral("9999-12-31"));
}

void TestTimeUtil::zoneFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("januaryOffset"); // seconds east of UTC on 2026-01-15
    QTest::addColumn<int>("julyOffset");

    auto row = [](const char *name, bool ok, int jan, int jul) {
        QTest::addRow("%s", name) << QString::fromLatin1(name) << ok << jan << jul;
    };
    row("UTC", true, 0, 0);
    row("utc", true, 0, 0);
    row("Z", true, 0, 0);
    row("", true, 0, 0);
    row(" UTC ", true, 0, 0);
    row("Etc/UTC", true, 0, 0);
    row("+08:00", true, 8 * 3600, 8 * 3600);
    row("+0800", true, 8 * 3600, 8 * 3600);
    row("+08", true, 8 * 3600, 8 * 3600);
    row("-05:00", true, -5 * 3600, -5 * 3600);
    row("-0330", true, -(3 * 3600 + 1800), -(3 * 3600 + 1800));
    row("+14:00", true, 14 * 3600, 14 * 3600);
    row("America/New_York", true, -5 * 3600, -4 * 3600);
    row("Europe/Berlin", true, 3600, 2 * 3600);
    row("Asia/Shanghai", true, 8 * 3600, 8 * 3600);
    row("Australia/Sydney", true, 11 * 3600, 10 * 3600);
    row("Not/AZone", false, 0, 0);
    row("+8", false, 0, 0);
    row("+08:0", false, 0, 0);
    row("+08:00x", false, 0, 0);
    row("+08:", false, 0, 0);
    row("+", false, 0, 0);
    row("+15:00", false, 0, 0);
    row("+08:60", false, 0, 0);
}

void TestTimeUtil::zoneFromName()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    QFETCH(int, januaryOffset);
    QFETCH(int, julyOffset);
    QTimeZone tz(3600); // a sentinel: must be left alone on failure
    QCOMPARE(timeutil::zoneFromName(name, &tz), ok);
    if (!ok) {
        QCOMPARE(tz, QTimeZone(3600));
        return;
    }
    QVERIFY(tz.isValid());
    QCOMPARE(tz.offsetFromUtc(QDateTime(QDate(2026, 1, 15), QTime(12, 0), QTimeZone::utc())), januaryOffset);
    QCOMPARE(tz.offsetFromUtc(QDateTime(QDate(2026, 7, 15), QTime(12, 0), QTimeZone::utc())), julyOffset);
}

void TestTimeUtil::dayInZone_data()
{
    QTest::addColumn<qint64>("t");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDate>("day");

    auto row = [](const char *tag, qint64 t, const char *zone, QDate day) { QTest::newRow(tag) << t << QByteArray(zone) << day; };
    row("utc", utc(2026, 5, 1, 23, 59, 59), "UTC", QDate(2026, 5, 1));
    row("utc next", utc(2026, 5, 2), "UTC", QDate(2026, 5, 2));
    row("utc before epoch", -1, "UTC", QDate(1969, 12, 31));
    row("new york evening", utc(2026, 5, 1, 3), "America/New_York", QDate(2026, 4, 30));
    row("new york edt midnight", utc(2026, 5, 1, 4), "America/New_York", QDate(2026, 5, 1));
    row("new york est before", utc(2026, 1, 15, 4, 59, 59), "America/New_York", QDate(2026, 1, 14));
    row("new york est midnight", utc(2026, 1, 15, 5), "America/New_York", QDate(2026, 1, 15));
    row("new york spring eve", utc(2026, 3, 8, 4, 59, 59), "America/New_York", QDate(2026, 3, 7));
    row("new york spring day", utc(2026, 3, 8, 5), "America/New_York", QDate(2026, 3, 8));
    row("new york after spring", utc(2026, 3, 9, 3, 59, 59), "America/New_York", QDate(2026, 3, 8));
    row("new york after spring midnight", utc(2026, 3, 9, 4), "America/New_York", QDate(2026, 3, 9));
    row("new york fall day", utc(2026, 11, 1, 4), "America/New_York", QDate(2026, 11, 1));
    row("new york fall late", utc(2026, 11, 2, 4, 59, 59), "America/New_York", QDate(2026, 11, 1));
    row("new york after fall", utc(2026, 11, 2, 5), "America/New_York", QDate(2026, 11, 2));
    row("shanghai", utc(2026, 5, 1, 16), "Asia/Shanghai", QDate(2026, 5, 2));
    row("shanghai before", utc(2026, 5, 1, 15, 59, 59), "Asia/Shanghai", QDate(2026, 5, 1));
    row("fixed +08:00", utc(2026, 5, 1, 16), "+08:00", QDate(2026, 5, 2));
    row("fixed -05:00", utc(2026, 5, 1, 4, 59, 59), "-05:00", QDate(2026, 4, 30));
    row("fixed +08:00 before epoch", -3600 * kSec, "+08:00", QDate(1970, 1, 1));
    row("kolkata half hour", utc(2026, 5, 1, 18, 30), "Asia/Kolkata", QDate(2026, 5, 2));
    row("kolkata half hour before", utc(2026, 5, 1, 18, 29, 59), "Asia/Kolkata", QDate(2026, 5, 1));
}

void TestTimeUtil::dayInZone()
{
    QFETCH(qint64, t);
    QFETCH(QByteArray, zone);
    QFETCH(QDate, day);
    const QTimeZone tz = ::zone(zone.constData());
    QCOMPARE(dateFromDay(timeutil::dayInZone(t, tz)), day);
    QCOMPARE(timeutil::dayInZone(t, tz), dayFromDate(day));
}

QTEST_GUILESS_MAIN(TestTimeUtil)
#include "tst_timeutil.moc"
