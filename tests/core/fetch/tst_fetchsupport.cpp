// SPDX-License-Identifier: Apache-2.0
// The small parts under the fetch clients: HttpRetryPolicy (backoff, jitter bounds, Retry-After,
// what is retried), UrlRedaction, SecretSource (key files) and ObservationFile (both files or
// neither, the sidecar's observed_at).
#include "core/fetch/httpretrypolicy.h"
#include "core/fetch/observationfile.h"
#include "core/fetch/secretsource.h"
#include "core/fetch/urlredaction.h"
#include "core/util/sha256.h"
#include "core/util/timeutil.h"
#include "tests/core/fetch/fetchtesthelpers.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace tl;
using namespace tltest;

class TestFetchSupport : public QObject
{
    Q_OBJECT

private slots:
    void backoff_data();
    void backoff();
    void retryAfterWins();
    void retryAfter_data();
    void retryAfter();
    void retryableStatuses();
    void formatDuration_data();
    void formatDuration();
    void displayUrlRedactsCredentials();
    void scrubRawAndEncoded();
    void keyFile_data();
    void keyFile();
    void observationWritesBothFiles();
    void observationWritesNothingOnFailure();
};

void TestFetchSupport::backoff_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("ms");
    // base 1000, cap 30000, equal jitter: [full/2, full)
    QTest::newRow("after 1st, low") << 1 << 0.0 << qint64(500);
    QTest::newRow("after 1st, high") << 1 << 0.999 << qint64(999);
    QTest::newRow("after 2nd, low") << 2 << 0.0 << qint64(1000);
    QTest::newRow("after 3rd, mid") << 3 << 0.5 << qint64(3000);
    QTest::newRow("capped") << 10 << 0.0 << qint64(15000);
    QTest::newRow("capped, high") << 30 << 0.999 << qint64(29985);
}

void TestFetchSupport::backoff()
{
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(qint64, ms);
    HttpRetryPolicy p;
    QCOMPARE(p.backoffMs(attempt, random), ms);
}

void TestFetchSupport::retryAfterWins()
{
    HttpRetryPolicy p;
    QCOMPARE(p.delayMs(1, 7000, 0.5), qint64(7000)); // never sooner than asked
    QCOMPARE(p.delayMs(3, 100, 0.0), qint64(2000));  // but not shorter than the backoff either
    QCOMPARE(p.delayMs(1, -1, 0.0), qint64(500));
}

void TestFetchSupport::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("seconds") << QByteArray("7") << qint64(7000);
    QTest::newRow("zero") << QByteArray(" 0 ") << qint64(0);
    QTest::newRow("HTTP-date") << QByteArray("Fri, 05 Jun 2026 10:00:30 GMT") << qint64(30000);
    QTest::newRow("date in the past") << QByteArray("Fri, 05 Jun 2026 09:00:00 GMT") << qint64(0);
    QTest::newRow("absent") << QByteArray() << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
}

void TestFetchSupport::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, ms);
    const QDateTime now(QDate(2026, 6, 5), QTime(10, 0, 0), QTimeZone::utc());
    QCOMPARE(HttpRetryPolicy::parseRetryAfter(value, now), ms);
}

void TestFetchSupport::retryableStatuses()
{
    for (int s : {408, 429, 500, 502, 503, 504, 520})
        QVERIFY2(HttpRetryPolicy::isRetryableStatus(s), qPrintable(QString::number(s)));
    for (int s : {400, 401, 403, 404, 422, 501, 505})
        QVERIFY2(!HttpRetryPolicy::isRetryableStatus(s), qPrintable(QString::number(s)));
    // a request that costs money is sent again only when it cannot have been served
    QVERIFY(HttpRetryPolicy::isRetryableStatus(429, false));
    QVERIFY(HttpRetryPolicy::isRetryableStatus(503, false));
    QVERIFY(!HttpRetryPolicy::isRetryableStatus(500, false));
    QVERIFY(!HttpRetryPolicy::isRetryableStatus(504, false));
}

void TestFetchSupport::formatDuration_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("ms") << qint64(250) << QStringLiteral("250 ms");
    QTest::newRow("s") << qint64(1000) << QStringLiteral("1 s");
    QTest::newRow("tenths") << qint64(1460) << QStringLiteral("1.5 s");
    QTest::newRow("min") << qint64(3600000) << QStringLiteral("60 min");
}

void TestFetchSupport::formatDuration()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(HttpRetryPolicy::formatDuration(ms), text);
}

void TestFetchSupport::displayUrlRedactsCredentials()
{
    const QString t = tokenOf(kQueryKey);
    QVERIFY(t.startsWith(QLatin1String("key#")));
    QCOMPARE(t.size(), 16);
    QCOMPARE(t, QStringLiteral("key#") + Sha256::hex(kQueryKey).left(12)); // formats.md, Secrets
    QUrl u(QStringLiteral("https://user:pw@query.cometapi.com/user/quota?key=%1&start_date=2026-05-01").arg(QString::fromLatin1(kQueryKey)));
    QCOMPARE(UrlRedaction::displayUrl(u), QStringLiteral("https://user@query.cometapi.com/user/quota?key=%1&start_date=2026-05-01").arg(t));
    QCOMPARE(UrlRedaction::displayUrl(QUrl(QStringLiteral("https://x.test/a?access_token=abc&p=1"))),
             QStringLiteral("https://x.test/a?access_token=%1&p=1").arg(tokenOf("abc")));
    QCOMPARE(UrlRedaction::displayUrl(QUrl(QStringLiteral("https://x.test/a"))), QStringLiteral("https://x.test/a"));
}

