// SPDX-License-Identifier: Apache-2.0
// Tests of the OpenRouter activity importer (formats.md §3d, openrouter_activity_csv)
// through the public facade: provider per-request records with exact USD costs, token
// counts with unknown kept unknown, flags, ids, and exact error messages.
#include "tabulartesthelpers.h"

#include <QTest>

using namespace tl;
using namespace tltest;

namespace {
ImportOptions openrouter()
{
    return options("openrouter_activity_csv", "activity.csv", LedgerKind::Provider);
}
} // namespace

class TestOpenRouterImporter : public QObject
{
    Q_OBJECT

private slots:
    void readsRecords();
    void errors_data();
    void errors();
};

void TestOpenRouterImporter::readsRecords()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(fixturePath("openrouter-activity.csv"), openrouter(), set);
    QCOMPARE(rep.rowsRead, qint64(2));
    QCOMPARE(rep.rowsAccepted, qint64(2));
    QCOMPARE(set.providerRequests.size(), std::size_t(2));
    QCOMPARE(set.client.size(), std::size_t(0));

    const ProviderRequestRow a = set.providerRequests.row(0);
    QCOMPARE(str(set, a.recordId), std::string("gen-1747000000-AbCdEf"));
    QCOMPARE(a.responseId, a.recordId);
    QCOMPARE(a.requestId, StringPool::None);
    QCOMPARE(a.timestamp, UtcMicros(1777630522123000)); // 2026-05-01 10:15:22.123+00
    QVERIFY(a.cost.known);
    QCOMPARE(a.cost.value.toStdString(), std::string("0.0012345"));
    QCOMPARE(a.inputTokens, std::int64_t(1200));
    QCOMPARE(a.outputTokens, std::int64_t(350));
    QCOMPARE(a.reasoningTokens, std::int64_t(120));
    QCOMPARE(a.cachedTokens, std::int64_t(1000));
    QCOMPARE(str(set, a.model), std::string("openai/gpt-4o-2024-08-06"));
    QCOMPARE(str(set, a.apiKey), std::string("support-prod"));
    QCOMPARE(a.cancelled, Flag(0));
    QCOMPARE(a.stream, Flag(1));
    QCOMPARE(a.type, ProviderRecordType::Consume);
    QVERIFY(!a.rateMultiplier.known);
    QCOMPARE(a.sourceLine, 2u);

    const ProviderRequestRow b = set.providerRequests.row(1);
    QCOMPARE(b.cost.value.toStdString(), std::string("0"));
    QVERIFY(b.cost.known); // a cancelled generation charged nothing: a known zero
    QCOMPARE(b.inputTokens, kUnknown);
    QCOMPARE(b.outputTokens, kUnknown);
    QCOMPARE(b.cancelled, Flag(1));
    QCOMPARE(b.apiKey, StringPool::None);
    QCOMPARE(b.sourceLine, 3u);
}

void TestOpenRouterImporter::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const QByteArray h = "generation_id,created_at,cost_total,tokens_prompt,tokens_completion,cancelled\n";
    QTest::newRow("negative tokens") << h + "g1,2026-05-01T00:00:00Z,0.1,10,20,false\ng2,2026-05-01T00:00:00Z,0.1,-10,20,false\n"
                                     << QStringLiteral("activity.csv:3: column 'tokens_prompt': expected a non-negative integer token count, got \"-10\"");
    QTest::newRow("no zone") << h + "g1,2026-05-01 00:00:00,0.1,10,20,false\n"
                             << QStringLiteral("activity.csv:2: column 'created_at': timestamp without a time zone; give the import an explicit --assume-tz (e.g. UTC), got \"2026-05-01 00:00:00\"");
    QTest::newRow("bad cost") << h + "g1,2026-05-01T00:00:00Z,free,10,20,false\n"
                              << QStringLiteral("activity.csv:2: column 'cost_total': expected a decimal number such as 12.5 or 1.5e-7, got \"free\"");
    QTest::newRow("bad flag") << h + "g1,2026-05-01T00:00:00Z,0.1,10,20,partly\n"
                              << QStringLiteral("activity.csv:2: column 'cancelled': expected true or false, got \"partly\"");
    QTest::newRow("empty id") << h + ",2026-05-01T00:00:00Z,0.1,10,20,false\n"
                              << QStringLiteral("activity.csv:2: column 'generation_id': a value is required here, got an empty cell");
    QTest::newRow("missing created_at") << QByteArray("generation_id,cost_total\ng1,0.1\n")
                                        << QStringLiteral("activity.csv:1: missing required column 'created_at' in the header");
}

void TestOpenRouterImporter::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    LedgerSet set;
    QCOMPARE(importError(bytes, openrouter(), set), message);
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestOpenRouterImporter)
#include "tst_openrouterimporter.moc"
