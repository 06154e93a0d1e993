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
#include "core/util/timeutil.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
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
    "  version                        print the version\n";

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
    if (!parseArgs(args, {QStringLiteral("out")}, &a, &error) || a.positional.size() != 1 || !a.options.contains(QStringLiteral("out"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli reconcile JOB.json --out DIR") : error) << '\n';
        return 3;
    }
    try {
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
    } catch (const ImportError &e) {
        err() << "tokenledger-cli: " << e.toString() << '\n';
        return 3;
    } catch (const ReconcileError &e) {
        err() << "tokenledger-cli: " << e.message() << '\n';
        return 3;
    } catch (const std::exception &e) {
        err() << "tokenledger-cli: " << QString::fromUtf8(e.what()) << '\n';
        return 3;
    }
}

int cmdImport(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("kind"), QStringLiteral("format"), QStringLiteral("assume-tz"),
                                  QStringLiteral("day-tz"), QStringLiteral("observed-at"), QStringLiteral("quota-per-usd"),
                                  QStringLiteral("ratio"), QStringLiteral("snapshot-id"), QStringLiteral("account-ref")};
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
    try {
        LedgerSet set;
        const ImportReport r = Importer::importFile(a.positional[0], o, set);
        if (a.flags.contains(QStringLiteral("json")))
            out() << QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented));
        else
            out() << r.toText();
        return r.quarantinedTotal() > 0 ? 1 : 0;
    } catch (const ImportError &e) {
        err() << "tokenledger-cli: " << e.toString() << '\n';
        return 3;
    } catch (const std::exception &e) {
        err() << "tokenledger-cli: " << QString::fromUtf8(e.what()) << '\n';
        return 3;
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
    try {
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
    } catch (const ImportError &e) {
        err() << "tokenledger-cli: " << e.toString() << '\n';
        return 3;
    } catch (const std::exception &e) {
        err() << "tokenledger-cli: " << QString::fromUtf8(e.what()) << '\n';
        return 3;
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
    const QString cmd = args.takeFirst();
    int rc = 3;
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
    else if (cmd == QLatin1String("formats"))
        rc = cmdFormats();
    else if (cmd == QLatin1String("version") || cmd == QLatin1String("--version")) {
        out() << "tokenledger " << TOKENLEDGER_VERSION << " (" << TOKENLEDGER_COMMIT << ")\n";
        rc = 0;
    } else {
        err() << "tokenledger-cli: unknown command '" << cmd << "'\n" << kUsage;
        rc = 3;
    }
    out().flush();
    err().flush();
    return rc;
}
