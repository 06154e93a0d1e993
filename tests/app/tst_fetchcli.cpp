// SPDX-License-Identifier: Apache-2.0
// `fetch` and `smoke-test` through the real tokenledger-cli against a fake CometAPI / new-api on
// 127.0.0.1 served from this process: exit 0 and the saved file + FILE.observed, which the
// importers read; exit 3 with the reason on stderr and nothing written on failure; dates refused
// before sending; the key refused on the command line and never in any output or file; the
// workspace; the smoke test's record.
#include "core/fetch/observationfile.h"
#include "core/store/workspacestore.h"
#include "tests/core/fetch/fakehttpserver.h"
#include "tests/core/fetch/fetchtesthelpers.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace tltest;

namespace {

const QString kCli = QStringLiteral(TL_BIN_DIR "/tokenledger-cli");
const QByteArray kChatKey = "sk-chatTESTKEY9876543210zyxwvutsrqpo";

struct Result
{
    int code = -1;
    QByteArray out, err;
};

/** Runs the CLI while this process's event loop keeps serving the fake server. */
Result cli(const QStringList &args, const QByteArray &stdinData = QByteArray())
{
    QProcess p;
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    p.start(kCli, args);
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    loop.exec();
    Result r;
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(5000);
        r.err = "did not finish";
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString describe(const Result &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.code).arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString writeSecret(const QTemporaryDir &dir, const QString &name, const QByteArray &secret)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(secret + '\n');
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

QStringList files(const QString &dir) { return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name); }

void verifyNoSecret(const Result &r, const QString &dir)
{
    for (const QByteArray &secret : {kQueryKey, kAccessToken, kChatKey}) {
        const QByteArray encoded = QUrl::toPercentEncoding(QString::fromLatin1(secret));
        QVERIFY2(!r.out.contains(secret) && !r.err.contains(secret) && !r.err.contains(encoded), qPrintable(describe(r)));
        for (const QString &f : files(dir)) {
            if (f.endsWith(QLatin1String(".key")))
                continue;
            QVERIFY2(!readAll(dir + QLatin1Char('/') + f).contains(secret), qPrintable(f));
        }
    }
}

} // namespace

class TestFetchCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cometApiWindow();
    void cometApiUnauthorizedWritesNothing();
    void cometApiMalformedDateNotSent();
    void keyOnCommandLineRefused();
    void retriesShownOnStderrWithoutTheKey();
    void stalledConnectionTimesOut();
    void newApiPagesFromStdinToken();
    void storedInWorkspace();
    void smokeTest();
};

void TestFetchCli::initTestCase()
{
    QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + QStringLiteral(" is not built")));
}

void TestFetchCli::cometApiWindow()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    QTemporaryDir dir;
    const QString key = writeSecret(dir, QStringLiteral("query.key"), kQueryKey);
    const QString out = dir.filePath(QStringLiteral("usage.json"));
    const Result r = cli({QStringLiteral("fetch"), QStringLiteral("cometapi"), QStringLiteral("--start"), QStringLiteral("2026-05-01"),
                          QStringLiteral("--end"), QStringLiteral("2026-05-31"), QStringLiteral("--base-url"), server.baseUrl().toString(),
                          QStringLiteral("--key-file"), key, QStringLiteral("--out"), out});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QCOMPARE(readAll(out), kQuotaWindow); // as received
    tl::UtcMicros observed = tl::kNoTime;
    QString why;
    QVERIFY2(tl::ObservationFile::readObservedAt(out + QStringLiteral(".observed"), &observed, &why), qPrintable(why));
    const QString observedText = QJsonDocument::fromJson(readAll(out + QStringLiteral(".observed"))).object().value(QLatin1String("observed_at")).toString();
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), QStringLiteral("CometAPI usage query: 2026-05-01 to 2026-05-31, observed at %1 (1 HTTP attempt)").arg(observedText));
    QCOMPARE(lines.value(1), QStringLiteral("total_quota 2105.234088, total_used_quota 21.065912, request_count 1221"));
    QCOMPARE(lines.value(2), QStringLiteral("daily_quota: 2 date(s), 3 entries"));
    QVERIFY(lines.value(3).startsWith(QStringLiteral("wrote %1 (%2 bytes, sha256 ").arg(out).arg(kQuotaWindow.size())));
    QCOMPARE(lines.value(4), QStringLiteral("import it with: tokenledger-cli import %1 --kind provider --format cometapi_quota --observed-at %2").arg(out, observedText));
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    verifyNoSecret(r, dir.path());

    // the existing importer reads it with the observation time
    const Result imp = cli({QStringLiteral("import"), out, QStringLiteral("--kind"), QStringLiteral("provider"), QStringLiteral("--format"),
                            QStringLiteral("cometapi_quota"), QStringLiteral("--observed-at"), observedText, QStringLiteral("--json")});
    QVERIFY2(imp.code == 0, qPrintable(describe(imp)));
    const QJsonObject report = QJsonDocument::fromJson(imp.out).object();
    QCOMPARE(report.value(QLatin1String("format")).toString(), QStringLiteral("cometapi_quota"));
    QCOMPARE(report.value(QLatin1String("rows_accepted")).toInt(), 3);
}

