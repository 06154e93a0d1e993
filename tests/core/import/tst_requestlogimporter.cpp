// SPDX-License-Identifier: Apache-2.0
// Tests of the flat request log importers (formats.md §1b, request_log_csv and
// request_log_jsonl) through the public facade: every field read exactly, unknown values
// staying unknown, CSV edge cases with their line numbers, exact error messages naming file,
// line and column, all-or-nothing failure of a large file, secrets never stored, and the
// clean-month example client ledger.
#include "tabulartesthelpers.h"

#include "core/import/secretredactor.h"

#include <QElapsedTimer>
#include <QTest>

using namespace tl;
using namespace tltest;

namespace {

const char kHeader[] = "request_id,attempt,timestamp_utc,account_ref,api_key_name,service,model_requested,input_tokens,output_tokens\n";

ImportOptions csv(const char *name = "client.csv")
{
    return options("request_log_csv", name, LedgerKind::Client);
}

ImportOptions jsonl(const char *name = "client.jsonl")
{
    return options("request_log_jsonl", name, LedgerKind::Client);
}

// A minimal valid row with the given tokens.
QByteArray row(int i, const char *input = "10", const char *output = "20")
{
    return QByteArray("r") + QByteArray::number(i) + ",1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o," + input + "," + output + "\n";
}

} // namespace

class TestRequestLogImporter : public QObject
{
    Q_OBJECT

private slots:
    void csvReadsEveryField();
    void unknownStaysUnknown_data();
    void unknownStaysUnknown();
    void csvEdgeCases();
    void csvEdgeCaseLineAfterMultilineRecord();
    void csvErrors_data();
    void csvErrors();
    void largeFileFailsAsAWhole();
    void largeFileImports();
    void duplicateAttemptsAreCounted();
    void secretsAreNeverStored();
    void jsonlReadsRows();
    void jsonlKeysInAnyOrder();
    void jsonlErrors_data();
    void jsonlErrors();
    void cleanMonthClient();
};

void TestRequestLogImporter::csvReadsEveryField()
{
    const QByteArray bytes =
        "request_id,attempt,timestamp_utc,account_ref,api_key_name,service,environment,model_requested,model_billed,role,"
        "http_status,outcome,stream,client_timeout,stream_cancelled,cache_hit,input_tokens,output_tokens,"
        "cached_input_tokens,cache_write_tokens,reasoning_tokens,response_id,cost_center,owner,source_ip,cost,unknown_extra\n"
        "req-1,2,2026-05-17T08:09:00+08:00,acct-redacted,support-prod,support,prod,support-chat,gpt-4o,fallback,"
        "200,success_stream,true,false,no,0,2593,1480,1024,16,7,chatcmpl-9,CC-SUP,alice,10.1.2.3,0.000000150,whatever\n";
    LedgerSet set;
    const ImportReport rep = Importer::importBytes(bytes, csv(), set);
    QCOMPARE(rep.rowsRead, qint64(1));
    QCOMPARE(rep.rowsAccepted, qint64(1));
    QCOMPARE(set.client.size(), std::size_t(1));
    const AttemptRow r = set.client.row(0);
    QCOMPARE(str(set, r.requestId), std::string("req-1"));
    QCOMPARE(r.attempt, 2);
    QCOMPARE(r.timestamp, UtcMicros(1778976540000000)); // 2026-05-17T00:09:00Z
    QCOMPARE(r.endTimestamp, kNoTime);
    QCOMPARE(str(set, r.accountRef), std::string("acct-redacted"));
    QCOMPARE(str(set, r.apiKey), std::string("support-prod"));
    QCOMPARE(str(set, r.service), std::string("support"));
    QCOMPARE(str(set, r.environment), std::string("prod"));
    QCOMPARE(str(set, r.modelRequested), std::string("support-chat"));
    QCOMPARE(str(set, r.modelBilled), std::string("gpt-4o"));
    QCOMPARE(r.role, std::int8_t(2));
    QCOMPARE(r.httpStatus, std::int16_t(200));
    QCOMPARE(r.outcome, std::int8_t(Outcome::SuccessStream));
    QCOMPARE(r.stream, Flag(1));
    QCOMPARE(r.clientTimeout, Flag(0));
    QCOMPARE(r.streamCancelled, Flag(0));
    QCOMPARE(r.cacheHit, Flag(0));
    QCOMPARE(r.inputTokens, std::int64_t(2593));
    QCOMPARE(r.outputTokens, std::int64_t(1480));
    QCOMPARE(r.cachedTokens, std::int64_t(1024));
    QCOMPARE(r.cacheWriteTokens, std::int64_t(16));
    QCOMPARE(r.reasoningTokens, std::int64_t(7));
    QCOMPARE(str(set, r.responseId), std::string("chatcmpl-9"));
    QCOMPARE(str(set, r.costCenter), std::string("CC-SUP"));
    QCOMPARE(str(set, r.owner), std::string("alice"));
    QCOMPARE(str(set, r.sourceIp), std::string("10.1.2.3"));
    QCOMPARE(r.tenant, StringPool::None);
    QVERIFY(r.reportedCost.known);
    QCOMPARE(r.reportedCost.value.toStdString(), std::string("0.00000015"));
    QCOMPARE(r.sourceFile, 0u);
    QCOMPARE(r.sourceLine, 2u);
    QCOMPARE(set.files.size(), std::size_t(1));
    QCOMPARE(set.files[0].report.format, QStringLiteral("request_log_csv"));
}

