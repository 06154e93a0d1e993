// SPDX-License-Identifier: Apache-2.0
// The budget owner's part of the workbench (issue #9) over a small job with known amounts:
// kA (team-a, direct, budget 0.35, allowed 10.0.0.0/8) has ten billable calls at 0.04 on May
// 1–10 (one of them from 192.168.1.5), a failed first attempt, and one gateway row the client
// never logged (from 203.0.113.77); kB (shared team-a=1;
// team-b=2, budget 3.00) three calls; kC has no owners row (unmapped) and two calls. The
// owners table, the keys, unit costs, retries, the owner's daily series, the alerts and their
// rows in the Ledgers page, the guardrail export and the page names are checked to the digit.
#include "core/allocation/guardrailexporter.h"
#include "ui/charts/budgetchart.h"
#include "ui/charts/dailyspendchart.h"
#include "ui/dialogs/guardrailexportdialog.h"
#include "ui/document/inputtable.h"
#include "ui/document/workspacedocument.h"
#include "ui/document/workspaceloader.h"
#include "ui/models/alertfilter.h"
#include "ui/models/alertmodel.h"
#include "ui/models/keybudgetmodel.h"
#include "ui/models/ownerallocationmodel.h"
#include "ui/models/ownerspendseries.h"
#include "ui/models/retryamplificationmodel.h"
#include "ui/models/sidebysidemodel.h"
#include "ui/models/unitcostmodel.h"
#include "ui/widgets/alertspage.h"
#include "ui/widgets/ledgerspage.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/inputtableeditor.h"
#include "ui/widgets/ownerspage.h"
#include "ui/widgets/pricesnapshoteditor.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QPushButton>
#include <QUndoStack>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace tl;

namespace {

QString job()
{
    return QStringLiteral(TL_TEST_DATA "/ui/owners/job.json");
}

/** A row of a table model as "display|display|…". */
QString rowText(const QAbstractItemModel &m, int row)
{
    QStringList cells;
    for (int c = 0; c < m.columnCount(); ++c)
        cells << m.index(row, c).data().toString();
    return cells.join(QLatin1Char('|'));
}

QString exact(const QAbstractItemModel &m, int row, int column, int role)
{
    return m.index(row, column).data(role).toString();
}

/** The owners job in dir: the named inputs copied (they will be written), the others referred to where they are. */
bool copyJob(const QString &dir, const QStringList &copied)
{
    const QDir src = QFileInfo(job()).absoluteDir();
    QFile jf(job());
    if (!jf.open(QIODevice::ReadOnly))
        return false;
    QJsonObject o = QJsonDocument::fromJson(jf.readAll()).object();
    QJsonArray inputs = o.value(QStringLiteral("inputs")).toArray();
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        QJsonObject in = inputs[i].toObject();
        const QString path = in.value(QStringLiteral("path")).toString();
        const QString name = QFileInfo(path).fileName();
        if (copied.contains(name)) {
            const QString to = QDir(dir).filePath(name);
            if (!QFile::copy(src.filePath(path), to))
                return false;
            QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
            in.insert(QStringLiteral("path"), name);
        } else {
            in.insert(QStringLiteral("path"), QFileInfo(src.filePath(path)).absoluteFilePath());
        }
        inputs[i] = in;
    }
    o.insert(QStringLiteral("inputs"), inputs);
    QFile out(QDir(dir).filePath(QStringLiteral("job.json")));
    return out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(o).toJson()) > 0;
}

} // namespace

class TestOwnersPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void ownerTable();
    void ownersAddUpToTheEstimate();
    void keysOfAnOwner();
    void ownerDailySeries();
    void unitCosts();
    void retryAmplification();
    void alerts();
    void alertFilterHasExactlyItsRows();
    void activatingAnAlertFiltersLedgers();
    void ownersPageDrawsTheChosenOwner();
    void guardrailExport();
    void pageNames();
    void ownersEditorChecksUndoesAndSaves();
    void mappingEditorChecksUndoesAndSaves();
    void noOwnersInputIsReadOnly();
    void unsavedEditsKeptOnlyWhileTheFileIsUnchanged();
    void newPriceSnapshotChecksUndoesAndSaves();

private:
    int alertIndex(const QString &code) const;
    /** The client rows (LedgerSet::client) of these request ids, attempt 1 unless "id#2". */
    std::vector<std::uint32_t> clientRows(const QStringList &requests) const;

    std::shared_ptr<const Workspace> m_ws;
};

void TestOwnersPage::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_ws = WorkspaceLoader::load(job());
    QVERIFY(m_ws);
    QCOMPARE(m_ws->result.estimatedBillable.toString(), QStringLiteral("0.6"));
}

int TestOwnersPage::alertIndex(const QString &code) const
{
    const auto &alerts = m_ws->result.allocation.alerts;
    for (std::size_t i = 0; i < alerts.size(); ++i)
        if (alerts[i].code == code)
            return static_cast<int>(i);
    return -1;
}

