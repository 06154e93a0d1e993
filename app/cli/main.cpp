// SPDX-License-Identifier: Apache-2.0
// tokenledger-cli: the command line over the core. Every command is a thin call into core/.
#include "core/demo/demoworkspace.h"
#include "core/import/formatregistry.h"
#include "core/import/importer.h"
#include "core/packet/minisign.h"
#include "core/packet/packetexporter.h"
#include "core/packet/packetverifier.h"
#include "core/packet/reviewrecord.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/reconcile/resultwriter.h"
#include "core/store/workspacestore.h"
#include "core/util/timeutil.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonDocument>
#include <QStringList>
#include <QTextStream>

#include <cstdio>

using namespace tl;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

const char kUsage[] =
    "usage: tokenledger-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  reconcile JOB.json --out DIR   run a reconciliation job; writes summary.json, lines.csv,\n"
    "                                 variance.csv, exclusions.csv and counts.csv into DIR\n"
    "                                 exit 0 pass, 1 warn, 2 fail, 3 the job could not run\n"
    "  import FILE --kind KIND [--format FORMAT] [--assume-tz ZONE] [--day-tz ZONE]\n"
    "         [--observed-at UTC] [--quota-per-usd N] [--ratio R] [--json]\n"
    "                                 import one file and print its import report\n"
    "                                 exit 0 clean, 1 rows quarantined, 3 rejected\n"
    "  packet JOB.json --out DIR --key KEY.key [--signoff REVIEW.json] [--preparer NAME]\n"
    "                                 reconcile and write a signed packet DIR/PKT-<account>-<period>-<seq>.zip\n"
    "                                 (passphrase from TOKENLEDGER_PASSPHRASE or --passphrase-file)\n"
    "  verify PACKET.zip --pubkey KEY.pub\n"
    "                                 verify a packet: signature, manifests, no missing or extra file\n"
    "                                 exit 0 only when all hold\n"
    "  keygen --out BASE [--unencrypted]\n"
    "                                 make a minisign key pair BASE.key (scrypt-protected) and BASE.pub\n"
    "  demo DIR [--seed N]            write the demo workspace (a realistic month) and its job.json\n"
    "  formats                        list the formats the importers read\n"
    "  version                        print the version\n"
    "\n"
    "workspace commands (--workspace PATH.tlw or postgresql://user@host:port/db, anywhere on the line):\n"
    "  periods list | create --label L --start UTC --end UTC --account A [--currency USD] [--controls JOB.json]\n"
    "          | freeze LABEL           the periods; a frozen period takes no new inputs\n"
    "  import FILE --kind KIND --period L [options as above]\n"
    "                                 import into the workspace (stored bytes + report, one transaction)\n"
    "  reconcile --period L [--out DIR]\n"
    "                                 reconcile the period's stored inputs; stores the run\n"
    "  runs list [--period L] | show ID [--job] | rerun ID\n"
    "  evidence list | add --file ENTRY.json | edit ID --field F --value V --expect-version N\n"
    "           | export FILE.csv | due [--days N] [--as-of YYYY-MM-DD] | history ID\n";

QString g_workspace; ///< --workspace PATH_OR_URL (anywhere on the command line)
int cmdReconcileWorkspace(const QStringList &args);

struct Args
{
    QStringList positional;
    QHash<QString, QString> options;
    QSet<QString> flags;
};

bool parseArgs(const QStringList &args, const QSet<QString> &valueOptions, Args *a, QString *error)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &s = args[i];
        if (s.startsWith(QLatin1String("--"))) {
            QString name = s.mid(2);
            QString value;
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
                a->options.insert(name, value);
                continue;
            }
            if (valueOptions.contains(name)) {
                if (i + 1 >= args.size()) {
                    *error = QStringLiteral("option --%1 needs a value").arg(name);
                    return false;
                }
                a->options.insert(name, args[++i]);
            } else {
                a->flags.insert(name);
            }
        } else {
            a->positional << s;
        }
    }
    return true;
}