void TestRequestLogImporter::unknownStaysUnknown_data()
{
    QTest::addColumn<QByteArray>("bytes");
    // Optional columns absent altogether, and present but empty / null / NULL: all unknown.
    QTest::newRow("absent columns") << QByteArray("request_id,attempt,timestamp_utc,account_ref,api_key_name,service,model_requested\n"
                                                  "r1,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o\n");
    const QByteArray header = "request_id,attempt,timestamp_utc,account_ref,api_key_name,service,model_requested,model_billed,role,"
                              "http_status,outcome,stream,client_timeout,stream_cancelled,cache_hit,input_tokens,output_tokens,"
                              "cached_input_tokens,cache_write_tokens,reasoning_tokens,response_id,cost\n";
    const QByteArray base = "r1,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o";
    const auto fill = [&](const char *cell) {
        QByteArray b = header + base;
        for (int i = 0; i < 15; ++i) // the 15 optional columns of the header
            b += QByteArray(",") + cell;
        return b + "\n";
    };
    QTest::newRow("empty cells") << fill("");
    QTest::newRow("null") << fill("null");
    QTest::newRow("NULL padded") << fill(" NULL ");
}

void TestRequestLogImporter::unknownStaysUnknown()
{
    QFETCH(QByteArray, bytes);
    LedgerSet set;
    Importer::importBytes(bytes, csv(), set);
    QCOMPARE(set.client.size(), std::size_t(1));
    const AttemptRow r = set.client.row(0);
    QCOMPARE(r.inputTokens, kUnknown);
    QCOMPARE(r.outputTokens, kUnknown);
    QCOMPARE(r.cachedTokens, kUnknown);
    QCOMPARE(r.cacheWriteTokens, kUnknown);
    QCOMPARE(r.reasoningTokens, kUnknown);
    QCOMPARE(r.httpStatus, std::int16_t(-1));
    QCOMPARE(r.outcome, std::int8_t(-1));
    QCOMPARE(r.role, std::int8_t(0));
    QCOMPARE(r.stream, Flag(-1));
    QCOMPARE(r.clientTimeout, Flag(-1));
    QCOMPARE(r.streamCancelled, Flag(-1));
    QCOMPARE(r.cacheHit, Flag(-1));
    QCOMPARE(r.modelBilled, StringPool::None);
    QCOMPARE(r.responseId, StringPool::None);
    QVERIFY(!r.reportedCost.known);
}

