// SPDX-License-Identifier: Apache-2.0
// The side-by-side ledgers over a small job whose every request tells one story: matched,
// tokens differ, model differs, a retry, missing in the provider, in the gateway and in the
// client, quarantined, not billed. The model must line them up as the engine joins them, colour
// each by its state, filter with the one filter bar and stay fast at a million rows.
#include "core/demo/demoworkspace.h"
#include "core/util/timeutil.h"
#include "ui/document/workspaceloader.h"
#include "ui/models/ledgerlinesmodel.h"
#include "ui/models/matchstates.h"
#include "ui/models/sidebysidemodel.h"
#include "ui/widgets/linedetailsview.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;

namespace {

QString job()
{
    return QStringLiteral(TL_TEST_DATA "/ui/sidebyside/job.json");
}

} // namespace

class TestSideBySideModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void alignsRequests_data();
    void alignsRequests();
    void coloursByState();
    void marksDifferencesAndGaps();
    void filters_data();
    void filters();
    void keyDayRows();
    void keyDayFilters();
    void sorts();
    void varianceRowsFilter();
    void detailsNameSources();
    void millionRows();

private:
    /** The row of the request-mode model whose client request (or gateway request) is id, attempt. */
    int rowOf(const SideBySideModel &m, const QString &request, int attempt = 1) const;
    std::shared_ptr<const Workspace> m_ws;
};

void TestSideBySideModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_ws = WorkspaceLoader::load(job());
    QVERIFY(m_ws);
    QCOMPARE(m_ws->result.lineRow.size(), std::size_t(9));
}

int TestSideBySideModel::rowOf(const SideBySideModel &m, const QString &request, int attempt) const
{
    const LedgerAlignment &a = m_ws->alignment;
    const StringPool &pool = m_ws->set.pool();
    for (int r = 0; r < m.rowCount(); ++r) {
        const auto i = static_cast<std::size_t>(m.alignedRowAt(r));
        if (a.requests.line[i] >= 0) {
            const std::uint32_t row = m_ws->result.lineRow[static_cast<std::size_t>(a.requests.line[i])];
            if (pool.string(m_ws->set.client.requestId[row]) == request && m_ws->set.client.attempt[row] == attempt)
                return r;
        } else if (a.requests.gateway[i] >= 0) {
            if (pool.string(m_ws->set.gateway.requestId[static_cast<std::size_t>(a.requests.gateway[i])]) == request)
                return r;
        } else if (pool.string(m_ws->set.providerRequests.requestId[static_cast<std::size_t>(a.requests.provider[i])]) == request
                   || pool.string(m_ws->set.providerRequests.apiKey[static_cast<std::size_t>(a.requests.provider[i])]) == request) {
            return r;
        }
    }
    return -1;
}

void TestSideBySideModel::alignsRequests_data()
{
    QTest::addColumn<QString>("request");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("gateway");
    QTest::addColumn<bool>("provider");
    QTest::addColumn<QString>("providerIn");
    QTest::newRow("r1 matched everywhere") << "r1" << 1 << int(MatchState::Matched) << true << true << "1,000";
    QTest::newRow("r2 provider counts other tokens") << "r2" << 1 << int(MatchState::TokenDifference) << true << true << "600";
    QTest::newRow("r3 gateway names another model") << "r3" << 1 << int(MatchState::ModelDifference) << true << true << "300";
    QTest::newRow("r4 first try failed, retried") << "r4" << 1 << int(MatchState::Retry) << true << false << "";
    QTest::newRow("r4 the retry") << "r4" << 2 << int(MatchState::Retry) << true << true << "200";
    QTest::newRow("r5 no provider record") << "r5" << 1 << int(MatchState::MissingProvider) << true << false << "";
    QTest::newRow("r6 stream without usage") << "r6" << 1 << int(MatchState::Quarantined) << true << false << "";
    QTest::newRow("r7 not seen by the gateway") << "r7" << 1 << int(MatchState::MissingGateway) << false << true << "50";
    QTest::newRow("r8 rejected before sending") << "r8" << 1 << int(MatchState::NotBilled) << false << false << "";
    QTest::newRow("rx gateway and provider only") << "rx" << 1 << int(MatchState::MissingClient) << true << true << "10";
    QTest::newRow("k3 provider only (leaked key)") << "k3" << 1 << int(MatchState::MissingClient) << false << true << "4,000";
}

