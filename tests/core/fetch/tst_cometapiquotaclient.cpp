// SPDX-License-Identifier: Apache-2.0
// CometApiQuotaClient against a fake /user/quota on 127.0.0.1: the window, the answer saved as
// received, dates refused before sending, 401/403, 429 + Retry-After, 5xx then success, retries
// running out, a stalled connection, truncated JSON, refusals in a 200, cancellation; the key
// never in a message or a saved byte.
#include "core/fetch/cometapiquotaclient.h"
#include "core/import/importer.h"
#include "core/util/timeutil.h"
#include "tests/core/fetch/fakehttpserver.h"
#include "tests/core/fetch/fetchtesthelpers.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace tl;
using namespace tltest;

namespace {

struct Run
{
    FetchResult result;
    QStringList progress;
    qint64 elapsedMs = 0;
};

Run fetch(FakeHttpServer &server, const QString &start, const QString &end, const HttpRetryPolicy &policy = fastPolicy())
{
    CometApiQuotaClient client;
    client.setBaseUrl(server.baseUrl());
    client.setKey(kQueryKey);
    client.setRetryPolicy(policy);
    client.fetcher()->setRandomSeed(7);
    Run run;
    QObject::connect(&client, &CometApiQuotaClient::progress, [&](const QString &m) { run.progress << m; });
    QElapsedTimer t;
    t.start();
    run.result = client.fetch(start, end);
    run.elapsedMs = t.elapsed();
    return run;
}

QString prefix(const FakeHttpServer &server, const QString &query)
{
    return QStringLiteral("CometAPI usage query: GET %1/user/quota?key=%2%3")
        .arg(server.baseUrl().toString(), tokenOf(kQueryKey), query);
}

const QString kWindowQuery = QStringLiteral("&start_date=2026-05-01&end_date=2026-05-31");

/** The key appears nowhere: not raw, not percent-encoded. */
void verifyNoKey(const Run &run)
{
    const QByteArray encoded = QUrl::toPercentEncoding(QString::fromLatin1(kQueryKey));
    QStringList texts = run.progress;
    texts << run.result.message << run.result.source;
    for (const QString &t : texts) {
        QVERIFY2(!t.contains(QString::fromLatin1(kQueryKey)), qPrintable(t));
        QVERIFY2(!t.contains(QString::fromLatin1(encoded)), qPrintable(t));
    }
    QVERIFY(!run.result.body.contains(kQueryKey));
}

} // namespace

class TestCometApiQuotaClient : public QObject
{
    Q_OBJECT

private slots:
    void windowAnswerSavedAsReceived();
    void totalsWithoutDates();
    void emptyWindowHasNoDailyQuota_data();
    void emptyWindowHasNoDailyQuota();
    void malformedDatesRefusedBeforeSending_data();
    void malformedDatesRefusedBeforeSending();
    void plainHttpToAnotherHostRefused();
    void unauthorized_data();
    void unauthorized();
    void rateLimitedHonoursRetryAfter();
    void serverErrorThenSuccess();
    void retriesRunOut();
    void retryAfterLongerThanWeWait();
    void stalledConnectionTimesOut();
    void truncatedJson();
    void connectionBrokenMidAnswer();
    void refusalInside200();
    void connectionRefused();
    void cancelWhileWaitingToRetry();
    void cancelInFlight();
    void echoedKeyIsNotSaved();
    void baseUrlWithPathPrefix();
};

