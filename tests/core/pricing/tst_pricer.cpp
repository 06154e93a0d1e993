// SPDX-License-Identifier: Apache-2.0
// Acceptance tests of pricing one attempt (reconciliation.md, "Pricing one attempt"), run
// end to end: a price snapshot CSV, a mapping CSV and a request log CSV are written into a
// temporary directory, loaded by tl::Job/tl::JobRunner, priced by tl::Reconciler (through
// tl::Pricer) and compared as the exact decimal strings lines.csv and summary.json carry.
#include "../reconcile/reconcilefixture.h"

#include "core/pricing/pricer.h"

#include <QTest>

using namespace tlt;

class TestPricer : public QObject
{
    Q_OBJECT

private slots:
    void tokenFormula_data();
    void tokenFormula();
    void tokenCostDirect();
    void perCall_data();
    void perCall();
    void minimumCharge_data();
    void minimumCharge();
    void longContextTiers_data();
    void longContextTiers();
    void tierWithUnknownInputIsMissingUsage();
    void mappingValidByAttemptTime();
    void mappingNamesTheSnapshot();
    void priceChangeMidPeriodAsTwoDatedRows();
    void overlappingRowsAreAnError();
    void rowsThatDoNotOverlapAreFine();
};

// ---------------------------------------------------------------------------------------------
// cost = r/unit × ((input − cached − cache_write)·input_price + cached·cached_input_price
//                  + cache_write·cache_write_price + (output − reasoning)·output_price
//                  + reasoning·reasoning_price)

