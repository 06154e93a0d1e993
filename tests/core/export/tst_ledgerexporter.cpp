// SPDX-License-Identifier: Apache-2.0
#include "core/export/ledgerexporter.h"

#include "exampleresult.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;
using namespace tl::test;

class TestLedgerExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void csvHasOneRowPerAttempt();
    void csvAmountsAreExact();
    void csvCarriesOwnersAndSource();
    void xlsxIsAValidWorkbook();
    void xlsxKeepsExactAmounts();
    void xlsxReplacesAtomically();
    void xlsxIsDeterministic();
    void xlsxFailsWithAMessage();
    void noSecretInOutput();

private:
    /** `unzip -l` / `unzip -p` through QProcess; skips when unzip is not installed. */
    QByteArray unzip(const QStringList &args);
    std::unique_ptr<ExampleResult> m_ex;
    QByteArray m_csv;
    Csv m_parsed;
    QTemporaryDir m_dir;
    QString m_xlsx;
};

QByteArray TestLedgerExporter::unzip(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("unzip"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

void TestLedgerExporter::initTestCase()
{
    m_ex = ExampleResult::load();
    m_csv = LedgerExporter::ledgerCsv(m_ex->result, *m_ex->set);
    m_parsed = Csv::parse(m_csv);
    QVERIFY(m_dir.isValid());
    m_xlsx = m_dir.filePath(QStringLiteral("ledger.xlsx"));
    QString error;
    QVERIFY2(LedgerExporter::writeXlsx(m_xlsx, m_ex->result, *m_ex->set, &error), qPrintable(error));
}

void TestLedgerExporter::csvHasOneRowPerAttempt()
{
    QCOMPARE(qint64(m_parsed.rows.size()), m_ex->result.attempts);
    QCOMPARE(m_parsed.rows.size(), std::size_t(309));
    std::vector<std::string> header;
    for (const QString &c : LedgerExporter::csvColumns())
        header.push_back(c.toStdString());
    QCOMPARE(m_parsed.header, header);
    for (const auto &row : m_parsed.rows)
        QCOMPARE(row.size(), header.size());
    // Sorted as lines.csv: by timestamp.
    const int ts = m_parsed.column("timestamp_utc");
    for (std::size_t i = 1; i < m_parsed.rows.size(); ++i)
        QVERIFY(m_parsed.rows[i - 1][static_cast<std::size_t>(ts)] <= m_parsed.rows[i][static_cast<std::size_t>(ts)]);
}

void TestLedgerExporter::csvAmountsAreExact()
{
    const int cost = m_parsed.column("estimated_cost"), in = m_parsed.column("counted_in");
    QVERIFY(cost >= 0 && in >= 0);
    Decimal billable, unverified;
    for (const auto &row : m_parsed.rows) {
        const std::string &c = row[static_cast<std::size_t>(cost)];
        const std::string &where = row[static_cast<std::size_t>(in)];
        if (where == "estimated_billable")
            billable += Decimal::fromString(c);
        else if (where == "estimated_unverified")
            unverified += Decimal::fromString(c);
    }
    QCOMPARE(billable.toStdString(), std::string("10.814488356"));
    QCOMPARE(unverified, m_ex->result.estimatedUnverified);
}

void TestLedgerExporter::csvCarriesOwnersAndSource()
{
    const auto col = [this](const char *n) { return static_cast<std::size_t>(m_parsed.column(n)); };
    int support = 0, quarantined = 0;
    for (const auto &row : m_parsed.rows) {
        QVERIFY(!row[col("service")].empty());
        QVERIFY(!row[col("model_requested")].empty());
        QCOMPARE(row[col("source_file")], std::string("client.csv"));
        QVERIFY(std::stoi(row[col("source_line")]) >= 2);
        if (row[col("api_key_name")] == "support-prod") {
            QCOMPARE(row[col("owner_group")], std::string("support-team"));
            QCOMPARE(row[col("cost_center")], std::string("CC-SUP"));
            ++support;
        }
        if (!row[col("quarantine_reason")].empty()) {
            QVERIFY(row[col("counted_in")].empty());
            ++quarantined;
        }
    }
    QCOMPARE(support, 56);
    QCOMPARE(quarantined, 1); // one stream without usage
    // A quoted service name survives the round trip.
    bool quoted = false;
    for (const auto &row : m_parsed.rows)
        quoted |= row[col("service")] == "search, tier 1";
    QVERIFY(quoted);
}

void TestLedgerExporter::xlsxIsAValidWorkbook()
{
    QFile f(m_xlsx);
    QVERIFY(f.exists());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.read(2), QByteArray("PK"));
    if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
        QSKIP("unzip is not installed");
    const QByteArray listing = unzip({QStringLiteral("-l"), m_xlsx});
    for (int i = 1; i <= 5; ++i)
        QVERIFY2(listing.contains("xl/worksheets/sheet" + QByteArray::number(i) + ".xml"), listing.constData());
    const QByteArray workbook = unzip({QStringLiteral("-p"), m_xlsx, QStringLiteral("xl/workbook.xml")});
    for (const char *name : {"Summary", "Lines", "By key", "By model", "Variance"})
        QVERIFY2(workbook.contains("name=\"" + QByteArray(name) + "\""), name);
    // No temporary file left beside the target.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("ledger.xlsx")});
}

void TestLedgerExporter::xlsxKeepsExactAmounts()
{
    if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
        QSKIP("unzip is not installed");
    const QByteArray strings = unzip({QStringLiteral("-p"), m_xlsx, QStringLiteral("xl/sharedStrings.xml")});
    // Exact text for the totals, beside their display numbers.
    QVERIFY(strings.contains("<t>10.814488356</t>"));
    QVERIFY(strings.contains("<t>10.828382</t>"));
    QVERIFY(strings.contains("<t>0.013893644</t>"));
    QVERIFY(strings.contains("<t>estimated_cost_exact</t>"));
    // Lines: one row per attempt plus the header.
    const QByteArray lines = unzip({QStringLiteral("-p"), m_xlsx, QStringLiteral("xl/worksheets/sheet2.xml")});
    QCOMPARE(lines.count("<row "), 310);
}

void TestLedgerExporter::xlsxReplacesAtomically()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.xlsx"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old contents");
    old.close();
    QString error;
    QVERIFY2(LedgerExporter::writeXlsx(path, m_ex->result, *m_ex->set, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.read(2), QByteArray("PK"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("out.xlsx")});
}

void TestLedgerExporter::xlsxIsDeterministic()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("again.xlsx"));
    QString error;
    QVERIFY2(LedgerExporter::writeXlsx(path, m_ex->result, *m_ex->set, &error), qPrintable(error));
    QFile a(m_xlsx), b(path);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), a.readAll());
}

void TestLedgerExporter::xlsxFailsWithAMessage()
{
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/ledger.xlsx"));
    QVERIFY(!LedgerExporter::writeXlsx(path, m_ex->result, *m_ex->set, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!LedgerExporter::writeCsv(path, m_ex->result, *m_ex->set, &error));
}

void TestLedgerExporter::noSecretInOutput()
{
    QVERIFY(!m_csv.contains("sk-"));
    QFile f(m_xlsx);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("sk-"));
    if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
        QSKIP("unzip is not installed");
    const QByteArray all = unzip({QStringLiteral("-p"), m_xlsx});
    QVERIFY(all.size() > 1000);
    QVERIFY(!all.contains("sk-"));
}

QTEST_GUILESS_MAIN(TestLedgerExporter)
#include "tst_ledgerexporter.moc"
