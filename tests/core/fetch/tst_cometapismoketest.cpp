// SPDX-License-Identifier: Apache-2.0
// Seed 004's smoke test against a fake CometAPI (query service + chat completions) on
// 127.0.0.1: the seven checks, the review record's fields and values, and what it must never
// hold (keys, prompt or answer text).
#include "core/fetch/cometapismoketest.h"
#include "tests/core/fetch/fakehttpserver.h"
#include "tests/core/fetch/fetchtesthelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace tl;
using namespace tltest;

namespace {

const QByteArray kChatKey = "sk-chatTESTKEY9876543210zyxwvutsrqpo";
const QByteArray kAnswerText = "ok, this is the model speaking";

struct Behaviour
{
    bool acceptMalformedDate = false;
    bool usageMissing = false;
    bool countLags = false;
    bool staleEmptyWindow = false;
};

} // namespace

Q_DECLARE_METATYPE(Behaviour)

namespace {

FakeHttpServer::Handler cometapi(const Behaviour &b, int *chats)
{
    return [b, chats](const FakeRequest &req) {
        if (req.path() == "/v1/chat/completions") {
            if (req.method != "POST" || req.header("Authorization") != "Bearer " + kChatKey)
                return FakeResponse::json(401, "Unauthorized", R"({"error":{"message":"bad key"}})");
            ++*chats;
            const QByteArray usage = b.usageMissing ? QByteArray() : QByteArray(R"(,"usage":{"prompt_tokens":14,"completion_tokens":2,"total_tokens":16})");
            return FakeResponse::ok(R"({"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":")"
                                    + kAnswerText + R"("},"finish_reason":"stop"}])" + usage + "}");
        }
        if (req.path() != "/user/quota")
            return FakeResponse::json(404, "Not Found", "{}");
        if (req.param(QStringLiteral("key")).toLatin1() != kQueryKey)
            return FakeResponse::json(401, "Unauthorized", R"({"success":false,"message":"invalid key"})");
        const QString start = req.param(QStringLiteral("start_date"));
        if (start.isEmpty()) {
            const int count = 1221 + (b.countLags ? 0 : *chats);
            return FakeResponse::ok(R"({"username":"example_user","total_quota":2105.234088,"total_used_quota":21.065912,"request_count":)"
                                    + QByteArray::number(count) + R"(,"keys":[]})");
        }
        if (start == QLatin1String("2026/06/01"))
            return b.acceptMalformedDate ? FakeResponse::ok(kQuotaTotals)
                                         : FakeResponse::json(400, "Bad Request", R"({"success":false,"message":"start_date must be YYYY-MM-DD"})");
        if (start == QLatin1String("2019-01-01") && !b.staleEmptyWindow)
            return FakeResponse::ok(R"({"total_quota":2105.234088,"total_used_quota":21.065912,"request_count":1221,"keys":[],"daily_quota":{}})");
        return FakeResponse::ok(kQuotaWindow);
    };
}

SmokeTestConfig config(const FakeHttpServer &server)
{
    SmokeTestConfig c;
    c.queryBase = server.baseUrl();
    c.apiBase = server.baseUrl();
    c.queryKey = kQueryKey;
    c.queryKeyName = QStringLiteral("finance-readonly");
    c.chatKey = kChatKey;
    c.model = QStringLiteral("gpt-4o-mini");
    c.startDate = QStringLiteral("2026-05-01");
    c.endDate = QStringLiteral("2026-05-31");
    c.emptyStartDate = QStringLiteral("2019-01-01");
    c.emptyEndDate = QStringLiteral("2019-01-31");
    c.reviewer = QStringLiteral("A. Reviewer");
    c.policy = fastPolicy();
    return c;
}

QString results(const SmokeTestRecord &r)
{
    QStringList s;
    for (const SmokeTestCheck &c : r.checks)
        s << c.name + QLatin1Char('=') + c.result;
    return s.join(QLatin1Char(' '));
}

} // namespace

class TestCometApiSmokeTest : public QObject
{
    Q_OBJECT

private slots:
    void outcomes_data();
    void outcomes();
    void recordFields();
    void refusedBeforeRunning();
    void cancel();
};

