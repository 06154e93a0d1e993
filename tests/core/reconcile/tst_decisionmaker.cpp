// SPDX-License-Identifier: Apache-2.0
// Acceptance tests of the decision (reconciliation.md, "Decision"; seed 001 step 4): the
// variance thresholds exactly at their boundaries (to the smallest unit of the money type,
// 10^-18), explained vs unexplained variance, the percent threshold not applying when
// estimated_billable is 0, the evidence behind the snapshot and the policy, provisional
// provider data, and the order and codes of the reasons. End to end through the job API.
#include "reconcilefixture.h"

#include "core/reconcile/decisionmaker.h"

#include <QTest>

using namespace tlt;

class TestDecisionMaker : public QObject
{
    Q_OBJECT

private slots:
    void thresholds_data();
    void thresholds();
    void isMaterialDirect();
    void evidenceBehindTheSnapshot_data();
    void evidenceBehindTheSnapshot();
    void evidenceOverdue_data();
    void evidenceOverdue();
    void providerNotFinal_data();
    void providerNotFinal();
    void failOutranksWarn();
};

// ---------------------------------------------------------------------------------------------
// One client line of m1 (2 per 1M input tokens, output 0), one provider day with `requests`
// requests and `provider` dollars. With requests = 1 the difference is price_drift (explained);
// with requests = 2 and less money than the estimate nothing explains it (unexplained).
void TestDecisionMaker::thresholds_data()
{
    QTest::addColumn<QString>("percent");  // "" = default 1.0
    QTest::addColumn<QString>("absolute"); // "" = default 1.00
    QTest::addColumn<QString>("input");    // input tokens of the one client line[@input price] ("" = a 429 without tokens)
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("variance");
    QTest::addColumn<QString>("decision");
    QTest::addColumn<QString>("reason"); // the variance reason expected, "" = none
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    const QString none;
    // Absolute threshold 1.00 only (percent set out of reach); estimate 2.
    QTest::newRow("abs: explained exactly 1.00 is not material") << S("1000000") << S("1.00") << S("1000000") << S("3") << 1 << S("1") << S("pass") << none;
    QTest::newRow("abs: explained 1.00 + 1e-18 warns") << S("1000000") << S("1.00") << S("1000000") << S("3.000000000000000001") << 1
                                                       << S("1.000000000000000001") << S("warn") << S("explained_variance");
    // Estimate 2.000001 (input price 2.000001): the provider's amounts carry 6+ digits, so the
    // rounding tolerance (half a unit of the last published digit per request) stays tiny.
    QTest::newRow("abs: unexplained exactly -1.00 is not material") << S("1000000") << S("1.00") << S("1000000@2.000001") << S("1.000001") << 2
                                                                    << S("-1") << S("pass") << none;
    QTest::newRow("abs: unexplained -1.00 - 1e-18 fails") << S("1000000") << S("1.00") << S("1000000@2.000001") << S("1.000000999999999999") << 2
                                                         << S("-1.000000000000000001") << S("fail") << S("unexplained_variance");
    // Percent threshold 1 % of the estimate 2 = 0.02 (absolute set out of reach).
    QTest::newRow("pct: explained exactly 1 %") << S("1") << S("1000000") << S("1000000") << S("2.02") << 1 << S("0.02") << S("pass") << none;
    QTest::newRow("pct: explained 1 % + 1e-18") << S("1") << S("1000000") << S("1000000") << S("2.020000000000000001") << 1
                                               << S("0.020000000000000001") << S("warn") << S("explained_variance");
    QTest::newRow("pct: unexplained exactly -1 %") << S("1") << S("1000000") << S("1000000") << S("1.98") << 2 << S("-0.02") << S("pass") << none;
    QTest::newRow("pct: unexplained -1 % - 1e-18") << S("1") << S("1000000") << S("1000000") << S("1.979999999999999999") << 2
                                                  << S("-0.020000000000000001") << S("fail") << S("unexplained_variance");
    QTest::newRow("pct 0.5: exactly 0.01") << S("0.5") << S("1000000") << S("1000000") << S("2.01") << 1 << S("0.01") << S("pass") << none;
    QTest::newRow("pct 0.5: 0.01 + 1e-18") << S("0.5") << S("1000000") << S("1000000") << S("2.010000000000000001") << 1
                                          << S("0.010000000000000001") << S("warn") << S("explained_variance");
    // Defaults (1 %, 1.00): a variance is material when it exceeds either threshold.
    QTest::newRow("defaults, estimate 2: 1 % governs") << none << none << S("1000000") << S("2.02") << 1 << S("0.02") << S("pass") << none;
    QTest::newRow("defaults, estimate 2: 1 % + 1e-18") << none << none << S("1000000") << S("2.020000000000000001") << 1
                                                       << S("0.020000000000000001") << S("warn") << S("explained_variance");
    QTest::newRow("defaults, estimate 200: 1.00 governs") << none << none << S("100000000") << S("201") << 1 << S("1") << S("pass") << none;
    QTest::newRow("defaults, estimate 200: 1.00 + 1e-18") << none << none << S("100000000") << S("201.000000000000000001") << 1
                                                          << S("1.000000000000000001") << S("warn") << S("explained_variance");
    // estimated_billable = 0: only the absolute threshold applies (any amount would be an
    // infinite percentage). The provider charged the 429: unverified_outcome, explained.
    QTest::newRow("estimate 0: 0.5") << none << none << QString() << S("0.5") << 1 << S("0.5") << S("pass") << none;
    QTest::newRow("estimate 0: exactly 1.00") << none << none << QString() << S("1") << 1 << S("1") << S("pass") << none;
    QTest::newRow("estimate 0: 1.00 + 1e-18") << none << none << QString() << S("1.000000000000000001") << 1
                                              << S("1.000000000000000001") << S("warn") << S("explained_variance");
}

