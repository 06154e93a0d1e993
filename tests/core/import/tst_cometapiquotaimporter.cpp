// SPDX-License-Identifier: Apache-2.0
// Tests of the cometapi_quota importer (formats.md §3a): the clean-month snapshot imports
// exactly (every quota_used as an exact decimal, 2.2e-05 = 0.000022, sentinels for unlimited
// keys), the spec example's key sentinels, presence of daily_quota, and malformed values that
// fail the whole file naming line and JSON path.
#include "core/util/timeutil.h"
#include "jsontesthelpers.h"

using namespace tl;
using namespace jtest;

class TestCometapiQuotaImporter : public QObject
{
    Q_OBJECT

private slots:
    void cleanMonthExact();
    void specExampleKeys();
    void detectedWithoutFormat();
    void dailyPresence_data();
    void dailyPresence();
    void malformed_data();
    void malformed();
    void badFileFromDisk();
};

void TestCometapiQuotaImporter::cleanMonthExact()
{
    LedgerSet set;
    ImportOptions o = options("cometapi_quota", LedgerKind::Provider, "quota.json");
    UtcMicros observed = 0;
    QString why;
    QVERIFY(timeutil::parseTimestamp("2026-06-05T00:00:00Z", nullptr, &observed, &why));
    o.observedAt = observed;
    o.dayTz = QStringLiteral("Asia/Shanghai");
    const QString path = shared("examples/clean-month/quota.json");
    const ImportReport r = Importer::importFile(path, o, set);

    QCOMPARE(set.observations.size(), std::size_t(1));
    const ProviderObservation &obs = set.observations[0];
    QCOMPARE(obs.sourceFile, 0u);
    QCOMPARE(obs.observedAt, observed);
    QCOMPARE(obs.dayTz, QStringLiteral("Asia/Shanghai"));
    QCOMPARE(obs.username, QStringLiteral("acct-redacted"));
    QVERIFY(obs.totalQuota.known);
    QCOMPARE(obs.totalQuota.value, dec("1873.52"));
    QCOMPARE(obs.totalUsedQuota.value, dec("10.828382"));
    QCOMPARE(obs.requestCount, std::int64_t(297));
    QVERIFY(obs.hasDaily);

    // Six keys, all unlimited (999999999 / -1): flags set, amounts unknown rather than -1.
    QCOMPARE(obs.keys.size(), std::size_t(6));
    for (const auto &k : obs.keys) {
        QVERIFY(k.unlimitedRemain);
        QVERIFY(k.unlimitedUsed);
        QVERIFY(!k.remainQuota.known);
        QVERIFY(!k.usedQuota.known);
    }
    QCOMPARE(obs.keys[0].name, QStringLiteral("agents-prod"));

    // 146 daily entries over 31 days; their quota_used add up exactly to total_used_quota.
    const ProviderDailyTable &d = set.providerDaily;
    QCOMPARE(d.size(), std::size_t(146));
    QCOMPARE(r.rowsRead, qint64(146));
    QCOMPARE(r.rowsAccepted, qint64(146));
    Decimal sum;
    std::int64_t requests = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        QVERIFY(d.amountKnown[i]);
        sum += d.amount[i];
        requests += d.requests[i];
        QCOMPARE(d.observation[i], 0u);
        QCOMPARE(d.model[i], StringPool::None);
        QCOMPARE(d.inputTokens[i], kUnknown);
        QCOMPARE(d.outputTokens[i], kUnknown);
        QCOMPARE(d.cachedTokens[i], kUnknown);
    }
    QCOMPARE(sum, dec("10.828382"));
    QCOMPARE(sum.toString(), QStringLiteral("10.828382"));
    QCOMPARE(requests, std::int64_t(297));

    // The first entry: 2026-05-01 analytics-dev, at the line where its object starts.
    const QByteArray bytes = readFile(path);
    QCOMPARE(d.day[0], timeutil::daysFromCivil(2026, 5, 1));
    QCOMPARE(str(set, d.apiKey[0]), std::string("analytics-dev"));
    QCOMPARE(d.amount[0], dec("0.020559"));
    QCOMPARE(d.requests[0], std::int64_t(2));
    QCOMPARE(d.sourceLine[0], lineOf(bytes, "\"token_name\": \"analytics-dev\"") - 1);

    // 2.2e-05 (2026-05-09, search-prod) is exactly 0.000022.
    bool found = false;
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (d.day[i] == timeutil::daysFromCivil(2026, 5, 9) && str(set, d.apiKey[i]) == "search-prod") {
            QCOMPARE(d.amount[i], dec("0.000022"));
            QCOMPARE(d.amount[i].toString(), QStringLiteral("0.000022"));
            QCOMPARE(d.sourceLine[i], lineOf(bytes, "2.2e-05") - 2);
            found = true;
        }
    }
    QVERIFY(found);
    // The last day is kept too (the date is the provider's calendar day, not shifted by dayTz).
    QCOMPARE(d.day[d.size() - 1], timeutil::daysFromCivil(2026, 5, 31));

    QCOMPARE(set.files.size(), std::size_t(1));
    QCOMPARE(set.files[0].report.format, QStringLiteral("cometapi_quota"));
}