void TestFetchCli::cometApiUnauthorizedWritesNothing()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::json(401, "Unauthorized", R"({"success":false,"message":"invalid token"})"));
    QTemporaryDir dir;
    const QString key = writeSecret(dir, QStringLiteral("query.key"), kQueryKey);
    const Result r = cli({QStringLiteral("fetch"), QStringLiteral("cometapi"), QStringLiteral("--start"), QStringLiteral("2026-05-01"),
                          QStringLiteral("--end"), QStringLiteral("2026-05-31"), QStringLiteral("--base-url"), server.baseUrl().toString(),
                          QStringLiteral("--key-file"), key, QStringLiteral("--out"), dir.filePath(QStringLiteral("usage.json"))});
    QCOMPARE(r.code, 3);
    QCOMPARE(QString::fromUtf8(r.err),
             QStringLiteral("tokenledger-cli: CometAPI usage query: GET %1/user/quota?key=%2&start_date=2026-05-01&end_date=2026-05-31: "
                            "HTTP 401 Unauthorized: the query key was refused (wrong, expired or revoked key); check the key file "
                            "(the server says: \"invalid token\"); nothing was written\n")
                 .arg(server.baseUrl().toString(), tokenOf(kQueryKey)));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(files(dir.path()), QStringList{QStringLiteral("query.key")});
    verifyNoSecret(r, dir.path());
}

void TestFetchCli::cometApiMalformedDateNotSent()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    const QString key = writeSecret(dir, QStringLiteral("query.key"), kQueryKey);
    const Result r = cli({QStringLiteral("fetch"), QStringLiteral("cometapi"), QStringLiteral("--start"), QStringLiteral("2026/06/01"),
                          QStringLiteral("--end"), QStringLiteral("2026-06-30"), QStringLiteral("--base-url"), server.baseUrl().toString(),
                          QStringLiteral("--key-file"), key, QStringLiteral("--out"), dir.filePath(QStringLiteral("usage.json"))});
    QCOMPARE(r.code, 3);
    QCOMPARE(QString::fromUtf8(r.err), QStringLiteral("tokenledger-cli: CometAPI usage query: start date \"2026/06/01\" is not a date in the "
                                                      "form YYYY-MM-DD; refused before sending\n"));
    QCOMPARE(server.requests.size(), 0);
    QCOMPARE(files(dir.path()), QStringList{QStringLiteral("query.key")});
}

void TestFetchCli::keyOnCommandLineRefused()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    QTemporaryDir dir;
    for (const QStringList &how : {QStringList{QStringLiteral("--key"), QString::fromLatin1(kQueryKey)},
                                   QStringList{QStringLiteral("--key=") + QString::fromLatin1(kQueryKey)}}) {
        const Result r = cli(QStringList{QStringLiteral("fetch"), QStringLiteral("cometapi"), QStringLiteral("--base-url"), server.baseUrl().toString(),
                                         QStringLiteral("--out"), dir.filePath(QStringLiteral("usage.json"))}
                             + how);
        QCOMPARE(r.code, 3);
        QCOMPARE(QString::fromUtf8(r.err), QStringLiteral("tokenledger-cli: --key is refused: a credential on the command line shows in ps and in the "
                                                          "shell history; put it in a file (--key-file FILE, --token-file FILE, - for standard "
                                                          "input) or the keychain (--keychain NAME)\n"));
        verifyNoSecret(r, dir.path());
    }
    QCOMPARE(server.requests.size(), 0);
}

void TestFetchCli::retriesShownOnStderrWithoutTheKey()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::json(500, "Internal Server Error", R"({"message":"upstream )" + kQueryKey + R"( failed"})"));
    server.enqueue(FakeResponse::ok(kQuotaTotals));
    QTemporaryDir dir;
    const QString key = writeSecret(dir, QStringLiteral("query.key"), kQueryKey);
    const QString out = dir.filePath(QStringLiteral("totals.json"));
    const Result r = cli({QStringLiteral("fetch"), QStringLiteral("cometapi"), QStringLiteral("--base-url"), server.baseUrl().toString(),
                          QStringLiteral("--key-file"), key, QStringLiteral("--out"), out});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY2(r.err.startsWith("tokenledger-cli: CometAPI usage query: GET " + server.baseUrl().toString().toLatin1() + "/user/quota?key="
                              + tokenOf(kQueryKey).toLatin1() + ": HTTP 500 Internal Server Error (the server says: \"upstream "
                              + tokenOf(kQueryKey).toLatin1() + " failed\"); retry 1 of 3 in "),
             qPrintable(describe(r)));
    QVERIFY(r.out.contains("daily_quota: not asked for (no dates)\n"));
    QCOMPARE(readAll(out), kQuotaTotals);
    verifyNoSecret(r, dir.path());
}