void TestCometApiSmokeTest::outcomes_data()
{
    QTest::addColumn<Behaviour>("behaviour");
    QTest::addColumn<QString>("decision");
    QTest::addColumn<QString>("checks");
    QTest::addColumn<bool>("usage");
    QTest::addColumn<bool>("dateFilter");
    QTest::addColumn<bool>("errorPath");
    const QString allPass = QStringLiteral("balance=pass balance_window=pass chat_completion=pass balance_after_chat=pass "
                                           "invalid_credential=pass malformed_date=pass empty_window=pass");
    QTest::newRow("all pass") << Behaviour{} << QStringLiteral("pass") << allPass << true << true << true;
    QTest::newRow("malformed date answered") << Behaviour{true, false, false, false} << QStringLiteral("fail")
                                             << QString(allPass).replace(QStringLiteral("malformed_date=pass"), QStringLiteral("malformed_date=fail"))
                                             << true << true << false;
    QTest::newRow("no usage in the answer") << Behaviour{false, true, false, false} << QStringLiteral("fail")
                                            << QString(allPass).replace(QStringLiteral("chat_completion=pass"), QStringLiteral("chat_completion=fail"))
                                            << false << true << true;
    QTest::newRow("request_count lags") << Behaviour{false, false, true, false} << QStringLiteral("warn")
                                        << QString(allPass).replace(QStringLiteral("balance_after_chat=pass"), QStringLiteral("balance_after_chat=warn"))
                                        << true << true << true;
    QTest::newRow("quiet window has data") << Behaviour{false, false, false, true} << QStringLiteral("fail")
                                           << QString(allPass).replace(QStringLiteral("empty_window=pass"), QStringLiteral("empty_window=fail"))
                                           << true << false << true;
}

void TestCometApiSmokeTest::outcomes()
{
    QFETCH(Behaviour, behaviour);
    QFETCH(QString, decision);
    QFETCH(QString, checks);
    QFETCH(bool, usage);
    QFETCH(bool, dateFilter);
    QFETCH(bool, errorPath);
    FakeHttpServer server;
    QVERIFY(server.listen());
    int chats = 0;
    server.setHandler(cometapi(behaviour, &chats));
    CometApiSmokeTest test;
    QSignalSpy steps(&test, &CometApiSmokeTest::stepStarted);
    const SmokeTestRecord r = test.run(config(server));
    QVERIFY2(r.completed, qPrintable(r.error));
    QCOMPARE(results(r), checks);
    QCOMPARE(r.decision, decision);
    QCOMPARE(r.usageFieldPresent, usage);
    QCOMPARE(r.dateRangeFilterWorking, dateFilter);
    QCOMPARE(r.errorPathReturnedError, errorPath);
    QCOMPARE(steps.size(), CometApiSmokeTest::kSteps);
    QCOMPARE(chats, 1); // exactly one paid request
    QCOMPARE(server.requests.size(), 7);
    const QByteArray json = r.toJson();
    QVERIFY(!json.contains(kQueryKey));
    QVERIFY(!json.contains(kChatKey));
    QVERIFY(!json.contains(kAnswerText));
    QVERIFY(!json.contains("Reply with")); // the prompt is not kept either
}

