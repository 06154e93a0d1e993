// SPDX-License-Identifier: Apache-2.0
#include "core/export/focusexporter.h"
#include "core/util/timeutil.h"

#include "exampleresult.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <tuple>

using namespace tl;
using namespace tl::test;

class TestFocusExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void headerIsTheFocus12ColumnList();
    void usageBilledCostAddsUpToEstimatedBillable();
    void oneRowPerKeyModelUtcDay();
    void periodsAreUtcAndHalfOpen();
    void listCostIsWithoutTheUpstreamRatio();
    void unitsFollowTheUnitBasis_data();
    void unitsFollowTheUnitBasis();
    void ownersBecomeSubAccountAndTags();
    void financeLinesAreTheirOwnRows();
    void deterministicAndWritable();
    void noSecretInOutput();

private:
    std::unique_ptr<ExampleResult> m_ex;
    QByteArray m_csv;
    Csv m_parsed;
    std::string cell(const std::vector<std::string> &row, const char *column) const
    {
        const int i = m_parsed.column(column);
        return i >= 0 ? row[static_cast<std::size_t>(i)] : std::string();
    }
};

void TestFocusExporter::initTestCase()
{
    m_ex = ExampleResult::load();
    m_csv = FocusExporter::focusCsv(m_ex->result, *m_ex->set);
    m_parsed = Csv::parse(m_csv);
    QVERIFY(!m_parsed.rows.empty());
}

void TestFocusExporter::headerIsTheFocus12ColumnList()
{
    QFile f(QStringLiteral(TL_SHARED_DIR "/data/real/focus-spec-examples/focus_1.2_columns.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    // Read by lines, not as RFC 4180: the derived list carries stray CRs inside two ids
    // ("ChargeClass\r", "SubAccountName\r"), which a CSV reader takes for line ends.
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.front().split(',').front(), QByteArray("ColumnId"));
    std::vector<std::string> ids;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray id = lines[i].split(',').front().trimmed();
        if (!id.isEmpty())
            ids.push_back(id.toStdString());
    }
    QCOMPARE(ids.size(), std::size_t(57));
    QCOMPARE(m_parsed.header, ids);
    // Every row has every column.
    for (const auto &row : m_parsed.rows)
        QCOMPARE(row.size(), std::size_t(57));
    QCOMPARE(FocusExporter::columns().size(), 57);
    QCOMPARE(FocusExporter::columns().join(QLatin1Char(',')).toStdString(), m_csv.left(m_csv.indexOf('\n')).toStdString());
}

void TestFocusExporter::usageBilledCostAddsUpToEstimatedBillable()
{
    Decimal billed, effective;
    for (const auto &row : m_parsed.rows) {
        QCOMPARE(cell(row, "ChargeCategory"), std::string("Usage")); // the example has no finance records
        QVERIFY(cell(row, "ChargeClass").empty());
        billed += Decimal::fromString(cell(row, "BilledCost"));
        effective += Decimal::fromString(cell(row, "EffectiveCost"));
        QCOMPARE(cell(row, "ContractedCost"), cell(row, "BilledCost"));
    }
    QCOMPARE(billed.toStdString(), std::string("10.814488356"));
    QCOMPARE(billed, m_ex->result.estimatedBillable);
    QCOMPARE(effective, billed);
}

void TestFocusExporter::oneRowPerKeyModelUtcDay()
{
    // Expected groups, straight from the line columns: billable or partial, not quarantined.
    const ReconcileResult &r = m_ex->result;
    const LedgerSet &set = *m_ex->set;
    std::map<std::tuple<std::string, std::string, std::string>, qint64> expected;
    for (std::size_t li = 0; li < r.lineRow.size(); ++li) {
        const auto t = static_cast<Treatment>(r.lineTreatment[li]);
        if (r.lineQuarantine[li] != Quarantine::None || (t != Treatment::Billable && t != Treatment::Partial))
            continue;
        const std::uint32_t row = r.lineRow[li];
        const std::string day = timeutil::dayString(timeutil::utcDay(set.client.timestamp[row])).toStdString();
        ++expected[{std::string(set.pool().view(set.client.apiKey[row])), std::string(set.pool().view(r.lineBillableModel[li])), day}];
    }
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const auto &row : m_parsed.rows) {
        const auto key = std::make_tuple(cell(row, "SubAccountId"), cell(row, "SkuId"), cell(row, "ChargePeriodStart").substr(0, 10));
        QVERIFY2(seen.insert(key).second, "a key/model/day appears twice");
        QVERIFY2(expected.count(key), cell(row, "ChargeDescription").c_str());
    }
    QCOMPARE(seen.size(), expected.size());
    // Per-call rows count their requests.
    for (const auto &row : m_parsed.rows) {
        if (cell(row, "ConsumedUnit") != "Requests")
            continue;
        const auto key = std::make_tuple(cell(row, "SubAccountId"), cell(row, "SkuId"), cell(row, "ChargePeriodStart").substr(0, 10));
        QCOMPARE(std::stoll(cell(row, "ConsumedQuantity")), expected[key]);
    }
}