void TestPricer::tokenFormula_data()
{
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("inPrice");
    QTest::addColumn<QString>("outPrice");
    QTest::addColumn<QString>("cachedPrice");
    QTest::addColumn<QString>("cacheWritePrice");
    QTest::addColumn<QString>("reasoningPrice");
    QTest::addColumn<QString>("ratio");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("cached");
    QTest::addColumn<QString>("cacheWrite");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QString>("expected");
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    // (2000 + 800) / 1e6
    QTest::newRow("per_1m, no ratio") << S("per_1m") << S("2") << S("8") << S("") << S("") << S("") << S("")
                                      << S("1000") << S("100") << S("") << S("") << S("") << S("0.0028");
    // The three unit bases give the same cost for the same list price: (0.002 + 0.004) × 0.8.
    QTest::newRow("per_token, ratio 0.8") << S("per_token") << S("0.000002") << S("0.000008") << S("") << S("") << S("") << S("0.8")
                                          << S("1000") << S("500") << S("") << S("") << S("") << S("0.0048");
    QTest::newRow("per_1k, ratio 0.8") << S("per_1k") << S("0.002") << S("0.008") << S("") << S("") << S("") << S("0.8")
                                       << S("1000") << S("500") << S("") << S("") << S("") << S("0.0048");
    QTest::newRow("per_1m, ratio 0.8") << S("per_1m") << S("2") << S("8") << S("") << S("") << S("") << S("0.8")
                                       << S("1000") << S("500") << S("") << S("") << S("") << S("0.0048");
    // (600·2.5 + 400·1.25 + 300·10 + 200·20) × 0.8 / 1e6 = 9000 × 0.8 / 1e6
    QTest::newRow("cached and reasoning priced") << S("per_1m") << S("2.50") << S("10.00") << S("1.25") << S("") << S("20") << S("0.8")
                                                 << S("1000") << S("500") << S("400") << S("") << S("200") << S("0.0072");
    // reasoning_price missing: reasoning at output_price: (1500 + 500 + 3000 + 2000) × 0.8 / 1e6
    QTest::newRow("reasoning price falls back to output") << S("per_1m") << S("2.50") << S("10.00") << S("1.25") << S("") << S("") << S("0.8")
                                                          << S("1000") << S("500") << S("400") << S("") << S("200") << S("0.0056");
    // cached_input_price missing: cached at input_price: (1000·2.5 + 3000 + 4000) × 0.8 / 1e6
    QTest::newRow("cached price falls back to input") << S("per_1m") << S("2.50") << S("10.00") << S("") << S("") << S("20") << S("0.8")
                                                      << S("1000") << S("500") << S("400") << S("") << S("200") << S("0.0076");
    // (700·2.5 + 100·1.25 + 200·3.75) / 1e6
    QTest::newRow("cache write priced") << S("per_1m") << S("2.5") << S("10") << S("1.25") << S("3.75") << S("") << S("")
                                        << S("1000") << S("0") << S("100") << S("200") << S("") << S("0.002625");
    // cache_write_price missing: at input_price: (1750 + 125 + 500) / 1e6
    QTest::newRow("cache write price falls back to input") << S("per_1m") << S("2.5") << S("10") << S("1.25") << S("") << S("") << S("")
                                                           << S("1000") << S("0") << S("100") << S("200") << S("") << S("0.002375");
    // Known input and output, unknown cached and reasoning: those count as 0 (1000·2.5 + 500·10)
    QTest::newRow("unknown cached and reasoning count as 0") << S("per_1m") << S("2.5") << S("10") << S("1.25") << S("") << S("20") << S("")
                                                             << S("1000") << S("500") << S("") << S("") << S("") << S("0.0075");
    // Exponent notation is read exactly: (7·1.5e-7 + 3·6e-7) × 0.8 = 2.85e-6 × 0.8
    QTest::newRow("exponent prices, per_token") << S("per_token") << S("1.5e-7") << S("6e-7") << S("") << S("") << S("") << S("0.8")
                                                << S("7") << S("3") << S("") << S("") << S("") << S("0.00000228");
    // (1157·0.0011 + 509·0.0044 + 548·0.0044) × 0.8 / 1000 = 5.9235 × 0.8 / 1000
    QTest::newRow("per_1k with reasoning") << S("per_1k") << S("0.0011") << S("0.0044") << S("") << S("") << S("0.0044") << S("0.8")
                                           << S("1157") << S("1057") << S("") << S("") << S("548") << S("0.0047388");
    // 50331 · 0.00000002 × 0.8, output price 0
    QTest::newRow("embeddings, output price 0") << S("per_token") << S("0.00000002") << S("0") << S("") << S("") << S("") << S("0.8")
                                                << S("50331") << S("0") << S("") << S("") << S("") << S("0.000805296");
    // The last of 18 fractional digits survives: 1 token at 1e-12 per 1M tokens.
    QTest::newRow("18th fractional digit") << S("per_1m") << S("0.000000000001") << S("0") << S("") << S("") << S("") << S("")
                                           << S("1") << S("0") << S("") << S("") << S("") << S("0.000000000000000001");
    // 1 × 0.000001 × 0.3 / 1e6
    QTest::newRow("tiny cost with ratio") << S("per_1m") << S("0.000001") << S("0") << S("") << S("") << S("") << S("0.3")
                                          << S("1") << S("0") << S("") << S("") << S("") << S("0.0000000000003");
    // Large counts stay exact: (2147483647·2 + 1987654321·8) / 1e6. 2147483647 is the most one
    // attempt holds (the importers reject more, see tst_requestlogimporter).
    QTest::newRow("large token counts") << S("per_1m") << S("2") << S("8") << S("") << S("") << S("") << S("")
                                        << S("2147483647") << S("1987654321") << S("") << S("") << S("") << S("20196.201862");
}

