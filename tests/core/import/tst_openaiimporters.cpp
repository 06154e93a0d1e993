// SPDX-License-Identifier: Apache-2.0
// Tests of the openai_usage and openai_costs importers (formats.md §3c): page buckets become
// provider daily rows on the bucket's UTC day (usage: tokens and requests per key or project,
// amount unknown; costs: exact amounts per project and line item), one observation per file,
// pages as one JSON document, an array of pages or JSON Lines, and malformed values.
#include "core/util/timeutil.h"
#include "jsontesthelpers.h"

using namespace tl;
using namespace jtest;

class TestOpenaiImporters : public QObject
{
    Q_OBJECT

private slots:
    void usagePage();
    void usageDayZone();
    void costsJsonLines();
    void costsArrayOfPages();
    void malformed_data();
    void malformed();
};

void TestOpenaiImporters::usagePage()
{
    LedgerSet set;
    ImportOptions o = options("openai_usage", LedgerKind::Provider, "");
    o.observedAt = 1777852800LL * 1000000;
    const ImportReport r = Importer::importFile(fixture("openai-usage.json"), o, set);
    QCOMPARE(r.rowsRead, qint64(3));
    QCOMPARE(set.observations.size(), std::size_t(1));
    QVERIFY(set.observations[0].hasDaily);
    QCOMPARE(set.observations[0].observedAt, o.observedAt);
    const ProviderDailyTable &d = set.providerDaily;
    QCOMPARE(d.size(), std::size_t(3));

    QCOMPARE(d.day[0], timeutil::daysFromCivil(2026, 5, 1));
    QCOMPARE(str(set, d.apiKey[0]), std::string("key_abc"));
    QCOMPARE(str(set, d.model[0]), std::string("gpt-4o-mini-2024-07-18"));
    QCOMPARE(d.requests[0], std::int64_t(5));
    QCOMPARE(d.inputTokens[0], std::int64_t(1000));
    QCOMPARE(d.outputTokens[0], std::int64_t(500));
    QCOMPARE(d.cachedTokens[0], std::int64_t(800));
    QVERIFY(!d.amountKnown[0]);
    QCOMPARE(d.sourceLine[0], 9u);
    // No key id: the project stands in, marked as one.
    QCOMPARE(str(set, d.apiKey[1]), std::string("project:proj_abc"));
    // The empty bucket adds nothing; the ungrouped result has no key and no model.
    QCOMPARE(d.day[2], timeutil::daysFromCivil(2026, 5, 3));
    QCOMPARE(d.apiKey[2], StringPool::None);
    QCOMPARE(d.model[2], StringPool::None);
    QCOMPARE(d.cachedTokens[2], kUnknown);
    QVERIFY(r.notes.join(QLatin1Char('\n')).contains(QStringLiteral("has_more")));
}

void TestOpenaiImporters::usageDayZone()
{
    // A day zone given to the import re-labels the UTC buckets (reported as a window mismatch later).
    LedgerSet set;
    ImportOptions o = options("openai_usage", LedgerKind::Provider);
    o.dayTz = QStringLiteral("America/Los_Angeles");
    Importer::importFile(fixture("openai-usage.json"), o, set);
    QCOMPARE(set.providerDaily.day[0], timeutil::daysFromCivil(2026, 4, 30));
    QCOMPARE(set.observations[0].dayTz, QStringLiteral("America/Los_Angeles"));
}

