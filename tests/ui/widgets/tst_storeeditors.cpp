// SPDX-License-Identifier: Apache-2.0
// The input editors in a workspace store (issue #5): the clean month imported into a .tlw, opened
// in the workbench; the owners table, a new price snapshot (with the mapping pointed at it) and
// the policy are edited, checked and saved as stored inputs that replace the period's current
// ones; the runs follow to the digit; a stale edit and a frozen period are refused with the reason.
#include "core/reconcile/job.h"
#include "core/store/workspacestore.h"
#include "tests/support/temppostgres.h"
#include "ui/document/inputtable.h"
#include "ui/document/workspacedocument.h"
#include "ui/widgets/inputtableeditor.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/pricesnapshoteditor.h"
#include "ui/widgets/workspacesidebar.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidgetItem>
#include <QTest>
#include <QUndoStack>

using namespace tl;

namespace {

const QString kExample = QStringLiteral(TL_SHARED_DIR "/examples/clean-month");
const QString kPeriod = QStringLiteral("2026-05");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** The clean month in a new .tlw: one period, its seven inputs in job.json's order (owners is input 7). */
bool makeStore(const QString &path, QString *error)
{
    WorkspaceStore ws;
    if (!ws.open(path, error))
        return false;
    ws.setUser(QStringLiteral("alice"));
    StoredPeriod p;
    p.label = kPeriod;
    p.startUtc = QStringLiteral("2026-05-01T00:00:00Z");
    p.endUtc = QStringLiteral("2026-06-01T00:00:00Z");
    p.accountRef = QStringLiteral("acct-redacted");
    if (!ws.createPeriod(p, error))
        return false;
    const Job job = Job::load(kExample + QStringLiteral("/job.json"));
    for (const JobInput &in : job.inputs)
        if (!ws.importFile(kPeriod, in.path, in.options, nullptr, error))
            return false;
    return true;
}

bool waitForLoad(MainWindow &w, const std::shared_ptr<const Workspace> &before)
{
    w.document()->future().waitForFinished();
    return QTest::qWaitFor([&] { return !w.document()->isLoading() && w.document()->workspace() && w.document()->workspace() != before; },
                           30000);
}

/** The period's current input of a kind, read through the window's own store connection (a .tlw has one). */
StoredInput current(WorkspaceDocument *doc, const QString &kind, std::vector<StoredInput> *all = nullptr)
{
    StoredInput found;
    WorkspaceStore *ws = doc->store();
    if (!ws)
        return found;
    for (const StoredInput &in : ws->inputs(kPeriod))
        if (in.kind == kind)
            found = in;
    if (all)
        *all = ws->inputs(kPeriod, nullptr, InputScope::All);
    return found;
}

} // namespace

class TestStoreEditors : public QObject
{
    Q_OBJECT

    tl::test::TempPostgres m_pg;
    int m_dbSeq = 0;

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        QString error;
        if (tl::test::TempPostgres::isInstalled())
            QVERIFY2(m_pg.start(&error), qPrintable(error));
    }
    void cleanupTestCase() { m_pg.stop(); }
    void ownersPricesAndPolicyReplaceStoredInputs_data();
    void ownersPricesAndPolicyReplaceStoredInputs();
    void readOnlyWithTheReason();
    void sidebarListsPeriodsAndRuns();
    void undoNeverBringsBackStaleResults();
};

void TestStoreEditors::ownersPricesAndPolicyReplaceStoredInputs_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