int cmdReconcile(const QStringList &args)
{
    Args a;
    QString error;
    if (!g_workspace.isEmpty())
        return cmdReconcileWorkspace(args);
    if (!parseArgs(args, {QStringLiteral("out")}, &a, &error) || a.positional.size() != 1 || !a.options.contains(QStringLiteral("out"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli reconcile JOB.json --out DIR") : error) << '\n';
        return 3;
    }
    {
        const Job job = Job::load(a.positional[0]);
        LedgerSet set;
        JobRunner::load(job, set);
        const ReconcileResult result = Reconciler::run(job, set);
        if (!ResultWriter::writeAll(result, set, a.options.value(QStringLiteral("out")), &error)) {
            err() << "tokenledger-cli: " << error << '\n';
            return 3;
        }
        out() << "decision: " << decisionName(result.decision) << '\n';
        out() << "estimated billable: " << result.estimatedBillable.toString() << ' ' << result.period.currency << '\n';
        out() << "provider reported:  " << (result.providerReported.known ? result.providerReported.value.toString() : QStringLiteral("null")) << '\n';
        out() << "variance:           " << (result.variance.known ? result.variance.value.toString() : QStringLiteral("null")) << '\n';
        for (const DecisionReason &r : result.reasons)
            out() << "  " << decisionName(r.level) << ' ' << r.code << ": " << r.detail << '\n';
        return static_cast<int>(result.decision);
    }
}

int cmdImport(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("kind"), QStringLiteral("format"), QStringLiteral("assume-tz"),
                                  QStringLiteral("day-tz"), QStringLiteral("observed-at"), QStringLiteral("quota-per-usd"),
                                  QStringLiteral("ratio"), QStringLiteral("snapshot-id"), QStringLiteral("account-ref"), QStringLiteral("period")};
    if (!parseArgs(args, valued, &a, &error) || a.positional.size() != 1 || !a.options.contains(QStringLiteral("kind"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli import FILE --kind KIND [--format FORMAT] [--json]") : error) << '\n';
        return 3;
    }
    ImportOptions o;
    const QByteArray kind = a.options.value(QStringLiteral("kind")).toUtf8();
    if (!parseLedgerKind(std::string_view(kind.constData(), static_cast<std::size_t>(kind.size())), &o.kind)) {
        err() << "tokenledger-cli: unknown kind '" << a.options.value(QStringLiteral("kind"))
              << "' (client, gateway, provider, finance, invoice, prices, mapping, owners, policy, evidence, units)\n";
        return 3;
    }
    o.format = a.options.value(QStringLiteral("format"));
    o.assumeTz = a.options.value(QStringLiteral("assume-tz"));
    if (a.options.contains(QStringLiteral("day-tz")))
        o.dayTz = a.options.value(QStringLiteral("day-tz"));
    o.snapshotId = a.options.value(QStringLiteral("snapshot-id"));
    o.accountRef = a.options.value(QStringLiteral("account-ref"));
    auto decimalOption = [&](const QString &name, Decimal *outValue) {
        const QByteArray t = a.options.value(name).toUtf8();
        const auto r = Decimal::parse(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), outValue);
        if (!r.ok)
            err() << "tokenledger-cli: --" << name << ": " << r.error << '\n';
        return r.ok;
    };
    if (a.options.contains(QStringLiteral("quota-per-usd")) && !decimalOption(QStringLiteral("quota-per-usd"), &o.quotaPerUsd))
        return 3;
    if (a.options.contains(QStringLiteral("ratio"))) {
        if (!decimalOption(QStringLiteral("ratio"), &o.upstreamRatio.value))
            return 3;
        o.upstreamRatio.known = true;
    }
    if (a.options.contains(QStringLiteral("observed-at"))) {
        const QByteArray t = a.options.value(QStringLiteral("observed-at")).toUtf8();
        QString why;
        if (!timeutil::parseTimestamp(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), nullptr, &o.observedAt, &why)) {
            err() << "tokenledger-cli: --observed-at: " << why << '\n';
            return 3;
        }
    }
    if (!g_workspace.isEmpty()) {
        if (!a.options.contains(QStringLiteral("period"))) {
            err() << "tokenledger-cli: import into a workspace needs --period LABEL\n";
            return 3;
        }
        WorkspaceStore ws;
        ImportReport r;
        if (!ws.open(g_workspace, &error) || !ws.importFile(a.options.value(QStringLiteral("period")), a.positional[0], o, &r, &error)) {
            err() << "tokenledger-cli: " << error << '\n';
            return 3;
        }
        if (a.flags.contains(QStringLiteral("json")))
            out() << QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented));
        else
            out() << r.toText();
        out() << "stored in period " << a.options.value(QStringLiteral("period")) << " as " << r.sha256Stored << '\n';
        return r.quarantinedTotal() > 0 ? 1 : 0;
    }
    {
        LedgerSet set;
        const ImportReport r = Importer::importFile(a.positional[0], o, set);
        if (a.flags.contains(QStringLiteral("json")))
            out() << QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented));
        else
            out() << r.toText();
        return r.quarantinedTotal() > 0 ? 1 : 0;
    }
}

