// SPDX-License-Identifier: Apache-2.0
// Tests of tl::DemoWorkspace: the same seed gives byte-identical files, every file imports
// through tl::Importer as the job names it, and a reconciliation of the generated job tells the
// planted story (leaked keys, a missed multiplier change, charged timeouts and cancelled
// streams, retries, streams without usage), with the categories adding up to the variance.
#include "core/demo/demoworkspace.h"

#include "core/import/importer.h"
#include "core/import/importerror.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using tl::Decimal;
using tl::DemoWorkspace;
using tl::VarianceCategory;

namespace {

constexpr quint32 kSeed = 20260501;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

Decimal category(const tl::ReconcileResult &r, VarianceCategory c)
{
    return r.varianceByCategory[static_cast<std::size_t>(c)];
}

bool hasReason(const tl::ReconcileResult &r, const char *code)
{
    for (const tl::DecisionReason &reason : r.reasons)
        if (reason.code == QLatin1String(code))
            return true;
    return false;
}

QString reasons(const tl::ReconcileResult &r)
{
    QStringList out;
    for (const tl::DecisionReason &reason : r.reasons)
        out << QStringLiteral("%1 (%2): %3").arg(reason.code, QLatin1String(tl::decisionName(reason.level)), reason.detail);
    return out.join(QLatin1Char('\n'));
}

// |a - b| <= tolerance, with a readable failure.
#define COMPARE_NEAR(a, b, tol)                                                                                                   \
    do {                                                                                                                          \
        const Decimal a_ = (a), b_ = (b);                                                                                         \
        if ((a_ - b_).abs() > Decimal::fromString(tol))                                                                           \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3 (within %4)").arg(QLatin1String(#a), a_.toString(), b_.toString(), QLatin1String(tol)))); \
    } while (0)

} // namespace

class TestDemoWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameSeedSameBytes();
    void otherSeedOtherBytes();
    void fastEnough();
    void rejectsBadOptions();
    void everyFileImports();
    void storyIsVisible();
    void earlyObservationShowsPostingDelay();
    void allocationAndAlerts();
    void commandLineReconcile();

private:
    QTemporaryDir m_tmp;
    QString m_dir;
    DemoWorkspace::Story m_story;
};

void TestDemoWorkspace::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_dir = m_tmp.filePath(QStringLiteral("demo"));
    QString error;
    QVERIFY2(DemoWorkspace::write(m_dir, kSeed, DemoWorkspace::Options(), &error, &m_story), qPrintable(error));
    QCOMPARE(m_story.files.last(), QStringLiteral("job.json"));
    QCOMPARE(m_story.files.size(), 12);
    QVERIFY(QFileInfo::exists(m_story.jobFile));
}

void TestDemoWorkspace::sameSeedSameBytes()
{
    const QString again = m_tmp.filePath(QStringLiteral("again"));
    QString error;
    DemoWorkspace::Story story;
    QVERIFY2(DemoWorkspace::write(again, kSeed, DemoWorkspace::Options(), &error, &story), qPrintable(error));
    QCOMPARE(story.files, m_story.files);
    for (const QString &name : m_story.files) {
        const QByteArray a = readAll(QDir(m_dir).filePath(name));
        const QByteArray b = readAll(QDir(again).filePath(name));
        QVERIFY2(!a.isEmpty(), qPrintable(name));
        QVERIFY2(a == b, qPrintable(name + QStringLiteral(" differs between two runs with the same seed")));
    }
    QCOMPARE(story.estimatedBillable, m_story.estimatedBillable);
    QCOMPARE(story.providerFinal, m_story.providerFinal);
}

void TestDemoWorkspace::otherSeedOtherBytes()
{
    const QString other = m_tmp.filePath(QStringLiteral("other"));
    QString error;
    QVERIFY2(DemoWorkspace::write(other, kSeed + 1, &error), qPrintable(error));
    QVERIFY(readAll(QDir(other).filePath(QStringLiteral("client.csv"))) != readAll(QDir(m_dir).filePath(QStringLiteral("client.csv"))));
    // The reference tables do not depend on the seed.
    QCOMPARE(readAll(QDir(other).filePath(QStringLiteral("prices.csv"))), readAll(QDir(m_dir).filePath(QStringLiteral("prices.csv"))));
}

