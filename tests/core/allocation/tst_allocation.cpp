// SPDX-License-Identifier: Apache-2.0
// Acceptance tests of core/allocation (issue #9): exact shared splits with the remainder to the
// first group, the unmapped bucket, owner columns adding up to summary.cost exactly, budgets
// and projections as of the newest data, retry amplification, unit costs, every alert rule
// firing and not firing, the LiteLLM guardrail export (and its command), and byte-identical
// reruns. End to end through tl::Job, tl::JobRunner, tl::Reconciler and tl::ResultWriter.
#include "../reconcile/reconcilefixture.h"

#include "core/allocation/allocationreporttables.h"
#include "core/allocation/guardrailexporter.h"
#include "core/allocation/sharesplitter.h"

#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QTest>

using namespace tlt;
using tl::Decimal;

namespace {

Decimal D(const char *s)
{
    return Decimal::fromString(s);
}

/** One owners.csv row (formats.md §7). */
struct Owner
{
    std::string key, group, workload, rule = "direct", budget, ips, currency = "USD";
};

QByteArray ownersCsv(const std::vector<Owner> &rows)
{
    std::vector<CsvRow> out;
    for (const Owner &o : rows) {
        CsvRow r;
        r.v = {{"api_key_name", o.key}, {"owner_group", o.group}, {"environment", "prod"}, {"workload", o.workload},
               {"cost_center", "CC-" + o.group}, {"allocation_rule", o.rule}, {"monthly_budget", o.budget},
               {"currency", o.currency}, {"allowed_ips", o.ips}};
        out.push_back(r);
    }
    return csv({"api_key_name", "owner_group", "environment", "workload", "cost_center", "allocation_rule", "monthly_budget", "currency",
                "allowed_ips"},
               out);
}

/** A fixture with a per-call model `pc` at 1.5 besides m1 (0.0028 for 1000 in / 100 out). */
void perCallModel(Fixture &f)
{
    f.prices.push_back(Price::perCall("pc", "1.5"));
    f.mappings.push_back(Mapping("pc", "pc"));
}

void addOwners(Fixture &f, const std::vector<Owner> &rows)
{
    f.rawInputs.push_back({"owners", "owners_csv", "owners.csv", ownersCsv(rows), ""});
}

QJsonArray list(const Run &r, const char *name)
{
    return r.summary.value(QLatin1String(name)).toArray();
}

QJsonObject owner(const Run &r, const char *group)
{
    return r.entry("by_owner", "owner_group", QString::fromUtf8(group));
}

QJsonObject budgetOf(const Run &r, const char *key)
{
    return r.entry("budgets", "api_key_name", QString::fromUtf8(key));
}

QString str(const QJsonObject &o, const char *field)
{
    const QJsonValue v = o.value(QLatin1String(field));
    return v.isNull() ? QStringLiteral("null") : v.isString() ? v.toString() : QString::number(v.toInteger());
}

/** Alerts with this code, as "subject|basis|date|rows". */
QStringList alerts(const Run &r, const char *code)
{
    QStringList out;
    for (const QJsonValue &v : list(r, "alerts")) {
        const QJsonObject a = v.toObject();
        if (a.value(QLatin1String("code")).toString() == QLatin1String(code))
            out << QStringLiteral("%1|%2|%3|%4")
                       .arg(a.value(QLatin1String("subject")).toString(), a.value(QLatin1String("basis")).toString(), str(a, "date"))
                       .arg(a.value(QLatin1String("rows")).toInteger());
    }
    return out;
}

QString allAlerts(const Run &r)
{
    QStringList out;
    for (const QJsonValue &v : list(r, "alerts"))
        out << v.toObject().value(QLatin1String("code")).toString() + QLatin1Char(':') + v.toObject().value(QLatin1String("subject")).toString();
    return out.join(QStringLiteral("; "));
}

std::string day(int d, const char *time = "12:00:00")
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "2026-05-%02dT%sZ", d, time);
    return buf;
}

} // namespace

class TestAllocation : public QObject
{
    Q_OBJECT

private slots:
    void splitExact();
    void ownersAddUpExactly();
    void projections_data();
    void projections();
    void projectionAsOf();
    void retryAmplification();
    void unitCosts();
    void volumeSpike_data();
    void volumeSpike();
    void varianceGrowing_data();
    void varianceGrowing();
    void unknownBehaviour();
    void ipOutsideAllowlist_data();
    void ipOutsideAllowlist();
    void alertControlsAreChecked();
    void guardrails();
    void guardrailsCommand();
    void rerunIsByteIdentical();
    void reportTables();
};

// --- Shared splits ------------------------------------------------------------------------------