void TestFetchCli::stalledConnectionTimesOut()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::hang());
    QTemporaryDir dir;
    const QString key = writeSecret(dir, QStringLiteral("query.key"), kQueryKey);
    const Result r = cli({QStringLiteral("fetch"), QStringLiteral("cometapi"), QStringLiteral("--base-url"), server.baseUrl().toString(),
                          QStringLiteral("--key-file"), key, QStringLiteral("--out"), dir.filePath(QStringLiteral("t.json")),
                          QStringLiteral("--timeout"), QStringLiteral("0.3"), QStringLiteral("--attempts"), QStringLiteral("1")});
    QCOMPARE(r.code, 3);
    QCOMPARE(QString::fromUtf8(r.err), QStringLiteral("tokenledger-cli: CometAPI usage query: GET %1/user/quota?key=%2: no answer within 300 ms; "
                                                      "nothing was written\n")
                                           .arg(server.baseUrl().toString(), tokenOf(kQueryKey)));
    QCOMPARE(files(dir.path()), QStringList{QStringLiteral("query.key")});
}

void TestFetchCli::newApiPagesFromStdinToken()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const FakeRequest &req) {
        if (req.header("Authorization") != kAccessToken || req.header("New-Api-User") != "42")
            return FakeResponse::json(401, "Unauthorized", R"({"success":false,"message":"unauthorized"})");
        const int p = req.param(QStringLiteral("p")).toInt();
        return FakeResponse::ok(newApiPage(p, 100, 130, 130 - (p - 1) * 100, p == 1 ? 100 : 30));
    });
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("logs.json"));
    const Result r = cli({QStringLiteral("fetch"), QStringLiteral("newapi"), QStringLiteral("--base-url"), server.baseUrl().toString(),
                          QStringLiteral("--user-id"), QStringLiteral("42"), QStringLiteral("--token-file"), QStringLiteral("-"),
                          QStringLiteral("--start"), QStringLiteral("2026-05-01T00:00:00Z"), QStringLiteral("--end"), QStringLiteral("2026-06-01T00:00:00Z"),
                          QStringLiteral("--out"), out},
                         kAccessToken + '\n');
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QCOMPARE(server.requests.size(), 2);
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
    QVERIFY2(lines.value(0).startsWith(QStringLiteral("new-api logs: [2026-05-01T00:00:00Z, 2026-06-01T00:00:00Z) as start_timestamp 1777593600, "
                                                      "end_timestamp 1780271999, observed at ")),
             qPrintable(lines.value(0)));
    QCOMPARE(lines.value(1), QStringLiteral("2 page(s), 130 log(s) (the server reported 130), 0 repeated across pages, 2 HTTP attempts"));
    const QString observed = QJsonDocument::fromJson(readAll(out + QStringLiteral(".observed"))).object().value(QLatin1String("observed_at")).toString();
    const Result imp = cli({QStringLiteral("import"), out, QStringLiteral("--kind"), QStringLiteral("provider"), QStringLiteral("--format"),
                            QStringLiteral("newapi_logs"), QStringLiteral("--observed-at"), observed, QStringLiteral("--json")});
    QVERIFY2(imp.code == 0, qPrintable(describe(imp)));
    QCOMPARE(QJsonDocument::fromJson(imp.out).object().value(QLatin1String("rows_accepted")).toInt(), 130);
    verifyNoSecret(r, dir.path());
}

