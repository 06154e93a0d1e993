// SPDX-License-Identifier: Apache-2.0
// Acceptance tests of tl::Reconciler (reconciliation.md): the seed-001 "practical validation
// tests before first use" A-E, outcome classes and their treatments, the period's edges and
// the counts. Every job is written as real input files (request_log_csv, price_snapshot_csv,
// model_mapping_csv, billing_policy_csv, evidence_csv, cometapi_quota) and run through
// tl::Job::load, tl::JobRunner::load, tl::Reconciler::run and tl::ResultWriter.
#include "reconcilefixture.h"

#include <QTest>

using namespace tlt;

class TestReconciler : public QObject
{
    Q_OBJECT

private slots:
    // Seed 001, "Practical validation tests before first use"
    void seedA_knownRequestJoinedAcrossLedgers();
    void seedB_streamingWithFinalUsage();
    void seedB_streamingWithoutUsage_data();
    void seedB_streamingWithoutUsage();
    void seedB_partialStreamCharged();
    void seedC_retryAfterTimeout_data();
    void seedC_retryAfterTimeout();
    void seedD_fallbackChargedToTheModelThatServed();
    void seedD_fallbackWithoutPriceFailsClosed();
    void seedE_unknownModelFailsTheRun_data();
    void seedE_unknownModelFailsTheRun();

    // Outcome classes and treatments
    void outcomeClasses_data();
    void outcomeClasses();
    void outcomeWithoutTokens_data();
    void outcomeWithoutTokens();

    // Period and counts
    void periodEdges();
    void duplicateAttemptIsQuarantined();
    void financeRolledUpSeparately();
};

namespace {

const char *kCost = "0.0028"; // m1: (1000·2 + 100·8) / 1e6

} // namespace

// ---------------------------------------------------------------------------------------------
// Test A: one known request, joined across the client log, the gateway log and the provider's
// daily usage: the counts per key and day agree in all three, the billable model and tokens
// are populated, and the period passes.
void TestReconciler::seedA_knownRequestJoinedAcrossLedgers()
{
    Fixture fx;
    fx.client = {Attempt("req-A").key("support").response("resp-A").at("2026-05-10T12:00:00Z")};
    fx.gateway = {Attempt("req-A").key("support").response("resp-A").at("2026-05-10T12:00:01Z")};
    fx.finalQuota().add("2026-05-10", "support", kCost, 1);
    TLT_RUN(r, fx);

    // Counts per key and UTC day, client vs gateway vs provider (counts.csv columns:
    // api_key_name,date,client_attempts,client_first_attempts,client_billable,gateway_attempts,
    // provider_requests,estimated,provider_reported).
    QVERIFY2(r->countsBytes.contains("\nsupport,2026-05-10,1,1,1,1,1,0.0028,0.0028\n"), r->countsBytes.constData());
    const QJsonObject k = r->byKey("support");
    QCOMPARE(k.value(QLatin1String("attempts")).toInteger(), 1);
    QCOMPARE(k.value(QLatin1String("gateway_attempts")).toInteger(), 1);
    QCOMPARE(k.value(QLatin1String("provider_requests")).toInteger(), 1);
    QCOMPARE(k.value(QLatin1String("estimated_cost")).toString(), QString::fromLatin1(kCost));
    QCOMPARE(k.value(QLatin1String("provider_reported")).toString(), QString::fromLatin1(kCost));
    QCOMPARE(k.value(QLatin1String("variance")).toString(), QStringLiteral("0"));
    QCOMPARE(r->summary.value(QLatin1String("gateway")).toObject().value(QLatin1String("attempts")).toInteger(), 1);

    // The billable model and the token fields are populated as expected.
    QCOMPARE(r->lines.get("req-A", 1, "billable_model"), QByteArray("m1"));
    QCOMPARE(r->lines.get("req-A", 1, "snapshot_id"), QByteArray("snap"));
    QCOMPARE(r->lines.get("req-A", 1, "input_tokens"), QByteArray("1000"));
    QCOMPARE(r->lines.get("req-A", 1, "output_tokens"), QByteArray("100"));
    QCOMPARE(r->lines.get("req-A", 1, "cost"), QByteArray(kCost));
    QCOMPARE(r->lines.get("req-A", 1, "source_file"), QByteArray("client.csv"));
    QCOMPARE(r->lines.get("req-A", 1, "source_line"), QByteArray("2"));
    QCOMPARE(r->cost("variance"), QStringLiteral("0"));
    QCOMPARE(r->decision(), QStringLiteral("pass"));
    QCOMPARE(r->reasonCodes(), QString());
}

