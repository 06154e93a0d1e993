// SPDX-License-Identifier: Apache-2.0
// The UI models over a real reconciled job, the display formatting of exact amounts, the
// evidence review dates and the workspace document's load/undo/error behaviour.
#include "core/demo/demoworkspace.h"
#include "core/reconcile/reconcileresult.h"
#include "ui/document/workspacedocument.h"
#include "ui/document/workspaceloader.h"
#include "ui/models/columntablemodel.h"
#include "ui/models/displayformat.h"
#include "ui/models/evidencereview.h"
#include "ui/models/ledgerlinesmodel.h"
#include "ui/models/viewsorter.h"
#include "ui/models/spendseries.h"
#include "ui/models/workspacetables.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <algorithm>
#include <random>

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

// The view order LedgerLinesModel gave before ViewSorter: std::stable_sort of the current view
// with a comparator per column. The model must give exactly this order, ties included.
std::vector<int> referenceSort(const Workspace &ws, std::vector<int> view, int column, Qt::SortOrder order)
{
    const ReconcileResult &r = ws.result;
    const AttemptTable &c = ws.set.client;
    const StringPool &pool = ws.set.pool();
    const bool desc = order == Qt::DescendingOrder;
    auto sortBy = [&](auto key) {
        std::stable_sort(view.begin(), view.end(), [&](int a, int b) { return desc ? key(b) < key(a) : key(a) < key(b); });
    };
    auto rowOf = [&r](int li) { return r.lineRow[static_cast<std::size_t>(li)]; };
    auto str = [&pool](StringPool::Id id) { return pool.view(id); };
    auto at = [](int li) { return static_cast<std::size_t>(li); };
    switch (column) {
    case LedgerLinesModel::Time: sortBy([&](int li) { return c.timestamp[rowOf(li)]; }); break;
    case LedgerLinesModel::RequestId: sortBy([&](int li) { return std::make_pair(str(c.requestId[rowOf(li)]), c.attempt[rowOf(li)]); }); break;
    case LedgerLinesModel::Attempt: sortBy([&](int li) { return c.attempt[rowOf(li)]; }); break;
    case LedgerLinesModel::ApiKey: sortBy([&](int li) { return str(c.apiKey[rowOf(li)]); }); break;
    case LedgerLinesModel::ModelRequested: sortBy([&](int li) { return str(c.modelRequested[rowOf(li)]); }); break;
    case LedgerLinesModel::BillableModel: sortBy([&](int li) { return str(r.lineBillableModel[at(li)]); }); break;
    case LedgerLinesModel::Outcome: sortBy([&](int li) { return r.lineOutcome[at(li)]; }); break;
    case LedgerLinesModel::Treatment: sortBy([&](int li) { return r.lineTreatment[at(li)]; }); break;
    case LedgerLinesModel::InputTokens: sortBy([&](int li) { return c.inputTokens[rowOf(li)]; }); break;
    case LedgerLinesModel::CachedTokens: sortBy([&](int li) { return c.cachedTokens[rowOf(li)]; }); break;
    case LedgerLinesModel::OutputTokens: sortBy([&](int li) { return c.outputTokens[rowOf(li)]; }); break;
    case LedgerLinesModel::ReasoningTokens: sortBy([&](int li) { return c.reasoningTokens[rowOf(li)]; }); break;
    case LedgerLinesModel::Cost:
        sortBy([&](int li) { return std::make_pair(r.lineCostKnown[at(li)] ? 1 : 0, r.lineCost[at(li)].raw()); });
        break;
    case LedgerLinesModel::Status: sortBy([&](int li) { return static_cast<int>(r.lineQuarantine[at(li)]); }); break;
    case LedgerLinesModel::Category: sortBy([&](int li) { return static_cast<int>(r.lineCategory[at(li)]); }); break;
    case LedgerLinesModel::Source: sortBy([&](int li) { return std::make_pair(c.sourceFile[rowOf(li)], c.sourceLine[rowOf(li)]); }); break;
    default: break;
    }
    return view;
}

std::vector<int> viewOf(const LedgerLinesModel &model)
{
    std::vector<int> v(static_cast<std::size_t>(model.rowCount()));
    for (int i = 0; i < model.rowCount(); ++i)
        v[static_cast<std::size_t>(i)] = model.lineAt(i);
    return v;
}

