// SPDX-License-Identifier: Apache-2.0
// Tests of the two LiteLLM importers.
// litellm_prices_json (formats.md §5): the real LiteLLM price map (~1,700 entries) becomes a
// snapshot where every entry is accounted for (priced or skipped with a reason), prices are
// exact decimals read from the number text, upstream_ratio 0.8 is on every row, long-context
// keys and tiered_pricing become tier rows, and the snapshot id comes from the file's SHA-256.
// litellm_spend_logs (formats.md §2): the real SpendLogs sample becomes one gateway row with
// tokens from metadata.usage_object, needs assume_tz (the error names startTime), and its stored
// copy has no prompt/response text; JSON Lines and CSV variants, and malformed rows.
#include "core/model/outcome.h"
#include "core/util/sha256.h"
#include "core/util/timeutil.h"
#include "jsontesthelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QElapsedTimer>
#include <QJsonObject>

#include <set>

using namespace tl;
using namespace jtest;

namespace {

const char kTable[] = "data/real/litellm-prices/model_prices_and_context_window.json";

std::vector<const PriceRow *> rowsOf(const LedgerSet &set, const char *model)
{
    std::vector<const PriceRow *> out;
    for (const PriceRow &p : set.prices)
        if (p.billableModel == QLatin1String(model))
            out.push_back(&p);
    return out;
}

QString skipReason(const LedgerSet &set, const char *model)
{
    for (const SkippedPrice &s : set.skippedPrices)
        if (s.model == QLatin1String(model))
            return s.reason;
    return QString();
}

} // namespace

class TestLitellmImporters : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyEntryAccountedFor();
    void exactPrices();
    void tierRows();
    void skippedReasons_data();
    void skippedReasons();
    void givenRatioAndSnapshotId();
    void smallTable();
    void malformed_data();
    void malformed();

    void spendSampleNeedsAssumeTz();
    void spendSample();
    void spendSampleInZone();
    void spendSampleAsArray();
    void spendJsonLines();
    void spendCsv();
    void spendMalformed_data();
    void spendMalformed();
    void spendLargeArray();

private:
    LedgerSet m_set;
    ImportReport m_report;
    QByteArray m_bytes;
};

void TestLitellmImporters::initTestCase()
{
    m_bytes = readFile(shared(kTable));
    QVERIFY(m_bytes.size() > 800000);
    m_report = Importer::importFile(shared(kTable), options("litellm_prices_json", LedgerKind::Prices), m_set);
}

void TestLitellmImporters::everyEntryAccountedFor()
{
    // Count the entries independently of the importer (a test may use QJsonDocument).
    const QJsonObject all = QJsonDocument::fromJson(m_bytes).object();
    QVERIFY(all.contains(QStringLiteral("sample_spec")));
    const qint64 entries = all.size() - 1;
    QCOMPARE(entries, qint64(1707));

    std::set<QString> priced;
    for (const PriceRow &p : m_set.prices)
        priced.insert(p.billableModel);
    std::set<QString> skipped;
    for (const SkippedPrice &s : m_set.skippedPrices)
        skipped.insert(s.model);
    QCOMPARE(skipped.size(), m_set.skippedPrices.size()); // each entry skipped once
    for (const QString &m : priced)
        QVERIFY2(!skipped.count(m), qPrintable(m));
    QCOMPARE(qint64(priced.size() + m_set.skippedPrices.size()), entries);
    QVERIFY(!priced.count(QStringLiteral("sample_spec")) && !skipped.count(QStringLiteral("sample_spec")));

    QCOMPARE(m_report.rowsRead, entries);
    QCOMPARE(m_report.rowsAccepted, qint64(priced.size()));
    qint64 skippedTotal = 0;
    for (qint64 n : m_report.skipped)
        skippedTotal += n;
    QCOMPARE(skippedTotal, qint64(m_set.skippedPrices.size()));
    QVERIFY(priced.size() > 1400);

    // Every row: the ratio 0.8, per token, public list, USD, no evidence, the snapshot id.
    const QString id = QStringLiteral("litellm-") + Sha256::hex(m_bytes).left(12);
    QCOMPARE(id, QStringLiteral("litellm-8c7e3ef74d47"));
    for (const PriceRow &p : m_set.prices) {
        QVERIFY(p.upstreamRatio.known);
        QCOMPARE(p.upstreamRatio.value, dec("0.8"));
        QCOMPARE(p.snapshotId, id);
        QCOMPARE(p.unit, std::int64_t(1));
        QCOMPARE(p.category, BillingCategory::Token);
        QCOMPARE(p.priceKind, QStringLiteral("public-list"));
        QCOMPARE(p.currency, QStringLiteral("USD"));
        QVERIFY(p.evidenceId.isEmpty());
        QVERIFY(p.inputPrice.known);
    }
    QVERIFY(m_report.notes.join(QLatin1Char('\n')).contains(QStringLiteral("upstream_ratio 0.8")));
}