std::vector<std::uint32_t> TestOwnersPage::clientRows(const QStringList &requests) const
{
    std::vector<std::uint32_t> out;
    const AttemptTable &c = m_ws->set.client;
    const StringPool &pool = m_ws->set.pool();
    for (const QString &r : requests) {
        const QString id = r.section(QLatin1Char('#'), 0, 0);
        const int attempt = r.contains(QLatin1Char('#')) ? r.section(QLatin1Char('#'), 1).toInt() : 1;
        for (std::uint32_t row = 0; row < c.size(); ++row)
            if (pool.string(c.requestId[row]) == id && c.attempt[row] == attempt)
                out.push_back(row);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void TestOwnersPage::ownerTable()
{
    OwnerAllocationModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.headerData(OwnerAllocationModel::Estimated, Qt::Horizontal).toString(), QStringLiteral("Estimated\n(USD)"));
    // Owner | keys | attempts | estimated | provider | budget | to date | burn | projected | of budget | runs out in.
    // team-a: kA (0.40, 11 attempts) + a third of kB (0.04 of 0.12, 1 of 3 attempts); budget 0.35 + 1.00.
    // Projected 0.44 × 31 / 10 = 1.364; ⌊(1.35 − 0.44) × 10 / 0.44⌋ = 20 days.
    QCOMPARE(rowText(m, 0), QStringLiteral("team-a|2|12|0.44|0.45|1.35|0.44|0.044|1.364|101.0%|20 days"));
    QCOMPARE(rowText(m, 1), QStringLiteral("team-b|1|2|0.08|0.08|2.00|0.08|0.008|0.248|12.4%|240 days"));
    // The unmapped bucket is listed, last, with no budget.
    QCOMPARE(rowText(m, 2), QStringLiteral("(unmapped)|1|2|0.08|0.08|\u2014|0.08|0.008|0.248|\u2014|\u2014"));
    QVERIFY(m.index(2, 0).data(OwnerAllocationModel::UnmappedRole).toBool());
    QCOMPARE(m.rowOf(QStringLiteral("(unmapped)")), 2);
    QCOMPARE(exact(m, 0, OwnerAllocationModel::ProjectedMonthEnd, OwnerAllocationModel::ExactRole), QStringLiteral("1.364"));
    QCOMPARE(exact(m, 0, OwnerAllocationModel::Budget, OwnerAllocationModel::ExactRole), QStringLiteral("1.35"));
    QCOMPARE(m.asOfText(), QStringLiteral("as of 2026-05-10 12:00:00 (day 10 of 31), the newest client attempt"));
    // Over-budget projections are tinted; a reached budget would say so.
    QVERIFY(m.index(0, OwnerAllocationModel::ProjectedMonthEnd).data(Qt::BackgroundRole).isValid());
    QVERIFY(!m.index(1, OwnerAllocationModel::ProjectedMonthEnd).data(Qt::BackgroundRole).isValid());
    QVERIFY(m.index(0, OwnerAllocationModel::DaysLeft).data(Qt::ToolTipRole).toString().contains(QStringLiteral("runs out on 2026-05-31")));
}

void TestOwnersPage::ownersAddUpToTheEstimate()
{
    // Shared splits in thirds: the parts still add up to the period's estimate exactly.
    Decimal sum;
    for (const OwnerAllocation &o : m_ws->result.allocation.owners)
        sum += o.estimatedCost;
    QCOMPARE(sum, m_ws->result.estimatedBillable);
}

void TestOwnersPage::keysOfAnOwner()
{
    KeyBudgetModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    QCOMPARE(m.rowCount(), 3);
    // Key | owner | workload | allocation | share | attempts | estimated | provider | budget | to date | projected | runs out in.
    QCOMPARE(rowText(m, 0), QStringLiteral("kA|team-a|chat|direct||11|0.40|0.41|0.35|0.40|1.24|used up"));
    QCOMPARE(rowText(m, 1), QStringLiteral("kB|platform|batch|shared: team-a 1, team-b 2||3|0.12|0.12|3.00|0.12|0.372|240 days"));
    QCOMPARE(rowText(m, 2), QStringLiteral("kC|(unmapped)||no owners row||2|0.08|0.08|\u2014|0.08|0.248|\u2014"));
    m.setOwnerGroup(QStringLiteral("team-a"));
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.index(1, KeyBudgetModel::Share).data().toString(), QStringLiteral("33.3%"));
    QCOMPARE(m.headerData(KeyBudgetModel::Share, Qt::Horizontal).toString(), QStringLiteral("Share to\nteam-a"));
    m.setOwnerGroup(QStringLiteral("(unmapped)"));
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.index(0, 0).data().toString(), QStringLiteral("kC"));
    m.setOwnerGroup(QStringLiteral("platform")); // administers kB, pays nothing
    QCOMPARE(m.rowCount(), 0);
}

void TestOwnersPage::ownerDailySeries()
{
    const auto &owners = m_ws->result.allocation.owners;
    const SpendSeries a = OwnerSpendSeries::build(*m_ws, owners[0]);
    QCOMPARE(a.days, 31);
    QCOMPARE(a.elapsedDays, 10);
    QCOMPARE(a.apiKey, QStringLiteral("team-a"));
    // May 1: kA alone; May 2: kA 0.04 + a third of kB's 0.04, split exactly (the lost 10^-18 to team-a, the first group).
    QCOMPARE(a.estimated[0].toString(), QStringLiteral("0.04"));
    QCOMPARE(a.estimated[1].toString(), QStringLiteral("0.053333333333333334"));
    QCOMPARE(a.estimated[10].toString(), QStringLiteral("0"));
    QVERIFY(a.provider[4].known);
    QCOMPARE(a.provider[4].value.toString(), QStringLiteral("0.05"));
    QCOMPARE(a.estimatedTotal.toString(), QStringLiteral("0.44"));
    QCOMPARE(a.budget.value.toString(), QStringLiteral("1.35"));
    QCOMPARE(a.projected.toString(), QStringLiteral("1.364"));
    const SpendSeries b = OwnerSpendSeries::build(*m_ws, owners[1]);
    QCOMPARE(b.estimated[1].toString(), QStringLiteral("0.026666666666666666"));
    const SpendSeries u = OwnerSpendSeries::build(*m_ws, owners[2]);
    QCOMPARE(u.estimated[5].toString(), QStringLiteral("0.08"));
    QCOMPARE(u.estimatedTotal.toString(), QStringLiteral("0.08"));
    const SpendSeries all = OwnerSpendSeries::buildAll(*m_ws);
    QCOMPARE(all.estimatedTotal.toString(), QStringLiteral("0.6"));
    QCOMPARE(all.budget.value.toString(), QStringLiteral("3.35"));
}