// Test B: a streaming request with final usage is a billable success_stream, priced.
void TestReconciler::seedB_streamingWithFinalUsage()
{
    Fixture fx;
    fx.client = {Attempt("req-B").streamed()};
    fx.finalQuota().add("2026-05-10", "k1", kCost, 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("req-B", 1, "outcome"), QByteArray("success_stream"));
    QCOMPARE(r->lines.get("req-B", 1, "treatment"), QByteArray("billable"));
    QCOMPARE(r->lines.get("req-B", 1, "cost"), QByteArray(kCost));
    QCOMPARE(r->byOutcome("success_stream"), 1);
    QCOMPARE(r->cost("estimated_billable"), QString::fromLatin1(kCost));
    QCOMPARE(r->decision(), QStringLiteral("pass"));
}

// Test B: a stream read without include_usage has unknown cost: quarantined missing_usage,
// never priced as 0, and the decision fails while fail_on_missing_token_usage is on, warns when off.
void TestReconciler::seedB_streamingWithoutUsage_data()
{
    QTest::addColumn<QString>("control"); // "", "true", "false"
    QTest::addColumn<QString>("decision");
    QTest::addColumn<QString>("level");
    QTest::newRow("control default (on)") << QString() << QStringLiteral("fail") << QStringLiteral("fail");
    QTest::newRow("control on") << QStringLiteral("true") << QStringLiteral("fail") << QStringLiteral("fail");
    QTest::newRow("control off") << QStringLiteral("false") << QStringLiteral("warn") << QStringLiteral("warn");
}

void TestReconciler::seedB_streamingWithoutUsage()
{
    QFETCH(QString, control);
    QFETCH(QString, decision);
    QFETCH(QString, level);
    Fixture fx;
    fx.client = {Attempt("req-B1").streamed(), Attempt("req-B2").streamed().noTokens().at("2026-05-10T13:00:00Z")};
    fx.finalQuota().add("2026-05-10", "k1", kCost, 1);
    if (!control.isEmpty())
        fx.controls.insert(QStringLiteral("fail_on_missing_token_usage"), control == QLatin1String("true"));
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("req-B2", 1, "outcome"), QByteArray("success_stream"));
    QCOMPARE(r->lines.get("req-B2", 1, "quarantine_reason"), QByteArray("missing_usage"));
    QCOMPARE(r->lines.get("req-B2", 1, "cost"), QByteArray()); // unknown, not "0"
    QCOMPARE(r->lines.get("req-B2", 1, "input_tokens"), QByteArray());
    QCOMPARE(r->quarantined("missing_usage"), 1);
    QCOMPARE(r->count("attempts"), 2); // quarantined attempts still count as attempts
    QCOMPARE(r->byOutcome("success_stream"), 2);
    QCOMPARE(r->tokens("input"), 1000); // only the attempt that is not quarantined
    QCOMPARE(r->cost("estimated_billable"), QString::fromLatin1(kCost));
    QCOMPARE(r->byModel("m1").value(QLatin1String("attempts")).toInteger(), 1);
    QCOMPARE(r->reasonLevel("missing_usage"), level);
    QCOMPARE(r->reason("missing_usage").value(QLatin1String("rows")).toInteger(), 1);
    QCOMPARE(r->decision(), decision);
}

