// SPDX-License-Identifier: Apache-2.0
// Acceptance tests of the variance and its categories (reconciliation.md, "Comparisons" 4 and
// "Variance categories"): provider_reported from CometAPI daily_quota snapshots, the latest
// observation counting, and every category the engine attributes, each with the rows behind
// it. The last test reconciles 50 random months (fixed seed) and checks that the categories
// add up to the variance to the last digit every time.
#include "reconcilefixture.h"

#include <QRandomGenerator>
#include <QTest>

using namespace tlt;
using tl::Decimal;

class TestVarianceAttributor : public QObject
{
    Q_OBJECT

private slots:
    void leakedKeyIsMissingInClient();
    void extraProviderRequestsAreMissingInClient();
    void priceDriftMidPeriod();
    void postingDelayAndProvisional();
    void missingInProviderAfterThePostingWindow();
    void latestObservationCounts_data();
    void latestObservationCounts();
    void retryAmplification();
    void missingUsageCharged();
    void roundingWithinPublishedPrecision();
    void windowMismatchBetweenAdjacentDays();
    void unexplainedWhenNothingFits();
    void noProviderDataIsNull();
    void lifetimeTotalsAreNotThePeriods();
    void emptyDailyQuotaReportsNoUsage();
    void perRequestProviderRecords();
    void perRequestJoinsAttributeEachRecord();
    void categoriesAddUpOnRandomMonths();
};

namespace {
const char *kCost = "0.0028"; // m1: (1000·2 + 100·8) / 1e6
}

// A key only the provider knows (a leaked key or another app): its whole amount is
// missing_in_client, with the provider rows behind it; it gets a by_key entry with 0 attempts.
void TestVarianceAttributor::leakedKeyIsMissingInClient()
{
    Fixture fx;
    fx.client = {Attempt("r1")};
    fx.finalQuota().add("2026-05-10", "k1", kCost, 1).add("2026-05-12", "leaked", "0.75", 3).add("2026-05-13", "leaked", "0.25", 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("1.0028"));
    QCOMPARE(r->cost("variance"), QStringLiteral("1"));
    QCOMPARE(r->category("missing_in_client"), QStringLiteral("1"));
    QCOMPARE(r->categoryRows("missing_in_client"), 2); // the two provider rows
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("missing_in_client=1"));
    const QJsonObject leaked = r->byKey("leaked");
    QVERIFY2(!leaked.isEmpty(), r->summaryBytes.constData());
    QCOMPARE(leaked.value(QLatin1String("attempts")).toInteger(), 0);
    QCOMPARE(leaked.value(QLatin1String("estimated_cost")).toString(), QStringLiteral("0"));
    QCOMPARE(leaked.value(QLatin1String("provider_reported")).toString(), QStringLiteral("1"));
    QCOMPARE(leaked.value(QLatin1String("provider_requests")).toInteger(), 4);
    QCOMPARE(leaked.value(QLatin1String("variance")).toString(), QStringLiteral("1"));
    const QList<QByteArray> rows = r->varianceRows();
    QVERIFY2(rows.contains("missing_in_client,leaked,2026-05-12,0.75,1"), r->varianceBytes.constData());
    QVERIFY2(rows.contains("missing_in_client,leaked,2026-05-13,0.25,1"), r->varianceBytes.constData());
    QCOMPARE(r->reasonLevel("explained_variance"), QStringLiteral("warn"));
    QCOMPARE(r->decision(), QStringLiteral("warn"));
}

// A key the client used, on a day where the provider charged more requests than the client
// logged at all: the extra is missing_in_client too.
void TestVarianceAttributor::extraProviderRequestsAreMissingInClient()
{
    Fixture fx;
    fx.client = {Attempt("r1")};
    fx.finalQuota().add("2026-05-10", "k1", "0.0056", 2);
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("variance"), QString::fromLatin1(kCost));
    QCOMPARE(r->category("missing_in_client"), QString::fromLatin1(kCost));
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("missing_in_client=0.0028"));
}

