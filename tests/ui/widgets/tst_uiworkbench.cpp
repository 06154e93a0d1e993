// SPDX-License-Identifier: Apache-2.0
// The workbench window driven as a user would: open the example job, read the header, click a
// decision reason and a variance category through to the Ledgers page, search, fail a load.
#include "ui/charts/budgetchart.h"
#include "ui/charts/outcomedaychart.h"
#include "ui/charts/variancewaterfallchart.h"
#include "ui/document/workspacedocument.h"
#include "ui/models/columntablemodel.h"
#include "ui/models/ledgerlinesmodel.h"
#include "ui/models/evidenceregistermodel.h"
#include "ui/models/sidebysidemodel.h"
#include "ui/widgets/evidencepage.h"
#include "ui/widgets/keyspage.h"
#include "ui/widgets/ledgerspage.h"
#include "ui/widgets/linedetailsview.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/messagebanner.h"
#include "ui/widgets/overviewpage.h"
#include "ui/widgets/recentfilesmenu.h"
#include "ui/widgets/workspacesidebar.h"
#include "ui/widgets/reasonlistwidget.h"
#include "ui/widgets/referencepage.h"
#include "ui/widgets/summaryheader.h"
#include "ui/widgets/variancepage.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QUrl>
#include <QComboBox>
#include <QAction>
#include <QBarSet>
#include <QChart>
#include <QAbstractBarSeries>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeWidgetItem>
#include <QTest>

using namespace tl;

class TestWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyState();
    void opensExampleJob();
    void reasonFiltersLedgers();
    void varianceCategoryFiltersLedgers();
    void searchFiltersLedgers();
    void selectingARowFillsDetails();
    void pagesAreFilled();
    void ledgersSideBySide();
    void evidenceLinksBothWays();
    void waterfallLabelsFit();
    void failedLoadKeepsWorkspace();
    void outcomePerDayFiltersLedgers();
    void sidebarLeadsToAlerts();
    void recentFilesRemembered();
    void windowStateRemembered();

private:
    void openExample();
    std::unique_ptr<MainWindow> m_window;
};

void TestWorkbench::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    // Settings of this test only (~/.qttest), from a clean slate.
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->readSettings();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWorkbench::emptyState()
{
    QVERIFY(m_window->header()->text().contains(QStringLiteral("No job open")));
    QVERIFY(m_window->header()->text().contains(QStringLiteral("Open a job (File \u25B8 Open job\u2026) to start")));
    QCOMPARE(m_window->ledgersPage()->model()->rowCount(), 0);
}

void TestWorkbench::openExample()
{
    WorkspaceDocument *doc = m_window->document();
    m_window->openJob(QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json"));
    doc->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!doc->isLoading() && doc->hasWorkspace(), 30000);
}

void TestWorkbench::opensExampleJob()
{
    openExample();
    const QString header = m_window->header()->text();
    QVERIFY2(header.contains(QStringLiteral("WARN")), qPrintable(header));
    QCOMPARE(m_window->header()->badgeText(), QStringLiteral("WARN: 1 reason"));
    QVERIFY2(header.contains(QStringLiteral("May 2026 \u00B7 acct-redacted \u00B7 USD")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Estimated USD 10.81")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Provider (reconciled) USD 10.83")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Variance USD +0.01 (+0.13%)")), qPrintable(header));
    LedgerLinesModel *model = m_window->ledgersPage()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 309);
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Overview);
    // The example reports provider figures per key and day only: that is where the ledgers meet.
    QCOMPARE(m_window->ledgersPage()->viewMode(), LedgersPage::ViewMode::ByKeyDay);
}