void TestAllocation::splitExact()
{
    using tl::ShareSplitter;
    auto parts = [](const std::vector<Decimal> &v) {
        QStringList s;
        for (const Decimal &d : v)
            s << d.toString();
        return s.join(QLatin1Char(' '));
    };
    // Thirds of 1: each rounded down to 10^-18, the lost 10^-18 to the first group.
    QCOMPARE(parts(ShareSplitter::split(D("1"), {D("1"), D("1"), D("1")})),
             QStringLiteral("0.333333333333333334 0.333333333333333333 0.333333333333333333"));
    // The smallest unit: 10 × 10^-18 in three: 3, 3, 3 and the remainder 1 to the first.
    QCOMPARE(parts(ShareSplitter::split(D("0.00000000000000001"), {D("1"), D("1"), D("1")})),
             QStringLiteral("0.000000000000000004 0.000000000000000003 0.000000000000000003"));
    // Weights need not add up to 1; 50/30/20 splits evenly.
    QCOMPARE(parts(ShareSplitter::split(D("63.48502916"), {D("0.5"), D("0.3"), D("0.2")})),
             QStringLiteral("31.74251458 19.045508748 12.697005832"));
    QCOMPARE(parts(ShareSplitter::split(D("100"), {D("2"), D("1")})), QStringLiteral("66.666666666666666667 33.333333333333333333"));
    // Negative amounts round toward zero, the remainder (negative) to the first.
    QCOMPARE(parts(ShareSplitter::split(D("-1"), {D("1"), D("1"), D("1")})),
             QStringLiteral("-0.333333333333333334 -0.333333333333333333 -0.333333333333333333"));
    // Large amounts keep every digit (the product needs more than 128 bits).
    const std::vector<Decimal> big = ShareSplitter::split(D("99999999999999999999.999999999999999999"), {D("1"), D("2"), D("4")});
    QCOMPARE(parts(big), QStringLiteral("14285714285714285714.285714285714285715 28571428571428571428.571428571428571428 "
                                        "57142857142857142857.142857142857142856"));
    Decimal sum;
    for (const Decimal &d : big)
        sum += d;
    QCOMPARE(sum, D("99999999999999999999.999999999999999999"));
    // Counts: integer parts, the remainder to the first.
    const std::vector<std::int64_t> n = ShareSplitter::split(std::int64_t(10), {D("1"), D("1"), D("1")});
    QCOMPARE(n, (std::vector<std::int64_t>{4, 3, 3}));
    QCOMPARE(ShareSplitter::split(std::int64_t(2), {D("2"), D("1")}), (std::vector<std::int64_t>{2, 0}));
    QVERIFY(ShareSplitter::split(D("5"), {}).empty());
}

// k1: team-a direct; k2: shared team-a=2;team-b=1 (owner_group platform gets nothing); k3: no
// owners row (unmapped); k4: an owners row without traffic. All amounts exact.
void TestAllocation::ownersAddUpExactly()
{
    Fixture f;
    perCallModel(f);
    f.client = {Attempt("r1").key("k1").model("pc").at(day(2)), Attempt("r2").key("k1").model("pc").at(day(3)),
                Attempt("r3").key("k2").at(day(2)), Attempt("r4").key("k2").model("pc").at(day(3)),
                Attempt("r5").key("k3").model("pc").at(day(4))};
    addOwners(f, {{"k1", "team-a", "wa", "direct", "100"},
                  {"k2", "platform", "wp", "shared:team-a=2;team-b=1", "30"},
                  {"k4", "team-c", "wc", "direct", "7"}});
    Quota &q = f.finalQuota();
    q.add("2026-05-02", "k1", "1.5", 1).add("2026-05-03", "k1", "1.5", 1).add("2026-05-02", "k2", "0.1", 1);
    q.add("2026-05-03", "k2", "1.5", 1).add("2026-05-04", "k3", "1.5", 1);
    TLT_RUN(r, f);

    QCOMPARE(r->cost("estimated_billable"), QStringLiteral("6.0028"));
    const QJsonObject a = owner(*r, "team-a"), b = owner(*r, "team-b"), c = owner(*r, "team-c"), u = owner(*r, "(unmapped)");
    QVERIFY2(!a.isEmpty() && !b.isEmpty() && !c.isEmpty() && !u.isEmpty(), r->summaryBytes.constData());
    QVERIFY(owner(*r, "platform").isEmpty()); // the shared key's cost goes to its rule's groups
    // k2 = 1.5028 split 2:1: 1.001866666666666666|6… and 0.500933333333333333|3…, the lost 10^-18 to team-a.
    QCOMPARE(str(a, "estimated_cost"), QStringLiteral("4.001866666666666667"));
    QCOMPARE(str(b, "estimated_cost"), QStringLiteral("0.500933333333333333"));
    QCOMPARE(str(c, "estimated_cost"), QStringLiteral("0"));
    QCOMPARE(str(u, "estimated_cost"), QStringLiteral("1.5"));
    Decimal sum;
    for (const QJsonValue &v : list(*r, "by_owner"))
        sum += Decimal::fromString(v.toObject().value(QLatin1String("estimated_cost")).toString().toStdString());
    QCOMPARE(sum.toString(), r->cost("estimated_billable"));
    // Provider figures split the same way: k2 1.6 → 1.066666666666666667 + 0.533333333333333333.
    QCOMPARE(str(a, "provider_reported"), QStringLiteral("4.066666666666666667"));
    QCOMPARE(str(b, "provider_reported"), QStringLiteral("0.533333333333333333"));
    QCOMPARE(str(u, "provider_reported"), QStringLiteral("1.5"));
    // Attempts: k2's 2 split 2:1 → 1 and 0, the remainder 1 to team-a.
    QCOMPARE(a.value(QLatin1String("attempts")).toInteger(), qint64(4));
    QCOMPARE(b.value(QLatin1String("attempts")).toInteger(), qint64(0));
    QCOMPARE(u.value(QLatin1String("attempts")).toInteger(), qint64(1));
    // Budgets: the sum of the keys' budgets, a shared key's split by its weights.
    QCOMPARE(str(a, "budget"), QStringLiteral("120"));
    QCOMPARE(str(b, "budget"), QStringLiteral("10"));
    QCOMPARE(str(c, "budget"), QStringLiteral("7"));
    QCOMPARE(str(u, "budget"), QStringLiteral("null"));
    QCOMPARE(u.value(QLatin1String("keys_without_budget")).toInteger(), qint64(1));
    QCOMPARE(a.value(QLatin1String("keys")).toArray(), QJsonArray({QStringLiteral("k1"), QStringLiteral("k2")}));
    QCOMPARE(u.value(QLatin1String("unmapped")).toBool(), true);
    // The unmapped bucket is last.
    QCOMPARE(list(*r, "by_owner").last().toObject().value(QLatin1String("owner_group")).toString(), QStringLiteral("(unmapped)"));
    // Per key: the shares as written.
    const QJsonArray shares = budgetOf(*r, "k2").value(QLatin1String("allocation")).toArray();
    QCOMPARE(shares.size(), 2);
    QCOMPARE(shares[0].toObject().value(QLatin1String("owner_group")).toString(), QStringLiteral("team-a"));
    QCOMPARE(shares[0].toObject().value(QLatin1String("weight")).toString(), QStringLiteral("2"));
    QCOMPARE(str(budgetOf(*r, "k3"), "owner_group"), QStringLiteral("null"));
}