void TestCometApiQuotaClient::windowAnswerSavedAsReceived()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    const UtcMicros before = QDateTime::currentSecsSinceEpoch() * 1000000LL;
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    const FetchResult &r = run.result;
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.body, kQuotaWindow); // byte for byte
    QCOMPARE(r.attempts, 1);
    QCOMPARE(r.format, QStringLiteral("cometapi_quota"));
    QVERIFY(r.observedAt >= before && r.observedAt <= QDateTime::currentSecsSinceEpoch() * 1000000LL);
    QCOMPARE(server.requests.size(), 1);
    const FakeRequest &req = server.requests[0];
    QCOMPARE(req.method, QByteArray("GET"));
    QCOMPARE(req.path(), QByteArray("/user/quota"));
    QCOMPARE(req.param(QStringLiteral("key")).toLatin1(), kQueryKey);
    QCOMPARE(req.param(QStringLiteral("start_date")), QStringLiteral("2026-05-01"));
    QCOMPARE(req.param(QStringLiteral("end_date")), QStringLiteral("2026-05-31"));
    QCOMPARE(r.source, prefix(server, kWindowQuery).section(QLatin1Char(' '), 4));
    // exact amounts, as written by the service
    QCOMPARE(r.summaryValue(QStringLiteral("total_quota")).toString(), QStringLiteral("2105.234088"));
    QCOMPARE(r.summaryValue(QStringLiteral("total_used_quota")).toString(), QStringLiteral("21.065912"));
    QCOMPARE(r.summaryValue(QStringLiteral("request_count")).toString(), QStringLiteral("1221"));
    QCOMPARE(r.summaryValue(QStringLiteral("daily_quota_dates")).toArray(), (QJsonArray{QStringLiteral("2026-05-01"), QStringLiteral("2026-05-02")}));
    QCOMPARE(r.summaryValue(QStringLiteral("daily_quota_entries")).toInt(), 3);
    verifyNoKey(run);

    // The existing importer reads what was saved, with its observation time.
    ImportOptions o;
    o.kind = LedgerKind::Provider;
    o.format = QStringLiteral("cometapi_quota");
    o.observedAt = r.observedAt;
    LedgerSet set;
    const ImportReport rep = Importer::importBytes(r.body, o, set);
    QCOMPARE(rep.rowsAccepted, 3);
    QCOMPARE(set.observations.size(), std::size_t(1));
    QCOMPARE(set.observations[0].observedAt, r.observedAt);
}

void TestCometApiQuotaClient::totalsWithoutDates()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaTotals));
    const Run run = fetch(server, QString(), QString());
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(server.requests[0].target, QByteArray("/user/quota?key=") + kQueryKey);
    QCOMPARE(run.result.summaryValue(QStringLiteral("daily_quota_present")).toBool(), false);
    QCOMPARE(run.result.summaryValue(QStringLiteral("start_date")).isNull(), true);
    QCOMPARE(run.result.body, kQuotaTotals);
}

void TestCometApiQuotaClient::emptyWindowHasNoDailyQuota_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("present");
    QTest::newRow("daily_quota absent") << kQuotaTotals << false;
    QTest::newRow("daily_quota {}") << QByteArray(R"({"total_quota":5,"total_used_quota":0,"request_count":0,"keys":[],"daily_quota":{}})") << true;
    QTest::newRow("daily_quota []") << QByteArray(R"({"total_quota":5,"total_used_quota":0,"request_count":0,"keys":[],"daily_quota":[]})") << true;
    QTest::newRow("daily_quota null") << QByteArray(R"({"total_quota":5,"total_used_quota":0,"request_count":0,"daily_quota":null})") << false;
}

void TestCometApiQuotaClient::emptyWindowHasNoDailyQuota()
{
    QFETCH(QByteArray, answer);
    QFETCH(bool, present);
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(answer));
    const Run run = fetch(server, QStringLiteral("2019-01-01"), QStringLiteral("2019-01-31"));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(run.result.summaryValue(QStringLiteral("daily_quota_present")).toBool(), present);
    QCOMPARE(run.result.summaryValue(QStringLiteral("daily_quota_entries")).toInt(), 0);
    QCOMPARE(run.result.summaryValue(QStringLiteral("daily_quota_dates")).toArray().size(), 0);
}