void TestWorkbench::reasonFiltersLedgers()
{
    const auto ws = m_window->document()->workspace();
    QVERIFY(ws);
    ReasonListWidget *reasons = m_window->overviewPage()->reasons();
    QCOMPARE(reasons->count(), int(ws->result.reasons.size()));
    const DecisionReason &reason = ws->result.reasons.front();
    QCOMPARE(reason.code, QStringLiteral("missing_usage"));
    QPushButton *button = reasons->button(0);
    QVERIFY(button);
    QVERIFY(button->isVisible());
    QSignalSpy clicked(button, &QPushButton::clicked);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(clicked.count(), 1);

    QCOMPARE(m_window->currentPage(), WorkbenchPage::Ledgers);
    LedgerLinesModel *model = m_window->ledgersPage()->model();
    QCOMPARE(model->rowCount(), int(reason.clientRows.size()));
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->data(model->index(r, 0), LedgerLinesModel::ClientRowRole).toULongLong(), qulonglong(reason.clientRows[std::size_t(r)]));
    QVERIFY(m_window->ledgersPage()->summaryText().contains(QStringLiteral("<b>1</b> of 309 rows")));
    m_window->ledgersPage()->clearFilter();
    QCOMPARE(model->rowCount(), 309);
}

void TestWorkbench::varianceCategoryFiltersLedgers()
{
    m_window->showPage(WorkbenchPage::Variance);
    VariancePage *page = m_window->variancePage();
    QTableView *view = page->categoryView();
    const int category = static_cast<int>(VarianceCategory::MissingUsage);
    const int row = page->categoryModel()->viewRow(category);
    QVERIFY(row >= 0);
    const QRect rect = view->visualRect(page->categoryModel()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    // A click filters the Ledgers page; the items table follows the category.
    LedgerLinesModel *model = m_window->ledgersPage()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->data(model->index(0, LedgerLinesModel::Category)).toString(), QStringLiteral("missing usage"));
    QCOMPARE(page->itemModel()->rowCount(), 1);
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Variance);
    QVERIFY(page->waterfall()->isShowingChart());
    QCOMPARE(page->waterfall()->categories().size(), std::size_t(2)); // missing usage, rounding
    m_window->ledgersPage()->clearFilter();
}

void TestWorkbench::searchFiltersLedgers()
{
    m_window->showPage(WorkbenchPage::Overview);
    QLineEdit *search = m_window->searchField();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("agents-prod"));
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Ledgers);
    QTRY_COMPARE(m_window->ledgersPage()->model()->rowCount(), 48);
    QCOMPARE(m_window->ledgersPage()->searchField()->text(), QStringLiteral("agents-prod"));
    search->clear();
    QTRY_COMPARE(m_window->ledgersPage()->model()->rowCount(), 309);
}

void TestWorkbench::selectingARowFillsDetails()
{
    LedgersPage *page = m_window->ledgersPage();
    LedgerFilter f;
    f.status = LedgerFilter::Status::MissingUsage;
    m_window->showLedgerRows(f);
    page->view()->selectRow(0);
    const QString details = page->details()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("client.csv, line 94")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Price lineage")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("snap-2026-05")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("unknown (not zero)")), qPrintable(details));
    page->clearFilter();
}

void TestWorkbench::pagesAreFilled()
{
    QCOMPARE(m_window->evidencePage()->model()->rowCount(), 2);
    QCOMPARE(m_window->evidencePage()->view()->model()->rowCount(), 2);
    QCOMPARE(m_window->keysPage()->keyModel()->rowCount(), 6);
    QCOMPARE(m_window->keysPage()->modelModel()->rowCount(), 7);
    QVERIFY(m_window->overviewPage()->waterfall()->isShowingChart());
    QCOMPARE(m_window->overviewPage()->outcomeModel()->rowCount(), 5);
    // Budget 3,000 vs a spend of about 11: the line is off the scale until asked for.
    BudgetChart *budget = m_window->keysPage()->budgetChart();
    QVERIFY(!budget->budgetLineShown());
    budget->setBudgetToScale(true);
    QVERIFY(budget->budgetLineShown());
    budget->setBudgetToScale(false);
}