// --- Budgets and burn -------------------------------------------------------------------------------

// k1: four calls of pc (1.5) on May 1, 3, 5 and 10: spend 6 as of 2026-05-10T12:00Z, 10 of 31 days.
void TestAllocation::projections_data()
{
    QTest::addColumn<QString>("budget");
    QTest::addColumn<QString>("days");   // days_until_budget_exhausted
    QTest::addColumn<QString>("alert");  // the budget alert, "" none
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    QTest::newRow("budget 10: projected 18.6 overruns in 6 days") << S("10") << S("6") << S("budget_projected_overrun");
    QTest::newRow("budget 5: already exceeded") << S("5") << S("0") << S("budget_exceeded");
    QTest::newRow("budget 18.6: projected equals it, not above") << S("18.6") << S("21") << QString();
    QTest::newRow("budget 20: within") << S("20") << S("23") << QString();
    QTest::newRow("no budget") << QString() << S("null") << QString();
}

void TestAllocation::projections()
{
    QFETCH(QString, budget);
    QFETCH(QString, days);
    QFETCH(QString, alert);
    Fixture f;
    perCallModel(f);
    for (int d : {1, 3, 5, 10})
        f.client.push_back(Attempt("r" + std::to_string(d)).key("k1").model("pc").at(day(d)));
    addOwners(f, {{"k1", "team-a", "wa", "direct", budget.toStdString()}});
    TLT_RUN(r, f);
    const QJsonObject p = r->summary.value(QLatin1String("budget_projection")).toObject();
    QCOMPARE(str(p, "as_of"), QStringLiteral("2026-05-10T12:00:00Z"));
    QCOMPARE(p.value(QLatin1String("days_elapsed")).toInteger(), qint64(10));
    QCOMPARE(p.value(QLatin1String("days_in_period")).toInteger(), qint64(31));
    for (const QJsonObject &o : {budgetOf(*r, "k1"), owner(*r, "team-a")}) {
        QCOMPARE(str(o, "spend_to_date"), QStringLiteral("6"));
        QCOMPARE(str(o, "daily_burn"), QStringLiteral("0.6"));
        QCOMPARE(str(o, "projected_month_end"), QStringLiteral("18.6"));
        QCOMPARE(str(o, "budget"), budget.isEmpty() ? QStringLiteral("null") : QString(Decimal::fromString(budget.toStdString()).toString()));
        QCOMPARE(str(o, "days_until_budget_exhausted"), days);
    }
    const QStringList exceeded = alerts(*r, "budget_exceeded"), projected = alerts(*r, "budget_projected_overrun");
    if (alert.isEmpty()) {
        QVERIFY2(exceeded.isEmpty() && projected.isEmpty(), qPrintable(allAlerts(*r)));
    } else if (alert == QLatin1String("budget_exceeded")) {
        QCOMPARE(exceeded, QStringList{QStringLiteral("k1|client|null|4")});
        QVERIFY(projected.isEmpty());
    } else {
        QCOMPARE(projected, QStringList{QStringLiteral("k1|client|null|4")});
        QVERIFY(exceeded.isEmpty());
    }
    // A group of one key does not repeat the key's alert.
    QVERIFY(!allAlerts(*r).contains(QLatin1String("team-a")));
}

// The job's as_of inside the period: the newest data before it, and the spend up to it.
void TestAllocation::projectionAsOf()
{
    Fixture f;
    perCallModel(f);
    for (int d : {1, 3, 5, 10})
        f.client.push_back(Attempt("r" + std::to_string(d)).key("k1").model("pc").at(day(d)));
    addOwners(f, {{"k1", "team-a", "wa", "direct", "100"}});
    f.controls.insert(QStringLiteral("as_of"), QStringLiteral("2026-05-06T00:00:00Z"));
    TLT_RUN(r, f);
    const QJsonObject p = r->summary.value(QLatin1String("budget_projection")).toObject();
    QCOMPARE(str(p, "as_of"), QStringLiteral("2026-05-05T12:00:00Z"));
    QCOMPARE(p.value(QLatin1String("days_elapsed")).toInteger(), qint64(5));
    const QJsonObject k = budgetOf(*r, "k1");
    QCOMPARE(str(k, "estimated_cost"), QStringLiteral("6")); // the period's figure is unchanged
    QCOMPARE(str(k, "spend_to_date"), QStringLiteral("4.5"));
    QCOMPARE(str(k, "daily_burn"), QStringLiteral("0.9"));
    QCOMPARE(str(k, "projected_month_end"), QStringLiteral("27.9"));
    QCOMPARE(str(k, "days_until_budget_exhausted"), QStringLiteral("106")); // ⌊95.5 × 5 / 4.5⌋
}