void TestStoreEditors::ownersPricesAndPolicyReplaceStoredInputs()
{
    // A .tlw, and a team's PostgreSQL database (the window keeps its connection open there).
    QFETCH(QString, backend);
    QTemporaryDir dir;
    QString tlw = dir.filePath(QStringLiteral("team.tlw"));
    QString error;
    if (backend == QLatin1String("postgresql")) {
        if (!m_pg.isUp())
            QSKIP(qPrintable(tl::test::TempPostgres::skipReason()));
        tlw = m_pg.newDatabase(QStringLiteral("editors%1").arg(++m_dbSeq), &error);
        QVERIFY2(!tlw.isEmpty(), qPrintable(error));
    }
    QVERIFY2(makeStore(tlw, &error), qPrintable(error));

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.openJob(tlw);
    QVERIFY(waitForLoad(w, nullptr));
    WorkspaceDocument *doc = w.document();
    QCOMPARE(doc->workspace()->result.estimatedBillable.toString(), QStringLiteral("10.814488356"));
    QVERIFY(doc->store());
    doc->store()->setUser(QStringLiteral("bob"));

    // Owners: the period's input 7, editable, checked by the importer, undoable.
    w.showPage(WorkbenchPage::Owners);
    InputTableEditor *oe = w.ownersEditor();
    InputTable *owners = doc->owners();
    QVERIFY2(owners->isEditable(), qPrintable(owners->readOnlyReason()));
    QVERIFY(owners->isStored());
    QCOMPARE(owners->storedSeq(), qint64(7));
    QCOMPARE(owners->sourceName(), QStringLiteral("owners.csv"));
    QCOMPARE(oe->table()->rowCount(), 6);
    QVERIFY2(oe->captionLabel()->text().startsWith(QStringLiteral("Editing <b>owners.csv</b>, stored input #7 of the period")),
             qPrintable(oe->captionLabel()->text()));
    const int budget = owners->columnOf(QStringLiteral("monthly_budget"));
    const int support = owners->rowOfKey(QStringLiteral("support-prod"));
    QCOMPARE(owners->value(support, budget), QStringLiteral("500.00"));
    QVERIFY(!oe->editCell(support, budget, QStringLiteral("-5")));
    QCOMPARE(oe->messageLabel()->text(),
             QStringLiteral("Not changed: owners.csv:2: column 'monthly_budget': a budget cannot be negative, got \"-5\""));
    QVERIFY(oe->editCell(support, budget, QStringLiteral("0.40")));
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Edit monthly_budget of support-prod"));
    QVERIFY(oe->captionLabel()->text().contains(QStringLiteral("Save stores them as a new input that replaces #7")));
    QVERIFY(oe->saveButton()->isEnabled());
    // An edit of the policy, not saved yet: saving the owners (which reloads the period) keeps it.
    InputTable *policy = doc->policy();
    QCOMPARE(policy->storedSeq(), qint64(5));
    const int serverError = policy->rowOfKey(QStringLiteral("server_error"));
    QVERIFY(serverError >= 0);
    QVERIFY(w.policyEditor()->editCell(serverError, 1, QStringLiteral("partial")));
    auto before = doc->workspace();
    QVERIFY(oe->save());
    QCOMPARE(oe->messageLabel()->text(), QStringLiteral("Stored owners.csv in the period; reconciling again."));
    QCOMPARE(owners->storedSeq(), qint64(8)); // at once: a second save replaces what this one stored
    QVERIFY(waitForLoad(w, before));
    // The period's owners are input 8 now (by bob); input 7 is kept, replaced by 8.
    std::vector<StoredInput> all;
    QVERIFY(doc->store()); // taken back after the reload
    StoredInput o = current(doc, QStringLiteral("owners"), &all);
    QCOMPARE(o.seq, qint64(8));
    QCOMPARE(o.addedBy, QStringLiteral("bob"));
    QCOMPARE(all.size(), std::size_t(8));
    QCOMPARE(all[6].supersededBy, qint64(8));
    QCOMPARE(owners->storedSeq(), qint64(8));
    QVERIFY(!owners->isModified());
    QCOMPARE(owners->value(support, budget), QStringLiteral("0.40"));
    bool exceeded = false;
    for (const auto &a : doc->workspace()->result.allocation.alerts)
        exceeded = exceeded || (a.code == QLatin1String("budget_exceeded") && a.detail.contains(QLatin1String("support-prod")));
    QVERIFY(exceeded);
    // The reload after a save is no undo step (it would bring back results of a replaced input); the edits' steps stay.
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Edit treatment of server_error"));
    QVERIFY(policy->isModified());
    QCOMPARE(policy->value(serverError, 1), QStringLiteral("partial"));

    // A new price snapshot: gpt-4o input at 5.00; stored with the mapping pointed at it, in one transaction.
    w.showPage(WorkbenchPage::Prices);
    PriceSnapshotEditor *pe = w.pricesEditor();
    InputTable *prices = pe->inputTable();
    InputTable *mapping = doc->mappings();
    QCOMPARE(pe->usedSnapshotIds(), QStringList{QStringLiteral("snap-2026-05")});
    QVERIFY(pe->newButton()->isEnabled());
    NewSnapshotFields f{QStringLiteral("snap-2026-05b"), QStringLiteral("2026-05-20"), QStringLiteral("finops"), QStringLiteral("2026-05-01")};
    QVERIFY2(pe->startNewSnapshot(QStringLiteral("snap-2026-05"), f), qPrintable(pe->statusLabel()->text()));
    QVERIFY(prices->isStored());
    QCOMPARE(prices->storedSeq(), qint64(0));
    QCOMPARE(prices->sourceName(), QStringLiteral("prices-snap-2026-05b.csv"));
    QCOMPARE(pe->statusLabel()->text(),
             QStringLiteral("Editing new snapshot prices-snap-2026-05b, copied from snap-2026-05 (not part of the period until saved)."));
    const int input = prices->columnOf(QStringLiteral("input_price"));
    QCOMPARE(prices->value(0, input), QStringLiteral("2.50"));
    QVERIFY(!pe->editor()->editCell(0, input, QStringLiteral("abc")));
    QCOMPARE(pe->editor()->messageLabel()->text(),
             QStringLiteral("Not changed: prices-snap-2026-05b.csv:2: column 'input_price': expected a decimal number such as 12.5 or 1.5e-7, got \"abc\""));
    QVERIFY(pe->editor()->editCell(0, input, QStringLiteral("5.00")));

    // Meanwhile someone else replaces the mapping (input 4 -> 9): the snapshot and the mapping are
    // stored together or not at all, so nothing is stored and the mapping is as it was.
    const int snapCol = mapping->columnOf(QStringLiteral("snapshot_id"));
    QCOMPARE(mapping->storedSeq(), qint64(4));
    doc->releaseStore();
    {
        WorkspaceStore other;
        QVERIFY2(other.open(tlw, &error), qPrintable(error));
        other.setUser(QStringLiteral("carol"));
        QVERIFY2(other.saveInputs(kPeriod, {InputChange{mapping->csv(), mapping->storedOptions(), 4}}, nullptr, &error), qPrintable(error));
    }
    QVERIFY(doc->reopenStore());
    QVERIFY(!pe->editor()->save());
    QVERIFY2(pe->editor()->messageLabel()->text().startsWith(
                 QStringLiteral("Not saved: mapping.csv: not stored: input 4 (mapping.csv) was replaced meanwhile by input 9 (carol, ")),
             qPrintable(pe->editor()->messageLabel()->text()));
    QCOMPARE(current(doc, QStringLiteral("prices")).seq, qint64(3)); // no snapshot stored
    QVERIFY(!mapping->isModified());
    for (int r = 0; r < mapping->rowCount(); ++r)
        QCOMPARE(mapping->value(r, snapCol), QStringLiteral("snap-2026-05"));
    QVERIFY(prices->isModified()); // the snapshot is still being edited
    // Reloaded, the mapping is input 9; the snapshot and the policy edit are kept; now it is stored.
    before = doc->workspace();
    doc->reload();
    QVERIFY(waitForLoad(w, before));
    QCOMPARE(mapping->storedSeq(), qint64(9));
    QVERIFY(prices->isModified());
    QCOMPARE(prices->value(0, input), QStringLiteral("5.00"));
    before = doc->workspace();
    QVERIFY(pe->editor()->save());
    QCOMPARE(pe->editor()->messageLabel()->text(),
             QStringLiteral("Stored prices-snap-2026-05b.csv in the period, with the mapping's 9 row(s) that named snap-2026-05 pointed at "
                            "snap-2026-05b (the mapping replaces input #9); reconciling again."));
    QVERIFY(waitForLoad(w, before));
    QCOMPARE(doc->workspace()->result.estimatedBillable.toString(), QStringLiteral("11.167098356"));
    for (const MappingRow &m : doc->workspace()->set.mappings)
        QCOMPARE(m.snapshotId, QStringLiteral("snap-2026-05b"));
    QCOMPARE(current(doc, QStringLiteral("mapping"), &all).seq, qint64(11));
    QCOMPARE(all.size(), std::size_t(11));
    QCOMPARE(all[9].originalName, QStringLiteral("prices-snap-2026-05b.csv"));
    QCOMPARE(all[3].supersededBy, qint64(9));
    QCOMPARE(all[8].supersededBy, qint64(11));
    QCOMPARE(pe->usedSnapshotIds(), QStringList{QStringLiteral("snap-2026-05b")});
    QVERIFY(!prices->isEditable());
    QVERIFY(!mapping->isModified());
    QCOMPARE(mapping->storedSeq(), qint64(11));

    // Someone else replaces the policy meanwhile: this window's edit of the old one is refused, by whom, and kept.
    QCOMPARE(policy->storedSeq(), qint64(5));
    QVERIFY(policy->isModified());
    doc->releaseStore();
    {
        WorkspaceStore other;
        QVERIFY2(other.open(tlw, &error), qPrintable(error));
        other.setUser(QStringLiteral("carol"));
        const ImportOptions po = policy->storedOptions();
        QCOMPARE(po.kind, LedgerKind::Policy);
        QVERIFY2(other.saveInputs(kPeriod, {InputChange{readAll(kExample + QStringLiteral("/policy.csv")), po, 5}}, nullptr, &error),
                 qPrintable(error));
    }
    QVERIFY(doc->reopenStore());
    QVERIFY(!w.policyEditor()->save());
    const QString refused = w.policyEditor()->messageLabel()->text();
    QVERIFY2(refused.startsWith(QStringLiteral("Not saved: policy.csv: not stored: input 5 (policy.csv) was replaced meanwhile by input 12 (carol, ")),
             qPrintable(refused));
    QVERIFY(refused.endsWith(QStringLiteral("); reload the period and edit its current input")));
    QVERIFY(policy->isModified()); // the edit is still there, to be made again on the current input
    QCOMPARE(current(doc, QStringLiteral("policy")).seq, qint64(12));
    // Discarded (what the window's unsaved-edits question does on Discard): back to the rows as stored.
    policy->revert();
    QVERIFY(!policy->isModified());
    QCOMPARE(policy->value(serverError, 1), QStringLiteral("non_billable"));
}