void TestRequestLogImporter::csvEdgeCases()
{
    // BOM, CRLF, mixed-case header names, quoted commas, doubled quotes, a quoted field with
    // line breaks, a quoted id, a blank line, NULL/null tokens.
    LedgerSet set;
    const ImportReport rep = Importer::importFile(fixturePath("requestlog-edge.csv"), csv("requestlog-edge.csv"), set, true);
    QCOMPARE(rep.rowsRead, qint64(5));
    QCOMPARE(set.client.size(), std::size_t(5));
    const auto line = [&set](std::size_t i) { return set.client.sourceLine[i]; };
    QCOMPARE(line(0), 2u);
    QCOMPARE(line(1), 3u);
    QCOMPARE(line(2), 4u);
    QCOMPARE(line(3), 7u); // after a record spanning lines 4-6
    QCOMPARE(line(4), 9u); // after a blank line
    QCOMPARE(str(set, set.client.requestId[0]), std::string("r1"));
    QCOMPARE(str(set, set.client.requestId[3]), std::string("r4"));
    QCOMPARE(str(set, set.client.modelRequested[3]), std::string("gpt-4o"));
    QCOMPARE(set.client.inputTokens[0], std::int64_t(10));
    QCOMPARE(set.client.inputTokens[1], kUnknown); // NULL
    QCOMPARE(set.client.outputTokens[1], kUnknown); // null
    QCOMPARE(set.client.inputTokens[2], std::int64_t(5));
    QCOMPARE(set.client.outputTokens[2], kUnknown); // empty, last field of a CRLF line
    QCOMPARE(set.client.attempt[3], 2);
    QCOMPARE(set.client.timestamp[4], UtcMicros(1777593604000000));
    // Nothing to redact: the stored copy is the file byte for byte.
    QCOMPARE(rep.sha256Stored, rep.sha256Received);
    QCOMPARE(set.files[0].storedBytes, readFile(fixturePath("requestlog-edge.csv")));
}

void TestRequestLogImporter::csvEdgeCaseLineAfterMultilineRecord()
{
    // The same file with a bad value in its last record: the message names line 9, which
    // is only right if the line breaks inside the quoted field were counted.
    QByteArray bytes = readFile(fixturePath("requestlog-edge.csv"));
    QVERIFY(bytes.endsWith(",,1,2\r\n"));
    bytes.chop(7);
    bytes += ",,1,-2\r\n";
    LedgerSet set;
    QCOMPARE(importError(bytes, csv("requestlog-edge.csv"), set),
             QStringLiteral("requestlog-edge.csv:9: column 'output_tokens': expected a non-negative integer token count, got \"-2\""));
    QVERIFY(isEmpty(set));
}

