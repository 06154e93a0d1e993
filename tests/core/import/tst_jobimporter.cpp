// SPDX-License-Identifier: Apache-2.0
// Tests of the reconciliation_job_json importer (formats.md §1c): seed-001 usage_rows become
// client attempts with the period's account_ref and "(none)" as key, status strings map to
// outcome classes, the inline pricing_snapshot becomes exact PriceRows with no evidence, and
// "VERIFY" placeholders, a job with `inputs` only and malformed rows are refused.
#include "core/model/outcome.h"
#include "core/util/timeutil.h"
#include "jsontesthelpers.h"

using namespace tl;
using namespace jtest;

namespace {

UtcMicros ts(const char *text)
{
    UtcMicros t = 0;
    QString why;
    if (!timeutil::parseTimestamp(text, nullptr, &t, &why))
        qFatal("bad timestamp %s", text);
    return t;
}

} // namespace

class TestJobImporter : public QObject
{
    Q_OBJECT

private slots:
    void seed001Rows();
    void seed001Prices();
    void snapshotIdAndUnits_data();
    void snapshotIdAndUnits();
    void verifyPlaceholdersRefused();
    void jobWithInputsRefused();
    void malformed_data();
    void malformed();
};

void TestJobImporter::seed001Rows()
{
    LedgerSet set;
    const QString path = fixture("job-seed001.json");
    const ImportReport r = Importer::importFile(path, options("reconciliation_job_json", LedgerKind::Client, ""), set);
    const QByteArray bytes = readFile(path);
    QCOMPARE(r.rowsRead, qint64(5));
    QCOMPARE(r.rowsAccepted, qint64(5));
    const AttemptTable &c = set.client;
    QCOMPARE(c.size(), std::size_t(5));
    QCOMPARE(set.gateway.size(), std::size_t(0));

    const AttemptRow a = c.row(0);
    QCOMPARE(str(set, a.requestId), std::string("req_redacted_001"));
    QCOMPARE(a.attempt, 1);
    QCOMPARE(a.timestamp, ts("2026-05-01T12:34:56Z"));
    QCOMPARE(str(set, a.accountRef), std::string("acct_redacted"));
    QCOMPARE(str(set, a.apiKey), std::string("(none)"));
    QCOMPARE(str(set, a.service), std::string("customer-support-chat"));
    QCOMPARE(str(set, a.modelRequested), std::string("model_alias_redacted"));
    QCOMPARE(str(set, a.modelBilled), std::string("model_name_redacted"));
    QCOMPARE(a.outcome, std::int8_t(Outcome::Success));
    QCOMPARE(a.inputTokens, std::int64_t(1234));
    QCOMPARE(a.outputTokens, std::int64_t(321));
    QCOMPARE(a.cachedTokens, kUnknown);
    QCOMPARE(str(set, a.costCenter), std::string("support"));
    QCOMPARE(a.sourceFile, 0u);
    QCOMPARE(a.sourceLine, lineOf(bytes, "\"request_id\": \"req_redacted_001\"") - 1);

    // timeout: offset converted to UTC; null tokens are unknown, not 0.
    const AttemptRow b = c.row(1);
    QCOMPARE(b.outcome, std::int8_t(Outcome::ClientTimeout));
    QCOMPARE(b.timestamp, ts("2026-05-01T11:00:00Z"));
    QCOMPARE(b.inputTokens, kUnknown);
    QCOMPARE(b.outputTokens, kUnknown);
    QCOMPARE(b.sourceLine, lineOf(bytes, "\"req_redacted_002\""));
    QCOMPARE(c.row(2).attempt, 2);
    // canceled -> stream_cancelled; error -> server_error; no billable_model -> none.
    QCOMPARE(c.row(3).outcome, std::int8_t(Outcome::StreamCancelled));
    QCOMPARE(c.row(3).modelBilled, StringPool::None);
    QCOMPARE(c.row(3).outputTokens, std::int64_t(0));
    QCOMPARE(c.row(4).outcome, std::int8_t(Outcome::ServerError));
    QCOMPARE(c.row(4).inputTokens, kUnknown);
    QCOMPARE(c.row(4).costCenter, StringPool::None);
}

