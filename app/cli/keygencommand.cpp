// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/packet/minisign.h"
#include "core/reconcile/resultwriter.h"

#include <QFile>
#include <QSaveFile>

using namespace tl;

namespace tl::cli {

int cmdKeygen(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("out"), QStringLiteral("passphrase-file")}, &a, &error) || !a.options.contains(QStringLiteral("out"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli keygen --out KEY [--passphrase-file FILE | --unencrypted]  (writes KEY and KEY.pub)") : error) << '\n';
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
    // The contract: --out KEY writes the secret key to KEY (mode 0600 before a byte is
    // written) and the public key to KEY.pub; neither is ever overwritten.
    const QString secretPath = a.options.value(QStringLiteral("out"));
    const QString publicPath = secretPath + QStringLiteral(".pub");
    for (const QString &p : {secretPath, publicPath}) {
        if (QFile::exists(p)) {
            err() << "tokenledger-cli: " << p << " exists; not overwriting a key\n";
            return 3;
        }
    }
    const Minisign::GeneratedKey k = Minisign::generate(pass, a.flags.contains(QStringLiteral("fast-kdf")) ? Minisign::KdfStrength::Interactive
                                                                                                       : Minisign::KdfStrength::Sensitive);
    QSaveFile secret(secretPath);
    if (!secret.open(QIODevice::WriteOnly) || !secret.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || secret.write(k.secretKeyText) != k.secretKeyText.size() || !secret.commit()) {
        err() << "tokenledger-cli: cannot write " << secretPath << ": " << secret.errorString() << '\n';
        return 3;
    }
    if (!ResultWriter::writeFile(publicPath, k.publicKeyText, &error)) {
        QFile::remove(secretPath);
        err() << "tokenledger-cli: " << error << '\n';
        return 3;
    }
    out() << "key id " << k.keyIdHex << "\nsecret key: " << secretPath << " (mode 0600)\npublic key: " << publicPath
          << " (publish it out of band: a key inside the packet proves nothing)\n";
    return 0;
}

} // namespace tl::cli
