// SPDX-License-Identifier: Apache-2.0
// The command-line contract (reconciliation.md, "Command-line contract"; formats.md, format
// ids), through the real tokenledger-cli binary and the fixture jobs in
// tests/data/reconcile/{cli,rich,common}: exit codes 0/1/2/3; bad input exits 3 naming the
// file and line and writes nothing into --out; repeated runs write byte-identical files;
// lines.csv and variance.csv columns and sort order; `import` exit codes and --json;
// `formats` lists every format id.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCli = QStringLiteral(TL_BIN_DIR "/tokenledger-cli");
const QString kData = QStringLiteral(TL_TEST_DATA "/reconcile");

struct Result
{
    int code = -1;
    QByteArray out, err;
};

Result cli(const QStringList &args)
{
    QProcess p;
    p.start(kCli, args);
    Result r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        r.err = "did not finish: " + p.errorString().toUtf8();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString job(const char *name) { return kData + QStringLiteral("/cli/") + QString::fromLatin1(name); }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing: ") + path.toUtf8() + '>';
}

QString describe(const Result &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.code).arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

QStringList entries(const QString &dir) { return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden); }

const char kLinesHeader[] = "request_id,attempt,timestamp_utc,api_key_name,outcome,treatment,billable_model,snapshot_id,"
                            "input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost,quarantine_reason,"
                            "variance_category,source_file,source_line";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reconcileExitCodes_data();
    void reconcileExitCodes();
    void passingJobSummary();
    void badInputExits3NamingFileAndLine_data();
    void badInputExits3NamingFileAndLine();
    void badInputWritesNothing();
    void byteIdenticalOutputs();
    void linesCsvColumnsAndOrder();
    void varianceCsvColumnsAndSums();
    void secretsNeverExported();
    void importExitCodes_data();
    void importExitCodes();
    void importJson();
    void formatsListsAllIds();
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + QStringLiteral(" is not built")));
}

// 0 pass, 1 warn, 2 fail, 3 the job could not run.
void TestCli::reconcileExitCodes_data()
{
    QTest::addColumn<QString>("jobFile");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("decision");
    QTest::newRow("pass") << job("job-pass.json") << 0 << QStringLiteral("pass");
    QTest::newRow("warn: provider data not final") << job("job-provisional.json") << 1 << QStringLiteral("warn");
    QTest::newRow("fail: unknown model") << job("job-fail.json") << 2 << QStringLiteral("fail");
    QTest::newRow("could not run: bad client file") << job("job-bad-client.json") << 3 << QString();
}

void TestCli::reconcileExitCodes()
{
    QFETCH(QString, jobFile);
    QFETCH(int, code);
    QFETCH(QString, decision);
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("out"));
    const Result r = cli({QStringLiteral("reconcile"), jobFile, QStringLiteral("--out"), out});
    QVERIFY2(r.code == code, qPrintable(describe(r)));
    if (!decision.isEmpty()) {
        const QJsonObject s = QJsonDocument::fromJson(readFile(out + QStringLiteral("/summary.json"))).object();
        QCOMPARE(s.value(QLatin1String("decision")).toString(), decision);
        QVERIFY(r.out.contains("decision: " + decision.toLatin1()));
    }
}

