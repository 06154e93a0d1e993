// SPDX-License-Identifier: Apache-2.0
// The Fetch and Smoke Test dialogs driven like a user would (offscreen) against a fake CometAPI /
// new-api on 127.0.0.1: Fetch saves FILE + FILE.observed; a refused key shows the reason and
// writes nothing; Cancel stops a stalled fetch; the smoke test ends in its review record.
#include "core/fetch/cometapismoketest.h"
#include "tests/core/fetch/fakehttpserver.h"
#include "tests/core/fetch/fetchtesthelpers.h"
#include "core/fetch/observationfile.h"
#include "core/util/timeutil.h"
#include "ui/dialogs/fetchdialog.h"
#include "ui/dialogs/importfilespage.h"
#include "ui/dialogs/smoketestdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;
using namespace tltest;

namespace {

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

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void fill(FetchDialog &d, const FakeHttpServer &server, const QString &keyFile, const QString &out)
{
    d.setRetryPolicy(fastPolicy());
    d.baseUrlEdit()->setText(server.baseUrl().toString());
    d.keyFileEdit()->setText(keyFile);
    d.startEdit()->setDate(QDate(2026, 5, 1));
    d.endEdit()->setDate(QDate(2026, 5, 31));
    d.outputEdit()->setText(out);
}

} // namespace

class TestFetchDialogs : public QObject
{
    Q_OBJECT

private slots:
    void fetchCometApi();
    void refusedKeyWritesNothing();
    void cancelStalledFetch();
    void fetchNewApiShowsPages();
    void smokeTestEndsInRecord();
};

void TestFetchDialogs::fetchCometApi()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::ok(kQuotaWindow));
    QTemporaryDir dir;
    FetchDialog d;
    const QString out = dir.filePath(QStringLiteral("usage.json"));
    fill(d, server, writeSecret(dir, QStringLiteral("q.key"), kQueryKey), out);
    QSignalSpy fetched(&d, &FetchDialog::fetched);
    QTest::mouseClick(d.fetchButton(), Qt::LeftButton);
    QVERIFY(d.isFetching());
    QVERIFY(!d.fetchButton()->isEnabled());
    QCOMPARE(d.cancelButton()->text(), QStringLiteral("Cancel"));
    QVERIFY(fetched.wait(5000));
    QCOMPARE(fetched.at(0).at(0).toString(), out);
    QCOMPARE(readAll(out), kQuotaWindow);
    QVERIFY(QFile::exists(out + QStringLiteral(".observed")));
    QCOMPARE(server.requests[0].param(QStringLiteral("start_date")), QStringLiteral("2026-05-01"));
    QCOMPARE(server.requests[0].param(QStringLiteral("end_date")), QStringLiteral("2026-05-31"));
    QVERIFY2(d.statusText().contains(QStringLiteral("total_quota 2105.234088, total_used_quota 21.065912, request_count 1221; daily_quota: 3 entries")),
             qPrintable(d.statusText()));
    QCOMPARE(d.cancelButton()->text(), QStringLiteral("Close"));
    QCOMPARE(d.progressBar()->value(), 1);
    QVERIFY(!d.statusText().contains(QString::fromLatin1(kQueryKey)));

    // The fetched file is another import: the wizard's files page (which Tools ▸ Fetch opens on
    // it) takes it as the provider ledger, and its observation time from FILE.observed.
    UtcMicros observedAt = kNoTime;
    QString error;
    QVERIFY2(ObservationFile::readObservedAt(out + QStringLiteral(".observed"), &observedAt, &error), qPrintable(error));
    ImportFilesPage files(ImportTarget{});
    files.addFiles({out});
    QCOMPARE(files.kind(0), QStringLiteral("provider"));
    QCOMPARE(files.format(0), QStringLiteral("cometapi_quota"));
    QCOMPARE(files.table()->item(0, ImportFilesPage::ObservedColumn)->text(), timeutil::formatUtc(observedAt));
    std::vector<ImportRequest> requests;
    QVERIFY2(files.requests(&requests, &error), qPrintable(error));
    QCOMPARE(requests.at(0).options.observedAt, observedAt);
}

void TestFetchDialogs::refusedKeyWritesNothing()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::json(401, "Unauthorized", "{}"));
    QTemporaryDir dir;
    FetchDialog d;
    const QString out = dir.filePath(QStringLiteral("usage.json"));
    fill(d, server, writeSecret(dir, QStringLiteral("q.key"), kQueryKey), out);
    d.noDatesBox()->setChecked(true);
    QVERIFY(!d.startEdit()->isEnabled());
    d.startFetch();
    QTRY_VERIFY_WITH_TIMEOUT(!d.isFetching(), 5000);
    QCOMPARE(d.lastResult().status, FetchResult::Status::Unauthorized);
    QCOMPARE(d.statusText(),
             QStringLiteral("CometAPI usage query: GET %1/user/quota?key=%2: HTTP 401 Unauthorized: the query key was refused (wrong, expired or "
                            "revoked key); check the key file; nothing was written.")
                 .arg(server.baseUrl().toString(), tokenOf(kQueryKey)));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("q.key")});
}

void TestFetchDialogs::cancelStalledFetch()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.enqueue(FakeResponse::hang());
    QTemporaryDir dir;
    FetchDialog d;
    fill(d, server, writeSecret(dir, QStringLiteral("q.key"), kQueryKey), dir.filePath(QStringLiteral("usage.json")));
    d.show();
    d.startFetch();
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 5000);
    QTest::mouseClick(d.cancelButton(), Qt::LeftButton); // the first Cancel stops the fetch, the dialog stays
    QTRY_VERIFY_WITH_TIMEOUT(!d.isFetching(), 5000);
    QVERIFY(d.isVisible());
    QCOMPARE(d.lastResult().status, FetchResult::Status::Cancelled);
    QCOMPARE(d.statusText(), QStringLiteral("Cancelled; nothing was written."));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("q.key")});
    QTest::mouseClick(d.cancelButton(), Qt::LeftButton); // now Close
    QVERIFY(!d.isVisible());
}