bool readFile(const QString &path, QByteArray *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    *out = f.readAll();
    return true;
}

// The passphrase: TOKENLEDGER_PASSPHRASE, or the first line of --passphrase-file.
bool passphrase(const Args &a, QByteArray *out, QString *error)
{
    if (a.options.contains(QStringLiteral("passphrase-file"))) {
        QByteArray text;
        if (!readFile(a.options.value(QStringLiteral("passphrase-file")), &text, error))
            return false;
        *out = text.split('\n').value(0);
        if (out->endsWith('\r'))
            out->chop(1);
        return true;
    }
    *out = qgetenv("TOKENLEDGER_PASSPHRASE");
    return true;
}

int cmdKeygen(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("out"), QStringLiteral("passphrase-file")}, &a, &error) || !a.options.contains(QStringLiteral("out"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli keygen --out BASE [--unencrypted]") : error) << '\n';
        return 3;
    }
    QByteArray pass;
    if (!a.flags.contains(QStringLiteral("unencrypted"))) {
        if (!passphrase(a, &pass, &error)) {
            err() << "tokenledger-cli: " << error << '\n';
            return 3;
        }
        if (pass.isEmpty()) {
            err() << "tokenledger-cli: give a passphrase in TOKENLEDGER_PASSPHRASE or --passphrase-file, or use --unencrypted\n";
            return 3;
        }
    }
    const QString base = a.options.value(QStringLiteral("out"));
    if (QFile::exists(base + QStringLiteral(".key"))) {
        err() << "tokenledger-cli: " << base << ".key exists; not overwriting a secret key\n";
        return 3;
    }
    const Minisign::GeneratedKey k = Minisign::generate(pass, a.flags.contains(QStringLiteral("fast-kdf")) ? Minisign::KdfStrength::Interactive
                                                                                                       : Minisign::KdfStrength::Sensitive);
    if (!ResultWriter::writeFile(base + QStringLiteral(".key"), k.secretKeyText, &error)
        || !ResultWriter::writeFile(base + QStringLiteral(".pub"), k.publicKeyText, &error)) {
        err() << "tokenledger-cli: " << error << '\n';
        return 3;
    }
    QFile::setPermissions(base + QStringLiteral(".key"), QFile::ReadOwner | QFile::WriteOwner);
    out() << "key id " << k.keyIdHex << "\nsecret key: " << base << ".key\npublic key: " << base
          << ".pub (publish it out of band: a key inside the packet proves nothing)\n";
    return 0;
}