void TestOpenaiImporters::costsJsonLines()
{
    LedgerSet set;
    const ImportReport r = Importer::importFile(fixture("openai-costs.jsonl"), options("openai_costs", LedgerKind::Provider), set);
    const ProviderDailyTable &d = set.providerDaily;
    QCOMPARE(d.size(), std::size_t(3));
    QCOMPARE(set.observations.size(), std::size_t(1));
    QVERIFY(d.amountKnown[0]);
    QCOMPARE(d.amount[0], dec("0.06"));
    QCOMPARE(str(set, d.model[0]), std::string("gpt-4o-mini, input"));
    QCOMPARE(str(set, d.apiKey[0]), std::string("project:proj_abc"));
    QCOMPARE(d.requests[0], kUnknown);
    QCOMPARE(d.inputTokens[0], kUnknown);
    // A float-formatted amount is read exactly as written (17 fractional digits fit the scale).
    QCOMPARE(d.amount[1], dec("0.13080000000000003"));
    QCOMPARE(d.amount[2], dec("0.0015"));
    QCOMPARE(d.apiKey[2], StringPool::None);
    QCOMPARE(d.model[2], StringPool::None);
    QCOMPARE(d.day[2], timeutil::daysFromCivil(2026, 5, 2));
    QCOMPARE(d.sourceLine[2], 2u);
    QCOMPARE(r.rowsAccepted, qint64(3));
    Decimal sum;
    for (std::size_t i = 0; i < d.size(); ++i)
        sum += d.amount[i];
    QCOMPARE(sum, dec("0.19230000000000003"));
    // The last page has has_more false: no warning about missing pages.
    QVERIFY(!r.notes.join(QLatin1Char('\n')).contains(QStringLiteral("has_more")));
}

void TestOpenaiImporters::costsArrayOfPages()
{
    const QList<QByteArray> lines = readFile(fixture("openai-costs.jsonl")).trimmed().split('\n');
    const QByteArray array = "[" + lines[0] + ",\n" + lines[1] + "]";
    LedgerSet set;
    Importer::importBytes(array, options("openai_costs", LedgerKind::Provider), set);
    QCOMPARE(set.providerDaily.size(), std::size_t(3));
    QCOMPARE(set.providerDaily.sourceLine[2], 2u);
}

void TestOpenaiImporters::malformed_data()
{
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("usage tokens negative") << QByteArray("openai_usage")
        << QByteArray("{\"object\":\"page\",\"data\":[{\"start_time\":1777593600,\n\"results\":[{\"input_tokens\":-1}]}]}")
        << QStringLiteral("o.json:2: $.data[0].results[0].input_tokens: expected a non-negative integer token count, got \"-1\"");
    QTest::newRow("no start_time") << QByteArray("openai_usage")
        << QByteArray("{\"object\":\"page\",\"data\":[{\"results\":[]}]}")
        << QStringLiteral("o.json:1: $.data[0].start_time: required time (unix seconds) is missing");
    QTest::newRow("not a page") << QByteArray("openai_usage")
        << QByteArray("{\"object\":\"list\",\"data\":[]}")
        << QStringLiteral("o.json:1: $.object: expected \"page\", got the string \"list\"");
    QTest::newRow("cost without amount") << QByteArray("openai_costs")
        << QByteArray("{\"object\":\"page\",\"data\":[{\"start_time\":1777593600,\"results\":[{\"line_item\":\"x\"}]}]}")
        << QStringLiteral("o.json:1: $.data[0].results[0].amount: expected amount {value, currency} (a JSON object), got nothing (the field is absent)");
    QTest::newRow("cost in EUR") << QByteArray("openai_costs")
        << QByteArray("{\"object\":\"page\",\"data\":[{\"start_time\":1777593600,\"results\":[{\"amount\":{\"value\":1,\"currency\":\"eur\"}}]}]}")
        << QStringLiteral("o.json:1: $.data[0].results[0].amount.currency: amount in eur, but the import's currency is USD");
    QTest::newRow("cost not a number") << QByteArray("openai_costs")
        << QByteArray("{\"object\":\"page\",\"data\":[{\"start_time\":1777593600,\"results\":[{\"amount\":{\"value\":\"n/a\"}}]}]}")
        << QStringLiteral("o.json:1: $.data[0].results[0].amount.value: ");
    QTest::newRow("bad second page") << QByteArray("openai_costs")
        << QByteArray("{\"object\":\"page\",\"data\":[]}\n{\"object\":\"page\",\"data\":{}}\n")
        << QStringLiteral("o.json:2: $.data: expected data, the list of buckets (a JSON array), got an object");
}

void TestOpenaiImporters::malformed()
{
    QFETCH(QByteArray, format);
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    LedgerSet set;
    const QString got = importError(json, options(format.constData(), LedgerKind::Provider, "o.json"), set);
    QVERIFY2(got.startsWith(error), qPrintable(got));
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestOpenaiImporters)
#include "tst_openaiimporters.moc"