void TestRequestLogImporter::csvErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");

    QByteArray five = kHeader;
    for (int i = 0; i < 5; ++i)
        five += i == 3 ? row(i, "-3") : row(i);
    QTest::newRow("negative tokens on line 5") << five << QStringLiteral("client.csv:5: column 'input_tokens': expected a non-negative integer token count, got \"-3\"");
    QTest::newRow("fractional tokens") << QByteArray(kHeader) + row(1) + row(2, "12.5")
                                       << QStringLiteral("client.csv:3: column 'input_tokens': expected a non-negative integer token count, got \"12.5\"");
    QTest::newRow("tokens above 32 bits") << QByteArray(kHeader) + row(1, "2147483647") + row(2, "10", "2147483648")
                                          << QStringLiteral("client.csv:3: column 'output_tokens': token count 2147483648 is above 2147483647, the most one attempt can hold");
    QTest::newRow("word for tokens") << QByteArray(kHeader) + row(1, "10", "many")
                                     << QStringLiteral("client.csv:2: column 'output_tokens': expected a non-negative integer token count, got \"many\"");
    QTest::newRow("bad timestamp") << QByteArray(kHeader) + "r1,1,2026-13-01T00:00:00Z,acct,key-a,svc,gpt-4o,1,2\n"
                                   << QStringLiteral("client.csv:2: column 'timestamp_utc': no such date, expected an ISO 8601 timestamp such as 2026-05-01T12:34:56Z, got \"2026-13-01T00:00:00Z\"");
    QTest::newRow("timestamp without zone") << QByteArray(kHeader) + "r1,1,2026-05-01 10:00:00,acct,key-a,svc,gpt-4o,1,2\n"
                                            << QStringLiteral("client.csv:2: column 'timestamp_utc': timestamp without a time zone; give the import an explicit --assume-tz (e.g. UTC), got \"2026-05-01 10:00:00\"");
    QTest::newRow("empty timestamp") << QByteArray(kHeader) + "r1,1,,acct,key-a,svc,gpt-4o,1,2\n"
                                     << QStringLiteral("client.csv:2: column 'timestamp_utc': required timestamp is empty");
    QTest::newRow("attempt zero") << QByteArray(kHeader) + "r1,0,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,1,2\n"
                                  << QStringLiteral("client.csv:2: column 'attempt': expected an attempt number of 1 or more (1 = first try), got \"0\"");
    QTest::newRow("attempt text") << QByteArray(kHeader) + "r1,first,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,1,2\n"
                                  << QStringLiteral("client.csv:2: column 'attempt': expected an integer, got \"first\"");
    QTest::newRow("empty request id") << QByteArray(kHeader) + ",1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,1,2\n"
                                      << QStringLiteral("client.csv:2: column 'request_id': a value is required here, got an empty cell");
    QTest::newRow("empty api key") << QByteArray(kHeader) + "r1,1,2026-05-01T00:00:00Z,acct,,svc,gpt-4o,1,2\n"
                                   << QStringLiteral("client.csv:2: column 'api_key_name': a value is required here, got an empty cell");
    QTest::newRow("missing column") << QByteArray("request_id,attempt,timestamp_utc,api_key_name,service,model_requested\n"
                                                  "r1,1,2026-05-01T00:00:00Z,key-a,svc,gpt-4o\n")
                                    << QStringLiteral("client.csv:1: missing required column 'account_ref' in the header");
    QTest::newRow("short row") << QByteArray(kHeader) + row(1) + "r2,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,1\n"
                               << QStringLiteral("client.csv:3: expected 9 fields as in the header, got 8");
    const QByteArray optHeader = "request_id,attempt,timestamp_utc,account_ref,api_key_name,service,model_requested,stream,http_status,outcome,role,cost\n";
    QTest::newRow("bad bool") << optHeader + "r1,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,maybe,200,,,\n"
                              << QStringLiteral("client.csv:2: column 'stream': expected true or false, got \"maybe\"");
    QTest::newRow("bad status") << optHeader + "r1,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,true,42,,,\n"
                                << QStringLiteral("client.csv:2: column 'http_status': expected an HTTP status code (100-599) or an empty cell for no response, got \"42\"");
    QTest::newRow("bad outcome") << optHeader + "r1,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,true,200,succeeded,,\n"
                                 << QStringLiteral("client.csv:2: column 'outcome': unknown outcome class \"succeeded\"; expected one of success, success_stream, "
                                                   "stream_cancelled, client_error, rate_limited, server_error, client_timeout, network_error, not_sent, cached_response");
    QTest::newRow("bad role") << optHeader + "r1,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,true,200,,secondary,\n"
                              << QStringLiteral("client.csv:2: column 'role': expected primary or fallback, got \"secondary\"");
    QTest::newRow("bad cost") << optHeader + "r1,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,true,200,,,\"1,5\"\n"
                              << QStringLiteral("client.csv:2: column 'cost': comma in number: use '.' as the decimal point and no thousands separators, got \"1,5\"");
    QTest::newRow("unterminated quote") << QByteArray(kHeader) + row(1) + "r2,1,2026-05-01T00:00:00Z,acct,\"key-a,svc,gpt-4o,1,2\n"
                                        << QStringLiteral("client.csv:3: unterminated quoted field (field 5); expected a closing quote");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("client.csv:1: empty file: a header row is required");
}