void TestDecisionMaker::thresholds()
{
    QFETCH(QString, percent);
    QFETCH(QString, absolute);
    QFETCH(QString, input);
    QFETCH(QString, provider);
    QFETCH(int, requests);
    QFETCH(QString, variance);
    QFETCH(QString, decision);
    QFETCH(QString, reason);
    const QString inPrice = input.contains(QLatin1Char('@')) ? input.section(QLatin1Char('@'), 1) : QStringLiteral("2");
    input = input.section(QLatin1Char('@'), 0, 0);
    Fixture fx;
    fx.prices = {Price("m1", inPrice.toStdString(), "0")};
    fx.client = {input.isEmpty() ? Attempt("r1").status("429").noTokens() : Attempt("r1").tokens(input.toStdString(), "0")};
    fx.finalQuota().add("2026-05-10", "k1", provider.toStdString(), requests);
    if (!percent.isEmpty())
        fx.controls.insert(QStringLiteral("variance_threshold_percent"), percent);
    if (!absolute.isEmpty())
        fx.controls.insert(QStringLiteral("variance_threshold_absolute"), absolute);
    TLT_RUN(r, fx);
    QCOMPARE(r->cost("variance"), variance);
    QCOMPARE(r->decision(), decision);
    QCOMPARE(r->reasonLevel("explained_variance"), reason == QLatin1String("explained_variance") ? QStringLiteral("warn") : QStringLiteral("none"));
    QCOMPARE(r->reasonLevel("unexplained_variance"), reason == QLatin1String("unexplained_variance") ? QStringLiteral("fail") : QStringLiteral("none"));
    if (reason.isEmpty())
        QCOMPARE(r->reasonCodes(), QString());
    if (QByteArray(QTest::currentDataTag()).contains("unexplained"))
        QCOMPARE(r->category("unexplained"), variance);
}

// The same boundaries on DecisionMaker::isMaterial directly.
void TestDecisionMaker::isMaterialDirect()
{
    using tl::Decimal;
    tl::JobControls k; // defaults: 1 % and 1.00
    const Decimal e2 = Decimal::fromInt(2);
    QVERIFY(!tl::DecisionMaker::isMaterial(Decimal::fromString("0.02"), e2, k));
    QVERIFY(!tl::DecisionMaker::isMaterial(Decimal::fromString("-0.02"), e2, k));
    QVERIFY(tl::DecisionMaker::isMaterial(Decimal::fromString("0.020000000000000001"), e2, k));
    QVERIFY(tl::DecisionMaker::isMaterial(Decimal::fromString("-0.020000000000000001"), e2, k));
    QVERIFY(!tl::DecisionMaker::isMaterial(Decimal::fromString("1"), Decimal(), k));
    QVERIFY(tl::DecisionMaker::isMaterial(Decimal::fromString("1.000000000000000001"), Decimal(), k));
    QVERIFY(!tl::DecisionMaker::isMaterial(Decimal::fromString("0.000000000000000001"), Decimal(), k));
    QVERIFY(!tl::DecisionMaker::isMaterial(Decimal(), Decimal(), k));
}