void TestCometApiSmokeTest::recordFields()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    int chats = 0;
    server.setHandler(cometapi(Behaviour{}, &chats));
    CometApiSmokeTest test;
    const SmokeTestRecord r = test.run(config(server));
    QVERIFY(r.completed);
    const QByteArray json = r.toJson();
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    // seed 004's fields, in its order, first
    qsizetype last = -1;
    for (const QString &f : SmokeTestRecord::seedFields()) {
        const qsizetype at = json.indexOf("\"" + f.toLatin1() + "\":");
        QVERIFY2(at > last, qPrintable(f));
        last = at;
    }
    QCOMPARE(o.value(QLatin1String("smoke_test_date")).toString(), QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
    QCOMPARE(o.value(QLatin1String("query_key_name")).toString(), QStringLiteral("finance-readonly"));
    QCOMPARE(o.value(QLatin1String("query_date_range")).toString(), QStringLiteral("2026-05-01 to 2026-05-31"));
    QVERIFY(json.contains("\"total_quota_returned\": \"2105.234088\"")); // exact text, not a double
    QVERIFY(json.contains("\"total_used_quota_returned\": \"21.065912\""));
    QCOMPARE(o.value(QLatin1String("request_count_returned")).toInt(), 1221);
    QCOMPARE(o.value(QLatin1String("daily_quota_dates_present")).toArray(), (QJsonArray{QStringLiteral("2026-05-01"), QStringLiteral("2026-05-02")}));
    QCOMPARE(o.value(QLatin1String("sample_chat_total_tokens")).toInt(), 16);
    QCOMPARE(o.value(QLatin1String("usage_field_present")).toBool(), true);
    QCOMPARE(o.value(QLatin1String("date_range_filter_working")).toBool(), true);
    QCOMPARE(o.value(QLatin1String("error_path_returned_error")).toBool(), true);
    QCOMPARE(o.value(QLatin1String("reviewer")).toString(), QStringLiteral("A. Reviewer"));
    // the review record's fields beside them
    QCOMPARE(o.value(QLatin1String("review_date")), o.value(QLatin1String("smoke_test_date")));
    QCOMPARE(o.value(QLatin1String("decision")).toString(), QStringLiteral("pass"));
    QCOMPARE(o.value(QLatin1String("request_result")).toString(), QStringLiteral("pass"));
    QCOMPARE(o.value(QLatin1String("status_class")).toString(), QStringLiteral("2xx"));
    QCOMPARE(o.value(QLatin1String("usage_evidence_present")).toString(), QStringLiteral("yes"));
    QVERIFY(o.value(QLatin1String("owner_group")).isNull());
    QCOMPARE(o.value(QLatin1String("notes")).toString(), QStringLiteral("7 checks: 7 pass, 0 warn, 0 fail"));
    const QJsonArray checks = o.value(QLatin1String("checks")).toArray();
    QCOMPARE(checks.size(), 7);
    const QJsonObject chat = checks.at(2).toObject();
    QCOMPARE(chat.value(QLatin1String("check")).toString(), QStringLiteral("chat_completion"));
    QCOMPARE(chat.value(QLatin1String("detail")).toString(), QStringLiteral("prompt_tokens 14 + completion_tokens 2 = total_tokens 16"));
    QCOMPARE(chat.value(QLatin1String("http_status")).toInt(), 200);
    const QJsonObject bad = checks.at(5).toObject();
    QCOMPARE(bad.value(QLatin1String("check")).toString(), QStringLiteral("malformed_date"));
    QCOMPARE(bad.value(QLatin1String("status_class")).toString(), QStringLiteral("4xx"));
    QCOMPARE(bad.value(QLatin1String("detail")).toString(), QStringLiteral("refused with HTTP 400"));
    // the malformed date really went out as written, the invalid key too
    QCOMPARE(server.requests[5].param(QStringLiteral("start_date")), QStringLiteral("2026/06/01"));
    QCOMPARE(server.requests[4].param(QStringLiteral("key")), QString::fromLatin1(CometApiSmokeTest::kInvalidKey));
    QCOMPARE(server.requests[2].body, QByteArray(R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"Reply with the single word: ok"}],"max_tokens":16,"stream":false})"));
}

void TestCometApiSmokeTest::refusedBeforeRunning()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    SmokeTestConfig c = config(server);
    c.startDate = QStringLiteral("2026/05/01");
    CometApiSmokeTest test;
    const SmokeTestRecord r = test.run(c);
    QVERIFY(!r.completed);
    QCOMPARE(r.error, QStringLiteral("active window: start date \"2026/05/01\" is not a date in the form YYYY-MM-DD; refused before sending"));
    QCOMPARE(server.requests.size(), 0);
}

void TestCometApiSmokeTest::cancel()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaTotals));
    server.enqueue(FakeResponse::hang());
    CometApiSmokeTest test;
    QSignalSpy finished(&test, &CometApiSmokeTest::finished);
    QObject::connect(&test, &CometApiSmokeTest::stepStarted, &test, [&](int step) {
        if (step == 2)
            QTimer::singleShot(100, &test, &CometApiSmokeTest::cancel);
    });
    test.start(config(server));
    QVERIFY(finished.wait(5000));
    const SmokeTestRecord r = finished.at(0).at(0).value<SmokeTestRecord>();
    QVERIFY(!r.completed);
    QCOMPARE(r.error, QStringLiteral("cancelled"));
    QVERIFY(!test.isBusy());
}

QTEST_GUILESS_MAIN(TestCometApiSmokeTest)
#include "tst_cometapismoketest.moc"