void TestLitellmImporters::exactPrices()
{
    const auto rows = rowsOf(m_set, "gpt-4o");
    QCOMPARE(rows.size(), std::size_t(1));
    const PriceRow &p = *rows[0];
    QCOMPARE(p.inputPrice.value, dec("0.0000025"));
    QCOMPARE(p.inputPrice.value.toString(), QStringLiteral("0.0000025"));
    QCOMPARE(p.outputPrice.value, dec("0.00001"));
    QCOMPARE(p.cachedInputPrice.value, dec("0.00000125"));
    QVERIFY(!p.cacheWritePrice.known);
    QVERIFY(!p.reasoningPrice.known);
    QCOMPARE(p.tierMinInputTokens, kUnknown);
    QCOMPARE(p.notes, QStringLiteral("openai"));
    QCOMPARE(p.sourceUrl, QStringLiteral("litellm:model_prices_and_context_window.json"));
    QCOMPARE(p.sourceLine, lineOf(m_bytes, "\"gpt-4o\": {"));
    QCOMPARE(p.sourceFile, 0u);

    // A zero price is a price (embeddings' output), not a missing one.
    const auto emb = rowsOf(m_set, "text-embedding-3-small");
    QCOMPARE(emb.size(), std::size_t(1));
    QCOMPARE(emb[0]->inputPrice.value, dec("0.00000002"));
    QVERIFY(emb[0]->outputPrice.known);
    QVERIFY(emb[0]->outputPrice.value.isZero());
}

void TestLitellmImporters::tierRows()
{
    // *_above_128k_tokens: a tier row at 128000 with the tier's prices.
    auto rows = rowsOf(m_set, "gemini-1.5-pro");
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[0]->tierMinInputTokens, kUnknown);
    QCOMPARE(rows[0]->inputPrice.value, dec("0.00000125"));
    QCOMPARE(rows[1]->tierMinInputTokens, std::int64_t(128000));
    QCOMPARE(rows[1]->inputPrice.value, dec("0.0000025"));
    QCOMPARE(rows[1]->outputPrice.value, dec("0.00001"));
    QCOMPARE(rows[1]->upstreamRatio.value, dec("0.8"));

    // *_above_200k_tokens for every component; a component without one keeps the base price.
    rows = rowsOf(m_set, "claude-sonnet-4-20250514");
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[1]->tierMinInputTokens, std::int64_t(200000));
    QCOMPARE(rows[1]->inputPrice.value, dec("0.000006"));
    QCOMPARE(rows[1]->outputPrice.value, dec("0.0000225"));
    QCOMPARE(rows[1]->cachedInputPrice.value, dec("0.0000006"));
    QCOMPARE(rows[1]->cacheWritePrice.value, dec("0.0000075"));
    rows = rowsOf(m_set, "gemini/gemini-2.5-pro");
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[1]->cachedInputPrice.value, dec("0.0000003125"));

    // tiered_pricing: one row per range, at its lower bound; the range from 0 is the base row.
    rows = rowsOf(m_set, "dashscope/qwen3-coder-plus");
    QCOMPARE(rows.size(), std::size_t(4));
    QCOMPARE(rows[0]->tierMinInputTokens, kUnknown);
    QCOMPARE(rows[0]->inputPrice.value, dec("0.000001"));
    QCOMPARE(rows[0]->cachedInputPrice.value, dec("0.0000001"));
    QCOMPARE(rows[1]->tierMinInputTokens, std::int64_t(32000));
    QCOMPARE(rows[1]->inputPrice.value, dec("0.0000018"));
    QCOMPARE(rows[2]->tierMinInputTokens, std::int64_t(128000));
    QCOMPARE(rows[3]->tierMinInputTokens, std::int64_t(256000));
    QCOMPARE(rows[3]->outputPrice.value, dec("0.00006"));
    rows = rowsOf(m_set, "dashscope/qwen-plus-latest");
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[1]->reasoningPrice.value, dec("0.000012"));
}