void TestWorkbench::ledgersSideBySide()
{
    LedgersPage *page = m_window->ledgersPage();
    m_window->showPage(WorkbenchPage::Ledgers);
    page->setViewMode(LedgersPage::ViewMode::ByKeyDay);
    SideBySideModel *m = page->sideBySideModel();
    QCOMPARE(m->mode(), SideBySideModel::Mode::ByKeyDay);
    QCOMPARE(m->rowCount(), int(m_window->document()->workspace()->result.dayCounts.size()));
    QVERIFY(page->summaryText().contains(QStringLiteral("key\u00B7day")));
    // The match-state box filters; a reason's rows switch to the request view.
    const int quarantined = page->matchStateBox()->findData(int(MatchState::Quarantined));
    QVERIFY(quarantined > 0);
    page->matchStateBox()->setCurrentIndex(quarantined);
    for (int r = 0; r < m->rowCount(); ++r)
        QCOMPARE(m->data(m->index(r, 0), SideBySideModel::StateRole).toInt(), int(MatchState::Quarantined));
    page->clearFilter();
    page->setViewMode(LedgersPage::ViewMode::ByRequest);
    QCOMPARE(m->rowCount(), 309);
    // Selecting a side-by-side row fills Details with its source line.
    page->sideBySideView()->selectRow(0);
    QVERIFY(page->details()->toPlainText().contains(QStringLiteral("client.csv, line")));
    page->setViewMode(LedgersPage::ViewMode::ClientLines);
    QCOMPARE(page->view()->isVisible(), true);
    QVERIFY(m_window->header()->signOffButton()->isVisible());
}

void TestWorkbench::evidenceLinksBothWays()
{
    // From a price row to its evidence entry, and from the entry to the snapshot.
    const auto ws = m_window->document()->workspace();
    const QString id = ws->set.prices.front().evidenceId;
    QVERIFY(!id.isEmpty());
    m_window->openLink(QUrl(QStringLiteral("evidence:") + id));
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Evidence);
    QCOMPARE(m_window->evidencePage()->currentId(), id);
    m_window->openLink(QUrl(QStringLiteral("snapshot:") + ws->set.prices.front().snapshotId));
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Prices);
    m_window->openLink(QUrl(QStringLiteral("outcome:success")));
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Ledgers);
    QCOMPARE(m_window->ledgersPage()->filter().outcome, int(Outcome::Success));
    m_window->ledgersPage()->clearFilter();
}

void TestWorkbench::waterfallLabelsFit()
{
    // In the Overview's narrow column the labels go to two lines instead of being cut.
    m_window->showPage(WorkbenchPage::Overview);
    VarianceWaterfallChart *w = m_window->overviewPage()->waterfall();
    w->resize(380, 400);
    QVERIFY(w->twoLineLabels());
    w->resize(1200, 400);
    QVERIFY(!w->twoLineLabels());
}

void TestWorkbench::failedLoadKeepsWorkspace()
{
    QTemporaryDir dir;
    const QDir src(QStringLiteral(TL_SHARED_DIR "/examples/clean-month"));
    for (const QString &name : src.entryList(QDir::Files)) {
        QFile in(src.filePath(name));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        if (name == QLatin1String("client.csv"))
            bytes.replace(",3445,1404,", ",abc,1404,");
        QFile out(dir.filePath(name));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    const auto before = m_window->document()->workspace();
    m_window->openJob(dir.filePath(QStringLiteral("job.json")));
    m_window->document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->banner()->isVisible(), 30000);
    QVERIFY2(m_window->banner()->text().contains(QStringLiteral("client.csv:3: column &#39;input_tokens&#39;"))
                 || m_window->banner()->text().contains(QStringLiteral("client.csv:3: column 'input_tokens'")),
             qPrintable(m_window->banner()->text()));
    QCOMPARE(m_window->document()->workspace(), before);
    QVERIFY(m_window->header()->text().contains(QStringLiteral("WARN")));
    QCOMPARE(m_window->ledgersPage()->model()->rowCount(), 309);
}