// --- Retries per business transaction and per attempt -------------------------------------------------

void TestAllocation::retryAmplification()
{
    Fixture f;
    f.client = {Attempt("r1", 1).key("k1").status("429").noTokens(), Attempt("r1", 2).key("k1").at("2026-05-10T12:00:05Z"),
                Attempt("r2", 1).key("k1"), Attempt("r3", 1).key("k1").status("503").noTokens(),
                Attempt("r3", 2).key("k1").role("fallback").at("2026-05-10T12:00:09Z"), Attempt("r9", 1).key("k9")};
    addOwners(f, {{"k1", "team-a", "support", "direct", ""}});
    TLT_RUN(r, f);
    const QJsonObject s = r->entry("retry_amplification", "workload", QStringLiteral("support"));
    QVERIFY2(!s.isEmpty(), r->summaryBytes.constData());
    QCOMPARE(s.value(QLatin1String("requests")).toInteger(), qint64(3));
    QCOMPARE(s.value(QLatin1String("attempts")).toInteger(), qint64(5));
    QCOMPARE(s.value(QLatin1String("first_attempts")).toInteger(), qint64(3));
    QCOMPARE(s.value(QLatin1String("retries")).toInteger(), qint64(2));
    QCOMPARE(s.value(QLatin1String("fallbacks")).toInteger(), qint64(1));
    QCOMPARE(s.value(QLatin1String("requests_with_retries")).toInteger(), qint64(2));
    QCOMPARE(str(s, "attempts_per_request"), QStringLiteral("1.666666666666666667"));
    QCOMPARE(str(s, "estimated_cost"), QStringLiteral("0.0084"));
    QCOMPARE(str(s, "retry_estimated_cost"), QStringLiteral("0.0056"));
    QCOMPARE(str(s, "cost_per_request"), QStringLiteral("0.0028"));
    QCOMPARE(str(s, "cost_per_attempt"), QStringLiteral("0.00168"));
    const QJsonObject u = r->entry("retry_amplification", "workload", QStringLiteral("(unmapped)"));
    QCOMPARE(u.value(QLatin1String("requests")).toInteger(), qint64(1));
    QCOMPARE(u.value(QLatin1String("keys")).toArray(), QJsonArray({QStringLiteral("k9")}));
}

// --- Unit economics ------------------------------------------------------------------------------

void TestAllocation::unitCosts()
{
    Fixture f;
    perCallModel(f);
    f.client = {Attempt("r1").key("k1").model("pc").at(day(1)), Attempt("r2").key("k1").model("pc").at(day(1, "23:59:59")),
                Attempt("r3").key("k1").model("pc").at(day(2)), Attempt("r4").key("k1").model("pc").at(day(3)),
                Attempt("r5").key("k2").model("pc").at(day(1))};
    addOwners(f, {{"k1", "team-a", "support", "direct", "100"}, {"k2", "team-b", "search", "direct", "100"}});
    f.rawInputs.push_back({"units", "business_units_csv", "units.csv",
                           "date,workload,unit_name,count\n2026-05-01,support,tickets,4\n2026-05-02,support,tickets,0\n"
                           "2026-05-01,nobody,tickets,3\n2026-05-01,,requests_served,3\n2026-04-30,support,tickets,9\n",
                           ""});
    TLT_RUN(r, f);
    auto find = [&](const char *workload, const char *unit, const char *date) {
        for (const QJsonValue &v : list(*r, "unit_costs")) {
            const QJsonObject o = v.toObject();
            if (str(o, "workload") == QLatin1String(workload) && str(o, "unit_name") == QLatin1String(unit) && str(o, "date") == QLatin1String(date))
                return o;
        }
        return QJsonObject();
    };
    const QJsonObject d1 = find("support", "tickets", "2026-05-01");
    QVERIFY2(!d1.isEmpty(), r->summaryBytes.constData());
    QCOMPARE(str(d1, "numerator"), QStringLiteral("3"));
    QCOMPARE(str(d1, "denominator"), QStringLiteral("4"));
    QCOMPARE(str(d1, "unit_cost"), QStringLiteral("0.75"));
    QCOMPARE(str(d1, "cadence"), QStringLiteral("daily"));
    QCOMPARE(str(d1, "denominator_source"), QStringLiteral("units.csv line 2"));
    QVERIFY(str(d1, "numerator_source").contains(QLatin1String("workload 'support' in owners.csv")));
    QCOMPARE(d1.value(QLatin1String("keys")).toArray(), QJsonArray({QStringLiteral("k1")}));
    const QJsonObject d2 = find("support", "tickets", "2026-05-02");
    QCOMPARE(str(d2, "numerator"), QStringLiteral("1.5"));
    QCOMPARE(str(d2, "unit_cost"), QStringLiteral("null")); // a count of 0: unknown, not 0
    const QJsonObject period = find("support", "tickets", "null");
    QCOMPARE(str(period, "cadence"), QStringLiteral("period"));
    QCOMPARE(str(period, "days"), QStringLiteral("2"));
    QCOMPARE(str(period, "numerator"), QStringLiteral("4.5"));
    QCOMPARE(str(period, "denominator"), QStringLiteral("4"));
    QCOMPARE(str(period, "unit_cost"), QStringLiteral("1.125"));
    QCOMPARE(str(period, "cost_on_days_without_units"), QStringLiteral("1.5")); // May 3
    // No key has the workload: the numerator is unknown, never 0.
    const QJsonObject nobody = find("nobody", "tickets", "2026-05-01");
    QCOMPARE(str(nobody, "numerator"), QStringLiteral("null"));
    QCOMPARE(str(nobody, "unit_cost"), QStringLiteral("null"));
    // Without a workload: the whole account (k1 3 + k2 1.5).
    const QJsonObject all = find("null", "requests_served", "2026-05-01");
    QCOMPARE(str(all, "numerator"), QStringLiteral("4.5"));
    QCOMPARE(str(all, "unit_cost"), QStringLiteral("1.5"));
    // A count dated outside the period is not used.
    QVERIFY(find("support", "tickets", "2026-04-30").isEmpty());
}

