// SPDX-License-Identifier: Apache-2.0
// Tests of the price snapshot importer (formats.md §5, price_snapshot_csv) through the
// public facade: exact prices from decimal and exponent text, unit bases, dates as UTC
// midnights with open bounds, rows without a usable price skipped with their reason, two
// rows of one snapshot, model and tier valid at once rejected naming both lines, and the
// clean-month snapshot.
#include "tabulartesthelpers.h"

#include <QTest>

using namespace tl;
using namespace tltest;

namespace {

const char kHeader[] = "snapshot_id,currency,billable_model,billing_category,unit_basis,input_price,output_price,"
                       "per_call_price,valid_from,valid_to,tier_min_input_tokens\n";

ImportOptions prices(const char *name = "prices.csv")
{
    return options("price_snapshot_csv", name, LedgerKind::Prices);
}

std::string dec(const MaybeDecimal &d)
{
    return d.known ? d.value.toStdString() : std::string("unknown");
}

constexpr UtcMicros kMay1 = 1777593600000000; // 2026-05-01T00:00:00Z
constexpr UtcMicros kJun1 = 1780272000000000; // 2026-06-01T00:00:00Z

} // namespace

class TestPriceImporter : public QObject
{
    Q_OBJECT

private slots:
    void cleanMonthSnapshot();
    void unitBasis_data();
    void unitBasis();
    void exactPrices_data();
    void exactPrices();
    void rowsWithoutUsablePriceAreSkipped();
    void validityRanges_data();
    void validityRanges();
    void errors_data();
    void errors();
};

void TestPriceImporter::cleanMonthSnapshot()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(sharedPath("examples/clean-month/prices.csv"), prices(), set);
    QCOMPARE(rep.rowsRead, qint64(7));
    QCOMPARE(rep.rowsAccepted, qint64(7));
    QVERIFY(rep.skipped.isEmpty());
    QCOMPARE(set.prices.size(), std::size_t(7));

    const PriceRow &g = set.prices[0];
    QCOMPARE(g.snapshotId, QStringLiteral("snap-2026-05"));
    QCOMPARE(g.sourceUrl, QStringLiteral("https://apidoc.cometapi.com/pricing/about-pricing"));
    QCOMPARE(g.accessedAt, QStringLiteral("2026-05-01"));
    QCOMPARE(g.capturedBy, QStringLiteral("finops-bot"));
    QCOMPARE(g.priceKind, QStringLiteral("public-list"));
    QCOMPARE(g.currency, QStringLiteral("USD"));
    QCOMPARE(g.billableModel, QStringLiteral("gpt-4o"));
    QCOMPARE(g.category, BillingCategory::Token);
    QCOMPARE(g.unit, std::int64_t(1000000));
    QCOMPARE(dec(g.inputPrice), std::string("2.5"));
    QCOMPARE(dec(g.outputPrice), std::string("10"));
    QCOMPARE(dec(g.cachedInputPrice), std::string("1.25"));
    QCOMPARE(dec(g.cacheWritePrice), std::string("unknown"));
    QCOMPARE(dec(g.reasoningPrice), std::string("unknown"));
    QCOMPARE(dec(g.perCallPrice), std::string("unknown"));
    QCOMPARE(dec(g.upstreamRatio), std::string("0.8"));
    QCOMPARE(g.validFrom, kMay1);
    QCOMPARE(g.validTo, kNoTime); // empty = open
    QCOMPARE(g.tierMinInputTokens, kUnknown);
    QCOMPARE(dec(g.minimumCharge), std::string("unknown"));
    QCOMPARE(g.evidenceId, QStringLiteral("EV-PRICE-1"));
    QCOMPARE(g.notes, QStringLiteral("list price, \"CometAPI\" ratio applied"));
    QCOMPARE(g.sourceFile, 0u);
    QCOMPARE(g.sourceLine, 2u);

    const PriceRow &o3 = set.prices[3];
    QCOMPARE(o3.billableModel, QStringLiteral("o3-mini"));
    QCOMPARE(o3.unit, std::int64_t(1000));
    QCOMPARE(dec(o3.inputPrice), std::string("0.0011"));
    QCOMPARE(dec(o3.cachedInputPrice), std::string("0.00055"));
    QCOMPARE(dec(o3.reasoningPrice), std::string("0.0044"));

    const PriceRow &embed = set.prices[4];
    QCOMPARE(embed.unit, std::int64_t(1));
    QCOMPARE(dec(embed.inputPrice), std::string("0.00000002"));
    QCOMPARE(dec(embed.outputPrice), std::string("0")); // a known zero, not unknown

    const PriceRow &mj = set.prices[5];
    QCOMPARE(mj.billableModel, QStringLiteral("mj_imagine"));
    QCOMPARE(mj.category, BillingCategory::PerCall);
    QCOMPARE(dec(mj.perCallPrice), std::string("0.05"));
    QCOMPARE(dec(mj.inputPrice), std::string("unknown"));
    QCOMPARE(dec(mj.upstreamRatio), std::string("1"));
    QCOMPARE(set.prices[6].sourceLine, 8u);
}

