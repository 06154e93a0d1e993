// SPDX-License-Identifier: Apache-2.0
// The UI models over a real reconciled job, the display formatting of exact amounts, the
// evidence review dates and the workspace document's load/undo/error behaviour.
#include "core/reconcile/reconcileresult.h"
#include "ui/document/workspacedocument.h"
#include "ui/document/workspaceloader.h"
#include "ui/models/columntablemodel.h"
#include "ui/models/displayformat.h"
#include "ui/models/evidencereview.h"
#include "ui/models/ledgerlinesmodel.h"
#include "ui/models/spendseries.h"
#include "ui/models/workspacetables.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace tl;

namespace {

QString exampleJob()
{
    return QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json");
}

// A copy of the example job whose client.csv has a non-number in input_tokens on line 3.
QString brokenJob(QTemporaryDir &dir)
{
    const QDir src(QStringLiteral(TL_SHARED_DIR "/examples/clean-month"));
    for (const QString &name : src.entryList(QDir::Files)) {
        QFile in(src.filePath(name));
        if (!in.open(QIODevice::ReadOnly))
            return {};
        QByteArray bytes = in.readAll();
        if (name == QLatin1String("client.csv"))
            bytes.replace(",3445,1404,", ",abc,1404,");
        QFile out(dir.filePath(name));
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(bytes);
    }
    return dir.filePath(QStringLiteral("job.json"));
}

} // namespace

class TestUiModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void displayFormat_data();
    void displayFormat();
    void localizedDigits();
    void ledgerModel();
    void ledgerModelFilters();
    void ledgerModelSorts();
    void ledgerModelEmpty();
    void columnModels_data();
    void columnModels();
    void spendSeries();
    void evidenceReview_data();
    void evidenceReview();
    void loaderCancels();
    void documentLoadsAndUndoes();
    void documentKeepsStateOnError();

private:
    std::shared_ptr<const Workspace> m_ws;
};

void TestUiModels::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_ws = WorkspaceLoader::load(exampleJob());
    QVERIFY(m_ws);
    QCOMPARE(m_ws->result.lineRow.size(), std::size_t(309));
}

void TestUiModels::displayFormat_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<bool>("plus");
    QTest::addColumn<QString>("fixed");
    QTest::addColumn<QString>("exact");
    QTest::newRow("estimate") << "10.814488356" << 2 << false << "10.81" << "10.814488356";
    QTest::newRow("thousands") << "1234567.891" << 2 << false << "1,234,567.89" << "1,234,567.891";
    QTest::newRow("half-even down") << "0.125" << 2 << false << "0.12" << "0.125";
    QTest::newRow("half-even up") << "0.135" << 2 << false << "0.14" << "0.135";
    QTest::newRow("variance") << "0.013893644" << 2 << true << "+0.01" << "0.013893644";
    QTest::newRow("negative") << "-1000.5" << 2 << true << "-1,000.50" << "-1,000.50";
    QTest::newRow("rounds to zero has no sign") << "-0.001356" << 2 << true << "0.00" << "-0.001356";
    QTest::newRow("whole") << "500" << 2 << false << "500.00" << "500.00";
    QTest::newRow("huge") << "123456789012345678.25" << 1 << false << "123,456,789,012,345,678.2" << "123,456,789,012,345,678.25";
}

void TestUiModels::displayFormat()
{
    QFETCH(QString, value);
    QFETCH(int, decimals);
    QFETCH(bool, plus);
    QFETCH(QString, fixed);
    QFETCH(QString, exact);
    const Decimal d = Decimal::fromString(value.toStdString());
    QCOMPARE(DisplayFormat::fixed(d, decimals, RoundingMode::HalfEven, plus), fixed);
    QCOMPARE(DisplayFormat::exact(d, 2), exact);
}