// Test B, client disconnect: a cancelled stream is unverified by default (neither free nor
// billable); when the provider shows it, the charge is explained as unverified_outcome.
void TestReconciler::seedB_partialStreamCharged()
{
    Fixture fx;
    fx.client = {Attempt("req-B1").streamed(), Attempt("req-B3").streamed().cancelled().tokens("100", "50").at("2026-05-10T14:00:00Z")};
    // B3 at list price: (100·2 + 50·8) / 1e6 = 0.0006; the provider charged both.
    fx.finalQuota().add("2026-05-10", "k1", "0.0034", 2);
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("req-B3", 1, "outcome"), QByteArray("stream_cancelled"));
    QCOMPARE(r->lines.get("req-B3", 1, "treatment"), QByteArray("unverified"));
    QCOMPARE(r->cost("estimated_billable"), QString::fromLatin1(kCost));
    QCOMPARE(r->cost("estimated_unverified"), QStringLiteral("0.0006"));
    QCOMPARE(r->cost("variance"), QStringLiteral("0.0006"));
    QCOMPARE(r->category("unverified_outcome"), QStringLiteral("0.0006"));
    QCOMPARE(r->categoryRows("unverified_outcome"), 1);
    QCOMPARE(r->lines.get("req-B3", 1, "variance_category"), QByteArray("unverified_outcome"));
}

// Test C: a client-side timeout, then a retry. The timed-out attempt (unverified, no tokens)
// adds no cost; the retry is priced; the retry is counted. When the provider charged both,
// the difference is timeout_ambiguity, with the timed-out attempt behind it.
void TestReconciler::seedC_retryAfterTimeout_data()
{
    QTest::addColumn<bool>("providerChargedBoth");
    QTest::newRow("provider charged once") << false;
    QTest::newRow("provider charged both") << true;
}

void TestReconciler::seedC_retryAfterTimeout()
{
    QFETCH(bool, providerChargedBoth);
    Fixture fx;
    fx.client = {Attempt("req-C", 1).status("").timedOut().noTokens().at("2026-05-10T12:00:00Z"),
                 Attempt("req-C", 2).at("2026-05-10T12:00:30Z")};
    if (providerChargedBoth)
        fx.finalQuota().add("2026-05-10", "k1", "0.0056", 2);
    else
        fx.finalQuota().add("2026-05-10", "k1", kCost, 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->count("attempts"), 2);
    QCOMPARE(r->count("requests"), 1);
    QCOMPARE(r->count("retries"), 1);
    QCOMPARE(r->byOutcome("client_timeout"), 1);
    QCOMPARE(r->byOutcome("success"), 1);
    QCOMPARE(r->lines.get("req-C", 1, "outcome"), QByteArray("client_timeout"));
    QCOMPARE(r->lines.get("req-C", 1, "treatment"), QByteArray("unverified"));
    QCOMPARE(r->lines.get("req-C", 1, "quarantine_reason"), QByteArray()); // not missing usage
    QCOMPARE(r->lines.get("req-C", 1, "cost"), QByteArray());
    QCOMPARE(r->lines.get("req-C", 2, "cost"), QByteArray(kCost));
    QCOMPARE(r->quarantined("missing_usage"), 0);
    QCOMPARE(r->cost("estimated_billable"), QString::fromLatin1(kCost));
    QCOMPARE(r->cost("estimated_unverified"), QStringLiteral("0"));
    const QJsonObject k = r->byKey("k1");
    QCOMPARE(k.value(QLatin1String("first_attempts")).toInteger(), 1);
    QCOMPARE(k.value(QLatin1String("retries")).toInteger(), 1);
    if (providerChargedBoth) {
        QCOMPARE(r->cost("variance"), QString::fromLatin1(kCost));
        QCOMPARE(r->category("timeout_ambiguity"), QString::fromLatin1(kCost));
        QCOMPARE(r->categoryRows("timeout_ambiguity"), 1);
        QCOMPARE(r->category("unexplained"), QStringLiteral("0"));
        QCOMPARE(r->lines.get("req-C", 1, "variance_category"), QByteArray("timeout_ambiguity"));
        QVERIFY2(r->varianceRows().contains("timeout_ambiguity,k1,2026-05-10,0.0028,1"), r->varianceBytes.constData());
        // Material (0.0028 > 1 % of 0.0028) and explained.
        QCOMPARE(r->reasonLevel("explained_variance"), QStringLiteral("warn"));
        QCOMPARE(r->decision(), QStringLiteral("warn"));
    } else {
        QCOMPARE(r->cost("variance"), QStringLiteral("0"));
        QCOMPARE(r->category("timeout_ambiguity"), QStringLiteral("0"));
        QCOMPARE(r->decision(), QStringLiteral("pass"));
    }
}