// ---------------------------------------------------------------------------------------------
// The evidence behind the snapshot: missing, not in the register or not verified → fail
// (unverified_pricing) while fail_on_unverified_pricing is on, warn when off.
void TestDecisionMaker::evidenceBehindTheSnapshot_data()
{
    QTest::addColumn<QString>("priceEvidence");
    QTest::addColumn<QString>("registerStatus"); // status of EV-PRICE in the register, "" = not in it
    QTest::addColumn<QString>("control");
    QTest::addColumn<QString>("decision");
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    QTest::newRow("verified") << S("EV-PRICE") << S("verified") << QString() << S("pass");
    QTest::newRow("no evidence_id") << S("") << S("verified") << QString() << S("fail");
    QTest::newRow("not in the register") << S("EV-PRICE") << S("") << QString() << S("fail");
    QTest::newRow("unverified") << S("EV-PRICE") << S("unverified") << QString() << S("fail");
    QTest::newRow("superseded") << S("EV-PRICE") << S("superseded") << QString() << S("fail");
    QTest::newRow("unverified, control on") << S("EV-PRICE") << S("unverified") << S("true") << S("fail");
    QTest::newRow("unverified, control off") << S("EV-PRICE") << S("unverified") << S("false") << S("warn");
    QTest::newRow("no evidence_id, control off") << S("") << S("verified") << S("false") << S("warn");
}

void TestDecisionMaker::evidenceBehindTheSnapshot()
{
    QFETCH(QString, priceEvidence);
    QFETCH(QString, registerStatus);
    QFETCH(QString, control);
    QFETCH(QString, decision);
    Fixture fx;
    fx.prices = {Price("m1", "2", "8").evidence(priceEvidence.toStdString()),
                 // A snapshot no attempt uses does not decide anything (reading: the rule is about
                 // the snapshot behind the priced attempts).
                 Price("m-unused", "1", "1").snapshot("snap-unused").evidence("")};
    fx.evidence = {Evidence("EV-OTHER")};
    if (!registerStatus.isEmpty())
        fx.evidence.push_back(Evidence("EV-PRICE", registerStatus.toStdString()));
    if (!control.isEmpty())
        fx.controls.insert(QStringLiteral("fail_on_unverified_pricing"), control == QLatin1String("true"));
    fx.client = {Attempt("r1")};
    fx.finalQuota().add("2026-05-10", "k1", "0.0028", 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->decision(), decision);
    if (decision == QLatin1String("pass")) {
        QCOMPARE(r->reasonCodes(), QString());
    } else {
        QCOMPARE(r->reasonLevel("unverified_pricing"), decision);
        QVERIFY2(r->reason("unverified_pricing").value(QLatin1String("detail")).toString().contains(QLatin1String("snap")), qPrintable(r->reasonCodes()));
        QVERIFY2(!r->reason("unverified_pricing").value(QLatin1String("detail")).toString().contains(QLatin1String("snap-unused")), qPrintable(r->reasonCodes()));
    }
}

// An evidence entry behind the snapshot or the policy whose review date is before as_of
// (default: the period end) → warn evidence_overdue. A review date on as_of is not before it.
void TestDecisionMaker::evidenceOverdue_data()
{
    QTest::addColumn<QString>("priceReview");
    QTest::addColumn<QString>("policyReview"); // "" = no policy evidence
    QTest::addColumn<QString>("asOf");         // "" = default
    QTest::addColumn<QString>("decision");
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    QTest::newRow("review after the period") << S("2026-08-01") << S("") << S("") << S("pass");
    QTest::newRow("review on as_of (period end)") << S("2026-06-01") << S("") << S("") << S("pass");
    QTest::newRow("review the day before as_of") << S("2026-05-31") << S("") << S("") << S("warn");
    QTest::newRow("as_of later than the review") << S("2026-06-15") << S("") << S("2026-07-01T00:00:00Z") << S("warn");
    QTest::newRow("as_of earlier than the period end") << S("2026-05-20") << S("") << S("2026-05-15T00:00:00Z") << S("pass");
    QTest::newRow("policy evidence overdue") << S("2026-08-01") << S("2026-05-01") << S("") << S("warn");
    QTest::newRow("policy evidence current") << S("2026-08-01") << S("2026-08-01") << S("") << S("pass");
}