void TestLitellmImporters::skippedReasons_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("reason");
    QTest::newRow("image") << QStringLiteral("1024-x-1024/dall-e-2") << QStringLiteral("priced_per_image");
    QTest::newRow("second") << QStringLiteral("bedrock/us-east-1/1-month-commitment/anthropic.claude-v1") << QStringLiteral("priced_per_second");
    QTest::newRow("character") << QStringLiteral("text-bison") << QStringLiteral("priced_per_character");
    QTest::newRow("query") << QStringLiteral("exa_ai/search") << QStringLiteral("priced_per_query");
    QTest::newRow("no price") << QStringLiteral("dashscope/qwen3-30b-a3b") << QStringLiteral("no_price");
    QTest::newRow("token price, image mode") << QStringLiteral("gemini-2.5-flash-image") << QStringLiteral("unsupported_mode");
    QTest::newRow("token price, moderation") << QStringLiteral("omni-moderation-latest") << QStringLiteral("unsupported_mode");
    QTest::newRow("per page") << QStringLiteral("mistral/mistral-ocr-latest") << QStringLiteral("priced_per_other_unit");
}

void TestLitellmImporters::skippedReasons()
{
    QFETCH(QString, model);
    QFETCH(QString, reason);
    QCOMPARE(skipReason(m_set, model.toUtf8().constData()), reason);
    QVERIFY(rowsOf(m_set, model.toUtf8().constData()).empty());
    QVERIFY(m_report.skipped.value(reason) > 0);
}

void TestLitellmImporters::givenRatioAndSnapshotId()
{
    LedgerSet set;
    ImportOptions o = options("litellm_prices_json", LedgerKind::Prices);
    o.upstreamRatio.value = dec("0.75");
    o.upstreamRatio.known = true;
    o.snapshotId = QStringLiteral("litellm-2025-11-01");
    const ImportReport r = Importer::importFile(fixture("litellm-prices-small.json"), o, set);
    QVERIFY(!set.prices.empty());
    for (const PriceRow &p : set.prices) {
        QCOMPARE(p.upstreamRatio.value, dec("0.75"));
        QCOMPARE(p.snapshotId, QStringLiteral("litellm-2025-11-01"));
    }
    QVERIFY(!r.notes.join(QLatin1Char('\n')).contains(QStringLiteral("upstream_ratio 0.8")));
}