void TestFetchCli::storedInWorkspace()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("w.tlw"));
    const QString key = writeSecret(dir, QStringLiteral("query.key"), kQueryKey);
    Result r = cli({QStringLiteral("--workspace"), ws, QStringLiteral("periods"), QStringLiteral("create"), QStringLiteral("--label"),
                    QStringLiteral("2026-05"), QStringLiteral("--start"), QStringLiteral("2026-05-01T00:00:00Z"), QStringLiteral("--end"),
                    QStringLiteral("2026-06-01T00:00:00Z"), QStringLiteral("--account"), QStringLiteral("acct-1")});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const QStringList fetch = {QStringLiteral("fetch"), QStringLiteral("cometapi"), QStringLiteral("--start"), QStringLiteral("2026-05-01"),
                               QStringLiteral("--end"), QStringLiteral("2026-05-31"), QStringLiteral("--base-url"), server.baseUrl().toString(),
                               QStringLiteral("--key-file"), key, QStringLiteral("--workspace"), ws, QStringLiteral("--period"), QStringLiteral("2026-05")};
    // two observations of the same window, side by side (posting delay)
    for (int i = 0; i < 2; ++i) {
        r = cli(fetch);
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("stored in period 2026-05 as "), qPrintable(describe(r)));
        verifyNoSecret(r, dir.path());
    }
    {
        tl::WorkspaceStore store;
        QString why;
        QVERIFY2(store.open(ws, &why), qPrintable(why));
        const std::vector<tl::StoredInput> inputs = store.inputs(QStringLiteral("2026-05"), &why);
        QCOMPARE(inputs.size(), std::size_t(2));
        for (const tl::StoredInput &in : inputs) {
            QCOMPARE(in.kind, QStringLiteral("provider"));
            QCOMPARE(in.format, QStringLiteral("cometapi_quota"));
            QVERIFY(in.options.value(QLatin1String("observed_at")).toString().endsWith(QLatin1Char('Z')));
            QVERIFY(!store.fileBytes(in.sha256Stored).contains(kQueryKey));
        }
    }
    // a frozen period is refused before anything is fetched
    r = cli({QStringLiteral("--workspace"), ws, QStringLiteral("periods"), QStringLiteral("freeze"), QStringLiteral("2026-05")});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const qsizetype before = server.requests.size();
    r = cli(fetch);
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("is frozen"), qPrintable(describe(r)));
    QCOMPARE(server.requests.size(), before);
}

void TestFetchCli::smokeTest()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const FakeRequest &req) {
        if (req.path() == "/v1/chat/completions")
            return FakeResponse::ok(R"({"id":"c1","choices":[{"message":{"role":"assistant","content":"ok"}}],"usage":{"prompt_tokens":14,"completion_tokens":2,"total_tokens":16}})");
        if (req.param(QStringLiteral("key")).toLatin1() != kQueryKey)
            return FakeResponse::json(401, "Unauthorized", "{}");
        const QString start = req.param(QStringLiteral("start_date"));
        if (start == QLatin1String("2026/06/01"))
            return FakeResponse::json(400, "Bad Request", R"({"success":false,"message":"bad date"})");
        if (start == QLatin1String("2019-01-01"))
            return FakeResponse::ok(R"({"total_quota":1,"total_used_quota":0,"request_count":5})");
        static int balance = 0;
        if (start.isEmpty())
            return FakeResponse::ok(R"({"total_quota":2105.234088,"total_used_quota":21.065912,"request_count":)" + QByteArray::number(1221 + balance++) + "}");
        return FakeResponse::ok(kQuotaWindow);
    });
    QTemporaryDir dir;
    const QString queryKey = writeSecret(dir, QStringLiteral("query.key"), kQueryKey);
    const QString chatKey = writeSecret(dir, QStringLiteral("chat.key"), kChatKey);
    const QString record = dir.filePath(QStringLiteral("smoke.json"));
    const Result r = cli({QStringLiteral("smoke-test"), QStringLiteral("--key-file"), queryKey, QStringLiteral("--query-key-name"),
                          QStringLiteral("finance-readonly"), QStringLiteral("--chat-key-file"), chatKey, QStringLiteral("--model"),
                          QStringLiteral("gpt-4o-mini"), QStringLiteral("--start"), QStringLiteral("2026-05-01"), QStringLiteral("--end"),
                          QStringLiteral("2026-05-31"), QStringLiteral("--empty-start"), QStringLiteral("2019-01-01"), QStringLiteral("--empty-end"),
                          QStringLiteral("2019-01-31"), QStringLiteral("--reviewer"), QStringLiteral("A. Reviewer"), QStringLiteral("--base-url"),
                          server.baseUrl().toString(), QStringLiteral("--api-base"), server.baseUrl().toString(), QStringLiteral("--out"), record,
                          QStringLiteral("--window-out"), dir.filePath(QStringLiteral("window.json"))});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains("PASS chat_completion: prompt_tokens 14 + completion_tokens 2 = total_tokens 16\n"), qPrintable(describe(r)));
    QVERIFY(r.out.contains("decision: pass (7 checks: 7 pass, 0 warn, 0 fail)\n"));
    const QJsonObject o = QJsonDocument::fromJson(readAll(record)).object();
    QCOMPARE(o.value(QLatin1String("decision")).toString(), QStringLiteral("pass"));
    QCOMPARE(o.value(QLatin1String("error_path_returned_error")).toBool(), true);
    QCOMPARE(readAll(dir.filePath(QStringLiteral("window.json"))), kQuotaWindow);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("window.json.observed"))));
    verifyNoSecret(r, dir.path());
}

QTEST_GUILESS_MAIN(TestFetchCli)
#include "tst_fetchcli.moc"