void TestUiModels::localizedDigits()
{
    const QLocale de(QLocale::German, QLocale::Germany);
    const Decimal d = Decimal::fromString("1234567.891");
    QCOMPARE(DisplayFormat::fixed(d, 2, RoundingMode::HalfEven, false, de), QStringLiteral("1.234.567,89"));
    QCOMPARE(DisplayFormat::money(d, QStringLiteral("EUR"), 2, RoundingMode::HalfEven, false, de),
             QStringLiteral("EUR\u00A01.234.567,89"));
    QCOMPARE(DisplayFormat::money(Decimal::fromString("10.814488356"), QStringLiteral("USD"), 2), QStringLiteral("USD\u00A010.81"));
    QCOMPARE(DisplayFormat::money(MaybeDecimal{}, QStringLiteral("USD"), 2), DisplayFormat::unknown());
    QCOMPARE(DisplayFormat::percent(Decimal::fromString("0.013893644"), Decimal::fromString("10.814488356"), 2), QStringLiteral("0.13%"));
    QCOMPARE(DisplayFormat::percent(Decimal::fromInt(1), Decimal(), 2), DisplayFormat::unknown());
    QCOMPARE(DisplayFormat::count(-1), DisplayFormat::unknown());
    QCOMPARE(DisplayFormat::count(763725), QStringLiteral("763,725"));
    QCOMPARE(DisplayFormat::period(m_ws->result.period.start, m_ws->result.period.end), QStringLiteral("May 2026"));
}

void TestUiModels::ledgerModel()
{
    LedgerLinesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWorkspace(m_ws);
    QCOMPARE(model.rowCount(), 309);
    QCOMPARE(model.columnCount(), int(LedgerLinesModel::ColumnCount));
    // The visible estimate over all rows is the result's estimate, exactly.
    qint64 unknown = 0;
    QCOMPARE(model.visibleEstimate(&unknown), m_ws->result.estimatedBillable);
    QCOMPARE(unknown, qint64(1));
    QCOMPARE(model.headerData(LedgerLinesModel::Cost, Qt::Horizontal).toString(), QStringLiteral("Estimated cost (USD)"));
    // Numbers are right-aligned; unknown costs show a dash, never 0.
    const QModelIndex cost = model.index(0, LedgerLinesModel::Cost);
    QCOMPARE(model.data(cost, Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight, Qt::AlignRight);
    LedgerFilter f;
    f.status = LedgerFilter::Status::MissingUsage;
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, LedgerLinesModel::Cost)).toString(), DisplayFormat::unknown());
    QCOMPARE(model.data(model.index(0, LedgerLinesModel::Status)).toString(), QStringLiteral("quarantined: missing usage"));
    QCOMPARE(model.data(model.index(0, LedgerLinesModel::Source)).toString(), QStringLiteral("client.csv:94"));
    QVERIFY(model.data(model.index(0, 0), Qt::BackgroundRole).isValid());
}

void TestUiModels::ledgerModelFilters()
{
    LedgerLinesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWorkspace(m_ws);
    LedgerFilter f;
    f.apiKey = QStringLiteral("agents-prod");
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 48); // 47 priced + the quarantined missing-usage line

    f = LedgerFilter();
    f.outcome = static_cast<int>(Outcome::RateLimited);
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 7);

    f = LedgerFilter();
    f.text = QStringLiteral("REQ-4D4411"); // case-insensitive
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 1);

    // A decision reason's rows.
    const DecisionReason &reason = m_ws->result.reasons.front();
    f = LedgerFilter();
    f.rows = std::make_shared<const std::vector<std::uint32_t>>(reason.clientRows);
    model.setFilter(f);
    QCOMPARE(model.rowCount(), int(reason.clientRows.size()));
    QCOMPARE(model.data(model.index(0, 0), LedgerLinesModel::ClientRowRole).toULongLong(), qulonglong(reason.clientRows.front()));

    f.apiKey = QStringLiteral("no-such-key");
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::ledgerModelSorts()
{
    LedgerLinesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWorkspace(m_ws);
    const QPersistentModelIndex kept = model.index(5, LedgerLinesModel::RequestId);
    const QString keptText = kept.data().toString();
    for (int c = 0; c < LedgerLinesModel::ColumnCount; ++c) {
        model.sort(c, Qt::DescendingOrder);
        model.sort(c, Qt::AscendingOrder);
    }
    QCOMPARE(kept.data().toString(), keptText); // persistent indexes follow their rows
    model.sort(LedgerLinesModel::Cost, Qt::DescendingOrder);
    // kling_video calls are the dearest lines (0.35 each).
    QCOMPARE(model.data(model.index(0, LedgerLinesModel::Cost)).toString(), QStringLiteral("0.35"));
    model.sort(LedgerLinesModel::Time, Qt::AscendingOrder);
    QVERIFY(model.data(model.index(0, 0)).toString() <= model.data(model.index(308, 0)).toString());
}