void TestWorkbench::outcomePerDayFiltersLedgers()
{
    // Overview ▸ Counts by outcome ▸ Per day: a segment leads to that day's rows of that outcome.
    OverviewPage *overview = m_window->overviewPage();
    OutcomeDayChart *chart = overview->outcomeDayChart();
    QCOMPARE(overview->outcomeTabs()->tabText(1), QStringLiteral("Per day"));
    QVERIFY(chart->isShowingChart());
    QCOMPARE(chart->series().total(), qint64(309));
    auto *bars = qobject_cast<QAbstractBarSeries *>(chart->chart()->series().front());
    QVERIFY(bars);
    // The busiest day of the first outcome drawn.
    const Outcome o = chart->shownOutcomes().front();
    int day = 0;
    for (int d = 1; d < chart->series().days; ++d)
        if (chart->series().count(d, o) > chart->series().count(day, o))
            day = d;
    const qint64 expected = chart->series().count(day, o);
    QVERIFY(expected > 0);
    emit bars->barSets().front()->clicked(day);
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Ledgers);
    const LedgerFilter f = m_window->ledgersPage()->filter();
    QCOMPARE(f.day, chart->series().firstDay + day);
    QCOMPARE(f.outcome, int(o));
    QCOMPARE(qint64(m_window->ledgersPage()->model()->rowCount()), expected);
    m_window->ledgersPage()->clearFilter();

    // The Keys page has the same chart for the chosen key, and its segments filter by key too.
    KeysPage *keys = m_window->keysPage();
    const QString key = keys->keyModel()->data(keys->keyModel()->index(0, 0)).toString();
    keys->setKey(key);
    OutcomeDayChart *perKey = keys->outcomeDayChart();
    QCOMPARE(perKey->series().apiKey, key);
    qint64 keyAttempts = 0;
    const auto ws = m_window->document()->workspace();
    for (std::uint32_t row : ws->result.lineRow)
        keyAttempts += ws->set.pool().string(ws->set.client.apiKey[row]) == key ? 1 : 0;
    QCOMPARE(perKey->series().total(), keyAttempts);
    auto *keyBars = qobject_cast<QAbstractBarSeries *>(perKey->chart()->series().front());
    int keyDay = 0;
    const Outcome ko = perKey->shownOutcomes().front();
    while (perKey->series().count(keyDay, ko) == 0)
        ++keyDay;
    emit keyBars->barSets().front()->clicked(keyDay);
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Ledgers);
    QCOMPARE(m_window->ledgersPage()->filter().apiKey, key);
    QCOMPARE(qint64(m_window->ledgersPage()->model()->rowCount()), perKey->series().count(keyDay, ko));
    m_window->ledgersPage()->clearFilter();
    keys->setKey(QString());
}

void TestWorkbench::sidebarLeadsToAlerts()
{
    WorkspaceSidebar *side = m_window->sidebar();
    QTreeWidgetItem *item = side->itemForPage(WorkbenchPage::Alerts);
    QVERIFY(item);
    const auto ws = m_window->document()->workspace();
    const int n = int(ws->result.allocation.alerts.size());
    QVERIFY2(item->text(0).startsWith(QStringLiteral("Alerts (%1)").arg(n)), qPrintable(item->text(0)));
    QCOMPARE(m_window->tabs()->tabText(int(WorkbenchPage::Alerts)), n == 0 ? QStringLiteral("Alerts") : QStringLiteral("Alerts (%1)").arg(n));
    m_window->showPage(WorkbenchPage::Overview);
    side->scrollToItem(item);
    const QRect r = side->visualItemRect(item);
    QVERIFY(r.isValid());
    QTest::mouseClick(side->viewport(), Qt::LeftButton, {}, r.center());
    QCOMPARE(m_window->currentPage(), WorkbenchPage::Alerts);
}