void TestDecisionMaker::evidenceOverdue()
{
    QFETCH(QString, priceReview);
    QFETCH(QString, policyReview);
    QFETCH(QString, asOf);
    QFETCH(QString, decision);
    Fixture fx;
    fx.evidence = {Evidence("EV-PRICE", "verified", priceReview.toStdString()),
                   Evidence("EV-UNRELATED", "verified", "2020-01-01")}; // overdue, but behind nothing
    if (!policyReview.isEmpty()) {
        fx.evidence.push_back(Evidence("EV-POLICY", "verified", policyReview.toStdString()));
        fx.policy = {{"success", "billable"}};
        fx.policyEvidence = "EV-POLICY";
    }
    if (!asOf.isEmpty())
        fx.controls.insert(QStringLiteral("as_of"), asOf);
    fx.client = {Attempt("r1")};
    fx.finalQuota().add("2026-05-10", "k1", "0.0028", 1);
    TLT_RUN(r, fx);
    QCOMPARE(r->decision(), decision);
    QCOMPARE(r->reasonLevel("evidence_overdue"), decision == QLatin1String("warn") ? QStringLiteral("warn") : QStringLiteral("none"));
    if (decision == QLatin1String("warn"))
        QVERIFY(!r->reason("evidence_overdue").value(QLatin1String("detail")).toString().contains(QLatin1String("EV-UNRELATED")));
}

// ---------------------------------------------------------------------------------------------
// Provider data observed less than posting_window_hours after the period end → provisional,
// warn provider_not_final; exactly the window after is final.
void TestDecisionMaker::providerNotFinal_data()
{
    QTest::addColumn<QString>("observedAt"); // "" = not given
    QTest::addColumn<QString>("window");     // "" = default 48
    QTest::addColumn<bool>("provisional");
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    QTest::newRow("exactly 48 h after") << S("2026-06-03T00:00:00Z") << S("") << false;
    QTest::newRow("1 s short of 48 h") << S("2026-06-02T23:59:59Z") << S("") << true;
    QTest::newRow("offset: 48 h after") << S("2026-06-03T08:00:00+08:00") << S("") << false;
    QTest::newRow("window 24: 24 h after") << S("2026-06-02T00:00:00Z") << S("24") << false;
    QTest::newRow("window 24: 23 h after") << S("2026-06-01T23:00:00Z") << S("24") << true;
    QTest::newRow("window 0: at the end") << S("2026-06-01T00:00:00Z") << S("0") << false;
    QTest::newRow("observed_at unknown") << S("") << S("") << true;
}

void TestDecisionMaker::providerNotFinal()
{
    QFETCH(QString, observedAt);
    QFETCH(QString, window);
    QFETCH(bool, provisional);
    Fixture fx;
    fx.client = {Attempt("r1")};
    Quota q;
    q.observedAt = observedAt.toStdString();
    q.add("2026-05-10", "k1", "0.0028", 1);
    fx.quotas = {q};
    if (!window.isEmpty())
        fx.controls.insert(QStringLiteral("posting_window_hours"), window.toInt());
    TLT_RUN(r, fx);
    QCOMPARE(r->summary.value(QLatin1String("provisional")).toBool(), provisional);
    QCOMPARE(r->reasonLevel("provider_not_final"), provisional ? QStringLiteral("warn") : QStringLiteral("none"));
    QCOMPARE(r->decision(), provisional ? QStringLiteral("warn") : QStringLiteral("pass"));
    if (!observedAt.isEmpty())
        QCOMPARE(r->summary.value(QLatin1String("observed_at")).toString().left(10), observedAt.left(10));
}

// The most severe reason decides; every reason is listed, most severe first, each with its code.
void TestDecisionMaker::failOutranksWarn()
{
    Fixture fx;
    fx.evidence = {Evidence("EV-PRICE", "verified", "2026-05-01")};
    fx.client = {Attempt("r1"), Attempt("r2").model("fake"), Attempt("r1").at("2026-05-10T12:00:01Z")};
    TLT_RUN(r, fx);
    QCOMPARE(r->decision(), QStringLiteral("fail"));
    QCOMPARE(r->reasonCodes(), QStringLiteral("unknown_model:fail duplicate:warn evidence_overdue:warn no_provider_data:warn"));
}

QTEST_GUILESS_MAIN(TestDecisionMaker)
#include "tst_decisionmaker.moc"