int cmdPacket(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("out"), QStringLiteral("key"), QStringLiteral("signoff"), QStringLiteral("preparer"),
                                  QStringLiteral("passphrase-file"), QStringLiteral("created-at")};
    if (!parseArgs(args, valued, &a, &error) || a.positional.size() != 1 || !a.options.contains(QStringLiteral("out"))
        || !a.options.contains(QStringLiteral("key"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli packet JOB.json --out DIR --key KEY.key [--signoff REVIEW.json] [--preparer NAME]") : error) << '\n';
        return 3;
    }
    QByteArray keyText, pass;
    if (!readFile(a.options.value(QStringLiteral("key")), &keyText, &error) || !passphrase(a, &pass, &error)) {
        err() << "tokenledger-cli: " << error << '\n';
        return 3;
    }
    const MinisignSecretKey key = Minisign::loadSecretKey(keyText, pass, &error);
    if (!key.isValid()) {
        err() << "tokenledger-cli: " << a.options.value(QStringLiteral("key")) << ": " << error << '\n';
        return 3;
    }
    PacketOptions po;
    po.outDir = a.options.value(QStringLiteral("out"));
    po.preparer = a.options.value(QStringLiteral("preparer"), qEnvironmentVariable("USER"));
    if (a.options.contains(QStringLiteral("signoff"))) {
        QByteArray json;
        if (!readFile(a.options.value(QStringLiteral("signoff")), &json, &error)
            || !ReviewRecord::fromJson(json, QFileInfo(a.options.value(QStringLiteral("signoff"))).fileName(), &po.signoff, &error)) {
            err() << "tokenledger-cli: " << error << '\n';
            return 3;
        }
        po.signedOff = true;
    }
    if (a.options.contains(QStringLiteral("created-at"))) {
        const QByteArray t = a.options.value(QStringLiteral("created-at")).toUtf8();
        if (!timeutil::parseTimestamp(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), nullptr, &po.createdAt, &error)) {
            err() << "tokenledger-cli: --created-at: " << error << '\n';
            return 3;
        }
    }
    {
        const Job job = Job::load(a.positional[0]);
        LedgerSet set;
        JobRunner::load(job, set, true);
        const ReconcileResult result = Reconciler::run(job, set);
        const QString path = PacketExporter::write(job, set, result, key, po, &error);
        if (path.isEmpty()) {
            err() << "tokenledger-cli: " << error << '\n';
            return 3;
        }
        out() << path << '\n' << "decision: " << decisionName(result.decision) << (po.signedOff ? "" : " (not signed off)") << '\n';
        return 0;
    }
}

int cmdVerify(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("pubkey")}, &a, &error) || a.positional.size() != 1 || !a.options.contains(QStringLiteral("pubkey"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli verify PACKET.zip --pubkey KEY.pub") : error) << '\n';
        return 3;
    }
    QByteArray pubText;
    MinisignPublicKey pub;
    if (!readFile(a.options.value(QStringLiteral("pubkey")), &pubText, &error) || !Minisign::loadPublicKey(pubText, &pub, &error)) {
        err() << "tokenledger-cli: " << a.options.value(QStringLiteral("pubkey")) << ": " << error << '\n';
        return 3;
    }
    const PacketVerification v = PacketVerifier::verifyZip(a.positional[0], pub);
    for (const QString &c : v.checks)
        out() << "ok   " << c << '\n';
    if (!v.ok) {
        out() << "FAIL " << v.firstFailure << '\n';
        err() << "tokenledger-cli: verification failed: " << v.firstFailure << '\n';
        return 2;
    }
    out() << "verified " << v.packetId << ": " << v.payloadFiles << " payload files, " << v.payloadBytes << " bytes\n";
    return 0;
}

int cmdDemo(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("seed")}, &a, &error) || a.positional.size() != 1) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli demo DIR [--seed N]") : error) << '\n';
        return 3;
    }
    bool ok = true;
    const quint32 seed = a.options.contains(QStringLiteral("seed")) ? a.options.value(QStringLiteral("seed")).toUInt(&ok) : 20260531u;
    if (!ok) {
        err() << "tokenledger-cli: --seed expects a non-negative integer\n";
        return 3;
    }
    if (!DemoWorkspace::write(a.positional[0], seed, &error)) {
        err() << "tokenledger-cli: " << error << '\n';
        return 3;
    }
    out() << "demo workspace written to " << a.positional[0] << "; run: tokenledger-cli reconcile " << a.positional[0] << "/job.json --out OUT\n";
    return 0;
}

int cmdFormats()
{
    out() << QStringLiteral("%1  %2  %3  %4\n").arg(QStringLiteral("format id"), -26).arg(QStringLiteral("§"), -4).arg(QStringLiteral("kinds"), -16).arg(QStringLiteral("description"));
    for (const FormatInfo &f : FormatRegistry::all()) {
        QStringList kinds;
        for (LedgerKind k : f.kinds)
            kinds << QString::fromLatin1(ledgerKindName(k));
        out() << QStringLiteral("%1  %2  %3  %4\n").arg(f.id, -26).arg(f.section, -4).arg(kinds.join(QLatin1Char(',')), -16).arg(f.description);
    }
    return 0;
}