void TestSideBySideModel::alignsRequests()
{
    QFETCH(QString, request);
    QFETCH(int, attempt);
    QFETCH(int, state);
    QFETCH(bool, gateway);
    QFETCH(bool, provider);
    QFETCH(QString, providerIn);
    SideBySideModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    QCOMPARE(m.mode(), SideBySideModel::Mode::ByRequest);
    // 9 client lines, the request only the gateway and the provider saw, the leaked key's record.
    QCOMPARE(m.rowCount(), 11);
    QVERIFY(m.columnOf(SideBySideModel::GatewayModel) > m.columnOf(SideBySideModel::ClientCost));
    QVERIFY(m.columnOf(SideBySideModel::ProviderCost) > m.columnOf(SideBySideModel::GatewayCost));
    const int row = rowOf(m, request, attempt);
    QVERIFY(row >= 0);
    QCOMPARE(m.data(m.index(row, 0), SideBySideModel::StateRole).toInt(), state);
    QCOMPARE(m.data(m.index(row, m.columnOf(SideBySideModel::State))).toString(), MatchStates::shortTitle(MatchState(state)));
    QVERIFY(m.data(m.index(row, m.columnOf(SideBySideModel::State)), Qt::ToolTipRole).toString().contains(MatchStates::title(MatchState(state))));
    QCOMPARE(!m.data(m.index(row, m.columnOf(SideBySideModel::GatewayTime))).toString().isEmpty(), gateway);
    QCOMPARE(!m.data(m.index(row, m.columnOf(SideBySideModel::ProviderTime))).toString().isEmpty(), provider);
    QCOMPARE(m.data(m.index(row, m.columnOf(SideBySideModel::ProviderInput))).toString(), providerIn);
}

void TestSideBySideModel::coloursByState()
{
    SideBySideModel m;
    m.setWorkspace(m_ws);
    for (int r = 0; r < m.rowCount(); ++r) {
        const auto state = static_cast<MatchState>(m.data(m.index(r, 0), SideBySideModel::StateRole).toInt());
        const QVariant bg = m.data(m.index(r, m.columnOf(SideBySideModel::State)), Qt::BackgroundRole);
        const QColor want = MatchStates::background(state);
        QCOMPARE(bg.isValid(), want.isValid());
        if (want.isValid())
            QCOMPARE(bg.value<QColor>(), want);
    }
    // Missing, quarantined, difference and matched read as different hues.
    QVERIFY(MatchStates::background(MatchState::Matched) != MatchStates::background(MatchState::MissingProvider));
    QVERIFY(MatchStates::background(MatchState::Quarantined) != MatchStates::background(MatchState::MissingProvider));
    QVERIFY(MatchStates::background(MatchState::TokenDifference) != MatchStates::background(MatchState::Retry));
    QCOMPARE(m_ws->alignment.requestStates[std::size_t(MatchState::MissingClient)], qint64(2));
    QCOMPARE(m_ws->alignment.requestStates[std::size_t(MatchState::Retry)], qint64(2));
    QCOMPARE(m_ws->alignment.requestStates[std::size_t(MatchState::Matched)], qint64(1));
}

