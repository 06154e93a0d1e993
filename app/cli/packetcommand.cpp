// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/packet/minisign.h"
#include "core/packet/packetexporter.h"
#include "core/packet/reviewrecord.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/util/timeutil.h"

#include <QFileInfo>

using namespace tl;

namespace tl::cli {

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

} // namespace tl::cli
