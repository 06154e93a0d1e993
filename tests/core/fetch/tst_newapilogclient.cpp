// SPDX-License-Identifier: Apache-2.0
// NewApiLogClient against a fake /api/log/self on 127.0.0.1: headers, the half-open window in
// whole seconds, pages followed until `total` (new-api) or an empty page (one-api), a page
// retried, a failure mid-way keeping nothing, refusals, and the saved file read by the
// newapi_logs importer.
#include "core/fetch/newapilogclient.h"
#include "core/import/importer.h"
#include "core/util/timeutil.h"
#include "tests/core/fetch/fakehttpserver.h"
#include "tests/core/fetch/fetchtesthelpers.h"

#include <QSignalSpy>
#include <QTest>

using namespace tl;
using namespace tltest;

namespace {

UtcMicros utc(const char *text)
{
    UtcMicros t = kNoTime;
    QString why;
    const bool ok = timeutil::parseTimestamp(text, nullptr, &t, &why);
    Q_ASSERT(ok);
    return t;
}

/** Serves `total` logs in pages of page_size, numbered from `first`, newest first. */
FakeHttpServer::Handler pages(int total, int first = 1, bool bareArrays = false)
{
    return [=](const FakeRequest &req) {
        const int asked = req.param(QStringLiteral("p")).toInt();
        const int size = req.param(QStringLiteral("page_size")).toInt();
        const int page = std::max(asked, first);
        const int offset = (page - first) * size;
        const int count = std::clamp(total - offset, 0, size);
        const QByteArray body = newApiPage(page, size, total, total - offset, count);
        if (!bareArrays)
            return FakeResponse::ok(body);
        // one-api: {"success":true,"message":"","data":[…]}, no total, no page
        const qsizetype items = body.indexOf("\"items\":") + 8;
        return FakeResponse::ok("{\"success\":true,\"message\":\"\",\"data\":" + body.mid(items, body.size() - items - 2) + "}");
    };
}

FetchResult fetch(FakeHttpServer &server, NewApiLogClient &client, const char *start = "2026-05-01T00:00:00Z", const char *end = "2026-06-01T00:00:00Z")
{
    client.setBaseUrl(server.baseUrl());
    client.setUserId(QStringLiteral("42"));
    client.setAccessToken(kAccessToken);
    client.setRetryPolicy(fastPolicy());
    return client.fetch(utc(start), utc(end));
}

LedgerSet importSaved(const FetchResult &r, ImportReport *report = nullptr)
{
    ImportOptions o;
    o.kind = LedgerKind::Provider;
    o.format = QStringLiteral("newapi_logs");
    o.observedAt = r.observedAt;
    LedgerSet set;
    const ImportReport rep = Importer::importBytes(r.body, o, set);
    if (report)
        *report = rep;
    return set;
}

} // namespace

class TestNewApiLogClient : public QObject
{
    Q_OBJECT

private slots:
    void windowInWholeSeconds_data();
    void windowInWholeSeconds();
    void followsPagesUntilTotal();
    void oneApiBareArraysUntilEmptyPage();
    void pageRetriedAfterBadGateway();
    void failureMidwayKeepsNothing();
    void successFalse();
    void malformedPage();
    void repeatedPageNumberStops();
    void invalidInputRefusedBeforeSending_data();
    void invalidInputRefusedBeforeSending();
    void progressPerPage();
};

void TestNewApiLogClient::windowInWholeSeconds_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<qint64>("startTs");
    QTest::addColumn<qint64>("endTs");
    // [start, end) with new-api's inclusive created_at <= end_timestamp
    QTest::newRow("whole seconds") << QStringLiteral("2026-05-01T00:00:00Z") << QStringLiteral("2026-06-01T00:00:00Z") << qint64(1777593600)
                                   << qint64(1780271999);
    QTest::newRow("fractions") << QStringLiteral("2026-05-01T00:00:00.5Z") << QStringLiteral("2026-05-01T00:00:10.25Z") << qint64(1777593601)
                               << qint64(1777593610);
}

void TestNewApiLogClient::windowInWholeSeconds()
{
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(qint64, startTs);
    QFETCH(qint64, endTs);
    const QByteArray s = start.toLatin1(), e = end.toLatin1();
    QCOMPARE(NewApiLogClient::startTimestamp(utc(s.constData())), startTs);
    QCOMPARE(NewApiLogClient::endTimestamp(utc(e.constData())), endTs);
}

