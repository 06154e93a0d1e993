// SPDX-License-Identifier: Apache-2.0
// The evidence register editor: the validation messages, every edit undone and redone to the
// exact value, the form driven like a user (Apply refuses what is wrong and says why), and a
// .tlw workspace where edits carry row versions, history is kept, and an edit made meanwhile by
// someone else is refused instead of overwritten.
#include "core/import/importer.h"
#include "core/store/workspacestore.h"
#include "core/util/sha256.h"
#include "ui/document/addevidencecommand.h"
#include "ui/document/demoinstaller.h"
#include "ui/document/editevidencecommand.h"
#include "ui/document/evidenceregister.h"
#include "core/util/osuser.h"
#include "ui/document/workspacedocument.h"
#include "ui/models/evidenceregistermodel.h"
#include "ui/models/evidencereview.h"
#include "ui/models/evidencevalidator.h"
#include "ui/models/ledgercolors.h"
#include "ui/widgets/evidencepage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

using namespace tl;

namespace {

QString exampleJob()
{
    return QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json");
}

EvidenceEntry entry(const QString &id, const QString &owner, const QString &next, const QString &status = QStringLiteral("verified"))
{
    EvidenceEntry e;
    QString error;
    WorkspaceStore::setEvidenceField(e, QStringLiteral("evidence_id"), id, &error);
    WorkspaceStore::setEvidenceField(e, QStringLiteral("assumption"), QStringLiteral("Token models cost 0.8 of the list price"), &error);
    WorkspaceStore::setEvidenceField(e, QStringLiteral("area"), QStringLiteral("pricing"), &error);
    WorkspaceStore::setEvidenceField(e, QStringLiteral("owner"), owner, &error);
    WorkspaceStore::setEvidenceField(e, QStringLiteral("source_url_or_ticket"), QStringLiteral("https://apidoc.cometapi.com/pricing"), &error);
    WorkspaceStore::setEvidenceField(e, QStringLiteral("accessed_on"), QStringLiteral("2026-05-01"), &error);
    WorkspaceStore::setEvidenceField(e, QStringLiteral("next_review_on"), next, &error);
    WorkspaceStore::setEvidenceField(e, QStringLiteral("status"), status, &error);
    return e;
}

bool waitForLoad(WorkspaceDocument *doc)
{
    doc->future().waitForFinished();
    return QTest::qWaitFor([doc] { return !doc->isLoading() && doc->hasWorkspace(); }, 60000);
}

} // namespace

class TestEvidenceEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void validation_data();
    void validation();
    void urlOrTicket_data();
    void urlOrTicket();
    void undoRedoRestoresExactValues();
    void addIsUndoable();
    void registerModelColours();
    void formRefusesAndExplains();
    void formEditsUndoAndFollow();
    void usedByLinks();
    void attachRecordsSha256();
    void storeEditsCarryRowVersions();
    void storeConflictIsRefused();
    void storeBackedDocument();
    void historyNamesTheOsUser();

private:
    QDate m_today = QDate(2026, 6, 15);
};

void TestEvidenceEditor::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestEvidenceEditor::validation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("owner required") << "owner" << "" << "Owner is required: who answers for this entry and its review.";
    QTest::newRow("assumption required") << "assumption" << "  " << "Assumption is required: say what is assumed.";
    QTest::newRow("id required") << "evidence_id" << "" << "Evidence id is required.";
    QTest::newRow("id without spaces") << "evidence_id" << "EV 1" << "Evidence id cannot contain spaces; got \u201cEV 1\u201d.";
    QTest::newRow("source neither url nor ticket") << "source_url_or_ticket" << "the pricing page"
                                                   << "Source URL or ticket must be an http(s) URL or a ticket id such as FIN-123; got \u201cthe pricing page\u201d.";
    QTest::newRow("date shape") << "accessed_on" << "01/05/2026" << "Accessed on must be a date YYYY-MM-DD; got \u201c01/05/2026\u201d.";
    QTest::newRow("no such date") << "next_review_on" << "2026-02-30" << "Next review on must be a date YYYY-MM-DD; got \u201c2026-02-30\u201d.";
    QTest::newRow("accessed in the future") << "accessed_on" << "2026-07-01" << "Accessed on cannot be in the future (today is 2026-06-15).";
    QTest::newRow("area") << "area" << "prices"
                          << "Area must be one of endpoint, auth, request_fields, response_fields, error_behavior, rate_limit, billing, pricing, "
                             "support, unit_metric, allocation; got \u201cprices\u201d.";
    QTest::newRow("sha") << "screenshot_sha256" << "abc" << "Screenshot SHA-256 must be 64 hex digits; got \u201cabc\u201d.";
    QTest::newRow("status") << "status" << "ok" << "Status must be verified, unverified or superseded; got \u201cok\u201d.";
    QTest::newRow("fine url") << "source_url_or_ticket" << "https://apidoc.cometapi.com/pricing" << "";
    QTest::newRow("fine ticket") << "source_url_or_ticket" << "SUPPORT-1" << "";
    QTest::newRow("fine date") << "next_review_on" << "2027-01-01" << "";
}