void TestRequestLogImporter::csvErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    LedgerSet set;
    QCOMPARE(importError(bytes, csv(), set), message);
    QVERIFY(isEmpty(set));
}

void TestRequestLogImporter::largeFileFailsAsAWhole()
{
    // 200,000 rows, one malformed in the middle: the import fails naming its line, and
    // nothing of the 100,000 good rows before it reaches the set.
    constexpr int rows = 200000;
    constexpr int bad = 100000;
    QByteArray bytes = kHeader;
    bytes.reserve(rows * 60);
    for (int i = 0; i < rows; ++i)
        bytes += i == bad ? row(i, "10", "2x") : row(i);
    LedgerSet set;
    QCOMPARE(importError(bytes, csv("big.csv"), set),
             QStringLiteral("big.csv:%1: column 'output_tokens': expected a non-negative integer token count, got \"2x\"").arg(bad + 2));
    QVERIFY(isEmpty(set));
}

void TestRequestLogImporter::largeFileImports()
{
    constexpr int rows = 200000;
    QByteArray bytes = kHeader;
    bytes.reserve(rows * 60);
    for (int i = 0; i < rows; ++i)
        bytes += row(i, QByteArray::number(i % 1000).constData(), "20");
    LedgerSet set;
    QElapsedTimer timer;
    timer.start();
    const ImportReport rep = Importer::importBytes(bytes, csv("big.csv"), set);
    qInfo("imported %d rows (%lld bytes) in %lld ms", rows, static_cast<long long>(bytes.size()), static_cast<long long>(timer.elapsed()));
    QCOMPARE(rep.rowsRead, qint64(rows));
    QCOMPARE(rep.rowsAccepted, qint64(rows));
    QCOMPARE(set.client.size(), std::size_t(rows));
    QCOMPARE(set.client.sourceLine.back(), std::uint32_t(rows + 1));
    QCOMPARE(set.client.inputTokens[123456], std::int64_t(456));
    QCOMPARE(str(set, set.client.requestId[123456]), std::string("r123456"));
}

void TestRequestLogImporter::duplicateAttemptsAreCounted()
{
    const QByteArray bytes = QByteArray(kHeader) + row(1) + row(2) + row(1, "11", "21");
    LedgerSet set;
    const ImportReport rep = Importer::importBytes(bytes, csv(), set);
    QCOMPARE(rep.rowsRead, qint64(3));
    QCOMPARE(rep.rowsAccepted, qint64(2));
    QCOMPARE(rep.quarantined.value(QStringLiteral("duplicate")), qint64(1));
    QCOMPARE(set.client.size(), std::size_t(3)); // kept, with the row it repeats; the engine quarantines it
}

void TestRequestLogImporter::secretsAreNeverStored()
{
    const QByteArray secret = "sk-abcdefghijklmnopqrstuvwxyz0123";
    const QByteArray bytes = "request_id,attempt,timestamp_utc,account_ref,api_key_name,service,model_requested,notes\n"
                             "r1,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,debug key " + secret + " leaked\n"
                             "r2,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,\"again: " + secret + "\"\n"
                             "r3,1,2026-05-01T00:00:00Z,acct,key-a,svc,gpt-4o,clean\n";
    LedgerSet set;
    const ImportReport rep = Importer::importBytes(bytes, csv(), set, true);
    QCOMPARE(rep.redactions, qint64(2));
    QCOMPARE(rep.rowsAccepted, qint64(3));
    QVERIFY(rep.sha256Received != rep.sha256Stored);
    const QByteArray &stored = set.files[0].storedBytes;
    QVERIFY(!stored.contains("sk-abcdefghij"));
    QCOMPARE(stored.count("key#922000e9bdfb"), qsizetype(2)); // first 12 hex digits of SHA-256 of the key
    QCOMPARE(SecretRedactor::tokenFor(std::string_view(secret.constData(), static_cast<std::size_t>(secret.size()))), QByteArray("key#922000e9bdfb"));
    QVERIFY(set.files[0].report.notes.join(QLatin1Char('\n')).contains(QStringLiteral("2 secret value(s) replaced")));
    // Nothing interned from the file holds the key either.
    for (std::size_t i = 0; i < set.pool().size(); ++i)
        QVERIFY(set.pool().view(static_cast<StringPool::Id>(i)).find("sk-abcdefghij") == std::string_view::npos);
}