// --- Alerts ----------------------------------------------------------------------------------------

// k1 sends 10 attempts a day on May 1-8, then `spike` on May 9. The baseline of May 9 is the 7
// days before (70 attempts): above 3 × the mean means more than 30.
void TestAllocation::volumeSpike_data()
{
    QTest::addColumn<int>("spike");
    QTest::addColumn<int>("minCount"); // alert_spike_min_count, 0 = default 50
    QTest::addColumn<bool>("fires");
    QTest::newRow("31 > 3 x 10") << 31 << 1 << true;
    QTest::newRow("30 = 3 x 10 is not above") << 30 << 1 << false;
    QTest::newRow("31 but fewer than the default minimum of 50") << 31 << 0 << false;
    QTest::newRow("60 with the default minimum") << 60 << 0 << true;
}

void TestAllocation::volumeSpike()
{
    QFETCH(int, spike);
    QFETCH(int, minCount);
    QFETCH(bool, fires);
    Fixture f;
    int n = 0;
    for (int d = 1; d <= 9; ++d)
        for (int i = 0; i < (d == 9 ? spike : 10); ++i)
            f.client.push_back(Attempt("r" + std::to_string(++n)).key("k1").at(day(d)));
    if (minCount > 0)
        f.controls.insert(QStringLiteral("alert_spike_min_count"), minCount);
    TLT_RUN(r, f);
    const QStringList got = alerts(*r, "volume_spike");
    if (fires)
        QCOMPARE(got, QStringList{QStringLiteral("k1|client|2026-05-09|%1").arg(spike)});
    else
        QVERIFY2(got.isEmpty(), qPrintable(got.join(QLatin1Char(' '))));
}

// One call of pc (1.5) on May 5 and on May 25. The first observation (May 20) has May 5 settled;
// the final one (June 5) has both days, May 25 charged `may25`.
void TestAllocation::varianceGrowing_data()
{
    QTest::addColumn<QString>("may25");
    QTest::addColumn<QString>("percent"); // alert_variance_growth_percent, "" = the decision's 1
    QTest::addColumn<bool>("fires");
    auto S = [](const char *s) { return QString::fromLatin1(s); };
    QTest::newRow("grows by 2 > 1.00") << S("3.5") << QString() << true;
    QTest::newRow("grows by 0.4: below 1.00, above 1% of 3") << S("1.9") << QString() << true;
    QTest::newRow("grows by 0.4: below 1.00 and 100% of 3") << S("1.9") << S("100") << false;
    QTest::newRow("does not grow") << S("1.5") << QString() << false;
}

void TestAllocation::varianceGrowing()
{
    QFETCH(QString, may25);
    QFETCH(QString, percent);
    QFETCH(bool, fires);
    Fixture f;
    perCallModel(f);
    f.client = {Attempt("r1").key("k1").model("pc").at(day(5)), Attempt("r2").key("k1").model("pc").at(day(25))};
    Quota early;
    early.observedAt = "2026-05-20T00:00:00Z";
    early.add("2026-05-05", "k1", "1.5", 1);
    f.quotas.push_back(early);
    f.finalQuota().add("2026-05-05", "k1", "1.5", 1).add("2026-05-25", "k1", may25.toStdString(), 1);
    if (!percent.isEmpty())
        f.controls.insert(QStringLiteral("alert_variance_growth_percent"), percent);
    TLT_RUN(r, f);
    const QStringList got = alerts(*r, "variance_growing");
    if (fires)
        QCOMPARE(got, QStringList{QStringLiteral("provider observations|client+provider|null|2")});
    else
        QVERIFY2(got.isEmpty(), qPrintable(got.join(QLatin1Char(' '))));
}