bool openWorkspace(WorkspaceStore &ws)
{
    if (g_workspace.isEmpty()) {
        err() << "tokenledger-cli: this command needs --workspace PATH.tlw or a postgresql:// URL\n";
        return false;
    }
    QString error;
    if (!ws.open(g_workspace, &error)) {
        err() << "tokenledger-cli: " << error << '\n';
        return false;
    }
    return true;
}

int fail(const QString &error)
{
    err() << "tokenledger-cli: " << error << '\n';
    return 3;
}

int cmdReconcileWorkspace(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("out"), QStringLiteral("period")}, &a, &error) || !a.options.contains(QStringLiteral("period")))
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W reconcile --period L [--out DIR]") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    const qint64 id = ws.runReconciliation(a.options.value(QStringLiteral("period")), &error, a.options.value(QStringLiteral("out")));
    if (id <= 0)
        return fail(error);
    StoredRun r;
    if (!ws.run(id, &r, &error))
        return fail(error);
    out() << "run " << id << " stored; decision: " << r.decision << '\n';
    const QJsonObject cost = QJsonDocument::fromJson(r.summaryJson).object().value(QLatin1String("cost")).toObject();
    out() << "estimated billable: " << cost.value(QLatin1String("estimated_billable")).toString() << '\n';
    out() << "provider reported:  " << cost.value(QLatin1String("provider_reported")).toString(QStringLiteral("null")) << '\n';
    out() << "variance:           " << cost.value(QLatin1String("variance")).toString(QStringLiteral("null")) << '\n';
    for (const QJsonValue &v : QJsonDocument::fromJson(r.summaryJson).object().value(QLatin1String("reasons")).toArray()) {
        const QJsonObject o = v.toObject();
        out() << "  " << o.value(QLatin1String("level")).toString() << ' ' << o.value(QLatin1String("code")).toString() << ": "
              << o.value(QLatin1String("detail")).toString() << '\n';
    }
    return r.decision == QLatin1String("pass") ? 0 : r.decision == QLatin1String("warn") ? 1 : 2;
}

int cmdPeriods(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("label"), QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("account"),
                                  QStringLiteral("currency"), QStringLiteral("controls")};
    if (!parseArgs(args, valued, &a, &error) || a.positional.isEmpty())
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W periods list|create|freeze") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    const QString sub = a.positional[0];
    if (sub == QLatin1String("list")) {
        for (const StoredPeriod &p : ws.periods(&error))
            out() << p.label << '\t' << p.startUtc << '\t' << p.endUtc << '\t' << p.accountRef << '\t' << p.currency << '\t'
                  << (p.frozen() ? QStringLiteral("frozen %1").arg(p.frozenAt) : QStringLiteral("open")) << '\t'
                  << ws.inputs(p.label).size() << " input(s)\n";
        return error.isEmpty() ? 0 : fail(error);
    }
    if (sub == QLatin1String("create")) {
        StoredPeriod p;
        p.label = a.options.value(QStringLiteral("label"));
        p.startUtc = a.options.value(QStringLiteral("start"));
        p.endUtc = a.options.value(QStringLiteral("end"));
        p.accountRef = a.options.value(QStringLiteral("account"));
        p.currency = a.options.value(QStringLiteral("currency"), QStringLiteral("USD"));
        if (p.label.isEmpty() || p.startUtc.isEmpty() || p.endUtc.isEmpty() || p.accountRef.isEmpty())
            return fail(QStringLiteral("usage: periods create --label L --start UTC --end UTC --account A [--currency USD] [--controls JOB.json]"));
        if (a.options.contains(QStringLiteral("controls"))) {
            QByteArray bytes;
            if (!readFile(a.options.value(QStringLiteral("controls")), &bytes, &error))
                return fail(error);
            const QJsonObject o = QJsonDocument::fromJson(bytes).object();
            p.controls = o.contains(QLatin1String("controls")) ? o.value(QLatin1String("controls")).toObject() : o;
        }
        if (!ws.createPeriod(p, &error))
            return fail(error);
        out() << "period " << p.label << " created\n";
        return 0;
    }
    if (sub == QLatin1String("freeze") && a.positional.size() == 2) {
        if (!ws.freezePeriod(a.positional[1], &error))
            return fail(error);
        out() << "period " << a.positional[1] << " frozen\n";
        return 0;
    }
    return fail(QStringLiteral("usage: tokenledger-cli --workspace W periods list|create|freeze LABEL"));
}

