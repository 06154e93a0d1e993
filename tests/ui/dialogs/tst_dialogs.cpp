// SPDX-License-Identifier: Apache-2.0
// The reviewer's and the importer's dialogs driven offscreen: the sign-off refuses an incomplete
// record and saves one the packet reads (and into a .tlw workspace, against a stored run); the
// import wizard detects formats, previews rows, imports off the GUI thread with a report, honours
// Cancel, and creates a workspace when nothing is open; the demo workspace opens from a store.
#include "core/packet/reviewrecord.h"
#include "core/reconcile/job.h"
#include "core/store/workspacestore.h"
#include "ui/dialogs/importfilespage.h"
#include "ui/dialogs/importpreviewpage.h"
#include "ui/dialogs/importrunpage.h"
#include "ui/dialogs/importwizard.h"
#include "ui/dialogs/signoffdialog.h"
#include "ui/document/demoinstaller.h"
#include "ui/document/evidenceregister.h"
#include "ui/document/importrunner.h"
#include "ui/document/workspacedocument.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;

namespace {

QString exampleDir()
{
    return QStringLiteral(TL_SHARED_DIR "/examples/clean-month");
}

bool waitForLoad(WorkspaceDocument *doc)
{
    doc->future().waitForFinished();
    return QTest::qWaitFor([doc] { return !doc->isLoading() && doc->hasWorkspace(); }, 120000);
}

// A copy of the example job without its owners input (the wizard adds it back).
QString jobWithoutOwners(QTemporaryDir &dir)
{
    const QDir src(exampleDir());
    for (const QString &name : src.entryList(QDir::Files))
        QFile::copy(src.filePath(name), dir.filePath(name));
    QFile f(dir.filePath(QStringLiteral("job.json")));
    f.open(QIODevice::ReadOnly);
    QJsonObject job = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    QJsonArray inputs;
    for (const QJsonValue &v : job.value(QLatin1String("inputs")).toArray())
        if (v.toObject().value(QLatin1String("kind")).toString() != QLatin1String("owners"))
            inputs.append(v);
    job.insert(QStringLiteral("inputs"), inputs);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(job).toJson());
    return f.fileName();
}

// TL_GRAB_DIR=DIR saves what the dialogs look like (for looking at them, not for asserting).
void grab(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("TL_GRAB_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

bool runImport(ImportWizard &w)
{
    if (!w.validateCurrentPage())
        return false;
    w.next(); // preview
    w.next(); // import
    w.runPage()->future().waitForFinished();
    return QTest::qWaitFor([&w] { return !w.runPage()->isRunning() && w.runPage()->outcome().reports.size() + 1 > 0; }, 60000)
        && QTest::qWaitFor([&w] { return w.runPage()->statusLabel()->text().contains(QLatin1String("Done"))
                                      || w.runPage()->statusLabel()->text().contains(QLatin1String("Stopped"))
                                      || w.runPage()->statusLabel()->text().contains(QLatin1String("Canceled")); },
                           10000);
}

} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signOffRefusesIncomplete();
    void signOffSavesRecord();
    void importDetectsAndPreviews();
    void importAddsToJob();
    void importStopsAtBadLine();
    void importCancels();
    void importCreatesWorkspace();
    void importReplacesStoredInput();
    void importReplacesJobInput();
    void signOffIntoStore();
    void demoWorkspace();

private:
    std::shared_ptr<const Workspace> m_ws;
    QTemporaryDir m_home;
};

void TestDialogs::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    // QSettings of the sign-off (last reviewer) go to a throwaway place.
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("TokenLedgerTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_dialogs"));
    WorkspaceDocument doc;
    doc.open(exampleDir() + QStringLiteral("/job.json"));
    QVERIFY(waitForLoad(&doc));
    m_ws = doc.workspace();
}

