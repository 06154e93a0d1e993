// SPDX-License-Identifier: Apache-2.0
// Tests of the finance importer (formats.md §4, finance_csv) through the public facade:
// every line type kept as its own row with exact amounts, the sign convention (credits,
// discounts and refunds negative; one written positive is negated and reported), and exact
// error messages naming file, line and column.
#include "tabulartesthelpers.h"

#include <QTest>

using namespace tl;
using namespace tltest;

namespace {
ImportOptions finance()
{
    return options("finance_csv", "finance.csv", LedgerKind::Finance);
}
} // namespace

class TestFinanceImporter : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryLine();
    void kindInvoiceIsFinance();
    void errors_data();
    void errors();
};

void TestFinanceImporter::readsEveryLine()
{
    LedgerSet set;
    const ImportReport rep = Importer::importFile(fixturePath("finance.csv"), finance(), set);
    QCOMPARE(rep.rowsRead, qint64(8));
    QCOMPARE(rep.rowsAccepted, qint64(8));
    QCOMPARE(set.finance.size(), std::size_t(8));

    const FinanceLineType types[] = {FinanceLineType::Usage, FinanceLineType::Credit, FinanceLineType::Discount,
                                     FinanceLineType::Tax, FinanceLineType::Refund, FinanceLineType::Adjustment,
                                     FinanceLineType::Topup, FinanceLineType::Fx};
    // As written, except the positive credit (line 3) and refund (line 6), stored negated.
    const char *amounts[] = {"10.828382", "-5", "-0.5", "2.1656764", "-0.12", "-0.000001", "100", "0.03"};
    Decimal total;
    for (std::size_t i = 0; i < 8; ++i) {
        QCOMPARE(set.finance[i].lineType, types[i]);
        QCOMPARE(set.finance[i].amount.toStdString(), std::string(amounts[i]));
        QCOMPARE(set.finance[i].sourceLine, std::uint32_t(i + 2));
        total += set.finance[i].amount;
    }
    QCOMPARE(total.toStdString(), std::string("107.4040574"));

    const FinanceLine &u = set.finance[0];
    QCOMPARE(u.documentId, QStringLiteral("INV-2026-05"));
    QCOMPARE(u.documentDate, QDate(2026, 6, 1));
    QCOMPARE(u.description, QStringLiteral("API usage, May"));
    QCOMPARE(u.currency, QStringLiteral("USD"));
    QCOMPARE(u.periodStart, QDate(2026, 5, 1));
    QCOMPARE(u.periodEnd, QDate(2026, 5, 31));
    QVERIFY(!set.finance[2].periodStart.isValid());
    QCOMPARE(set.finance[4].model, QStringLiteral("gpt-4o"));
    QCOMPARE(set.finance[4].apiKeyName, QStringLiteral("support-prod"));
    QCOMPARE(set.finance[6].documentDate, QDate(2026, 5, 3));

    QCOMPARE(rep.notes, QStringList{QStringLiteral("2 credit/discount/refund line(s) written as positive amounts were stored as negative "
                                                   "(finance amounts are negative for credits, discounts and refunds): line(s) 3, 6")});
}

void TestFinanceImporter::kindInvoiceIsFinance()
{
    LedgerKind k = LedgerKind::Client;
    QVERIFY(parseLedgerKind("invoice", &k));
    QCOMPARE(k, LedgerKind::Finance);
    LedgerSet set;
    ImportOptions o;
    o.kind = k; // format detected from the header
    const ImportReport rep = Importer::importFile(fixturePath("finance.csv"), o, set);
    QCOMPARE(rep.format, QStringLiteral("finance_csv"));
    QCOMPARE(set.finance.size(), std::size_t(8));
}

void TestFinanceImporter::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const QByteArray h = "document_id,document_date,line_type,description,amount,currency,period_start,period_end\n";
    QTest::newRow("bad type") << h + "I,2026-06-01,usage,u,1,USD,,\nI,2026-06-01,rebate,r,1,USD,,\n"
                              << QStringLiteral("finance.csv:3: column 'line_type': unknown line type \"rebate\"; expected one of usage, credit, discount, tax, topup, refund, adjustment, fx");
    QTest::newRow("empty amount") << h + "I,2026-06-01,usage,u,,USD,,\n"
                                  << QStringLiteral("finance.csv:2: column 'amount': a value is required here, got an empty cell");
    QTest::newRow("thousands separator") << h + "I,2026-06-01,usage,u,\"1,000.00\",USD,,\n"
                                         << QStringLiteral("finance.csv:2: column 'amount': comma in number: use '.' as the decimal point and no thousands separators, got \"1,000.00\"");
    QTest::newRow("currency sign") << h + "I,2026-06-01,usage,u,$12,USD,,\n"
                                   << QStringLiteral("finance.csv:2: column 'amount': expected a decimal number such as 12.5 or 1.5e-7, got \"$12\"");
    QTest::newRow("bad date") << h + "I,2026/06/01,usage,u,1,USD,,\n"
                              << QStringLiteral("finance.csv:2: column 'document_date': expected a date YYYY-MM-DD, got \"2026/06/01\"");
    QTest::newRow("reversed period") << h + "I,2026-06-01,usage,u,1,USD,2026-05-31,2026-05-01\n"
                                     << QStringLiteral("finance.csv:2: column 'period_end': period_end (2026-05-01) is before period_start (2026-05-31)");
    QTest::newRow("missing amount column") << QByteArray("document_id,line_type\nI,usage\n")
                                           << QStringLiteral("finance.csv:1: missing required column 'amount' in the header");
}

void TestFinanceImporter::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    LedgerSet set;
    QCOMPARE(importError(bytes, finance(), set), message);
    QVERIFY(isEmpty(set));
}

QTEST_GUILESS_MAIN(TestFinanceImporter)
#include "tst_financeimporter.moc"