// Test D: the primary fails, the fallback serves; the cost is allocated to the model that
// actually served (model_billed), the primary failure is kept, and a request without
// model_billed is priced by the primary mapping row, not the fallback row.
void TestReconciler::seedD_fallbackChargedToTheModelThatServed()
{
    Fixture fx;
    fx.prices = {Price("gpt-primary", "10", "30"), Price("gpt-fallback", "1", "2")};
    fx.mappings = {Mapping("gpt-primary", "gpt-primary", "primary"), Mapping("gpt-primary", "gpt-fallback", "fallback")};
    fx.client = {
        Attempt("req-D", 1).model("gpt-primary").role("primary").status("503").noTokens().at("2026-05-10T12:00:00Z"),
        Attempt("req-D", 2).model("gpt-primary").billed("gpt-fallback").role("fallback").at("2026-05-10T12:00:05Z"),
        Attempt("req-P", 1).model("gpt-primary").at("2026-05-10T13:00:00Z"),
    };
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("req-D", 1, "outcome"), QByteArray("server_error"));
    QCOMPARE(r->lines.get("req-D", 1, "billable_model"), QByteArray("gpt-primary"));
    QCOMPARE(r->lines.get("req-D", 2, "outcome"), QByteArray("success"));
    QCOMPARE(r->lines.get("req-D", 2, "billable_model"), QByteArray("gpt-fallback"));
    QCOMPARE(r->lines.get("req-D", 2, "cost"), QByteArray("0.0012")); // (1000·1 + 100·2) / 1e6
    QCOMPARE(r->lines.get("req-P", 1, "billable_model"), QByteArray("gpt-primary"));
    QCOMPARE(r->lines.get("req-P", 1, "cost"), QByteArray("0.013")); // (1000·10 + 100·30) / 1e6
    QCOMPARE(r->byModel("gpt-fallback").value(QLatin1String("estimated_cost")).toString(), QStringLiteral("0.0012"));
    QCOMPARE(r->byModel("gpt-fallback").value(QLatin1String("attempts")).toInteger(), 1);
    QCOMPARE(r->byModel("gpt-primary").value(QLatin1String("estimated_cost")).toString(), QStringLiteral("0.013"));
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0.0142"));
    QCOMPARE(r->count("retries"), 1);
}

// Test D: "verify the fallback model has a price mapping": a fallback billed to a model
// without a price is not priced at the primary's price; it is quarantined unknown_model.
void TestReconciler::seedD_fallbackWithoutPriceFailsClosed()
{
    Fixture fx;
    fx.prices = {Price("gpt-primary", "10", "30")};
    fx.mappings = {Mapping("gpt-primary", "gpt-primary")};
    fx.client = {Attempt("req-D", 1).model("gpt-primary").status("503").noTokens(),
                 Attempt("req-D", 2).model("gpt-primary").billed("gpt-unpriced").role("fallback").at("2026-05-10T12:00:05Z")};
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("req-D", 2, "quarantine_reason"), QByteArray("unknown_model"));
    QCOMPARE(r->lines.get("req-D", 2, "billable_model"), QByteArray("gpt-unpriced"));
    QCOMPARE(r->lines.get("req-D", 2, "cost"), QByteArray());
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0"));
    QCOMPARE(r->reasonLevel("unknown_model"), QStringLiteral("fail"));
    QVERIFY2(r->reason("unknown_model").value(QLatin1String("entries")).toArray().contains(QStringLiteral("gpt-unpriced")), qPrintable(r->reasonCodes()));
    QCOMPARE(r->decision(), QStringLiteral("fail"));
}