void TestOwnersPage::unitCosts()
{
    UnitCostModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    QCOMPARE(m.rowCount(), 5);
    // Workload | unit | cadence | day | cost per unit | numerator | denominator | sources | keys | cost on days without units.
    const QString chatSource = QStringLiteral("estimated_billable (client estimate) of the attempts of keys with workload 'chat' in owners.csv, per UTC day");
    QCOMPARE(rowText(m, 0).section(QLatin1Char('|'), 0, 9),
             QStringLiteral("batch|document|daily|2026-05-04|0.013333|0.04|3|estimated_billable (client estimate) of the attempts of "
                            "keys with workload 'batch' in owners.csv, per UTC day|units.csv line 4|kB"));
    QCOMPARE(exact(m, 0, UnitCostModel::UnitCostColumn, UnitCostModel::ExactRole), QStringLiteral("0.013333333333333333"));
    QCOMPARE(rowText(m, 2), QStringLiteral("chat|ticket|daily|2026-05-02|0.01|0.04|4|%1|units.csv line 2|kA|").arg(chatSource));
    // A count of 0: the unit cost is unknown, the numerator is still shown.
    QCOMPARE(rowText(m, 3).section(QLatin1Char('|'), 0, 6), QStringLiteral("chat|ticket|daily|2026-05-03|\u2014|0.04|0"));
    // The period row: the dated days summed, the cost on days without a count apart (0.40 − 0.08).
    QCOMPARE(rowText(m, 4).section(QLatin1Char('|'), 0, 6), QStringLiteral("chat|ticket|period|2 dated days|0.02|0.08|4"));
    QCOMPARE(m.index(4, UnitCostModel::CostOnDaysWithoutUnits).data().toString(), QStringLiteral("0.32"));
    m.setWorkloads({QStringLiteral("chat")}, false);
    QCOMPARE(m.rowCount(), 3);
}

void TestOwnersPage::retryAmplification()
{
    RetryAmplificationModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    QCOMPARE(m.rowCount(), 3);
    // Group | keys | requests | attempts | retries | fallbacks | retried | attempts/request | estimated | on retries | per request | per attempt.
    QCOMPARE(rowText(m, 1), QStringLiteral("chat|kA|10|11|1|0|1|1.100|0.40|0.04 (10.0%)|0.04|0.036364"));
    QCOMPARE(exact(m, 1, RetryAmplificationModel::CostPerAttempt, RetryAmplificationModel::ExactRole), QStringLiteral("0.036363636363636364"));
    QCOMPARE(rowText(m, 2).section(QLatin1Char('|'), 0, 3), QStringLiteral("(unmapped)|kC|2|2"));
    // By key, through the core's own analysis: the same figures for kA.
    m.setMode(RetryAmplificationModel::Mode::ByKey);
    QCOMPARE(m.headerData(0, Qt::Horizontal).toString(), QStringLiteral("API key"));
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(rowText(m, 0), QStringLiteral("kA|chat|10|11|1|0|1|1.100|0.40|0.04 (10.0%)|0.04|0.036364"));
    QCOMPARE(rowText(m, 2).section(QLatin1Char('|'), 0, 3), QStringLiteral("kC|(unmapped)|2|2"));
    m.setKeys({QStringLiteral("kB")}, false);
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.index(0, 0).data().toString(), QStringLiteral("kB"));
}

void TestOwnersPage::alerts()
{
    AlertModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    QStringList got;
    for (int r = 0; r < m.rowCount(); ++r)
        got << QStringLiteral("%1 %2 %3 %4").arg(m.index(r, AlertModel::Severity).data().toString(), m.index(r, AlertModel::Code).data().toString(),
                                                 m.index(r, AlertModel::Subject).data().toString(), m.index(r, AlertModel::Rows).data().toString());
    QCOMPARE(got.join(QStringLiteral("; ")), QStringLiteral("critical budget_exceeded kA 10; critical ip_outside_allowlist kA 2; "
                                                           "warning budget_projected_overrun team-a 13"));
    QCOMPARE(m.criticalCount(), 2);
    QCOMPARE(m.warningCount(), 1);
    for (int r = 0; r < m.rowCount(); ++r) {
        QVERIFY(!m.index(r, AlertModel::Detail).data().toString().isEmpty());
        QVERIFY(!m.index(r, AlertModel::Action).data().toString().isEmpty());
    }
}

void TestOwnersPage::alertFilterHasExactlyItsRows()
{
    const auto &alerts = m_ws->result.allocation.alerts;
    const int ip = alertIndex(QStringLiteral("ip_outside_allowlist"));
    QVERIFY(ip >= 0);
    AlertFilter::Coverage c;
    const LedgerFilter f = AlertFilter::build(*m_ws, alerts[static_cast<std::size_t>(ip)], &c);
    // Its client row and the gateway row the client never logged, exactly.
    QVERIFY(f.rows);
    QCOMPARE(*f.rows, clientRows({QStringLiteral("a7")}));
    QVERIFY(f.gatewayRows);
    QCOMPARE(*f.gatewayRows, std::vector<std::uint32_t>{0});
    QVERIFY(!f.providerRows);
    QCOMPARE(c.client, 1);
    QCOMPARE(c.gateway, 1);
    QCOMPARE(c.notShown, 0);
    QCOMPARE(f.rowsLabel, QStringLiteral("ip_outside_allowlist \u00B7 kA: 2 rows"));

    // The exceeded budget: kA's ten billable calls up to the as-of (not the failed first attempt).
    const int over = alertIndex(QStringLiteral("budget_exceeded"));
    const LedgerFilter g = AlertFilter::build(*m_ws, alerts[static_cast<std::size_t>(over)]);
    QCOMPARE(*g.rows, clientRows({QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a3"), QStringLiteral("a4"),
                                  QStringLiteral("a5#2"), QStringLiteral("a6"), QStringLiteral("a7"), QStringLiteral("a8"),
                                  QStringLiteral("a9"), QStringLiteral("a10")}));
}