void TestPriceImporter::unitBasis_data()
{
    QTest::addColumn<QByteArray>("basis");
    QTest::addColumn<qint64>("unit");
    QTest::newRow("per_token") << QByteArray("per_token") << qint64(1);
    QTest::newRow("per_1k") << QByteArray("per_1k") << qint64(1000);
    QTest::newRow("per_1m") << QByteArray("per_1m") << qint64(1000000);
    QTest::newRow("upper case") << QByteArray("PER_1M") << qint64(1000000);
}

void TestPriceImporter::unitBasis()
{
    QFETCH(QByteArray, basis);
    QFETCH(qint64, unit);
    LedgerSet set;
    Importer::importBytes(QByteArray(kHeader) + "s,USD,m,token," + basis + ",1,2,,,,\n", prices(), set);
    QCOMPARE(set.prices.size(), std::size_t(1));
    QCOMPARE(set.prices[0].unit, unit);
}

void TestPriceImporter::exactPrices_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("exact");
    QTest::newRow("plain") << QByteArray("0.000000150") << QStringLiteral("0.00000015");
    QTest::newRow("exponent") << QByteArray("1.5e-7") << QStringLiteral("0.00000015");
    QTest::newRow("upper exponent") << QByteArray("15E-8") << QStringLiteral("0.00000015");
    QTest::newRow("18 digits") << QByteArray("0.000000000000000001") << QStringLiteral("0.000000000000000001");
    QTest::newRow("padded") << QByteArray("  2.50 ") << QStringLiteral("2.5");
    QTest::newRow("zero") << QByteArray("0") << QStringLiteral("0");
}

void TestPriceImporter::exactPrices()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, exact);
    LedgerSet set;
    Importer::importBytes(QByteArray(kHeader) + "s,USD,m,token,per_token," + text + ",,,,,\n", prices(), set);
    QCOMPARE(set.prices.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(dec(set.prices[0].inputPrice)), exact);
    QCOMPARE(dec(set.prices[0].outputPrice), std::string("unknown"));
}

void TestPriceImporter::rowsWithoutUsablePriceAreSkipped()
{
    const QByteArray bytes = QByteArray(kHeader) + "s,USD,a,token,per_1m,1,2,,,,\n"
                                                   "s,USD,b,token,per_1m,,,,,,\n"       // no price at all
                                                   "s,USD,c,per_call,per_token,,,,,,\n" // no price at all
                                                   "s,USD,d,per_call,per_token,3,,,,,\n" // token price, no per_call price
                                                   "s,USD,e,per_call,per_token,,,0.05,,,\n";
    LedgerSet set;
    const ImportReport rep = Importer::importBytes(bytes, prices(), set);
    QCOMPARE(rep.rowsRead, qint64(5));
    QCOMPARE(rep.rowsAccepted, qint64(2));
    QCOMPARE(rep.skipped.value(QStringLiteral("no usable price")), qint64(3));
    QCOMPARE(set.prices.size(), std::size_t(2));
    QCOMPARE(set.prices[0].billableModel, QStringLiteral("a"));
    QCOMPARE(set.prices[1].billableModel, QStringLiteral("e"));
    QCOMPARE(set.skippedPrices.size(), std::size_t(3));
    QCOMPARE(set.skippedPrices[0].model, QStringLiteral("b"));
    QCOMPARE(set.skippedPrices[0].reason, QStringLiteral("line 3: no price given"));
    QCOMPARE(set.skippedPrices[1].reason, QStringLiteral("line 4: no price given"));
    QCOMPARE(set.skippedPrices[2].model, QStringLiteral("d"));
    QCOMPARE(set.skippedPrices[2].reason, QStringLiteral("line 5: billing_category per_call but no per_call_price"));
    QCOMPARE(set.files[0].report.skipped.value(QStringLiteral("no usable price")), qint64(3));
}

void TestPriceImporter::validityRanges_data()
{
    QTest::addColumn<QByteArray>("rows");
    QTest::addColumn<QString>("message");
    QTest::newRow("consecutive") << QByteArray("s,USD,m,token,per_1m,1,2,,2026-05-01,2026-06-01,\n"
                                               "s,USD,m,token,per_1m,1,3,,2026-06-01,,\n")
                                 << QStringLiteral("no error");
    QTest::newRow("other tier") << QByteArray("s,USD,m,token,per_1m,1,2,,,,\n"
                                              "s,USD,m,token,per_1m,2,4,,,,128000\n")
                                << QStringLiteral("no error");
    QTest::newRow("other snapshot") << QByteArray("s,USD,m,token,per_1m,1,2,,,,\n"
                                                  "t,USD,m,token,per_1m,2,4,,,,\n")
                                    << QStringLiteral("no error");
    QTest::newRow("both open") << QByteArray("s,USD,m,token,per_1m,1,2,,,,\n"
                                             "s,USD,x,token,per_1m,1,2,,,,\n"
                                             "s,USD,m,token,per_1m,2,4,,,,\n")
                               << QStringLiteral("prices.csv:4: column 'valid_from': snapshot s has two prices for m (the base tier) valid at the same "
                                                 "time: lines 2 and 4 ([open, open) and [open, open))");
    QTest::newRow("overlap, later row first") << QByteArray("s,USD,m,token,per_1m,1,2,,2026-05-15,,128000\n"
                                                            "s,USD,m,token,per_1m,1,2,,2026-05-01,2026-06-01,128000\n")
                                              << QStringLiteral("prices.csv:3: column 'valid_from': snapshot s has two prices for m (tier 128000) valid at the same "
                                                                "time: lines 2 and 3 ([2026-05-15T00:00:00Z, open) and [2026-05-01T00:00:00Z, 2026-06-01T00:00:00Z))");
    QTest::newRow("inside a long range") << QByteArray("s,USD,m,token,per_1m,1,2,,2026-01-01,2026-12-01,\n"
                                                       "s,USD,m,token,per_1m,1,2,,2026-02-01,2026-03-01,\n"
                                                       "s,USD,m,token,per_1m,1,2,,2026-05-01,2026-06-01,\n")
                                         << QStringLiteral("prices.csv:3: column 'valid_from': snapshot s has two prices for m (the base tier) valid at the same "
                                                           "time: lines 2 and 3 ([2026-01-01T00:00:00Z, 2026-12-01T00:00:00Z) and [2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z))");
}