// Test E: a fake model name: the row is quarantined unknown_model and the run fails (finance
// cannot approve); with fail_on_unknown_model off the rows stay quarantined and it warns.
void TestReconciler::seedE_unknownModelFailsTheRun_data()
{
    QTest::addColumn<QString>("control");
    QTest::addColumn<QString>("decision");
    QTest::newRow("control default (on)") << QString() << QStringLiteral("fail");
    QTest::newRow("control on") << QStringLiteral("true") << QStringLiteral("fail");
    QTest::newRow("control off") << QStringLiteral("false") << QStringLiteral("warn");
}

void TestReconciler::seedE_unknownModelFailsTheRun()
{
    QFETCH(QString, control);
    QFETCH(QString, decision);
    Fixture fx;
    fx.client = {Attempt("req-ok"), Attempt("req-E").model("fake-model").at("2026-05-10T12:30:00Z")};
    fx.finalQuota().add("2026-05-10", "k1", kCost, 1);
    if (!control.isEmpty())
        fx.controls.insert(QStringLiteral("fail_on_unknown_model"), control == QLatin1String("true"));
    TLT_RUN(r, fx);
    QCOMPARE(r->lines.get("req-E", 1, "quarantine_reason"), QByteArray("unknown_model"));
    QCOMPARE(r->lines.get("req-E", 1, "cost"), QByteArray());
    QCOMPARE(r->quarantined("unknown_model"), 1);
    QCOMPARE(r->count("attempts"), 2);
    QCOMPARE(r->tokens("input"), 1000);
    QCOMPARE(r->cost("estimated_billable"), QString::fromLatin1(kCost));
    QCOMPARE(r->cost("variance"), QStringLiteral("0"));
    const QJsonObject reason = r->reason("unknown_model");
    QCOMPARE(reason.value(QLatin1String("level")).toString(), decision);
    QCOMPARE(reason.value(QLatin1String("rows")).toInteger(), 1);
    QVERIFY(reason.value(QLatin1String("entries")).toArray().contains(QStringLiteral("fake-model")));
    QCOMPARE(r->decision(), decision);
}

// ---------------------------------------------------------------------------------------------
// Outcome classes: derivation from the row's status and flags, in the order of
// reconciliation.md, and each class under each treatment.

namespace {
struct OutcomeCase
{
    const char *name, *status, *outcome;
    bool timeout, cancelled, stream, cacheHit;
    const char *expected;
};
const OutcomeCase kOutcomeCases[] = {
    {"cache_hit", "200", "", false, false, false, true, "cached_response"},
    {"cache_hit beats 500", "500", "", false, false, false, true, "cached_response"},
    {"cache_hit beats no status + timeout", "", "", true, false, false, true, "cached_response"},
    {"no status + timeout", "", "", true, false, false, false, "client_timeout"},
    {"no status", "", "", false, false, false, false, "network_error"},
    {"no status + cancelled stream", "", "", false, true, true, false, "network_error"},
    {"200 + cancelled stream", "200", "", false, true, true, false, "stream_cancelled"},
    {"206 + cancelled", "206", "", false, true, false, false, "stream_cancelled"},
    {"200 + stream", "200", "", false, false, true, false, "success_stream"},
    {"200", "200", "", false, false, false, false, "success"},
    {"201", "201", "", false, false, false, false, "success"},
    {"429", "429", "", false, false, false, false, "rate_limited"},
    {"429 + timeout flag", "429", "", true, false, false, false, "rate_limited"},
    {"400", "400", "", false, false, false, false, "client_error"},
    {"404 + stream", "404", "", false, false, true, false, "client_error"},
    {"500", "500", "", false, false, false, false, "server_error"},
    {"503", "503", "", false, false, false, false, "server_error"},
    {"given not_sent", "", "not_sent", false, false, false, false, "not_sent"},
    {"given outcome beats status", "500", "success", false, false, false, false, "success"},
    {"seed-001 status timeout", "", "timeout", false, false, false, false, "client_timeout"},
    {"seed-001 status canceled", "200", "canceled", false, false, false, false, "stream_cancelled"},
    {"seed-001 status error", "", "error", false, false, false, false, "server_error"},
};

QString defaultTreatment(const QString &outcome)
{
    if (outcome == QLatin1String("success") || outcome == QLatin1String("success_stream"))
        return QStringLiteral("billable");
    if (outcome == QLatin1String("not_sent"))
        return QStringLiteral("non_billable");
    return QStringLiteral("unverified");
}

Attempt outcomeAttempt(const OutcomeCase &c)
{
    Attempt a("r1");
    a.status(c.status).outcome(c.outcome);
    if (c.timeout)
        a.timedOut();
    if (c.cancelled)
        a.cancelled();
    if (c.stream)
        a.streamed();
    if (c.cacheHit)
        a.cacheHit();
    return a;
}
} // namespace