void TestUiModels::ledgerModelEmpty()
{
    LedgerLinesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setWorkspace(m_ws);
    model.setWorkspace(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::columnModels_data()
{
    QTest::addColumn<int>("table");
    QTest::addColumn<int>("rows");
    QTest::newRow("prices") << 0 << 7;
    QTest::newRow("mappings") << 1 << 9;
    QTest::newRow("owners") << 2 << 6;
    QTest::newRow("evidence") << 3 << 2;
    QTest::newRow("outcomes") << 4 << 5;
    QTest::newRow("keys") << 5 << 6;
    QTest::newRow("models") << 6 << 7;
    QTest::newRow("variance categories") << 7 << VarianceCategoryCount;
    QTest::newRow("variance items") << 8 << -1;
}

void TestUiModels::columnModels()
{
    QFETCH(int, table);
    QFETCH(int, rows);
    using Fill = void (*)(ColumnTableModel *, const WorkspaceTables::WorkspacePtr &);
    const Fill fills[] = {&WorkspaceTables::prices, &WorkspaceTables::mappings, &WorkspaceTables::owners, &WorkspaceTables::evidence,
                          &WorkspaceTables::outcomes, &WorkspaceTables::keys, &WorkspaceTables::models,
                          &WorkspaceTables::varianceCategories,
                          [](ColumnTableModel *m, const WorkspaceTables::WorkspacePtr &ws) { WorkspaceTables::varianceItems(m, ws); }};
    ColumnTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fills[table](&model, nullptr);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.columnCount() > 0);
    fills[table](&model, m_ws);
    if (rows < 0)
        rows = int(m_ws->result.variance_items.size());
    QCOMPARE(model.rowCount(), rows);
    for (int c = 0; c < model.columnCount(); ++c) {
        model.sort(c, Qt::AscendingOrder);
        model.sort(c, Qt::DescendingOrder);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.data(model.index(r, c)).isValid());
    }
}

void TestUiModels::spendSeries()
{
    const SpendSeries all = SpendSeries::build(*m_ws, QString());
    QCOMPARE(all.days, 31);
    QCOMPARE(all.elapsedDays, 31);
    QCOMPARE(all.estimatedTotal, m_ws->result.estimatedBillable);
    QVERIFY(all.providerTotal.known);
    QCOMPARE(all.providerTotal.value, m_ws->result.providerReported.value);
    QVERIFY(all.budget.known);
    QCOMPARE(all.budget.value, Decimal::fromInt(3000));
    QCOMPARE(all.projected, all.estimatedTotal); // the period is complete
    const SpendSeries one = SpendSeries::build(*m_ws, QStringLiteral("media-prod"));
    QCOMPARE(one.estimatedTotal, Decimal::fromString("9.1"));
    QCOMPARE(one.budget.value, Decimal::fromInt(500));
    QCOMPARE(one.ownerGroup, QStringLiteral("media-team"));

    // Half-way through a period the projection doubles the estimate.
    auto half = std::make_shared<Workspace>();
    half->result.period = m_ws->result.period;
    half->result.controls.asOf = m_ws->result.period.start + 15LL * 86400 * 1000000; // 15 days in
    DayCount dc;
    dc.day = static_cast<DayNumber>(m_ws->result.period.start / (86400LL * 1000000));
    dc.estimated = Decimal::fromString("1.50");
    half->result.dayCounts.push_back(dc);
    const SpendSeries h = SpendSeries::build(*half, QString());
    QCOMPARE(h.elapsedDays, 15);
    QCOMPARE(h.projected, Decimal::fromString("3.1")); // 1.50 × 31 / 15
}