void TestCometApiQuotaClient::malformedDatesRefusedBeforeSending_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<QString>("message");
    const QString slash = QStringLiteral("CometAPI usage query: start date \"2026/06/01\" is not a date in the form YYYY-MM-DD; refused before sending");
    QTest::newRow("2026/06/01 (seed 004)") << QStringLiteral("2026/06/01") << QStringLiteral("2026-06-30") << slash;
    QTest::newRow("no leading zeros") << QStringLiteral("2026-06-01") << QStringLiteral("2026-6-30")
                                      << QStringLiteral("CometAPI usage query: end date \"2026-6-30\" is not a date in the form YYYY-MM-DD; refused before sending");
    QTest::newRow("30 February") << QStringLiteral("2026-02-30") << QStringLiteral("2026-03-01")
                                 << QStringLiteral("CometAPI usage query: start date \"2026-02-30\" is not a date in the form YYYY-MM-DD; refused before sending");
    QTest::newRow("a timestamp") << QStringLiteral("2026-06-01T00:00:00Z") << QStringLiteral("2026-06-02")
                                 << QStringLiteral("CometAPI usage query: start date \"2026-06-01T00:00:00Z\" is not a date in the form YYYY-MM-DD; refused before sending");
    QTest::newRow("start after end") << QStringLiteral("2026-06-02") << QStringLiteral("2026-06-01")
                                     << QStringLiteral("CometAPI usage query: start date 2026-06-02 is after end date 2026-06-01");
    QTest::newRow("start only") << QStringLiteral("2026-06-01") << QString()
                                << QStringLiteral("CometAPI usage query: start and end dates go together: give both (a window, answered with "
                                                  "daily_quota) or neither (lifetime totals only)");
}

void TestCometApiQuotaClient::malformedDatesRefusedBeforeSending()
{
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(QString, message);
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    const Run run = fetch(server, start, end);
    QCOMPARE(run.result.status, FetchResult::Status::InvalidInput);
    QCOMPARE(run.result.message, message);
    QCOMPARE(run.result.attempts, 0);
    QVERIFY(run.result.body.isEmpty());
    QCOMPARE(server.requests.size(), 0); // nothing was sent
}

void TestCometApiQuotaClient::plainHttpToAnotherHostRefused()
{
    CometApiQuotaClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://query.example.com")));
    client.setKey(kQueryKey);
    const FetchResult r = client.fetch();
    QCOMPARE(r.status, FetchResult::Status::InvalidInput);
    QCOMPARE(r.message, QStringLiteral("CometAPI usage query: refusing to send the credential unencrypted to query.example.com over plain http; use https"));
}

void TestCometApiQuotaClient::unauthorized_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("401") << 401 << QByteArray("Unauthorized");
    QTest::newRow("403") << 403 << QByteArray("Forbidden");
}

void TestCometApiQuotaClient::unauthorized()
{
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    FakeHttpServer server;
    QVERIFY(server.listen());
    // the service quotes the key back in its complaint: it must not reach the message
    server.enqueue(FakeResponse::json(status, reason, R"({"success":false,"message":"invalid key )" + kQueryKey + R"("})"));
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    QCOMPARE(run.result.status, FetchResult::Status::Unauthorized);
    QCOMPARE(run.result.message,
             prefix(server, kWindowQuery)
                 + QStringLiteral(": HTTP %1 %2: the query key was refused (wrong, expired or revoked key); check the key file "
                                  "(the server says: \"invalid key %3\")")
                       .arg(status)
                       .arg(QString::fromLatin1(reason), tokenOf(kQueryKey)));
    QCOMPARE(run.result.attempts, 1); // a bad key is not retried
    QCOMPARE(run.result.httpStatus, status);
    QVERIFY(run.result.body.isEmpty());
    verifyNoKey(run);
}

void TestCometApiQuotaClient::rateLimitedHonoursRetryAfter()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeResponse limited = FakeResponse::json(429, "Too Many Requests", R"({"error":{"message":"rate limited"}})");
    limited.headers << std::pair{QByteArray("Retry-After"), QByteArray("1")};
    server.enqueue(limited);
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(run.result.attempts, 2);
    QCOMPARE(server.requests.size(), 2);
    QVERIFY2(run.elapsedMs >= 1000, qPrintable(QString::number(run.elapsedMs))); // waited as asked, not the 10 ms backoff
    QCOMPARE(run.progress, QStringList{prefix(server, kWindowQuery)
                                       + QStringLiteral(": HTTP 429 Too Many Requests (the server says: \"rate limited\"); retry 1 of 2 in 1 s (Retry-After)")});
    QCOMPARE(run.result.body, kQuotaWindow);
}

void TestCometApiQuotaClient::serverErrorThenSuccess()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::json(500, "Internal Server Error", "upstream failed"));
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(run.result.attempts, 2);
    QCOMPARE(run.progress.size(), 1);
    QVERIFY2(run.progress[0].startsWith(prefix(server, kWindowQuery) + QStringLiteral(": HTTP 500 Internal Server Error; retry 1 of 2 in ")),
             qPrintable(run.progress[0]));
    QCOMPARE(run.result.body, kQuotaWindow);
}

