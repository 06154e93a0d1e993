// SPDX-License-Identifier: Apache-2.0
// Tests of the newapi_logs importer (formats.md §3b): saved pages (JSON Lines of pages, a JSON
// array of pages, data as a bare array) become per-request provider records; quota converts to
// USD exactly at quota_per_usd (negative refunds too), the `other` JSON text gives the upstream
// model, cache tokens and group ratio, a log repeated on two pages counts once, and malformed
// values name their JSON path and line.
#include "core/util/timeutil.h"
#include "jsontesthelpers.h"

using namespace tl;
using namespace jtest;

class TestNewapiLogsImporter : public QObject
{
    Q_OBJECT

private slots:
    void pagesAsJsonLines();
    void quotaPerUsd_data();
    void quotaPerUsd();
    void arrayOfPages();
    void malformed_data();
    void malformed();
};

void TestNewapiLogsImporter::pagesAsJsonLines()
{
    LedgerSet set;
    const ImportReport r = Importer::importFile(fixture("newapi-pages.jsonl"), options("newapi_logs", LedgerKind::Provider, ""), set);
    // Five logs read, one of them (102) on both pages: four records.
    QCOMPARE(r.rowsRead, qint64(5));
    QCOMPARE(r.rowsAccepted, qint64(4));
    QCOMPARE(r.quarantined.value(QStringLiteral("duplicate")), qint64(1));
    const ProviderRequestTable &p = set.providerRequests;
    QCOMPARE(p.size(), std::size_t(4));

    // 101: consume; 1500 units at 500000/USD = 0.003 exactly; other's factors.
    ProviderRequestRow a = p.row(0);
    QCOMPARE(str(set, a.recordId), std::string("101"));
    QCOMPARE(a.type, ProviderRecordType::Consume);
    QCOMPARE(a.timestamp, std::int64_t(1777593600) * 1000000);
    QCOMPARE(timeutil::utcDay(a.timestamp), timeutil::daysFromCivil(2026, 5, 1));
    QCOMPARE(str(set, a.apiKey), std::string("support-prod"));
    QCOMPARE(str(set, a.model), std::string("gpt-4o-mini"));
    QCOMPARE(str(set, a.upstreamModel), std::string("gpt-4o-mini-2024-07-18"));
    QVERIFY(a.cost.known);
    QCOMPARE(a.cost.value, dec("0.003"));
    QCOMPARE(a.inputTokens, std::int64_t(1200));
    QCOMPARE(a.outputTokens, std::int64_t(350));
    QCOMPARE(a.cachedTokens, std::int64_t(1024));
    QCOMPARE(a.stream, Flag(1));
    QVERIFY(a.rateMultiplier.known);
    QCOMPARE(a.rateMultiplier.value, dec("0.8"));
    QCOMPARE(str(set, a.sourceIp), std::string("203.0.113.7"));
    QCOMPARE(str(set, a.group), std::string("default"));
    QCOMPARE(a.sourceFile, 0u);
    QCOMPARE(a.sourceLine, 1u);

    // 102: an error log with zero quota; empty `other` and ip.
    a = p.row(1);
    QCOMPARE(a.type, ProviderRecordType::Error);
    QVERIFY(a.cost.known && a.cost.value.isZero());
    QVERIFY(!a.rateMultiplier.known);
    QCOMPARE(a.sourceIp, StringPool::None);
    QCOMPARE(a.sourceLine, 1u);

    // 103: a refund with negative quota: -250 / 500000 = -0.0005 exactly.
    a = p.row(2);
    QCOMPARE(a.type, ProviderRecordType::Refund);
    QCOMPARE(a.cost.value, dec("-0.0005"));
    QCOMPARE(a.rateMultiplier.value, dec("1.25"));
    QCOMPARE(str(set, a.group), std::string("vip"));
    QCOMPARE(a.sourceLine, 2u);

    // 104: type 1 (a top-up) is "other"; no key name -> "(none)".
    a = p.row(3);
    QCOMPARE(a.type, ProviderRecordType::Other);
    QCOMPARE(a.cost.value, dec("1000"));
    QCOMPARE(str(set, a.apiKey), std::string("(none)"));
    QCOMPARE(a.model, StringPool::None);

    const QString notes = r.notes.join(QLatin1Char('\n'));
    QVERIFY(notes.contains(QStringLiteral("quota converted at 500000 units per USD (assumption; record it in the evidence register)")));
    QVERIFY(notes.contains(QStringLiteral("pages read (as the server numbered them): 1, 2")));
    QVERIFY(set.observations.empty());
}

void TestNewapiLogsImporter::quotaPerUsd_data()
{
    QTest::addColumn<QString>("perUsd");
    QTest::addColumn<qint64>("quota");
    QTest::addColumn<QString>("usd");
    QTest::newRow("default") << QStringLiteral("500000") << qint64(1) << QStringLiteral("0.000002");
    QTest::newRow("negative") << QStringLiteral("500000") << qint64(-1234567) << QStringLiteral("-2.469134");
    QTest::newRow("one-api 1000") << QStringLiteral("1000") << qint64(7) << QStringLiteral("0.007");
    QTest::newRow("fractional rate") << QStringLiteral("0.5") << qint64(3) << QStringLiteral("6");
    // 1/3 cannot be exact: half-even at the 18th digit (and a note says so).
    QTest::newRow("repeating") << QStringLiteral("3") << qint64(1) << QStringLiteral("0.333333333333333333");
}