void TestFocusExporter::periodsAreUtcAndHalfOpen()
{
    for (const auto &row : m_parsed.rows) {
        QCOMPARE(cell(row, "BillingPeriodStart"), std::string("2026-05-01T00:00:00Z"));
        QCOMPARE(cell(row, "BillingPeriodEnd"), std::string("2026-06-01T00:00:00Z"));
        const std::string start = cell(row, "ChargePeriodStart"), end = cell(row, "ChargePeriodEnd");
        QVERIFY(start >= "2026-05-01T00:00:00Z" && start < "2026-06-01T00:00:00Z");
        QCOMPARE(start.substr(10), std::string("T00:00:00Z"));
        QDate s, e;
        QVERIFY(timeutil::parseDate(std::string_view(start).substr(0, 10), &s));
        QVERIFY(timeutil::parseDate(std::string_view(end).substr(0, 10), &e));
        QCOMPARE(s.addDays(1), e);
        QCOMPARE(cell(row, "BillingCurrency"), std::string("USD"));
        QCOMPARE(cell(row, "BillingAccountId"), std::string("acct-redacted"));
        QCOMPARE(cell(row, "ProviderName"), std::string("CometAPI"));
        QCOMPARE(cell(row, "InvoiceIssuerName"), std::string("CometAPI"));
        QCOMPARE(cell(row, "ServiceName"), std::string("AI API"));
        QCOMPARE(cell(row, "ServiceCategory"), std::string("AI and Machine Learning"));
        QCOMPARE(cell(row, "ChargeFrequency"), std::string("Usage-Based"));
        QCOMPARE(cell(row, "PricingCategory"), std::string("Standard"));
    }
}

void TestFocusExporter::listCostIsWithoutTheUpstreamRatio()
{
    const Decimal ratio = Decimal::fromString("0.8");
    int tokenRows = 0, callRows = 0;
    for (const auto &row : m_parsed.rows) {
        const Decimal billed = Decimal::fromString(cell(row, "BilledCost"));
        const Decimal list = Decimal::fromString(cell(row, "ListCost"));
        if (cell(row, "ConsumedUnit") == "Tokens") {
            // The example's token models all carry upstream_ratio 0.8.
            QCOMPARE(list.mul(ratio).toStdString(), billed.toStdString());
            QVERIFY(cell(row, "ListUnitPrice").empty());
            ++tokenRows;
        } else {
            // Per-call models: ratio 1, one unit price explains the row.
            QCOMPARE(list, billed);
            const Decimal unit = Decimal::fromString(cell(row, "ListUnitPrice"));
            QCOMPARE(unit.mulInt(std::stoll(cell(row, "PricingQuantity"))), list);
            QCOMPARE(cell(row, "ContractedUnitPrice"), cell(row, "ListUnitPrice"));
            ++callRows;
        }
    }
    QVERIFY(tokenRows > 0);
    QVERIFY(callRows > 0);
}

void TestFocusExporter::unitsFollowTheUnitBasis_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("consumedUnit");
    QTest::addColumn<QString>("pricingUnit");
    QTest::addColumn<QString>("publisher");
    QTest::newRow("per_1m") << "gpt-4o" << "Tokens" << "1000000 Tokens" << "OpenAI";
    QTest::newRow("per_1k") << "o3-mini" << "Tokens" << "1000 Tokens" << "OpenAI";
    QTest::newRow("per_token") << "text-embedding-3-small" << "Tokens" << "Tokens" << "OpenAI";
    QTest::newRow("claude") << "claude-sonnet-4" << "Tokens" << "1000000 Tokens" << "Anthropic";
    QTest::newRow("per_call") << "mj_imagine" << "Requests" << "Requests" << "Midjourney";
    QTest::newRow("per_call video") << "kling_video" << "Requests" << "Requests" << "Kuaishou";
}