void TestPricer::tokenFormula()
{
    QFETCH(QString, unit);
    QFETCH(QString, inPrice);
    QFETCH(QString, outPrice);
    QFETCH(QString, cachedPrice);
    QFETCH(QString, cacheWritePrice);
    QFETCH(QString, reasoningPrice);
    QFETCH(QString, ratio);
    QFETCH(QString, input);
    QFETCH(QString, output);
    QFETCH(QString, cached);
    QFETCH(QString, cacheWrite);
    QFETCH(QString, reasoning);
    QFETCH(QString, expected);

    Fixture fx;
    fx.prices = {Price("m1", inPrice.toStdString(), outPrice.toStdString(), unit.toStdString())
                     .cachedPrice(cachedPrice.toStdString())
                     .cacheWritePrice(cacheWritePrice.toStdString())
                     .reasoningPrice(reasoningPrice.toStdString())
                     .ratio(ratio.toStdString())};
    fx.client = {Attempt("r1")
                     .tokens(input.toStdString(), output.toStdString())
                     .cached(cached.toStdString())
                     .cacheWrite(cacheWrite.toStdString())
                     .reasoning(reasoning.toStdString())};
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("r1", 1, "quarantine_reason"), QByteArray());
    QCOMPARE(QString::fromLatin1(r->lines.get("r1", 1, "cost")), expected);
    QCOMPARE(r->cost("estimated_billable"), expected);
    QCOMPARE(r->byModel("m1").value(QLatin1String("estimated_cost")).toString(), expected);
    QCOMPARE(r->cost("estimated_unverified"), QStringLiteral("0"));
}

// The formula on a row directly, without the pipeline (Pricer::tokenCost is public).
void TestPricer::tokenCostDirect()
{
    tl::PriceRow row;
    row.unit = 1000000;
    row.inputPrice = {tl::Decimal::fromString("2.50"), true};
    row.outputPrice = {tl::Decimal::fromString("10"), true};
    row.cachedInputPrice = {tl::Decimal::fromString("1.25"), true};
    row.upstreamRatio = {tl::Decimal::fromString("0.8"), true};
    QCOMPARE(tl::Pricer::tokenCost(row, 1000, 400, 0, 500, 200).toStdString(), std::string("0.0056"));
    // Unknown (negative) cached/cache-write/reasoning count as 0.
    QCOMPARE(tl::Pricer::tokenCost(row, 1000, tl::kUnknown, tl::kUnknown, 500, tl::kUnknown).toStdString(), std::string("0.006"));
    row.reasoningPrice = {tl::Decimal::fromString("40"), true};
    row.upstreamRatio = {};
    // (600·2.5 + 400·1.25 + 300·10 + 200·40) / 1e6, ratio unknown = 1
    QCOMPARE(tl::Pricer::tokenCost(row, 1000, 400, 0, 500, 200).toStdString(), std::string("0.013"));
}

// ---------------------------------------------------------------------------------------------
// Per-call: cost = r × per_call_price whatever the tokens; an unverified per-call attempt adds its
// price to estimated_unverified.

void TestPricer::perCall_data()
{
    QTest::addColumn<QString>("ratio");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("timeout");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("policyRateLimited"); // treatment of rate_limited, "" = default
    QTest::addColumn<QString>("billable");
    QTest::addColumn<QString>("unverified");
    QTest::addColumn<QString>("lineCost");
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    QTest::newRow("success with tokens") << S("0.8") << S("200") << false << S("1000") << S("1000") << S("") << S("0.04") << S("0") << S("0.04");
    QTest::newRow("success without tokens is not missing usage") << S("0.8") << S("200") << false << S("") << S("") << S("") << S("0.04") << S("0") << S("0.04");
    QTest::newRow("no ratio") << S("") << S("200") << false << S("5") << S("7") << S("") << S("0.05") << S("0") << S("0.05");
    QTest::newRow("unverified timeout adds its price to unverified") << S("0.8") << S("") << true << S("") << S("") << S("") << S("0") << S("0.04") << S("0.04");
    QTest::newRow("429, default unverified") << S("0.8") << S("429") << false << S("") << S("") << S("") << S("0") << S("0.04") << S("0.04");
    QTest::newRow("429, non_billable counts nowhere") << S("0.8") << S("429") << false << S("") << S("") << S("non_billable") << S("0") << S("0") << S("*");
}