void TestRequestLogImporter::jsonlReadsRows()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(fixturePath("requestlog.jsonl"), jsonl("requestlog.jsonl"), set);
    QCOMPARE(rep.rowsRead, qint64(3));
    QCOMPARE(rep.rowsAccepted, qint64(3));
    QCOMPARE(rep.roundedValues, qint64(1)); // estimated_cost with 24 fractional digits: float noise, rounded
    QCOMPARE(set.client.size(), std::size_t(3));

    const AttemptRow a = set.client.row(0);
    QCOMPARE(a.sourceLine, 1u);
    QCOMPARE(str(set, a.requestId), std::string("j1"));
    QCOMPARE(a.attempt, 1);
    QCOMPARE(a.timestamp, UtcMicros(1777622400000000)); // 10:00+02:00 = 08:00Z
    QCOMPARE(a.inputTokens, std::int64_t(100));
    QCOMPARE(a.outputTokens, kUnknown); // null
    QCOMPARE(a.stream, Flag(1));
    QCOMPARE(a.httpStatus, std::int16_t(200));
    QCOMPARE(a.outcome, std::int8_t(Outcome::SuccessStream));
    QVERIFY(a.reportedCost.known);
    QCOMPARE(a.reportedCost.value.toStdString(), std::string("0.00000015")); // 1.5e-7 from its text, not a double

    const AttemptRow b = set.client.row(1);
    QCOMPARE(b.sourceLine, 3u); // after a blank line
    QCOMPARE(str(set, b.requestId), std::string("j2")); // keys are case-insensitive
    QCOMPARE(b.attempt, 2); // "2" as a string
    QCOMPARE(b.role, std::int8_t(2));
    QCOMPARE(b.cachedTokens, std::int64_t(0)); // 0 is known
    QCOMPARE(b.inputTokens, kUnknown); // absent
    QCOMPARE(b.cacheHit, Flag(0));
    QCOMPARE(b.reportedCost.value.toStdString(), std::string("0.00000015"));

    const AttemptRow c = set.client.row(2);
    QCOMPARE(c.sourceLine, 4u); // a CRLF line before it, padded with spaces itself
    QCOMPARE(str(set, c.requestId), std::string("j\xC3\xA9")); // \u00e9 unescaped
    QCOMPARE(c.timestamp, UtcMicros(1777622402500000));
    QCOMPARE(c.modelBilled, StringPool::None);
    QCOMPARE(c.httpStatus, std::int16_t(429));
    QCOMPARE(c.reportedCost.value.toStdString(), std::string("0.25")); // cost wins over estimated_cost
}