void TestUiModels::evidenceReview_data()
{
    QTest::addColumn<QDate>("next");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("state");
    const int verified = int(EvidenceStatus::Verified);
    QTest::newRow("overdue") << QDate(2026, 5, 31) << verified << int(EvidenceReview::Overdue);
    QTest::newRow("due on the day") << QDate(2026, 6, 1) << verified << int(EvidenceReview::DueSoon);
    QTest::newRow("due in 30 days") << QDate(2026, 7, 1) << verified << int(EvidenceReview::DueSoon);
    QTest::newRow("due in 31 days") << QDate(2026, 7, 2) << verified << int(EvidenceReview::Current);
    QTest::newRow("superseded") << QDate(2026, 1, 1) << int(EvidenceStatus::Superseded) << int(EvidenceReview::Superseded);
    QTest::newRow("no date") << QDate() << verified << int(EvidenceReview::NoReviewDate);
}

void TestUiModels::evidenceReview()
{
    QFETCH(QDate, next);
    QFETCH(int, status);
    QFETCH(int, state);
    EvidenceEntry e;
    e.nextReviewOn = next;
    e.status = static_cast<EvidenceStatus>(status);
    QCOMPARE(int(EvidenceReview::state(e, QDate(2026, 6, 1))), state);
}

void TestUiModels::loaderCancels()
{
    QVERIFY_THROWS_EXCEPTION(WorkspaceLoader::Canceled, WorkspaceLoader::load(exampleJob(), {}, [] { return true; }));
}

void TestUiModels::documentLoadsAndUndoes()
{
    WorkspaceDocument doc;
    QSignalSpy progress(&doc, &WorkspaceDocument::loadProgress);
    QSignalSpy changed(&doc, &WorkspaceDocument::workspaceChanged);
    doc.open(exampleJob());
    QVERIFY(doc.isLoading());
    doc.future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(doc.hasWorkspace(), 20000);
    QVERIFY(!doc.isLoading());
    QCOMPARE(changed.count(), 1);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(1).toInt(), 8); // 7 inputs + the reconciliation
    QCOMPARE(doc.workspace()->result.attempts, qint64(309));
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Open job.json"));

    const auto first = doc.workspace();
    doc.reload();
    doc.future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(doc.workspace() != first, 20000);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Reload job.json"));
    doc.undoStack()->undo();
    QCOMPARE(doc.workspace(), first);
    doc.undoStack()->undo();
    QVERIFY(!doc.hasWorkspace());
    doc.undoStack()->redo();
    QCOMPARE(doc.workspace(), first);

    QTemporaryDir out;
    QString error;
    QVERIFY2(doc.exportResults(out.path(), &error), qPrintable(error));
    QVERIFY(QFile::exists(out.filePath(QStringLiteral("summary.json"))));
    QVERIFY(QFile::exists(out.filePath(QStringLiteral("lines.csv"))));
}

void TestUiModels::documentKeepsStateOnError()
{
    QTemporaryDir dir;
    const QString broken = brokenJob(dir);
    QVERIFY(!broken.isEmpty());
    WorkspaceDocument doc;
    doc.open(exampleJob());
    doc.future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(doc.hasWorkspace(), 20000);
    const auto before = doc.workspace();

    QSignalSpy failed(&doc, &WorkspaceDocument::loadFailed);
    doc.open(broken);
    doc.future().waitForFinished();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    const QString message = failed.first().first().toString();
    // The message names the file, the line and the column.
    QVERIFY2(message.startsWith(QStringLiteral("client.csv:3: column 'input_tokens'")), qPrintable(message));
    QCOMPARE(doc.workspace(), before);
    QCOMPARE(doc.undoStack()->count(), 1);
}

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
