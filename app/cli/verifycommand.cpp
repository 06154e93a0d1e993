// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/packet/minisign.h"
#include "core/packet/packetverifier.h"

using namespace tl;

namespace tl::cli {

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

} // namespace tl::cli