void TestCometapiQuotaImporter::specExampleKeys()
{
    LedgerSet set;
    Importer::importFile(fixture("quota-spec-example.json"), options("cometapi_quota", LedgerKind::Provider), set);
    const ProviderObservation &obs = set.observations.at(0);
    QCOMPARE(obs.keys.size(), std::size_t(3));
    // A limited key keeps its exact amounts.
    QCOMPARE(obs.keys[0].name, QStringLiteral("tts_test"));
    QVERIFY(!obs.keys[0].unlimitedRemain && !obs.keys[0].unlimitedUsed);
    QCOMPARE(obs.keys[0].remainQuota.value, dec("8.93872"));
    QCOMPARE(obs.keys[0].usedQuota.value, dec("2.099206"));
    // remain 999999999 and used -1: unlimited, no amounts.
    QVERIFY(obs.keys[1].unlimitedRemain && obs.keys[1].unlimitedUsed);
    QVERIFY(!obs.keys[1].remainQuota.known && !obs.keys[1].usedQuota.known);
    // remain -1 is unlimited too; its used amount is real.
    QVERIFY(obs.keys[2].unlimitedRemain && !obs.keys[2].unlimitedUsed);
    QCOMPARE(obs.keys[2].usedQuota.value, dec("0.5"));
    QVERIFY(obs.observedAt == kNoTime);

    const ProviderDailyTable &d = set.providerDaily;
    QCOMPARE(d.size(), std::size_t(3));
    QCOMPARE(d.amount[0], dec("0.12"));
    QCOMPARE(d.requests[0], std::int64_t(3));
    // 1.5e-7 and "0.000000150" are both exactly 15/10^8.
    QCOMPARE(d.amount[1], dec("0.00000015"));
    QCOMPARE(d.amount[2], dec("0.00000015"));
    // No request_count: unknown, not 0.
    QCOMPARE(d.requests[2], kUnknown);
    QCOMPARE(d.sourceLine[0], 5u);
    QCOMPARE(d.sourceLine[2], 7u);
}

void TestCometapiQuotaImporter::detectedWithoutFormat()
{
    LedgerSet set;
    ImportOptions o = options("", LedgerKind::Provider);
    const ImportReport r = Importer::importFile(fixture("quota-spec-example.json"), o, set);
    QCOMPARE(r.format, QStringLiteral("cometapi_quota"));
    QVERIFY(r.formatDetected);
}

void TestCometapiQuotaImporter::dailyPresence_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("hasDaily");
    QTest::addColumn<int>("rows");
    QTest::newRow("absent") << QByteArray(R"({"total_quota":1,"total_used_quota":0,"keys":[]})") << false << 0;
    QTest::newRow("null") << QByteArray(R"({"total_quota":1,"daily_quota":null})") << false << 0;
    QTest::newRow("empty object") << QByteArray(R"({"total_quota":1,"daily_quota":{}})") << true << 0;
    QTest::newRow("empty array") << QByteArray(R"({"total_quota":1,"daily_quota":[]})") << true << 0;
    QTest::newRow("day with no entries") << QByteArray(R"({"daily_quota":{"2026-05-01":[]}})") << true << 0;
    QTest::newRow("one entry") << QByteArray(R"({"daily_quota":{"2026-05-01":[{"token_name":"k","quota_used":0}]}})") << true << 1;
    QTest::newRow("envelope") << QByteArray(R"({"success":true,"data":{"total_quota":1,"daily_quota":{"2026-05-01":[{"token_name":"k","quota_used":1}]}}})") << true << 1;
}

void TestCometapiQuotaImporter::dailyPresence()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, hasDaily);
    QFETCH(int, rows);
    LedgerSet set;
    const ImportReport r = Importer::importBytes(json, options("cometapi_quota", LedgerKind::Provider), set);
    QCOMPARE(set.observations.size(), std::size_t(1));
    QCOMPARE(set.observations[0].hasDaily, hasDaily);
    QCOMPARE(set.providerDaily.size(), std::size_t(rows));
    QCOMPARE(r.rowsRead, qint64(rows));
    if (!hasDaily)
        QVERIFY(r.notes.join(QLatin1Char('\n')).contains(QStringLiteral("no daily_quota")));
}