// Rows that leave fields out, reorder them, spell them in another case or add their own: every
// value still lands in its column (the importer remembers which column a key meant by position
// and by its exact bytes; a key at a position that meant another column before is looked up again).
void TestRequestLogImporter::jsonlKeysInAnyOrder()
{
    const QByteArray bytes =
        "{\"request_id\":\"a\",\"attempt\":1,\"timestamp_utc\":\"2026-05-01T00:00:00Z\",\"account_ref\":\"x\",\"api_key_name\":\"k1\","
        "\"service\":\"s\",\"model_requested\":\"m1\",\"input_tokens\":5,\"output_tokens\":6}\n"
        "{\"attempt\":2,\"request_id\":\"b\",\"output_tokens\":8,\"timestamp_utc\":\"2026-05-01T00:00:01Z\",\"account_ref\":\"x\","
        "\"api_key_name\":\"k2\",\"service\":\"s\",\"model_requested\":\"m2\"}\n"
        "{\"REQUEST_ID\":\"c\",\"Attempt\":3,\"timestamp_utc\":\"2026-05-01T00:00:02Z\",\"account_ref\":\"x\",\"api_key_name\":\"k3\","
        "\"service\":\"s\",\"model_requested\":\"m3\",\"Input_Tokens\":9}\n"
        "{\"request_id\":\"d\",\"trace\":\"t-1\",\"attempt\":1,\"timestamp_utc\":\"2026-05-01T00:00:03Z\",\"account_ref\":\"x\","
        "\"api_key_name\":\"k1\",\"service\":\"s\",\"model_requested\":\"m1\",\"output_tokens\":4,\"input_tokens\":3}\n";
    LedgerSet set;
    const ImportReport rep = Importer::importBytes(bytes, jsonl(), set);
    QCOMPARE(rep.rowsAccepted, qint64(4));
    const char *ids[] = {"a", "b", "c", "d"};
    const int attempts[] = {1, 2, 3, 1};
    const std::int64_t input[] = {5, kUnknown, 9, 3};
    const std::int64_t output[] = {6, 8, kUnknown, 4};
    const char *keys[] = {"k1", "k2", "k3", "k1"};
    for (std::size_t i = 0; i < 4; ++i) {
        const AttemptRow r = set.client.row(i);
        QCOMPARE(str(set, r.requestId), std::string(ids[i]));
        QCOMPARE(r.attempt, attempts[i]);
        QCOMPARE(std::int64_t(r.inputTokens), input[i]);
        QCOMPARE(std::int64_t(r.outputTokens), output[i]);
        QCOMPARE(str(set, r.apiKey), std::string(keys[i]));
    }
}

void TestRequestLogImporter::jsonlErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const QByteArray good = R"({"request_id":"a","attempt":1,"timestamp_utc":"2026-05-01T00:00:00Z","account_ref":"acct","api_key_name":"k","service":"s","model_requested":"m"})";
    const auto with = [&good](const char *extra) {
        QByteArray b = good;
        b.chop(1);
        return b + "," + extra + "}";
    };
    QTest::newRow("negative tokens") << good + "\n" + with(R"("input_tokens":-5)") + "\n"
                                     << QStringLiteral("client.jsonl:2: $.input_tokens: expected a non-negative integer token count, got \"-5\"");
    QTest::newRow("tokens above 32 bits") << good + "\n" + with(R"("reasoning_tokens":9000000000)") + "\n"
                                          << QStringLiteral("client.jsonl:2: $.reasoning_tokens: token count 9000000000 is above 2147483647, the most one attempt can hold");
    QTest::newRow("float tokens") << good + "\n" + with(R"("output_tokens":1e3)") + "\n"
                                  << QStringLiteral("client.jsonl:2: $.output_tokens: expected a non-negative integer token count, got \"1e3\"");
    QTest::newRow("missing required") << good + "\n\n" + R"({"request_id":"a","attempt":1,"timestamp_utc":"2026-05-01T00:00:00Z","account_ref":"acct","api_key_name":"k","model_requested":"m"})" + "\n"
                                      << QStringLiteral("client.jsonl:3: $.service: required field is missing");
    QTest::newRow("null required") << with(R"("service":null)") + "\n"
                                   << QStringLiteral("client.jsonl:1: $.service: a value is required here, got none");
    QTest::newRow("object value") << with(R"("stream":{"on":true})") + "\n"
                                  << QStringLiteral("client.jsonl:1: $.stream: expected a string, number, boolean or null, got an object");
    QTest::newRow("bad bool") << with(R"("stream":"sometimes")") + "\n"
                              << QStringLiteral("client.jsonl:1: $.stream: expected true or false, got \"sometimes\"");
    QTest::newRow("excess digits in cost") << with(R"("cost":0.0000000000000000001)") + "\n"
                                           << QStringLiteral("no error"); // cost is a gateway's own estimate: noise is rounded
    QTest::newRow("array line") << good + "\n[1,2]\n"
                                << QStringLiteral("client.jsonl:2: $: expected one JSON object per line: The JSON element does not have the requested type.");
    QTest::newRow("two objects") << good + good + "\n"
                                 << QStringLiteral("client.jsonl:1: $: unexpected text after the JSON object; expected one object per line");
    QTest::newRow("broken json") << good + "\n" + R"({"request_id":"a",,})" + "\n"
                                 << QStringLiteral("client.jsonl:2: $: not valid JSON: The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.");
}