void TestJobImporter::seed001Prices()
{
    LedgerSet set;
    const QString path = fixture("job-seed001.json");
    const ImportReport r = Importer::importFile(path, options("reconciliation_job_json", LedgerKind::Client), set);
    QCOMPARE(set.prices.size(), std::size_t(2));
    const PriceRow &p = set.prices[0];
    QCOMPARE(p.snapshotId, QStringLiteral("job-inline"));
    QCOMPARE(p.sourceUrl, QStringLiteral("https://apidoc.cometapi.com/about-pricing-873788m0"));
    QCOMPARE(p.accessedAt, QStringLiteral("2026-05-10"));
    QCOMPARE(p.currency, QStringLiteral("USD"));
    QCOMPARE(p.billableModel, QStringLiteral("model_name_redacted"));
    QCOMPARE(p.category, BillingCategory::Token);
    QCOMPARE(p.unit, std::int64_t(1000000));
    QCOMPARE(p.inputPrice.value, dec("2.5"));
    QCOMPARE(p.outputPrice.value, dec("10"));
    QVERIFY(!p.cachedInputPrice.known);
    QVERIFY(!p.upstreamRatio.known);
    QVERIFY(p.evidenceId.isEmpty());
    QCOMPARE(p.tierMinInputTokens, kUnknown);
    QCOMPARE(p.sourceLine, lineOf(readFile(path), "\"billable_model\": \"model_name_redacted\"") - 1);
    const PriceRow &q = set.prices[1];
    QCOMPARE(q.unit, std::int64_t(1000));
    QCOMPARE(q.inputPrice.value, dec("0.00015"));
    QCOMPARE(q.outputPrice.value, dec("0.0006"));
    QVERIFY(r.notes.join(QLatin1Char('\n')).contains(QStringLiteral("no evidence entry")));
}

void TestJobImporter::snapshotIdAndUnits_data()
{
    QTest::addColumn<QByteArray>("snapshot");
    QTest::addColumn<QString>("snapshotId");
    QTest::addColumn<qint64>("unit");
    QTest::newRow("named snapshot, divisor 1") << QByteArray(R"("snapshot_id":"snap-7","prices":[{"billable_model":"m","input_price":1,"unit_divisor":1}])") << QStringLiteral("snap-7") << qint64(1);
    QTest::newRow("divisor 1e3") << QByteArray(R"("prices":[{"billable_model":"m","input_price":1,"unit_divisor":1e3}])") << QStringLiteral("job-inline") << qint64(1000);
    QTest::newRow("snapshot-level divisor") << QByteArray(R"("unit_divisor":"1000000","prices":[{"billable_model":"m","input_price":1}])") << QStringLiteral("job-inline") << qint64(1000000);
    QTest::newRow("snapshot-level unit_basis") << QByteArray(R"("unit_basis":"per_1k","prices":[{"billable_model":"m","input_price":1}])") << QStringLiteral("job-inline") << qint64(1000);
}

void TestJobImporter::snapshotIdAndUnits()
{
    QFETCH(QByteArray, snapshot);
    QFETCH(QString, snapshotId);
    QFETCH(qint64, unit);
    const QByteArray job = "{\"reconciliation_period\":{\"currency\":\"EUR\"},\"usage_rows\":[],\"pricing_snapshot\":{" + snapshot + "}}";
    LedgerSet set;
    ImportOptions o = options("reconciliation_job_json", LedgerKind::Client);
    o.accountRef = QStringLiteral("acct-from-options");
    Importer::importBytes(job, o, set);
    QCOMPARE(set.prices.size(), std::size_t(1));
    QCOMPARE(set.prices[0].snapshotId, snapshotId);
    QCOMPARE(set.prices[0].unit, unit);
    QCOMPARE(set.prices[0].currency, QStringLiteral("EUR"));
    QCOMPARE(set.client.size(), std::size_t(0));
}

