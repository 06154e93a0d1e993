// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/clireport.h"
#include "app/cli/commands.h"
#include "app/cli/reconciledinput.h"
#include "core/packet/minisign.h"
#include "core/packet/packetexporter.h"
#include "core/packet/reviewrecord.h"
#include "core/store/workspacestore.h"
#include "core/util/sha256.h"
#include "core/util/timeutil.h"

#include <QFileInfo>

using namespace tl;

namespace tl::cli {

namespace {

const char kPacketUsage[] = "usage: tokenledger-cli packet JOB.json --key KEY.key --out DIR|PKT.zip [--signoff REVIEW.json] [--preparer NAME]\n"
                            "       tokenledger-cli --workspace W packet --run ID --key KEY.key --out DIR|PKT.zip [...]\n"
                            "       (passphrase: --passphrase-file FILE, - for standard input, or TOKENLEDGER_PASSPHRASE)";

} // namespace

int cmdPacket(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("out"),       QStringLiteral("key"),             QStringLiteral("signoff"),
                                  QStringLiteral("preparer"),  QStringLiteral("passphrase-file"), QStringLiteral("created-at"),
                                  QStringLiteral("run")};
    if (!parseArgs(args, valued, &a, &error) || (a.positional.size() != 1 && !a.options.contains(QStringLiteral("run")))
        || !a.options.contains(QStringLiteral("out")) || !a.options.contains(QStringLiteral("key"))) {
        err() << (error.isEmpty() ? QString::fromLatin1(kPacketUsage) : error) << '\n';
        return 3;
    }
    QByteArray keyText, pass;
    if (!readFile(a.options.value(QStringLiteral("key")), &keyText, &error) || !passphrase(a, &pass, &error))
        return fail(error);
    const MinisignSecretKey key = Minisign::loadSecretKey(keyText, pass, &error);
    if (!key.isValid())
        return fail(a.options.value(QStringLiteral("key")) + QStringLiteral(": ") + error);
    PacketOptions po;
    const QString outArg = a.options.value(QStringLiteral("out"));
    if (outArg.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
        po.outFile = outArg;
    else
        po.outDir = outArg;
    po.preparer = a.options.value(QStringLiteral("preparer"), qEnvironmentVariable("USER"));
    po.renderReport = pdfReportRenderer();
    if (a.options.contains(QStringLiteral("signoff"))) {
        QByteArray json;
        if (!readFile(a.options.value(QStringLiteral("signoff")), &json, &error)
            || !ReviewRecord::fromJson(json, QFileInfo(a.options.value(QStringLiteral("signoff"))).fileName(), &po.signoff, &error))
            return fail(error);
        po.signedOff = true;
    }
    if (a.options.contains(QStringLiteral("created-at"))) {
        const QByteArray t = a.options.value(QStringLiteral("created-at")).toUtf8();
        if (!timeutil::parseTimestamp(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), nullptr, &po.createdAt, &error))
            return fail(QStringLiteral("--created-at: ") + error);
    }
    ReconciledInput in;
    if (!loadReconciled(a, true, &in, &error))
        return fail(error);
    QString packetId;
    const QString path = PacketExporter::write(in.job, in.set, in.result, key, po, &error, &packetId);
    if (path.isEmpty())
        return fail(error);
    out() << path << '\n'
          << "decision: " << decisionName(in.result.decision) << (in.result.provisional ? " (provisional)" : "")
          << (po.signedOff ? "" : " (not signed off)") << '\n';
    if (in.runId > 0) {
        // The workspace remembers what left it: the packet of the run and the sign-off it carries.
        WorkspaceStore ws;
        if (!ws.open(g_workspace, &error)
            || !ws.addPacket(packetId, in.runId, Sha256::fileHex(path), key.publicKey().keyIdHex(), &error)
            || (po.signedOff
                && !ws.addSignoff(in.runId, po.signoff.value(QStringLiteral("reviewer_role")), po.signoff.value(QStringLiteral("reviewer")),
                                  po.signoff.value(QStringLiteral("decision")), po.signoff.value(QStringLiteral("notes")), &error)))
            err() << "tokenledger-cli: note: the packet is written but not recorded in the workspace: " << error << '\n';
    }
    return 0;
}

} // namespace tl::cli