void TestSideBySideModel::marksDifferencesAndGaps()
{
    SideBySideModel m;
    m.setWorkspace(m_ws);
    const int r2 = rowOf(m, QStringLiteral("r2"));
    QVERIFY(m.data(m.index(r2, m.columnOf(SideBySideModel::ProviderInput)), SideBySideModel::DifferenceRole).toBool());
    QVERIFY(!m.data(m.index(r2, m.columnOf(SideBySideModel::GatewayInput)), SideBySideModel::DifferenceRole).toBool());
    QVERIFY(m.data(m.index(r2, m.columnOf(SideBySideModel::ProviderInput)), Qt::FontRole).value<QFont>().bold());
    const int r3 = rowOf(m, QStringLiteral("r3"));
    QVERIFY(m.data(m.index(r3, m.columnOf(SideBySideModel::GatewayModel)), SideBySideModel::DifferenceRole).toBool());
    QCOMPARE(m.data(m.index(r3, m.columnOf(SideBySideModel::GatewayModel))).toString(), QStringLiteral("m2"));
    QCOMPARE(m.data(m.index(r3, m.columnOf(SideBySideModel::ClientModel))).toString(), QStringLiteral("m1"));
    // The missing side is a grey gap, flagged for the delegate, with the same tint on every cell of it.
    const int r7 = rowOf(m, QStringLiteral("r7"));
    const QModelIndex gap = m.index(r7, m.columnOf(SideBySideModel::GatewayTime));
    QVERIFY(m.data(gap, SideBySideModel::SideMissingRole).toBool());
    QVERIFY(m.data(gap, SideBySideModel::GroupStartRole).toBool());
    QCOMPARE(m.data(gap, Qt::BackgroundRole), m.data(m.index(r7, m.columnOf(SideBySideModel::GatewayCost)), Qt::BackgroundRole));
    QVERIFY(!m.data(m.index(r7, m.columnOf(SideBySideModel::ProviderTime)), SideBySideModel::SideMissingRole).toBool());
    // Exact costs, numbers right-aligned; the quarantined line's cost is unknown, not zero.
    const int r1 = rowOf(m, QStringLiteral("r1"));
    QCOMPARE(m.data(m.index(r1, m.columnOf(SideBySideModel::ClientCost))).toString(), QStringLiteral("0.0028"));
    QCOMPARE(m.data(m.index(r1, m.columnOf(SideBySideModel::ProviderCost))).toString(), QStringLiteral("0.0028"));
    QCOMPARE(m.data(m.index(r1, m.columnOf(SideBySideModel::ClientCost)), Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight,
             Qt::AlignRight);
    const int r6 = rowOf(m, QStringLiteral("r6"));
    QCOMPARE(m.data(m.index(r6, m.columnOf(SideBySideModel::ClientCost))).toString(), QStringLiteral("\u2014"));
    QVERIFY(m.data(m.index(r6, m.columnOf(SideBySideModel::ClientOutcome))).toString().contains(QStringLiteral("quarantined: missing usage")));
    QCOMPARE(m.headerData(m.columnOf(SideBySideModel::ProviderCost), Qt::Horizontal).toString(),
             QStringLiteral("Provider\nCost (reconciled) (USD)"));
    QCOMPARE(m.headerData(m.columnOf(SideBySideModel::ClientCost), Qt::Horizontal).toString(), QStringLiteral("Client\nEstimated (USD)"));
}

void TestSideBySideModel::filters_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("rows");
    QTest::newRow("key k2") << "key" << "k2" << 4;
    QTest::newRow("unknown key") << "key" << "nope" << 0;
    QTest::newRow("owner team-a (k1, with the gateway-only request)") << "owner" << "team-a" << 6;
    QTest::newRow("owner team-b") << "owner" << "team-b" << 4;
    QTest::newRow("model m1") << "model" << "m1" << 11;
    QTest::newRow("day 2026-05-12") << "day" << "2026-05-12" << 3;
    QTest::newRow("day 2026-05-14 (the leaked key)") << "day" << "2026-05-14" << 1;
    QTest::newRow("match missing in client") << "match" << QString::number(int(MatchState::MissingClient)) << 2;
    QTest::newRow("match retry") << "match" << QString::number(int(MatchState::Retry)) << 2;
    QTest::newRow("outcome not sent: client lines only") << "outcome" << QString::number(int(Outcome::NotSent)) << 1;
    QTest::newRow("text finds a gateway response id") << "text" << "resp-x" << 1;
    QTest::newRow("text finds a request") << "text" << "r4" << 2;
    QTest::newRow("status quarantined") << "status" << "quarantined" << 1;
}

void TestSideBySideModel::filters()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(int, rows);
    SideBySideModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    LedgerFilter f;
    if (field == QLatin1String("key"))
        f.apiKey = value;
    else if (field == QLatin1String("owner"))
        f.owner = value;
    else if (field == QLatin1String("model"))
        f.model = value;
    else if (field == QLatin1String("day"))
        f.day = timeutil::dayFromDate(QDate::fromString(value, Qt::ISODate));
    else if (field == QLatin1String("match"))
        f.matchState = value.toInt();
    else if (field == QLatin1String("outcome"))
        f.outcome = value.toInt();
    else if (field == QLatin1String("text"))
        f.text = value;
    else if (field == QLatin1String("status"))
        f.status = LedgerFilter::Status::Quarantined;
    m.setFilter(f);
    QCOMPARE(m.rowCount(), rows);
    qint64 visible = 0;
    for (qint64 n : m.visibleStates())
        visible += n;
    QCOMPARE(visible, qint64(rows));
    // The client lines view answers the same filter for the rows that have a client line.
    LedgerLinesModel lines;
    lines.setWorkspace(m_ws);
    lines.setFilter(f);
    int withLine = 0;
    for (int r = 0; r < m.rowCount(); ++r)
        withLine += m.data(m.index(r, 0), SideBySideModel::LineRole).toInt() >= 0 ? 1 : 0;
    QCOMPARE(lines.rowCount(), withLine);
}