// Every column in both orders, one after the other (so that ties meet the previous sort's order),
// against the reference; then the same on a filtered view.
void checkSortsAgainstReference(LedgerLinesModel &model)
{
    const Workspace &ws = *model.workspace();
    const int orders[][2] = {{LedgerLinesModel::Time, Qt::AscendingOrder}, {LedgerLinesModel::Cost, Qt::DescendingOrder},
                             {LedgerLinesModel::ApiKey, Qt::AscendingOrder}, {LedgerLinesModel::Cost, Qt::AscendingOrder},
                             {LedgerLinesModel::Status, Qt::DescendingOrder}, {LedgerLinesModel::RequestId, Qt::DescendingOrder}};
    for (const auto &o : orders) {
        const std::vector<int> expected = referenceSort(ws, viewOf(model), o[0], Qt::SortOrder(o[1]));
        model.sort(o[0], Qt::SortOrder(o[1]));
        QVERIFY2(viewOf(model) == expected, qPrintable(QStringLiteral("column %1 order %2").arg(o[0]).arg(o[1])));
    }
    for (int col = 0; col < LedgerLinesModel::ColumnCount; ++col) {
        for (const Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
            const std::vector<int> expected = referenceSort(ws, viewOf(model), col, order);
            model.sort(col, order);
            QVERIFY2(viewOf(model) == expected, qPrintable(QStringLiteral("column %1 order %2").arg(col).arg(int(order))));
            for (int row = 0; row < model.rowCount(); row += 97)
                QCOMPARE(model.rowOfLine(model.lineAt(row)), row);
        }
    }
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
    void ledgerModelSortOrders();
    void ledgerModelSortOrdersLarge();
    void viewSorter();
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

void TestUiModels::ledgerModelSortOrders()
{
    LedgerLinesModel model;
    model.setWorkspace(m_ws);
    const ReconcileResult &r = m_ws->result;
    auto known = [&](int row) { return r.lineCostKnown[static_cast<std::size_t>(model.lineAt(row))] != 0; };
    // Unknown costs (never zero) come first ascending and last descending, in their previous order.
    model.sort(LedgerLinesModel::Time, Qt::AscendingOrder);
    const std::vector<int> byTime = viewOf(model);
    std::vector<int> unknown;
    for (int li : byTime)
        if (!r.lineCostKnown[static_cast<std::size_t>(li)])
            unknown.push_back(li);
    QVERIFY(!unknown.empty());
    const int u = int(unknown.size());
    model.sort(LedgerLinesModel::Cost, Qt::AscendingOrder);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(known(row), row >= u);
    QVERIFY(std::equal(unknown.begin(), unknown.end(), viewOf(model).begin()));
    QCOMPARE(model.data(model.index(0, LedgerLinesModel::Cost)).toString(), DisplayFormat::unknown());
    model.sort(LedgerLinesModel::Time, Qt::AscendingOrder);
    model.sort(LedgerLinesModel::Cost, Qt::DescendingOrder);
    const int n = model.rowCount();
    for (int row = 0; row < n; ++row)
        QCOMPARE(known(row), row < n - u);
    QVERIFY(std::equal(unknown.begin(), unknown.end(), viewOf(model).begin() + (n - u)));
    QCOMPARE(model.data(model.index(0, LedgerLinesModel::Cost)).toString(), QStringLiteral("0.35"));
    // Ties keep the previous order: by key after by time is by key, then time.
    model.sort(LedgerLinesModel::Time, Qt::AscendingOrder);
    model.sort(LedgerLinesModel::ApiKey, Qt::DescendingOrder);
    const AttemptTable &c = m_ws->set.client;
    const StringPool &pool = m_ws->set.pool();
    for (int row = 1; row < n; ++row) {
        const std::uint32_t a = r.lineRow[static_cast<std::size_t>(model.lineAt(row - 1))];
        const std::uint32_t b = r.lineRow[static_cast<std::size_t>(model.lineAt(row))];
        QVERIFY(pool.view(c.apiKey[a]) >= pool.view(c.apiKey[b]));
        if (c.apiKey[a] == c.apiKey[b])
            QVERIFY(c.timestamp[a] <= c.timestamp[b]);
    }
    checkSortsAgainstReference(model);
    LedgerFilter f;
    f.text = QStringLiteral("gpt");
    model.setFilter(f);
    QVERIFY(model.rowCount() > 0 && model.rowCount() < n);
    checkSortsAgainstReference(model);
}

void TestUiModels::ledgerModelSortOrdersLarge()
{
    // Enough lines for the radix passes (small views take a comparison sort).
    QTemporaryDir dir;
    DemoWorkspace::Options o;
    o.attempts = 6000;
    QString error;
    QVERIFY2(DemoWorkspace::write(dir.path(), 20260531u, o, &error), qPrintable(error));
    const auto ws = WorkspaceLoader::load(dir.filePath(QStringLiteral("job.json")));
    QVERIFY(ws);
    QVERIFY(ws->result.lineRow.size() > 5000);
    QVERIFY(std::count(ws->result.lineCostKnown.begin(), ws->result.lineCostKnown.end(), 0) > 0);
    LedgerLinesModel model;
    model.setWorkspace(ws);
    checkSortsAgainstReference(model);
}

void TestUiModels::viewSorter()
{
    std::mt19937_64 rng(8);
    for (const std::uint64_t range : {std::uint64_t(1), std::uint64_t(7), std::uint64_t(5000), std::uint64_t(1) << 33,
                                      ~std::uint64_t(0)}) {
        for (const std::size_t n : {std::size_t(3), std::size_t(300), std::size_t(20000)}) {
            std::vector<std::uint64_t> keys(n);
            std::vector<int> view(n);
            for (std::size_t i = 0; i < n; ++i) {
                keys[i] = range == ~std::uint64_t(0) ? rng() : 1000 + rng() % range;
                view[i] = static_cast<int>((i * 7919) % n);
            }
            std::vector<std::pair<std::uint64_t, int>> expected(n);
            for (std::size_t i = 0; i < n; ++i)
                expected[i] = {keys[i], view[i]};
            std::stable_sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
            ViewSorter::sortByKeys(view, keys);
            for (std::size_t i = 0; i < n; ++i)
                QCOMPARE(view[i], expected[i].second);
        }
    }
    // Nearly in order (a few keys out of place, many ties), with and without an early outlier
    // that leaves too many behind it for the merge path.
    for (const bool outlier : {false, true}) {
        const std::size_t n = 20000;
        std::vector<std::uint64_t> keys(n);
        std::vector<int> view(n);
        for (std::size_t i = 0; i < n; ++i) {
            keys[i] = i / 3;
            if (i % 50 == 7)
                keys[i] = rng() % (i / 3 + 1); // only ever lower: set aside, merged back
            view[i] = static_cast<int>(n - i);
        }
        if (outlier)
            keys[10] = n;
        std::vector<std::pair<std::uint64_t, int>> expected(n);
        for (std::size_t i = 0; i < n; ++i)
            expected[i] = {keys[i], view[i]};
        std::stable_sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        ViewSorter::sortByKeys(view, keys);
        for (std::size_t i = 0; i < n; ++i)
            QCOMPARE(view[i], expected[i].second);
    }
    // Ranks follow the bytes, not the ids; the empty string (None) ranks first.
    StringPool pool;
    std::vector<StringPool::Id> ids;
    const char *words[] = {"req_b", "req_a", "req_ab", "REQ", "req_a\xff", "req_0000000001x", "req_0000000001", "req_a"};
    for (const char *w : words)
        ids.push_back(pool.intern(w));
    ids.push_back(StringPool::None);
    for (int i = 0; i < 3000; ++i)
        ids.push_back(pool.intern(QStringLiteral("req_%1").arg(3000 - i, 8, 10, QLatin1Char('0'))));
    const std::vector<std::uint32_t> rank = ViewSorter::stringRanks(pool, ids);
    for (const StringPool::Id a : ids)
        for (std::size_t k = 0; k < ids.size(); k += 37) {
            const StringPool::Id b = ids[k];
            QCOMPARE(rank[a] < rank[b], pool.view(a) < pool.view(b));
            QCOMPARE(rank[a] == rank[b], pool.view(a) == pool.view(b));
        }
    QCOMPARE(rank[StringPool::None], 0u);
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