void TestPricer::perCall()
{
    QFETCH(QString, ratio);
    QFETCH(QString, status);
    QFETCH(bool, timeout);
    QFETCH(QString, input);
    QFETCH(QString, output);
    QFETCH(QString, policyRateLimited);
    QFETCH(QString, billable);
    QFETCH(QString, unverified);
    QFETCH(QString, lineCost);

    Fixture fx;
    fx.prices = {Price::perCall("mj_imagine", "0.05").ratio(ratio.toStdString())};
    fx.mappings = {Mapping("mj_imagine", "mj_imagine")};
    Attempt a = Attempt("r1").model("mj_imagine").status(status.toStdString()).tokens(input.toStdString(), output.toStdString());
    if (timeout)
        a.timedOut();
    fx.client = {a};
    if (!policyRateLimited.isEmpty())
        fx.policy = {{"rate_limited", policyRateLimited.toStdString()}};
    TLT_RUN(r, fx);
    QCOMPARE(r->quarantined("missing_usage"), 0);
    QCOMPARE(r->lines.get("r1", 1, "quarantine_reason"), QByteArray());
    if (lineCost != QLatin1String("*")) // a non_billable line's own cost is not part of the contract
        QCOMPARE(QString::fromLatin1(r->lines.get("r1", 1, "cost")), lineCost);
    QCOMPARE(r->cost("estimated_billable"), billable);
    QCOMPARE(r->cost("estimated_unverified"), unverified);
    // Per-call models sum no tokens: 0, not null (summary.json contract).
    QCOMPARE(r->byModel("mj_imagine").value(QLatin1String("input_tokens")).toInteger(-1), input.isEmpty() ? 0 : input.toLongLong());
}

// ---------------------------------------------------------------------------------------------
// minimum_charge: the least a billable attempt costs.

void TestPricer::minimumCharge_data()
{
    QTest::addColumn<bool>("perCall");
    QTest::addColumn<QString>("minimum");
    QTest::addColumn<QString>("outcome");   // explicit outcome class
    QTest::addColumn<QString>("treatment"); // policy treatment of that class, "" = default
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("billable");
    QTest::addColumn<QString>("unverified");
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    // (10·2 + 10·8) / 1e6 = 0.0001 < 0.01
    QTest::newRow("below the minimum") << false << S("0.01") << S("success") << S("") << S("10") << S("10") << S("0.01") << S("0");
    QTest::newRow("above the minimum") << false << S("0.01") << S("success") << S("") << S("1000000") << S("0") << S("2") << S("0");
    QTest::newRow("exactly the minimum") << false << S("0.0028") << S("success") << S("") << S("1000") << S("100") << S("0.0028") << S("0");
    QTest::newRow("partial is billable: minimum applies") << false << S("0.01") << S("stream_cancelled") << S("partial") << S("10") << S("10") << S("0.01") << S("0");
    // Reading: the minimum is "the least a billable attempt costs"; an unverified attempt is
    // not billable, so its estimate is the formula's value.
    QTest::newRow("unverified: no minimum") << false << S("0.01") << S("stream_cancelled") << S("") << S("10") << S("10") << S("0") << S("0.0001");
    // 0.05 × 0.8 = 0.04 < 0.05
    QTest::newRow("per-call below the minimum") << true << S("0.05") << S("success") << S("") << S("") << S("") << S("0.05") << S("0");
}

void TestPricer::minimumCharge()
{
    QFETCH(bool, perCall);
    QFETCH(QString, minimum);
    QFETCH(QString, outcome);
    QFETCH(QString, treatment);
    QFETCH(QString, input);
    QFETCH(QString, output);
    QFETCH(QString, billable);
    QFETCH(QString, unverified);

    Fixture fx;
    fx.prices = {perCall ? Price::perCall("m1", "0.05").ratio("0.8").minimum(minimum.toStdString())
                         : Price("m1", "2", "8").minimum(minimum.toStdString())};
    fx.client = {Attempt("r1").outcome(outcome.toStdString()).tokens(input.toStdString(), output.toStdString())};
    if (!treatment.isEmpty())
        fx.policy = {{outcome.toStdString(), treatment.toStdString()}};
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("estimated_billable"), billable);
    QCOMPARE(r->cost("estimated_unverified"), unverified);
}

