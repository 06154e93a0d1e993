// SPDX-License-Identifier: Apache-2.0
// tokenledger-bench: generates benchmark months, times TokenLedger's stages and the whole
// `tokenledger-cli reconcile`, and runs the peers a user would reach for instead (DuckDB through
// @duckdb/node-api with 2 threads, the sqlite3 shell) on the same files, interleaved.
// See tests/bench/README.md.
#include "tests/bench/generator.h"
#include "tests/bench/procutil.h"
#include "tests/bench/stages.h"

#include "core/import/importerror.h"
#include "core/reconcile/reconciler.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSysInfo>
#include <QThread>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

using namespace tl;
using namespace tl::bench;

namespace {

const char kUsage[] =
    "usage: tokenledger-bench <command> [options]\n"
    "  generate --out DIR --attempts N [--seed S]   write one benchmark month into DIR\n"
    "  stages JOB.json --out DIR [--ui]             time import, pricing, reconcile, outputs (and the\n"
    "                                               ledger view) in this process; prints JSON\n"
    "  run --work DIR [--sizes 1000000,5000000] [--formats csv,jsonl] [--rounds 2,1]\n"
    "      [--cli PATH] [--peers-dir DIR] [--node-dir DIR] [--sqlite-jsonl-max N] [--no-ui] [--no-peers]\n"
    "      [--out RESULTS.md]\n"
    "                                               the whole benchmark, peers interleaved A B A B\n";

void say(const QString &s)
{
    std::fprintf(stderr, "%s\n", s.toLocal8Bit().constData());
    std::fflush(stderr);
}

QString option(const QStringList &args, const QString &name, const QString &fallback = QString())
{
    const int i = static_cast<int>(args.indexOf(name));
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString firstLine(const QString &program, const QStringList &args)
{
    const QString out = QDir::temp().filePath(QStringLiteral("tokenledger-bench-version.txt"));
    QStringList argv{program};
    argv << args;
    runChild(argv, out);
    const QByteArray b = readAll(out).trimmed();
    QFile::remove(out);
    return QString::fromUtf8(b.left(b.indexOf('\n') < 0 ? b.size() : b.indexOf('\n')));
}

QString cpuModel()
{
    const QList<QByteArray> lines = readAll(QStringLiteral("/proc/cpuinfo")).split('\n');
    for (const QByteArray &l : lines)
        if (l.startsWith("model name"))
            return QString::fromUtf8(l.mid(l.indexOf(':') + 1).trimmed());
    return QStringLiteral("unknown");
}

QString loadAverage()
{
    return QString::fromUtf8(readAll(QStringLiteral("/proc/loadavg")).split(' ').mid(0, 3).join(' '));
}

double median(std::vector<double> v)
{
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

QString fmtS(double s)
{
    if (std::isnan(s))
        return QStringLiteral("–");
    if (s < 0.01)
        return QStringLiteral("%1 ms").arg(s * 1000, 0, 'f', 2);
    if (s < 1)
        return QStringLiteral("%1 ms").arg(s * 1000, 0, 'f', 0);
    return QStringLiteral("%1 s").arg(s, 0, 'f', 2);
}

QString fmtMb(double mb)
{
    return std::isnan(mb) ? QStringLiteral("–") : QStringLiteral("%1 MB").arg(mb, 0, 'f', 0);
}

QString fmtRatio(double r)
{
    return std::isnan(r) ? QStringLiteral("–") : QStringLiteral("%1").arg(r, 0, 'f', 2);
}

int cmdGenerate(const QStringList &args)
{
    const QString out = option(args, QStringLiteral("--out"));
    const qint64 n = option(args, QStringLiteral("--attempts"), QStringLiteral("1000000")).toLongLong();
    const quint64 seed = option(args, QStringLiteral("--seed"), QStringLiteral("20260501")).toULongLong();
    if (out.isEmpty() || n < 1) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    Generator::Result r;
    QString error;
    const double t0 = nowSeconds();
    if (!Generator::write(out, n, seed, &r, &error)) {
        say(error);
        return 1;
    }
    say(QStringLiteral("wrote %1 client rows (%2 requests), %3 provider cells, CSV %4 MB, JSONL %5 MB into %6 in %7 s")
            .arg(r.clientRows)
            .arg(r.requests)
            .arg(r.providerCells)
            .arg(r.csvBytes / 1e6, 0, 'f', 0)
            .arg(r.jsonlBytes / 1e6, 0, 'f', 0)
            .arg(out)
            .arg(nowSeconds() - t0, 0, 'f', 1));
    return 0;
}

int cmdStages(const QStringList &args)
{
    if (args.isEmpty() || args[0].startsWith(QLatin1String("--"))) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const QString out = option(args, QStringLiteral("--out"), QDir::temp().filePath(QStringLiteral("tokenledger-bench-out")));
    try {
        const QByteArray json = runStages(args[0], out, args.contains(QStringLiteral("--ui")));
        std::fwrite(json.constData(), 1, static_cast<std::size_t>(json.size()), stdout);
        std::fputc('\n', stdout);
        return 0;
    } catch (const ImportError &e) {
        say(e.toString());
    } catch (const ReconcileError &e) {
        say(e.message());
    } catch (const std::exception &e) {
        say(QString::fromUtf8(e.what()));
    }
    return 3;
}

// --- run -------------------------------------------------------------------------------------

/** One configuration (size × format): the measurements of every round. */
struct Config
{
    qint64 size = 0;
    QString format;
    qint64 rows = 0;
    double fileMb = 0;
    std::map<QString, std::vector<double>> m; ///< metric → one value per round
    QJsonObject lastStages;
    QString tlBillable, duckBillable, sqliteBillableMicro, tlProvider, duckProvider, sqliteProviderMicro;
    QMap<QString, QString> duckClasses, sqliteClasses;
    QString note;
    void put(const QString &k, double v) { m[k].push_back(v); }
    double med(const QString &k) const
    {
        const auto it = m.find(k);
        return it == m.end() ? std::nan("") : median(it->second);
    }
};

double stageSeconds(const QJsonObject &stages, const QString &name)
{
    for (const QJsonValue v : stages.value(QStringLiteral("stages")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject().value(QStringLiteral("s")).toDouble();
    return std::nan("");
}

double stagePeak(const QJsonObject &stages, const QString &name)
{
    for (const QJsonValue v : stages.value(QStringLiteral("stages")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject().value(QStringLiteral("peak_mb")).toDouble(std::nan(""));
    return std::nan("");
}

int cmdRun(const QStringList &args)
{
    const QString work = QDir(option(args, QStringLiteral("--work"))).absolutePath();
    if (option(args, QStringLiteral("--work")).isEmpty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    QDir().mkpath(work);
    const QString self = QCoreApplication::applicationFilePath();
    const QString cli = option(args, QStringLiteral("--cli"), QFileInfo(self).dir().filePath(QStringLiteral("tokenledger-cli")));
    const QString peersDir = option(args, QStringLiteral("--peers-dir"), QStringLiteral(TL_BENCH_SOURCE_DIR "/peers"));
    const QString nodeDir = option(args, QStringLiteral("--node-dir"), QStringLiteral(TL_BENCH_SOURCE_DIR));
    // Rounds per size, aligned with --sizes (the last value repeats): "2,1" = 2 at 1M, 1 at 5M.
    std::vector<int> roundsList;
    for (const QString &r : option(args, QStringLiteral("--rounds"), QStringLiteral("2,1")).split(QLatin1Char(',')))
        roundsList.push_back(std::max(1, r.toInt()));
    const qint64 sqliteJsonlMax = option(args, QStringLiteral("--sqlite-jsonl-max"), QStringLiteral("1000000")).toLongLong();
    const bool ui = !args.contains(QStringLiteral("--no-ui"));
    const bool peers = !args.contains(QStringLiteral("--no-peers"));
    std::vector<qint64> sizes;
    for (const QString &s : option(args, QStringLiteral("--sizes"), QStringLiteral("1000000,5000000")).split(QLatin1Char(',')))
        sizes.push_back(s.toLongLong());
    const QStringList formats = option(args, QStringLiteral("--formats"), QStringLiteral("csv,jsonl")).split(QLatin1Char(','));
    const QString outMd = option(args, QStringLiteral("--out"), QDir(work).filePath(QStringLiteral("results.md")));
    const quint64 seed = 20260501;

    const QString startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QString loadStart = loadAverage();
    const double runStart = nowSeconds();
    QString sqliteVersion = firstLine(QStringLiteral("sqlite3"), {QStringLiteral("--version")});
    sqliteVersion = sqliteVersion.left(sqliteVersion.indexOf(QLatin1Char(' ')));
    const QString nodeVersion = firstLine(QStringLiteral("node"), {QStringLiteral("--version")});
    QString duckVersion;

    std::vector<Config> configs;
    QStringList genNotes;
    for (std::size_t si = 0; si < sizes.size(); ++si) {
        const qint64 size = sizes[si];
        const int rounds = roundsList[std::min(si, roundsList.size() - 1)];
        const QString data = QDir(work).filePath(QStringLiteral("data-%1").arg(size));
        const QString marker = QDir(data).filePath(QStringLiteral("generated-%1-%2.ok").arg(size).arg(seed));
        if (!QFile::exists(marker)) {
            say(QStringLiteral("== generating %1 attempts into %2").arg(size).arg(data));
            Generator::Result g;
            QString error;
            const double t0 = nowSeconds();
            if (!Generator::write(data, size, seed, &g, &error)) {
                say(error);
                return 1;
            }
            QFile mk(marker);
            if (mk.open(QIODevice::WriteOnly))
                mk.write(QStringLiteral("%1 %2 %3 %4\n").arg(g.clientRows).arg(g.providerCells).arg(g.csvBytes).arg(g.jsonlBytes).toUtf8());
            genNotes << QStringLiteral("%1 attempts: generated in %2 s").arg(size).arg(nowSeconds() - t0, 0, 'f', 1);
            ::sync(); // the files just written are on disk before anything is timed
        }
        const QList<QByteArray> mk = readAll(marker).trimmed().split(' ');

        for (const QString &format : formats) {
            Config c;
            c.size = size;
            c.format = format;
            c.rows = mk.value(0).toLongLong();
            c.fileMb = QFileInfo(QDir(data).filePath(QStringLiteral("client.%1").arg(format))).size() / 1e6;
            const QString job = QDir(data).filePath(QStringLiteral("job-%1.json").arg(format));
            const QString tag = QStringLiteral("%1-%2").arg(size).arg(format);
            const bool runSqlite = peers && (format == QLatin1String("csv") || size <= sqliteJsonlMax);
            if (peers && !runSqlite)
                c.note = QStringLiteral("sqlite3 on JSON Lines above %1 rows skipped (time budget)").arg(sqliteJsonlMax);
            // The sqlite3 script: the template, run inside the data directory.
            const QString sqlScript = QDir(work).filePath(QStringLiteral("sqlite-%1.sql").arg(tag));
            {
                QFile f(sqlScript);
                if (f.open(QIODevice::WriteOnly)) {
                    f.write(".cd '" + QFile::encodeName(data) + "'\n");
                    f.write(readAll(QDir(peersDir).filePath(QStringLiteral("sqlite-client-%1.sql").arg(format))));
                    f.write(readAll(QDir(peersDir).filePath(QStringLiteral("sqlite-reconcile.sql"))));
                }
            }
            for (int r = 0; r < rounds; ++r) {
                const QString rt = QStringLiteral("%1-r%2").arg(tag).arg(r + 1);
                // A: TokenLedger's stages in one process (and the ledger view once per size).
                const bool withUi = ui && r == 0 && format == formats.first();
                say(QStringLiteral("== %1 round %2: TokenLedger stages%3").arg(tag).arg(r + 1).arg(withUi ? QStringLiteral(" + ledger view") : QString()));
                QStringList sargv{self, QStringLiteral("stages"), job, QStringLiteral("--out"), QDir(work).filePath(QStringLiteral("out-stages"))};
                if (withUi)
                    sargv << QStringLiteral("--ui");
                const ChildRun s = runChild(sargv, QDir(work).filePath(QStringLiteral("stages-%1.json").arg(rt)));
                const QJsonObject so = QJsonDocument::fromJson(readAll(s.stdoutPath)).object();
                if (s.exitCode != 0 || so.isEmpty()) {
                    say(QStringLiteral("stages failed (exit %1)").arg(s.exitCode));
                } else {
                    const double imp = stageSeconds(so, QStringLiteral("import"));
                    const double rec = stageSeconds(so, QStringLiteral("reconcile"));
                    c.put(QStringLiteral("tl.import"), imp);
                    c.put(QStringLiteral("tl.pricing"), stageSeconds(so, QStringLiteral("pricing (stand-alone pass)")));
                    c.put(QStringLiteral("tl.reconcile"), rec);
                    c.put(QStringLiteral("tl.write"), stageSeconds(so, QStringLiteral("write outputs")));
                    c.put(QStringLiteral("tl.import+reconcile"), imp + rec);
                    for (const QJsonValue v : so.value(QStringLiteral("stages")).toArray()) {
                        const QJsonObject o = v.toObject();
                        const QString n = o.value(QStringLiteral("name")).toString();
                        if (o.contains(QStringLiteral("cpu_s")))
                            c.put(QStringLiteral("cpu:") + n, o.value(QStringLiteral("cpu_s")).toDouble());
                    }
                    c.put(QStringLiteral("tl.peak.import"), stagePeak(so, QStringLiteral("import")));
                    c.put(QStringLiteral("tl.peak.reconcile"), stagePeak(so, QStringLiteral("reconcile")));
                    c.put(QStringLiteral("tl.peak.write"), stagePeak(so, QStringLiteral("write outputs")));
                    c.put(QStringLiteral("tl.held"), so.value(QStringLiteral("held_bytes_per_attempt")).toDouble());
                    c.put(QStringLiteral("tl.heldWithResult"), so.value(QStringLiteral("held_with_result_bytes_per_attempt")).toDouble());
                    c.put(QStringLiteral("tl.table"), so.value(QStringLiteral("table_bytes_per_attempt")).toDouble());
                    c.put(QStringLiteral("tl.stagesPeak"), s.maxRssKb / 1024.0);
                    for (const QJsonValue v : so.value(QStringLiteral("stages")).toArray()) {
                        const QString n = v.toObject().value(QStringLiteral("name")).toString();
                        if (n.startsWith(QLatin1String("ui")) || n.startsWith(QLatin1String("import:")))
                            c.put(n, v.toObject().value(QStringLiteral("s")).toDouble());
                    }
                    if (withUi || c.lastStages.isEmpty())
                        c.lastStages = so;
                    c.tlBillable = so.value(QStringLiteral("estimated_billable")).toString();
                    c.tlProvider = so.value(QStringLiteral("provider_reported")).toString();
                }
                // B: DuckDB, 2 threads.
                if (peers) {
                    say(QStringLiteral("== %1 round %2: DuckDB").arg(tag).arg(r + 1));
                    const ChildRun d = runChild({QStringLiteral("node"), QDir(peersDir).filePath(QStringLiteral("duckdb.mjs")), data, format, QStringLiteral("2")},
                                                QDir(work).filePath(QStringLiteral("duckdb-%1.json").arg(rt)), QString(), nodeDir);
                    const QJsonObject dj = QJsonDocument::fromJson(readAll(d.stdoutPath)).object();
                    if (d.exitCode != 0 || dj.isEmpty()) {
                        say(QStringLiteral("DuckDB failed (exit %1)").arg(d.exitCode));
                    } else {
                        duckVersion = dj.value(QStringLiteral("version")).toString();
                        c.put(QStringLiteral("duck.read"), dj.value(QStringLiteral("read_s")).toDouble());
                        c.put(QStringLiteral("duck.group"), dj.value(QStringLiteral("group_s")).toDouble());
                        c.put(QStringLiteral("duck.join"), dj.value(QStringLiteral("join_s")).toDouble());
                        c.put(QStringLiteral("duck.total"), dj.value(QStringLiteral("total_s")).toDouble());
                        c.put(QStringLiteral("duck.wall"), d.wallSeconds);
                        c.put(QStringLiteral("duck.cpu"), d.cpuSeconds);
                        c.put(QStringLiteral("duck.peak"), d.maxRssKb / 1024.0);
                        c.duckBillable = dj.value(QStringLiteral("billable")).toString();
                        c.duckProvider = dj.value(QStringLiteral("provider")).toString();
                        const QJsonObject cls = dj.value(QStringLiteral("classes")).toObject();
                        for (auto it = cls.begin(); it != cls.end(); ++it)
                            c.duckClasses[it.key()] = QString::number(it.value().toDouble());
                        const double tl = c.m[QStringLiteral("tl.import+reconcile")].empty() ? std::nan("") : c.m[QStringLiteral("tl.import+reconcile")].back();
                        c.put(QStringLiteral("ratio.duck.ir"), tl / dj.value(QStringLiteral("total_s")).toDouble());
                    }
                }
                // A: the whole `tokenledger-cli reconcile`, as a user runs it.
                say(QStringLiteral("== %1 round %2: tokenledger-cli reconcile").arg(tag).arg(r + 1));
                const ChildRun e = runChild({cli, QStringLiteral("reconcile"), job, QStringLiteral("--out"), QDir(work).filePath(QStringLiteral("out-cli"))},
                                            QDir(work).filePath(QStringLiteral("cli-%1.txt").arg(rt)));
                if (e.exitCode < 0 || e.exitCode > 2) {
                    say(QStringLiteral("tokenledger-cli failed (exit %1)").arg(e.exitCode));
                } else {
                    c.put(QStringLiteral("tl.cli"), e.wallSeconds);
                    c.put(QStringLiteral("tl.cli.cpu"), e.cpuSeconds);
                    c.put(QStringLiteral("tl.cli.peak"), e.maxRssKb / 1024.0);
                    if (peers && !c.m[QStringLiteral("duck.wall")].empty())
                        c.put(QStringLiteral("ratio.duck.cli"), e.wallSeconds / c.m[QStringLiteral("duck.wall")].back());
                }
                // B': sqlite3.
                if (runSqlite) {
                    say(QStringLiteral("== %1 round %2: sqlite3").arg(tag).arg(r + 1));
                    const ChildRun q = runChild({QStringLiteral("sqlite3"), QStringLiteral("-batch"), QStringLiteral(":memory:")},
                                                QDir(work).filePath(QStringLiteral("sqlite-%1.txt").arg(rt)), sqlScript);
                    QMap<QString, double> marks;
                    for (const QByteArray &l : readAll(q.stdoutPath).split('\n')) {
                        const QList<QByteArray> p = l.trimmed().split('|');
                        if (p.size() == 3 && p[0] == "mark")
                            marks[QString::fromUtf8(p[1])] = p[2].toDouble();
                        else if (p.size() == 3 && p[0] == "result" && p[1] == "billable_micro")
                            c.sqliteBillableMicro = QString::fromUtf8(p[2]);
                        else if (p.size() == 3 && p[0] == "result" && p[1] == "provider_micro")
                            c.sqliteProviderMicro = QString::fromUtf8(p[2]);
                        else if (p.size() == 3 && p[0] == "class")
                            c.sqliteClasses[QString::fromUtf8(p[1])] = QString::fromUtf8(p[2]);
                    }
                    if (q.exitCode != 0 || !marks.contains(QStringLiteral("end"))) {
                        say(QStringLiteral("sqlite3 failed (exit %1)").arg(q.exitCode));
                    } else {
                        const double read = marks[QStringLiteral("read")] - marks[QStringLiteral("start")];
                        const double group = marks[QStringLiteral("group")] - marks[QStringLiteral("read")];
                        const double join = marks[QStringLiteral("end")] - marks[QStringLiteral("group")];
                        c.put(QStringLiteral("sqlite.read"), read);
                        c.put(QStringLiteral("sqlite.group"), group);
                        c.put(QStringLiteral("sqlite.join"), join);
                        c.put(QStringLiteral("sqlite.total"), read + group + join);
                        c.put(QStringLiteral("sqlite.wall"), q.wallSeconds);
                        c.put(QStringLiteral("sqlite.cpu"), q.cpuSeconds);
                        c.put(QStringLiteral("sqlite.peak"), q.maxRssKb / 1024.0);
                        const double tl = c.m[QStringLiteral("tl.import+reconcile")].empty() ? std::nan("") : c.m[QStringLiteral("tl.import+reconcile")].back();
                        c.put(QStringLiteral("ratio.sqlite.ir"), tl / (read + group + join));
                        if (!c.m[QStringLiteral("tl.cli")].empty())
                            c.put(QStringLiteral("ratio.sqlite.cli"), c.m[QStringLiteral("tl.cli")].back() / q.wallSeconds);
                    }
                }
            }
            configs.push_back(c);
        }
    }

    // --- The report ------------------------------------------------------------------------------
    const double total = nowSeconds() - runStart;
    QString md;
    QStringList roundsText;
    for (std::size_t si = 0; si < sizes.size(); ++si)
        roundsText << QStringLiteral("%1 at %2").arg(roundsList[std::min(si, roundsList.size() - 1)]).arg(sizes[si]);
    md += QStringLiteral("Run %1, rounds per configuration: %2 (medians shown), interleaved per round: TokenLedger stages, DuckDB, "
                         "`tokenledger-cli reconcile`, sqlite3. Bench wall time %3 min. Load average at start %4, at end %5.\n\n")
              .arg(startedAt)
              .arg(roundsText.join(QStringLiteral(", ")))
              .arg(total / 60, 0, 'f', 1)
              .arg(loadStart, loadAverage());
    md += QStringLiteral("Machine: %1 × %2 (nproc %3), %4; Qt %5; compiler %6; TokenLedger %7 (%8, build %9); DuckDB %10 "
                         "(@duckdb/node-api, node %11, threads=2); sqlite3 %12.\n\n")
              .arg(QThread::idealThreadCount())
              .arg(cpuModel())
              .arg(QThread::idealThreadCount())
              .arg(QSysInfo::prettyProductName(), QString::fromLatin1(qVersion()), QStringLiteral(__VERSION__),
                   QStringLiteral(TOKENLEDGER_VERSION), QStringLiteral(TOKENLEDGER_COMMIT), QStringLiteral(TL_BENCH_BUILD_TYPE),
                   duckVersion.isEmpty() ? QStringLiteral("–") : duckVersion, nodeVersion, sqliteVersion);
    for (const QString &g : genNotes)
        md += QStringLiteral("- %1\n").arg(g);
    if (!genNotes.isEmpty())
        md += QLatin1Char('\n');

    md += QStringLiteral("| | ");
    for (const Config &c : configs)
        md += QStringLiteral("%1 %2 | ").arg(c.size >= 1000000 ? QStringLiteral("%1M").arg(c.size / 1000000) : QString::number(c.size), c.format.toUpper());
    md += QStringLiteral("\n|---|");
    for (std::size_t i = 0; i < configs.size(); ++i)
        md += QStringLiteral("---:|");
    md += QLatin1Char('\n');
    const auto row = [&](const QString &label, const std::function<QString(const Config &)> &cell) {
        md += QStringLiteral("| %1 | ").arg(label);
        for (const Config &c : configs)
            md += cell(c) + QStringLiteral(" | ");
        md += QLatin1Char('\n');
    };
    const auto sec = [&](const QString &k) { return [k](const Config &c) { return fmtS(c.med(k)); }; };
    // A TokenLedger stage: wall time, and in parentheses its CPU time (less sensitive to other load).
    const auto stage = [&](const QString &k, const QString &name) {
        return [k, name](const Config &c) {
            const double cpu = c.med(QStringLiteral("cpu:") + name);
            return std::isnan(cpu) ? fmtS(c.med(k)) : QStringLiteral("%1 (cpu %2)").arg(fmtS(c.med(k)), fmtS(cpu));
        };
    };
    const auto ratio = [&](const QString &k) { return [k](const Config &c) { return fmtRatio(c.med(k)); }; };
    row(QStringLiteral("client rows (file size)"), [](const Config &c) { return QStringLiteral("%1 (%2 MB)").arg(c.rows).arg(c.fileMb, 0, 'f', 0); });
    row(QStringLiteral("**TokenLedger** import (hash, redaction scan, parse, all inputs)"), stage(QStringLiteral("tl.import"), QStringLiteral("import")));
    row(QStringLiteral("  of which: SHA-256 of the client file"), stage(QStringLiteral("import: sha256 of the client file"), QStringLiteral("import: sha256 of the client file")));
    row(QStringLiteral("  of which: redaction scan (+ copy: the file holds fake keys)"), stage(QStringLiteral("import: redaction scan (and copy)"), QStringLiteral("import: redaction scan (and copy)")));
    row(QStringLiteral("  replayed alone: interning request_id + response_id"), sec(QStringLiteral("import: interning request_id + response_id into a fresh pool")));
    row(QStringLiteral("  replayed alone: duplicate check (`std::unordered_set`)"), sec(QStringLiteral("import: duplicate check (std::unordered_set of request_id/attempt)")));
    row(QStringLiteral("  replayed alone: RFC 4180 tokenizing (`CsvReader`)"), sec(QStringLiteral("import: CSV tokenizing only (CsvReader)")));
    row(QStringLiteral("pricing (stand-alone pass over every row)"), stage(QStringLiteral("tl.pricing"), QStringLiteral("pricing (stand-alone pass)")));
    row(QStringLiteral("reconcile (prices again, classifies, joins, attributes, decides)"), stage(QStringLiteral("tl.reconcile"), QStringLiteral("reconcile")));
    row(QStringLiteral("write outputs (summary, lines, variance, exclusions, counts)"), stage(QStringLiteral("tl.write"), QStringLiteral("write outputs")));
    row(QStringLiteral("**import + reconcile**"), sec(QStringLiteral("tl.import+reconcile")));
    row(QStringLiteral("**`tokenledger-cli reconcile` end to end** (process wall)"), sec(QStringLiteral("tl.cli")));
    row(QStringLiteral("peak RSS: import / reconcile / write stage"), [](const Config &c) {
        return QStringLiteral("%1 / %2 / %3").arg(fmtMb(c.med(QStringLiteral("tl.peak.import"))), fmtMb(c.med(QStringLiteral("tl.peak.reconcile"))),
                                                  fmtMb(c.med(QStringLiteral("tl.peak.write"))));
    });
    row(QStringLiteral("`tokenledger-cli reconcile` CPU (user+sys) / peak RSS"), [](const Config &c) {
        return QStringLiteral("%1 / %2").arg(fmtS(c.med(QStringLiteral("tl.cli.cpu"))), fmtMb(c.med(QStringLiteral("tl.cli.peak"))));
    });
    row(QStringLiteral("bytes held per attempt after import (RSS)"), [](const Config &c) { return QStringLiteral("%1").arg(c.med(QStringLiteral("tl.held")), 0, 'f', 0); });
    row(QStringLiteral("  of which the client table's columns"), [](const Config &c) { return QStringLiteral("%1").arg(c.med(QStringLiteral("tl.table")), 0, 'f', 0); });
    row(QStringLiteral("bytes held per attempt with the reconcile result"), [](const Config &c) { return QStringLiteral("%1").arg(c.med(QStringLiteral("tl.heldWithResult")), 0, 'f', 0); });
    if (peers) {
        row(QStringLiteral("**DuckDB** read (client, provider JSON, prices, mapping, policy)"), sec(QStringLiteral("duck.read")));
        row(QStringLiteral("GROUP BY key/day/model with exact DECIMAL cost (+ distinct requests, duplicates)"), sec(QStringLiteral("duck.group")));
        row(QStringLiteral("client-vs-provider join, classified"), sec(QStringLiteral("duck.join")));
        row(QStringLiteral("**DuckDB read + group + join**"), sec(QStringLiteral("duck.total")));
        row(QStringLiteral("DuckDB process wall (node start, instance) / CPU (user+sys) / peak RSS"), [](const Config &c) {
            return QStringLiteral("%1 / %2 / %3").arg(fmtS(c.med(QStringLiteral("duck.wall"))), fmtS(c.med(QStringLiteral("duck.cpu"))),
                                                      fmtMb(c.med(QStringLiteral("duck.peak"))));
        });
        row(QStringLiteral("**sqlite3** read (.import + typed table, provider via json_each)"), sec(QStringLiteral("sqlite.read")));
        row(QStringLiteral("GROUP BY key/day/model, integer micro-units (+ distinct, duplicates)"), sec(QStringLiteral("sqlite.group")));
        row(QStringLiteral("client-vs-provider join, classified"), sec(QStringLiteral("sqlite.join")));
        row(QStringLiteral("**sqlite3 read + group + join**"), sec(QStringLiteral("sqlite.total")));
        row(QStringLiteral("sqlite3 process wall / CPU (user+sys) / peak RSS"), [](const Config &c) {
            return QStringLiteral("%1 / %2 / %3").arg(fmtS(c.med(QStringLiteral("sqlite.wall"))), fmtS(c.med(QStringLiteral("sqlite.cpu"))),
                                                      fmtMb(c.med(QStringLiteral("sqlite.peak"))));
        });
        row(QStringLiteral("**ratio** TokenLedger import+reconcile ÷ DuckDB read+group+join (target < 1.0)"), ratio(QStringLiteral("ratio.duck.ir")));
        row(QStringLiteral("ratio `tokenledger-cli` wall ÷ DuckDB process wall"), ratio(QStringLiteral("ratio.duck.cli")));
        row(QStringLiteral("**ratio** TokenLedger import+reconcile ÷ sqlite3 read+group+join (target ≤ 0.33)"), ratio(QStringLiteral("ratio.sqlite.ir")));
        row(QStringLiteral("ratio `tokenledger-cli` wall ÷ sqlite3 process wall"), ratio(QStringLiteral("ratio.sqlite.cli")));
        row(QStringLiteral("billable total: TokenLedger / DuckDB / sqlite3 (micro-USD)"), [](const Config &c) {
            return QStringLiteral("%1 / %2 / %3").arg(c.tlBillable, c.duckBillable, c.sqliteBillableMicro.isEmpty() ? QStringLiteral("–") : c.sqliteBillableMicro);
        });
        row(QStringLiteral("provider total: TokenLedger / DuckDB / sqlite3 (micro-USD)"), [](const Config &c) {
            return QStringLiteral("%1 / %2 / %3").arg(c.tlProvider, c.duckProvider, c.sqliteProviderMicro.isEmpty() ? QStringLiteral("–") : c.sqliteProviderMicro);
        });
    }
    md += QLatin1Char('\n');
    for (const Config &c : configs)
        if (!c.note.isEmpty())
            md += QStringLiteral("- %1 %2: %3\n").arg(c.size).arg(c.format, c.note);

    // The ledger view, from the round that ran it.
    for (const Config &c : configs) {
        const QJsonArray st = c.lastStages.value(QStringLiteral("stages")).toArray();
        bool any = false;
        for (const QJsonValue v : st)
            any = any || v.toObject().value(QStringLiteral("name")).toString().startsWith(QLatin1String("ui"));
        if (!any)
            continue;
        md += QStringLiteral("\nLedger view, %1 lines (%2 %3; %4):\n\n| operation | time |\n|---|---:|\n")
                  .arg(c.lastStages.value(QStringLiteral("lines")).toDouble(), 0, 'f', 0)
                  .arg(c.size)
                  .arg(c.format, c.lastStages.value(QStringLiteral("ui")).toString());
        for (const QJsonValue v : st) {
            const QString n = v.toObject().value(QStringLiteral("name")).toString();
            if (n.startsWith(QLatin1String("ui: ")))
                md += QStringLiteral("| %1 | %2 |\n").arg(n.mid(4), fmtS(v.toObject().value(QStringLiteral("s")).toDouble()));
            else if (n.startsWith(QLatin1String("ui alt: ")))
                md += QStringLiteral("| *the same, done differently (measured here, not in the product):* %1 | %2 |\n")
                          .arg(n.mid(8), fmtS(v.toObject().value(QStringLiteral("s")).toDouble()));
        }
    }
    // Mismatch classes, as a check that the peers did the same work.
    for (const Config &c : configs) {
        if (c.duckClasses.isEmpty())
            continue;
        md += QStringLiteral("\nKey/day cells by class (%1 %2): DuckDB ").arg(c.size).arg(c.format);
        QStringList parts;
        for (auto it = c.duckClasses.cbegin(); it != c.duckClasses.cend(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.key(), it.value());
        md += parts.join(QStringLiteral(", "));
        if (!c.sqliteClasses.isEmpty()) {
            parts.clear();
            for (auto it = c.sqliteClasses.cbegin(); it != c.sqliteClasses.cend(); ++it)
                parts << QStringLiteral("%1 %2").arg(it.key(), it.value());
            md += QStringLiteral("; sqlite3 ") + parts.join(QStringLiteral(", "));
        }
        md += QStringLiteral(".\n");
        break;
    }

    QFile out(outMd);
    if (out.open(QIODevice::WriteOnly))
        out.write(md.toUtf8());
    std::fputs(md.toUtf8().constData(), stdout);
    say(QStringLiteral("== results written to %1").arg(outMd));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const QString cmd = args.takeFirst();
    if (cmd == QLatin1String("generate"))
        return cmdGenerate(args);
    if (cmd == QLatin1String("stages"))
        return cmdStages(args);
    if (cmd == QLatin1String("run"))
        return cmdRun(args);
    std::fputs(kUsage, stderr);
    return 2;
}
