// SPDX-License-Identifier: Apache-2.0
// `tokenledger-cli export` and the packet forms of issue #6, through the real binary on the
// public example (../shared/examples/clean-month): the reconciled ledger as CSV and XLSX and the
// FOCUS 1.2 CSV with exact figures; `packet … --out PKT.zip`; a stored run of a workspace
// exported and packed (`--workspace W … --run ID`); the packet's report (report.pdf in a build
// with the UI libraries, read back with pdftotext) and its verification, which fails after one
// byte of the report changes.
#include "core/money/decimal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using tl::Decimal;

namespace {

const QString kCli = QStringLiteral(TL_BIN_DIR "/tokenledger-cli");
const QString kExample = QStringLiteral(TL_SHARED_DIR "/examples/clean-month");
const QString kJob = kExample + QStringLiteral("/job.json");

struct Result
{
    int code = -1;
    QByteArray out, err;
};

Result run(const QString &program, const QStringList &args, const QString &cwd = QString())
{
    QProcess p;
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.start(program, args);
    p.closeWriteChannel();
    Result r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        r.err = "did not finish: " + p.errorString().toUtf8();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

Result cli(const QStringList &args)
{
    return run(kCli, args);
}

QString describe(const Result &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.code).arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** RFC 4180 rows (quoted fields, doubled quotes, newlines inside quotes). */
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (quoted) {
            if (ch == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += ch;
            }
            continue;
        }
        if (ch == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (ch == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (ch == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            any = false;
        } else if (ch != QLatin1Char('\r')) {
            field += ch;
            any = true;
        }
    }
    if (any)
        rows << (row << field);
    return rows;
}

Decimal dec(const QString &s)
{
    const QByteArray b = s.toUtf8();
    return Decimal::fromString(std::string_view(b.constData(), std::size_t(b.size())));
}

} // namespace

class TestExportCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_key, m_pub, m_workspace;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /** The files of a packet zip, by path inside its folder. */
    QMap<QString, QByteArray> unpack(const QString &zip, QString *bag)
    {
        const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
        const QString into = path(QFileInfo(zip).completeBaseName() + QStringLiteral("-x"));
        QDir(into).removeRecursively();
        QDir().mkpath(into);
        QMap<QString, QByteArray> files;
        if (run(unzip, {QStringLiteral("-q"), zip, QStringLiteral("-d"), into}).code != 0)
            return files;
        const QStringList top = QDir(into).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (top.size() != 1)
            return files;
        *bag = top.first();
        const QString root = into + QLatin1Char('/') + top.first();
        const QStringList all = QDir(root).entryList(QDir::Files);
        for (const QString &f : all)
            files.insert(f, readAll(root + QLatin1Char('/') + f));
        QStringList stack = {QStringLiteral("data")};
        while (!stack.isEmpty()) {
            const QString d = stack.takeLast();
            for (const QFileInfo &fi : QDir(root + QLatin1Char('/') + d).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
                const QString rel = d + QLatin1Char('/') + fi.fileName();
                if (fi.isDir())
                    stack << rel;
                else
                    files.insert(rel, readAll(fi.absoluteFilePath()));
            }
        }
        return files;
    }

    QString pdfText(const QByteArray &pdf)
    {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        const QString file = path(QStringLiteral("report-%1.pdf").arg(qHash(pdf)));
        QFile f(file);
        if (pdftotext.isEmpty() || !f.open(QIODevice::WriteOnly))
            return QString();
        f.write(pdf);
        f.close();
        return QString::fromUtf8(run(pdftotext, {QStringLiteral("-layout"), file, QStringLiteral("-")}).out);
    }