// ---------------------------------------------------------------------------------------------
// Long-context tiers: the row with the largest tier_min_input_tokens strictly below the input
// prices the whole attempt.

void TestPricer::longContextTiers_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    QTest::newRow("1 token: base") << S("1") << S("0.000082");                   // (2 + 80) / 1e6
    QTest::newRow("128000 = threshold: base") << S("128000") << S("0.25608");     // (256000 + 80) / 1e6
    QTest::newRow("128001: tier 128000") << S("128001") << S("0.512164");        // (512004 + 160) / 1e6
    QTest::newRow("200000 = threshold: tier 128000") << S("200000") << S("0.80016"); // (800000 + 160) / 1e6
    QTest::newRow("200001: tier 200000") << S("200001") << S("1.200246");        // (1200006 + 240) / 1e6
}

void TestPricer::longContextTiers()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    Fixture fx;
    // Written out of order on purpose: the choice must not depend on row order.
    fx.prices = {Price("m1", "6", "24").tier("200000"), Price("m1", "2", "8"), Price("m1", "4", "16").tier("128000")};
    fx.client = {Attempt("r1").tokens(input.toStdString(), "10")};
    TLT_RUN(r, fx);
    QCOMPARE(QString::fromLatin1(r->lines.get("r1", 1, "cost")), expected);
    QCOMPARE(r->cost("estimated_billable"), expected);
}

void TestPricer::tierWithUnknownInputIsMissingUsage()
{
    Fixture fx;
    fx.prices = {Price("m1", "2", "8"), Price("m1", "4", "16").tier("128000")};
    fx.client = {Attempt("r1").tokens("", "10")};
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("r1", 1, "quarantine_reason"), QByteArray("missing_usage"));
    QCOMPARE(r->lines.get("r1", 1, "cost"), QByteArray()); // unknown, never 0
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0"));
}

// ---------------------------------------------------------------------------------------------
// The mapping valid at the attempt's time picks the billable model; a retired mapping still
// prices the attempts of the periods it covers, and nothing after.

void TestPricer::mappingValidByAttemptTime()
{
    Fixture fx;
    fx.prices = {Price("old-m", "1", "1"), Price("new-m", "3", "3")};
    fx.mappings = {Mapping("chat", "old-m").valid("2026-01-01", "2026-05-15"), Mapping("chat", "new-m").valid("2026-05-15", ""),
                   Mapping("legacy", "old-m").valid("2026-01-01", "2026-05-15")};
    fx.client = {
        Attempt("before").model("chat").at("2026-05-14T23:59:59Z"),
        Attempt("after").model("chat").at("2026-05-15T00:00:00Z"),
        // 07:30+08:00 is 23:30Z on the 14th: still the old mapping.
        Attempt("offset").model("chat").at("2026-05-15T07:30:00+08:00"),
        Attempt("legacy-ok").model("legacy").at("2026-05-10T00:00:00Z"),
        Attempt("legacy-late").model("legacy").at("2026-05-20T00:00:00Z"),
    };
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("before", 1, "billable_model"), QByteArray("old-m"));
    QCOMPARE(r->lines.get("before", 1, "cost"), QByteArray("0.0011"));
    QCOMPARE(r->lines.get("after", 1, "billable_model"), QByteArray("new-m"));
    QCOMPARE(r->lines.get("after", 1, "cost"), QByteArray("0.0033"));
    QCOMPARE(r->lines.get("offset", 1, "billable_model"), QByteArray("old-m"));
    QCOMPARE(r->lines.get("legacy-ok", 1, "cost"), QByteArray("0.0011"));
    QCOMPARE(r->lines.get("legacy-late", 1, "quarantine_reason"), QByteArray("unknown_model"));
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0.0066"));
    QCOMPARE(r->quarantined("unknown_model"), 1);
}