int cmdRuns(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("period")}, &a, &error) || a.positional.isEmpty())
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W runs list|show ID|rerun ID") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    const QString sub = a.positional[0];
    if (sub == QLatin1String("list")) {
        for (const StoredRun &r : ws.runs(a.options.value(QStringLiteral("period")), &error))
            out() << r.id << '\t' << r.periodLabel << '\t' << r.createdAt << '\t' << r.decision << '\t' << r.inputHashes.size()
                  << " input(s)" << (r.rerunOf ? QStringLiteral("\trerun of %1").arg(r.rerunOf) : QString()) << '\n';
        return error.isEmpty() ? 0 : fail(error);
    }
    if ((sub == QLatin1String("show") || sub == QLatin1String("rerun")) && a.positional.size() == 2) {
        bool ok = false;
        qint64 id = a.positional[1].toLongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("expected a run id, got '%1'").arg(a.positional[1]));
        if (sub == QLatin1String("rerun")) {
            const qint64 again = ws.rerun(id, &error);
            if (again <= 0)
                return fail(error);
            StoredRun a0, a1;
            ws.run(id, &a0, &error);
            ws.run(again, &a1, &error);
            out() << "run " << again << " (rerun of " << id << "): summary.json "
                  << (a0.summaryJson == a1.summaryJson ? "identical" : "DIFFERS") << '\n';
            return a0.summaryJson == a1.summaryJson ? 0 : 2;
        }
        StoredRun r;
        if (!ws.run(id, &r, &error))
            return fail(error);
        if (a.flags.contains(QStringLiteral("job"))) {
            out() << QString::fromUtf8(r.jobJson);
            return 0;
        }
        out() << QString::fromUtf8(r.summaryJson);
        return 0;
    }
    return fail(QStringLiteral("usage: tokenledger-cli --workspace W runs list|show ID|rerun ID"));
}