void TestNewApiLogClient::followsPagesUntilTotal()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler(pages(250));
    NewApiLogClient client;
    const FetchResult r = fetch(server, client);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(server.requests.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const FakeRequest &req = server.requests[i];
        QCOMPARE(req.path(), QByteArray("/api/log/self"));
        QCOMPARE(req.param(QStringLiteral("p")), QString::number(i + 1));
        QCOMPARE(req.param(QStringLiteral("page_size")), QStringLiteral("100"));
        QCOMPARE(req.param(QStringLiteral("start_timestamp")), QStringLiteral("1777593600"));
        QCOMPARE(req.param(QStringLiteral("end_timestamp")), QStringLiteral("1780271999"));
        QCOMPARE(req.header("Authorization"), kAccessToken); // the access token as is, no scheme
        QCOMPARE(req.header("New-Api-User"), QByteArray("42"));
    }
    QCOMPARE(r.requests, 3);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(r.summaryValue(QStringLiteral("logs")).toInt(), 250);
    QCOMPARE(r.summaryValue(QStringLiteral("total_reported")).toInt(), 250);
    QCOMPARE(r.summaryValue(QStringLiteral("pages")).toInt(), 3);
    // the saved file is the three pages as received, in a JSON array
    QVERIFY(r.body.startsWith("[\n" + newApiPage(1, 100, 250, 250, 100) + ",\n"));
    QVERIFY(r.body.endsWith(newApiPage(3, 100, 250, 50, 50) + "\n]\n"));
    QVERIFY(!r.body.contains(kAccessToken));
    ImportReport rep;
    const LedgerSet set = importSaved(r, &rep);
    QCOMPARE(rep.rowsAccepted, 250);
    QCOMPARE(set.providerRequests.size(), std::size_t(250));
    QVERIFY2(rep.notes.contains(QStringLiteral("pages read (as the server numbered them): 1, 2, 3")), qPrintable(rep.notes.join(QLatin1Char('\n'))));
}

void TestNewApiLogClient::oneApiBareArraysUntilEmptyPage()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler(pages(150, 0, true));
    NewApiLogClient client;
    client.setFirstPage(0);
    const FetchResult r = fetch(server, client);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(server.requests.size(), 3); // 100, 50, then the empty page that ends it
    QCOMPARE(server.requests[0].param(QStringLiteral("p")), QStringLiteral("0"));
    QCOMPARE(server.requests[2].param(QStringLiteral("p")), QStringLiteral("2"));
    QCOMPARE(r.summaryValue(QStringLiteral("logs")).toInt(), 150);
    QVERIFY(r.summaryValue(QStringLiteral("total_reported")).isNull());
    QCOMPARE(importSaved(r).providerRequests.size(), std::size_t(150));
}

void TestNewApiLogClient::pageRetriedAfterBadGateway()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    int calls = 0;
    const auto serve = pages(150);
    server.setHandler([&](const FakeRequest &req) {
        if (++calls == 2)
            return FakeResponse::json(502, "Bad Gateway", "<html>bad gateway</html>");
        return serve(req);
    });
    NewApiLogClient client;
    QStringList progress;
    QObject::connect(&client, &NewApiLogClient::progress, [&](const QString &m) { progress << m; });
    const FetchResult r = fetch(server, client);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(server.requests.size(), 3);
    QCOMPARE(server.requests[1].param(QStringLiteral("p")), QStringLiteral("2"));
    QCOMPARE(server.requests[2].param(QStringLiteral("p")), QStringLiteral("2"));
    QCOMPARE(r.attempts, 3);
    QCOMPARE(r.requests, 2);
    QCOMPARE(progress.size(), 1);
    QVERIFY2(progress[0].startsWith(QStringLiteral("new-api logs: GET %1/api/log/self?p=2&page_size=100&start_timestamp=1777593600&end_timestamp=1780271999: "
                                                   "HTTP 502 Bad Gateway; retry 1 of 2 in ")
                                        .arg(server.baseUrl().toString())),
             qPrintable(progress[0]));
    QCOMPARE(importSaved(r).providerRequests.size(), std::size_t(150));
}