// One 200 of m1 a day on May 1-12; a 418 on May 10 is new (the first 7 days never showed one),
// unless a 418 already came on May 2. A model with no price is reported whenever it appears.
void TestAllocation::unknownBehaviour()
{
    auto fixture = [](bool seenEarly, bool unpriced) {
        auto f = std::make_unique<Fixture>();
        for (int d = 1; d <= 12; ++d)
            f->client.push_back(Attempt("r" + std::to_string(d)).key("k1").at(day(d)));
        f->client.push_back(Attempt("x10").key("k1").status("418").noTokens().at(day(10)));
        if (seenEarly)
            f->client.push_back(Attempt("x2").key("k1").status("418").noTokens().at(day(2)));
        if (unpriced)
            f->client.push_back(Attempt("u1").key("k1").model("mystery").at(day(1)));
        return f;
    };
    {
        auto f = fixture(false, false);
        TLT_RUN(r, *f);
        const QStringList got = alerts(*r, "unknown_billing_behaviour");
        QVERIFY2(got.contains(QStringLiteral("status 418|client|2026-05-10|1")), qPrintable(got.join(QLatin1Char(' '))));
        // The 418 row is also a shape never seen (client_error without tokens).
        QCOMPARE(got.size(), 2);
        QVERIFY(got.filter(QStringLiteral("shape client_error with http_status; without")).size() == 1);
    }
    {
        auto f = fixture(true, false);
        TLT_RUN(r, *f);
        QVERIFY2(alerts(*r, "unknown_billing_behaviour").isEmpty(), qPrintable(allAlerts(*r)));
    }
    {
        auto f = fixture(true, true);
        f->controls.insert(QStringLiteral("fail_on_unknown_model"), false);
        TLT_RUN(r, *f);
        QCOMPARE(alerts(*r, "unknown_billing_behaviour"), QStringList{QStringLiteral("model mystery|client|2026-05-01|1")});
    }
}

void TestAllocation::ipOutsideAllowlist_data()
{
    QTest::addColumn<QString>("allowed");
    QTest::addColumn<QString>("expected"); // "" none
    QTest::newRow("two outside (one with a port)") << QStringLiteral("10.0.0.0/8;192.168.1.5") << QStringLiteral("k1|client|2026-05-03|2");
    QTest::newRow("all inside") << QStringLiteral("10.0.0.0/8;192.168.1.5;203.0.113.0/24") << QString();
    QTest::newRow("no allowed_ips: not checked") << QString() << QString();
}

void TestAllocation::ipOutsideAllowlist()
{
    QFETCH(QString, allowed);
    QFETCH(QString, expected);
    Fixture f;
    f.client = {Attempt("r1").key("k1").ip("10.1.2.3").at(day(1)), Attempt("r2").key("k1").ip("192.168.1.5").at(day(2)),
                Attempt("r3").key("k1").ip("203.0.113.9").at(day(3)), Attempt("r4").key("k1").ip("203.0.113.9:4431").at(day(4)),
                Attempt("r5").key("k1").at(day(5)), Attempt("r6").key("k2").ip("198.51.100.1").at(day(5))};
    addOwners(f, {{"k1", "team-a", "wa", "direct", "", allowed.toStdString()}, {"k2", "team-b", "wb", "direct", "", ""}});
    TLT_RUN(r, f);
    const QStringList got = alerts(*r, "ip_outside_allowlist");
    if (expected.isEmpty()) {
        QVERIFY2(got.isEmpty(), qPrintable(got.join(QLatin1Char(' '))));
        return;
    }
    QCOMPARE(got, QStringList{expected});
    const QJsonObject a = r->entry("alerts", "code", QStringLiteral("ip_outside_allowlist"));
    QCOMPARE(str(a, "severity"), QStringLiteral("critical"));
    QVERIFY(str(a, "detail").contains(QLatin1String("203.0.113.9 (1)")));
    QVERIFY(str(a, "detail").contains(QLatin1String("203.0.113.9:4431 (1)")));
    QVERIFY(!str(a, "action").isEmpty());
    const QJsonArray ev = a.value(QLatin1String("evidence")).toArray();
    QCOMPARE(ev.size(), 2);
    QCOMPARE(ev[0].toObject().value(QLatin1String("file")).toString(), QStringLiteral("client.csv"));
    QCOMPARE(ev[0].toObject().value(QLatin1String("line")).toInteger(), qint64(4));
    QCOMPARE(ev[1].toObject().value(QLatin1String("line")).toInteger(), qint64(5));
}

void TestAllocation::alertControlsAreChecked()
{
    Fixture f;
    f.client = {Attempt("r1")};
    f.controls.insert(QStringLiteral("alert_spike_factor"), 0);
    QVERIFY(f.runError().contains(QLatin1String("$.controls.alert_spike_factor")));
    Fixture g;
    g.client = {Attempt("r1")};
    g.controls.insert(QStringLiteral("model_denylist"), QStringLiteral("gpt-4o"));
    QVERIFY(g.runError().contains(QLatin1String("$.controls.model_denylist")));
    Fixture h;
    h.client = {Attempt("r1")};
    h.controls.insert(QStringLiteral("alert_spike_baseline_days"), 14);
    h.controls.insert(QStringLiteral("model_denylist"), QJsonArray({QStringLiteral("pc")}));
    TLT_RUN(r, h);
    const QJsonObject s = r->summary.value(QLatin1String("alert_settings")).toObject();
    QCOMPARE(s.value(QLatin1String("alert_spike_baseline_days")).toInteger(), qint64(14));
    QCOMPARE(str(s, "alert_spike_factor"), QStringLiteral("3"));
    QCOMPARE(str(s, "alert_variance_growth_absolute"), QStringLiteral("1"));
    QCOMPARE(s.value(QLatin1String("model_denylist")).toArray(), QJsonArray({QStringLiteral("pc")}));
}