void TestFetchSupport::scrubRawAndEncoded()
{
    const QByteArray key = "k+y/with=odd&chars-0123456789";
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(key)));
    const QString text = QStringLiteral("Error transferring https://h/user/quota?key=%1 - server replied: %2").arg(encoded, QString::fromLatin1(key));
    const QString scrubbed = UrlRedaction::scrub(text, {key});
    QCOMPARE(scrubbed, QStringLiteral("Error transferring https://h/user/quota?key=%1 - server replied: %1").arg(tokenOf(key)));
    qint64 n = 0;
    QCOMPARE(UrlRedaction::scrub(QByteArray("a ") + key + " b " + key, {key}, &n), "a " + tokenOf(key).toLatin1() + " b " + tokenOf(key).toLatin1());
    QCOMPARE(n, qint64(2));
}

void TestFetchSupport::keyFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("error");
    QTest::newRow("plain") << QByteArray("sk-abc123\n") << QByteArray("sk-abc123") << QString();
    QTest::newRow("CRLF and blanks") << QByteArray("\r\n  sk-abc123  \r\nsecond line\r\n") << QByteArray("sk-abc123") << QString();
    QTest::newRow("empty") << QByteArray("\n\n") << QByteArray() << QStringLiteral("%1: no key in it (expected the key on the first line)");
    QTest::newRow("spaces inside") << QByteArray("sk-abc 123\n") << QByteArray()
                                   << QStringLiteral("%1: the key contains white space or a control character (expected one key on one line)");
}

void TestFetchSupport::keyFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, key);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("query.key"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QByteArray got;
    QString warning, why;
    const bool ok = SecretSource::readFile(path, &got, &warning, &why);
    QCOMPARE(ok, error.isEmpty());
    if (ok) {
        QCOMPARE(got, key);
        QVERIFY(warning.isEmpty());
    } else {
        QCOMPARE(why, error.arg(path));
        QVERIFY(!why.contains(QLatin1String("sk-abc")));
    }
}

void TestFetchSupport::observationWritesBothFiles()
{
    QTemporaryDir dir;
    FetchResult r;
    r.format = QStringLiteral("cometapi_quota");
    r.body = kQuotaWindow;
    r.attempts = 2;
    r.requests = 1;
    r.source = QStringLiteral("https://query.cometapi.com/user/quota?key=%1&start_date=2026-05-01&end_date=2026-05-31").arg(tokenOf(kQueryKey));
    QString why;
    QVERIFY(timeutil::parseTimestamp("2026-06-05T10:15:22Z", nullptr, &r.observedAt, &why));
    QVERIFY(timeutil::parseTimestamp("2026-06-05T10:15:20Z", nullptr, &r.startedAt, &why));
    r.setSummary(QStringLiteral("start_date"), QStringLiteral("2026-05-01"));
    r.setSummary(QStringLiteral("daily_quota_entries"), 3);
    const QString path = dir.filePath(QStringLiteral("usage.json"));
    QVERIFY2(ObservationFile::write(r, path, &why), qPrintable(why));
    QFile body(path), side(path + QStringLiteral(".observed"));
    QVERIFY(body.open(QIODevice::ReadOnly) && side.open(QIODevice::ReadOnly));
    QCOMPARE(body.readAll(), kQuotaWindow);
    const QByteArray sideBytes = side.readAll();
    QCOMPARE(sideBytes, QByteArray("{\n"
                                   " \"observed_at\": \"2026-06-05T10:15:22Z\",\n"
                                   " \"started_at\": \"2026-06-05T10:15:20Z\",\n"
                                   " \"kind\": \"provider\",\n"
                                   " \"format\": \"cometapi_quota\",\n"
                                   " \"file\": \"usage.json\",\n"
                                   " \"sha256\": \"")
                            + Sha256::hex(kQuotaWindow).toLatin1()
                            + "\",\n \"size\": " + QByteArray::number(kQuotaWindow.size())
                            + ",\n \"source\": \"" + r.source.toLatin1()
                            + "\",\n"
                              " \"requests\": 1,\n"
                              " \"http_attempts\": 2,\n"
                              " \"summary\": {\n"
                              "  \"start_date\": \"2026-05-01\",\n"
                              "  \"daily_quota_entries\": 3\n"
                              " },\n"
                              " \"import_command\": \"tokenledger-cli import usage.json --kind provider --format cometapi_quota --observed-at 2026-06-05T10:15:22Z\",\n"
                              " \"fetched_by\": \"tokenledger " TOKENLEDGER_VERSION " (" TOKENLEDGER_COMMIT ")\"\n"
                              "}\n");
    UtcMicros back = kNoTime;
    QVERIFY2(ObservationFile::readObservedAt(path + QStringLiteral(".observed"), &back, &why), qPrintable(why));
    QCOMPARE(back, r.observedAt);
}

void TestFetchSupport::observationWritesNothingOnFailure()
{
    QTemporaryDir dir;
    FetchResult failed;
    failed.status = FetchResult::Status::TimedOut;
    failed.message = QStringLiteral("no answer");
    QString why;
    const QString path = dir.filePath(QStringLiteral("usage.json"));
    QVERIFY(!ObservationFile::write(failed, path, &why));
    QCOMPARE(why, path + QStringLiteral(": not written: the fetch failed"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());

    // a directory that does not exist: neither file, no temporary left behind
    FetchResult ok;
    ok.format = QStringLiteral("cometapi_quota");
    ok.body = kQuotaTotals;
    ok.observedAt = 0;
    QVERIFY(!ObservationFile::write(ok, dir.filePath(QStringLiteral("missing/usage.json")), &why));
    QVERIFY2(why.startsWith(dir.filePath(QStringLiteral("missing/usage.json")) + QStringLiteral(": cannot write: ")), qPrintable(why));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

QTEST_GUILESS_MAIN(TestFetchSupport)
#include "tst_fetchsupport.moc"