void TestFetchDialogs::fetchNewApiShowsPages()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const FakeRequest &req) {
        const int p = req.param(QStringLiteral("p")).toInt();
        return FakeResponse::ok(newApiPage(p, 100, 150, 150 - (p - 1) * 100, p == 1 ? 100 : 50));
    });
    QTemporaryDir dir;
    FetchDialog d;
    d.sourceBox()->setCurrentIndex(FetchDialog::NewApi);
    QVERIFY(d.userIdEdit()->isVisibleTo(&d));
    const QString out = dir.filePath(QStringLiteral("logs.json"));
    fill(d, server, writeSecret(dir, QStringLiteral("t.key"), kAccessToken), out);
    d.userIdEdit()->setText(QStringLiteral("42"));
    QSignalSpy fetched(&d, &FetchDialog::fetched);
    d.startFetch();
    QVERIFY(fetched.wait(5000));
    QCOMPARE(server.requests.size(), 2);
    // whole UTC days: [2026-05-01, 2026-06-01)
    QCOMPARE(server.requests[0].param(QStringLiteral("start_timestamp")), QStringLiteral("1777593600"));
    QCOMPARE(server.requests[0].param(QStringLiteral("end_timestamp")), QStringLiteral("1780271999"));
    QCOMPARE(server.requests[0].header("New-Api-User"), QByteArray("42"));
    QVERIFY2(d.statusText().contains(QStringLiteral("150 log(s) in 2 page(s)")), qPrintable(d.statusText()));
    QVERIFY(readAll(out).startsWith("[\n{\"success\":true"));
}

void TestFetchDialogs::smokeTestEndsInRecord()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    int balance = 0;
    server.setHandler([&](const FakeRequest &req) {
        if (req.path() == "/v1/chat/completions")
            return FakeResponse::ok(R"({"choices":[{"message":{"content":"ok"}}],"usage":{"prompt_tokens":14,"completion_tokens":2,"total_tokens":16}})");
        if (req.param(QStringLiteral("key")).toLatin1() != kQueryKey)
            return FakeResponse::json(401, "Unauthorized", "{}");
        const QString start = req.param(QStringLiteral("start_date"));
        if (start == QLatin1String("2026/06/01"))
            return FakeResponse::json(400, "Bad Request", "{}");
        if (start == QLatin1String("2019-01-01"))
            return FakeResponse::ok(R"({"total_quota":1,"daily_quota":{}})");
        if (start.isEmpty())
            return FakeResponse::ok(R"({"total_quota":"2105.234088","total_used_quota":"21.065912","request_count":)" + QByteArray::number(1221 + balance++) + "}");
        return FakeResponse::ok(kQuotaWindow);
    });
    QTemporaryDir dir;
    SmokeTestDialog d;
    d.setRetryPolicy(fastPolicy());
    d.edit(QStringLiteral("query_base"))->setText(server.baseUrl().toString());
    d.edit(QStringLiteral("api_base"))->setText(server.baseUrl().toString());
    d.edit(QStringLiteral("query_key_file"))->setText(writeSecret(dir, QStringLiteral("q.key"), kQueryKey));
    d.edit(QStringLiteral("chat_key_file"))->setText(writeSecret(dir, QStringLiteral("c.key"), "sk-chatKEY0123456789abcdefghijkl"));
    d.edit(QStringLiteral("query_key_name"))->setText(QStringLiteral("finance-readonly"));
    d.edit(QStringLiteral("model"))->setText(QStringLiteral("gpt-4o-mini"));
    d.edit(QStringLiteral("reviewer"))->setText(QStringLiteral("A. Reviewer"));
    const QString record = dir.filePath(QStringLiteral("smoke.json"));
    d.edit(QStringLiteral("record"))->setText(record);
    d.date(QStringLiteral("start"))->setDate(QDate(2026, 5, 1));
    d.date(QStringLiteral("end"))->setDate(QDate(2026, 5, 31));
    d.date(QStringLiteral("empty_start"))->setDate(QDate(2019, 1, 1));
    d.date(QStringLiteral("empty_end"))->setDate(QDate(2019, 1, 31));
    QSignalSpy recorded(&d, &SmokeTestDialog::recorded);
    QTest::mouseClick(d.runButton(), Qt::LeftButton);
    QVERIFY(d.isRunning());
    QVERIFY(recorded.wait(10000));
    QCOMPARE(d.progressBar()->value(), CometApiSmokeTest::kSteps);
    QCOMPARE(d.decisionLabel()->text(), QStringLiteral("Decision: pass (7 checks: 7 pass, 0 warn, 0 fail). Record saved as %1.").arg(record));
    QVERIFY(d.log()->toPlainText().contains(QStringLiteral("PASS malformed_date: refused with HTTP 400")));
    const QJsonObject o = QJsonDocument::fromJson(readAll(record)).object();
    QCOMPARE(o.value(QLatin1String("decision")).toString(), QStringLiteral("pass"));
    QCOMPARE(o.value(QLatin1String("total_quota_returned")).toString(), QStringLiteral("2105.234088"));
    QCOMPARE(o.value(QLatin1String("reviewer")).toString(), QStringLiteral("A. Reviewer"));
}

QTEST_MAIN(TestFetchDialogs)
#include "tst_fetchdialogs.moc"