void TestLitellmImporters::smallTable()
{
    LedgerSet set;
    const QString path = fixture("litellm-prices-small.json");
    const ImportReport r = Importer::importFile(path, options("litellm_prices_json", LedgerKind::Prices), set);
    // 10 distinct keys minus sample_spec; "model-a" appears twice and counts once (the last).
    QCOMPARE(r.rowsRead, qint64(9));
    QCOMPARE(r.rowsAccepted, qint64(3));
    QCOMPARE(set.skippedPrices.size(), std::size_t(6));
    const auto a = rowsOf(set, "model-a");
    QCOMPARE(a.size(), std::size_t(1));
    QCOMPARE(a[0]->inputPrice.value, dec("0.000003"));
    QVERIFY(!a[0]->outputPrice.known); // null = no price, never 0
    QCOMPARE(a[0]->sourceLine, 21u); // the second "model-a"
    const auto b = rowsOf(set, "model-b");
    QCOMPARE(b[0]->inputPrice.value, dec("0.00000015"));
    QCOMPARE(b[0]->outputPrice.value, dec("0.0000006"));
    QCOMPARE(b[0]->reasoningPrice.value, dec("0.0000012"));
    QCOMPARE(b[0]->cacheWritePrice.value, dec("0.0000001875"));
    QCOMPARE(b[0]->notes, QStringLiteral("anthropic"));
    QCOMPARE(rowsOf(set, "ranked").size(), std::size_t(1));
    QCOMPARE(r.skipped.value(QStringLiteral("priced_per_image")), qint64(1));
    QCOMPARE(r.skipped.value(QStringLiteral("priced_per_character")), qint64(1));
    QCOMPARE(r.skipped.value(QStringLiteral("priced_per_query")), qint64(1));
    QCOMPARE(r.skipped.value(QStringLiteral("priced_per_second")), qint64(1));
    QCOMPARE(r.skipped.value(QStringLiteral("unsupported_mode")), qint64(1));
    QCOMPARE(r.skipped.value(QStringLiteral("no_price")), qint64(1));
    QCOMPARE(skipReason(set, "unpriced-chat"), QStringLiteral("no_price"));
    QVERIFY(r.notes.join(QLatin1Char('\n')).contains(QStringLiteral("1 repeated key(s)")));
}

void TestLitellmImporters::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("price not a number") << QByteArray("{\n\"gpt-x\": {\"mode\": \"chat\",\n \"input_cost_per_token\": \"abc\"}}")
                                        << QStringLiteral("p.json:3: $[\"gpt-x\"].input_cost_per_token: expected a decimal");
    QTest::newRow("negative price") << QByteArray("{\"m\": {\"mode\": \"chat\", \"input_cost_per_token\": -1e-6}}")
                                    << QStringLiteral("p.json:1: $.m.input_cost_per_token: a price cannot be negative, got the number -1e-6");
    QTest::newRow("entry not an object") << QByteArray("{\"m\": 3}") << QStringLiteral("p.json:1: $.m: expected a model entry (a JSON object), got the number 3");
    QTest::newRow("bad range") << QByteArray("{\"m\": {\"mode\": \"chat\", \"tiered_pricing\": [{\"input_cost_per_token\": 1e-6, \"range\": [0.5, 10]}]}}")
                               << QStringLiteral("p.json:1: $.m.tiered_pricing[0].range: expected a token range");
    QTest::newRow("too precise") << QByteArray("{\"m\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e-19}}")
                                 << QStringLiteral("p.json:1: $.m.input_cost_per_token: ");
    QTest::newRow("array root") << QByteArray("[]") << QStringLiteral("p.json:1: $: expected LiteLLM's model price map (a JSON object), got an array");
}

void TestLitellmImporters::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    LedgerSet set;
    const QString got = importError(json, options("litellm_prices_json", LedgerKind::Prices, "p.json"), set);
    QVERIFY2(got.startsWith(error), qPrintable(got));
    QVERIFY(isEmpty(set));
}

// ---------------------------------------------------------------------------------------------
// litellm_spend_logs

namespace {

const char kSpendSample[] = "data/real/litellm-spendlog-sample/spend_logs_payload.json";

ImportOptions spendOptions(const char *tz, const char *name = "spend.json")
{
    ImportOptions o = options("litellm_spend_logs", LedgerKind::Gateway, name);
    o.assumeTz = QString::fromLatin1(tz);
    return o;
}

UtcMicros utc(const char *text)
{
    UtcMicros t = 0;
    QString why;
    if (!timeutil::parseTimestamp(text, nullptr, &t, &why))
        qFatal("bad timestamp %s", text);
    return t;
}

bool hasTextField(const QJsonObject &o)
{
    for (const char *k : {"messages", "response", "proxy_server_request", "prompt", "completion"})
        if (o.contains(QLatin1String(k)))
            return true;
    return false;
}

} // namespace