// The provider's multiplier changed on the 16th and the snapshot did not capture it: same
// requests, different money: price_drift, with the client lines and provider rows behind it.
void TestVarianceAttributor::priceDriftMidPeriod()
{
    Fixture fx;
    fx.client = {Attempt("r1").at("2026-05-10T10:00:00Z"), Attempt("r2").at("2026-05-20T10:00:00Z"),
                 Attempt("r3").at("2026-05-20T11:00:00Z")};
    // 05-20: 2 × 0.0028 × 1.25 = 0.007
    fx.finalQuota().add("2026-05-10", "k1", kCost, 1).add("2026-05-20", "k1", "0.007", 2);
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0.0084"));
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("0.0098"));
    QCOMPARE(r->cost("variance"), QStringLiteral("0.0014"));
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("price_drift=0.0014"));
    QCOMPARE(r->categoryRows("price_drift"), 3); // 2 client lines + 1 provider row
    QCOMPARE(r->lines.get("r2", 1, "variance_category"), QByteArray("price_drift"));
    QCOMPARE(r->lines.get("r1", 1, "variance_category"), QByteArray());
    QVERIFY2(r->varianceRows().contains("price_drift,k1,2026-05-20,0.0014,3"), r->varianceBytes.constData());
    QCOMPARE(r->decision(), QStringLiteral("warn"));
    QCOMPARE(r->reasonLevel("explained_variance"), QStringLiteral("warn"));
}

// Late posting: the provider snapshot was taken 10 h after the period end and does not show
// the last day yet: the attempts inside the posting window before the observation are
// posting_delay (an older day the provider omits is missing_in_provider), and the summary is
// provisional with reason provider_not_final.
void TestVarianceAttributor::postingDelayAndProvisional()
{
    Fixture fx;
    fx.client = {Attempt("r1").at("2026-05-10T12:00:00Z"), Attempt("r-old").at("2026-05-29T12:00:00Z"),
                 Attempt("r-last").at("2026-05-31T12:00:00Z")};
    Quota q;
    q.observedAt = "2026-06-01T10:00:00Z";
    q.add("2026-05-10", "k1", kCost, 1);
    fx.quotas = {q};
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("variance"), QStringLiteral("-0.0056"));
    QCOMPARE(r->category("posting_delay"), QStringLiteral("-0.0028"));
    QCOMPARE(r->category("missing_in_provider"), QStringLiteral("-0.0028"));
    QCOMPARE(r->lines.get("r-last", 1, "variance_category"), QByteArray("posting_delay"));
    QCOMPARE(r->lines.get("r-old", 1, "variance_category"), QByteArray("missing_in_provider"));
    QVERIFY2(r->varianceRows().contains("posting_delay,k1,2026-05-31,-0.0028,1"), r->varianceBytes.constData());
    QCOMPARE(r->summary.value(QLatin1String("provisional")).toBool(), true);
    QCOMPARE(r->summary.value(QLatin1String("observed_at")).toString(), QStringLiteral("2026-06-01T10:00:00Z"));
    QCOMPARE(r->reasonLevel("provider_not_final"), QStringLiteral("warn"));
    QCOMPARE(r->decision(), QStringLiteral("warn"));
}

void TestVarianceAttributor::missingInProviderAfterThePostingWindow()
{
    Fixture fx;
    fx.client = {Attempt("r1").at("2026-05-10T12:00:00Z"), Attempt("r-last").at("2026-05-31T12:00:00Z")};
    Quota q;
    q.observedAt = "2026-06-10T00:00:00Z";
    q.add("2026-05-10", "k1", kCost, 1);
    fx.quotas = {q};
    TLT_RUN(r, fx);
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("missing_in_provider=-0.0028"));
    QCOMPARE(r->summary.value(QLatin1String("provisional")).toBool(), false);
    QCOMPARE(r->reasonLevel("provider_not_final"), QStringLiteral("none"));
}