void TestDialogs::signOffRefusesIncomplete()
{
    SignOffDialog d(m_ws, nullptr);
    QCOMPARE(d.value(QStringLiteral("decision")), QStringLiteral("warn")); // the engine's
    QCOMPARE(d.value(QStringLiteral("ledger_period")), QStringLiteral("May 2026"));
    QVERIFY(d.value(QStringLiteral("source_urls_checked")).contains(QStringLiteral("https://")));
    d.setValue(QStringLiteral("reviewer"), QString());
    d.setValue(QStringLiteral("decision"), QStringLiteral("pass"));
    d.setValue(QStringLiteral("notes"), QString());
    const QStringList p = d.problems();
    QVERIFY(p.contains(QStringLiteral("Reviewer is required: a sign-off names who reviewed.")));
    QVERIFY(p.contains(QStringLiteral("Notes are required when your decision (pass) differs from the engine's (warn): say why.")));
    d.setValue(QStringLiteral("decision"), QStringLiteral("warn"));
    QVERIFY(d.problems().contains(QStringLiteral("Follow-up owner is required when the decision is warn: who owns the next check.")));
    QTemporaryDir dir;
    d.setOutputPath(dir.filePath(QStringLiteral("signoff.json")));
    QVERIFY(!d.save());
    QVERIFY(d.messageLabel()->text().contains(QStringLiteral("Not saved.")));
    d.show();
    grab(&d, QStringLiteral("signoff-refused"));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("signoff.json"))));
}

