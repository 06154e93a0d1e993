// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/secretsource.h"

#include <QFile>
#include <QFileDevice>
#include <QProcess>
#include <QStandardPaths>

#include <cstdio>

namespace tl {

namespace {

QByteArray firstLine(const QByteArray &text)
{
    for (QByteArray line : text.split('\n')) {
        line = line.trimmed();
        if (!line.isEmpty())
            return line;
    }
    return QByteArray();
}

} // namespace

bool SecretSource::validate(const QByteArray &secret, const QString &origin, QString *error)
{
    if (secret.isEmpty()) {
        *error = QStringLiteral("%1: no key in it (expected the key on the first line)").arg(origin);
        return false;
    }
    for (const char c : secret) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) {
            *error = QStringLiteral("%1: the key contains white space or a control character (expected one key on one line)").arg(origin);
            return false;
        }
    }
    return true;
}

bool SecretSource::readFile(const QString &path, QByteArray *secret, QString *warning, QString *error)
{
    QFile f;
    QByteArray text;
    if (path == QLatin1String("-")) {
        if (!f.open(stdin, QIODevice::ReadOnly)) {
            *error = QStringLiteral("standard input: cannot read the key");
            return false;
        }
        text = f.readLine(64 * 1024);
    } else {
        f.setFileName(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot read the key file: %2").arg(path, f.errorString());
            return false;
        }
        text = f.read(64 * 1024);
        const QFileDevice::Permissions p = f.permissions();
        if (warning && (p & (QFileDevice::ReadGroup | QFileDevice::ReadOther)))
            *warning = QStringLiteral("%1: the key file can be read by other users (chmod 600 it)").arg(path);
    }
    *secret = firstLine(text);
    return validate(*secret, path == QLatin1String("-") ? QStringLiteral("standard input") : path, error);
}

bool SecretSource::readKeychain(const QString &account, QByteArray *secret, QString *error)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (tool.isEmpty()) {
        *error = QStringLiteral("keychain: secret-tool (libsecret-tools) is not installed; use a key file instead");
        return false;
    }
    QProcess p;
    p.start(tool, {QStringLiteral("lookup"), QStringLiteral("service"), QStringLiteral("tokenledger"), QStringLiteral("account"), account});
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(1000);
        *error = QStringLiteral("keychain: secret-tool did not answer (is the keyring unlocked?)");
        return false;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("keychain: no secret stored for service tokenledger, account %1 "
                                "(store one with: secret-tool store --label='TokenLedger %1' service tokenledger account %1)")
                     .arg(account);
        return false;
    }
    *secret = firstLine(p.readAllStandardOutput());
    return validate(*secret, QStringLiteral("keychain account %1").arg(account), error);
}

} // namespace tl