void TestWorkbench::recentFilesRemembered()
{
    // Every job opened so far is listed, newest first, without repeats; choosing one opens it.
    RecentFilesMenu *recent = m_window->recentFilesMenu();
    const QString job = QFileInfo(QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json")).absoluteFilePath();
    QCOMPARE(recent->paths(), QStringList{job});
    QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), QStringList{job});
    recent->add(QStringLiteral("/nonexistent/other.tlw"));
    QCOMPARE(recent->paths(), (QStringList{QStringLiteral("/nonexistent/other.tlw"), job}));
    emit recent->aboutToShow();
    const QList<QAction *> actions = recent->actions();
    QCOMPARE(actions.at(0)->text(), QStringLiteral("&1 /nonexistent/other.tlw (not found)"));
    QVERIFY(!actions.at(0)->isEnabled());
    QCOMPARE(actions.at(1)->text(), QStringLiteral("&2 ") + job);
    QVERIFY(actions.at(1)->isEnabled());
    QSignalSpy started(m_window->document(), &WorkspaceDocument::loadStarted);
    actions.at(1)->trigger();
    QCOMPARE(started.size(), 1);
    m_window->document()->future().waitForFinished();
    QTRY_COMPARE_WITH_TIMEOUT(recent->paths(), (QStringList{job, QStringLiteral("/nonexistent/other.tlw")}), 30000);
    for (int i = 0; i < RecentFilesMenu::MaxEntries + 3; ++i)
        recent->add(QStringLiteral("/tmp/job%1.json").arg(i));
    QCOMPARE(recent->paths().size(), RecentFilesMenu::MaxEntries);
    QCOMPARE(recent->paths().front(), QStringLiteral("/tmp/job%1.json").arg(RecentFilesMenu::MaxEntries + 2));
    recent->clearList();
    QVERIFY(recent->paths().isEmpty());
}

void TestWorkbench::windowStateRemembered()
{
    // Closing remembers the sidebar (hidden) and its width and the page; a new window comes back the same.
    m_window->showPage(WorkbenchPage::Variance);
    m_window->mainSplitter()->setSizes({333, 1067});
    const QList<int> sizes = m_window->mainSplitter()->sizes();
    m_window->sidebarAction()->setChecked(false);
    QVERIFY(!m_window->sidebar()->isVisible());
    QVERIFY(m_window->close());
    QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
    QCOMPARE(QSettings().value(QStringLiteral("window/sidebar")).toBool(), false);
    QCOMPARE(QSettings().value(QStringLiteral("window/page")).toString(), QStringLiteral("variance"));

    MainWindow again;
    again.readSettings();
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(!again.sidebarAction()->isChecked());
    QVERIFY(!again.sidebar()->isVisible());
    again.sidebarAction()->setChecked(true);
    QCOMPARE(again.mainSplitter()->sizes().front(), sizes.front());
    QCOMPARE(again.size(), m_window->size());
    // The first workspace opened comes up on that page; the ones after it keep the page the user is on.
    again.openJob(QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json"));
    again.document()->future().waitForFinished();
    QTRY_VERIFY_WITH_TIMEOUT(!again.document()->isLoading() && again.document()->hasWorkspace(), 30000);
    QCOMPARE(again.currentPage(), WorkbenchPage::Variance);
    again.showPage(WorkbenchPage::Evidence);
    const auto first = again.document()->workspace();
    QSignalSpy reloaded(again.document(), &WorkspaceDocument::loadFinished);
    again.document()->reload();
    QVERIFY(reloaded.wait(30000));
    QVERIFY(again.document()->workspace() != first);
    QCOMPARE(again.currentPage(), WorkbenchPage::Evidence);
}

QTEST_MAIN(TestWorkbench)
#include "tst_uiworkbench.moc"