void TestCometapiQuotaImporter::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("amount not a number")
        << QByteArray("{\"daily_quota\": {\n\"2026-05-01\": [\n{\"token_name\":\"a\",\"quota_used\":\"abc\"}]}}")
        << QStringLiteral("q.json:3: $.daily_quota[\"2026-05-01\"][0].quota_used: expected a decimal");
    QTest::newRow("amount missing")
        << QByteArray("{\"daily_quota\": {\"2026-05-01\": [{\"token_name\":\"a\"}]}}")
        << QStringLiteral("q.json:1: $.daily_quota[\"2026-05-01\"][0].quota_used: required amount is missing");
    QTest::newRow("amount null")
        << QByteArray("{\"daily_quota\": {\"2026-05-01\": [{\"token_name\":\"a\",\"quota_used\":null}]}}")
        << QStringLiteral("q.json:1: $.daily_quota[\"2026-05-01\"][0].quota_used: required amount is null");
    QTest::newRow("too many digits")
        << QByteArray("{\"daily_quota\": {\"2026-05-01\": [{\"token_name\":\"a\",\"quota_used\":0.0000000000000000001}]}}")
        << QStringLiteral("q.json:1: $.daily_quota[\"2026-05-01\"][0].quota_used: ");
    QTest::newRow("bad date key")
        << QByteArray("{\n\"daily_quota\": {\n\"2026-02-30\": []}}")
        << QStringLiteral("q.json:3: $.daily_quota[\"2026-02-30\"]: expected a date YYYY-MM-DD as the key, got \"2026-02-30\"");
    QTest::newRow("token name missing")
        << QByteArray("{\"daily_quota\": {\"2026-05-01\": [{\"quota_used\":1}]}}")
        << QStringLiteral("q.json:1: $.daily_quota[\"2026-05-01\"][0].token_name: required field is missing");
    QTest::newRow("negative request count")
        << QByteArray("{\"daily_quota\": {\"2026-05-01\": [{\"token_name\":\"a\",\"quota_used\":1,\"request_count\":-3}]}}")
        << QStringLiteral("q.json:1: $.daily_quota[\"2026-05-01\"][0].request_count: expected a non-negative integer token count, got \"-3\"");
    QTest::newRow("entries not an array")
        << QByteArray("{\"daily_quota\": {\"2026-05-01\": {\"token_name\":\"a\"}}}")
        << QStringLiteral("q.json:1: $.daily_quota[\"2026-05-01\"]: expected the entries of one day (a JSON array), got an object");
    QTest::newRow("key amount malformed")
        << QByteArray("{\"keys\": [{\"name\":\"a\",\"remain_quota\":true}]}")
        << QStringLiteral("q.json:1: $.keys[0].remain_quota: expected a decimal number, got true");
    QTest::newRow("invalid JSON")
        << QByteArray("{\n\"total_quota\": 1,\n\"keys\": [,]\n}")
        << QStringLiteral("q.json:3: $: invalid JSON");
    QTest::newRow("not an object") << QByteArray("[1,2]") << QStringLiteral("q.json:1: $: expected the /user/quota response (a JSON object), got an array");
    QTest::newRow("empty") << QByteArray("  \n") << QStringLiteral("q.json: the file is empty");
    QTest::newRow("two snapshots") << QByteArray("{\"total_quota\":1}\n{\"total_quota\":2}\n") << QStringLiteral("q.json: expected one /user/quota response per file");
}

void TestCometapiQuotaImporter::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    LedgerSet set;
    const QString got = importError(json, options("cometapi_quota", LedgerKind::Provider, "q.json"), set);
    QVERIFY2(got.startsWith(error), qPrintable(got));
    QVERIFY(isEmpty(set));
}

void TestCometapiQuotaImporter::badFileFromDisk()
{
    // The second entry's amount "12,5" uses a decimal comma: the whole file is refused at its line.
    LedgerSet set;
    const QString path = fixture("quota-bad-amount.json");
    try {
        Importer::importFile(path, options("cometapi_quota", LedgerKind::Provider, ""), set);
        QFAIL("import should fail");
    } catch (const ImportError &e) {
        QCOMPARE(e.file(), QStringLiteral("quota-bad-amount.json"));
        QCOMPARE(e.line(), qint64(lineOf(readFile(path), "12,5")));
        QCOMPARE(e.column(), QStringLiteral("$.daily_quota[\"2026-05-01\"][1].quota_used"));
    }
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestCometapiQuotaImporter)
#include "tst_cometapiquotaimporter.moc"