void TestReconciler::outcomeClasses_data()
{
    QTest::addColumn<int>("caseIndex");
    QTest::addColumn<QString>("policy"); // treatment given by a policy row, "" = no policy row
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("treatment");
    const char *policies[] = {"", "billable", "unverified", "non_billable", "partial"};
    for (int i = 0; i < static_cast<int>(std::size(kOutcomeCases)); ++i) {
        const OutcomeCase &c = kOutcomeCases[i];
        for (const char *p : policies) {
            const QString expected = QString::fromLatin1(c.expected);
            const QString treatment = *p ? QString::fromLatin1(p) : defaultTreatment(expected);
            QTest::addRow("%s / %s", c.name, *p ? p : "default") << i << QString::fromLatin1(p) << expected << treatment;
        }
    }
}

void TestReconciler::outcomeClasses()
{
    QFETCH(int, caseIndex);
    QFETCH(QString, policy);
    QFETCH(QString, outcome);
    QFETCH(QString, treatment);
    Fixture fx;
    fx.client = {outcomeAttempt(kOutcomeCases[caseIndex])};
    // A policy row for another class must not change this one.
    fx.policy = {{outcome == QLatin1String("not_sent") ? "server_error" : "not_sent", "billable"}};
    if (!policy.isEmpty())
        fx.policy.push_back({outcome.toStdString(), policy.toStdString()});
    TLT_RUN(r, fx);
    QCOMPARE(QString::fromLatin1(r->lines.get("r1", 1, "outcome")), outcome);
    QCOMPARE(QString::fromLatin1(r->lines.get("r1", 1, "treatment")), treatment);
    QCOMPARE(r->byOutcome(outcome.toLatin1().constData()), 1);
    QCOMPARE(r->count("attempts"), 1);
    QCOMPARE(r->lines.get("r1", 1, "quarantine_reason"), QByteArray());
    // Tokens of an attempt that is not quarantined count whatever its treatment.
    QCOMPARE(r->tokens("input"), 1000);
    QCOMPARE(r->tokens("output"), 100);
    const bool billable = treatment == QLatin1String("billable") || treatment == QLatin1String("partial");
    const bool unverified = treatment == QLatin1String("unverified");
    QCOMPARE(r->cost("estimated_billable"), billable ? QString::fromLatin1(kCost) : QStringLiteral("0"));
    QCOMPARE(r->cost("estimated_unverified"), unverified ? QString::fromLatin1(kCost) : QStringLiteral("0"));
    QCOMPARE(r->byKey("k1").value(QLatin1String("estimated_cost")).toString(), billable ? QString::fromLatin1(kCost) : QStringLiteral("0"));
    QCOMPARE(r->byModel("m1").value(QLatin1String("estimated_cost")).toString(), billable ? QString::fromLatin1(kCost) : QStringLiteral("0"));
}

