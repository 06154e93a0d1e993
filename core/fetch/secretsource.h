// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace tl {

/**
 * Where a fetch credential (CometAPI query key, new-api access token) comes from: a file or
 * the system keychain, never the command line (it would show in `ps` and shell history).
 *
 * A file holds the secret on its first non-empty line; surrounding white space and a CR are
 * dropped, and the path `-` reads standard input. A file others can read is accepted with a
 * warning. The keychain is the freedesktop Secret Service through libsecret's `secret-tool`:
 * `secret-tool lookup service tokenledger account NAME`, stored beforehand with
 * `secret-tool store --label=… service tokenledger account NAME`. Errors never quote the secret.
 */
class SecretSource
{
public:
    static bool readFile(const QString &path, QByteArray *secret, QString *warning, QString *error);
    static bool readKeychain(const QString &account, QByteArray *secret, QString *error);
    /** The checks a secret must pass wherever it came from: not empty, one line, no spaces. */
    static bool validate(const QByteArray &secret, const QString &origin, QString *error);
};

} // namespace tl
