// SPDX-License-Identifier: Apache-2.0
// Tests of the cost_observation_jsonl importer (formats.md §1a, seed 000): each event becomes
// one client attempt (retry_attempt + 1, null = unknown never 0, the runbook's
// "redacted_or_null" placeholder is no response id), the seed's pretty-printed example imports
// as one event, a wrong event_type names its line and $.event_type, and a bad line 3 fails
// the whole file leaving the set empty.
#include "core/model/outcome.h"
#include "core/util/timeutil.h"
#include "jsontesthelpers.h"

using namespace tl;
using namespace jtest;

namespace {

UtcMicros utc(const char *text)
{
    UtcMicros t = 0;
    QString why;
    if (!timeutil::parseTimestamp(text, nullptr, &t, &why))
        qFatal("bad timestamp %s", text);
    return t;
}

// The sanitized example of seed 000, as the runbook prints it (pretty, one event).
const char kSeedEvent[] = R"({
"event_type": "ai_request_cost_observation",
"source": "client_ledger",
"environment": "prod",
"provider": "cometapi",
"tenant_id_hash": "tenant_hash_redacted",
"request_correlation_id": "req_20260509_000123",
"cometapi_response_id": "redacted_or_null",
"configured_model": "model_alias_from_config",
"started_at_utc": "2026-05-09T10:15:22Z",
"ended_at_utc": "2026-05-09T10:15:24Z",
"http_status": 200,
"retry_attempt": 0,
"client_timeout": false,
"stream_cancelled": false,
"usage_from_response": {
"prompt_tokens": null,
"completion_tokens": null,
"total_tokens": null,
"field_contract_verified": false
},
"estimated_cost": {
"amount": null,
"unit": "unverified",
"pricing_source": null
},
"billing_reconciliation": {
"posting_window_utc": "2026-05-09",
"matched_in_cometapi_source": "pending",
"variance_reason": null
}
})";

} // namespace

class TestCostObservationImporter : public QObject
{
    Q_OBJECT

private slots:
    void events();
    void seedExamplePretty();
    void badLine3FailsWholeFile();
    void malformed_data();
    void malformed();
};

void TestCostObservationImporter::events()
{
    LedgerSet set;
    ImportOptions o = options("cost_observation_jsonl", LedgerKind::Client, "");
    o.accountRef = QStringLiteral("acct-redacted");
    const ImportReport r = Importer::importFile(fixture("cost-observations.jsonl"), o, set);
    QCOMPARE(r.rowsRead, qint64(4));
    QCOMPARE(r.rowsAccepted, qint64(4));
    const AttemptTable &c = set.client;
    QCOMPARE(c.size(), std::size_t(4));

    // 1: the seed's event: nothing known about usage or cost, and that stays unknown.
    AttemptRow a = c.row(0);
    QCOMPARE(str(set, a.requestId), std::string("req_20260509_000123"));
    QCOMPARE(a.attempt, 1);
    QCOMPARE(a.timestamp, utc("2026-05-09T10:15:22Z"));
    QCOMPARE(a.endTimestamp, utc("2026-05-09T10:15:24Z"));
    QCOMPARE(a.responseId, StringPool::None);
    QCOMPARE(str(set, a.modelRequested), std::string("model_alias_from_config"));
    QCOMPARE(a.modelBilled, StringPool::None);
    QCOMPARE(a.httpStatus, std::int16_t(200));
    QCOMPARE(a.clientTimeout, Flag(0));
    QCOMPARE(a.streamCancelled, Flag(0));
    QCOMPARE(a.stream, Flag(-1));
    QCOMPARE(a.inputTokens, kUnknown);
    QCOMPARE(a.outputTokens, kUnknown);
    QVERIFY(!a.reportedCost.known);
    QCOMPARE(str(set, a.apiKey), std::string("(none)"));
    QCOMPARE(str(set, a.tenant), std::string("tenant_hash_redacted"));
    QCOMPARE(str(set, a.environment), std::string("prod"));
    QCOMPARE(str(set, a.accountRef), std::string("acct-redacted"));
    QCOMPARE(a.outcome, std::int8_t(-1)); // derived by the engine from the flags
    QCOMPARE(a.sourceLine, 1u);

    // 2: a client timeout: no status, no end, null response id.
    a = c.row(1);
    QCOMPARE(a.httpStatus, std::int16_t(-1));
    QCOMPARE(a.clientTimeout, Flag(1));
    QCOMPARE(a.endTimestamp, kNoTime);
    QCOMPARE(a.responseId, StringPool::None);
    QCOMPARE(str(set, a.apiKey), std::string("support-prod"));
    QCOMPARE(str(set, a.service), std::string("support-chat"));
    QCOMPARE(str(set, a.costCenter), std::string("cc-support"));
    QCOMPARE(a.sourceLine, 2u);

    // 3 (after a blank line): the retry, with usage details, a response id and an offset time.
    a = c.row(2);
    QCOMPARE(str(set, a.requestId), std::string("req_2"));
    QCOMPARE(a.attempt, 2);
    QCOMPARE(a.timestamp, utc("2026-05-09T11:00:31.250Z"));
    QCOMPARE(str(set, a.responseId), std::string("chatcmpl-abc123"));
    QCOMPARE(a.stream, Flag(1));
    QCOMPARE(a.inputTokens, std::int64_t(1200));
    QCOMPARE(a.outputTokens, std::int64_t(350));
    QCOMPARE(a.cachedTokens, std::int64_t(1024));
    QCOMPARE(a.reasoningTokens, std::int64_t(0));
    QCOMPARE(str(set, a.sourceIp), std::string("203.0.113.7"));
    // 0.00039000000000000005 is float noise: rounded at the 18th digit and counted.
    QCOMPARE(a.reportedCost.value, dec("0.00039"));
    QCOMPARE(r.roundedValues, qint64(1));
    QCOMPARE(a.sourceLine, 4u);

    // 4: a 429 with zero tokens (0 is known, not unknown) and a zero estimate.
    a = c.row(3);
    QCOMPARE(a.httpStatus, std::int16_t(429));
    QCOMPARE(a.inputTokens, std::int64_t(0));
    QVERIFY(a.reportedCost.known && a.reportedCost.value.isZero());
    QCOMPARE(a.sourceLine, 5u);
}