void TestEvidenceEditor::validation()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    QCOMPARE(EvidenceValidator::checkField(field, value, m_today), message);
}

void TestEvidenceEditor::urlOrTicket_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::newRow("https") << "https://www.finops.org/framework/capabilities/allocation/" << true;
    QTest::newRow("http") << "http://example.com/x" << true;
    QTest::newRow("no host") << "https://" << false;
    QTest::newRow("no dot") << "https://localhost/x" << false;
    QTest::newRow("space") << "https://example.com/a b" << false;
    QTest::newRow("jira") << "FIN-123" << true;
    QTest::newRow("lower project") << "ops_desk-42" << true;
    QTest::newRow("hash") << "#77" << true;
    QTest::newRow("word") << "support" << false;
    QTest::newRow("ftp") << "ftp://example.com/x" << false;
}

void TestEvidenceEditor::urlOrTicket()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QCOMPARE(EvidenceValidator::isUrlOrTicket(text), ok);
}

void TestEvidenceEditor::undoRedoRestoresExactValues()
{
    EvidenceRegister reg;
    reg.resetFromFile({entry(QStringLiteral("EV-1"), QStringLiteral("finops"), QStringLiteral("2027-01-01"))}, QString());
    QUndoStack stack;
    QSignalSpy changed(&reg, &EvidenceRegister::entryChanged);
    QSignalSpy index(&stack, &QUndoStack::indexChanged);
    const QStringList fields{QStringLiteral("owner"), QStringLiteral("next_review_on"), QStringLiteral("notes"), QStringLiteral("status")};
    QStringList before;
    for (const QString &f : fields)
        before << reg.value(0, f);
    const QStringList after{QStringLiteral("sre team"), QStringLiteral("2026-07-31"), QStringLiteral("checked, \"quoted\", and\nmulti-line"),
                            QStringLiteral("superseded")};
    stack.push(new EditEvidenceCommand(&reg, QStringLiteral("EV-1"), fields, before, after));
    QCOMPARE(index.count(), 1);
    QCOMPARE(changed.count(), 1);
    for (int i = 0; i < fields.size(); ++i)
        QCOMPARE(reg.value(0, fields[i]), after[i]);
    QVERIFY(reg.isModified());
    stack.undo();
    for (int i = 0; i < fields.size(); ++i)
        QCOMPARE(reg.value(0, fields[i]), before[i]);
    QCOMPARE(reg.entry(0).nextReviewOn, QDate(2027, 1, 1));
    QCOMPARE(reg.entry(0).status, EvidenceStatus::Verified);
    stack.redo();
    for (int i = 0; i < fields.size(); ++i)
        QCOMPARE(reg.value(0, fields[i]), after[i]);
    QCOMPARE(stack.undoText(), QStringLiteral("Edit 4 fields of EV-1"));
    // The session history says what changed; the CSV round-trips quotes and newlines.
    QCOMPARE(int(reg.history(QStringLiteral("EV-1")).size()), 12);
    QVERIFY(reg.csv().contains("\"checked, \"\"quoted\"\", and\nmulti-line\""));
    // A value the core cannot read leaves the entry as it was and says why.
    QSignalSpy failed(&reg, &EvidenceRegister::editFailed);
    stack.push(new EditEvidenceCommand(&reg, QStringLiteral("EV-1"), {QStringLiteral("accessed_on")}, {QStringLiteral("2026-05-01")},
                                       {QStringLiteral("yesterday")}));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(reg.value(0, QStringLiteral("accessed_on")), QStringLiteral("2026-05-01"));
    QCOMPARE(stack.count(), 1); // the refused command was dropped, not kept as a fake step
}