void TestLitellmImporters::spendSampleNeedsAssumeTz()
{
    LedgerSet set;
    try {
        Importer::importFile(shared(kSpendSample), spendOptions(""), set);
        QFAIL("import should fail without assume_tz");
    } catch (const ImportError &e) {
        QCOMPARE(e.column(), QStringLiteral("$.startTime"));
        QCOMPARE(e.line(), qint64(7));
        QVERIFY2(e.toString().contains(QStringLiteral("startTime")), qPrintable(e.toString()));
        QVERIFY(e.message().contains(QStringLiteral("--assume-tz")));
    }
    QVERIFY(isEmpty(set));
}

void TestLitellmImporters::spendSample()
{
    LedgerSet set;
    const QByteArray raw = readFile(shared(kSpendSample));
    const ImportReport r = Importer::importFile(shared(kSpendSample), spendOptions("UTC"), set, true);
    QCOMPARE(r.format, QStringLiteral("litellm_spend_logs"));
    QCOMPARE(r.rowsRead, qint64(1));
    QCOMPARE(r.rowsAccepted, qint64(1));
    QCOMPARE(set.client.size(), std::size_t(0));
    QCOMPARE(set.gateway.size(), std::size_t(1));
    const AttemptRow a = set.gateway.row(0);
    QCOMPARE(str(set, a.requestId), std::string("chatcmpl-2283081b-dc89-41f6-93e6-d4f914774027"));
    QCOMPARE(a.attempt, 1);
    QCOMPARE(a.timestamp, utc("2025-01-24T09:20:46.847371Z"));
    QCOMPARE(a.endTimestamp, utc("2025-01-24T09:20:46.851954Z"));
    // Tokens from metadata.usage_object: 10 in, 20 out; no details = unknown subsets.
    QCOMPARE(a.inputTokens, std::int64_t(10));
    QCOMPARE(a.outputTokens, std::int64_t(20));
    QCOMPARE(a.cachedTokens, kUnknown);
    QCOMPARE(a.reasoningTokens, kUnknown);
    // No alias and an empty api_key: "(none)". model_group empty: requested = model.
    QCOMPARE(str(set, a.apiKey), std::string("(none)"));
    QCOMPARE(str(set, a.modelRequested), std::string("gpt-4o"));
    QCOMPARE(str(set, a.modelBilled), std::string("gpt-4o"));
    QCOMPARE(a.cacheHit, Flag(0)); // "None"
    QCOMPARE(a.httpStatus, std::int16_t(200));
    QCOMPARE(a.outcome, std::int8_t(-1));
    QCOMPARE(a.sourceIp, StringPool::None);
    // spend 0.00022500000000000002 is float noise: rounded to the scale and counted.
    QVERIFY(a.reportedCost.known);
    QCOMPARE(a.reportedCost.value, dec("0.000225"));
    QCOMPARE(r.roundedValues, qint64(1));
    QCOMPARE(a.sourceLine, 1u);

    // The stored copy: valid JSON, the same row without its three text fields.
    QCOMPARE(r.droppedTextFields, qint64(3));
    const QByteArray stored = set.files[0].storedBytes;
    QVERIFY(!stored.contains("\"messages\""));
    QVERIFY(!stored.contains("\"response\""));
    QVERIFY(!stored.contains("\"proxy_server_request\""));
    QJsonParseError err;
    const QJsonObject storedObj = QJsonDocument::fromJson(stored, &err).object();
    QCOMPARE(err.error, QJsonParseError::NoError);
    QJsonObject rawObj = QJsonDocument::fromJson(raw).object();
    rawObj.remove(QStringLiteral("messages"));
    rawObj.remove(QStringLiteral("response"));
    rawObj.remove(QStringLiteral("proxy_server_request"));
    QCOMPARE(storedObj, rawObj);
    QCOMPARE(r.sizeStored, qint64(stored.size()));
    QCOMPARE(r.sha256Stored, Sha256::hex(stored));
    QVERIFY(r.sha256Stored != r.sha256Received);
    QCOMPARE(r.sha256Received, Sha256::hex(raw));
    // Only sizes and hashes remain: "{}" as written is 4 bytes ("\"{}\"").
    const QString notes = r.notes.join(QLatin1Char('\n'));
    QVERIFY(notes.contains(QStringLiteral("dropped line 26 $.messages: 4 bytes, sha256 ") + Sha256::hex(QByteArrayLiteral("\"{}\""))));
    QVERIFY(notes.contains(QStringLiteral("response ×1 (4 bytes)")));
}