void TestPriceImporter::validityRanges()
{
    QFETCH(QByteArray, rows);
    QFETCH(QString, message);
    LedgerSet set;
    QCOMPARE(importError(QByteArray(kHeader) + rows, prices(), set), message);
    if (message == QStringLiteral("no error")) {
        QCOMPARE(set.prices.size(), std::size_t(2));
        QCOMPARE(set.prices[0].validFrom == kNoTime || set.prices[0].validFrom == kMay1, true);
        if (set.prices[0].validTo != kNoTime)
            QCOMPARE(set.prices[0].validTo, kJun1);
    } else {
        QVERIFY(isEmpty(set));
    }
}

void TestPriceImporter::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing unit_basis") << QByteArray("snapshot_id,currency,billable_model,billing_category,input_price\ns,USD,m,token,1\n")
                                        << QStringLiteral("prices.csv:1: missing required column 'unit_basis' in the header");
    QTest::newRow("empty model") << QByteArray(kHeader) + "s,USD,,token,per_1m,1,2,,,,\n"
                                 << QStringLiteral("prices.csv:2: column 'billable_model': a value is required here, got an empty cell");
    QTest::newRow("bad unit") << QByteArray(kHeader) + "s,USD,m,token,per_1000,1,2,,,,\n"
                              << QStringLiteral("prices.csv:2: column 'unit_basis': expected per_token, per_1k or per_1m, got \"per_1000\"");
    QTest::newRow("bad category") << QByteArray(kHeader) + "s,USD,m,tokens,per_1m,1,2,,,,\n"
                                  << QStringLiteral("prices.csv:2: column 'billing_category': expected token or per_call, got \"tokens\"");
    QTest::newRow("negative price") << QByteArray(kHeader) + "s,USD,m,token,per_1m,1,-2,,,,\n"
                                    << QStringLiteral("prices.csv:2: column 'output_price': a price cannot be negative, got \"-2\"");
    QTest::newRow("too many digits") << QByteArray(kHeader) + "s,USD,m,token,per_token,0.0000000000000000001,2,,,,\n"
                                     << QStringLiteral("prices.csv:2: column 'input_price': more than 18 fractional digits, got \"0.0000000000000000001\"");
    QTest::newRow("comma decimal") << QByteArray(kHeader) + "s,USD,m,token,per_1m,\"2,5\",2,,,,\n"
                                   << QStringLiteral("prices.csv:2: column 'input_price': comma in number: use '.' as the decimal point and no thousands separators, got \"2,5\"");
    QTest::newRow("bad date") << QByteArray(kHeader) + "s,USD,m,token,per_1m,1,2,,2026-02-30,,\n"
                              << QStringLiteral("prices.csv:2: column 'valid_from': expected a date YYYY-MM-DD, got \"2026-02-30\"");
    QTest::newRow("reversed range") << QByteArray(kHeader) + "s,USD,m,token,per_1m,1,2,,2026-06-01,2026-05-01,\n"
                                    << QStringLiteral("prices.csv:2: column 'valid_to': valid_to (2026-05-01T00:00:00Z) must be after valid_from (2026-06-01T00:00:00Z)");
    QTest::newRow("bad tier") << QByteArray(kHeader) + "s,USD,m,token,per_1m,1,2,,,,128k\n"
                              << QStringLiteral("prices.csv:2: column 'tier_min_input_tokens': expected a non-negative integer token count, got \"128k\"");
    QTest::newRow("bad price kind") << QByteArray("snapshot_id,currency,billable_model,billing_category,unit_basis,input_price,price_kind\n"
                                                  "s,USD,m,token,per_1m,1,list\n")
                                    << QStringLiteral("prices.csv:2: column 'price_kind': expected public-list, negotiated, promotional or credit-adjusted, got \"list\"");
}

void TestPriceImporter::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    LedgerSet set;
    QCOMPARE(importError(bytes, prices(), set), message);
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestPriceImporter)
#include "tst_priceimporter.moc"