void TestOwnersPage::activatingAnAlertFiltersLedgers()
{
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.openJob(job());
    w.document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!w.document()->isLoading() && w.document()->hasWorkspace(), 30000);
    QCOMPARE(w.tabs()->tabText(int(WorkbenchPage::Alerts)), QStringLiteral("Alerts (3)"));
    QCOMPARE(w.tabs()->widget(int(WorkbenchPage::Owners)), static_cast<QWidget *>(w.ownersPage()));

    w.showPage(WorkbenchPage::Alerts);
    AlertsPage *page = w.alertsPage();
    QSignalSpy spy(page, &AlertsPage::ledgerFilterRequested);
    const int ip = alertIndex(QStringLiteral("ip_outside_allowlist"));
    page->selectAlert(ip);
    QVERIFY(page->details()->toPlainText().contains(QStringLiteral("client.csv:9")));
    QVERIFY(page->details()->toPlainText().contains(QStringLiteral("192.168.1.5")));
    QVERIFY(page->details()->toPlainText().contains(QStringLiteral("gateway.csv:2")));
    // Double-click: the Ledgers page opens with exactly the alert's rows, by request.
    const QModelIndex cell = page->view()->model()->index(page->view()->currentIndex().row(), AlertModel::Code);
    QVERIFY(cell.isValid());
    emit page->view()->activated(cell);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(w.currentPage(), WorkbenchPage::Ledgers);
    const LedgerFilter &f = w.ledgersPage()->filter();
    QVERIFY(f.rows && f.gatewayRows);
    QCOMPARE(*f.rows, clientRows({QStringLiteral("a7")}));
    QCOMPARE(*f.gatewayRows, std::vector<std::uint32_t>{0});
    QCOMPARE(w.ledgersPage()->viewMode(), LedgersPage::ViewMode::ByRequest);
    SideBySideModel *side = w.ledgersPage()->sideBySideModel();
    QCOMPARE(side->rowCount(), 2);
    QStringList shown;
    for (int r = 0; r < side->rowCount(); ++r) {
        const auto i = static_cast<std::size_t>(side->alignedRowAt(r));
        const LedgerAlignment::RequestRows &q = w.document()->workspace()->alignment.requests;
        shown << (q.line[i] >= 0 ? QStringLiteral("line") : QStringLiteral("gateway %1").arg(q.gateway[i]));
    }
    shown.sort();
    QCOMPARE(shown.join(QLatin1Char(',')), QStringLiteral("gateway 0,line"));

    // The budget alert: ten rows in the Ledgers page.
    page->activateAlert(alertIndex(QStringLiteral("budget_exceeded")));
    QCOMPARE(w.ledgersPage()->sideBySideModel()->rowCount(), 10);
    w.ledgersPage()->clearFilter();
}

void TestOwnersPage::ownersPageDrawsTheChosenOwner()
{
    OwnersPage page;
    page.resize(1200, 800);
    page.show();
    page.setWorkspace(m_ws);
    QCOMPARE(page.selectedOwner(), QString());
    QVERIFY(page.dailyChart()->isShowingChart());
    QVERIFY(page.budgetChart()->isShowingChart());
    QVERIFY(page.exportGuardrailsAction()->isEnabled());
    QVERIFY(page.selectOwner(QStringLiteral("team-a")));
    QCOMPARE(page.ownerView()->currentIndex().data(OwnerAllocationModel::OwnerGroupRole).toString(), QStringLiteral("team-a"));
    // Budget 1.35 against a projection of 1.364: the budget line is on the scale.
    QVERIFY(page.budgetChart()->budgetLineShown());
    QVERIFY(page.budgetChart()->caption().contains(QStringLiteral("USD\u00A01.36")));
    QVERIFY(page.budgetChart()->caption().contains(QStringLiteral("USD\u00A01.35")));
    QVERIFY(page.dailyChart()->caption().contains(QStringLiteral("estimated <b>USD\u00A00.44</b>")));
    QCOMPARE(page.keyModel()->rowCount(), 2);
    QCOMPARE(page.unitCostModel()->rowCount(), 3 + 2); // chat (kA) and batch (kB, shared with team-b)
    QCOMPARE(page.retryModel()->rowCount(), 2);
    // Clicking a row chooses it too.
    QTest::mouseClick(page.ownerView()->viewport(), Qt::LeftButton, {},
                      page.ownerView()->visualRect(page.ownerView()->model()->index(2, 1)).center());
    QCOMPARE(page.selectedOwner(), QStringLiteral("(unmapped)"));
    QCOMPARE(page.keyModel()->rowCount(), 1);
    QVERIFY(!page.budgetChart()->budgetLineShown());
    QVERIFY(!page.selectOwner(QStringLiteral("nobody")));
    QVERIFY(page.selectOwner(QString()));
    QCOMPARE(page.keyModel()->rowCount(), 3);
}

void TestOwnersPage::guardrailExport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    GuardrailExportDialog dialog(m_ws);
    const QString path = dir.filePath(QStringLiteral("guardrails.json"));
    dialog.setOutputPath(path);
    dialog.setDeniedModels(QStringLiteral("mc"));
    GuardrailOptions o;
    o.deny << QStringLiteral("mc");
    const QByteArray expected = GuardrailExporter::liteLlmJson(GuardrailExporter::plan(m_ws->result, m_ws->set, o));
    QCOMPARE(dialog.document(), expected);
    QCOMPARE(dialog.preview()->toPlainText().toUtf8(), expected);
    QVERIFY(dialog.save());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray written = f.readAll();
    QCOMPARE(written, expected);
    const QJsonObject doc = QJsonDocument::fromJson(written).object();
    QJsonObject kA;
    for (const QJsonValue &v : doc.value(QLatin1String("keys")).toArray())
        if (v.toObject().value(QLatin1String("key_update")).toObject().value(QLatin1String("key_alias")).toString() == QLatin1String("kA"))
            kA = v.toObject().value(QLatin1String("key_update")).toObject();
    QCOMPARE(kA.value(QLatin1String("max_budget")).toDouble(), 0.35);
    QCOMPARE(kA.value(QLatin1String("budget_duration")).toString(), QStringLiteral("1mo"));
    QCOMPARE(kA.value(QLatin1String("blocked")).toBool(), true); // mc, the only model kA used, is denied
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("guardrails.json")}); // no temp file left

    // YAML, and a bad duration is refused with the reason; the earlier file stays as it was.
    dialog.setFormat(GuardrailExportDialog::Format::LiteLlmYaml);
    QCOMPARE(dialog.document(), GuardrailExporter::liteLlmYaml(GuardrailExporter::plan(m_ws->result, m_ws->set, o)));
    dialog.setOutputPath(path);
    dialog.setBudgetDuration(QStringLiteral("monthly"));
    QVERIFY(!dialog.save());
    QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("\u201cmonthly\u201d")));
    f.seek(0);
    QCOMPARE(f.readAll(), expected);
    // A directory that does not exist: the error names the file.
    QString error;
    QVERIFY(!GuardrailExportDialog::writeAtomically(dir.filePath(QStringLiteral("missing/g.json")), expected, &error));
    QVERIFY2(error.contains(QStringLiteral("missing")), qPrintable(error));
}