// The passing job's summary, exactly: every amount a JSON string, counts integers.
void TestCli::passingJobSummary()
{
    QTemporaryDir tmp;
    const Result r = cli({QStringLiteral("reconcile"), job("job-pass.json"), QStringLiteral("--out"), tmp.path()});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const QJsonObject s = QJsonDocument::fromJson(readFile(tmp.filePath(QStringLiteral("summary.json")))).object();
    const QJsonObject cost = s.value(QLatin1String("cost")).toObject();
    // r-1: (1000·2 + 100·8)/1e6; r-2: (1157·0.0011 + 1057·0.0044) × 0.8 / 1000; r-3: 0.05 × 0.8
    QCOMPARE(cost.value(QLatin1String("estimated_billable")).toString(), QStringLiteral("0.0475388"));
    QCOMPARE(cost.value(QLatin1String("estimated_unverified")).toString(), QStringLiteral("0"));
    QCOMPARE(cost.value(QLatin1String("provider_reported")).toString(), QStringLiteral("0.0475388"));
    QCOMPARE(cost.value(QLatin1String("variance")).toString(), QStringLiteral("0"));
    QCOMPARE(cost.value(QLatin1String("estimated_billable_rounded")).toString(), QStringLiteral("0.05"));
    const QJsonObject period = s.value(QLatin1String("period")).toObject();
    QCOMPARE(period.value(QLatin1String("start_utc")).toString(), QStringLiteral("2026-05-01T00:00:00Z"));
    QCOMPARE(period.value(QLatin1String("end_utc")).toString(), QStringLiteral("2026-06-01T00:00:00Z"));
    QCOMPARE(period.value(QLatin1String("account_ref")).toString(), QStringLiteral("acct"));
    QCOMPARE(period.value(QLatin1String("currency")).toString(), QStringLiteral("USD"));
    QCOMPARE(s.value(QLatin1String("tool")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("tokenledger"));
    QCOMPARE(s.value(QLatin1String("provisional")).toBool(true), false);
    QCOMPARE(s.value(QLatin1String("reasons")).toArray().size(), 0);
    QVERIFY(s.value(QLatin1String("finance")).isNull());
    const QJsonObject counts = s.value(QLatin1String("counts")).toObject();
    QCOMPARE(counts.value(QLatin1String("attempts")).toInteger(-1), 3);
    QCOMPARE(counts.value(QLatin1String("requests")).toInteger(-1), 3);
    QCOMPARE(counts.value(QLatin1String("retries")).toInteger(-1), 0);
    QCOMPARE(counts.value(QLatin1String("excluded_outside_period")).toInteger(-1), 0);
    QCOMPARE(s.value(QLatin1String("tokens")).toObject().value(QLatin1String("input")).toInteger(-1), 2157);
    QStringList models;
    for (const QJsonValue &v : s.value(QLatin1String("by_model")).toArray())
        models << v.toObject().value(QLatin1String("billable_model")).toString() + QLatin1Char('=')
                + v.toObject().value(QLatin1String("estimated_cost")).toString();
    QCOMPARE(models.join(QLatin1Char(' ')), QStringLiteral("m1=0.0028 m2=0.0047388 mc=0.04"));
    QCOMPARE(s.value(QLatin1String("variance_by_category")).toArray().size(), 13);
}

// Bad input: exit 3, a message on stderr naming the file and the line.
void TestCli::badInputExits3NamingFileAndLine_data()
{
    QTest::addColumn<QString>("jobFile");
    QTest::addColumn<QStringList>("mustMention");
    QTest::newRow("negative token count") << job("job-bad-client.json") << QStringList{QStringLiteral("client-bad.csv:4"), QStringLiteral("input_tokens")};
    QTest::newRow("job not valid JSON") << job("job-bad-json.json") << QStringList{QStringLiteral("job-bad-json.json:3")};
    QTest::newRow("two price rows valid at once") << job("job-overlap.json")
                                                  << QStringList{QStringLiteral("prices-overlap.csv:3"), QStringLiteral("snap-overlap")};
    QTest::newRow("input file missing") << job("job-missing-file.json") << QStringList{QStringLiteral("no-such-file.csv")};
}

void TestCli::badInputExits3NamingFileAndLine()
{
    QFETCH(QString, jobFile);
    QFETCH(QStringList, mustMention);
    QTemporaryDir tmp;
    const Result r = cli({QStringLiteral("reconcile"), jobFile, QStringLiteral("--out"), tmp.filePath(QStringLiteral("out"))});
    QVERIFY2(r.code == 3, qPrintable(describe(r)));
    for (const QString &m : mustMention)
        QVERIFY2(r.err.contains(m.toUtf8()), qPrintable(QStringLiteral("stderr does not mention %1\n").arg(m) + describe(r)));
}

// Nothing is written into --out when the job cannot run: a new directory is not created and
// an existing one stays as it was (here: empty, and with an old summary.json untouched).
void TestCli::badInputWritesNothing()
{
    QTemporaryDir tmp;
    const QString fresh = tmp.filePath(QStringLiteral("fresh"));
    Result r = cli({QStringLiteral("reconcile"), job("job-bad-client.json"), QStringLiteral("--out"), fresh});
    QCOMPARE(r.code, 3);
    QVERIFY2(!QFileInfo::exists(fresh), "the output directory was created");

    const QString empty = tmp.filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(empty));
    r = cli({QStringLiteral("reconcile"), job("job-overlap.json"), QStringLiteral("--out"), empty});
    QCOMPARE(r.code, 3);
    QCOMPARE(entries(empty), QStringList());

    const QString old = tmp.filePath(QStringLiteral("old"));
    QVERIFY(QDir().mkpath(old));
    {
        QFile f(old + QStringLiteral("/summary.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"old\":true}");
    }
    r = cli({QStringLiteral("reconcile"), job("job-bad-json.json"), QStringLiteral("--out"), old});
    QCOMPARE(r.code, 3);
    QCOMPARE(entries(old), QStringList{QStringLiteral("summary.json")});
    QCOMPARE(readFile(old + QStringLiteral("/summary.json")), QByteArray("{\"old\":true}"));
}

// Same inputs, byte-identical outputs, across separate processes (Qt's hash seeds differ per
// process, so any hash-order dependence shows here).
void TestCli::byteIdenticalOutputs()
{
    QTemporaryDir tmp;
    const QString jobFile = kData + QStringLiteral("/rich/job.json");
    QStringList dirs;
    for (int i = 0; i < 3; ++i) {
        const QString out = tmp.filePath(QStringLiteral("run%1").arg(i));
        const Result r = cli({QStringLiteral("reconcile"), jobFile, QStringLiteral("--out"), out});
        QVERIFY2(r.code >= 0 && r.code <= 2, qPrintable(describe(r)));
        dirs << out;
    }
    for (const char *name : {"summary.json", "lines.csv", "variance.csv", "exclusions.csv", "counts.csv"}) {
        const QByteArray first = readFile(dirs[0] + QLatin1Char('/') + QLatin1String(name));
        QVERIFY2(first.size() > 40, name);
        for (int i = 1; i < dirs.size(); ++i)
            QVERIFY2(readFile(dirs[i] + QLatin1Char('/') + QLatin1String(name)) == first, name);
    }
}

// lines.csv: the columns in the contract's order; one row per in-period attempt, sorted by
// timestamp_utc (the UTC instant, whatever offset the input used), then request_id (as text),
// then attempt (as a number).
void TestCli::linesCsvColumnsAndOrder()
{
    QTemporaryDir tmp;
    const Result r = cli({QStringLiteral("reconcile"), kData + QStringLiteral("/rich/job.json"), QStringLiteral("--out"), tmp.path()});
    QVERIFY2(r.code >= 0 && r.code <= 2, qPrintable(describe(r)));
    QList<QByteArray> lines = readFile(tmp.filePath(QStringLiteral("lines.csv"))).split('\n');
    QVERIFY(lines.size() > 2);
    QCOMPARE(lines.takeFirst(), QByteArray(kLinesHeader));
    QCOMPARE(lines.takeLast(), QByteArray()); // ends with a newline
    QCOMPARE(lines.size(), 19);               // 20 client rows, one before the period

    QStringList order;
    for (const QByteArray &l : lines) {
        const QList<QByteArray> f = l.split(',');
        QCOMPARE(f.size(), 17);
        order << QString::fromLatin1(f[0] + '/' + f[1]);
    }
    const QStringList expected = {
        QStringLiteral("c-3/1"),                                                  // 05-03T09:30
        QStringLiteral("h-8/1"), QStringLiteral("i-9/1"),                         // 05-07T14:00:00
        QStringLiteral("h-8/2"), QStringLiteral("h-8/2"),                         // 14:00:05, 14:00:06 (duplicate)
        QStringLiteral("a-1/1"), QStringLiteral("a-1/2"), QStringLiteral("a-1/10"), // 05-15T10:00:00Z (a-1/10 was +02:00)
        QStringLiteral("b-2/1"), QStringLiteral("req-10/1"), QStringLiteral("req-9/1"),
        QStringLiteral("d-4/1"),                                                  // 05-20T23:59:59
        QStringLiteral("e-5/1"),                                                  // 05-21
        QStringLiteral("j-10/1"), QStringLiteral("k-11/1"), QStringLiteral("l-12/1"), QStringLiteral("m-13/1"),
        QStringLiteral("g-7/1"),                                                  // 05-31T22:29:56Z (+08:00 on 06-01)
        QStringLiteral("n-14/1"),                                                 // 05-31T23:59:59
    };
    QCOMPARE(order, expected);

    // Spot-check the columns of a few rows.
    auto row = [&](const char *prefix) -> QByteArray {
        for (const QByteArray &l : lines)
            if (l.startsWith(prefix))
                return l;
        return {};
    };
    QCOMPARE(row("a-1,10,"), QByteArray("a-1,10,2026-05-15T10:00:00Z,k1,success,billable,m1,snap-test,400,,40,,0.00112,,,client.csv,3"));
    QCOMPARE(row("c-3,1,"), QByteArray("c-3,1,2026-05-03T09:30:00Z,k3,success_stream,billable,m1,snap-test,,,,,,missing_usage,missing_usage,client.csv,8"));
    QVERIFY(row("g-7,1,").startsWith("g-7,1,2026-05-31T22:29:56Z,k3,success,billable,m2,snap-test,1200,200,300,100,"));
    QVERIFY(row("e-5,1,").contains(",unknown_model,"));
    QVERIFY(row("a-1,2,").startsWith("a-1,2,2026-05-15T10:00:00Z,k1,client_timeout,unverified,m1,snap-test,,,,,,,"));
    QVERIFY(row("a-1,1,").startsWith("a-1,1,2026-05-15T10:00:00Z,k1,server_error,non_billable,"));
    QVERIFY(row("m-13,1,").startsWith("m-13,1,2026-05-28T10:00:00Z,k4,not_sent,non_billable,"));
    QVERIFY(row("k-11,1,").startsWith("k-11,1,2026-05-26T10:00:00Z,k4,cached_response,unverified,"));
}

// variance.csv: category,api_key_name,date,amount,rows; its amounts add up to summary.cost.variance.
void TestCli::varianceCsvColumnsAndSums()
{
    QTemporaryDir tmp;
    const Result r = cli({QStringLiteral("reconcile"), kData + QStringLiteral("/rich/job.json"), QStringLiteral("--out"), tmp.path()});
    QVERIFY2(r.code >= 0 && r.code <= 2, qPrintable(describe(r)));
    QList<QByteArray> rows = readFile(tmp.filePath(QStringLiteral("variance.csv"))).split('\n');
    QCOMPARE(rows.takeFirst(), QByteArray("category,api_key_name,date,amount,rows"));
    QCOMPARE(rows.takeLast(), QByteArray());
    QVERIFY(!rows.isEmpty());
    // Sum exactly with integers at 10^-18 (amounts here have at most 18 fractional digits).
    auto scaled = [](QByteArray a) {
        const bool neg = a.startsWith('-');
        if (neg)
            a.remove(0, 1);
        const qsizetype dot = a.indexOf('.');
        QByteArray whole = dot < 0 ? a : a.left(dot), frac = dot < 0 ? QByteArray() : a.mid(dot + 1);
        frac = frac.leftJustified(18, '0');
        const qint64 v = whole.toLongLong() * 1000000000000000000LL + frac.toLongLong();
        return neg ? -v : v;
    };
    qint64 sum = 0;
    for (const QByteArray &row : rows) {
        const QList<QByteArray> f = row.split(',');
        QCOMPARE(f.size(), 5);
        QVERIFY2(QByteArrayView(f[2]).size() == 10, row.constData());
        sum += scaled(f[3]);
    }
    const QJsonObject s = QJsonDocument::fromJson(readFile(tmp.filePath(QStringLiteral("summary.json")))).object();
    QCOMPARE(sum, scaled(s.value(QLatin1String("cost")).toObject().value(QLatin1String("variance")).toString().toLatin1()));
    qint64 categories = 0;
    for (const QJsonValue &v : s.value(QLatin1String("variance_by_category")).toArray())
        categories += scaled(v.toObject().value(QLatin1String("amount")).toString().toLatin1());
    QCOMPARE(categories, sum);
    // Both observations are listed; the latest counts.
    const QJsonArray obs = s.value(QLatin1String("observations")).toArray();
    QCOMPARE(obs.size(), 2);
    QCOMPARE(s.value(QLatin1String("observed_at")).toString(), QStringLiteral("2026-06-04T00:00:00Z"));
}

// A secret in an input is never written to any output.
void TestCli::secretsNeverExported()
{
    QTemporaryDir tmp;
    const Result r = cli({QStringLiteral("reconcile"), kData + QStringLiteral("/rich/job.json"), QStringLiteral("--out"), tmp.path()});
    QVERIFY2(r.code >= 0 && r.code <= 2, qPrintable(describe(r)));
    QVERIFY(!r.out.contains("sk-abcdefghij") && !r.err.contains("sk-abcdefghij"));
    for (const QString &name : entries(tmp.path()))
        QVERIFY2(!readFile(tmp.filePath(name)).contains("sk-abcdefghij"), qPrintable(name));
}

// import: 0 clean, 1 rows quarantined, 3 rejected (naming file and line).
void TestCli::importExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("stderrMentions");
    const QString common = kData + QStringLiteral("/common/");
    QTest::newRow("clean price snapshot") << QStringList{common + QStringLiteral("prices.csv"), QStringLiteral("--kind"), QStringLiteral("prices")} << 0 << QString();
    QTest::newRow("clean client log, format given")
        << QStringList{job("client.csv"), QStringLiteral("--kind"), QStringLiteral("client"), QStringLiteral("--format"), QStringLiteral("request_log_csv")} << 0 << QString();
    QTest::newRow("quota with observed-at") << QStringList{job("quota.json"), QStringLiteral("--kind"), QStringLiteral("provider"), QStringLiteral("--observed-at"),
                                                           QStringLiteral("2026-06-05T00:00:00Z")}
                                            << 0 << QString();
    QTest::newRow("duplicate attempt quarantined") << QStringList{job("client-dup.csv"), QStringLiteral("--kind"), QStringLiteral("client")} << 1 << QString();
    QTest::newRow("bad token count rejected") << QStringList{job("client-bad.csv"), QStringLiteral("--kind"), QStringLiteral("client")} << 3
                                              << QStringLiteral("client-bad.csv:4");
    QTest::newRow("overlapping prices rejected") << QStringList{job("prices-overlap.csv"), QStringLiteral("--kind"), QStringLiteral("prices")} << 3
                                                 << QStringLiteral("snap-overlap");
    QTest::newRow("unknown kind") << QStringList{job("client.csv"), QStringLiteral("--kind"), QStringLiteral("nonsense")} << 3 << QStringLiteral("nonsense");
    QTest::newRow("format cannot feed the kind")
        << QStringList{job("client.csv"), QStringLiteral("--kind"), QStringLiteral("prices"), QStringLiteral("--format"), QStringLiteral("request_log_csv")} << 3
        << QStringLiteral("request_log_csv");
}