void TestStoreEditors::readOnlyWithTheReason()
{
    QTemporaryDir dir;
    const QString tlw = dir.filePath(QStringLiteral("frozen.tlw"));
    QString error;
    QVERIFY2(makeStore(tlw, &error), qPrintable(error));
    {
        WorkspaceStore ws;
        QVERIFY(ws.open(tlw, &error));
        QVERIFY(ws.freezePeriod(kPeriod, &error));
    }
    MainWindow w;
    w.resize(1400, 900);
    w.openJob(tlw);
    QVERIFY(waitForLoad(w, nullptr));
    for (InputTable *t : {w.document()->owners(), w.document()->mappings(), w.document()->policy()}) {
        QVERIFY(!t->isEditable());
        QVERIFY2(t->readOnlyReason().startsWith(QStringLiteral("Read-only: period 2026-05 is frozen (since 20")), qPrintable(t->readOnlyReason()));
        QVERIFY(t->rowCount() > 0); // shown all the same
    }
    QVERIFY(!w.ownersEditor()->addButton()->isEnabled());
    QVERIFY(!w.pricesEditor()->newButton()->isEnabled());
    QVERIFY2(w.pricesEditor()->statusLabel()->text().startsWith(QStringLiteral("Read-only: period 2026-05 is frozen")),
             qPrintable(w.pricesEditor()->statusLabel()->text()));

    // A period without an owners input says how to add one.
    Workspace ws;
    ws.storeLocation = tlw;
    ws.periodLabel = kPeriod;
    std::unique_ptr<InputTable> t(InputTable::owners());
    t->reset(&ws);
    QVERIFY(!t->isEditable());
    QCOMPARE(t->readOnlyReason(), QStringLiteral("Period 2026-05 has no owners input. Import one (File \u25B8 Import files\u2026, kind \u201cowners\u201d, formats.md \u00A77) to edit it here."));
}