// Without tokens: a billable or partial token-billed attempt is quarantined missing_usage; an
// unverified or non_billable one is not: it adds no tokens and no cost.
void TestReconciler::outcomeWithoutTokens_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QString>("quarantine");
    QTest::newRow("success, default billable") << QStringLiteral("200") << QString() << QStringLiteral("missing_usage");
    QTest::newRow("success, partial") << QStringLiteral("200") << QStringLiteral("partial") << QStringLiteral("missing_usage");
    QTest::newRow("success, unverified") << QStringLiteral("200") << QStringLiteral("unverified") << QString();
    QTest::newRow("429, default unverified") << QStringLiteral("429") << QString() << QString();
    QTest::newRow("429, non_billable") << QStringLiteral("429") << QStringLiteral("non_billable") << QString();
    QTest::newRow("429, billable") << QStringLiteral("429") << QStringLiteral("billable") << QStringLiteral("missing_usage");
    QTest::newRow("500, partial") << QStringLiteral("500") << QStringLiteral("partial") << QStringLiteral("missing_usage");
}

void TestReconciler::outcomeWithoutTokens()
{
    QFETCH(QString, status);
    QFETCH(QString, policy);
    QFETCH(QString, quarantine);
    Fixture fx;
    // r0, a priced success_stream, is untouched by the policy rows below.
    fx.client = {Attempt("r1").status(status.toStdString()).noTokens(), Attempt("r0").streamed().at("2026-05-09T00:00:00Z")};
    if (!policy.isEmpty()) {
        const char *cls = status == QLatin1String("200") ? "success" : status == QLatin1String("429") ? "rate_limited" : "server_error";
        fx.policy = {{cls, policy.toStdString()}};
    }
    TLT_RUN(r, fx);
    QCOMPARE(QString::fromLatin1(r->lines.get("r1", 1, "quarantine_reason")), quarantine);
    QCOMPARE(r->lines.get("r1", 1, "cost"), QByteArray());
    QCOMPARE(r->quarantined("missing_usage"), quarantine.isEmpty() ? 0 : 1);
    QCOMPARE(r->tokens("input"), 1000); // only r0
    QCOMPARE(r->cost("estimated_billable"), QString::fromLatin1(kCost));
    QCOMPARE(r->cost("estimated_unverified"), QStringLiteral("0"));
    QCOMPARE(r->reasonLevel("missing_usage"), quarantine.isEmpty() ? QStringLiteral("none") : QStringLiteral("fail"));
}