void TestCli::importExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, stderrMentions);
    const Result r = cli(QStringList{QStringLiteral("import")} + args);
    QVERIFY2(r.code == code, qPrintable(describe(r)));
    if (!stderrMentions.isEmpty())
        QVERIFY2(r.err.contains(stderrMentions.toUtf8()), qPrintable(describe(r)));
}

void TestCli::importJson()
{
    const Result r = cli({QStringLiteral("import"), job("client-dup.csv"), QStringLiteral("--kind"), QStringLiteral("client"), QStringLiteral("--json")});
    QVERIFY2(r.code == 1, qPrintable(describe(r)));
    QJsonParseError pe;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &pe).object();
    QVERIFY2(pe.error == QJsonParseError::NoError, r.out.constData());
    QCOMPARE(o.value(QLatin1String("format")).toString(), QStringLiteral("request_log_csv"));
    QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("client"));
    QCOMPARE(o.value(QLatin1String("rows_read")).toInteger(), 2);
    QCOMPARE(o.value(QLatin1String("rows_accepted")).toInteger(), 1);
    QCOMPARE(o.value(QLatin1String("quarantined")).toObject().value(QLatin1String("duplicate")).toInteger(), 1);
    QCOMPARE(o.value(QLatin1String("sha256_received")).toString().size(), 64);

    const Result clean = cli({QStringLiteral("import"), job("client.csv"), QStringLiteral("--kind"), QStringLiteral("client"), QStringLiteral("--json")});
    QCOMPARE(clean.code, 0);
    const QJsonObject c = QJsonDocument::fromJson(clean.out).object();
    QCOMPARE(c.value(QLatin1String("rows_read")).toInteger(), 3);
    QCOMPARE(c.value(QLatin1String("rows_accepted")).toInteger(), 3);
    QCOMPARE(c.value(QLatin1String("sha256_received")).toString(), c.value(QLatin1String("sha256_stored")).toString());
}

