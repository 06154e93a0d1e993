// SPDX-License-Identifier: Apache-2.0
#include "core/packet/minisign.h"

#include <QList>

#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace tl {

namespace {

constexpr int kKeyNum = 8;
constexpr int kSecretStructBytes = 2 + 2 + 2 + 32 + 8 + 8 + kKeyNum + 64 + 32; // 158
constexpr int kKeynumSkBytes = kKeyNum + 64 + 32;                               // 104

bool ensureSodium()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

void le64Store(unsigned char *p, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        p[i] = static_cast<unsigned char>(v >> (8 * i));
}

std::uint64_t le64Load(const unsigned char *p)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

QByteArray computeChk(const QByteArray &keyId, const QByteArray &secret)
{
    crypto_generichash_state hs;
    unsigned char chk[32];
    crypto_generichash_init(&hs, nullptr, 0, sizeof chk);
    crypto_generichash_update(&hs, reinterpret_cast<const unsigned char *>("Ed"), 2);
    crypto_generichash_update(&hs, reinterpret_cast<const unsigned char *>(keyId.constData()), static_cast<unsigned long long>(keyId.size()));
    crypto_generichash_update(&hs, reinterpret_cast<const unsigned char *>(secret.constData()), static_cast<unsigned long long>(secret.size()));
    crypto_generichash_final(&hs, chk, sizeof chk);
    return QByteArray(reinterpret_cast<const char *>(chk), sizeof chk);
}

// The base64 line of a minisign file: the first line that is not a comment.
QList<QByteArray> contentLines(const QByteArray &text)
{
    QList<QByteArray> out;
    for (QByteArray line : text.split('\n')) {
        line = line.trimmed();
        if (!line.isEmpty())
            out << line;
    }
    return out;
}

QByteArray base64Line(const QByteArray &text)
{
    for (const QByteArray &l : contentLines(text))
        if (!l.startsWith("untrusted comment:") && !l.startsWith("trusted comment:"))
            return l;
    return QByteArray();
}

bool decodeBase64(const QByteArray &line, QByteArray *out)
{
    const auto r = QByteArray::fromBase64Encoding(line, QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return false;
    *out = r.decoded;
    return true;
}

QString hexId(const QByteArray &keyId)
{
    return QStringLiteral("%1").arg(le64Load(reinterpret_cast<const unsigned char *>(keyId.constData())), 16, 16, QLatin1Char('0')).toUpper();
}

QByteArray prehash(const QByteArray &data)
{
    unsigned char h[crypto_generichash_BYTES_MAX];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char *>(data.constData()), static_cast<unsigned long long>(data.size()), nullptr, 0);
    return QByteArray(reinterpret_cast<const char *>(h), sizeof h);
}

} // namespace

QString MinisignPublicKey::keyIdHex() const
{
    return hexId(keyId);
}

QByteArray MinisignPublicKey::toFileText() const
{
    const QByteArray blob = QByteArrayLiteral("Ed") + keyId + publicKey;
    return "untrusted comment: minisign public key " + keyIdHex().toLatin1() + "\n" + blob.toBase64() + "\n";
}

MinisignSecretKey::~MinisignSecretKey()
{
    if (!m_secret.isEmpty())
        sodium_memzero(m_secret.data(), static_cast<std::size_t>(m_secret.size()));
}

MinisignSecretKey::MinisignSecretKey(MinisignSecretKey &&other) noexcept
    : m_keyId(std::move(other.m_keyId)), m_secret(std::move(other.m_secret))
{
}

MinisignSecretKey &MinisignSecretKey::operator=(MinisignSecretKey &&other) noexcept
{
    if (this != &other) {
        if (!m_secret.isEmpty())
            sodium_memzero(m_secret.data(), static_cast<std::size_t>(m_secret.size()));
        m_keyId = std::move(other.m_keyId);
        m_secret = std::move(other.m_secret);
    }
    return *this;
}

MinisignPublicKey MinisignSecretKey::publicKey() const
{
    MinisignPublicKey pk;
    pk.keyId = m_keyId;
    pk.publicKey = m_secret.mid(32, 32);
    return pk;
}