// ---------------------------------------------------------------------------------------------
// [start_utc, end_utc): a row at start is in, a row at end is out; offsets are converted to UTC
// before the test; rows outside are counted as excluded_outside_period, not dropped. Provider
// days outside the period do not count either.
void TestReconciler::periodEdges()
{
    Fixture fx;
    fx.client = {
        Attempt("at-start").at("2026-05-01T00:00:00Z"),
        Attempt("before-start").at("2026-04-30T23:59:59Z"),
        Attempt("offset-before-start").at("2026-05-01T07:59:59+08:00"), // 2026-04-30T23:59:59Z
        Attempt("offset-inside").at("2026-06-01T06:29:56+08:00"),       // 2026-05-31T22:29:56Z
        Attempt("last-microsecond").at("2026-05-31T23:59:59.999999Z"),
        Attempt("at-end").at("2026-06-01T00:00:00Z"),
        Attempt("offset-at-end").at("2026-05-31T19:00:00-05:00"), // 2026-06-01T00:00:00Z
    };
    fx.finalQuota()
        .add("2026-04-30", "k1", "0.5", 2)
        .add("2026-05-01", "k1", kCost, 1)
        .add("2026-05-31", "k1", "0.0056", 2)
        .add("2026-06-01", "k1", "0.7", 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->count("attempts"), 3);
    QCOMPARE(r->count("excluded_outside_period"), 4);
    QCOMPARE(r->count("requests"), 3);
    QCOMPARE(static_cast<int>(r->lines.rows.size()), 3);
    QCOMPARE(r->lines.get("at-start", 1, "timestamp_utc"), QByteArray("2026-05-01T00:00:00Z"));
    QCOMPARE(r->lines.get("offset-inside", 1, "timestamp_utc"), QByteArray("2026-05-31T22:29:56Z"));
    QCOMPARE(r->lines.get("at-end", 1, "timestamp_utc"), QByteArray("<no such line>"));
    QCOMPARE(r->lines.get("offset-at-end", 1, "timestamp_utc"), QByteArray("<no such line>"));
    QCOMPARE(r->lines.get("offset-before-start", 1, "timestamp_utc"), QByteArray("<no such line>"));
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0.0084"));
    QCOMPARE(r->cost("provider_reported"), QStringLiteral("0.0084"));
    QCOMPARE(r->cost("variance"), QStringLiteral("0"));
    QCOMPARE(r->tokens("input"), 3000);
    const QByteArray exclusions = tl::ResultWriter::exclusionsCsv(r->res, r->set);
    QCOMPARE(exclusions.count("excluded_outside_period"), 4);
    QVERIFY(exclusions.contains("at-end,1,2026-06-01T00:00:00Z,k1,excluded_outside_period,client.csv,"));
    QCOMPARE(r->decision(), QStringLiteral("pass"));
}

// A second row with the same request_id and attempt is quarantined as duplicate.
void TestReconciler::duplicateAttemptIsQuarantined()
{
    Fixture fx;
    fx.client = {Attempt("r1"), Attempt("r1").at("2026-05-10T12:00:01Z"), Attempt("r1", 2).at("2026-05-10T12:00:02Z")};
    TLT_RUN(r, fx);
    QCOMPARE(r->count("attempts"), 3);
    QCOMPARE(r->count("requests"), 1);
    QCOMPARE(r->quarantined("duplicate"), 1);
    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("0.0056"));
    QCOMPARE(r->reasonLevel("duplicate"), QStringLiteral("warn"));
    QCOMPARE(r->reason("duplicate").value(QLatin1String("rows")).toInteger(), 1);
    int dupLines = 0;
    const int q = r->lines.col("quarantine_reason");
    for (const auto &row : r->lines.rows)
        dupLines += row.value(q) == "duplicate" ? 1 : 0;
    QCOMPARE(dupLines, 1);
}

// Finance lines stay separate rows: usage subtotal, credits, discounts and tax apart; credits,
// discounts and refunds negative (a credit written positive is stored negated); invoice_total
// the sum of all finance lines. Never spread into request-level costs.
void TestReconciler::financeRolledUpSeparately()
{
    Fixture fx;
    fx.client = {Attempt("r1")};
    fx.finance = {FinanceRow("usage", "10.00"), FinanceRow("credit", "2.00"), FinanceRow("discount", "-0.50"),
                  FinanceRow("tax", "1.20"), FinanceRow("refund", "-1"), FinanceRow("usage", "0.005")};
    TLT_RUN(r, fx);
    const QJsonObject f = r->summary.value(QLatin1String("finance")).toObject();
    QCOMPARE(f.value(QLatin1String("usage_subtotal")).toString(), QStringLiteral("10.005"));
    QCOMPARE(f.value(QLatin1String("credits")).toString(), QStringLiteral("-2"));
    QCOMPARE(f.value(QLatin1String("discounts")).toString(), QStringLiteral("-0.5"));
    QCOMPARE(f.value(QLatin1String("tax")).toString(), QStringLiteral("1.2"));
    QCOMPARE(f.value(QLatin1String("invoice_total")).toString(), QStringLiteral("7.705"));
    QCOMPARE(r->cost("estimated_billable"), QString::fromLatin1(kCost));
}

QTEST_GUILESS_MAIN(TestReconciler)
#include "tst_reconciler.moc"