void TestOwnersPage::pageNames()
{
    WorkbenchPage p;
    QVERIFY(MainWindow::pageFromName(QStringLiteral("owners"), &p));
    QCOMPARE(p, WorkbenchPage::Owners);
    QVERIFY(MainWindow::pageFromName(QStringLiteral("alerts"), &p));
    QCOMPARE(p, WorkbenchPage::Alerts);
    QCOMPARE(MainWindow::pageName(WorkbenchPage::Mappings), QStringLiteral("mappings"));
}

void TestOwnersPage::ownersEditorChecksUndoesAndSaves()
{
    // The job in a folder of its own (the owners file is written), other inputs where they are.
    QTemporaryDir dir;
    QVERIFY(copyJob(dir.path(), {QStringLiteral("owners.csv")}));
    const QString ownersPath = dir.filePath(QStringLiteral("owners.csv"));

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.openJob(dir.filePath(QStringLiteral("job.json")));
    w.document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!w.document()->isLoading() && w.document()->hasWorkspace(), 30000);
    w.showPage(WorkbenchPage::Owners);
    InputTableEditor *e = w.ownersEditor();
    w.ownersPage()->detailTabs()->setCurrentWidget(e);
    QCOMPARE(w.ownersPage()->detailTabs()->tabText(w.ownersPage()->detailTabs()->currentIndex()), QStringLiteral("Edit owners and budgets"));
    InputTable *t = w.document()->owners();
    QVERIFY2(t->isEditable(), qPrintable(t->readOnlyReason()));
    QCOMPARE(t->sourcePath(), ownersPath);
    QCOMPARE(e->table()->rowCount(), 2);
    QCOMPARE(e->table()->columnCount(), 9);
    QVERIFY(e->captionLabel()->text().startsWith(QStringLiteral("Editing <b>owners.csv</b>")));
    QVERIFY(!e->saveButton()->isEnabled());
    const int budget = t->columnOf(QStringLiteral("monthly_budget"));
    const int rule = t->columnOf(QStringLiteral("allocation_rule"));
    const int key = t->columnOf(QStringLiteral("api_key_name"));
    const int group = t->columnOf(QStringLiteral("owner_group"));
    QCOMPARE(e->table()->item(0, budget)->text(), QStringLiteral("0.35"));
    QUndoStack *undo = w.document()->undoStack();
    const int commands = undo->count();

    // Refused as the importer would refuse it on reload: the cell keeps its value, nothing is pushed.
    e->table()->item(0, budget)->setText(QStringLiteral("-1")); // typed into the cell
    QCOMPARE(e->table()->item(0, budget)->text(), QStringLiteral("0.35"));
    QCOMPARE(t->value(0, budget), QStringLiteral("0.35"));
    QCOMPARE(undo->count(), commands);
    QVERIFY(e->messageLabel()->isVisible());
    QCOMPARE(e->messageLabel()->text(),
             QStringLiteral("Not changed: owners.csv:2: column 'monthly_budget': a budget cannot be negative, got \"-1\""));
    QVERIFY(!e->editCell(1, rule, QStringLiteral("shared:team-a=x")));
    QVERIFY2(e->messageLabel()->text().startsWith(QStringLiteral("Not changed: owners.csv:3: column 'allocation_rule'")),
             qPrintable(e->messageLabel()->text()));
    QVERIFY(!e->editCell(1, key, QStringLiteral("kA")));
    QVERIFY2(e->messageLabel()->text().contains(QStringLiteral("key kA already has an owner row on line 2")), qPrintable(e->messageLabel()->text()));
    QVERIFY(!t->isModified());

    // Accepted: one undoable step per cell; the exact text is kept.
    e->table()->item(0, budget)->setText(QStringLiteral("2.00"));
    QCOMPARE(t->value(0, budget), QStringLiteral("2.00"));
    QCOMPARE(undo->count(), commands + 1);
    QCOMPARE(undo->undoText(), QStringLiteral("Edit monthly_budget of kA"));
    QVERIFY(t->isModified());
    QVERIFY(e->saveButton()->isEnabled());
    QVERIFY(e->captionLabel()->text().contains(QStringLiteral("Unsaved changes")));
    undo->undo();
    QCOMPARE(t->value(0, budget), QStringLiteral("0.35"));
    QCOMPARE(e->table()->item(0, budget)->text(), QStringLiteral("0.35"));
    undo->redo();
    QCOMPARE(e->table()->item(0, budget)->text(), QStringLiteral("2.00"));

    // A new key: added as "new-key", direct; named and given an owner and a budget; undoable.
    QVERIFY(e->addRow());
    QCOMPARE(e->table()->rowCount(), 3);
    QCOMPARE(t->value(2, key), QStringLiteral("new-key"));
    QCOMPARE(t->value(2, rule), QStringLiteral("direct"));
    QCOMPARE(undo->undoText(), QStringLiteral("Add owners row new-key"));
    undo->undo();
    QCOMPARE(e->table()->rowCount(), 2);
    undo->redo();
    QCOMPARE(e->table()->rowCount(), 3);
    QVERIFY(e->editCell(2, key, QStringLiteral("kC")));
    QVERIFY(e->editCell(2, group, QStringLiteral("team-c")));
    QVERIFY(e->editCell(2, budget, QStringLiteral("5")));

    // Save writes the file (only the edited cells differ) and reconciles: the budgets follow.
    const auto before = w.document()->workspace();
    QTest::mouseClick(e->saveButton(), Qt::LeftButton);
    QVERIFY(!t->isModified());
    QFile saved(ownersPath);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(),
             QByteArray("api_key_name,owner_group,environment,workload,cost_center,allocation_rule,monthly_budget,currency,allowed_ips\n"
                        "kA,team-a,prod,chat,CC-A,direct,2.00,USD,10.0.0.0/8\n"
                        "kB,platform,prod,batch,CC-P,shared:team-a=1;team-b=2,3.00,USD,\n"
                        "kC,team-c,,,,direct,5,,\n"));
    w.document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!w.document()->isLoading() && w.document()->workspace() != before, 30000);
    const auto ws = w.document()->workspace();
    QCOMPARE(int(ws->set.owners.size()), 3);
    OwnerAllocationModel m;
    m.setWorkspace(ws);
    // team-a: 2.00 + a third of kB's 3.00; team-c is kC's (no longer unmapped).
    QCOMPARE(exact(m, m.rowOf(QStringLiteral("team-a")), OwnerAllocationModel::Budget, OwnerAllocationModel::ExactRole), QStringLiteral("3"));
    QVERIFY(m.rowOf(QStringLiteral("team-c")) >= 0);
    QCOMPARE(exact(m, m.rowOf(QStringLiteral("team-c")), OwnerAllocationModel::Budget, OwnerAllocationModel::ExactRole), QStringLiteral("5"));
    // Nothing is left in the unmapped bucket: kC's two calls are team-c's now.
    const QString unmapped = rowText(m, m.rowOf(QStringLiteral("(unmapped)")));
    QVERIFY2(unmapped.startsWith(QStringLiteral("(unmapped)|0|0|0.00|")), qPrintable(unmapped));
    QVERIFY2(rowText(m, m.rowOf(QStringLiteral("team-c"))).startsWith(QStringLiteral("team-c|1|2|0.08|0.08|5.00|")),
             qPrintable(rowText(m, m.rowOf(QStringLiteral("team-c")))));
    // The editor shows the table read back from the file.
    QCOMPARE(e->table()->rowCount(), 3);
    QCOMPARE(e->table()->item(2, group)->text(), QStringLiteral("team-c"));
}