void TestEvidenceEditor::addIsUndoable()
{
    EvidenceRegister reg;
    reg.resetFromFile({}, QString());
    QUndoStack stack;
    stack.push(new AddEvidenceCommand(&reg, entry(QStringLiteral("EV-NEW"), QStringLiteral("finops"), QStringLiteral("2027-01-01"))));
    QCOMPARE(reg.count(), 1);
    stack.undo();
    QCOMPARE(reg.count(), 0);
    stack.redo();
    QCOMPARE(reg.count(), 1);
    QCOMPARE(reg.value(0, QStringLiteral("owner")), QStringLiteral("finops"));
}

void TestEvidenceEditor::registerModelColours()
{
    EvidenceRegister reg;
    EvidenceRegisterModel model(&reg);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto ws = std::make_shared<Workspace>();
    ws->asOf = QDate(2026, 6, 1);
    model.setWorkspace(ws);
    reg.resetFromFile({entry(QStringLiteral("EV-OVERDUE"), QStringLiteral("a"), QStringLiteral("2026-05-20")),
                       entry(QStringLiteral("EV-SOON"), QStringLiteral("b"), QStringLiteral("2026-06-20")),
                       entry(QStringLiteral("EV-LATER"), QStringLiteral("c"), QStringLiteral("2026-12-01")),
                       entry(QStringLiteral("EV-OLD"), QStringLiteral("d"), QStringLiteral("2026-01-01"), QStringLiteral("superseded"))},
                      QString());
    QCOMPARE(model.rowCount(), 4);
    const int review = model.columnOf(QStringLiteral("review"));
    QCOMPARE(model.index(0, 0).data(Qt::BackgroundRole).value<QColor>(), LedgerColors::overdueBackground());
    QCOMPARE(model.index(0, review).data().toString(), QStringLiteral("review overdue"));
    QCOMPARE(model.index(1, 0).data(Qt::BackgroundRole).value<QColor>(), LedgerColors::dueSoonBackground());
    QVERIFY(!model.index(2, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model.index(3, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.index(3, review).data().toString(), QStringLiteral("superseded"));
    // Edits reach the table row by row.
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    QString error;
    QVERIFY(reg.setFields(QStringLiteral("EV-SOON"), {QStringLiteral("next_review_on")}, {QStringLiteral("2027-06-20")}, &error));
    QCOMPARE(dataChanged.count(), 1);
    QVERIFY(!model.index(1, 0).data(Qt::BackgroundRole).isValid());
}

void TestEvidenceEditor::formRefusesAndExplains()
{
    WorkspaceDocument doc;
    doc.open(exampleJob());
    QVERIFY(waitForLoad(&doc));
    EvidencePage page(&doc);
    page.setWorkspace(doc.workspace());
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.model()->rowCount(), 2);
    QVERIFY(!page.currentId().isEmpty());
    const QString id = page.currentId();
    auto *owner = qobject_cast<QLineEdit *>(page.editor(QStringLiteral("owner")));
    QVERIFY(owner);
    owner->selectAll();
    QTest::keyClick(owner, Qt::Key_Delete);
    // Said while typing, under the field.
    QCOMPARE(page.fieldMessage(QStringLiteral("owner")), QStringLiteral("Owner is required: who answers for this entry and its review."));
    auto *source = qobject_cast<QLineEdit *>(page.editor(QStringLiteral("source_url_or_ticket")));
    source->clear();
    QTest::keyClicks(source, QStringLiteral("see the docs"));
    QVERIFY(page.fieldMessage(QStringLiteral("source_url_or_ticket")).contains(QStringLiteral("http(s) URL or a ticket id")));
    const int undoCount = doc.undoStack()->count();
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QCOMPARE(doc.undoStack()->count(), undoCount);
    QVERIFY(page.messageLabel()->isVisible());
    QVERIFY2(page.messageLabel()->text().contains(QStringLiteral("Not saved: 2 problems")), qPrintable(page.messageLabel()->text()));
    QVERIFY(page.messageLabel()->text().contains(QStringLiteral("Owner is required")));
    // Nothing reached the register.
    const int row = doc.evidence()->indexOf(id);
    QVERIFY(!doc.evidence()->value(row, QStringLiteral("owner")).isEmpty());
    QVERIFY(!doc.evidence()->isModified());
}

void TestEvidenceEditor::formEditsUndoAndFollow()
{
    WorkspaceDocument doc;
    doc.open(exampleJob());
    QVERIFY(waitForLoad(&doc));
    EvidencePage page(&doc);
    page.setWorkspace(doc.workspace());
    page.show();
    const QString id = page.currentId();
    const int row = doc.evidence()->indexOf(id);
    const QString oldOwner = doc.evidence()->value(row, QStringLiteral("owner"));
    const QString oldNext = doc.evidence()->value(row, QStringLiteral("next_review_on"));
    page.setEditorText(QStringLiteral("owner"), QStringLiteral("finance-ops"));
    page.setEditorText(QStringLiteral("next_review_on"), QStringLiteral("2026-12-31"));
    QSignalSpy index(doc.undoStack(), &QUndoStack::indexChanged);
    QVERIFY(page.apply());
    QCOMPARE(index.count(), 1);
    QCOMPARE(doc.evidence()->value(row, QStringLiteral("owner")), QStringLiteral("finance-ops"));
    QCOMPARE(doc.evidence()->value(row, QStringLiteral("next_review_on")), QStringLiteral("2026-12-31"));
    QVERIFY(doc.evidence()->isModified());
    QCOMPARE(page.historyView()->topLevelItemCount(), 2);
    // Undo from the stack (Edit ▸ Undo): register and form both go back, exactly.
    doc.undoStack()->undo();
    QCOMPARE(doc.evidence()->value(row, QStringLiteral("owner")), oldOwner);
    QCOMPARE(doc.evidence()->value(row, QStringLiteral("next_review_on")), oldNext);
    QCOMPARE(page.editorText(QStringLiteral("owner")), oldOwner);
    QCOMPARE(page.editorText(QStringLiteral("next_review_on")), oldNext);
    doc.undoStack()->redo();
    QCOMPARE(page.editorText(QStringLiteral("owner")), QStringLiteral("finance-ops"));
    // A new entry through the form, then saved as CSV and read back by the core's importer.
    QTest::mouseClick(page.newButton(), Qt::LeftButton);
    QVERIFY(page.currentId().isEmpty());
    page.setEditorText(QStringLiteral("assumption"), QStringLiteral("Refunds post within 48 hours"));
    page.setEditorText(QStringLiteral("owner"), QStringLiteral("finance-ops"));
    page.setEditorText(QStringLiteral("area"), QStringLiteral("billing"));
    page.setEditorText(QStringLiteral("source_url_or_ticket"), QStringLiteral("FIN-42"));
    page.setEditorText(QStringLiteral("accessed_on"), QStringLiteral("2026-05-02"));
    const QString newId = page.editorText(QStringLiteral("evidence_id"));
    QVERIFY(page.apply());
    QCOMPARE(page.currentId(), newId);
    QCOMPARE(doc.evidence()->count(), 3);
    QTemporaryDir dir;
    QString error;
    QVERIFY2(doc.evidence()->saveCsv(dir.filePath(QStringLiteral("evidence.csv")), &error), qPrintable(error));
    QVERIFY(!doc.evidence()->isModified());
    LedgerSet set;
    ImportOptions o;
    o.kind = LedgerKind::Evidence;
    o.format = QStringLiteral("evidence_csv");
    Importer::importFile(dir.filePath(QStringLiteral("evidence.csv")), o, set);
    QCOMPARE(set.evidence.size(), std::size_t(3));
    QCOMPARE(set.evidence[2].sourceUrlOrTicket, QStringLiteral("FIN-42"));
}

void TestEvidenceEditor::usedByLinks()
{
    WorkspaceDocument doc;
    doc.open(exampleJob());
    QVERIFY(waitForLoad(&doc));
    EvidencePage page(&doc);
    page.setWorkspace(doc.workspace());
    const auto ws = doc.workspace();
    QString priceEvidence;
    for (const PriceRow &p : ws->set.prices)
        if (!p.evidenceId.isEmpty())
            priceEvidence = p.evidenceId;
    QVERIFY(page.selectEntry(priceEvidence));
    const QString used = page.usedByLabel()->text();
    QVERIFY2(used.contains(QStringLiteral("href='snapshot:")), qPrintable(used));
    QVERIFY2(used.contains(QStringLiteral("price snapshot")), qPrintable(used));
    QSignalSpy link(&page, &EvidencePage::linkActivated);
    emit page.usedByLabel()->linkActivated(QStringLiteral("snapshot:") + ws->set.prices.front().snapshotId);
    QCOMPARE(link.count(), 1);
    QCOMPARE(link.at(0).at(0).toUrl().scheme(), QStringLiteral("snapshot"));
    // Every entry the policy names says so too.
    for (const PolicyRow &p : ws->set.policy)
        if (!p.evidenceId.isEmpty()) {
            QVERIFY(page.selectEntry(p.evidenceId));
            QVERIFY(page.usedByLabel()->text().contains(QStringLiteral("billing policy")));
        }
}

void TestEvidenceEditor::attachRecordsSha256()
{
    QTemporaryDir dir;
    // A job of its own, so that the attachment lands in a temporary folder.
    const QDir src(QStringLiteral(TL_SHARED_DIR "/examples/clean-month"));
    for (const QString &name : src.entryList(QDir::Files))
        QVERIFY(QFile::copy(src.filePath(name), dir.filePath(name)));
    WorkspaceDocument doc;
    doc.open(dir.filePath(QStringLiteral("job.json")));
    QVERIFY(waitForLoad(&doc));
    EvidencePage page(&doc);
    page.setWorkspace(doc.workspace());
    QFile shot(dir.filePath(QStringLiteral("screenshot.png")));
    QVERIFY(shot.open(QIODevice::WriteOnly));
    shot.write("not really a png");
    shot.close();
    page.attachFile(shot.fileName());
    const QString sha = page.editorText(QStringLiteral("screenshot_sha256"));
    QCOMPARE(sha, Sha256::hex(QByteArray("not really a png")));
    const QString ref = page.editorText(QStringLiteral("statement_or_screenshot_ref"));
    QVERIFY(ref.startsWith(QStringLiteral("evidence-attachments/") + sha.left(12)));
    QVERIFY(QFile::exists(dir.filePath(ref)));
    QVERIFY(page.apply());
    QCOMPARE(doc.evidence()->value(doc.evidence()->indexOf(page.currentId()), QStringLiteral("screenshot_sha256")), sha);
}

void TestEvidenceEditor::storeEditsCarryRowVersions()
{
    QTemporaryDir dir;
    WorkspaceStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(QStringLiteral("w.tlw")), &error), qPrintable(error));
    store.setUser(QStringLiteral("alice"));
    QVERIFY(store.addEvidence(entry(QStringLiteral("EV-1"), QStringLiteral("finops"), QStringLiteral("2027-01-01")), &error));
    EvidenceRegister reg;
    QVERIFY(reg.resetFromStore(&store, &error));
    QVERIFY(reg.isStoreBacked());
    QCOMPARE(reg.rowVersion(0), qint64(1));
    QUndoStack stack;
    stack.push(new EditEvidenceCommand(&reg, QStringLiteral("EV-1"), {QStringLiteral("owner"), QStringLiteral("notes")},
                                       {QStringLiteral("finops"), QString()}, {QStringLiteral("sre"), QStringLiteral("moved to SRE")}));
    QCOMPARE(reg.rowVersion(0), qint64(3)); // one transaction per field
    StoredEvidence s;
    QVERIFY(store.evidenceEntry(QStringLiteral("EV-1"), &s, &error));
    QCOMPARE(s.entry.owner, QStringLiteral("sre"));
    QCOMPARE(s.rowVersion, qint64(3));
    QVERIFY(!reg.isModified()); // saved at once
    stack.undo();
    QVERIFY(store.evidenceEntry(QStringLiteral("EV-1"), &s, &error));
    QCOMPARE(s.entry.owner, QStringLiteral("finops"));
    QCOMPARE(s.entry.notes, QString());
    QCOMPARE(reg.value(0, QStringLiteral("owner")), QStringLiteral("finops"));
    // The history is the store's: created, two edits, two edits back, by whom.
    const auto history = reg.history(QStringLiteral("EV-1"));
    QCOMPARE(int(history.size()), 5);
    QCOMPARE(history.front().field, QStringLiteral("*"));
    QCOMPARE(history.back().changedBy, QStringLiteral("alice"));
    QCOMPARE(history.back().field, QStringLiteral("owner"));
    QCOMPARE(history.back().oldValue, QStringLiteral("sre"));
    QCOMPARE(history.back().newValue, QStringLiteral("finops"));
    // Adding in a store: undo withdraws the entry (the store keeps what its history names),
    // redo puts its values back.
    stack.push(new AddEvidenceCommand(&reg, entry(QStringLiteral("EV-2"), QStringLiteral("finops"), QStringLiteral("2027-01-01"))));
    QCOMPARE(store.evidence(&error).size(), std::size_t(2));
    QSignalSpy failed(&reg, &EvidenceRegister::editFailed);
    stack.undo();
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
    QVERIFY(store.evidenceEntry(QStringLiteral("EV-2"), &s, &error));
    QCOMPARE(s.entry.status, EvidenceStatus::Superseded);
    QCOMPARE(s.entry.notes, QStringLiteral("withdrawn: its creation was undone"));
    stack.redo();
    QVERIFY(store.evidenceEntry(QStringLiteral("EV-2"), &s, &error));
    QCOMPARE(s.entry.status, EvidenceStatus::Verified);
    QCOMPARE(s.entry.notes, QString());
    QCOMPARE(reg.count(), 2);
}