void TestCometApiQuotaClient::retriesRunOut()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    for (int i = 0; i < 3; ++i)
        server.enqueue(FakeResponse::json(503, "Service Unavailable", "{}"));
    server.enqueue(FakeResponse::ok(kQuotaWindow)); // never reached
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"), fastPolicy(3));
    QCOMPARE(run.result.status, FetchResult::Status::HttpError);
    QCOMPARE(run.result.attempts, 3);
    QCOMPARE(server.requests.size(), 3);
    QCOMPARE(run.progress.size(), 2);
    QCOMPARE(run.result.message, prefix(server, kWindowQuery) + QStringLiteral(": HTTP 503 Service Unavailable (3 attempts)"));
    QVERIFY(run.result.body.isEmpty());
}

void TestCometApiQuotaClient::retryAfterLongerThanWeWait()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeResponse limited = FakeResponse::json(429, "Too Many Requests", "{}");
    limited.headers << std::pair{QByteArray("Retry-After"), QByteArray("3600")};
    server.enqueue(limited);
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    QCOMPARE(run.result.status, FetchResult::Status::HttpError);
    QCOMPARE(run.result.message, prefix(server, kWindowQuery)
                                     + QStringLiteral(": HTTP 429 Too Many Requests; the server asks to wait 60 min before retrying, "
                                                      "longer than the 2 min this fetch waits"));
    QCOMPARE(server.requests.size(), 1);
    QVERIFY(run.elapsedMs < 3000);
}

void TestCometApiQuotaClient::stalledConnectionTimesOut()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::hang());
    server.enqueue(FakeResponse::hang());
    HttpRetryPolicy p = fastPolicy(2);
    p.timeoutMs = 250;
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"), p);
    QCOMPARE(run.result.status, FetchResult::Status::TimedOut);
    QCOMPARE(run.result.message, prefix(server, kWindowQuery) + QStringLiteral(": no answer within 250 ms (2 attempts)"));
    QCOMPARE(run.result.attempts, 2);
    QCOMPARE(server.requests.size(), 2);
    QVERIFY(run.elapsedMs >= 500 && run.elapsedMs < 4000);
}

void TestCometApiQuotaClient::truncatedJson()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaWindow.left(120)));
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    QCOMPARE(run.result.status, FetchResult::Status::MalformedResponse);
    QVERIFY2(run.result.message.startsWith(prefix(server, kWindowQuery) + QStringLiteral(": the answer is not valid JSON (")),
             qPrintable(run.result.message));
    QCOMPARE(run.result.attempts, 1); // the same bytes would come again
    QVERIFY(run.result.body.isEmpty());
}

void TestCometApiQuotaClient::connectionBrokenMidAnswer()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeResponse broken = FakeResponse::ok(kQuotaWindow.left(100));
    broken.mode = FakeResponse::Mode::CloseEarly;
    server.enqueue(broken);
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    const Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message)); // a broken connection is retried
    QCOMPARE(run.result.attempts, 2);
    QCOMPARE(run.progress.size(), 1);
    QVERIFY2(run.progress[0].contains(QStringLiteral("the connection broke before the whole answer arrived")), qPrintable(run.progress[0]));
    QCOMPARE(run.result.body, kQuotaWindow);
}

void TestCometApiQuotaClient::refusalInside200()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(R"({"success":false,"message":"date format error"})"));
    server.enqueue(FakeResponse::ok(R"({"message":"key not found: )" + kQueryKey + R"("})"));
    Run run = fetch(server, QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    QCOMPARE(run.result.status, FetchResult::Status::ServiceError);
    QCOMPARE(run.result.message, prefix(server, kWindowQuery) + QStringLiteral(": the service answered success=false: date format error"));
    run = fetch(server, QString(), QString());
    QCOMPARE(run.result.status, FetchResult::Status::ServiceError);
    QCOMPARE(run.result.message, prefix(server, QString()) + QStringLiteral(": the service answered without usage figures: key not found: ") + tokenOf(kQueryKey));
    verifyNoKey(run);
}

