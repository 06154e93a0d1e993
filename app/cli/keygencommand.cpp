// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/packet/minisign.h"
#include "core/reconcile/resultwriter.h"

#include <QFile>

using namespace tl;

namespace tl::cli {

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

} // namespace tl::cli