void TestFocusExporter::unitsFollowTheUnitBasis()
{
    QFETCH(QString, model);
    QFETCH(QString, consumedUnit);
    QFETCH(QString, pricingUnit);
    QFETCH(QString, publisher);
    int rows = 0;
    for (const auto &row : m_parsed.rows) {
        if (cell(row, "SkuId") != model.toStdString())
            continue;
        ++rows;
        QCOMPARE(QString::fromStdString(cell(row, "ConsumedUnit")), consumedUnit);
        QCOMPARE(QString::fromStdString(cell(row, "PricingUnit")), pricingUnit);
        QCOMPARE(QString::fromStdString(cell(row, "PublisherName")), publisher);
        QCOMPARE(cell(row, "SkuPriceId"), "snap-2026-05:" + model.toStdString());
        const QJsonDocument details = QJsonDocument::fromJson(QByteArray::fromStdString(cell(row, "SkuPriceDetails")));
        QVERIFY(details.isObject());
        QCOMPARE(details.object().value(QStringLiteral("PriceSnapshot")).toString(), QStringLiteral("snap-2026-05"));
        // PricingQuantity is ConsumedQuantity in pricing units, exactly.
        const std::int64_t consumed = std::stoll(cell(row, "ConsumedQuantity"));
        const std::int64_t unit = pricingUnit == QLatin1String("1000000 Tokens") ? 1000000 : pricingUnit == QLatin1String("1000 Tokens") ? 1000 : 1;
        QCOMPARE(Decimal::fromString(cell(row, "PricingQuantity")), Decimal::fromInt(consumed).divInt(unit));
    }
    QVERIFY(rows > 0);
}

void TestFocusExporter::ownersBecomeSubAccountAndTags()
{
    for (const auto &row : m_parsed.rows) {
        const std::string key = cell(row, "SubAccountId");
        QCOMPARE(cell(row, "SubAccountType"), std::string("API Key"));
        const QJsonDocument tags = QJsonDocument::fromJson(QByteArray::fromStdString(cell(row, "Tags")));
        QVERIFY(tags.isObject());
        if (key == "support-prod") {
            QCOMPARE(cell(row, "SubAccountName"), std::string("support-team"));
            QCOMPARE(tags.object().value(QStringLiteral("cost_center")).toString(), QStringLiteral("CC-SUP"));
            QCOMPARE(tags.object().value(QStringLiteral("owner")).toString(), QStringLiteral("support-team"));
        }
        QVERIFY(!cell(row, "SubAccountName").empty());
    }
}