int cmdEvidence(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("file"), QStringLiteral("field"), QStringLiteral("value"),
                                  QStringLiteral("expect-version"), QStringLiteral("days"), QStringLiteral("as-of"), QStringLiteral("user")};
    if (!parseArgs(args, valued, &a, &error) || a.positional.isEmpty())
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W evidence list|add|edit|export|due|history") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    if (a.options.contains(QStringLiteral("user")))
        ws.setUser(a.options.value(QStringLiteral("user")));
    const QString sub = a.positional[0];
    auto print = [](const std::vector<StoredEvidence> &list) {
        for (const StoredEvidence &s : list)
            out() << s.entry.evidenceId << '\t' << WorkspaceStore::evidenceField(s.entry, QStringLiteral("status")) << '\t'
                  << WorkspaceStore::evidenceField(s.entry, QStringLiteral("next_review_on")) << '\t' << s.entry.owner << "\tv"
                  << s.rowVersion << '\t' << s.entry.assumption << '\n';
    };
    if (sub == QLatin1String("list")) {
        print(ws.evidence(&error));
        return error.isEmpty() ? 0 : fail(error);
    }
    if (sub == QLatin1String("add")) {
        QByteArray bytes;
        if (!a.options.contains(QStringLiteral("file")) || !readFile(a.options.value(QStringLiteral("file")), &bytes, &error))
            return fail(error.isEmpty() ? QStringLiteral("usage: evidence add --file ENTRY.json") : error);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
        if (pe.error != QJsonParseError::NoError)
            return fail(QStringLiteral("%1: not valid JSON: %2").arg(a.options.value(QStringLiteral("file")), pe.errorString()));
        QJsonArray list = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
        for (const QJsonValue &v : list) {
            EvidenceEntry e;
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                if (!WorkspaceStore::setEvidenceField(e, it.key(), it.value().toVariant().toString(), &error))
                    return fail(error);
            if (!ws.addEvidence(e, &error))
                return fail(error);
            out() << "evidence " << e.evidenceId << " added (row version 1)\n";
        }
        return 0;
    }
    if (sub == QLatin1String("edit") && a.positional.size() == 2) {
        bool ok = false;
        const qint64 v = a.options.value(QStringLiteral("expect-version")).toLongLong(&ok);
        if (!ok || !a.options.contains(QStringLiteral("field")) || !a.options.contains(QStringLiteral("value")))
            return fail(QStringLiteral("usage: evidence edit ID --field F --value V --expect-version N"));
        if (!ws.editEvidence(a.positional[1], a.options.value(QStringLiteral("field")), a.options.value(QStringLiteral("value")), v, &error))
            return fail(error);
        out() << "evidence " << a.positional[1] << " updated (row version " << v + 1 << ")\n";
        return 0;
    }
    if (sub == QLatin1String("history") && a.positional.size() == 2) {
        for (const EvidenceChange &c : ws.evidenceHistory(a.positional[1], &error))
            out() << c.changedAt << '\t' << c.changedBy << '\t' << c.field << '\t' << c.oldValue << " -> " << c.newValue << '\n';
        return error.isEmpty() ? 0 : fail(error);
    }
    if (sub == QLatin1String("export") && a.positional.size() == 2) {
        const QByteArray csv = ws.evidenceCsv(&error);
        if (!error.isEmpty())
            return fail(error);
        if (a.positional[1] == QLatin1String("-")) {
            out() << QString::fromUtf8(csv);
            return 0;
        }
        if (!ResultWriter::writeFile(a.positional[1], csv, &error))
            return fail(error);
        out() << "evidence register written to " << a.positional[1] << '\n';
        return 0;
    }
    if (sub == QLatin1String("due")) {
        const int days = a.options.value(QStringLiteral("days"), QStringLiteral("0")).toInt();
        QDate asOf = QDate::currentDate();
        if (a.options.contains(QStringLiteral("as-of"))) {
            asOf = QDate::fromString(a.options.value(QStringLiteral("as-of")), Qt::ISODate);
            if (!asOf.isValid())
                return fail(QStringLiteral("--as-of: expected YYYY-MM-DD"));
        }
        print(ws.dueEvidence(asOf, days, &error));
        return error.isEmpty() ? 0 : fail(error);
    }
    return fail(QStringLiteral("usage: tokenledger-cli --workspace W evidence list|add --file F|edit ID ...|export CSV|due [--days N]|history ID"));
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenledger-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENLEDGER_VERSION));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args[0] == QLatin1String("--help") || args[0] == QLatin1String("-h") || args[0] == QLatin1String("help")) {
        out() << kUsage;
        return args.isEmpty() ? 3 : 0;
    }
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--workspace") && i + 1 < args.size()) {
            g_workspace = args[i + 1];
            args.remove(i, 2);
            break;
        }
        if (args[i].startsWith(QLatin1String("--workspace="))) {
            g_workspace = args[i].mid(12);
            args.remove(i);
            break;
        }
    }
    if (args.isEmpty()) {
        out() << kUsage;
        return 3;
    }
    const QString cmd = args.takeFirst();
    int rc = 3;
    // One place turns the core's errors (ImportError names file, line and column) into exit 3.
    try {
        if (cmd == QLatin1String("reconcile"))
            rc = cmdReconcile(args);
        else if (cmd == QLatin1String("import"))
            rc = cmdImport(args);
        else if (cmd == QLatin1String("packet"))
            rc = cmdPacket(args);
        else if (cmd == QLatin1String("verify"))
            rc = cmdVerify(args);
        else if (cmd == QLatin1String("keygen"))
            rc = cmdKeygen(args);
        else if (cmd == QLatin1String("demo"))
            rc = cmdDemo(args);
        else if (cmd == QLatin1String("periods"))
            rc = cmdPeriods(args);
        else if (cmd == QLatin1String("runs"))
            rc = cmdRuns(args);
        else if (cmd == QLatin1String("evidence"))
            rc = cmdEvidence(args);
        else if (cmd == QLatin1String("formats"))
            rc = cmdFormats();
        else if (cmd == QLatin1String("version") || cmd == QLatin1String("--version")) {
            out() << "tokenledger " << TOKENLEDGER_VERSION << " (" << TOKENLEDGER_COMMIT << ")\n";
            rc = 0;
        } else {
            err() << "tokenledger-cli: unknown command '" << cmd << "'\n" << kUsage;
            rc = 3;
        }
    } catch (const std::exception &e) {
        err() << "tokenledger-cli: " << QString::fromUtf8(e.what()) << '\n';
        rc = 3;
    }
    out().flush();
    err().flush();
    return rc;
}