void TestEvidenceEditor::storeConflictIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.tlw"));
    WorkspaceStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QVERIFY(store.addEvidence(entry(QStringLiteral("EV-1"), QStringLiteral("finops"), QStringLiteral("2027-01-01")), &error));
    EvidenceRegister reg;
    QVERIFY(reg.resetFromStore(&store, &error));
    // Someone else (another process: its own connection) changes the entry meanwhile.
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("someone-else"));
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QSqlQuery q(other);
        QVERIFY(q.exec(QStringLiteral("UPDATE evidence SET owner = 'bob', row_version = row_version + 1 WHERE evidence_id = 'EV-1'")));
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("someone-else"));
    QUndoStack stack;
    QSignalSpy conflict(&reg, &EvidenceRegister::conflict);
    stack.push(new EditEvidenceCommand(&reg, QStringLiteral("EV-1"), {QStringLiteral("owner")}, {QStringLiteral("finops")}, {QStringLiteral("carol")}));
    QCOMPARE(conflict.count(), 1);
    QCOMPARE(conflict.at(0).at(1).toString(),
             QStringLiteral("evidence EV-1 was changed by someone else (row version is now 2, you expected 1); reload and edit again"));
    QCOMPARE(stack.count(), 0);
    StoredEvidence s;
    QVERIFY(store.evidenceEntry(QStringLiteral("EV-1"), &s, &error));
    QCOMPARE(s.entry.owner, QStringLiteral("bob")); // theirs stays
    // Reloading the entry shows theirs; editing again works.
    QVERIFY(reg.refresh(QStringLiteral("EV-1"), &error));
    QCOMPARE(reg.value(0, QStringLiteral("owner")), QStringLiteral("bob"));
    QCOMPARE(reg.rowVersion(0), qint64(2));
    stack.push(new EditEvidenceCommand(&reg, QStringLiteral("EV-1"), {QStringLiteral("owner")}, {QStringLiteral("bob")}, {QStringLiteral("carol")}));
    QCOMPARE(stack.count(), 1);
    QVERIFY(store.evidenceEntry(QStringLiteral("EV-1"), &s, &error));
    QCOMPARE(s.entry.owner, QStringLiteral("carol"));
}