void TestRequestLogImporter::jsonlErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    LedgerSet set;
    QCOMPARE(importError(bytes, jsonl(), set), message);
    if (message != QStringLiteral("no error"))
        QVERIFY(isEmpty(set));
}

void TestRequestLogImporter::cleanMonthClient()
{
    LedgerSet set;
    ImportOptions o;
    o.kind = LedgerKind::Client; // format left empty: detected from the header
    const ImportReport rep = Importer::importFile(sharedPath("examples/clean-month/client.csv"), o, set, true);
    QVERIFY(rep.formatDetected);
    QCOMPARE(rep.format, QStringLiteral("request_log_csv"));
    QCOMPARE(rep.rowsRead, qint64(312));
    QCOMPARE(rep.rowsAccepted, qint64(312));
    QVERIFY(rep.quarantined.isEmpty());
    QCOMPARE(rep.redactions, qint64(44)); // the notes column leaks a key on 44 rows
    QVERIFY(!set.files[0].storedBytes.contains("sk-abcdefghij"));
    QCOMPARE(set.client.size(), std::size_t(312));

    qint64 unknownInput = 0, unknownOutput = 0, input = 0, output = 0, streams = 0, retries = 0, timeouts = 0, noStatus = 0;
    for (std::size_t i = 0; i < set.client.size(); ++i) {
        if (set.client.inputTokens[i] == kUnknown)
            ++unknownInput;
        else
            input += set.client.inputTokens[i];
        if (set.client.outputTokens[i] == kUnknown)
            ++unknownOutput;
        else
            output += set.client.outputTokens[i];
        streams += set.client.stream[i] == 1;
        retries += set.client.attempt[i] > 1;
        timeouts += set.client.clientTimeout[i] == 1;
        noStatus += set.client.httpStatus[i] == -1;
        QCOMPARE(set.client.outcome[i], std::int8_t(-1)); // no outcome column values: derived later
        QCOMPARE(set.client.sourceLine[i], std::uint32_t(i + 2));
    }
    QCOMPARE(unknownInput, qint64(57));
    QCOMPARE(unknownOutput, qint64(57));
    QCOMPARE(input, qint64(764025));
    QCOMPARE(output, qint64(179079));
    QCOMPARE(streams, qint64(30));
    QCOMPARE(retries, qint64(9));
    QCOMPARE(timeouts, qint64(4));
    QCOMPARE(noStatus, qint64(4));
    QCOMPARE(set.client.timestamp[0], UtcMicros(1778976540000000)); // 2026-05-17T08:09:00+08:00
    QCOMPARE(str(set, set.client.apiKey[0]), std::string("support-prod"));
    QCOMPARE(str(set, set.client.sourceIp[0]), std::string("10.1.2.3"));
}

QTEST_GUILESS_MAIN(TestRequestLogImporter)
#include "tst_requestlogimporter.moc"