void TestNewApiLogClient::failureMidwayKeepsNothing()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    int calls = 0;
    const auto serve = pages(350);
    server.setHandler([&](const FakeRequest &req) {
        if (++calls == 3)
            return FakeResponse::json(401, "Unauthorized", R"({"success":false,"message":"access token invalid"})");
        return serve(req);
    });
    NewApiLogClient client;
    const FetchResult r = fetch(server, client);
    QCOMPARE(r.status, FetchResult::Status::Unauthorized);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(r.message, QStringLiteral("new-api logs: GET %1/api/log/self?p=3&page_size=100&start_timestamp=1777593600&end_timestamp=1780271999: "
                                       "HTTP 401 Unauthorized: the access token or user id was refused (wrong or expired token, or New-Api-User "
                                       "is not the token's user) (the server says: \"access token invalid\") (after 2 page(s); nothing is kept)")
                            .arg(server.baseUrl().toString()));
    QVERIFY(!r.message.contains(QString::fromLatin1(kAccessToken)));
}

void TestNewApiLogClient::successFalse()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(R"({"success":false,"message":"no permission, token )" + kAccessToken + R"( invalid"})"));
    NewApiLogClient client;
    const FetchResult r = fetch(server, client);
    QCOMPARE(r.status, FetchResult::Status::ServiceError);
    QVERIFY2(r.message.endsWith(QStringLiteral(": the server answered success=false: no permission, token %1 invalid").arg(tokenOf(kAccessToken))),
             qPrintable(r.message));
}

void TestNewApiLogClient::malformedPage()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    const QByteArray page = newApiPage(1, 100, 250, 250, 100);
    server.enqueue(FakeResponse::ok(page.left(page.size() / 2)));
    NewApiLogClient client;
    const FetchResult r = fetch(server, client);
    QCOMPARE(r.status, FetchResult::Status::MalformedResponse);
    QVERIFY2(r.message.contains(QStringLiteral("/api/log/self?p=1&page_size=100&start_timestamp=1777593600&end_timestamp=1780271999: the answer is not valid JSON (")),
             qPrintable(r.message));
    QCOMPARE(r.attempts, 1);
    QVERIFY(r.body.isEmpty());
}

void TestNewApiLogClient::repeatedPageNumberStops()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const FakeRequest &) { return FakeResponse::ok(newApiPage(1, 100, 500, 500, 100)); });
    NewApiLogClient client;
    const FetchResult r = fetch(server, client);
    QCOMPARE(r.status, FetchResult::Status::ServiceError);
    QVERIFY2(r.message.endsWith(QStringLiteral(": the server answered page 1 again; stopping rather than looping")), qPrintable(r.message));
    QCOMPARE(server.requests.size(), 2);
}

void TestNewApiLogClient::invalidInputRefusedBeforeSending_data()
{
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<QString>("message");
    QTest::newRow("user id not a number") << QStringLiteral("ops") << QStringLiteral("2026-05-01T00:00:00Z") << QStringLiteral("2026-06-01T00:00:00Z")
                                          << QStringLiteral("new-api logs: user id \"ops\" is not a number (New-Api-User takes the numeric id shown on the account page)");
    QTest::newRow("end before start") << QStringLiteral("42") << QStringLiteral("2026-06-01T00:00:00Z") << QStringLiteral("2026-05-01T00:00:00Z")
                                      << QStringLiteral("new-api logs: the window [2026-06-01T00:00:00Z, 2026-05-01T00:00:00Z) holds no whole second; the end must be after the start");
}

void TestNewApiLogClient::invalidInputRefusedBeforeSending()
{
    QFETCH(QString, userId);
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(QString, message);
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler(pages(10));
    NewApiLogClient client;
    client.setBaseUrl(server.baseUrl());
    client.setUserId(userId);
    client.setAccessToken(kAccessToken);
    const QByteArray s = start.toLatin1(), e = end.toLatin1();
    const FetchResult r = client.fetch(utc(s.constData()), utc(e.constData()));
    QCOMPARE(r.status, FetchResult::Status::InvalidInput);
    QCOMPARE(r.message, message);
    QCOMPARE(server.requests.size(), 0);
}

void TestNewApiLogClient::progressPerPage()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler(pages(201));
    NewApiLogClient client;
    QSignalSpy spy(&client, &NewApiLogClient::pageFetched);
    QVERIFY(fetch(server, client).ok());
    QCOMPARE(spy.size(), 3);
    QCOMPARE(spy.at(0), (QVariantList{1, qint64(100), qint64(201)}));
    QCOMPARE(spy.at(2), (QVariantList{3, qint64(201), qint64(201)}));
}

QTEST_GUILESS_MAIN(TestNewApiLogClient)
#include "tst_newapilogclient.moc"