// `formats` lists the 19 format ids of formats.md.
void TestCli::formatsListsAllIds()
{
    const Result r = cli({QStringLiteral("formats")});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const QSet<QString> expected = {
        QStringLiteral("cost_observation_jsonl"), QStringLiteral("request_log_csv"), QStringLiteral("request_log_jsonl"),
        QStringLiteral("reconciliation_job_json"), QStringLiteral("litellm_spend_logs"), QStringLiteral("cometapi_quota"),
        QStringLiteral("newapi_logs"), QStringLiteral("openai_usage"), QStringLiteral("openai_costs"),
        QStringLiteral("openrouter_activity_csv"), QStringLiteral("finance_csv"), QStringLiteral("price_snapshot_csv"),
        QStringLiteral("litellm_prices_json"), QStringLiteral("model_mapping_csv"), QStringLiteral("owners_csv"),
        QStringLiteral("billing_policy_csv"), QStringLiteral("evidence_csv"), QStringLiteral("evidence_json"),
        QStringLiteral("business_units_csv")};
    QCOMPARE(expected.size(), 19);
    QSet<QString> listed;
    for (const QByteArray &line : r.out.split('\n')) {
        const QString first = QString::fromUtf8(line).section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        if (expected.contains(first))
            listed.insert(first);
    }
    QCOMPARE(listed, expected);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