void TestStoreEditors::sidebarListsPeriodsAndRuns()
{
    // May with two runs (the second a re-run of the first); April frozen, with its owners only.
    QTemporaryDir dir;
    const QString tlw = dir.filePath(QStringLiteral("team.tlw"));
    QString error;
    QVERIFY2(makeStore(tlw, &error), qPrintable(error));
    {
        WorkspaceStore ws;
        QVERIFY(ws.open(tlw, &error));
        const qint64 run = ws.runReconciliation(kPeriod, &error);
        QVERIFY2(run == 1, qPrintable(error));
        QVERIFY2(ws.rerun(run, &error) == 2, qPrintable(error));
        StoredPeriod april;
        april.label = QStringLiteral("2026-04");
        april.startUtc = QStringLiteral("2026-04-01T00:00:00Z");
        april.endUtc = QStringLiteral("2026-05-01T00:00:00Z");
        april.accountRef = QStringLiteral("acct-redacted");
        QVERIFY2(ws.createPeriod(april, &error), qPrintable(error));
        ImportOptions o;
        o.kind = LedgerKind::Owners;
        QVERIFY2(ws.importFile(april.label, kExample + QStringLiteral("/owners.csv"), o, nullptr, &error), qPrintable(error));
        QVERIFY2(ws.freezePeriod(april.label, &error), qPrintable(error));
    }
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.openJob(tlw);
    QVERIFY(waitForLoad(w, nullptr));
    QCOMPARE(w.document()->workspace()->periodLabel, kPeriod); // the latest period opens
    QTreeWidgetItem *root = w.sidebar()->topLevelItem(0);
    auto child = [&root](const QString &prefix) -> QTreeWidgetItem * {
        for (int i = 0; i < root->childCount(); ++i)
            if (root->child(i)->text(0).startsWith(prefix))
                return root->child(i);
        return nullptr;
    };
    QTreeWidgetItem *periods = child(QStringLiteral("Periods (2)"));
    QVERIFY(periods);
    QCOMPARE(periods->childCount(), 2);
    QCOMPARE(periods->child(0)->text(0), QStringLiteral("2026-05"));
    QVERIFY(periods->child(0)->font(0).bold());
    QCOMPARE(periods->child(1)->text(0), QStringLiteral("2026-04 \u00B7 frozen"));
    QTreeWidgetItem *runs = child(QStringLiteral("Runs (2)"));
    QVERIFY(runs);
    QCOMPARE(runs->childCount(), 2);
    QVERIFY2(runs->child(0)->text(0).startsWith(QStringLiteral("Run 2 \u00B7 fail\n20")), qPrintable(runs->child(0)->text(0)));
    QVERIFY(runs->child(0)->text(0).endsWith(QStringLiteral(" UTC \u00B7 re-run of 1")));
    QVERIFY2(runs->child(1)->text(0).startsWith(QStringLiteral("Run 1 \u00B7 fail\n")), qPrintable(runs->child(1)->text(0)));
    QCOMPARE(runs->child(1)->toolTip(0).left(37), QStringLiteral("7 stored input(s) named by hash; crea"));
    // A run stored meanwhile (as a sign-off stores one) is listed without a reload.
    QVERIFY(w.document()->store()->runReconciliation(kPeriod, &error) == 3);
    w.sidebar()->setRuns(w.document()->store()->runs(kPeriod));
    QCOMPARE(runs->text(0), QStringLiteral("Runs (3)"));
    QVERIFY(runs->child(0)->text(0).startsWith(QStringLiteral("Run 3 \u00B7 fail\n")));

    // Clicking April opens it: frozen, its one run-less input, its editors read-only.
    const auto before = w.document()->workspace();
    w.sidebar()->scrollToItem(periods->child(1));
    QTest::mouseClick(w.sidebar()->viewport(), Qt::LeftButton, {}, w.sidebar()->visualItemRect(periods->child(1)).center());
    QVERIFY(waitForLoad(w, before));
    QCOMPARE(w.document()->workspace()->periodLabel, QStringLiteral("2026-04"));
    QVERIFY(!w.document()->owners()->isEditable());
    root = w.sidebar()->topLevelItem(0);
    QVERIFY(child(QStringLiteral("Runs (0)")));
}