// Two observations of the same source: the latest (by observed_at, whatever the input order)
// counts; `observations` in summary.json shows both totals.
void TestVarianceAttributor::latestObservationCounts_data()
{
    QTest::addColumn<bool>("laterFirst");
    QTest::newRow("earlier listed first") << false;
    QTest::newRow("later listed first") << true;
}

void TestVarianceAttributor::latestObservationCounts()
{
    QFETCH(bool, laterFirst);
    Fixture fx;
    fx.client = {Attempt("r1").at("2026-05-10T12:00:00Z"), Attempt("r2").at("2026-05-20T12:00:00Z"),
                 Attempt("r3").at("2026-05-31T12:00:00Z")};
    Quota early;
    early.observedAt = "2026-06-01T12:00:00Z";
    early.add("2026-05-10", "k1", kCost, 1).add("2026-05-20", "k1", "0.0021", 1); // 05-20 not final, 05-31 not posted
    Quota late;
    late.observedAt = "2026-06-05T00:00:00Z";
    late.add("2026-05-10", "k1", kCost, 1).add("2026-05-20", "k1", kCost, 1).add("2026-05-31", "k1", kCost, 1);
    fx.quotas = laterFirst ? std::vector<Quota>{late, early} : std::vector<Quota>{early, late};
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("0.0084"));
    QCOMPARE(r->cost("variance"), QStringLiteral("0"));
    QCOMPARE(r->summary.value(QLatin1String("observed_at")).toString(), QStringLiteral("2026-06-05T00:00:00Z"));
    QCOMPARE(r->summary.value(QLatin1String("provisional")).toBool(), false);
    const QJsonArray obs = r->summary.value(QLatin1String("observations")).toArray();
    QCOMPARE(obs.size(), 2);
    QCOMPARE(obs.at(0).toObject().value(QLatin1String("observed_at")).toString(), QStringLiteral("2026-06-01T12:00:00Z"));
    QCOMPARE(obs.at(0).toObject().value(QLatin1String("provider_reported")).toString(), QStringLiteral("0.0049"));
    QCOMPARE(obs.at(1).toObject().value(QLatin1String("observed_at")).toString(), QStringLiteral("2026-06-05T00:00:00Z"));
    QCOMPARE(obs.at(1).toObject().value(QLatin1String("provider_reported")).toString(), QStringLiteral("0.0084"));
    QCOMPARE(r->decision(), QStringLiteral("pass"));
}

// A 5xx the policy calls non_billable, retried; the provider charged both attempts: the
// retried attempt is retry_amplification.
void TestVarianceAttributor::retryAmplification()
{
    Fixture fx;
    fx.policy = {{"server_error", "non_billable"}};
    fx.client = {Attempt("req-R", 1).status("500").noTokens().at("2026-05-10T12:00:00Z"), Attempt("req-R", 2).at("2026-05-10T12:00:02Z")};
    fx.finalQuota().add("2026-05-10", "k1", "0.0056", 2);
    TLT_RUN(r, fx);
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("retry_amplification=0.0028"));
    QCOMPARE(r->categoryRows("retry_amplification"), 1);
    QCOMPARE(r->lines.get("req-R", 1, "variance_category"), QByteArray("retry_amplification"));
}

// Charged, but the client has no tokens (a stream without include_usage): missing_usage.
void TestVarianceAttributor::missingUsageCharged()
{
    Fixture fx;
    fx.controls.insert(QStringLiteral("fail_on_missing_token_usage"), false);
    fx.client = {Attempt("r1"), Attempt("r2").streamed().noTokens().at("2026-05-10T13:00:00Z")};
    fx.finalQuota().add("2026-05-10", "k1", "0.005", 2);
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("variance"), QStringLiteral("0.0022"));
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("missing_usage=0.0022"));
    QCOMPARE(r->categoryRows("missing_usage"), 1);
    QCOMPARE(r->lines.get("r2", 1, "variance_category"), QByteArray("missing_usage"));
}