    /** Checks the packet's report: the PDF in a UI build (pdftotext), else the HTML. */
    void checkReport(const QMap<QString, QByteArray> &files, const QStringList &expected)
    {
#ifdef TL_PDF_REPORT
        QVERIFY(!files.contains(QStringLiteral("data/report/report.html")));
        const QByteArray pdf = files.value(QStringLiteral("data/report/report.pdf"));
        QVERIFY(pdf.startsWith("%PDF-"));
        const QString text = pdfText(pdf);
        if (text.isEmpty())
            QSKIP("pdftotext (poppler-utils) missing");
#else
        QVERIFY(!files.contains(QStringLiteral("data/report/report.pdf")));
        const QString text = QString::fromUtf8(files.value(QStringLiteral("data/report/report.html")));
        QVERIFY(!text.isEmpty());
#endif
        for (const QString &e : expected)
            QVERIFY2(text.contains(e), qPrintable(e));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + QStringLiteral(" is not built")));
        const Result k = cli({QStringLiteral("keygen"), QStringLiteral("--out"), path(QStringLiteral("team.key")), QStringLiteral("--unencrypted")});
        QVERIFY2(k.code == 0, qPrintable(describe(k)));
        m_key = path(QStringLiteral("team.key"));
        m_pub = path(QStringLiteral("team.key.pub"));
        QVERIFY(QFile::exists(m_key) && QFile::exists(m_pub));
        // The secret key is readable by its owner alone; the public key starts minisign's way.
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        QCOMPARE(QFile::permissions(m_key) & others, QFile::Permissions());
        QVERIFY(readAll(m_pub).startsWith("untrusted comment: "));
        // A second keygen onto the same path refuses and leaves the key as it was.
        const QByteArray before = readAll(m_key);
        const Result again = cli({QStringLiteral("keygen"), QStringLiteral("--out"), m_key, QStringLiteral("--unencrypted")});
        QCOMPARE(again.code, 3);
        QVERIFY2(again.err.contains("team.key exists; not overwriting a key"), qPrintable(describe(again)));
        QCOMPARE(readAll(m_key), before);
    }

    // The reconciled ledger: one row per attempt (309), and the rows counted in each total add
    // up to it exactly (summary: estimated_billable 10.814488356, estimated_unverified 0.35).
    void exportCsv()
    {
        const QString out = path(QStringLiteral("ledger.csv"));
        const Result r = cli({QStringLiteral("export"), kJob, QStringLiteral("--as"), QStringLiteral("csv"), QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QVERIFY(r.out.contains("309 row(s); decision: warn"));
        const QList<QStringList> rows = parseCsv(readAll(out));
        QCOMPARE(rows.size(), 310);
        const QStringList header = rows.first();
        QCOMPARE(header.join(QLatin1Char(',')),
                 QStringLiteral("request_id,attempt,timestamp_utc,date_utc,api_key_name,service,environment,model_requested,billable_model,"
                                "role,owner_group,cost_center,outcome,treatment,quarantine_reason,input_tokens,cached_input_tokens,"
                                "output_tokens,reasoning_tokens,estimated_cost,counted_in,variance_category,snapshot_id,source_file,"
                                "source_line"));
        const qsizetype cost = header.indexOf(QStringLiteral("estimated_cost")), counted = header.indexOf(QStringLiteral("counted_in"));
        const qsizetype quarantine = header.indexOf(QStringLiteral("quarantine_reason"));
        Decimal billable, unverified;
        int quarantined = 0;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].size(), header.size());
            if (rows[i][counted] == QLatin1String("estimated_billable"))
                billable += dec(rows[i][cost]);
            else if (rows[i][counted] == QLatin1String("estimated_unverified"))
                unverified += dec(rows[i][cost]);
            if (rows[i][quarantine] != QLatin1String("none") && !rows[i][quarantine].isEmpty())
                ++quarantined;
        }
        QCOMPARE(billable.toString(), QStringLiteral("10.814488356"));
        QCOMPARE(unverified.toString(), QStringLiteral("0.35"));
        QCOMPARE(quarantined, 1); // missing_usage
    }

    // A workbook with Summary and a sheet per ledger; amounts are numbers in a money format,
    // with the exact decimal text beside them.
    void exportXlsx()
    {
        const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
        if (unzip.isEmpty())
            QSKIP("unzip missing");
        const QString out = path(QStringLiteral("ledger.xlsx"));
        const Result r = cli({QStringLiteral("export"), kJob, QStringLiteral("--as=xlsx"), QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QVERIFY(readAll(out).startsWith("PK"));
        const QByteArray workbook = run(unzip, {QStringLiteral("-p"), out, QStringLiteral("xl/workbook.xml")}).out;
        for (const char *sheet : {"Summary", "Lines", "By key", "By model", "Variance", "Provider daily"})
            QVERIFY2(workbook.contains("name=\"" + QByteArray(sheet) + "\""), sheet);
        const QByteArray styles = run(unzip, {QStringLiteral("-p"), out, QStringLiteral("xl/styles.xml")}).out;
        QVERIFY(styles.contains("formatCode=\"#,##0.00########\""));
        const QByteArray strings = run(unzip, {QStringLiteral("-p"), out, QStringLiteral("xl/sharedStrings.xml")}).out;
        QVERIFY(strings.contains(">10.814488356<"));  // exact text of estimated billable
        const QByteArray summary = run(unzip, {QStringLiteral("-p"), out, QStringLiteral("xl/worksheets/sheet1.xml")}).out;
        QVERIFY(summary.contains("<v>10.814488356</v>")); // and the same amount as a number
        // The Lines sheet: 309 attempts below the header.
        const QByteArray lines = run(unzip, {QStringLiteral("-p"), out, QStringLiteral("xl/worksheets/sheet2.xml")}).out;
        QVERIFY(lines.contains("<row r=\"310\""));
        QVERIFY(!lines.contains("<row r=\"311\""));
    }

    // FOCUS 1.2: exactly the specification's columns; usage rows add up to estimated billable.
    void exportFocus()
    {
        const QString out = path(QStringLiteral("focus.csv"));
        const Result r = cli({QStringLiteral("export"), kJob, QStringLiteral("--as"), QStringLiteral("focus"), QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        const QList<QStringList> spec = parseCsv(readAll(QStringLiteral(TL_SHARED_DIR "/data/real/focus-spec-examples/focus_1.2_columns.csv")));
        QVERIFY(spec.size() > 1);
        QStringList specColumns;
        for (qsizetype i = 1; i < spec.size(); ++i)
            specColumns << spec[i].first();
        const QList<QStringList> rows = parseCsv(readAll(out));
        QVERIFY(rows.size() > 1);
        const QStringList header = rows.first();
        QCOMPARE(header.size(), specColumns.size());
        QStringList a = header, b = specColumns;
        a.sort();
        b.sort();
        QCOMPARE(a, b);
        const auto col = [&header](const char *name) { return header.indexOf(QLatin1String(name)); };
        Decimal usage;
        QSet<QString> keys;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QStringList &row = rows[i];
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row[col("ServiceCategory")], QStringLiteral("AI and Machine Learning"));
            const QString category = row[col("ChargeCategory")];
            QVERIFY2(QStringList({QStringLiteral("Usage"), QStringLiteral("Credit"), QStringLiteral("Tax"), QStringLiteral("Adjustment")}).contains(category),
                     qPrintable(category));
            if (category == QLatin1String("Usage")) {
                usage += dec(row[col("BilledCost")]);
                QVERIFY(!row[col("SubAccountId")].isEmpty());
                keys.insert(row[col("SubAccountId")]);
                QVERIFY(!row[col("ConsumedUnit")].isEmpty());
            }
        }
        QCOMPARE(usage.toString(), QStringLiteral("10.814488356"));
        QVERIFY(keys.size() >= 2);
    }

    void exportRefusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown format") << QStringList{QStringLiteral("export"), kJob, QStringLiteral("--as"), QStringLiteral("ods"), QStringLiteral("--out"), QStringLiteral("x")}
                                        << QStringLiteral("--as: expected one of csv, xlsx, focus, html, pdf, got 'ods'");
        QTest::newRow("no --out") << QStringList{QStringLiteral("export"), kJob, QStringLiteral("--as"), QStringLiteral("csv")}
                                  << QStringLiteral("usage: tokenledger-cli export");
        QTest::newRow("--run without a workspace")
            << QStringList{QStringLiteral("export"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--as"), QStringLiteral("csv"), QStringLiteral("--out"), QStringLiteral("x")}
            << QStringLiteral("--run needs --workspace");
    }

    void exportRefusesBadArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = cli(args);
        QVERIFY2(r.code == 3, qPrintable(describe(r)));
        QVERIFY2(QString::fromUtf8(r.err).contains(message), qPrintable(describe(r)));
    }

    // `packet … --out PKT.zip` writes exactly that file; the packet verifies; its report says
    // "not signed off", names the period and the decision; one changed byte of the report fails.
    void packetToAZipFile()
    {
        const QString zip = path(QStringLiteral("packets/may.zip"));
        const Result r = cli({QStringLiteral("packet"), kJob, QStringLiteral("--key"), m_key, QStringLiteral("--out"), zip,
                              QStringLiteral("--created-at"), QStringLiteral("2026-06-06T08:00:00Z")});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QCOMPARE(QString::fromUtf8(r.out.split('\n').first()), QFileInfo(zip).absoluteFilePath());
        QVERIFY(r.out.contains("decision: warn (not signed off)"));
        const Result v = cli({QStringLiteral("verify"), zip, QStringLiteral("--pubkey"), m_pub});
        QVERIFY2(v.code == 0, qPrintable(describe(v)));
        QString bag;
        const QMap<QString, QByteArray> files = unpack(zip, &bag);
        QCOMPARE(bag, QStringLiteral("PKT-acct-redacted-2026-05-001"));
        checkReport(files, {QStringLiteral("2026-05"), QStringLiteral("not signed off"), QStringLiteral("PKT-acct-redacted-2026-05-001")});
#ifdef TL_PDF_REPORT
        checkReport(files, {QStringLiteral("Decision: warn"), QStringLiteral("2026-06-06T08:00:00Z")});
#endif

        // One byte of the report changed, re-zipped: verify exits 2 naming the report.
        const QString zipTool = QStandardPaths::findExecutable(QStringLiteral("zip"));
        if (zipTool.isEmpty())
            QSKIP("zip missing");
        const QString root = path(QStringLiteral("may-x/") + bag);
        const QString report = root + (QFile::exists(root + QStringLiteral("/data/report/report.pdf")) ? QStringLiteral("/data/report/report.pdf")
                                                                                                         : QStringLiteral("/data/report/report.html"));
        QFile f(report);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray b = f.readAll();
        b[b.size() / 2] = char(b[b.size() / 2] ^ 0x01);
        f.seek(0);
        f.write(b);
        f.close();
        const QString tampered = path(QStringLiteral("tampered.zip"));
        QCOMPARE(run(zipTool, {QStringLiteral("-q"), QStringLiteral("-r"), tampered, bag}, path(QStringLiteral("may-x"))).code, 0);
        const Result bad = cli({QStringLiteral("verify"), tampered, QStringLiteral("--pubkey"), m_pub});
        QVERIFY2(bad.code == 2, qPrintable(describe(bad)));
        QVERIFY2(bad.out.contains("manifest-sha256.txt: checksum mismatch for data/report/report."), qPrintable(describe(bad)));
    }

    // A file named like a packet names it; a sign-off is carried and shown.
    void packetSignedOff()
    {
        const QString zip = path(QStringLiteral("packets/PKT-acct-redacted-2026-05-007.zip"));
        const Result r = cli({QStringLiteral("packet"), kJob, QStringLiteral("--key"), m_key, QStringLiteral("--out"), zip,
                              QStringLiteral("--signoff"), QStringLiteral(TL_TEST_DATA "/packet/signoff.json")});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QVERIFY(!r.out.contains("not signed off"));
        QString bag;
        const QMap<QString, QByteArray> files = unpack(zip, &bag);
        QCOMPARE(bag, QStringLiteral("PKT-acct-redacted-2026-05-007"));
        QVERIFY(files.value(QStringLiteral("data/packet.json")).contains("\"reviewer\":\"Dana Whitfield\""));
        checkReport(files, {QStringLiteral("Dana Whitfield")});
#ifdef TL_PDF_REPORT
        checkReport(files, {QStringLiteral("Signed off by Dana Whitfield (finance controller) on 2026-06-05")});
#endif
        QVERIFY(cli({QStringLiteral("verify"), zip, QStringLiteral("--pubkey"), m_pub}).code == 0);
    }

    // A stored run: imported into a workspace, reconciled and stored, then exported and packed
    // from the stored bytes; the packet's summary.json is the stored run's, byte for byte.
    void storedRun()
    {
        m_workspace = path(QStringLiteral("team.tlw"));
        const QString ws = QStringLiteral("--workspace=") + m_workspace;
        Result r = cli({ws, QStringLiteral("periods"), QStringLiteral("create"), QStringLiteral("--label"), QStringLiteral("2026-05"),
                        QStringLiteral("--start"), QStringLiteral("2026-05-01T00:00:00Z"), QStringLiteral("--end"), QStringLiteral("2026-06-01T00:00:00Z"),
                        QStringLiteral("--account"), QStringLiteral("acct-redacted"), QStringLiteral("--controls"), kJob});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        const QList<QStringList> inputs = {
            {QStringLiteral("client.csv"), QStringLiteral("client"), QStringLiteral("request_log_csv")},
            {QStringLiteral("quota.json"), QStringLiteral("provider"), QStringLiteral("cometapi_quota")},
            {QStringLiteral("prices.csv"), QStringLiteral("prices"), QStringLiteral("price_snapshot_csv")},
            {QStringLiteral("mapping.csv"), QStringLiteral("mapping"), QStringLiteral("model_mapping_csv")},
            {QStringLiteral("policy.csv"), QStringLiteral("policy"), QStringLiteral("billing_policy_csv")},
            {QStringLiteral("evidence.csv"), QStringLiteral("evidence"), QStringLiteral("evidence_csv")},
            {QStringLiteral("owners.csv"), QStringLiteral("owners"), QStringLiteral("owners_csv")},
        };
        for (const QStringList &in : inputs) {
            QStringList args = {ws, QStringLiteral("import"), kExample + QLatin1Char('/') + in[0], QStringLiteral("--kind"), in[1],
                                QStringLiteral("--format"), in[2], QStringLiteral("--period"), QStringLiteral("2026-05")};
            if (in[1] == QLatin1String("provider"))
                args << QStringLiteral("--observed-at") << QStringLiteral("2026-06-05T00:00:00Z");
            r = cli(args);
            QVERIFY2(r.code == 0 || r.code == 1, qPrintable(describe(r)));
        }
        r = cli({ws, QStringLiteral("reconcile"), QStringLiteral("--period"), QStringLiteral("2026-05")});
        QVERIFY2(r.code == 1 && r.out.startsWith("run 1 stored; decision: warn"), qPrintable(describe(r)));
        QVERIFY(r.out.contains("estimated billable: 10.814488356"));

        const QString csv = path(QStringLiteral("run1.csv"));
        r = cli({ws, QStringLiteral("export"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--as"), QStringLiteral("csv"),
                 QStringLiteral("--out"), csv});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QCOMPARE(parseCsv(readAll(csv)).size(), 310);

        const QString dir = path(QStringLiteral("run-packets"));
        r = cli({ws, QStringLiteral("packet"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--key"), m_key, QStringLiteral("--out"), dir});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QVERIFY2(!r.err.contains("not recorded"), qPrintable(describe(r)));
        const QString zip = dir + QStringLiteral("/PKT-acct-redacted-2026-05-001.zip");
        QVERIFY(QFile::exists(zip));
        QVERIFY(cli({QStringLiteral("verify"), zip, QStringLiteral("--pubkey"), m_pub}).code == 0);
        QString bag;
        const QMap<QString, QByteArray> files = unpack(zip, &bag);
        const Result stored = cli({ws, QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("1")});
        QCOMPARE(stored.code, 0);
        QCOMPARE(files.value(QStringLiteral("data/results/summary.json")), stored.out);
        // The packet's inputs are the stored copies: the client log redacted, as imported.
        QVERIFY(files.value(QStringLiteral("data/inputs/register.csv")).contains(",client.csv,client,request_log_csv,"));

        // A run that does not exist is named.
        r = cli({ws, QStringLiteral("export"), QStringLiteral("--run"), QStringLiteral("9"), QStringLiteral("--as"), QStringLiteral("csv"),
                 QStringLiteral("--out"), csv});
        QVERIFY2(r.code == 3, qPrintable(describe(r)));
    }

    // An edited owners table takes the place of the stored one (import --replaces): the period's
    // runs use it from then on, the old one stays in `inputs --all`, the old run still re-runs
    // byte for byte, and a replacement of the wrong kind or of a replaced input writes nothing.
    void storedInputReplaced()
    {
        QVERIFY(!m_workspace.isEmpty()); // storedRun made it
        const QString ws = QStringLiteral("--workspace=") + m_workspace;
        const QString period = QStringLiteral("2026-05");
        Result r = cli({ws, QStringLiteral("inputs"), QStringLiteral("--period"), period});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QCOMPARE(r.out.count('\n'), qsizetype(7));
        QVERIFY2(r.out.split('\n').at(6).startsWith("7\towners\towners_csv\towners.csv\t"), qPrintable(describe(r)));

        // support-prod's budget down from 500.00 to 0.40: its month's spend (0.48502136) is above it
        QByteArray owners = readAll(kExample + QStringLiteral("/owners.csv"));
        owners.replace("support-prod,support-team,prod,support,CC-SUP,direct,500.00", "support-prod,support-team,prod,support,CC-SUP,direct,0.40");
        const QString edited = path(QStringLiteral("owners.csv"));
        QFile f(edited);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(owners);
        f.close();
        auto replace = [&](const QString &kind, const QString &seq) {
            return cli({ws, QStringLiteral("import"), edited, QStringLiteral("--kind"), kind, QStringLiteral("--period"), period,
                        QStringLiteral("--replaces"), seq});
        };
        r = replace(QStringLiteral("owners"), QStringLiteral("5"));
        QCOMPARE(r.code, 3);
        QCOMPARE(QString::fromUtf8(r.err), QStringLiteral("tokenledger-cli: owners.csv: not stored: input 5 (policy.csv) is of kind policy, "
                                                          "not owners: an input is replaced only by one of its kind\n"));
        r = replace(QStringLiteral("owners"), QStringLiteral("seven"));
        QCOMPARE(r.code, 3);
        r = replace(QStringLiteral("owners"), QStringLiteral("7"));
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(", input 8 (replaces input 7, kept in the period's history)\n"), qPrintable(describe(r)));
        r = replace(QStringLiteral("owners"), QStringLiteral("7"));
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("owners.csv: not stored: input 7 (owners.csv) was replaced meanwhile by input 8 ("), qPrintable(describe(r)));

        r = cli({ws, QStringLiteral("inputs"), QStringLiteral("--period"), period});
        QCOMPARE(r.out.count('\n'), qsizetype(7));
        QVERIFY2(r.out.split('\n').at(6).startsWith("8\towners\towners_csv\towners.csv\t"), qPrintable(describe(r)));
        r = cli({ws, QStringLiteral("inputs"), QStringLiteral("--period"), period, QStringLiteral("--all"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(describe(r)));
        const QJsonArray all = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(all.size(), 8);
        QCOMPARE(all[6].toObject().value(QStringLiteral("superseded_by")).toInt(), 8);
        QVERIFY(!all[7].toObject().contains(QStringLiteral("superseded_by")));

        r = cli({ws, QStringLiteral("reconcile"), QStringLiteral("--period"), period});
        QVERIFY2(r.out.startsWith("run 2 stored"), qPrintable(describe(r)));
        const QByteArray run1 = cli({ws, QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("1")}).out;
        const QByteArray run2 = cli({ws, QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("2")}).out;
        QVERIFY(!run1.contains("budget_exceeded"));
        QVERIFY2(run2.contains("budget_exceeded"), run2.constData());
        r = cli({ws, QStringLiteral("runs"), QStringLiteral("rerun"), QStringLiteral("1")});
        QVERIFY2(r.code == 0 && r.out == "run 3 (rerun of 1): summary.json identical\n", qPrintable(describe(r)));
        QCOMPARE(cli({ws, QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("3")}).out, run1);
        // --replaces names a workspace's input: without --workspace it is refused, not ignored
        r = cli({QStringLiteral("import"), edited, QStringLiteral("--kind"), QStringLiteral("owners"), QStringLiteral("--replaces"),
                 QStringLiteral("8")});
        QCOMPARE(r.code, 3);
        QCOMPARE(QString::fromUtf8(r.err), QStringLiteral("tokenledger-cli: --period and --replaces name a workspace's period and input: add --workspace W\n"));
    }
};

QTEST_GUILESS_MAIN(TestExportCli)
#include "tst_exportcli.moc"