void TestFocusExporter::financeLinesAreTheirOwnRows()
{
    auto ex = ExampleResult::load();
    const auto line = [](FinanceLineType type, const char *amount, const char *description) {
        FinanceLine l;
        l.documentId = QStringLiteral("INV-2026-05");
        l.documentDate = QDate(2026, 6, 3);
        l.lineType = type;
        l.description = QString::fromUtf8(description);
        l.amount = Decimal::fromString(amount);
        l.currency = QStringLiteral("USD");
        return l;
    };
    ex->set->finance.push_back(line(FinanceLineType::Usage, "10.83", "API usage May"));
    ex->set->finance.push_back(line(FinanceLineType::Credit, "-2.50", "Promotional credit"));
    ex->set->finance.push_back(line(FinanceLineType::Discount, "-0.25", "Volume discount"));
    FinanceLine tax = line(FinanceLineType::Tax, "1.6245", "VAT 15%");
    tax.periodStart = QDate(2026, 5, 1);
    tax.periodEnd = QDate(2026, 5, 31);
    ex->set->finance.push_back(tax);
    ex->set->finance.push_back(line(FinanceLineType::Topup, "50", "Prepaid balance"));
    FinanceLine late = line(FinanceLineType::Refund, "-0.10", "Refund for April outage");
    late.periodStart = QDate(2026, 4, 1);
    late.periodEnd = QDate(2026, 4, 30);
    late.apiKeyName = QStringLiteral("support-prod");
    late.model = QStringLiteral("claude-sonnet-4");
    ex->set->finance.push_back(late);

    const Csv csv = Csv::parse(FocusExporter::focusCsv(ex->result, *ex->set));
    m_parsed.header = csv.header; // cell() looks columns up by name
    std::vector<std::vector<std::string>> finance;
    Decimal usage;
    for (const auto &row : csv.rows) {
        if (cell(row, "ChargeCategory") == "Usage")
            usage += Decimal::fromString(cell(row, "BilledCost"));
        else
            finance.push_back(row);
    }
    // Invoice usage and top-ups are not rows of their own: they would count the usage twice.
    QCOMPARE(usage, ex->result.estimatedBillable);
    QCOMPARE(finance.size(), std::size_t(4));
    QCOMPARE(cell(finance[0], "ChargeCategory"), std::string("Credit"));
    QCOMPARE(cell(finance[0], "BilledCost"), std::string("-2.5"));
    QCOMPARE(cell(finance[0], "ListCost"), std::string("-2.5"));
    QCOMPARE(cell(finance[0], "InvoiceId"), std::string("INV-2026-05"));
    QCOMPARE(cell(finance[0], "ChargeFrequency"), std::string("One-Time"));
    QCOMPARE(cell(finance[0], "ChargePeriodStart"), std::string("2026-05-01T00:00:00Z"));
    QCOMPARE(cell(finance[0], "ChargePeriodEnd"), std::string("2026-06-01T00:00:00Z"));
    QVERIFY(cell(finance[0], "ConsumedQuantity").empty());
    QCOMPARE(cell(finance[1], "ChargeCategory"), std::string("Credit"));
    QCOMPARE(cell(finance[1], "ChargeDescription"), std::string("Volume discount"));
    QCOMPARE(cell(finance[2], "ChargeCategory"), std::string("Tax"));
    QCOMPARE(cell(finance[2], "BilledCost"), std::string("1.6245"));
    QVERIFY(cell(finance[2], "PricingCategory").empty()); // FOCUS: null for tax
    QCOMPARE(cell(finance[2], "ChargePeriodEnd"), std::string("2026-06-01T00:00:00Z")); // period_end 05-31 is covered
    QCOMPARE(cell(finance[3], "ChargeCategory"), std::string("Adjustment"));
    QCOMPARE(cell(finance[3], "ChargeClass"), std::string("Correction")); // for April, invoiced before
    QCOMPARE(cell(finance[3], "ChargePeriodStart"), std::string("2026-04-01T00:00:00Z"));
    QCOMPARE(cell(finance[3], "ChargePeriodEnd"), std::string("2026-05-01T00:00:00Z"));
    QCOMPARE(cell(finance[3], "SubAccountId"), std::string("support-prod"));
    QCOMPARE(cell(finance[3], "SubAccountName"), std::string("support-team"));
    QCOMPARE(cell(finance[3], "SkuId"), std::string("claude-sonnet-4"));
    QCOMPARE(cell(finance[3], "PublisherName"), std::string("Anthropic"));
    m_parsed = Csv::parse(m_csv);
}

void TestFocusExporter::deterministicAndWritable()
{
    QCOMPARE(FocusExporter::focusCsv(m_ex->result, *m_ex->set), m_csv);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("focus.csv"));
    QString error;
    QVERIFY2(FocusExporter::write(path, m_ex->result, *m_ex->set, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), m_csv);
    QVERIFY(!FocusExporter::write(dir.filePath(QStringLiteral("missing/focus.csv")), m_ex->result, *m_ex->set, &error));
    QVERIFY(error.contains(QLatin1String("missing/focus.csv")));
}

void TestFocusExporter::noSecretInOutput()
{
    // The example's client.csv carries an sk- key in a notes column.
    QFile client(ExampleResult::dir() + QStringLiteral("/client.csv"));
    QVERIFY(client.open(QIODevice::ReadOnly));
    QVERIFY(client.readAll().contains("sk-"));
    QVERIFY(!m_csv.contains("sk-"));
}

QTEST_GUILESS_MAIN(TestFocusExporter)
#include "tst_focusexporter.moc"