void TestDialogs::signOffSavesRecord()
{
    SignOffDialog d(m_ws, nullptr);
    d.show();
    d.setValue(QStringLiteral("reviewer"), QStringLiteral("Dana Reviewer"));
    d.setValue(QStringLiteral("reviewer_role"), QStringLiteral("finance-reviewer"));
    d.setValue(QStringLiteral("review_date"), QStringLiteral("2026-06-05"));
    d.setValue(QStringLiteral("notes"), QStringLiteral("One stream without usage; variance within threshold."));
    d.setValue(QStringLiteral("follow_up_owner"), QStringLiteral("platform-team"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("signoff.json"));
    d.setOutputPath(path);
    grab(&d, QStringLiteral("signoff"));
    QVERIFY(d.save());
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray json = f.readAll();
    ReviewRecord r;
    QString error;
    QVERIFY2(ReviewRecord::fromJson(json, QStringLiteral("signoff.json"), &r, &error), qPrintable(error));
    QCOMPARE(r.value(QStringLiteral("reviewer")), QStringLiteral("Dana Reviewer"));
    QCOMPARE(r.value(QStringLiteral("reviewer_role")), QStringLiteral("finance-reviewer"));
    QCOMPARE(r.value(QStringLiteral("decision")), QStringLiteral("warn"));
    QCOMPARE(r.value(QStringLiteral("follow_up_owner")), QStringLiteral("platform-team"));
    QCOMPARE(r.value(QStringLiteral("review_date")), QStringLiteral("2026-06-05"));
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    // Every field of the record is there, in the spec's order; what does not apply is null.
    QCOMPARE(o.keys().size(), ReviewRecord::fieldNames().size());
    QVERIFY(o.value(QLatin1String("request_owner")).isNull());
    QVERIFY(o.value(QLatin1String("source_urls_checked")).isArray());
    QCOMPARE(o.value(QLatin1String("pricing_reference_checked")).toString(), QStringLiteral("yes"));
    // The next sign-off remembers the reviewer.
    SignOffDialog again(m_ws, nullptr);
    QCOMPARE(again.value(QStringLiteral("reviewer")), QStringLiteral("Dana Reviewer"));
}

void TestDialogs::importDetectsAndPreviews()
{
    QTemporaryDir dir;
    WorkspaceDocument doc;
    doc.open(jobWithoutOwners(dir));
    QVERIFY(waitForLoad(&doc));
    ImportWizard w(&doc);
    w.show();
    QCOMPARE(w.target().kind, ImportTarget::Kind::JobFile);
    ImportFilesPage *files = w.filesPage();
    QVERIFY(!files->isComplete());
    files->addFiles({dir.filePath(QStringLiteral("owners.csv")), dir.filePath(QStringLiteral("quota.json")),
                     QStringLiteral(TL_TEST_DATA "/ui/sidebyside/gateway.csv")});
    QCOMPARE(files->fileCount(), 3);
    QCOMPARE(files->kind(0), QStringLiteral("owners"));
    QCOMPARE(files->format(0), QStringLiteral("owners_csv"));
    QVERIFY(files->detected(0));
    QCOMPARE(files->kind(1), QStringLiteral("provider"));
    QCOMPARE(files->format(1), QStringLiteral("cometapi_quota"));
    QVERIFY(!files->table()->item(1, ImportFilesPage::ObservedColumn)->text().isEmpty()); // a provider file needs it
    QCOMPARE(files->kind(2), QStringLiteral("gateway")); // the name says gateway
    QCOMPARE(files->format(2), QStringLiteral("request_log_csv"));
    QVERIFY(files->isComplete());
    grab(&w, QStringLiteral("import-files"));
    // A format that cannot feed the ledger is refused with the file's name.
    files->setFormat(0, QStringLiteral("finance_csv"));
    std::vector<ImportRequest> r;
    QString error;
    QVERIFY(!files->requests(&r, &error));
    QCOMPARE(error, QStringLiteral("owners.csv: the format finance_csv does not feed the owners ledger."));
    files->setFormat(0, QStringLiteral("owners_csv"));
    QVERIFY(w.validateCurrentPage());
    w.next();
    ImportPreviewPage *preview = w.previewPage();
    QCOMPARE(preview->table()->horizontalHeaderItem(0)->text(), QStringLiteral("api_key_name"));
    QCOMPARE(preview->table()->rowCount(), 6); // owners.csv has six keys
    QVERIFY(preview->formatLabel()->text().contains(QStringLiteral("chosen by hand"))); // set back by hand above
    grab(&w, QStringLiteral("import-preview"));
    preview->showFile(1);
    QVERIFY(preview->formatLabel()->text().contains(QStringLiteral("detected from its content")));
    QVERIFY(preview->text()->toPlainText().contains(QStringLiteral("daily_quota")));
}

void TestDialogs::importAddsToJob()
{
    QTemporaryDir dir;
    const QString job = jobWithoutOwners(dir);
    WorkspaceDocument doc;
    doc.open(job);
    QVERIFY(waitForLoad(&doc));
    QVERIFY(doc.workspace()->set.owners.empty());
    ImportWizard w(&doc);
    w.show();
    w.filesPage()->addFiles({dir.filePath(QStringLiteral("owners.csv"))});
    QSignalSpy finished(w.runPage(), &ImportRunPage::importFinished);
    QVERIFY(runImport(w));
    QVERIFY(w.runPage()->succeeded());
    QVERIFY(w.runPage()->isComplete());
    QCOMPARE(w.runPage()->progressBar()->value(), w.runPage()->progressBar()->maximum());
    QVERIFY(w.runPage()->reportView()->toPlainText().contains(QStringLiteral("owners.csv")));
    grab(&w, QStringLiteral("import-done"));
    QVERIFY2(w.runPage()->statusLabel()->text().contains(QStringLiteral("6 rows accepted")), qPrintable(w.runPage()->statusLabel()->text()));
    // The job now lists the file (relative to it), and a reload reads it.
    const Job j = Job::load(job);
    bool found = false;
    for (const JobInput &in : j.inputs)
        found = found || (in.options.kind == LedgerKind::Owners && in.path.endsWith(QLatin1String("owners.csv")));
    QVERIFY(found);
    QSignalSpy done(&doc, &WorkspaceDocument::loadFinished);
    doc.reload();
    QVERIFY(done.wait(60000));
    QCOMPARE(doc.workspace()->set.owners.size(), std::size_t(6));
}

void TestDialogs::importStopsAtBadLine()
{
    QTemporaryDir dir;
    const QString job = jobWithoutOwners(dir);
    QFile bad(dir.filePath(QStringLiteral("owners-bad.csv")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("api_key_name,owner_group,environment,workload,cost_center,allocation_rule,monthly_budget,currency,allowed_ips\n"
              "k1,team,prod,w,CC,direct,lots,USD,\n");
    bad.close();
    QFile f(job);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    WorkspaceDocument doc;
    doc.open(job);
    QVERIFY(waitForLoad(&doc));
    ImportWizard w(&doc);
    w.show();
    w.filesPage()->addFiles({bad.fileName()});
    QCOMPARE(w.filesPage()->format(0), QStringLiteral("owners_csv"));
    QVERIFY(runImport(w));
    QVERIFY(!w.runPage()->succeeded());
    QVERIFY(!w.runPage()->isComplete());
    QVERIFY2(w.runPage()->outcome().error.contains(QStringLiteral("owners-bad.csv:2")), qPrintable(w.runPage()->outcome().error));
    QVERIFY(w.runPage()->statusLabel()->text().contains(QStringLiteral("Nothing was added")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before); // the job is untouched
}

void TestDialogs::importCancels()
{
    QTemporaryDir dir;
    const QString job = jobWithoutOwners(dir);
    QFile f(job);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    WorkspaceDocument doc;
    doc.open(job);
    QVERIFY(waitForLoad(&doc));
    ImportWizard w(&doc);
    w.show();
    QStringList many;
    for (int i = 0; i < 200; ++i)
        many << dir.filePath(QStringLiteral("client.csv"));
    w.filesPage()->addFiles(many);
    QVERIFY(w.validateCurrentPage());
    w.next();
    w.next();
    QVERIFY(w.runPage()->isRunning());
    QTest::mouseClick(w.runPage()->cancelButton(), Qt::LeftButton);
    w.runPage()->future().waitForFinished();
    QTRY_VERIFY(w.runPage()->statusLabel()->text().contains(QStringLiteral("Canceled")));
    QVERIFY(w.runPage()->outcome().canceled);
    QVERIFY(!w.runPage()->isComplete());
    QVERIFY(w.runPage()->outcome().reports.size() < 200);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before); // a canceled import adds nothing to a job
}

void TestDialogs::importCreatesWorkspace()
{
    QTemporaryDir dir;
    WorkspaceDocument doc; // nothing open
    ImportWizard w(&doc);
    w.show();
    QCOMPARE(w.target().kind, ImportTarget::Kind::NewStore);
    QVERIFY(!w.filesPage()->isComplete());
    const QString tlw = dir.filePath(QStringLiteral("new"));
    w.filesPage()->setNewWorkspace(tlw, QDate(2026, 5, 1), QStringLiteral("acct-redacted"));
    const QDir src(exampleDir());
    QStringList files;
    for (const QString &name : src.entryList({QStringLiteral("*.csv"), QStringLiteral("*.json")}, QDir::Files))
        if (name != QLatin1String("job.json") && name != QLatin1String("expected-summary.json"))
            files << src.filePath(name);
    w.filesPage()->addFiles(files);
    for (int r = 0; r < w.filesPage()->fileCount(); ++r)
        if (w.filesPage()->kind(r) == QLatin1String("provider"))
            w.filesPage()->setObservedAt(r, QStringLiteral("2026-06-05T00:00:00Z"));
    QCOMPARE(w.target().location, tlw + QStringLiteral(".tlw"));
    QCOMPARE(w.target().newPeriod.startUtc, QStringLiteral("2026-05-01T00:00:00Z"));
    QVERIFY2(runImport(w), qPrintable(w.runPage()->statusLabel()->text()));
    QVERIFY2(w.runPage()->succeeded(), qPrintable(w.runPage()->outcome().error));
    QCOMPARE(w.runPage()->outcome().imported, int(files.size()));
    // Opened like any workspace: the same decision as the example job.
    doc.open(tlw + QStringLiteral(".tlw"));
    QVERIFY(waitForLoad(&doc));
    QCOMPARE(doc.workspace()->periodLabel, QStringLiteral("2026-05"));
    QCOMPARE(doc.workspace()->result.lineRow.size(), m_ws->result.lineRow.size());
    QCOMPARE(doc.workspace()->result.estimatedBillable, m_ws->result.estimatedBillable);
}

void TestDialogs::importReplacesStoredInput()
{
    // A new owners table imported into a stored period takes the place of the current one by
    // default (two would both count); an evidence file is added beside the others.
    QTemporaryDir dir;
    const QString tlw = dir.filePath(QStringLiteral("w.tlw"));
    QString error;
    QVERIFY2(DemoInstaller::storeFromJob(exampleDir() + QStringLiteral("/job.json"), tlw, &error), qPrintable(error));
    QFile src(exampleDir() + QStringLiteral("/owners.csv"));
    QVERIFY(src.open(QIODevice::ReadOnly));
    QByteArray owners = src.readAll();
    owners.replace("search-prod,search-team,prod,search,CC-SEA,direct,500.00", "search-prod,search-team,prod,search,CC-SEA,direct,25.00");
    QFile edited(dir.filePath(QStringLiteral("owners.csv")));
    QVERIFY(edited.open(QIODevice::WriteOnly));
    edited.write(owners);
    edited.close();
    WorkspaceDocument doc;
    doc.open(tlw);
    QVERIFY(waitForLoad(&doc));
    ImportWizard w(&doc);
    w.show();
    QCOMPARE(w.target().kind, ImportTarget::Kind::Store);
    QCOMPARE(w.target().current.size(), std::size_t(7));
    ImportFilesPage *files = w.filesPage();
    QVERIFY(!files->table()->isColumnHidden(ImportFilesPage::ReplacesColumn));
    files->addFiles({dir.filePath(QStringLiteral("owners.csv")), exampleDir() + QStringLiteral("/evidence.csv")});
    QCOMPARE(files->kind(0), QStringLiteral("owners"));
    QCOMPARE(files->replaces(0), qint64(7));
    auto *box = static_cast<QComboBox *>(files->table()->cellWidget(0, ImportFilesPage::ReplacesColumn));
    QCOMPARE(box->currentText(), QStringLiteral("owners.csv (input #7)"));
    QCOMPARE(files->replaces(1), qint64(0)); // evidence: added
    QVERIFY(files->setReplaces(1, 6));       // or in place of evidence.csv (#6), when asked
    QVERIFY(!files->setReplaces(1, 7));      // not in place of another kind
    QVERIFY(files->setReplaces(1, 0));
    // The same input cannot be replaced twice in one import.
    files->addFiles({exampleDir() + QStringLiteral("/owners.csv")});
    std::vector<ImportRequest> requests;
    QVERIFY(!files->requests(&requests, &error));
    QCOMPARE(error, QStringLiteral("owners.csv and owners.csv both replace input #7: one file takes its place."));
    files->removeFile(2);
    QVERIFY2(files->requests(&requests, &error), qPrintable(error));
    grab(&w, QStringLiteral("import-replaces"));
    QVERIFY2(runImport(w), qPrintable(w.runPage()->statusLabel()->text()));
    QVERIFY2(w.runPage()->succeeded(), qPrintable(w.runPage()->outcome().error));
    QSignalSpy done(&doc, &WorkspaceDocument::loadFinished);
    doc.reload();
    QVERIFY(done.wait(60000));
    const auto ws = doc.workspace();
    QCOMPARE(ws->storedInputs.size(), std::size_t(8)); // owners #7 replaced by #8; evidence #9 added
    QCOMPARE(ws->storedInputs.back().seq, qint64(9));
    QCOMPARE(ws->storedInputs.back().kind, QStringLiteral("evidence"));
    QCOMPARE(ws->storedInputs[6].seq, qint64(8));
    QCOMPARE(ws->storedInputs[6].kind, QStringLiteral("owners"));
    QCOMPARE(ws->set.owners.size(), std::size_t(6)); // one owners table, not two
    for (const OwnerRow &o : ws->set.owners)
        if (o.apiKeyName == QLatin1String("search-prod"))
            QCOMPARE(o.monthlyBudget.value.toString(), QStringLiteral("25"));
}

void TestDialogs::importReplacesJobInput()
{
    // The same in a job file: a new owners table takes the place of the job's owners input (its
    // position and the other inputs unchanged; the old file stays where it is).
    QTemporaryDir dir;
    const QDir src(exampleDir());
    for (const QString &name : src.entryList(QDir::Files))
        QVERIFY(QFile::copy(src.filePath(name), dir.filePath(name)));
    QFile f(dir.filePath(QStringLiteral("owners.csv")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray owners = f.readAll();
    f.close();
    owners.replace("search-prod,search-team,prod,search,CC-SEA,direct,500.00", "search-prod,search-team,prod,search,CC-SEA,direct,25.00");
    QFile edited(dir.filePath(QStringLiteral("owners-june.csv")));
    QVERIFY(edited.open(QIODevice::WriteOnly));
    edited.write(owners);
    edited.close();
    const QString job = dir.filePath(QStringLiteral("job.json"));
    const Job before = Job::load(job);
    WorkspaceDocument doc;
    doc.open(job);
    QVERIFY(waitForLoad(&doc));
    ImportWizard w(&doc);
    w.show();
    QCOMPARE(w.target().kind, ImportTarget::Kind::JobFile);
    ImportFilesPage *files = w.filesPage();
    QVERIFY(!files->table()->isColumnHidden(ImportFilesPage::ReplacesColumn));
    files->addFiles({edited.fileName()});
    QCOMPARE(files->kind(0), QStringLiteral("owners"));
    QCOMPARE(files->replaces(0), qint64(7));
    QCOMPARE(static_cast<QComboBox *>(files->table()->cellWidget(0, ImportFilesPage::ReplacesColumn))->currentText(),
             QStringLiteral("owners.csv (input #7)"));
    QVERIFY2(runImport(w), qPrintable(w.runPage()->statusLabel()->text()));
    QVERIFY2(w.runPage()->succeeded(), qPrintable(w.runPage()->outcome().error));
    const Job after = Job::load(job);
    QCOMPARE(after.inputs.size(), before.inputs.size());
    QCOMPARE(after.inputs[6].options.kind, LedgerKind::Owners);
    QCOMPARE(QFileInfo(after.inputs[6].path).fileName(), QStringLiteral("owners-june.csv"));
    for (std::size_t i = 0; i < 6; ++i)
        QCOMPARE(after.inputs[i].path, before.inputs[i].path);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("owners.csv"))));
    // Told to replace an input that is not of its kind (the job changed meanwhile): refused, the job as it was.
    ImportRequest wrong;
    wrong.path = edited.fileName();
    wrong.options.kind = LedgerKind::Owners;
    wrong.options.format = QStringLiteral("owners_csv");
    wrong.options.displayName = QStringLiteral("owners-june.csv");
    wrong.replaces = 1; // the client log
    QFile jf(job);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const QByteArray jobBytes = jf.readAll();
    jf.close();
    QString error;
    QVERIFY(!ImportRunner::addInputsToJob(job, {wrong}, &error));
    QCOMPARE(error, QStringLiteral("owners-june.csv was to replace input 1 of job.json, which is no owners input (the job changed meanwhile?); "
                                   "the job was not changed"));
    QVERIFY(jf.open(QIODevice::ReadOnly));
    QCOMPARE(jf.readAll(), jobBytes);
    jf.close();
    QSignalSpy done(&doc, &WorkspaceDocument::loadFinished);
    doc.reload();
    QVERIFY(done.wait(60000));
    QCOMPARE(doc.workspace()->set.owners.size(), std::size_t(6));
    for (const OwnerRow &o : doc.workspace()->set.owners)
        if (o.apiKeyName == QLatin1String("search-prod"))
            QCOMPARE(o.monthlyBudget.value.toString(), QStringLiteral("25"));
}

void TestDialogs::signOffIntoStore()
{
    QTemporaryDir dir;
    const QString tlw = dir.filePath(QStringLiteral("w.tlw"));
    QString error;
    QVERIFY2(DemoInstaller::storeFromJob(exampleDir() + QStringLiteral("/job.json"), tlw, &error), qPrintable(error));
    WorkspaceDocument doc;
    doc.open(tlw);
    QVERIFY(waitForLoad(&doc));
    QVERIFY(doc.store());
    QCOMPARE(doc.store()->rowCount(QStringLiteral("runs")), qint64(0));
    SignOffDialog d(doc.workspace(), doc.store());
    d.setValue(QStringLiteral("reviewer"), QStringLiteral("Dana Reviewer"));
    d.setValue(QStringLiteral("follow_up_owner"), QStringLiteral("platform-team"));
    d.setOutputPath(dir.filePath(QStringLiteral("signoff.json")));
    QVERIFY2(d.save(), qPrintable(d.messageLabel()->text()));
    // The period's inputs had no stored run: one was stored, and the sign-off points to it.
    QVERIFY(d.runId() > 0);
    QCOMPARE(doc.store()->rowCount(QStringLiteral("runs")), qint64(1));
    QCOMPARE(doc.store()->rowCount(QStringLiteral("signoffs")), qint64(1));
    StoredRun run;
    QVERIFY(doc.store()->run(d.runId(), &run, &error));
    QCOMPARE(run.decision, QStringLiteral("warn"));
    // A second sign-off of the same inputs uses the same run.
    SignOffDialog again(doc.workspace(), doc.store());
    again.setValue(QStringLiteral("reviewer"), QStringLiteral("Lee Auditor"));
    again.setValue(QStringLiteral("reviewer_role"), QStringLiteral("auditor"));
    again.setValue(QStringLiteral("follow_up_owner"), QStringLiteral("platform-team"));
    again.setOutputPath(dir.filePath(QStringLiteral("signoff-2.json")));
    QVERIFY(again.save());
    QCOMPARE(again.runId(), d.runId());
    QCOMPARE(doc.store()->rowCount(QStringLiteral("runs")), qint64(1));
    QCOMPARE(doc.store()->rowCount(QStringLiteral("signoffs")), qint64(2));
}

void TestDialogs::demoWorkspace()
{
    QTemporaryDir dir;
    QString tlw, error;
    QVERIFY2(DemoInstaller::install(dir.filePath(QStringLiteral("demo")), &tlw, &error), qPrintable(error));
    QVERIFY(tlw.endsWith(QLatin1String("demo/demo.tlw")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("demo/demo.partial.tlw"))));
    WorkspaceDocument doc;
    doc.open(tlw);
    QVERIFY(waitForLoad(&doc));
    const auto ws = doc.workspace();
    QVERIFY(ws->fromStore());
    QVERIFY(ws->result.lineRow.size() > 50000);
    QVERIFY(ws->result.providerReported.known);
    QVERIFY(doc.evidence()->isStoreBacked());
    QVERIFY(doc.evidence()->count() > 0);
    QVERIFY(ws->alignment.hasGateway);
    // A second install reuses it.
    QString again;
    QVERIFY(DemoInstaller::install(dir.filePath(QStringLiteral("demo")), &again, &error));
    QCOMPARE(again, tlw);
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