// Prices come from the snapshot the mapping names, not from another snapshot with the same model.
void TestPricer::mappingNamesTheSnapshot()
{
    Fixture fx;
    fx.prices = {Price("m1", "2", "8").snapshot("snap-a"), Price("m1", "4", "16").snapshot("snap-b")};
    fx.mappings = {Mapping("m1", "m1").snapshot("snap-b")};
    fx.client = {Attempt("r1")};
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("r1", 1, "snapshot_id"), QByteArray("snap-b"));
    QCOMPARE(r->lines.get("r1", 1, "cost"), QByteArray("0.0056"));
}

// A price change mid-period captured as two dated rows of one snapshot: each attempt is
// priced by the row valid at its time, the provider agrees, and nothing is left as variance.
void TestPricer::priceChangeMidPeriodAsTwoDatedRows()
{
    Fixture fx;
    fx.prices = {Price("m1", "2", "8").valid("2026-05-01", "2026-05-16"), Price("m1", "3", "12").valid("2026-05-16", "")};
    fx.client = {Attempt("r1").at("2026-05-15T23:59:59Z"), Attempt("r2").at("2026-05-16T00:00:00Z")};
    fx.finalQuota().add("2026-05-15", "k1", "0.0028", 1).add("2026-05-16", "k1", "0.0042", 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("r1", 1, "cost"), QByteArray("0.0028"));
    QCOMPARE(r->lines.get("r2", 1, "cost"), QByteArray("0.0042"));
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0.007"));
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("0.007"));
    QCOMPARE(r->cost("variance"), QStringLiteral("0"));
    QCOMPARE(r->nonZeroCategories(), QString());
    QCOMPARE(r->category("price_drift"), QStringLiteral("0"));
    QCOMPARE(r->decision(), QStringLiteral("pass"));
}

// Two rows for the same model and tier valid at once is an error that names the snapshot:
// within one file the import rejects it; across two files of one snapshot the run does.
void TestPricer::overlappingRowsAreAnError()
{
    {
        Fixture fx;
        fx.prices = {Price("m1", "2", "8").valid("2026-05-01", "2026-05-20"), Price("m1", "3", "12").valid("2026-05-15", "")};
        fx.client = {Attempt("r1")};
        const QString e = fx.runError();
        QVERIFY2(e.startsWith(QLatin1String("ImportError")), qPrintable(e));
        QVERIFY2(e.contains(QLatin1String("snap")) && e.contains(QLatin1String("m1")), qPrintable(e));
        QVERIFY2(e.contains(QLatin1String("prices.csv")), qPrintable(e));
    }
    {
        Fixture fx;
        fx.prices = {Price("m1", "2", "8").snapshot("snap-x")};
        fx.extraPriceFiles = {{Price("m1", "3", "12").snapshot("snap-x").valid("2026-05-10", "2026-05-11")}};
        fx.mappings = {Mapping("m1", "m1").snapshot("snap-x")};
        fx.client = {Attempt("r1")};
        const QString e = fx.runError();
        QVERIFY2(!e.isEmpty(), "two files of one snapshot with rows valid at once must not run");
        QVERIFY2(e.contains(QLatin1String("snap-x")) && e.contains(QLatin1String("m1")), qPrintable(e));
    }
}

void TestPricer::rowsThatDoNotOverlapAreFine()
{
    Fixture fx;
    // Adjacent validity ([from, to) is half-open), another tier, another snapshot: all fine.
    fx.prices = {Price("m1", "2", "8").valid("2026-05-01", "2026-05-16"), Price("m1", "3", "12").valid("2026-05-16", ""),
                 Price("m1", "4", "16").tier("128000"), Price("m1", "9", "9").snapshot("other")};
    fx.client = {Attempt("r1").at("2026-05-16T00:00:00Z")};
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("r1", 1, "cost"), QByteArray("0.0042"));
}

QTEST_GUILESS_MAIN(TestPricer)
#include "tst_pricer.moc"