void TestLitellmImporters::spendSampleInZone()
{
    // The zone-less startTime is read in the assumed zone: 09:20 in Shanghai is 01:20 UTC.
    LedgerSet set;
    Importer::importFile(shared(kSpendSample), spendOptions("Asia/Shanghai"), set);
    QCOMPARE(set.gateway.row(0).timestamp, utc("2025-01-24T01:20:46.847371Z"));
}

void TestLitellmImporters::spendSampleAsArray()
{
    const QByteArray raw = readFile(shared(kSpendSample));
    const QByteArray arr = "[\n" + raw + ",\n" + QByteArray(raw).replace("chatcmpl-2283081b", "chatcmpl-second") + "\n]\n";
    LedgerSet set;
    const ImportReport r = Importer::importBytes(arr, spendOptions("UTC"), set, true);
    QCOMPARE(set.gateway.size(), std::size_t(2));
    QCOMPARE(set.gateway.sourceLine[0], 2u);
    QCOMPARE(set.gateway.sourceLine[1], 3u + static_cast<std::uint32_t>(raw.count('\n'))); // raw has no final newline
    QCOMPARE(r.droppedTextFields, qint64(6));
    const QJsonArray stored = QJsonDocument::fromJson(set.files[0].storedBytes).array();
    QCOMPARE(stored.size(), 2);
    for (const auto &v : stored)
        QVERIFY(!hasTextField(v.toObject()));
}

void TestLitellmImporters::spendJsonLines()
{
    LedgerSet set;
    const QString path = fixture("litellm-spend.jsonl");
    const ImportReport r = Importer::importFile(path, spendOptions("UTC"), set, true);
    QCOMPARE(r.rowsRead, qint64(3));
    const AttemptTable &g = set.gateway;
    QCOMPARE(g.size(), std::size_t(3));

    // 1: alias from metadata; usage_object (350 out) wins over the row's columns (370).
    AttemptRow a = g.row(0);
    QCOMPARE(str(set, a.apiKey), std::string("support-prod"));
    QCOMPARE(str(set, a.modelRequested), std::string("gpt-4o-mini"));
    QCOMPARE(str(set, a.modelBilled), std::string("gpt-4o-mini-2024-07-18"));
    QCOMPARE(a.inputTokens, std::int64_t(1200));
    QCOMPARE(a.outputTokens, std::int64_t(350));
    QCOMPARE(a.cachedTokens, std::int64_t(1024));
    QCOMPARE(a.reasoningTokens, std::int64_t(64));
    QCOMPARE(a.cacheHit, Flag(0));
    QCOMPARE(str(set, a.sourceIp), std::string("203.0.113.7"));
    QCOMPARE(a.reportedCost.value, dec("0.000225"));
    QCOMPARE(a.sourceLine, 1u);

    // 2: a cache hit; no alias and no key; tokens from the row's columns.
    a = g.row(1);
    QCOMPARE(a.cacheHit, Flag(1));
    QCOMPARE(str(set, a.apiKey), std::string("(none)"));
    QCOMPARE(a.inputTokens, std::int64_t(15));
    QCOMPARE(a.outputTokens, std::int64_t(0));
    QCOMPARE(str(set, a.modelRequested), std::string("gpt-4o"));
    QVERIFY(a.reportedCost.known && a.reportedCost.value.isZero());
    QCOMPARE(a.sourceLine, 2u);

    // 3: a failure: server_error; the hashed key; unknown tokens stay unknown.
    a = g.row(2);
    QCOMPARE(a.outcome, std::int8_t(Outcome::ServerError));
    QCOMPARE(a.httpStatus, std::int16_t(-1));
    QCOMPARE(str(set, a.apiKey), std::string("abc123hash"));
    QCOMPARE(a.inputTokens, kUnknown);
    QCOMPARE(a.outputTokens, kUnknown);
    QCOMPARE(a.cacheHit, Flag(-1));
    QCOMPARE(a.sourceLine, 3u);

    // Text fields in any position (first, middle, last) are cut; every line stays valid JSON.
    QCOMPARE(r.droppedTextFields, qint64(6));
    const QList<QByteArray> lines = set.files[0].storedBytes.split('\n');
    QCOMPARE(lines.size(), 4); // three rows and the empty rest after the last newline
    for (int i = 0; i < 3; ++i) {
        QJsonParseError err;
        const QJsonObject o = QJsonDocument::fromJson(lines[i], &err).object();
        QCOMPARE(err.error, QJsonParseError::NoError);
        QVERIFY(!hasTextField(o));
        QVERIFY(o.contains(QStringLiteral("request_id")));
    }
    QVERIFY(!set.files[0].storedBytes.contains("tell me a secret"));
    QVERIFY(r.notes.join(QLatin1Char('\n')).contains(QStringLiteral("status failure")));
}