Minisign::GeneratedKey Minisign::generate(const QByteArray &passphrase, KdfStrength strength)
{
    ensureSodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    QByteArray keyId(kKeyNum, Qt::Uninitialized);
    randombytes_buf(keyId.data(), kKeyNum);
    const QByteArray secret(reinterpret_cast<const char *>(sk), sizeof sk);
    sodium_memzero(sk, sizeof sk);

    unsigned char s[kSecretStructBytes] = {};
    std::memcpy(s, "Ed", 2);
    std::memcpy(s + 4, "B2", 2);
    unsigned char *keynumSk = s + 54;
    std::memcpy(keynumSk, keyId.constData(), kKeyNum);
    std::memcpy(keynumSk + kKeyNum, secret.constData(), 64);
    if (!passphrase.isEmpty()) {
        std::memcpy(s + 2, "Sc", 2);
        randombytes_buf(s + 6, 32);
        const std::uint64_t ops = strength == KdfStrength::Sensitive ? crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE
                                                                     : crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE;
        const std::uint64_t mem = strength == KdfStrength::Sensitive ? crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE
                                                                     : crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE;
        le64Store(s + 38, ops);
        le64Store(s + 46, mem);
        const QByteArray chk = computeChk(keyId, secret);
        std::memcpy(keynumSk + kKeyNum + 64, chk.constData(), 32);
        unsigned char stream[kKeynumSkBytes];
        // Fails only when memory for the KDF cannot be had; the key is then unusable.
        if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, passphrase.constData(), static_cast<unsigned long long>(passphrase.size()),
                                               s + 6, ops, mem)
            != 0)
            throw std::runtime_error("not enough memory for the scrypt key derivation");
        for (int i = 0; i < kKeynumSkBytes; ++i)
            keynumSk[i] ^= stream[i];
        sodium_memzero(stream, sizeof stream);
    }
    // Unencrypted keys keep a zero checksum and no KDF, as `minisign -G -W` writes them.
    GeneratedKey g;
    const QByteArray blob(reinterpret_cast<const char *>(s), sizeof s);
    sodium_memzero(s, sizeof s);
    g.secretKeyText = QByteArrayLiteral("untrusted comment: minisign encrypted secret key\n") + blob.toBase64() + "\n";
    MinisignPublicKey pub;
    pub.keyId = keyId;
    pub.publicKey = QByteArray(reinterpret_cast<const char *>(pk), sizeof pk);
    g.publicKeyText = pub.toFileText();
    g.keyIdHex = pub.keyIdHex();
    return g;
}

bool Minisign::secretKeyIsEncrypted(const QByteArray &fileText)
{
    QByteArray blob;
    if (!decodeBase64(base64Line(fileText), &blob) || blob.size() != kSecretStructBytes)
        return false;
    return std::memcmp(blob.constData() + 2, "Sc", 2) == 0;
}

MinisignSecretKey Minisign::loadSecretKey(const QByteArray &fileText, const QByteArray &passphrase, QString *error)
{
    ensureSodium();
    MinisignSecretKey key;
    QByteArray blob;
    if (!decodeBase64(base64Line(fileText), &blob) || blob.size() != kSecretStructBytes) {
        if (error)
            *error = QStringLiteral("not a minisign secret key file");
        return key;
    }
    unsigned char *s = reinterpret_cast<unsigned char *>(blob.data());
    if (std::memcmp(s, "Ed", 2) != 0 || std::memcmp(s + 4, "B2", 2) != 0) {
        if (error)
            *error = QStringLiteral("unsupported minisign secret key (algorithm)");
        return key;
    }
    unsigned char *keynumSk = s + 54;
    const bool encrypted = std::memcmp(s + 2, "Sc", 2) == 0;
    if (encrypted) {
        if (passphrase.isEmpty()) {
            if (error)
                *error = QStringLiteral("the secret key is protected by a passphrase");
            return key;
        }
        unsigned char stream[kKeynumSkBytes];
        if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, passphrase.constData(), static_cast<unsigned long long>(passphrase.size()),
                                               s + 6, le64Load(s + 38), le64Load(s + 46)) != 0) {
            if (error)
                *error = QStringLiteral("not enough memory for the key's scrypt parameters");
            return key;
        }
        for (int i = 0; i < kKeynumSkBytes; ++i)
            keynumSk[i] ^= stream[i];
        sodium_memzero(stream, sizeof stream);
    } else if (s[2] != 0 || s[3] != 0) {
        if (error)
            *error = QStringLiteral("unsupported minisign secret key (key derivation)");
        return key;
    }
    const QByteArray keyId(reinterpret_cast<const char *>(keynumSk), kKeyNum);
    const QByteArray secret(reinterpret_cast<const char *>(keynumSk + kKeyNum), 64);
    if (encrypted) {
        const QByteArray chk = computeChk(keyId, secret);
        if (sodium_memcmp(chk.constData(), keynumSk + kKeyNum + 64, 32) != 0) {
            sodium_memzero(blob.data(), static_cast<std::size_t>(blob.size()));
            if (error)
                *error = QStringLiteral("wrong passphrase for this key");
            return key;
        }
    }
    key.m_keyId = keyId;
    key.m_secret = secret;
    sodium_memzero(blob.data(), static_cast<std::size_t>(blob.size()));
    return key;
}

