// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace tl {

/**
 * Remembers a signing key's passphrase in the system keychain (qtkeychain: Secret Service,
 * KWallet, macOS Keychain, Windows Credential Store), keyed by the key file's absolute path.
 * Off by default: nothing is read or stored unless the user turned the setting on (QSettings
 * "packet/rememberPassphrase"). A build without qtkeychain has it unavailable. Keychain errors
 * (no keychain service, locked, denied) are not fatal: the user types the passphrase.
 */
class PassphraseKeychain : public QObject
{
    Q_OBJECT

public:
    explicit PassphraseKeychain(QObject *parent = nullptr);

    /** Built with qtkeychain. */
    static bool available();
    static bool enabled();
    static void setEnabled(bool on);

    /** Reads the remembered passphrase; done gets an empty string when there is none or on error. */
    void read(const QString &keyFile, std::function<void(const QString &passphrase)> done);
    void write(const QString &keyFile, const QString &passphrase);
    void forget(const QString &keyFile);

private:
    static QString entryName(const QString &keyFile);
};

} // namespace tl