void TestLitellmImporters::spendCsv()
{
    LedgerSet set;
    const ImportReport r = Importer::importFile(fixture("litellm-spend.csv"), spendOptions("UTC"), set, true);
    QCOMPARE(r.rowsRead, qint64(2));
    const AttemptTable &g = set.gateway;
    QCOMPARE(g.size(), std::size_t(2));
    AttemptRow a = g.row(0);
    QCOMPARE(str(set, a.requestId), std::string("chatcmpl-c1"));
    QCOMPARE(str(set, a.apiKey), std::string("batch-nightly"));
    QCOMPARE(a.inputTokens, std::int64_t(11));
    QCOMPARE(a.outputTokens, std::int64_t(21));
    QCOMPARE(a.cacheHit, Flag(0));
    QCOMPARE(a.reportedCost.value, dec("0.000225"));
    QCOMPARE(a.timestamp, utc("2026-05-01T09:20:46.847371Z"));
    QCOMPARE(a.sourceLine, 2u);
    a = g.row(1);
    QCOMPARE(str(set, a.apiKey), std::string("(none)"));
    QCOMPARE(a.outcome, std::int8_t(Outcome::ServerError));
    QCOMPARE(a.endTimestamp, kNoTime);
    QCOMPARE(a.inputTokens, std::int64_t(5));
    QCOMPARE(a.sourceLine, 4u); // row 1 spans lines 2-3
    QCOMPARE(a.reportedCost.value, dec("0.1"));

    // The stored CSV has no messages/response columns; the rest is intact.
    QCOMPARE(r.droppedTextFields, qint64(2));
    const QByteArray stored = set.files[0].storedBytes;
    QVERIFY(stored.startsWith("request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,"
                              "endTime,model,model_group,custom_llm_provider,user,team_id,metadata,cache_hit,request_tags,"
                              "requester_ip_address,status\n"));
    QVERIFY(!stored.contains("line1"));
    QVERIFY(!stored.contains("\"\"role\"\""));
    QVERIFY(stored.contains("\"{\"\"user_api_key_alias\"\": \"\"batch-nightly\"\""));
    QVERIFY(stored.endsWith(",failure\n"));
    // Reimporting the stored copy gives the same rows.
    LedgerSet again;
    Importer::importBytes(stored, spendOptions("UTC", "stored.csv"), again);
    QCOMPARE(again.gateway.size(), std::size_t(2));
    QCOMPARE(again.gateway.inputTokens[0], std::int64_t(11));
}