void TestCostObservationImporter::seedExamplePretty()
{
    LedgerSet set;
    Importer::importBytes(QByteArray(kSeedEvent), options("", LedgerKind::Client), set);
    QCOMPARE(set.files[0].report.format, QStringLiteral("cost_observation_jsonl"));
    QCOMPARE(set.client.size(), std::size_t(1));
    QCOMPARE(set.client.sourceLine[0], 1u);
    QCOMPARE(str(set, set.client.requestId[0]), std::string("req_20260509_000123"));
}

void TestCostObservationImporter::badLine3FailsWholeFile()
{
    LedgerSet set;
    try {
        Importer::importFile(fixture("cost-observations-bad-line3.jsonl"), options("cost_observation_jsonl", LedgerKind::Client, ""), set);
        QFAIL("import should fail");
    } catch (const ImportError &e) {
        QCOMPARE(e.toString(), QStringLiteral("cost-observations-bad-line3.jsonl:3: $.usage_from_response.prompt_tokens: "
                                              "expected a non-negative integer token count, got \"ten\""));
    }
    QVERIFY(isEmpty(set));
}

void TestCostObservationImporter::malformed_data()
{
    QTest::addColumn<QByteArray>("line2");
    QTest::addColumn<QString>("error");
    QTest::newRow("wrong event type") << QByteArray(R"({"event_type":"billing_event","request_correlation_id":"r"})")
                                      << QStringLiteral("e.jsonl:2: $.event_type: expected \"ai_request_cost_observation\", got the string \"billing_event\"");
    QTest::newRow("no event type") << QByteArray(R"({"request_correlation_id":"r"})")
                                   << QStringLiteral("e.jsonl:2: $.event_type: expected \"ai_request_cost_observation\", got nothing (the field is absent)");
    QTest::newRow("http status as text") << QByteArray(R"({"event_type":"ai_request_cost_observation","request_correlation_id":"r","started_at_utc":"2026-05-09T10:00:00Z","http_status":"OK"})")
                                         << QStringLiteral("e.jsonl:2: $.http_status: expected an integer HTTP status or null, got the string \"OK\"");
    QTest::newRow("negative retry") << QByteArray(R"({"event_type":"ai_request_cost_observation","request_correlation_id":"r","started_at_utc":"2026-05-09T10:00:00Z","retry_attempt":-1})")
                                    << QStringLiteral("e.jsonl:2: $.retry_attempt: expected a retry count from 0 (the first try), got the number -1");
    QTest::newRow("bad flag") << QByteArray(R"({"event_type":"ai_request_cost_observation","request_correlation_id":"r","started_at_utc":"2026-05-09T10:00:00Z","client_timeout":"sometimes"})")
                              << QStringLiteral("e.jsonl:2: $.client_timeout: expected true or false, got \"sometimes\"");
    QTest::newRow("bad cost") << QByteArray(R"({"event_type":"ai_request_cost_observation","request_correlation_id":"r","started_at_utc":"2026-05-09T10:00:00Z","estimated_cost":{"amount":"1,50"}})")
                              << QStringLiteral("e.jsonl:2: $.estimated_cost.amount: ");
    QTest::newRow("zone-less start") << QByteArray(R"({"event_type":"ai_request_cost_observation","request_correlation_id":"r","started_at_utc":"2026-05-09 10:00:00"})")
                                     << QStringLiteral("e.jsonl:2: $.started_at_utc: timestamp without a time zone");
    QTest::newRow("not JSON") << QByteArray(R"({"event_type":"ai_request_cost_observation",)")
                              << QStringLiteral("e.jsonl:2: $: invalid JSON");
}

void TestCostObservationImporter::malformed()
{
    QFETCH(QByteArray, line2);
    QFETCH(QString, error);
    const QByteArray good = R"({"event_type":"ai_request_cost_observation","request_correlation_id":"ok","started_at_utc":"2026-05-09T10:00:00Z"})";
    LedgerSet set;
    const QString got = importError(good + "\n" + line2 + "\n" + good + "\n", options("cost_observation_jsonl", LedgerKind::Client, "e.jsonl"), set);
    QVERIFY2(got.startsWith(error), qPrintable(got));
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestCostObservationImporter)
#include "tst_costobservationimporter.moc"