void TestOwnersPage::mappingEditorChecksUndoesAndSaves()
{
    QTemporaryDir dir;
    QVERIFY(copyJob(dir.path(), {QStringLiteral("mapping.csv")}));
    const QString mappingPath = dir.filePath(QStringLiteral("mapping.csv"));
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.openJob(dir.filePath(QStringLiteral("job.json")));
    w.document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!w.document()->isLoading() && w.document()->hasWorkspace(), 30000);
    w.showPage(WorkbenchPage::Mappings);
    QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.mappingTabs()));
    w.mappingTabs()->setCurrentWidget(w.mappingsEditor());
    InputTableEditor *e = w.mappingsEditor();
    InputTable *t = w.document()->mappings();
    QVERIFY2(t->isEditable(), qPrintable(t->readOnlyReason()));
    QCOMPARE(t->sourcePath(), mappingPath);
    QCOMPARE(e->table()->rowCount(), 5);
    const int billable = t->columnOf(QStringLiteral("billable_model"));
    const int role = t->columnOf(QStringLiteral("role"));
    QCOMPARE(t->value(0, t->keyColumn()), QStringLiteral("chat"));
    // A role the importer does not know is refused, with its message.
    QVERIFY(!e->editCell(0, role, QStringLiteral("backup")));
    QVERIFY2(e->messageLabel()->text().startsWith(QStringLiteral("Not changed: mapping.csv:2: column 'role'")), qPrintable(e->messageLabel()->text()));
    QCOMPARE(e->table()->item(0, role)->text(), QStringLiteral("primary"));
    // "mc" (what every client row asks for) is charged as m1 from now on; undo and redo restore the exact text.
    QUndoStack *undo = w.document()->undoStack();
    QCOMPARE(t->value(4, t->keyColumn()), QStringLiteral("mc"));
    e->table()->item(4, billable)->setText(QStringLiteral("m1"));
    QCOMPARE(undo->undoText(), QStringLiteral("Edit billable_model of mc"));
    undo->undo();
    QCOMPARE(t->value(4, billable), QStringLiteral("mc"));
    undo->redo();
    QCOMPARE(t->value(4, billable), QStringLiteral("m1"));
    // Add row copies the current row under a new requested model.
    e->table()->setCurrentCell(3, 0);
    QVERIFY(e->addRow());
    QCOMPARE(t->row(5), (QStringList{QStringLiteral("svc-m2"), QStringLiteral("new-model"), QStringLiteral("m2"), QStringLiteral("snap-test"),
                                     QStringLiteral("primary"), QStringLiteral("platform"), QStringLiteral("2026-01-01"), QString()}));
    QCOMPARE(undo->undoText(), QStringLiteral("Add mapping row new-model"));
    undo->undo();
    QCOMPARE(t->rowCount(), 5);

    const auto before = w.document()->workspace();
    QVERIFY(e->save());
    QFile saved(mappingPath);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), QByteArray("internal_name,requested_model,billable_model,snapshot_id,role,owner,valid_from,valid_to\n"
                                         "svc-chat,chat,m1,snap-test,primary,platform,2026-01-01,\n"
                                         "svc-m1,m1,m1,snap-test,primary,platform,2026-01-01,\n"
                                         "svc-m1-fallback,m1,m2,snap-test,fallback,platform,2026-01-01,\n"
                                         "svc-m2,m2,m2,snap-test,primary,platform,2026-01-01,\n"
                                         "svc-mc,mc,m1,snap-test,primary,platform,2026-01-01,\n"));
    w.document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!w.document()->isLoading() && w.document()->workspace() != before, 30000);
    const auto ws = w.document()->workspace();
    QCOMPARE(ws->set.mappings.back().requestedModel, QStringLiteral("mc"));
    QCOMPARE(ws->set.mappings.back().billableModel, QStringLiteral("m1"));
    // The editor shows the file as read back, unmodified.
    QCOMPARE(e->table()->item(4, billable)->text(), QStringLiteral("m1"));
    QVERIFY(!t->isModified());
    QVERIFY(!e->saveButton()->isEnabled());

    // The billing policy beside it, by outcome class: a treatment the importer does not know is refused.
    QCOMPARE(w.tabs()->tabText(int(WorkbenchPage::Mappings)), QStringLiteral("Mappings && policy"));
    InputTableEditor *pe = w.policyEditor();
    InputTable *p = w.document()->policy();
    QVERIFY2(p->isEditable(), qPrintable(p->readOnlyReason()));
    QCOMPARE(p->header(), (QStringList{QStringLiteral("outcome"), QStringLiteral("treatment"), QStringLiteral("evidence_id")}));
    const int serverError = p->rowOfKey(QStringLiteral("server_error"));
    QVERIFY(serverError >= 0);
    QVERIFY(!pe->editCell(serverError, 1, QStringLiteral("maybe")));
    QVERIFY2(pe->messageLabel()->text().contains(QStringLiteral("column 'treatment'")), qPrintable(pe->messageLabel()->text()));
    QVERIFY(pe->editCell(serverError, 1, QStringLiteral("partial")));
    QCOMPARE(undo->undoText(), QStringLiteral("Edit treatment of server_error"));
    QVERIFY(p->isModified());
    undo->undo();
    QCOMPARE(p->value(serverError, 1), QStringLiteral("non_billable"));
    QVERIFY(!p->isModified()); // back to the file's rows: nothing to save
}