bool Minisign::loadPublicKey(const QByteArray &text, MinisignPublicKey *out, QString *error)
{
    QByteArray blob;
    if (!decodeBase64(base64Line(text), &blob) || blob.size() != 2 + kKeyNum + 32 || !blob.startsWith("Ed")) {
        if (error)
            *error = QStringLiteral("not a minisign public key");
        return false;
    }
    out->keyId = blob.mid(2, kKeyNum);
    out->publicKey = blob.mid(2 + kKeyNum, 32);
    return true;
}

QByteArray Minisign::sign(const MinisignSecretKey &key, const QByteArray &data, const QString &trustedComment,
                          const QString &untrustedComment)
{
    ensureSodium();
    const QByteArray hash = prehash(data);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char *>(hash.constData()), static_cast<unsigned long long>(hash.size()),
                         reinterpret_cast<const unsigned char *>(key.m_secret.constData()));
    const QByteArray sigBytes(reinterpret_cast<const char *>(sig), sizeof sig);
    QByteArray tc = trustedComment.toUtf8();
    tc.replace('\n', ' ');
    const QByteArray globalInput = sigBytes + tc;
    unsigned char global[crypto_sign_BYTES];
    crypto_sign_detached(global, nullptr, reinterpret_cast<const unsigned char *>(globalInput.constData()),
                         static_cast<unsigned long long>(globalInput.size()), reinterpret_cast<const unsigned char *>(key.m_secret.constData()));
    QByteArray uc = untrustedComment.toUtf8();
    uc.replace('\n', ' ');
    QByteArray out;
    out += "untrusted comment: " + uc + "\n";
    out += (QByteArrayLiteral("ED") + key.m_keyId + sigBytes).toBase64() + "\n";
    out += "trusted comment: " + tc + "\n";
    out += QByteArray(reinterpret_cast<const char *>(global), sizeof global).toBase64() + "\n";
    return out;
}

MinisignVerification Minisign::verify(const MinisignPublicKey &key, const QByteArray &data, const QByteArray &signatureText)
{
    ensureSodium();
    MinisignVerification v;
    const QList<QByteArray> lines = contentLines(signatureText);
    if (lines.size() != 4 || !lines[0].startsWith("untrusted comment:") || !lines[2].startsWith("trusted comment: ")) {
        v.error = QStringLiteral("the signature file is not in minisign's format");
        return v;
    }
    QByteArray sigBlob, global;
    if (!decodeBase64(lines[1], &sigBlob) || sigBlob.size() != 2 + kKeyNum + 64 || !decodeBase64(lines[3], &global) || global.size() != 64) {
        v.error = QStringLiteral("the signature file is damaged (base64)");
        return v;
    }
    const QByteArray alg = sigBlob.left(2);
    const QByteArray keyId = sigBlob.mid(2, kKeyNum);
    const QByteArray sig = sigBlob.mid(2 + kKeyNum);
    v.keyIdHex = hexId(keyId);
    if (keyId != key.keyId) {
        v.error = QStringLiteral("signed with key %1, not with the given key %2").arg(hexId(keyId), key.keyIdHex());
        return v;
    }
    QByteArray message;
    if (alg == "ED")
        message = prehash(data);
    else if (alg == "Ed")
        message = data;
    else {
        v.error = QStringLiteral("unsupported signature algorithm");
        return v;
    }
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(sig.constData()), reinterpret_cast<const unsigned char *>(message.constData()),
                                    static_cast<unsigned long long>(message.size()), reinterpret_cast<const unsigned char *>(key.publicKey.constData()))
        != 0) {
        v.error = QStringLiteral("signature verification failed: the signed file was changed or the key does not match");
        return v;
    }
    const QByteArray tc = lines[2].mid(static_cast<qsizetype>(std::strlen("trusted comment: ")));
    const QByteArray globalInput = sig + tc;
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(global.constData()),
                                    reinterpret_cast<const unsigned char *>(globalInput.constData()),
                                    static_cast<unsigned long long>(globalInput.size()), reinterpret_cast<const unsigned char *>(key.publicKey.constData()))
        != 0) {
        v.error = QStringLiteral("the trusted comment was changed (global signature verification failed)");
        return v;
    }
    v.trustedComment = QString::fromUtf8(tc);
    v.ok = true;
    return v;
}

} // namespace tl
