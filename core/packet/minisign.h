// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace tl {

/** A minisign public key: key id and Ed25519 public key. */
struct MinisignPublicKey
{
    QByteArray keyId; ///< 8 bytes
    QByteArray publicKey; ///< 32 bytes
    /** The key id as minisign prints it: 16 upper-case hex digits. */
    QString keyIdHex() const;
    /** The `minisign.pub` file text. */
    QByteArray toFileText() const;
};

/** A decrypted minisign secret key (wiped on destruction). */
class MinisignSecretKey
{
public:
    MinisignSecretKey() = default;
    ~MinisignSecretKey();
    MinisignSecretKey(const MinisignSecretKey &) = delete;
    MinisignSecretKey &operator=(const MinisignSecretKey &) = delete;
    MinisignSecretKey(MinisignSecretKey &&other) noexcept;
    MinisignSecretKey &operator=(MinisignSecretKey &&other) noexcept;

    bool isValid() const { return m_secret.size() == 64; }
    const QByteArray &keyId() const { return m_keyId; }
    MinisignPublicKey publicKey() const;

private:
    friend class Minisign;
    QByteArray m_keyId;  // 8 bytes
    QByteArray m_secret; // 64 bytes: seed ‖ public key (libsodium layout)
};

/** What verify() found. */
struct MinisignVerification
{
    bool ok = false;
    QString error;
    QString trustedComment;
    QString keyIdHex;
};

/**
 * minisign-compatible Ed25519 signatures with libsodium (packet.md, Signature): key pairs in
 * minisign's file formats (secret keys encrypted with scrypt, or unencrypted as
 * `minisign -G -W` writes them), prehashed ("ED", BLAKE2b-512) signatures with a trusted
 * comment, and their verification. Files made here verify with `minisign -V`, and keys made
 * with `minisign -G` sign here.
 */
class Minisign
{
public:
    /** scrypt limits for a new key: minisign's own (sensitive) or interactive (fast, for tests). */
    enum class KdfStrength { Sensitive, Interactive };

    struct GeneratedKey
    {
        QByteArray publicKeyText; ///< minisign.pub
        QByteArray secretKeyText; ///< minisign.key
        QString keyIdHex;
    };

    /** A new key pair; an empty passphrase writes an unencrypted key (like `minisign -W`). */
    static GeneratedKey generate(const QByteArray &passphrase, KdfStrength strength = KdfStrength::Sensitive);
    /** Reads a secret key file; *error says why it failed (wrong passphrase, bad file). */
    static MinisignSecretKey loadSecretKey(const QByteArray &fileText, const QByteArray &passphrase, QString *error);
    /** True when the secret key file is passphrase-protected. */
    static bool secretKeyIsEncrypted(const QByteArray &fileText);
    /** Reads a public key file or its base64 line. */
    static bool loadPublicKey(const QByteArray &text, MinisignPublicKey *out, QString *error);

    /** The `.minisig` text for data (prehashed), with the given comments (one line each). */
    static QByteArray sign(const MinisignSecretKey &key, const QByteArray &data, const QString &trustedComment,
                           const QString &untrustedComment = QStringLiteral("signature from tokenledger secret key"));
    static MinisignVerification verify(const MinisignPublicKey &key, const QByteArray &data, const QByteArray &signatureText);
};

} // namespace tl
