// SPDX-License-Identifier: Apache-2.0
// The workspace store suite, run against SQLite (a temp .tlw file) and, when Debian's
// postgresql 15 is installed, a throwaway PostgreSQL server started here on a loopback port.
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/reconcile/resultwriter.h"
#include "core/store/workspacestore.h"
#include "tests/support/temppostgres.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <unistd.h>

using namespace tl;

namespace {
const QString kExample = QStringLiteral(TL_SHARED_DIR "/examples/clean-month");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestWorkspaceStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    tl::test::TempPostgres m_pg;
    bool m_pgUp = false;
    QString m_pgSkipReason;
    int m_dbSeq = 0;

    // A fresh workspace location per test: a new .tlw file, or a new PostgreSQL database.
    QString freshWorkspace(const QString &backend)
    {
        ++m_dbSeq;
        if (backend == QLatin1String("sqlite"))
            return m_tmp.filePath(QStringLiteral("ws%1.tlw").arg(m_dbSeq));
        QString error;
        const QString url = m_pg.newDatabase(QStringLiteral("ws%1").arg(m_dbSeq), &error);
        if (url.isEmpty()) {
            // Never a SQLite file in its place: the test fails at its open() instead.
            qWarning("%s", qPrintable(error));
            return QStringLiteral("postgresql://tl@127.0.0.1:1/no-such-database");
        }
        return url;
    }

    // Direct SQL on a workspace (to simulate a newer or older program).
    void rawExec(const QString &where, const QString &sql)
    {
        QString error;
        QVERIFY2(tl::test::TempPostgres::exec(where, sql, &error), qPrintable(error));
    }

    void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    bool skipPg(const QString &backend)
    {
        return backend == QLatin1String("postgresql") && !m_pgUp;
    }

    StoredPeriod cleanMonthPeriod()
    {
        const QJsonObject job = QJsonDocument::fromJson(readAll(kExample + QStringLiteral("/job.json"))).object();
        const QJsonObject p = job.value(QLatin1String("reconciliation_period")).toObject();
        StoredPeriod sp;
        sp.label = QStringLiteral("2026-05");
        sp.startUtc = p.value(QLatin1String("start_utc")).toString();
        sp.endUtc = p.value(QLatin1String("end_utc")).toString();
        sp.accountRef = p.value(QLatin1String("account_ref")).toString();
        sp.currency = p.value(QLatin1String("currency")).toString();
        sp.controls = job.value(QLatin1String("controls")).toObject();
        return sp;
    }