void TestOwnersPage::noOwnersInputIsReadOnly()
{
    // A job without an owners input shows nothing to edit and says how to add one.
    std::unique_ptr<InputTable> owners(InputTable::owners());
    InputTable &t = *owners;
    Workspace none;
    t.reset(&none);
    QVERIFY(!t.isEditable());
    QVERIFY(t.readOnlyReason().startsWith(QStringLiteral("This job has no owners input.")));
    QString error;
    QVERIFY(!t.setValue(0, 0, QStringLiteral("kZ"), &error));
    QCOMPARE(error, t.readOnlyReason());
    QVERIFY(!t.save(&error));
}

void TestOwnersPage::unsavedEditsKeptOnlyWhileTheFileIsUnchanged()
{
    // Saving another table reloads the job: unsaved owners edits stay while owners.csv has the
    // bytes they were made on, and give way to the file when someone changed it on disk meanwhile.
    QTemporaryDir dir;
    QVERIFY(copyJob(dir.path(), {QStringLiteral("owners.csv")}));
    const QString jobPath = dir.filePath(QStringLiteral("job.json"));
    std::unique_ptr<InputTable> t(InputTable::owners());
    const auto ws1 = WorkspaceLoader::load(jobPath);
    t->reset(ws1.get());
    const int budget = t->columnOf(QStringLiteral("monthly_budget"));
    QString error;
    QVERIFY2(t->setValue(0, budget, QStringLiteral("2.00"), &error), qPrintable(error));
    const auto ws2 = WorkspaceLoader::load(jobPath); // the same bytes
    t->reset(ws2.get());
    QVERIFY(t->isModified());
    QCOMPARE(t->value(0, budget), QStringLiteral("2.00"));

    QFile f(dir.filePath(QStringLiteral("owners.csv")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    QVERIFY(bytes.contains(",0.35,"));
    bytes.replace(",0.35,", ",0.45,"); // another editor's change
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
    f.close();
    const auto ws3 = WorkspaceLoader::load(jobPath);
    t->reset(ws3.get());
    QVERIFY(!t->isModified());
    QCOMPARE(t->value(0, budget), QStringLiteral("0.45"));
}

void TestOwnersPage::newPriceSnapshotChecksUndoesAndSaves()
{
    // clean-month prices with snap-2026-05 (named by every mapping row); estimated billable 10.814488356.
    QTemporaryDir dir;
    const QDir src(QStringLiteral(TL_SHARED_DIR "/examples/clean-month"));
    for (const QString &name : src.entryList(QDir::Files))
        QVERIFY(QFile::copy(src.filePath(name), dir.filePath(name)));
    const QString jobPath = dir.filePath(QStringLiteral("job.json"));
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.openJob(jobPath);
    w.document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!w.document()->isLoading() && w.document()->hasWorkspace(), 30000);
    QCOMPARE(w.document()->workspace()->result.estimatedBillable.toString(), QStringLiteral("10.814488356"));
    w.showPage(WorkbenchPage::Prices);
    PriceSnapshotEditor *pe = w.pricesEditor();
    InputTable *t = pe->inputTable();
    // The used snapshot is read-only, and the page says why.
    QCOMPARE(pe->usedSnapshotIds(), QStringList{QStringLiteral("snap-2026-05")});
    QCOMPARE(pe->sourceBox()->currentText(), QStringLiteral("snap-2026-05"));
    QVERIFY(!t->isEditable());
    QVERIFY2(pe->statusLabel()->text().startsWith(QStringLiteral("Read-only: the current results were priced with snapshot snap-2026-05")),
             qPrintable(pe->statusLabel()->text()));
    QVERIFY(pe->newButton()->isEnabled());
    QVERIFY(!pe->editor()->addButton()->isEnabled());

    // The dialog's fields are checked: a used id and a bad date are refused.
    NewSnapshotFields f{QStringLiteral("snap-2026-05"), QStringLiteral("2026-05-20"), QStringLiteral("finops"), QStringLiteral("2026-05-01")};
    QVERIFY(!pe->startNewSnapshot(QStringLiteral("snap-2026-05"), f));
    QVERIFY2(pe->statusLabel()->text().contains(QStringLiteral("already has a snapshot")), qPrintable(pe->statusLabel()->text()));
    f.snapshotId = QStringLiteral("snap-2026-05b");
    f.validFrom = QStringLiteral("2026-13-01");
    QVERIFY(!pe->startNewSnapshot(QStringLiteral("snap-2026-05"), f));
    QVERIFY(!t->isEditable());
    f.validFrom = QStringLiteral("2026-05-01");
    QVERIFY2(pe->startNewSnapshot(QStringLiteral("snap-2026-05"), f), qPrintable(pe->statusLabel()->text()));
    QVERIFY(t->isEditable());
    QVERIFY(t->isModified());
    QCOMPARE(t->sourcePath(), dir.filePath(QStringLiteral("prices-snap-2026-05b.csv")));
    QCOMPARE(t->rowCount(), 7);
    const int model = t->columnOf(QStringLiteral("billable_model"));
    const int input = t->columnOf(QStringLiteral("input_price"));
    QCOMPARE(t->value(0, model), QStringLiteral("gpt-4o"));
    QCOMPARE(t->value(0, input), QStringLiteral("2.50"));
    QCOMPARE(t->value(0, t->columnOf(QStringLiteral("snapshot_id"))), QStringLiteral("snap-2026-05b"));
    QCOMPARE(t->value(0, t->columnOf(QStringLiteral("accessed_at"))), QStringLiteral("2026-05-20"));
    QCOMPARE(t->value(0, t->columnOf(QStringLiteral("captured_by"))), QStringLiteral("finops"));

    // A price the importer refuses is refused with its exact message; the cell keeps its value.
    InputTableEditor *e = pe->editor();
    QString importerMessage;
    QVERIFY(!t->check(0, input, QStringLiteral("abc"), &importerMessage));
    QVERIFY(!e->editCell(0, input, QStringLiteral("abc")));
    QCOMPARE(e->messageLabel()->text(), QStringLiteral("Not changed: ") + importerMessage);
    QCOMPARE(importerMessage, QStringLiteral("prices-snap-2026-05b.csv:2: column 'input_price': expected a decimal number such as 12.5 or 1.5e-7, got \"abc\""));
    QCOMPARE(e->table()->item(0, input)->text(), QStringLiteral("2.50"));

    // gpt-4o's input price doubles; undo and redo restore the exact text.
    QUndoStack *undo = w.document()->undoStack();
    e->table()->item(0, input)->setText(QStringLiteral("5.00"));
    QCOMPARE(undo->undoText(), QStringLiteral("Edit input_price of gpt-4o"));
    undo->undo();
    QCOMPARE(t->value(0, input), QStringLiteral("2.50"));
    undo->redo();
    QCOMPARE(t->value(0, input), QStringLiteral("5.00"));

    const auto before = w.document()->workspace();
    QVERIFY(e->save());
    // The copied rows as written, with the new id, observed date and captured-by, and gpt-4o's new input price.
    const QByteArray expected(
        "snapshot_id,source_url,accessed_at,captured_by,price_kind,currency,billable_model,billing_category,unit_basis,input_price,output_price,cached_input_price,cache_write_price,reasoning_price,per_call_price,upstream_ratio,valid_from,valid_to,evidence_id,notes\n"
        "snap-2026-05b,https://apidoc.cometapi.com/pricing/about-pricing,2026-05-20,finops,public-list,USD,gpt-4o,token,per_1m,5.00,10.00,1.25,,,,0.8,2026-05-01,,EV-PRICE-1,\"list price, \"\"CometAPI\"\" ratio applied\"\n"
        "snap-2026-05b,https://apidoc.cometapi.com/pricing/about-pricing,2026-05-20,finops,public-list,USD,gpt-4o-mini,token,per_1m,0.15,0.60,0.075,,,,0.8,2026-05-01,,EV-PRICE-1,\"list price, \"\"CometAPI\"\" ratio applied\"\n"
        "snap-2026-05b,https://apidoc.cometapi.com/pricing/about-pricing,2026-05-20,finops,public-list,USD,claude-sonnet-4,token,per_1m,3.00,15.00,0.30,,,,0.8,2026-05-01,,EV-PRICE-1,\"list price, \"\"CometAPI\"\" ratio applied\"\n"
        "snap-2026-05b,https://apidoc.cometapi.com/pricing/about-pricing,2026-05-20,finops,public-list,USD,o3-mini,token,per_1k,0.0011,0.0044,0.00055,,0.0044,,0.8,2026-05-01,,EV-PRICE-1,\"list price, \"\"CometAPI\"\" ratio applied\"\n"
        "snap-2026-05b,https://apidoc.cometapi.com/pricing/about-pricing,2026-05-20,finops,public-list,USD,text-embedding-3-small,token,per_token,0.00000002,0,,,,,0.8,2026-05-01,,EV-PRICE-1,\"list price, \"\"CometAPI\"\" ratio applied\"\n"
        "snap-2026-05b,https://apidoc.cometapi.com/pricing/about-pricing,2026-05-20,finops,public-list,USD,mj_imagine,per_call,per_token,,,,,,0.05,1,2026-05-01,,EV-PRICE-1,\"list price, \"\"CometAPI\"\" ratio applied\"\n"
        "snap-2026-05b,https://apidoc.cometapi.com/pricing/about-pricing,2026-05-20,finops,public-list,USD,kling_video,per_call,per_token,,,,,,0.35,1,2026-05-01,,EV-PRICE-1,\"list price, \"\"CometAPI\"\" ratio applied\"\n"
    );
    QFile saved(t->sourcePath());
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray written = saved.readAll();
    QCOMPARE(written, expected);
    // The job lists it and prices with it.
    QFile jf(jobPath);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const QJsonObject job = QJsonDocument::fromJson(jf.readAll()).object();
    const QJsonObject last = job.value(QStringLiteral("inputs")).toArray().last().toObject();
    QCOMPARE(last.value(QStringLiteral("kind")).toString(), QStringLiteral("prices"));
    QCOMPARE(last.value(QStringLiteral("format")).toString(), QStringLiteral("price_snapshot_csv"));
    QCOMPARE(last.value(QStringLiteral("path")).toString(), QStringLiteral("prices-snap-2026-05b.csv"));
    QCOMPARE(job.value(QStringLiteral("reconciliation_period")).toObject().value(QStringLiteral("snapshot_id")).toString(),
             QStringLiteral("snap-2026-05b"));
    w.document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!w.document()->isLoading() && w.document()->workspace() != before, 30000);
    const auto ws = w.document()->workspace();
    for (const MappingRow &m : ws->set.mappings)
        QCOMPARE(m.snapshotId, QStringLiteral("snap-2026-05b"));
    QCOMPARE(ws->result.estimatedBillable.toString(), QStringLiteral("11.167098356") /* + 0.35261: 176305 uncached gpt-4o input tokens at 2.50/1M more, times 0.8 */);
    // The new snapshot is the used one now: read-only, with the reason; nothing is being edited.
    QCOMPARE(pe->usedSnapshotIds(), QStringList{QStringLiteral("snap-2026-05b")});
    QVERIFY(!t->isEditable());
    QVERIFY(!t->isModified());
    pe->sourceBox()->setCurrentText(QStringLiteral("snap-2026-05b"));
    QVERIFY2(pe->statusLabel()->text().startsWith(QStringLiteral("Read-only: the current results were priced with snapshot snap-2026-05b")),
             qPrintable(pe->statusLabel()->text()));
    QVERIFY(!e->editCell(0, input, QStringLiteral("6.00")));
}

QTEST_MAIN(TestOwnersPage)
#include "tst_ownerspage.moc"