void TestCometApiQuotaClient::connectionRefused()
{
    quint16 port = 0;
    {
        FakeHttpServer gone;
        QVERIFY(gone.listen());
        port = static_cast<quint16>(gone.baseUrl().port());
    }
    CometApiQuotaClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    client.setKey(kQueryKey);
    client.setRetryPolicy(fastPolicy(3));
    QStringList progress;
    QObject::connect(&client, &CometApiQuotaClient::progress, [&](const QString &m) { progress << m; });
    const FetchResult r = client.fetch(QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31"));
    QCOMPARE(r.status, FetchResult::Status::ConnectionFailed);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(progress.size(), 2);
    QCOMPARE(r.message, QStringLiteral("CometAPI usage query: GET http://127.0.0.1:%1/user/quota?key=%2%3: Connection refused (3 attempts)")
                            .arg(port)
                            .arg(tokenOf(kQueryKey), kWindowQuery));
}

void TestCometApiQuotaClient::cancelWhileWaitingToRetry()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::json(502, "Bad Gateway", "{}"));
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    CometApiQuotaClient client;
    client.setBaseUrl(server.baseUrl());
    client.setKey(kQueryKey);
    HttpRetryPolicy p = fastPolicy(3);
    p.baseDelayMs = 20000; // a long wait, cut short by Cancel
    client.setRetryPolicy(p);
    QSignalSpy finished(&client, &CometApiQuotaClient::finished);
    QObject::connect(&client, &CometApiQuotaClient::progress, &client, &CometApiQuotaClient::cancel, Qt::QueuedConnection);
    client.start(QStringLiteral("2026-05-01"), QStringLiteral("2026-05-31")); // asynchronous, as the GUI uses it
    QVERIFY(client.isBusy());
    QVERIFY(finished.wait(5000));
    const FetchResult r = finished.at(0).at(0).value<FetchResult>();
    QCOMPARE(r.status, FetchResult::Status::Cancelled);
    QCOMPARE(r.message, prefix(server, kWindowQuery) + QStringLiteral(": cancelled"));
    QCOMPARE(r.attempts, 1);
    QCOMPARE(server.requests.size(), 1);
    QVERIFY(r.body.isEmpty());
    QVERIFY(!client.isBusy());
}

void TestCometApiQuotaClient::cancelInFlight()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::hang());
    CometApiQuotaClient client;
    client.setBaseUrl(server.baseUrl());
    client.setKey(kQueryKey);
    client.setRetryPolicy(fastPolicy(3));
    QSignalSpy finished(&client, &CometApiQuotaClient::finished);
    client.start();
    QTimer::singleShot(200, &client, &CometApiQuotaClient::cancel);
    QVERIFY(finished.wait(5000));
    const FetchResult r = finished.at(0).at(0).value<FetchResult>();
    QCOMPARE(r.status, FetchResult::Status::Cancelled);
    QCOMPARE(r.attempts, 1);
    QCOMPARE(server.requests.size(), 1);
}

void TestCometApiQuotaClient::echoedKeyIsNotSaved()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    QByteArray answer = kQuotaTotals;
    answer.chop(1);
    answer += R"(,"query_key":")" + kQueryKey + R"("})";
    server.enqueue(FakeResponse::ok(answer));
    const Run run = fetch(server, QString(), QString());
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QVERIFY(!run.result.body.contains(kQueryKey));
    QByteArray expected = answer;
    expected.replace(kQueryKey, tokenOf(kQueryKey).toLatin1());
    QCOMPARE(run.result.body, expected); // minus the key, nothing else changed
    QCOMPARE(run.result.summaryValue(QStringLiteral("key_redactions")).toInt(), 1);
}

void TestCometApiQuotaClient::baseUrlWithPathPrefix()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaTotals));
    CometApiQuotaClient client;
    client.setBaseUrl(QUrl(server.baseUrl().toString() + QStringLiteral("/proxy/cometapi/")));
    client.setKey(kQueryKey);
    QVERIFY(client.fetch().ok());
    QCOMPARE(server.requests[0].path(), QByteArray("/proxy/cometapi/user/quota"));
}

QTEST_GUILESS_MAIN(TestCometApiQuotaClient)
#include "tst_cometapiquotaclient.moc"