    // Imports the clean-month inputs in job.json's order, with its options.
    void importCleanMonth(WorkspaceStore &ws)
    {
        const Job job = Job::load(kExample + QStringLiteral("/job.json"));
        for (const JobInput &in : job.inputs) {
            QString e;
            ImportReport r;
            QVERIFY2(ws.importFile(QStringLiteral("2026-05"), in.path, in.options, &r, &e), qPrintable(e));
            QCOMPARE(r.fileName, in.options.displayName);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (!tl::test::TempPostgres::isInstalled()) {
            m_pgSkipReason = tl::test::TempPostgres::skipReason();
            return;
        }
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
        m_pgUp = true;
    }

    void cleanupTestCase() { m_pg.stop(); }

    void createImportReconcile_data() { backends(); }
    void createImportReconcile()
    {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP(qPrintable(m_pgSkipReason));
        WorkspaceStore ws;
        QString e;
        QVERIFY2(ws.open(freshWorkspace(backend), &e), qPrintable(e));
        QCOMPARE(ws.schemaVersion(), WorkspaceStore::kSchemaVersion);
        QVERIFY2(ws.createPeriod(cleanMonthPeriod(), &e), qPrintable(e));
        QVERIFY(!ws.createPeriod(cleanMonthPeriod(), &e)); // label is unique
        QCOMPARE(ws.periods().size(), std::size_t(1));
        importCleanMonth(ws);
        QCOMPARE(ws.inputs(QStringLiteral("2026-05")).size(), std::size_t(7));

        const qint64 runId = ws.runReconciliation(QStringLiteral("2026-05"), &e);
        QVERIFY2(runId > 0, qPrintable(e));
        StoredRun run;
        QVERIFY2(ws.run(runId, &run, &e), qPrintable(e));
        QCOMPARE(run.inputHashes.size(), 7);

        // the same job from the original files, as `tokenledger-cli reconcile job.json` runs it
        const Job job = Job::load(kExample + QStringLiteral("/job.json"));
        LedgerSet set;
        JobRunner::load(job, set);
        const ReconcileResult result = Reconciler::run(job, set);
        const QByteArray cliSummary = ResultWriter::summaryJson(result, set);
        QCOMPARE(run.summaryJson, cliSummary);
        QCOMPARE(run.decision, QString::fromLatin1(decisionName(result.decision)));

        // and the CLI binary itself, when it is built
        const QString cli = QStringLiteral(TL_BIN_DIR "/tokenledger-cli");
        if (QFile::exists(cli)) {
            QTemporaryDir out;
            QProcess p;
            p.start(cli, {QStringLiteral("reconcile"), kExample + QStringLiteral("/job.json"), QStringLiteral("--out"), out.path()});
            QVERIFY(p.waitForFinished(120000));
            QCOMPARE(readAll(out.filePath(QStringLiteral("summary.json"))), run.summaryJson);
        }

        // re-running the stored run gives the same bytes
        const qint64 again = ws.rerun(runId, &e);
        QVERIFY2(again > runId, qPrintable(e));
        StoredRun run2;
        QVERIFY(ws.run(again, &run2, &e));
        QCOMPARE(run2.summaryJson, run.summaryJson);
        QCOMPARE(run2.rerunOf, runId);
        QCOMPARE(run2.jobJson, run.jobJson);
        // and so does a fresh run of the period
        const qint64 third = ws.runReconciliation(QStringLiteral("2026-05"), &e);
        StoredRun run3;
        QVERIFY(ws.run(third, &run3, &e));
        QCOMPARE(run3.summaryJson, run.summaryJson);
        QCOMPARE(ws.runs(QStringLiteral("2026-05")).size(), std::size_t(3));
    }

    void frozenPeriodRefusesImport_data() { backends(); }
    void frozenPeriodRefusesImport()
    {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP(qPrintable(m_pgSkipReason));
        WorkspaceStore ws;
        QString e;
        QVERIFY2(ws.open(freshWorkspace(backend), &e), qPrintable(e));
        QVERIFY2(ws.createPeriod(cleanMonthPeriod(), &e), qPrintable(e));
        QVERIFY2(ws.freezePeriod(QStringLiteral("2026-05"), &e), qPrintable(e));
        const qint64 files = ws.rowCount(QStringLiteral("files")), inputs = ws.rowCount(QStringLiteral("period_inputs"));
        ImportOptions o;
        o.kind = LedgerKind::Client;
        o.format = QStringLiteral("request_log_csv");
        QVERIFY(!ws.importFile(QStringLiteral("2026-05"), kExample + QStringLiteral("/client.csv"), o, nullptr, &e));
        QVERIFY2(e.contains(QLatin1String("frozen")), qPrintable(e));
        QCOMPARE(ws.rowCount(QStringLiteral("files")), files);
        QCOMPARE(ws.rowCount(QStringLiteral("period_inputs")), inputs);
        QVERIFY(!ws.freezePeriod(QStringLiteral("2026-05"), &e));
    }

    // An evidence file imported into a period seeds the register in the same transaction: new
    // ids are added with a "created from FILE" history row; ids the register has are kept as
    // edited, never overwritten by the file.
    void evidenceFileSeedsRegister_data() { backends(); }
    void evidenceFileSeedsRegister()
    {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP(qPrintable(m_pgSkipReason));
        WorkspaceStore ws;
        QString e;
        QVERIFY2(ws.open(freshWorkspace(backend), &e), qPrintable(e));
        ws.setUser(QStringLiteral("carol"));
        QVERIFY2(ws.createPeriod(cleanMonthPeriod(), &e), qPrintable(e));
        ImportOptions o;
        o.kind = LedgerKind::Evidence;
        o.format = QStringLiteral("evidence_csv");
        QVERIFY2(ws.importFile(QStringLiteral("2026-05"), kExample + QStringLiteral("/evidence.csv"), o, nullptr, &e), qPrintable(e));
        QCOMPARE(ws.lastEvidenceAdded(), 2);
        QCOMPARE(ws.lastEvidenceKept(), 0);
        const std::vector<StoredEvidence> reg = ws.evidence();
        QCOMPARE(reg.size(), std::size_t(2));
        StoredEvidence s;
        QVERIFY(ws.evidenceEntry(QStringLiteral("EV-PRICE-1"), &s, &e));
        QCOMPARE(s.entry.owner, QStringLiteral("finops"));
        QCOMPARE(s.entry.nextReviewOn, QDate(2026, 8, 1));
        const std::vector<EvidenceChange> h = ws.evidenceHistory(QStringLiteral("EV-PRICE-1"));
        QCOMPARE(h.size(), std::size_t(1));
        QCOMPARE(h[0].newValue, QStringLiteral("created from evidence.csv"));
        QCOMPARE(h[0].changedBy, QStringLiteral("carol"));

        QVERIFY2(ws.editEvidence(QStringLiteral("EV-PRICE-1"), QStringLiteral("owner"), QStringLiteral("finance"), 1, &e), qPrintable(e));
        QVERIFY2(ws.importFile(QStringLiteral("2026-05"), kExample + QStringLiteral("/evidence.csv"), o, nullptr, &e), qPrintable(e));
        QCOMPARE(ws.lastEvidenceAdded(), 0);
        QCOMPARE(ws.lastEvidenceKept(), 2);
        QVERIFY(ws.evidenceEntry(QStringLiteral("EV-PRICE-1"), &s, &e));
        QCOMPARE(s.entry.owner, QStringLiteral("finance"));
        QCOMPARE(s.rowVersion, qint64(2));
        QCOMPARE(ws.evidence().size(), std::size_t(2));
    }

    void malformedImportLeavesStoreUnchanged_data() { backends(); }
    void malformedImportLeavesStoreUnchanged()
    {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP(qPrintable(m_pgSkipReason));
        WorkspaceStore ws;
        QString e;
        QVERIFY2(ws.open(freshWorkspace(backend), &e), qPrintable(e));
        QVERIFY2(ws.createPeriod(cleanMonthPeriod(), &e), qPrintable(e));
        importCleanMonth(ws);
        const QStringList tables = {QStringLiteral("files"), QStringLiteral("period_inputs"), QStringLiteral("runs")};
        QList<qint64> before;
        for (const QString &t : tables)
            before << ws.rowCount(t);
        // the clean client file with a broken row at the end
        QByteArray bad = readAll(kExample + QStringLiteral("/client.csv"));
        QVERIFY(!bad.isEmpty());
        bad += "not,a,valid,row,\"unterminated\n";
        ImportOptions o;
        o.kind = LedgerKind::Client;
        o.format = QStringLiteral("request_log_csv");
        o.displayName = QStringLiteral("bad-client.csv");
        QVERIFY(!ws.importBytes(QStringLiteral("2026-05"), bad, o, nullptr, &e));
        QVERIFY2(e.contains(QLatin1String("bad-client.csv")), qPrintable(e));
        // a file of another format entirely
        QVERIFY(!ws.importBytes(QStringLiteral("2026-05"), QByteArrayLiteral("{\"not\": \"a price table\"}"), o, nullptr, &e));
        // an unknown period
        QVERIFY(!ws.importFile(QStringLiteral("1999-01"), kExample + QStringLiteral("/client.csv"), o, nullptr, &e));
        for (int i = 0; i < tables.size(); ++i)
            QCOMPARE(ws.rowCount(tables[i]), before[i]);
    }

    // An edited input replaces the current one of its kind: a new price snapshot and the mapping
    // pointed at it, in one transaction. The replaced mapping leaves the period's job but stays in
    // the history; the run equals `reconcile` of the same files written by hand; a run made before
    // still re-runs byte for byte; a stale or mismatched replacement writes nothing.
    void replaceInputs_data() { backends(); }
    void replaceInputs()
    {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP(qPrintable(m_pgSkipReason));
        // A store written by schema version 2 (before inputs could be replaced) is migrated with its inputs.
        const QString where = freshWorkspace(backend);
        QString e;
        {
            WorkspaceStore v2;
            QVERIFY2(v2.open(where, &e, 2), qPrintable(e));
            QVERIFY2(v2.createPeriod(cleanMonthPeriod(), &e), qPrintable(e));
            importCleanMonth(v2);
        }
        WorkspaceStore ws;
        QVERIFY2(ws.open(where, &e), qPrintable(e));
        QCOMPARE(ws.schemaVersion(), WorkspaceStore::kSchemaVersion);
        ws.setUser(QStringLiteral("dana"));
        const QString period = QStringLiteral("2026-05");
        const std::vector<StoredInput> before = ws.inputs(period);
        QCOMPARE(before.size(), std::size_t(7));
        const qint64 firstRun = ws.runReconciliation(period, &e);
        QVERIFY2(firstRun > 0, qPrintable(e));
        StoredRun run1;
        QVERIFY(ws.run(firstRun, &run1, &e));
        QVERIFY(run1.summaryJson.contains("\"estimated_billable\": \"10.814488356\""));

        qint64 mappingSeq = 0, policySeq = 0;
        for (const StoredInput &in : before) {
            QCOMPARE(in.supersededBy, qint64(0));
            if (in.kind == QLatin1String("mapping"))
                mappingSeq = in.seq;
            if (in.kind == QLatin1String("policy"))
                policySeq = in.seq;
        }
        QVERIFY(mappingSeq > 0 && policySeq > 0);

        // snapshot snap-2026-06: gpt-4o input at 5.00 instead of 2.50; the mapping names it
        QByteArray prices = readAll(kExample + QStringLiteral("/prices.csv"));
        prices.replace("snap-2026-05,", "snap-2026-06,");
        prices.replace("USD,gpt-4o,token,per_1m,2.50,", "USD,gpt-4o,token,per_1m,5.00,");
        QByteArray mapping = readAll(kExample + QStringLiteral("/mapping.csv"));
        mapping.replace(",snap-2026-05,", ",snap-2026-06,");
        ImportOptions po;
        po.kind = LedgerKind::Prices;
        po.format = QStringLiteral("price_snapshot_csv");
        po.displayName = QStringLiteral("prices-snap-2026-06.csv");
        ImportOptions mo;
        mo.kind = LedgerKind::Mapping;
        mo.format = QStringLiteral("model_mapping_csv");
        mo.displayName = QStringLiteral("mapping.csv");

        const QStringList tables = {QStringLiteral("files"), QStringLiteral("period_inputs")};
        auto counts = [&] {
            QList<qint64> n;
            for (const QString &t : tables)
                n << ws.rowCount(t);
            return n;
        };
        const QList<qint64> unchanged = counts();
        // refused: a mapping cannot replace the policy; a row the importer refuses; a missing input
        QVERIFY(!ws.saveInputs(period, {{prices, po, 0}, {mapping, mo, policySeq}}, nullptr, &e));
        QCOMPARE(e, QStringLiteral("mapping.csv: not stored: input %1 (policy.csv) is of kind policy, not mapping: an input is replaced "
                                   "only by one of its kind").arg(policySeq));
        QCOMPARE(counts(), unchanged);
        QByteArray badMapping = mapping;
        badMapping.replace("svc-embed,embed,text-embedding-3-small,snap-2026-06,primary", "svc-embed,embed,text-embedding-3-small,snap-2026-06,sometimes");
        QVERIFY(!ws.saveInputs(period, {{prices, po, 0}, {badMapping, mo, mappingSeq}}, nullptr, &e));
        QVERIFY2(e.startsWith(QLatin1String("mapping.csv:8:")) && e.contains(QLatin1String("role")), qPrintable(e));
        QCOMPARE(counts(), unchanged);
        QVERIFY(!ws.saveInputs(period, {{mapping, mo, 99}}, nullptr, &e));
        QCOMPARE(e, QStringLiteral("mapping.csv: not stored: period 2026-05 has no input 99 to replace"));
        QCOMPARE(counts(), unchanged);

        QVERIFY(!ws.saveInputs(period, {{mapping, mo, mappingSeq}, {mapping, mo, mappingSeq}}, nullptr, &e));
        QCOMPARE(e, QStringLiteral("mapping.csv and mapping.csv both replace input %1: one input takes its place").arg(mappingSeq));
        QCOMPARE(counts(), unchanged);

        std::vector<ImportReport> reports;
        std::vector<qint64> seqs;
        QVERIFY2(ws.saveInputs(period, {{prices, po, 0}, {mapping, mo, mappingSeq}}, &reports, &e, &seqs), qPrintable(e));
        QCOMPARE(reports.size(), std::size_t(2));
        QCOMPARE(seqs, (std::vector<qint64>{8, 9}));
        QCOMPARE(reports[1].fileName, QStringLiteral("mapping.csv"));
        const std::vector<StoredInput> current = ws.inputs(period);
        QCOMPARE(current.size(), std::size_t(8)); // the new snapshot added, the mapping replaced
        const std::vector<StoredInput> all = ws.inputs(period, nullptr, InputScope::All);
        QCOMPARE(all.size(), std::size_t(9));
        const StoredInput &old = all[static_cast<std::size_t>(mappingSeq - 1)];
        QCOMPARE(old.seq, mappingSeq);
        QCOMPARE(old.supersededBy, qint64(9));
        QCOMPARE(all[8].kind, QStringLiteral("mapping"));
        QCOMPARE(all[8].addedBy, QStringLiteral("dana"));
        QCOMPARE(all[7].originalName, QStringLiteral("prices-snap-2026-06.csv"));
        for (const StoredInput &in : current)
            QVERIFY(in.seq != mappingSeq);

        // the same month written by hand as a job (the inputs in the store's order) reconciles to the same bytes
        QTemporaryDir dir;
        QJsonArray inputs;
        for (const StoredInput &in : current) {
            QJsonObject o = in.options;
            bool original = false;
            for (const StoredInput &b : before)
                original = original || b.sha256Stored == in.sha256Stored;
            if (original) { // as received (the client log before its secrets were redacted)
                QVERIFY(QFile::copy(kExample + QLatin1Char('/') + in.originalName, dir.filePath(in.originalName)));
            } else {
                QFile f(dir.filePath(in.originalName));
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(ws.fileBytes(in.sha256Stored));
                f.close();
            }
            o.insert(QStringLiteral("path"), in.originalName);
            inputs.append(o);
        }
        QJsonObject root = QJsonDocument::fromJson(readAll(kExample + QStringLiteral("/job.json"))).object();
        root.insert(QStringLiteral("inputs"), inputs);
        QFile jf(dir.filePath(QStringLiteral("job.json")));
        QVERIFY(jf.open(QIODevice::WriteOnly));
        jf.write(QJsonDocument(root).toJson());
        jf.close();
        const Job job = Job::load(dir.filePath(QStringLiteral("job.json")));
        LedgerSet set;
        JobRunner::load(job, set);
        const QByteArray byHand = ResultWriter::summaryJson(Reconciler::run(job, set), set);
        const qint64 secondRun = ws.runReconciliation(period, &e);
        QVERIFY2(secondRun > 0, qPrintable(e));
        StoredRun run2;
        QVERIFY(ws.run(secondRun, &run2, &e));
        QCOMPARE(run2.summaryJson, byHand);
        QVERIFY2(run2.summaryJson.contains("\"estimated_billable\": \"11.167098356\""), run2.summaryJson.constData());
        QVERIFY(!run2.jobJson.contains(before[static_cast<std::size_t>(mappingSeq - 1)].sha256Stored.toUtf8()));

        // the run made before the change still reproduces from the bytes it named
        const qint64 again = ws.rerun(firstRun, &e);
        QVERIFY2(again > 0, qPrintable(e));
        StoredRun rerun;
        QVERIFY(ws.run(again, &rerun, &e));
        QCOMPARE(rerun.summaryJson, run1.summaryJson);

        // a second editor still holding the old mapping is refused, by whom and when it was replaced
        WorkspaceStore *other = &ws;
        std::unique_ptr<WorkspaceStore> second;
        if (backend == QLatin1String("postgresql")) {
            second = std::make_unique<WorkspaceStore>();
            QVERIFY2(second->open(where, &e), qPrintable(e));
            second->setUser(QStringLiteral("erin"));
            other = second.get();
        }
        const QList<qint64> afterSave = counts();
        QVERIFY(!other->saveInputs(period, {{readAll(kExample + QStringLiteral("/mapping.csv")), mo, mappingSeq}}, nullptr, &e));
        QVERIFY2(e.startsWith(QStringLiteral("mapping.csv: not stored: input %1 (mapping.csv) was replaced meanwhile by input 9 (dana, 20")
                                  .arg(mappingSeq)),
                 qPrintable(e));
        QVERIFY2(e.endsWith(QLatin1String("); reload the period and edit its current input")), qPrintable(e));
        QCOMPARE(counts(), afterSave);

        // a frozen period takes no replacement
        QVERIFY2(ws.freezePeriod(period, &e), qPrintable(e));
        QVERIFY(!ws.saveInputs(period, {{mapping, mo, 9}}, nullptr, &e));
        QVERIFY2(e.contains(QLatin1String("is frozen")), qPrintable(e));
        QCOMPARE(counts(), afterSave);
    }

    void evidenceHistoryAndConflict_data() { backends(); }
    void evidenceHistoryAndConflict()
    {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP(qPrintable(m_pgSkipReason));
        const QString where = freshWorkspace(backend);
        WorkspaceStore ws;
        QString e;
        QVERIFY2(ws.open(where, &e), qPrintable(e));
        ws.setUser(QStringLiteral("alice"));
        EvidenceEntry a;
        a.evidenceId = QStringLiteral("EV-1");
        a.assumption = QStringLiteral("Video calls are billed per call");
        a.area = QStringLiteral("billing");
        a.owner = QStringLiteral("ops");
        a.nextReviewOn = QDate(2026, 6, 10);
        a.status = EvidenceStatus::Verified;
        QVERIFY2(ws.addEvidence(a, &e), qPrintable(e));
        QVERIFY(!ws.addEvidence(a, &e)); // same id twice
        EvidenceEntry b = a;
        b.evidenceId = QStringLiteral("EV-2");
        b.nextReviewOn = QDate(2026, 9, 1);
        QVERIFY2(ws.addEvidence(b, &e), qPrintable(e));
        EvidenceEntry c = a;
        c.evidenceId = QStringLiteral("EV-3");
        c.nextReviewOn = QDate(2026, 1, 1);
        c.status = EvidenceStatus::Superseded;
        QVERIFY2(ws.addEvidence(c, &e), qPrintable(e));

        StoredEvidence s;
        QVERIFY(ws.evidenceEntry(QStringLiteral("EV-1"), &s, &e));
        QCOMPARE(s.rowVersion, qint64(1));
        QVERIFY2(ws.editEvidence(QStringLiteral("EV-1"), QStringLiteral("owner"), QStringLiteral("finance"), 1, &e), qPrintable(e));
        // a second editor who still holds version 1
        WorkspaceStore *other = &ws;
        std::unique_ptr<WorkspaceStore> second;
        if (backend == QLatin1String("postgresql")) {
            second = std::make_unique<WorkspaceStore>();
            QVERIFY2(second->open(where, &e), qPrintable(e));
            second->setUser(QStringLiteral("bob"));
            other = second.get();
        }
        QVERIFY(!other->editEvidence(QStringLiteral("EV-1"), QStringLiteral("owner"), QStringLiteral("legal"), 1, &e));
        QVERIFY2(e.contains(QLatin1String("changed by someone else")), qPrintable(e));
        QVERIFY(ws.evidenceEntry(QStringLiteral("EV-1"), &s, &e));
        QCOMPARE(s.entry.owner, QStringLiteral("finance"));
        QCOMPARE(s.rowVersion, qint64(2));
        QVERIFY2(other->editEvidence(QStringLiteral("EV-1"), QStringLiteral("status"), QStringLiteral("unverified"), 2, &e), qPrintable(e));
        QVERIFY(!ws.editEvidence(QStringLiteral("EV-1"), QStringLiteral("status"), QStringLiteral("bogus"), 3, &e));
        QVERIFY(!ws.editEvidence(QStringLiteral("EV-1"), QStringLiteral("evidence_id"), QStringLiteral("X"), 3, &e));

        const std::vector<EvidenceChange> h = ws.evidenceHistory(QStringLiteral("EV-1"));
        QCOMPARE(h.size(), std::size_t(3));
        QCOMPARE(h[1].field, QStringLiteral("owner"));
        QCOMPARE(h[1].oldValue, QStringLiteral("ops"));
        QCOMPARE(h[1].newValue, QStringLiteral("finance"));
        QCOMPARE(h[1].changedBy, QStringLiteral("alice"));
        QCOMPARE(h[2].field, QStringLiteral("status"));
        QCOMPARE(h[2].oldValue, QStringLiteral("verified"));
        QCOMPARE(h[2].newValue, QStringLiteral("unverified"));

        // due: EV-1 (June 10) within 14 days of June 1; EV-2 (September) not; EV-3 superseded
        const std::vector<StoredEvidence> due = ws.dueEvidence(QDate(2026, 6, 1), 14);
        QCOMPARE(due.size(), std::size_t(1));
        QCOMPARE(due[0].entry.evidenceId, QStringLiteral("EV-1"));
        QCOMPARE(ws.dueEvidence(QDate(2026, 9, 1), 0).size(), std::size_t(2));
        const QByteArray csv = ws.evidenceCsv();
        QVERIFY(csv.startsWith("evidence_id,assumption,area"));
        QCOMPARE(csv.count('\n'), qsizetype(4));
    }

    void migratesFromVersion1_data() { backends(); }
    void migratesFromVersion1()
    {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP(qPrintable(m_pgSkipReason));
        const QString where = freshWorkspace(backend);
        QString e;
        {
            WorkspaceStore v1;
            QVERIFY2(v1.open(where, &e, 1), qPrintable(e));
            QCOMPARE(v1.schemaVersion(), 1);
        }
        // a version-1 program wrote a period (no controls column then)
        rawExec(where, QStringLiteral("INSERT INTO periods (label, start_utc, end_utc, account_ref, currency, created_at)"
                                      " VALUES ('2026-04', '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', 'acct', 'USD', 'x')"));
        WorkspaceStore ws;
        QVERIFY2(ws.open(where, &e), qPrintable(e));
        QCOMPARE(ws.schemaVersion(), WorkspaceStore::kSchemaVersion);
        StoredPeriod p;
        QVERIFY2(ws.period(QStringLiteral("2026-04"), &p, &e), qPrintable(e));
        QCOMPARE(p.accountRef, QStringLiteral("acct"));
        QVERIFY(p.controls.isEmpty());
        QVERIFY2(ws.createPeriod(cleanMonthPeriod(), &e), qPrintable(e));
    }

    void refusesNewerSchema_data() { backends(); }
    void refusesNewerSchema()
    {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP(qPrintable(m_pgSkipReason));
        const QString where = freshWorkspace(backend);
        QString e;
        {
            WorkspaceStore ws;
            QVERIFY2(ws.open(where, &e), qPrintable(e));
        }
        rawExec(where, QStringLiteral("UPDATE schema_version SET version = %1").arg(WorkspaceStore::kSchemaVersion + 5));
        WorkspaceStore ws;
        QVERIFY(!ws.open(where, &e));
        QVERIFY2(e.contains(QLatin1String("newer")), qPrintable(e));
        QVERIFY(!ws.isOpen());
        rawExec(where, QStringLiteral("UPDATE schema_version SET version = %1").arg(WorkspaceStore::kSchemaVersion));
        QVERIFY2(ws.open(where, &e), qPrintable(e)); // not damaged
    }

    void secondOpenIsInUse()
    {
        {
            WorkspaceStore none;
            QString e;
            QVERIFY(!none.open(QString(), &e));
            QCOMPARE(e, QStringLiteral("no workspace named: give a NAME.tlw path or a postgresql://user@host:port/db URL"));
        }
        const QString where = freshWorkspace(QStringLiteral("sqlite"));
        WorkspaceStore a, b;
        QString e;
        QVERIFY2(a.open(where, &e), qPrintable(e));
        QVERIFY(!b.open(where, &e));
        QVERIFY2(e.contains(QStringLiteral("in use by %1@").arg(QCoreApplication::applicationPid())), qPrintable(e));
        a.close();
        QVERIFY2(b.open(where, &e), qPrintable(e));
    }

    void signoffsAndPackets()
    {
        WorkspaceStore ws;
        QString e;
        QVERIFY2(ws.open(freshWorkspace(QStringLiteral("sqlite")), &e), qPrintable(e));
        QVERIFY2(ws.createPeriod(cleanMonthPeriod(), &e), qPrintable(e));
        importCleanMonth(ws);
        const qint64 run = ws.runReconciliation(QStringLiteral("2026-05"), &e);
        QVERIFY2(run > 0, qPrintable(e));
        QVERIFY2(ws.addSignoff(run, QStringLiteral("finance"), QStringLiteral("Fay"), QStringLiteral("approve"), QString(), &e), qPrintable(e));
        QVERIFY(!ws.addSignoff(run + 100, QStringLiteral("finance"), QStringLiteral("Fay"), QStringLiteral("approve"), QString(), &e)); // FK
        QVERIFY2(ws.addPacket(QStringLiteral("PKT-1"), run, QStringLiteral("ab"), QStringLiteral("KEY"), &e), qPrintable(e));
        QCOMPARE(ws.rowCount(QStringLiteral("signoffs")), qint64(1));
        QCOMPARE(ws.rowCount(QStringLiteral("packets")), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceStore)
#include "tst_workspacestore.moc"