void TestNewapiLogsImporter::quotaPerUsd()
{
    QFETCH(QString, perUsd);
    QFETCH(qint64, quota);
    QFETCH(QString, usd);
    ImportOptions o = options("newapi_logs", LedgerKind::Provider);
    o.quotaPerUsd = Decimal::fromString(perUsd.toStdString());
    const QByteArray page = QByteArrayLiteral(R"({"success":true,"data":[{"id":9,"created_at":1777593600,"type":2,"quota":)")
        + QByteArray::number(quota) + "}]}";
    LedgerSet set;
    const ImportReport r = Importer::importBytes(page, o, set);
    QCOMPARE(set.providerRequests.cost[0].toString(), usd);
    QVERIFY(r.notes.join(QLatin1Char('\n')).contains(QStringLiteral("quota converted at %1 units per USD").arg(perUsd)));
}

void TestNewapiLogsImporter::arrayOfPages()
{
    LedgerSet set;
    const ImportReport r = Importer::importFile(fixture("newapi-array.json"), options("newapi_logs", LedgerKind::Provider), set);
    const ProviderRequestTable &p = set.providerRequests;
    QCOMPARE(p.size(), std::size_t(2));
    QCOMPARE(p.cost[0], dec("0.000014"));
    QCOMPARE(p.rateMultiplier[0], dec("1"));
    QVERIFY(!p.rateMultiplierKnown[1]);
    QCOMPARE(p.cachedTokens[1], kUnknown);
    QCOMPARE(p.sourceLine[0], 6u);
    QCOMPARE(p.sourceLine[1], 15u);
    // one-api counts pages from 0: the echoed number is kept as is.
    const QString notes = r.notes.join(QLatin1Char('\n'));
    QVERIFY(notes.contains(QStringLiteral("pages read (as the server numbered them): 0")));
    QVERIFY(!notes.contains(QStringLiteral("pages may be missing")));
}

void TestNewapiLogsImporter::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("quota not an integer")
        << QByteArray("{\"success\":true,\"data\":{\"items\":[\n{\"id\":1,\"created_at\":1777593600,\"quota\":12.5}]}}")
        << QStringLiteral("n.json:2: $.data.items[0].quota: expected an integer, got \"12.5\"");
    QTest::newRow("created_at text")
        << QByteArray("{\"success\":true,\"data\":{\"items\":[{\"id\":1,\"created_at\":\"yesterday\"}]}}")
        << QStringLiteral("n.json:1: $.data.items[0].created_at: expected a time in whole unix seconds, got the string \"yesterday\"");
    QTest::newRow("no id") << QByteArray("{\"success\":true,\"data\":[{\"created_at\":1}]}")
                           << QStringLiteral("n.json:1: $.data[0].id: required field is missing");
    QTest::newRow("other not JSON")
        << QByteArray("{\"success\":true,\"data\":[{\"id\":1,\"created_at\":1,\n\"other\":\"{model_ratio\"}]}")
        << QStringLiteral("n.json:2: $.data[0].other: the string does not hold valid JSON");
    QTest::newRow("group_ratio malformed")
        << QByteArray("{\"success\":true,\"data\":[{\"id\":1,\"created_at\":1,\"other\":\"{\\\"group_ratio\\\":\\\"x\\\"}\"}]}")
        << QStringLiteral("n.json:1: $.data[0].other(json).group_ratio: expected a decimal");
    QTest::newRow("negative tokens")
        << QByteArray("{\"success\":true,\"data\":[{\"id\":1,\"created_at\":1,\"prompt_tokens\":-1}]}")
        << QStringLiteral("n.json:1: $.data[0].prompt_tokens: expected a non-negative integer token count");
    QTest::newRow("server said no")
        << QByteArray("{\"success\":false,\"message\":\"invalid token\",\"data\":null}")
        << QStringLiteral("n.json:1: $.success: the server answered success=false (invalid token)");
    QTest::newRow("bad second page")
        << QByteArray("{\"success\":true,\"data\":[{\"id\":1,\"created_at\":1}]}\n{\"success\":true,\"data\":[{\"id\":2,\"created_at\":1,\"is_stream\":\"perhaps\"}]}\n")
        << QStringLiteral("n.json:2: $.data[0].is_stream: expected true or false");
}

void TestNewapiLogsImporter::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    LedgerSet set;
    const QString got = importError(json, options("newapi_logs", LedgerKind::Provider, "n.json"), set);
    QVERIFY2(got.startsWith(error), qPrintable(got));
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestNewapiLogsImporter)
#include "tst_newapilogsimporter.moc"