void TestDemoWorkspace::fastEnough()
{
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY2(DemoWorkspace::write(m_tmp.filePath(QStringLiteral("timed")), 99, &error), qPrintable(error));
    const qint64 ms = timer.elapsed();
    qInfo("generating and writing the demo workspace took %lld ms", ms);
    // Well under a second on a developer machine; the bound leaves room for slow CI runners.
    QVERIFY2(ms < 3000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
}

void TestDemoWorkspace::rejectsBadOptions()
{
    DemoWorkspace::Options o;
    o.month = 13;
    QString error;
    QVERIFY(!DemoWorkspace::write(m_tmp.filePath(QStringLiteral("bad")), 1, o, &error));
    QVERIFY(error.contains(QLatin1String("month")));
}

void TestDemoWorkspace::everyFileImports()
{
    const tl::Job job = tl::Job::load(m_story.jobFile);
    QCOMPARE(static_cast<int>(job.inputs.size()), m_story.files.size() - 1);
    int providers = 0;
    for (const tl::JobInput &in : job.inputs) {
        tl::LedgerSet set;
        tl::ImportReport report;
        try {
            report = tl::Importer::importFile(in.path, in.options, set);
        } catch (const tl::ImportError &e) {
            QFAIL(qPrintable(QStringLiteral("%1 does not import: %2").arg(in.options.displayName, e.toString())));
        }
        QVERIFY2(report.rowsRead > 0, qPrintable(in.options.displayName));
        if (in.options.displayName == QLatin1String("client.csv")) {
            QCOMPARE(report.rowsRead, m_story.clientRows);
            // The two pasted keys are redacted on import, never stored.
            QCOMPARE(report.redactions, m_story.secretNotes);
            QVERIFY(report.redactions >= 1);
        }
        if (in.options.displayName == QLatin1String("gateway.csv"))
            QCOMPARE(report.rowsRead, m_story.gatewayRows);
        if (in.options.kind == tl::LedgerKind::Provider) {
            ++providers;
            QVERIFY(in.options.observedAt != tl::kNoTime);
        }
    }
    QCOMPARE(providers, 2);
}

void TestDemoWorkspace::storyIsVisible()
{
    const tl::Job job = tl::Job::load(m_story.jobFile);
    tl::LedgerSet set;
    tl::JobRunner::load(job, set);
    const tl::ReconcileResult r = tl::Reconciler::run(job, set);
    qInfo("decision %s; estimated %s, provider %s, variance %s", tl::decisionName(r.decision),
          qPrintable(r.estimatedBillable.toString()), qPrintable(r.providerReported.value.toString()),
          qPrintable(r.variance.value.toString()));
    for (int c = 0; c < tl::VarianceCategoryCount; ++c)
        if (!r.varianceByCategory[static_cast<std::size_t>(c)].isZero())
            qInfo("  %-20s %s", tl::varianceCategoryName(static_cast<VarianceCategory>(c)),
                  qPrintable(r.varianceByCategory[static_cast<std::size_t>(c)].toString()));

    // Counts and money as the generator planted them.
    QCOMPARE(r.attempts, m_story.attemptsInPeriod);
    QCOMPARE(r.requests, m_story.requestsInPeriod);
    QCOMPARE(r.retries, m_story.retriesInPeriod);
    QCOMPARE(static_cast<qint64>(r.excludedRows.size()), m_story.excludedOutsidePeriod);
    QVERIFY(m_story.excludedOutsidePeriod > 0);
    QCOMPARE(r.quarantinedMissingUsage, m_story.missingUsageRows);
    QVERIFY(r.quarantinedMissingUsage > 0);
    QCOMPARE(r.quarantinedDuplicate, m_story.duplicateRows);
    QCOMPARE(r.quarantinedUnknownModel, qint64(0));
    QCOMPARE(r.estimatedBillable, m_story.estimatedBillable);
    QCOMPARE(r.estimatedUnverified, m_story.estimatedUnverified);
    QVERIFY(r.providerReported.known);
    QCOMPARE(r.providerReported.value, m_story.providerFinal);
    // The gateway saw every attempt but those rejected before sending, and no duplicates; and
    // the calls on the batch key from outside its allowed_ips, which the client never logged.
    QVERIFY(m_story.leakedForeignIpGatewayRows > 0);
    QCOMPARE(r.gatewayAttempts, r.attempts - r.byOutcome[static_cast<std::size_t>(tl::Outcome::NotSent)] - r.quarantinedDuplicate
                                    + m_story.leakedForeignIpGatewayRows);

    // The decision: warn, explained, final.
    QVERIFY2(r.decision == tl::Decision::Warn, qPrintable(reasons(r)));
    QVERIFY(!r.provisional);
    QVERIFY(hasReason(r, "explained_variance"));
    QVERIFY(hasReason(r, "missing_usage"));
    QVERIFY(hasReason(r, "evidence_overdue"));
    QVERIFY(!hasReason(r, "unexplained_variance"));
    QVERIFY(!hasReason(r, "provider_not_final"));

    // The categories add up to the variance exactly.
    Decimal sum;
    for (const Decimal &d : r.varianceByCategory)
        sum += d;
    QVERIFY(r.variance.known);
    QCOMPARE(sum, r.variance.value);

    // Each story element shows in its category, up to the provider's rounding of each key-day
    // to six places (half a millionth per key-day at most).
    QVERIFY(category(r, VarianceCategory::MissingInClient).signum() > 0);
    COMPARE_NEAR(category(r, VarianceCategory::MissingInClient), m_story.leakedUnknownKey + m_story.leakedForeignIp, "0.0001");
    QVERIFY(category(r, VarianceCategory::PriceDrift).signum() > 0);
    COMPARE_NEAR(category(r, VarianceCategory::PriceDrift), m_story.priceDrift, "0.0001");
    QVERIFY(category(r, VarianceCategory::TimeoutAmbiguity).signum() > 0);
    COMPARE_NEAR(category(r, VarianceCategory::TimeoutAmbiguity), m_story.chargedTimeouts, "0.0001");
    QVERIFY(category(r, VarianceCategory::UnverifiedOutcome).signum() > 0);
    COMPARE_NEAR(category(r, VarianceCategory::UnverifiedOutcome), m_story.chargedCancelledStreams, "0.0001");
    QVERIFY(category(r, VarianceCategory::RetryAmplification).signum() > 0);
    COMPARE_NEAR(category(r, VarianceCategory::RetryAmplification), m_story.chargedRetriedErrors, "0.0001");
    QVERIFY(category(r, VarianceCategory::MissingUsage).signum() > 0);
    COMPARE_NEAR(category(r, VarianceCategory::MissingUsage), m_story.chargedMissingUsage, "0.0001");
    // The final observation is past the posting window: nothing is late.
    QCOMPARE(category(r, VarianceCategory::PostingDelay), Decimal());
    QCOMPARE(category(r, VarianceCategory::MissingInProvider), Decimal());
    QCOMPARE(category(r, VarianceCategory::Unexplained), Decimal());
    COMPARE_NEAR(category(r, VarianceCategory::Rounding), Decimal(), "0.001");

    // Both observations are kept side by side; the early one shows less.
    QCOMPARE(static_cast<int>(r.observations.size()), 2);
    QVERIFY(r.observations[0].providerReported.value < r.observations[1].providerReported.value);
    QCOMPARE(r.observations[0].providerReported.value, m_story.providerEarly);

    // Finance: the invoice's lines as written.
    QVERIFY(r.finance.present);
    QCOMPARE(r.finance.usageSubtotal, m_story.invoiceUsage);
    QCOMPARE(r.finance.credits, m_story.invoiceCredit);
    QCOMPARE(r.finance.discounts, m_story.invoiceDiscount);
    QCOMPARE(r.finance.tax, m_story.invoiceTax);
    QCOMPARE(r.finance.invoiceTotal, m_story.invoiceTotal);
    QVERIFY(r.finance.credits.isNegative());
    QVERIFY(r.finance.discounts.isNegative());

    // The provider-only key has its own by_key entry with no client attempts.
    bool sawLegacy = false;
    for (const tl::KeyTotals &k : r.byKey) {
        if (set.pool().string(k.apiKey) == QLatin1String("ci-legacy")) {
            sawLegacy = true;
            QCOMPARE(k.attempts, qint64(0));
            QVERIFY(k.providerReported.known && k.providerReported.value.signum() > 0);
        }
    }
    QVERIFY(sawLegacy);
    QCOMPARE(static_cast<int>(r.byKey.size()), 9);
    QCOMPARE(static_cast<int>(r.byModel.size()), 8);
}

void TestDemoWorkspace::earlyObservationShowsPostingDelay()
{
    // The same job with only the observation taken inside the posting window.
    QJsonObject root = QJsonDocument::fromJson(readAll(m_story.jobFile)).object();
    QJsonArray inputs;
    for (const QJsonValue v : root.value(QLatin1String("inputs")).toArray())
        if (v.toObject().value(QLatin1String("path")).toString() != QLatin1String("quota-2026-06-05.json"))
            inputs.append(v);
    QCOMPARE(inputs.size(), root.value(QLatin1String("inputs")).toArray().size() - 1);
    root.insert(QLatin1String("inputs"), inputs);
    const QString path = QDir(m_dir).filePath(QStringLiteral("job-early.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(root).toJson());
    }
    const tl::Job job = tl::Job::load(path);
    tl::LedgerSet set;
    tl::JobRunner::load(job, set);
    const tl::ReconcileResult r = tl::Reconciler::run(job, set);
    QVERIFY(r.provisional);
    QVERIFY(hasReason(r, "provider_not_final"));
    QCOMPARE(r.providerReported.value, m_story.providerEarly);
    QVERIFY2(category(r, VarianceCategory::PostingDelay).signum() < 0, qPrintable(category(r, VarianceCategory::PostingDelay).toString()));
    QCOMPARE(category(r, VarianceCategory::Unexplained), Decimal());
    Decimal sum;
    for (const Decimal &d : r.varianceByCategory)
        sum += d;
    QCOMPARE(sum, r.variance.value);
    QFile::remove(path);
}

// Issue #9 on the demo: owners add up (the shared platform key split 50/30/20), and each alert
// rule the month was built to trip fires on the rows that tell it.
void TestDemoWorkspace::allocationAndAlerts()
{
    const tl::Job job = tl::Job::load(m_story.jobFile);
    tl::LedgerSet set;
    tl::JobRunner::load(job, set);
    const tl::ReconcileResult r = tl::Reconciler::run(job, set);
    const tl::AllocationResult &a = r.allocation;

    Decimal sum;
    bool sawUnmapped = false;
    for (const tl::OwnerAllocation &o : a.owners) {
        sum += o.estimatedCost;
        sawUnmapped = sawUnmapped || o.unmapped;
        if (o.ownerGroup == QLatin1String("agents-team")) {
            QVERIFY(o.keys.contains(QStringLiteral("shared-platform")));
            QCOMPARE(o.projection.budget.value, Decimal::fromString("315")); // 300 + 20% of 75
        }
    }
    QCOMPARE(sum, r.estimatedBillable);
    QVERIFY(sawUnmapped);
    QVERIFY(a.frame.known);
    QCOMPARE(a.frame.daysElapsed, qint64(31));

    auto find = [&](const char *code, const char *subject) -> const tl::Alert * {
        for (const tl::Alert &al : a.alerts)
            if (al.code == QLatin1String(code) && al.subject.startsWith(QLatin1String(subject)))
                return &al;
        return nullptr;
    };
    QString listed;
    for (const tl::Alert &al : a.alerts)
        listed += al.code + QLatin1Char(' ') + al.subject + QLatin1Char('\n');
    // The weekend calls on the batch key came from outside its allowed_ips (the gateway saw the IP).
    const tl::Alert *ip = find("ip_outside_allowlist", "batch-etl-nightly");
    QVERIFY2(ip, qPrintable(listed));
    QCOMPARE(ip->rows, m_story.leakedForeignIpGatewayRows);
    QCOMPARE(m_story.leakedForeignIpGatewayRows, m_story.leakedForeignIpCalls);
    QVERIFY(ip->detail.contains(m_story.foreignIp));
    // The leaked retired key: requests out of nowhere, and spend over its budget of 0.
    QVERIFY2(find("volume_spike", "ci-legacy"), qPrintable(listed));
    QCOMPARE(find("volume_spike", "ci-legacy")->basis, QStringLiteral("provider"));
    QVERIFY2(find("budget_exceeded", "ci-legacy"), qPrintable(listed));
    // Media is over its budget on the client's own estimate.
    QVERIFY2(find("budget_exceeded", "media-studio-prod"), qPrintable(listed));
    QCOMPARE(find("budget_exceeded", "media-studio-prod")->basis, QStringLiteral("client"));
    // The widget release that read streams without usage: a response shape never seen before.
    const tl::Alert *shape = find("unknown_billing_behaviour", "shape success_stream");
    QVERIFY2(shape, qPrintable(listed));
    QVERIFY(shape->rows >= m_story.missingUsageRows);
    // The early observation missed part of the leak and the drift; the final one shows more.
    QVERIFY2(find("variance_growing", "provider"), qPrintable(listed));
    for (const tl::Alert &al : a.alerts) {
        QVERIFY(!al.action.isEmpty());
        QVERIFY(al.rows > 0);
        QVERIFY(!al.evidence.empty());
    }
    // Unit costs for the three workloads that count units.
    int periods = 0;
    for (const tl::UnitCost &u : a.unitCosts)
        if (u.cadence == QLatin1String("period")) {
            ++periods;
            QVERIFY(u.numerator.known && u.unitCost.known);
        }
    QCOMPARE(periods, 3);
}

void TestDemoWorkspace::commandLineReconcile()
{
    const QString cli = QStringLiteral(TL_BIN_DIR "/tokenledger-cli");
    if (!QFileInfo::exists(cli))
        QSKIP("tokenledger-cli is not built");
    const QString out = m_tmp.filePath(QStringLiteral("out"));
    QProcess p;
    p.start(cli, {QStringLiteral("reconcile"), m_story.jobFile, QStringLiteral("--out"), out});
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 1, qPrintable(QString::fromUtf8(p.readAllStandardError())));
    const QJsonObject summary = QJsonDocument::fromJson(readAll(QDir(out).filePath(QStringLiteral("summary.json")))).object();
    QCOMPARE(summary.value(QLatin1String("decision")).toString(), QStringLiteral("warn"));
    QCOMPARE(summary.value(QLatin1String("cost")).toObject().value(QLatin1String("estimated_billable")).toString(),
             m_story.estimatedBillable.toString());
    QStringList categories;
    for (const QJsonValue v : summary.value(QLatin1String("variance_by_category")).toArray())
        categories << v.toObject().value(QLatin1String("category")).toString();
    for (const char *c : {"missing_in_client", "price_drift", "timeout_ambiguity", "unverified_outcome", "retry_amplification", "missing_usage"})
        QVERIFY2(categories.contains(QLatin1String(c)), c);
    for (const char *list : {"by_owner", "budgets", "alerts", "unit_costs", "retry_amplification"})
        QVERIFY2(!summary.value(QLatin1String(list)).toArray().isEmpty(), list);
    const QByteArray variance = readAll(QDir(out).filePath(QStringLiteral("variance.csv")));
    QVERIFY(variance.contains("missing_in_client,ci-legacy,"));
    QVERIFY(variance.contains("missing_in_client,batch-etl-nightly,"));
    QVERIFY(variance.contains("price_drift,agents-prod,"));
}

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "tst_demoworkspace.moc"