// --- Guardrails ------------------------------------------------------------------------------------

namespace {

/** k1 (budget 50) used m1 and pc; k2 (budget 20) only pc; k3 has no owners row; k4 no budget; k5 no row, an unpriced model. pc is denied. */
void guardrailFixture(Fixture &f)
{
    perCallModel(f);
    f.client = {Attempt("r1").key("k1"), Attempt("r2").key("k1").model("pc"), Attempt("r3").key("k2").model("pc"),
                Attempt("r4").key("k3"), Attempt("r5").key("k5").model("mystery")};
    addOwners(f, {{"k1", "team-a", "wa", "direct", "50.00"}, {"k2", "team-b", "wb", "direct", "20"},
                  {"k4", "team-c", "wc", "direct", ""}});
    f.controls.insert(QStringLiteral("model_denylist"), QJsonArray({QStringLiteral("pc")}));
    f.controls.insert(QStringLiteral("fail_on_unknown_model"), false);
}

} // namespace

void TestAllocation::guardrails()
{
    Fixture f;
    guardrailFixture(f);
    TLT_RUN(r, f);
    tl::GuardrailOptions options;
    const tl::GuardrailPlan plan = tl::GuardrailExporter::plan(r->res, r->set, options);
    QCOMPARE(plan.denylist.size(), std::size_t(2));
    QCOMPARE(plan.denylist[0].model, QStringLiteral("mystery"));
    QVERIFY(plan.denylist[0].reason.contains(QLatin1String("unknown_model")));
    QCOMPARE(plan.denylist[1].model, QStringLiteral("pc"));
    const QJsonObject doc = QJsonDocument::fromJson(tl::GuardrailExporter::liteLlmJson(plan)).object();
    QCOMPARE(doc.value(QLatin1String("budget_duration")).toString(), QStringLiteral("1mo"));
    QHash<QString, QJsonObject> updates;
    for (const QJsonValue &v : doc.value(QLatin1String("keys")).toArray())
        updates.insert(v.toObject().value(QLatin1String("api_key_name")).toString(), v.toObject().value(QLatin1String("key_update")).toObject());
    QCOMPARE(updates.keys().size(), 3);
    // k1: its budget, and an allowlist without the denied model (LiteLLM has no per-key denylist).
    QCOMPARE(QJsonDocument(updates.value(QStringLiteral("k1"))).toJson(QJsonDocument::Compact),
             QByteArray(R"({"budget_duration":"1mo","key_alias":"k1","max_budget":50,"models":["m1"]})"));
    // k2 used only the denied model: blocked.
    QCOMPARE(QJsonDocument(updates.value(QStringLiteral("k2"))).toJson(QJsonDocument::Compact),
             QByteArray(R"({"blocked":true,"budget_duration":"1mo","key_alias":"k2","max_budget":20})"));
    // k5: no owners row, no budget, only an unpriced model: blocked, no max_budget.
    QCOMPARE(QJsonDocument(updates.value(QStringLiteral("k5"))).toJson(QJsonDocument::Compact),
             QByteArray(R"({"blocked":true,"key_alias":"k5"})"));
    const QJsonArray skipped = doc.value(QLatin1String("skipped")).toArray();
    QCOMPARE(skipped.size(), 2);
    QCOMPARE(skipped[0].toObject().value(QLatin1String("api_key_name")).toString(), QStringLiteral("k3"));
    QCOMPARE(skipped[1].toObject().value(QLatin1String("api_key_name")).toString(), QStringLiteral("k4"));
    // The max_budget is the exact decimal, written as a JSON number.
    QVERIFY(tl::GuardrailExporter::liteLlmJson(plan).contains("\"max_budget\": 50,"));

    // Every key an allowlist when asked; a 30-day duration.
    options.restrictToUsedModels = true;
    options.budgetDuration = QStringLiteral("30d");
    options.deny = {QStringLiteral("m1")};
    const tl::GuardrailPlan all = tl::GuardrailExporter::plan(r->res, r->set, options);
    const QByteArray yaml = tl::GuardrailExporter::liteLlmYaml(all);
    QVERIFY2(yaml.contains("  - api_key_name: \"k1\"\n"), yaml.constData());
    QVERIFY(yaml.contains("      max_budget: 50\n      budget_duration: \"30d\"\n      blocked: true\n")); // k1: m1 and pc both denied
    QVERIFY(yaml.contains("  - model: \"m1\"\n    reason: \"command line --deny\"\n"));
    QVERIFY(tl::GuardrailExporter::validDuration(QStringLiteral("1mo")));
    QVERIFY(tl::GuardrailExporter::validDuration(QStringLiteral("30d")));
    QVERIFY(!tl::GuardrailExporter::validDuration(QStringLiteral("month")));
    QVERIFY(!tl::GuardrailExporter::validDuration(QStringLiteral("0d")));
}