void TestSideBySideModel::keyDayRows()
{
    SideBySideModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    m.setMode(SideBySideModel::Mode::ByKeyDay);
    const ReconcileResult &r = m_ws->result;
    QCOMPARE(m.rowCount(), int(r.dayCounts.size()) + 2); // + the two invoice lines
    QVERIFY(m.columnOf(SideBySideModel::FinanceAmount) > m.columnOf(SideBySideModel::ProviderAmount));
    QCOMPARE(m.columnOf(SideBySideModel::ClientTime), -1);
    int finance = 0;
    qint64 attempts = 0;
    for (int row = 0; row < m.rowCount(); ++row) {
        const auto state = static_cast<MatchState>(m.data(m.index(row, 0), SideBySideModel::StateRole).toInt());
        const QString key = m.data(m.index(row, m.columnOf(SideBySideModel::CellKey))).toString();
        const QString day = m.data(m.index(row, m.columnOf(SideBySideModel::CellDay))).toString();
        if (state == MatchState::FinanceLine) {
            ++finance;
            QCOMPARE(key, QStringLiteral("(account)"));
            QCOMPARE(day, QStringLiteral("2026-06-01"));
            // Not applicable, not a gap; and listed after the key·day rows.
            QVERIFY(!m.data(m.index(row, m.columnOf(SideBySideModel::ClientAttempts)), SideBySideModel::SideMissingRole).toBool());
            QVERIFY(row >= m.rowCount() - 2);
            continue;
        }
        attempts += m.data(m.index(row, m.columnOf(SideBySideModel::ClientAttempts))).toString().remove(QLatin1Char(',')).toLongLong();
        if (key == QLatin1String("k3")) {
            QCOMPARE(state, MatchState::MissingClient); // the leaked key: provider only
            QVERIFY(m.data(m.index(row, m.columnOf(SideBySideModel::ClientAttempts)), SideBySideModel::SideMissingRole).toBool());
        }
        if (key == QLatin1String("k1") && day == QLatin1String("2026-05-13"))
            QCOMPARE(state, MatchState::MissingClient); // the gateway-only request
        if (key == QLatin1String("k1") && day == QLatin1String("2026-05-10")) {
            QCOMPARE(m.data(m.index(row, m.columnOf(SideBySideModel::ClientAttempts))).toString(), QStringLiteral("3"));
            QCOMPARE(m.data(m.index(row, m.columnOf(SideBySideModel::GatewayAttempts))).toString(), QStringLiteral("3"));
            QCOMPARE(m.data(m.index(row, m.columnOf(SideBySideModel::CellOwner))).toString(), QStringLiteral("team-a"));
        }
        if (key == QLatin1String("k2") && day == QLatin1String("2026-05-11"))
            QCOMPARE(m.data(m.index(row, m.columnOf(SideBySideModel::ClientRetries))).toString(), QStringLiteral("1"));
    }
    QCOMPARE(finance, 2);
    QCOMPARE(attempts, r.attempts);
}

void TestSideBySideModel::keyDayFilters()
{
    SideBySideModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    m.setMode(SideBySideModel::Mode::ByKeyDay);
    LedgerFilter f;
    f.apiKey = QStringLiteral("k2");
    m.setFilter(f);
    for (int r = 0; r < m.rowCount(); ++r)
        QCOMPARE(m.data(m.index(r, m.columnOf(SideBySideModel::CellKey))).toString(), QStringLiteral("k2"));
    QVERIFY(m.rowCount() >= 2);
    // A criterion inside the cell keeps the cells with a matching line: one quarantined line.
    f = LedgerFilter();
    f.status = LedgerFilter::Status::Quarantined;
    m.setFilter(f);
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.data(m.index(0, m.columnOf(SideBySideModel::CellDay))).toString(), QStringLiteral("2026-05-12"));
    // Text finds invoice lines by document and description.
    f = LedgerFilter();
    f.text = QStringLiteral("VAT");
    m.setFilter(f);
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.data(m.index(0, 0), SideBySideModel::StateRole).toInt(), int(MatchState::FinanceLine));
    f.text = QStringLiteral("INV-1");
    m.setFilter(f);
    QCOMPARE(m.rowCount(), 2);
    // The mode switch keeps the filter.
    m.setMode(SideBySideModel::Mode::ByRequest);
    QCOMPARE(m.filter().text, QStringLiteral("INV-1"));
    QCOMPARE(m.rowCount(), 0);
}