void TestEvidenceEditor::storeBackedDocument()
{
    // The side-by-side test job stored as a workspace, opened like `tokenledger W.tlw`.
    QTemporaryDir dir;
    const QString tlw = dir.filePath(QStringLiteral("w.tlw"));
    QString error;
    QVERIFY2(DemoInstaller::storeFromJob(QStringLiteral(TL_TEST_DATA "/ui/sidebyside/job.json"), tlw, &error), qPrintable(error));
    WorkspaceDocument doc;
    doc.open(tlw);
    QVERIFY(waitForLoad(&doc));
    const auto ws = doc.workspace();
    QVERIFY(ws->fromStore());
    QCOMPARE(ws->periodLabel, QStringLiteral("2026-05"));
    QCOMPARE(ws->result.lineRow.size(), std::size_t(9));
    QVERIFY(doc.store());
    QVERIFY(doc.evidence()->isStoreBacked());
    QCOMPARE(doc.evidence()->count(), 2);
    EvidencePage page(&doc);
    page.setWorkspace(ws);
    QVERIFY(page.selectEntry(QStringLiteral("EV-ERR")));
    page.setEditorText(QStringLiteral("owner"), QStringLiteral("billing-sre"));
    QVERIFY(page.apply());
    QCOMPARE(doc.evidence()->rowVersion(doc.evidence()->indexOf(QStringLiteral("EV-ERR"))), qint64(2));
    QVERIFY(page.messageLabel()->text().contains(QStringLiteral("row version 2")));
    QCOMPARE(page.historyView()->topLevelItemCount(), 2);
    // Recorded as the person at the keyboard, never "unknown" when the system knows them.
    const auto history = doc.evidence()->history(QStringLiteral("EV-ERR"));
    QCOMPARE(history.back().newValue, QStringLiteral("billing-sre"));
    QCOMPARE(history.back().changedBy, OsUser::name());
    QCOMPARE(page.historyView()->topLevelItem(page.historyView()->topLevelItemCount() - 1)->text(1), OsUser::name());
    // Reloading reads the store again (the worker takes the file, then the document again).
    QSignalSpy done(&doc, &WorkspaceDocument::loadFinished);
    doc.reload();
    QVERIFY(done.wait(60000));
    QVERIFY2(doc.store(), qPrintable(doc.storeError()));
    QCOMPARE(doc.evidence()->value(doc.evidence()->indexOf(QStringLiteral("EV-ERR")), QStringLiteral("owner")), QStringLiteral("billing-sre"));
}