void TestAllocation::guardrailsCommand()
{
    const QString cli = QStringLiteral(TL_BIN_DIR "/tokenledger-cli");
    if (!QFileInfo::exists(cli))
        QSKIP("tokenledger-cli is not built");
    Fixture f;
    guardrailFixture(f);
    TLT_RUN(r, f);
    const QString job = f.path("job.json"), out = f.path("guardrails.json");
    QProcess p;
    p.start(cli, {QStringLiteral("guardrails"), job, QStringLiteral("--as"), QStringLiteral("litellm-json"), QStringLiteral("--out"), out});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), tl::GuardrailExporter::liteLlmJson(tl::GuardrailExporter::plan(r->res, r->set, tl::GuardrailOptions())));
    QVERIFY(p.readAllStandardOutput().contains("3 key(s)"));
    p.start(cli, {QStringLiteral("guardrails"), job, QStringLiteral("--as"), QStringLiteral("terraform"), QStringLiteral("--out"), out});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 3);
    p.start(cli, {QStringLiteral("guardrails"), job, QStringLiteral("--as"), QStringLiteral("litellm-yaml"), QStringLiteral("--out"), out,
                  QStringLiteral("--budget-duration"), QStringLiteral("monthly")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 3);
}

// --- Determinism -------------------------------------------------------------------------------------

void TestAllocation::rerunIsByteIdentical()
{
    QByteArray first;
    for (int i = 0; i < 2; ++i) {
        Fixture f;
        perCallModel(f);
        f.client = {Attempt("r1").key("k1").model("pc").at(day(2)).ip("203.0.113.1"), Attempt("r2").key("k2").at(day(12)).status("418"),
                    Attempt("r3").key("k2").model("pc").at(day(3)), Attempt("r4").key("k3").model("pc").at(day(4))};
        addOwners(f, {{"k1", "team-a", "wa", "direct", "1", "10.0.0.0/8"}, {"k2", "platform", "wp", "shared:team-a=1;team-b=2", "3"}});
        f.finalQuota().add("2026-05-02", "k1", "1.5", 1).add("2026-05-03", "k2", "1.6", 1);
        TLT_RUN(r, f);
        QVERIFY(!r->res.allocation.alerts.empty());
        if (i == 0)
            first = r->summaryBytes;
        else
            QCOMPARE(r->summaryBytes, first);
    }
}

QTEST_GUILESS_MAIN(TestAllocation)
// The reports' tables (HTML and PDF print the same rows): exact amounts, unknown written as
// such, the unmapped bucket listed, the total equal to the estimated billable.
void TestAllocation::reportTables()
{
    Fixture f;
    perCallModel(f);
    for (int d : {1, 3, 5, 10})
        f.client.push_back(Attempt("r" + std::to_string(d)).key("k1").model("pc").at(day(d)));
    f.client.push_back(Attempt("r20").key("k9").model("pc").at(day(2)));
    addOwners(f, {{"k1", "team-a", "support", "direct", "10"}});
    f.rawInputs.push_back({"units", "business_units_csv", "units.csv", "date,workload,unit_name,count\n2026-05-01,support,tickets,4\n", ""});
    TLT_RUN(r, f);
    using tl::AllocationReportTables;
    const AllocationReportTables::Table o = AllocationReportTables::owners(r->res.allocation, QStringLiteral("USD"));
    QCOMPARE(o.rows.size(), 3);
    QCOMPARE(o.totalRow, 2);
    QCOMPARE(o.rows[0].join(QLatin1Char('|')), QStringLiteral("team-a|1|4|6|unknown|10|18.6|186.0%|") + o.rows[0].value(8));
    const qint64 days = owner(*r, "team-a").value(QLatin1String("days_until_budget_exhausted")).toInteger(-1);
    QCOMPARE(o.rows[0].value(8), days == 0 ? QStringLiteral("used up") : QStringLiteral("in %1 day(s)").arg(days));
    QCOMPARE(o.rows[1].join(QLatin1Char('|')), QStringLiteral("(unmapped)|1|1|1.5|unknown|none|4.65|\u2014|\u2014"));
    QCOMPARE(o.rows[2].value(3), r->res.estimatedBillable.toString());
    QCOMPARE(o.rows[2].value(3), QStringLiteral("7.5"));
    QVERIFY(o.caption.contains(QLatin1String("projections as of 2026-05-10T12:00:00Z (day 10 of 31)")));

    // The alerts: one row per alert with its evidence count, critical in the severity column.
    const AllocationReportTables::Table a = AllocationReportTables::alerts(r->res.allocation);
    QCOMPARE(a.rows.size(), static_cast<qsizetype>(r->res.allocation.alerts.size()));
    QCOMPARE(a.severityColumn, 0);
    QStringList codes;
    for (const QStringList &row : a.rows)
        codes << row.value(1) + QLatin1Char('|') + row.value(2) + QLatin1Char('|') + row.value(4);
    QVERIFY2(codes.contains(QStringLiteral("budget_projected_overrun|k1|4")), qPrintable(codes.join(QLatin1Char(' '))));

    // Unit costs: the period row only (the daily ones stay in summary.json).
    const AllocationReportTables::Table u = AllocationReportTables::unitCosts(r->res.allocation, QStringLiteral("USD"));
    QCOMPARE(u.rows.size(), 1);
    QCOMPARE(u.rows[0].mid(0, 6).join(QLatin1Char('|')), QStringLiteral("support|tickets|1|1.5|4|0.375"));
    QVERIFY(u.rows[0].value(6).contains(QLatin1String("units.csv")));
}

#include "tst_allocation.moc"