void TestSideBySideModel::sorts()
{
    SideBySideModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setWorkspace(m_ws);
    // By time by default: the leaked key's record (May 14) last.
    QCOMPARE(m.data(m.index(m.rowCount() - 1, m.columnOf(SideBySideModel::ProviderInput))).toString(), QStringLiteral("4,000"));
    m.sort(m.columnOf(SideBySideModel::State), Qt::AscendingOrder);
    QCOMPARE(m.data(m.index(0, 0), SideBySideModel::StateRole).toInt(), int(MatchState::Quarantined));
    m.sort(m.columnOf(SideBySideModel::ProviderInput), Qt::DescendingOrder);
    QCOMPARE(m.data(m.index(0, m.columnOf(SideBySideModel::ProviderInput))).toString(), QStringLiteral("4,000"));
    m.sort(m.columnOf(SideBySideModel::ClientCost), Qt::DescendingOrder);
    QCOMPARE(m.data(m.index(0, m.columnOf(SideBySideModel::ClientRequest))).toString(), QStringLiteral("r1"));
    for (int r = 0; r < m.rowCount(); ++r)
        QCOMPARE(m.rowOfAligned(m.alignedRowAt(r)), r);
}

void TestSideBySideModel::varianceRowsFilter()
{
    // A variance item's rows: client rows and provider records, as the Variance page passes them.
    const ReconcileResult &r = m_ws->result;
    const VarianceItem *leaked = nullptr;
    for (const VarianceItem &v : r.variance_items)
        if (v.clientRows.empty() && !v.providerRows.empty())
            leaked = &v;
    QVERIFY(leaked);
    LedgerFilter f;
    f.providerRows = std::make_shared<const std::vector<std::uint32_t>>(leaked->providerRows);
    f.providerRowsAreRequests = leaked->providerRowsAreRequests;
    SideBySideModel m;
    m.setWorkspace(m_ws);
    m.setFilter(f);
    QVERIFY(m.rowCount() >= 1);
    for (int row = 0; row < m.rowCount(); ++row)
        QCOMPARE(m.data(m.index(row, 0), SideBySideModel::StateRole).toInt(), int(MatchState::MissingClient));
    LedgerLinesModel lines;
    lines.setWorkspace(m_ws);
    lines.setFilter(f);
    QCOMPARE(lines.rowCount(), 0);
}

void TestSideBySideModel::detailsNameSources()
{
    SideBySideModel m;
    m.setWorkspace(m_ws);
    const int r2 = rowOf(m, QStringLiteral("r2"));
    const QString html = LineDetailsView::requestRowHtml(*m_ws, m.alignedRowAt(r2));
    QVERIFY2(html.contains(QStringLiteral("gateway.csv, line 3")), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral("provider.json, line")), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral("client.csv, line 3")), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral("Price lineage")), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral("tokens differ")), qPrintable(html));
    m.setMode(SideBySideModel::Mode::ByKeyDay);
    LedgerFilter f;
    f.text = QStringLiteral("VAT");
    m.setFilter(f);
    const QString inv = LineDetailsView::dayRowHtml(*m_ws, m.alignedRowAt(0));
    QVERIFY2(inv.contains(QStringLiteral("finance.csv, line 3")), qPrintable(inv));
}

void TestSideBySideModel::millionRows()
{
    if (qEnvironmentVariableIsEmpty("TL_UI_MILLION"))
        QSKIP("set TL_UI_MILLION=1 to load a million-attempt demo month (a minute of CPU)");
    QTemporaryDir dir;
    DemoWorkspace::Options o;
    o.attempts = 1000000;
    QString error;
    QVERIFY2(DemoWorkspace::write(dir.path(), 20260531u, o, &error), qPrintable(error));
    QElapsedTimer t;
    t.start();
    const auto ws = WorkspaceLoader::load(dir.filePath(QStringLiteral("job.json")));
    const qint64 load = t.restart();
    SideBySideModel m;
    m.setWorkspace(ws);
    const qint64 open = t.restart();
    LedgerFilter f;
    f.text = QStringLiteral("gpt");
    m.setFilter(f);
    const qint64 filter = t.restart();
    m.sort(m.columnOf(SideBySideModel::ClientCost), Qt::DescendingOrder);
    const qint64 sort = t.restart();
    for (int r = 0; r < 2000; ++r)
        for (int c = 0; c < m.columnCount(); ++c)
            m.data(m.index(r, c));
    const qint64 read = t.restart();
    m.setMode(SideBySideModel::Mode::ByKeyDay);
    const qint64 mode = t.restart();
    qInfo("%zu lines: load %lld ms, model %lld ms, text filter %lld ms, sort %lld ms, 2000 rows read %lld ms, key-day %lld ms",
          ws->result.lineRow.size(), load, open, filter, sort, read, mode);
    QVERIFY(ws->result.lineRow.size() > 900000);
    QVERIFY(open < 1500 && filter < 1500 && sort < 3000 && read < 500 && mode < 1500);
}

QTEST_MAIN(TestSideBySideModel)
#include "tst_sidebysidemodel.moc"