void TestEvidenceEditor::historyNamesTheOsUser()
{
    const QByteArray user = qgetenv("USER"), logname = qgetenv("LOGNAME");
    auto restore = qScopeGuard([&] {
        user.isNull() ? qunsetenv("USER") : qputenv("USER", user);
        logname.isNull() ? qunsetenv("LOGNAME") : qputenv("LOGNAME", logname);
    });
    qputenv("USER", "alice");
    qputenv("LOGNAME", "bob");
    QCOMPARE(OsUser::name(), QStringLiteral("alice"));
    qunsetenv("USER");
    QCOMPARE(OsUser::name(), QStringLiteral("bob"));
    qunsetenv("LOGNAME");
#if defined(Q_OS_UNIX)
    // Without either variable (a service, a container): the account of the user id.
    const struct passwd *pw = getpwuid(geteuid());
    QVERIFY(pw);
    QCOMPARE(OsUser::name(), QString::fromLocal8Bit(pw->pw_name));
    QVERIFY(OsUser::name() != QLatin1String("unknown"));
#endif
    // A job's register (edited in memory) records the same name.
    EvidenceRegister reg;
    reg.resetFromFile({entry(QStringLiteral("EV-1"), QStringLiteral("finops"), QStringLiteral("2027-01-01"))}, QString());
    QString error;
    QVERIFY2(reg.setFields(QStringLiteral("EV-1"), {QStringLiteral("owner")}, {QStringLiteral("sre")}, &error), qPrintable(error));
    QCOMPARE(reg.history(QStringLiteral("EV-1")).back().changedBy, OsUser::name());
    // And a workspace the document opens records edits by it as well.
    QTemporaryDir dir;
    const QString tlw = dir.filePath(QStringLiteral("w.tlw"));
    QVERIFY2(DemoInstaller::storeFromJob(QStringLiteral(TL_TEST_DATA "/ui/sidebyside/job.json"), tlw, &error), qPrintable(error));
    WorkspaceDocument doc;
    doc.open(tlw);
    QVERIFY(waitForLoad(&doc));
    QVERIFY(doc.store());
    QCOMPARE(doc.store()->user(), OsUser::name());
    // The entries the demo installer put in are created by the same name.
    const auto created = doc.evidence()->history(QStringLiteral("EV-ERR"));
    QVERIFY(!created.empty());
    QCOMPARE(created.front().changedBy, OsUser::name());
}

QTEST_MAIN(TestEvidenceEditor)
#include "tst_evidenceeditor.moc"