// The provider publishes 6 digits; the estimate has 7: the difference is rounding, not material.
void TestVarianceAttributor::roundingWithinPublishedPrecision()
{
    Fixture fx;
    fx.prices = {Price("m1", "2.0004", "8")}; // (1000·2.0004 + 800) / 1e6 = 0.0028004
    fx.client = {Attempt("r1")};
    fx.finalQuota().add("2026-05-10", "k1", "0.002800", 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0.0028004"));
    QCOMPARE(r->cost("variance"), QStringLiteral("-0.0000004"));
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("rounding=-0.0000004"));
    QCOMPARE(r->decision(), QStringLiteral("pass"));
}

// The provider booked a late-evening attempt on the next day (another zone): the opposite
// residuals of the two adjacent days are window_mismatch, and they cancel.
void TestVarianceAttributor::windowMismatchBetweenAdjacentDays()
{
    Fixture fx;
    fx.client = {Attempt("r1").at("2026-05-10T23:30:00Z"), Attempt("r2").at("2026-05-12T10:00:00Z")};
    fx.finalQuota().add("2026-05-11", "k1", kCost, 1).add("2026-05-12", "k1", kCost, 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("variance"), QStringLiteral("0"));
    QCOMPARE(r->category("window_mismatch"), QStringLiteral("0"));
    QCOMPARE(r->nonZeroCategories(), QString());
    const QList<QByteArray> rows = r->varianceRows();
    QVERIFY2(rows.contains("window_mismatch,k1,2026-05-10,-0.0028,1"), r->varianceBytes.constData());
    QVERIFY2(rows.contains("window_mismatch,k1,2026-05-11,0.0028,1"), r->varianceBytes.constData());
}

// More provider requests than client lines but less money: nothing explains it.
void TestVarianceAttributor::unexplainedWhenNothingFits()
{
    Fixture fx;
    fx.client = {Attempt("r1")};
    fx.finalQuota().add("2026-05-10", "k1", "0.001", 2);
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("variance"), QStringLiteral("-0.0018"));
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("unexplained=-0.0018"));
    QCOMPARE(r->reasonLevel("unexplained_variance"), QStringLiteral("fail"));
    QCOMPARE(r->decision(), QStringLiteral("fail"));
}

// Without a period-level provider figure, provider_reported and variance are null (never 0).
void TestVarianceAttributor::noProviderDataIsNull()
{
    Fixture fx;
    fx.client = {Attempt("r1")};
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("null"));
    QCOMPARE(r->cost("variance"), QStringLiteral("null"));
    QCOMPARE(r->summary.value(QLatin1String("variance_by_category")).toArray().size(), 0);
    QCOMPARE(r->byKey("k1").value(QLatin1String("provider_reported")).isNull(), true);
    QCOMPARE(r->reasonLevel("no_provider_data"), QStringLiteral("warn"));
}

// A snapshot without daily_quota (no start_date/end_date) carries lifetime totals only:
// total_used_quota is not the period's, so provider_reported stays null.
void TestVarianceAttributor::lifetimeTotalsAreNotThePeriods()
{
    Fixture fx;
    fx.client = {Attempt("r1")};
    Quota q;
    q.omitDaily = true;
    fx.quotas = {q};
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("null"));
    QCOMPARE(r->cost("variance"), QStringLiteral("null"));
    QCOMPARE(r->reasonLevel("no_provider_data"), QStringLiteral("warn"));
}

// Reading of formats.md §3a ("daily_quota is present only when both dates were given, and is
// absent or empty for a window with no activity") and of the importer's own rule ("present,
// even empty, means the window was queried"): an empty daily_quota is the provider saying it
// saw no usage in the window: provider_reported is 0 (a figure), not null, and the client's
// billable lines are unmatched (missing_in_provider once the posting window has passed).
void TestVarianceAttributor::emptyDailyQuotaReportsNoUsage()
{
    Fixture fx;
    fx.client = {Attempt("r1")};
    fx.quotas = {Quota()}; // "daily_quota":{}, observed 2026-06-05
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("0"));
    QCOMPARE(r->cost("variance"), QStringLiteral("-0.0028"));
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("missing_in_provider=-0.0028"));
    QCOMPARE(r->byKey("k1").value(QLatin1String("provider_reported")).toString(), QStringLiteral("0"));
    QCOMPARE(r->reasonLevel("no_provider_data"), QStringLiteral("none"));
    QCOMPARE(r->summary.value(QLatin1String("observations")).toArray().size(), 1);
}