void TestJobImporter::verifyPlaceholdersRefused()
{
    // The seed's job verbatim: "VERIFY" as unit_divisor is an error naming its path.
    LedgerSet set;
    const QString path = fixture("job-verify.json");
    try {
        Importer::importFile(path, options("reconciliation_job_json", LedgerKind::Client, ""), set);
        QFAIL("import should fail");
    } catch (const ImportError &e) {
        QCOMPARE(e.column(), QStringLiteral("$.pricing_snapshot.prices[0].unit_divisor"));
        QCOMPARE(e.line(), qint64(3));
        QCOMPARE(e.message(), QStringLiteral("expected a unit divisor of 1, 1000 or 1000000, got the string \"VERIFY\""));
    }
    QVERIFY(isEmpty(set));

    // With a real divisor, the "VERIFY" price is the next error.
    QByteArray bytes = readFile(path);
    bytes.replace("\"unit_divisor\": \"VERIFY\"", "\"unit_divisor\": 1000");
    const QString got = importError(bytes, options("reconciliation_job_json", LedgerKind::Client, "job.json"), set);
    QVERIFY2(got.startsWith(QStringLiteral("job.json:3: $.pricing_snapshot.prices[0].input_price: ")), qPrintable(got));
    QVERIFY(got.endsWith(QStringLiteral("got \"VERIFY\"")));
    QVERIFY(isEmpty(set));
}

void TestJobImporter::jobWithInputsRefused()
{
    LedgerSet set;
    const QString got = importError(readFile(shared("examples/clean-month/job.json")),
                                    options("reconciliation_job_json", LedgerKind::Client, "job.json"), set);
    QCOMPARE(got, QStringLiteral("job.json:1: $.usage_rows: job has no usage_rows; a job with `inputs` is run by `reconcile`, not imported"));
    QVERIFY(isEmpty(set));
}

void TestJobImporter::malformed_data()
{
    QTest::addColumn<QByteArray>("rows");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown status") << QByteArray(R"({"request_id":"r","timestamp_utc":"2026-05-01T00:00:00Z","status":"maybe"})")
                                    << QStringLiteral("j.json:2: $.usage_rows[0].status: expected a status (success, timeout, canceled, error) or an outcome class, got the string \"maybe\"");
    QTest::newRow("negative tokens") << QByteArray(R"({"request_id":"r","timestamp_utc":"2026-05-01T00:00:00Z","input_tokens":-1})")
                                     << QStringLiteral("j.json:2: $.usage_rows[0].input_tokens: expected a non-negative integer token count, got \"-1\"");
    QTest::newRow("fractional tokens") << QByteArray(R"({"request_id":"r","timestamp_utc":"2026-05-01T00:00:00Z","output_tokens":1.5})")
                                       << QStringLiteral("j.json:2: $.usage_rows[0].output_tokens: expected a non-negative integer token count, got \"1.5\"");
    QTest::newRow("no request id") << QByteArray(R"({"timestamp_utc":"2026-05-01T00:00:00Z"})")
                                   << QStringLiteral("j.json:2: $.usage_rows[0].request_id: required field is missing");
    QTest::newRow("no timestamp") << QByteArray(R"({"request_id":"r"})")
                                  << QStringLiteral("j.json:2: $.usage_rows[0].timestamp_utc: required timestamp is missing");
    QTest::newRow("zone-less timestamp") << QByteArray(R"({"request_id":"r","timestamp_utc":"2026-05-01 10:00:00"})")
                                         << QStringLiteral("j.json:2: $.usage_rows[0].timestamp_utc: timestamp without a time zone");
    QTest::newRow("attempt 0") << QByteArray(R"({"request_id":"r","timestamp_utc":"2026-05-01T00:00:00Z","attempt":0})")
                               << QStringLiteral("j.json:2: $.usage_rows[0].attempt: expected an attempt number from 1 (the first try), got the number 0");
    QTest::newRow("second row bad") << QByteArray("{\"request_id\":\"r\",\"timestamp_utc\":\"2026-05-01T00:00:00Z\"},\n{\"request_id\":\"s\",\"timestamp_utc\":\"yesterday\"}")
                                    << QStringLiteral("j.json:3: $.usage_rows[1].timestamp_utc: expected an ISO 8601 timestamp");
}

void TestJobImporter::malformed()
{
    QFETCH(QByteArray, rows);
    QFETCH(QString, error);
    const QByteArray job = "{\"reconciliation_period\":{\"account_ref\":\"a\"},\n\"usage_rows\":[" + rows + "]}";
    LedgerSet set;
    const QString got = importError(job, options("reconciliation_job_json", LedgerKind::Client, "j.json"), set);
    QVERIFY2(got.startsWith(error), qPrintable(got));
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestJobImporter)
#include "tst_jobimporter.moc"