void TestStoreEditors::undoNeverBringsBackStaleResults()
{
    QTemporaryDir dir;
    const QString tlw = dir.filePath(QStringLiteral("team.tlw"));
    QString error;
    QVERIFY2(makeStore(tlw, &error), qPrintable(error));
    MainWindow w;
    w.resize(1400, 900);
    w.openJob(tlw);
    QVERIFY(waitForLoad(w, nullptr));
    WorkspaceDocument *doc = w.document();
    InputTable *owners = doc->owners();
    const int budget = owners->columnOf(QStringLiteral("monthly_budget"));
    const int support = owners->rowOfKey(QStringLiteral("support-prod"));
    QVERIFY(w.ownersEditor()->editCell(support, budget, QStringLiteral("0.40")));
    auto before = doc->workspace();
    QVERIFY(w.ownersEditor()->save());
    QVERIFY(waitForLoad(w, before));
    const auto saved = doc->workspace();
    QUndoStack *undo = doc->undoStack();
    QCOMPARE(undo->count(), 2); // Open, the edit (the reload after the save is no step)
    // Undo everything, then redo it: the open workspace is the one after the save, never the stale one.
    undo->setIndex(0);
    QVERIFY(!doc->hasWorkspace());
    undo->setIndex(undo->count());
    QCOMPARE(doc->workspace(), saved);
    QCOMPARE(owners->storedSeq(), qint64(8));

    // Discarded edits: their undo step no longer applies and changes nothing.
    InputTable *policy = doc->policy();
    const int serverError = policy->rowOfKey(QStringLiteral("server_error"));
    QVERIFY(w.policyEditor()->editCell(serverError, 1, QStringLiteral("partial")));
    policy->revert();
    QCOMPARE(policy->value(serverError, 1), QStringLiteral("non_billable"));
    undo->undo();
    QCOMPARE(policy->value(serverError, 1), QStringLiteral("non_billable"));
    QVERIFY(!policy->isModified());
}

QTEST_MAIN(TestStoreEditors)
#include "tst_storeeditors.moc"