// Without daily aggregates, provider_reported comes from per-request provider records
// (here an OpenRouter activity export); records outside the period do not count.
void TestVarianceAttributor::perRequestProviderRecords()
{
    Fixture fx;
    fx.client = {Attempt("r1").at("2026-05-10T12:00:00Z"), Attempt("r2").at("2026-05-11T12:00:00Z")};
    fx.rawInputs.push_back({"provider", "openrouter_activity_csv", "activity.csv",
                            "generation_id,created_at,cost_total,tokens_prompt,tokens_completion,model_permaslug,api_key_name\n"
                            "gen-1,2026-05-10T12:00:01Z,0.0028,1000,100,m1,k1\n"
                            "gen-2,2026-05-11T12:00:01Z,0.0035,1000,100,m1,k1\n"
                            "gen-3,2026-06-01T00:00:00Z,0.5,1000,100,m1,k1\n",
                            "2026-06-05T00:00:00Z"});
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("0.0063"));
    QCOMPARE(r->cost("variance"), QStringLiteral("0.0007"));
    QCOMPARE(r->nonZeroCategories(), QStringLiteral("price_drift=0.0007"));
    QCOMPARE(r->byKey("k1").value(QLatin1String("provider_requests")).toInteger(), 2);
    QCOMPARE(r->summary.value(QLatin1String("cost")).toObject().value(QLatin1String("provider_source")).toString(), QStringLiteral("requests"));
}

// Per-request provider records are joined to client lines (response_id, then a fuzzy match on
// key, time and tokens, then lines without tokens), and each record's difference goes to the
// category its pair shows: tokens, model, a charged timeout, a record the client never logged,
// a billable line the provider never charged. m1 costs 2/8 per 1M: 1000 in + 100 out = 0.0028.
void TestVarianceAttributor::perRequestJoinsAttributeEachRecord()
{
    Fixture fx;
    fx.client = {Attempt("r1").at("2026-05-10T12:00:00Z").response("gen-1"),
                 Attempt("r2").at("2026-05-11T12:00:00Z").response("gen-2"),
                 Attempt("r3").at("2026-05-12T12:00:00Z").response("gen-3"),
                 Attempt("r4").at("2026-05-13T12:00:00Z").noTokens().status("").timedOut(),
                 Attempt("r5").at("2026-05-14T12:00:00Z")};
    fx.rawInputs.push_back({"provider", "openrouter_activity_csv", "activity.csv",
                            "generation_id,created_at,cost_total,tokens_prompt,tokens_completion,model_permaslug,api_key_name\n"
                            "gen-1,2026-05-10T12:00:01Z,0.0028,1000,100,m1,k1\n"
                            "gen-2,2026-05-11T12:00:01Z,0.0048,2000,100,m1,k1\n"
                            "gen-3,2026-05-12T12:00:01Z,0.005,1000,100,m2,k1\n"
                            "gen-4,2026-05-13T12:00:30Z,0.0028,1000,100,m1,k1\n"
                            "gen-6,2026-05-15T12:00:00Z,0.01,1000,100,m1,k9\n",
                            "2026-06-05T00:00:00Z"});
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0.0112"));
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("0.0254"));
    QCOMPARE(r->cost("variance"), QStringLiteral("0.0142"));
    QCOMPARE(r->nonZeroCategories(),
             QStringLiteral("missing_in_client=0.01 missing_in_provider=-0.0028 timeout_ambiguity=0.0028 model_drift=0.0022 token_difference=0.002"));
    const QJsonObject joins = r->summary.value(QLatin1String("provider_requests")).toObject();
    QCOMPARE(joins.value(QLatin1String("records")).toInteger(), 5);
    const QJsonObject joined = joins.value(QLatin1String("joined")).toObject();
    QCOMPARE(joined.value(QLatin1String("response_id")).toInteger(), 3);
    QCOMPARE(joined.value(QLatin1String("request_id")).toInteger(), 0);
    QCOMPARE(joined.value(QLatin1String("fuzzy_key_model_time_tokens")).toInteger(), 1);
    QCOMPARE(joins.value(QLatin1String("records_without_client_line")).toInteger(), 1);
    QCOMPARE(joins.value(QLatin1String("client_lines_without_record")).toInteger(), 1);
    QCOMPARE(joins.value(QLatin1String("token_mismatches")).toInteger(), 1);
    QCOMPARE(joins.value(QLatin1String("model_mismatches")).toInteger(), 1);
}