void TestLitellmImporters::spendMalformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    const QByteArray ok = R"({"request_id":"a","startTime":"2026-05-01 00:00:00","model":"m","spend":0.1,"status":"success"})";
    QTest::newRow("spend not a number")
        << QByteArray(ok + "\n" + R"({"request_id":"b","startTime":"2026-05-01 00:00:00","spend":"lots"})" "\n")
        << QStringLiteral("s.json:2: $.spend: expected");
    QTest::newRow("unknown status")
        << QByteArray(R"({"request_id":"b","startTime":"2026-05-01 00:00:00","status":"partial"})")
        << QStringLiteral("s.json:1: $.status: expected success or failure, got \"partial\"");
    QTest::newRow("no request id") << QByteArray(R"({"startTime":"2026-05-01 00:00:00"})")
                                   << QStringLiteral("s.json:1: $.request_id: required field is missing or empty");
    QTest::newRow("bad metadata JSON")
        << QByteArray(R"({"request_id":"b","startTime":"2026-05-01 00:00:00","metadata":"{not json"})")
        << QStringLiteral("s.json:1: $.metadata: the string does not hold valid JSON");
    QTest::newRow("bad usage tokens")
        << QByteArray("[\n" + ok + ",\n" + R"({"request_id":"b","startTime":"2026-05-01 00:00:00","metadata":"{\"usage_object\":{\"prompt_tokens\":-5}}"})" "\n]")
        << QStringLiteral("s.json:3: $[1].metadata(json).usage_object.prompt_tokens: expected a non-negative integer token count, got \"-5\"");
    QTest::newRow("bad line 3 of JSON Lines")
        << QByteArray(ok + "\n" + ok + "\n{\"request_id\":\"c\",\n" + ok + "\n")
        << QStringLiteral("s.json:3: $: invalid JSON");
    QTest::newRow("CSV without startTime") << QByteArray("request_id,spend\nr,1\n")
                                           << QStringLiteral("s.json:1: missing required column 'startTime'");
    QTest::newRow("CSV bad cache_hit") << QByteArray("request_id,startTime,cache_hit\nr,2026-05-01 00:00:00,maybe\n")
                                       << QStringLiteral("s.json:2: column 'cache_hit': expected true or false");
}

void TestLitellmImporters::spendMalformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    LedgerSet set;
    const QString got = importError(bytes, spendOptions("UTC", "s.json"), set);
    QVERIFY2(got.startsWith(error), qPrintable(got));
    QVERIFY(isEmpty(set));
}

void TestLitellmImporters::spendLargeArray()
{
    // 50,000 rows in one JSON array, each with prompt text: linear time (no per-row rescans of
    // the array), every row mapped, every text value cut, the stored copy still one array.
    const int n = 50000;
    QByteArray bytes("[\n");
    bytes.reserve(n * 420);
    for (int i = 0; i < n; ++i) {
        if (i)
            bytes += ",\n";
        bytes += R"({"request_id":"r)" + QByteArray::number(i) + R"(","startTime":"2026-05-01 10:00:00","endTime":"2026-05-01 10:00:01",)"
            R"("model":"gpt-4o","model_group":"gpt-4o","api_key":"h","spend":0.00022500000000000002,"status":"success",)"
            R"("metadata":"{\"user_api_key_alias\":\"k\",\"usage_object\":{\"prompt_tokens\":10,\"completion_tokens\":20}}",)"
            R"("messages":[{"role":"user","content":"hello"}],"response":"{\"text\":\"hi\"}"})";
    }
    bytes += "\n]\n";
    LedgerSet set;
    QElapsedTimer timer;
    timer.start();
    const ImportReport r = Importer::importBytes(bytes, spendOptions("UTC"), set, true);
    qInfo("imported %d rows (%lld bytes) in %lld ms", n, static_cast<long long>(bytes.size()), static_cast<long long>(timer.elapsed()));
    QCOMPARE(set.gateway.size(), std::size_t(n));
    QCOMPARE(set.gateway.sourceLine[n - 1], std::uint32_t(n + 1));
    QCOMPARE(set.gateway.outputTokens[n - 1], std::int64_t(20));
    QCOMPARE(r.droppedTextFields, qint64(2 * n));
    QCOMPARE(r.roundedValues, qint64(n));
    QVERIFY(r.notes.size() < 120); // per-value detail stops at 100 values, then one digest per field
    const QByteArray &stored = set.files[0].storedBytes;
    QVERIFY(!stored.contains("\"messages\""));
    QCOMPARE(QJsonDocument::fromJson(stored).array().size(), n);
    QVERIFY2(timer.elapsed() < 30000, "the import should be linear in the file size");
}

QTEST_GUILESS_MAIN(TestLitellmImporters)
#include "tst_litellmimporters.moc"