// ---------------------------------------------------------------------------------------------
// 50 random small months with a fixed seed: random keys, days, models, outcomes, retries and
// token counts; the provider's daily figures are the client's estimate perturbed at random
// (multipliers, extra charged requests, dropped days, days shifted, noise down to the 18th
// digit, rounding, leaked keys, days outside the period, an earlier partial observation).
// Every time: the categories add up to the variance to the last digit, and so do variance.csv,
// by_key; by_key and by_model add up to estimated_billable; provider_reported is the latest
// observation's in-period sum; estimated_billable is the independently computed sum.

namespace {

Decimal dec(const QJsonValue &v) { return Decimal::fromString(v.toString().toStdString()); }

struct RandomMonth
{
    QRandomGenerator gen;
    explicit RandomMonth(quint32 seed) : gen(seed) {}
    int between(int lo, int hi) { return static_cast<int>(gen.bounded(lo, hi + 1)); }
    bool chance(int percent) { return between(1, 100) <= percent; }
};

std::string dayText(int day) // day of May 2026, 0 = 04-30, 32 = 06-01
{
    if (day <= 0)
        return "2026-04-30";
    if (day >= 32)
        return "2026-06-01";
    char buf[16];
    std::snprintf(buf, sizeof buf, "2026-05-%02d", day);
    return buf;
}

} // namespace

void TestVarianceAttributor::categoriesAddUpOnRandomMonths()
{
    const std::vector<std::string> keys = {"k1", "k2", "k3", "k4"};
    for (int month = 0; month < 50; ++month) {
        RandomMonth rnd(20260501u + static_cast<quint32>(month));
        Fixture fx;
        fx.prices = {Price("m1", "2", "8"), Price("m2", "0.0011", "0.0044", "per_1k").ratio("0.8"),
                     Price::perCall("mc", "0.05").ratio("0.8")};
        fx.mappings = {Mapping("m1", "m1"), Mapping("m2", "m2"), Mapping("mc", "mc")};
        const bool serverErrorNonBillable = rnd.chance(50);
        if (serverErrorNonBillable)
            fx.policy = {{"server_error", "non_billable"}};
        fx.controls.insert(QStringLiteral("fail_on_missing_token_usage"), rnd.chance(50));

        // Client lines, and per key/day the estimate and billable count the provider starts from.
        std::map<std::pair<std::string, int>, std::pair<Decimal, int>> cells;
        Decimal expectedBillable;
        const int nKeys = rnd.between(1, 4);
        const int nRequests = rnd.between(3, 40);
        for (int q = 0; q < nRequests; ++q) {
            const std::string key = keys[static_cast<std::size_t>(rnd.between(0, nKeys - 1))];
            const int day = rnd.chance(5) ? (rnd.chance(50) ? 0 : 32) : rnd.between(1, 31);
            const int modelPick = rnd.between(0, 9);
            const std::string model = modelPick < 5 ? "m1" : modelPick < 8 ? "m2" : modelPick < 9 ? "mc" : (rnd.chance(50) ? "zzz" : "m1");
            const int attempts = rnd.chance(20) ? rnd.between(2, 3) : 1;
            for (int a = 1; a <= attempts; ++a) {
                char ts[40];
                std::snprintf(ts, sizeof ts, "%sT%02d:%02d:%02dZ", dayText(day).c_str(), rnd.between(0, 23), rnd.between(0, 59), rnd.between(0, 59));
                Attempt at("req-" + std::to_string(month) + "-" + std::to_string(q), a);
                at.at(ts).key(key).model(model);
                const int in = rnd.between(0, 5000), out = rnd.between(0, 2000);
                at.tokens(std::to_string(in), std::to_string(out));
                bool billable = true;
                if (a < attempts) {
                    switch (rnd.between(0, 3)) {
                    case 0: at.status("").timedOut().noTokens(); break;
                    case 1: at.status("500").noTokens(); break;
                    case 2: at.status("429").noTokens(); break;
                    default: at.status("200").streamed().cancelled(); break;
                    }
                    billable = false;
                } else {
                    const int kind = rnd.between(0, 19);
                    if (kind == 0) {
                        at.streamed().noTokens(); // missing usage (billable per-call models still priced)
                        billable = model == "mc";
                    } else if (kind == 1) {
                        at.streamed();
                    }
                }
                fx.client.push_back(at);
                if (day < 1 || day > 31 || model == "zzz" || !billable)
                    continue;
                Decimal cost;
                if (model == "m1")
                    cost = Decimal::fromInt(static_cast<std::int64_t>(in) * 2 + static_cast<std::int64_t>(out) * 8).divInt(1000000);
                else if (model == "m2")
                    cost = Decimal::fromScaled((static_cast<std::int64_t>(in) * 11 + static_cast<std::int64_t>(out) * 44) * 8, 8);
                else
                    cost = Decimal::fromString("0.04");
                expectedBillable += cost;
                auto &c = cells[{key, day}];
                c.first += cost;
                c.second += 1;
            }
        }

        // The provider's view: each cell perturbed.
        Quota late;
        late.observedAt = rnd.chance(70) ? "2026-06-05T00:00:00Z" : "2026-06-01T10:00:00Z";
        if (rnd.chance(15))
            late.dayTz = "Asia/Shanghai";
        Decimal expectedProvider;
        auto put = [&](int day, const std::string &key, Decimal amount, long long requests) {
            if (amount.isNegative())
                amount = Decimal();
            late.add(dayText(day), key, amount.toStdString(), requests);
            if (day >= 1 && day <= 31 && late.dayTz.empty())
                expectedProvider += amount;
        };
        for (const auto &[cellKey, cell] : cells) {
            const auto &[key, day] = cellKey;
            const auto &[amount, count] = cell;
            switch (rnd.between(0, 9)) {
            case 4: put(day, key, amount.mul(Decimal::fromString("1.25")), count); break;
            case 5: {
                const int extra = rnd.between(1, 3);
                put(day, key, amount + Decimal::fromScaled(rnd.between(1, 99999999), 9), count + extra);
                break;
            }
            case 6: break; // not posted
            case 7: put(std::min(day + 1, 31), key, amount, count); break;
            case 8: {
                const Decimal noise = Decimal::fromScaled(rnd.between(-999999, 999999), rnd.between(7, 18));
                put(day, key, amount + noise, std::max(0, count + rnd.between(-1, 1)));
                break;
            }
            case 9: put(day, key, amount.round(6), count); break;
            default: put(day, key, amount, count); break;
            }
        }
        if (rnd.chance(30))
            put(rnd.between(1, 31), "leaked", Decimal::fromScaled(rnd.between(1, 5000000), 6), rnd.between(1, 9));
        if (rnd.chance(20))
            put(rnd.chance(50) ? 0 : 32, keys[0], Decimal::fromString("0.5"), 3);
        fx.quotas = {late};
        if (rnd.chance(30)) {
            // An earlier observation: fewer days, other amounts.
            Quota early;
            early.observedAt = "2026-05-31T00:00:00Z";
            early.dayTz = late.dayTz;
            for (const auto &[day, entries] : late.days)
                if (rnd.chance(60))
                    for (const auto &e : entries)
                        early.add(day, e.key, Decimal::fromString(e.amount).mulInt(9).divInt(10).toStdString(), e.requests);
            fx.quotas.insert(fx.quotas.begin() + rnd.between(0, 1), early);
        }

        QString error;
        auto r = fx.run(&error);
        QVERIFY2(r, qPrintable(QStringLiteral("month %1: %2").arg(month).arg(error)));
        const QString where = QStringLiteral("month %1: ").arg(month);
        if (qEnvironmentVariableIsSet("TLT_VERBOSE"))
            qInfo().noquote() << where << r->decision() << r->cost("variance") << r->nonZeroCategories();

        const Decimal variance = dec(r->summary.value(QLatin1String("cost")).toObject().value(QLatin1String("variance")));
        const Decimal billable = dec(r->summary.value(QLatin1String("cost")).toObject().value(QLatin1String("estimated_billable")));
        const Decimal provider = dec(r->summary.value(QLatin1String("cost")).toObject().value(QLatin1String("provider_reported")));
        QCOMPARE(provider - billable, variance);
        QVERIFY2(billable == expectedBillable,
                 qPrintable(where + QStringLiteral("estimated_billable %1, expected %2").arg(billable.toString(), expectedBillable.toString())));
        if (late.dayTz.empty())
            QVERIFY2(provider == expectedProvider,
                     qPrintable(where + QStringLiteral("provider_reported %1, expected %2").arg(provider.toString(), expectedProvider.toString())));

        Decimal categories;
        int nCategories = 0;
        for (const QJsonValue &v : r->summary.value(QLatin1String("variance_by_category")).toArray()) {
            categories += dec(v.toObject().value(QLatin1String("amount")));
            ++nCategories;
        }
        QCOMPARE(nCategories, 13);
        QVERIFY2(categories == variance,
                 qPrintable(where + QStringLiteral("categories add up to %1, variance is %2 (%3)").arg(categories.toString(), variance.toString(), r->nonZeroCategories())));

        Decimal csvSum;
        for (const QByteArray &row : r->varianceRows())
            csvSum += Decimal::fromString(row.split(',').value(3).toStdString());
        QVERIFY2(csvSum == variance, qPrintable(where + QStringLiteral("variance.csv adds up to %1, variance is %2").arg(csvSum.toString(), variance.toString())));

        Decimal keyVariance, keyProvider, keyCost, modelCost;
        for (const QJsonValue &v : r->summary.value(QLatin1String("by_key")).toArray()) {
            keyVariance += dec(v.toObject().value(QLatin1String("variance")));
            keyProvider += dec(v.toObject().value(QLatin1String("provider_reported")));
            keyCost += dec(v.toObject().value(QLatin1String("estimated_cost")));
        }
        for (const QJsonValue &v : r->summary.value(QLatin1String("by_model")).toArray())
            modelCost += dec(v.toObject().value(QLatin1String("estimated_cost")));
        QVERIFY2(keyVariance == variance, qPrintable(where + QStringLiteral("by_key variance adds up to %1").arg(keyVariance.toString())));
        QVERIFY2(keyProvider == provider, qPrintable(where + QStringLiteral("by_key provider_reported adds up to %1").arg(keyProvider.toString())));
        QVERIFY2(keyCost == billable, qPrintable(where + QStringLiteral("by_key estimated_cost adds up to %1").arg(keyCost.toString())));
        QVERIFY2(modelCost == billable, qPrintable(where + QStringLiteral("by_model estimated_cost adds up to %1").arg(modelCost.toString())));
    }
}

QTEST_GUILESS_MAIN(TestVarianceAttributor)
#include "tst_varianceattributor.moc"
