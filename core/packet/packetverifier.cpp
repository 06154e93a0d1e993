// SPDX-License-Identifier: Apache-2.0
#include "core/packet/packetverifier.h"

#include <QFile>

#include <openssl/evp.h>
#include <zip.h>

namespace tl {

namespace {

QByteArray hexDigest(const QByteArray &data, bool sha512)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.constData(), static_cast<std::size_t>(data.size()), md, &len, sha512 ? EVP_sha512() : EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(md), static_cast<qsizetype>(len)).toHex();
}

// Parses "<hex>  <path>" lines; false on a malformed line.
bool parseManifest(const QByteArray &text, QMap<QString, QByteArray> *entries, QString *why)
{
    int lineNo = 0;
    for (const QByteArray &line : text.split('\n')) {
        ++lineNo;
        if (line.isEmpty())
            continue;
        const qsizetype sep = line.indexOf("  ");
        if (sep <= 0) {
            *why = QStringLiteral("line %1 is not '<hash>  <path>'").arg(lineNo);
            return false;
        }
        const QString path = QString::fromUtf8(line.mid(sep + 2));
        if (entries->contains(path)) {
            *why = QStringLiteral("line %1 lists %2 twice").arg(lineNo).arg(path);
            return false;
        }
        entries->insert(path, line.left(sep).toLower());
    }
    return true;
}

} // namespace

bool PacketVerifier::readZip(const QString &zipPath, QMap<QString, QByteArray> *out, QString *error)
{
    int zerr = 0;
    zip_t *za = zip_open(QFile::encodeName(zipPath).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    if (!za) {
        zip_error_t e;
        zip_error_init_with_code(&e, zerr);
        *error = QStringLiteral("cannot open %1 as a zip: %2").arg(zipPath, QString::fromUtf8(zip_error_strerror(&e)));
        zip_error_fini(&e);
        return false;
    }
    const zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0)
            continue;
        const QString name = QString::fromUtf8(st.name);
        if (name.endsWith(QLatin1Char('/')))
            continue;
        zip_file_t *f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
        if (!f) {
            *error = QStringLiteral("cannot read %1 in the zip: %2").arg(name, QString::fromUtf8(zip_strerror(za)));
            zip_discard(za);
            return false;
        }
        QByteArray data(static_cast<qsizetype>(st.size), Qt::Uninitialized);
        const zip_int64_t got = st.size ? zip_fread(f, data.data(), st.size) : 0;
        zip_fclose(f);
        if (got != static_cast<zip_int64_t>(st.size)) {
            *error = QStringLiteral("cannot read %1 in the zip (damaged entry)").arg(name);
            zip_discard(za);
            return false;
        }
        out->insert(name, data);
    }
    zip_discard(za);
    return true;
}

PacketVerification PacketVerifier::verifyZip(const QString &zipPath, const MinisignPublicKey &key)
{
    PacketVerification v;
    QMap<QString, QByteArray> all;
    QString error;
    if (!readZip(zipPath, &all, &error)) {
        v.firstFailure = error;
        return v;
    }
    // One top folder holds the bag.
    QString bag;
    QMap<QString, QByteArray> files;
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        const qsizetype slash = it.key().indexOf(QLatin1Char('/'));
        const QString top = slash > 0 ? it.key().left(slash) : QString();
        if (top.isEmpty()) {
            v.firstFailure = QStringLiteral("extra file outside the packet folder: %1").arg(it.key());
            return v;
        }
        if (bag.isEmpty())
            bag = top;
        else if (top != bag) {
            v.firstFailure = QStringLiteral("extra folder in the zip: %1 (expected only %2/)").arg(top, bag);
            return v;
        }
        files.insert(it.key().mid(slash + 1), it.value());
    }
    if (bag.isEmpty()) {
        v.firstFailure = QStringLiteral("the zip is empty");
        return v;
    }
    return verifyFiles(bag, files, key);
}

PacketVerification PacketVerifier::verifyFiles(const QString &bagName, const QMap<QString, QByteArray> &files, const MinisignPublicKey &key)
{
    PacketVerification v;
    v.packetId = bagName;
    auto fail = [&v](const QString &why) {
        v.firstFailure = why;
        return v;
    };
    static const char *required[] = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
                                     "tagmanifest-sha256.txt", "tagmanifest-sha256.txt.minisig"};
    for (const char *r : required)
        if (!files.contains(QLatin1String(r)))
            return fail(QStringLiteral("missing file: %1").arg(QLatin1String(r)));
    if (!files.value(QStringLiteral("bagit.txt")).startsWith("BagIt-Version: 1.0\n"))
        return fail(QStringLiteral("bagit.txt does not declare BagIt-Version: 1.0"));

    // 1. Signature and trusted comment.
    const MinisignVerification sig = Minisign::verify(key, files.value(QStringLiteral("tagmanifest-sha256.txt")),
                                                      files.value(QStringLiteral("tagmanifest-sha256.txt.minisig")));
    v.keyIdHex = sig.keyIdHex;
    if (!sig.ok)
        return fail(QStringLiteral("signature: %1").arg(sig.error));
    v.trustedComment = sig.trustedComment;
    v.checks << QStringLiteral("signature of tagmanifest-sha256.txt by key %1").arg(sig.keyIdHex);
    if (!sig.trustedComment.contains(QStringLiteral("packet=%1").arg(bagName)))
        return fail(QStringLiteral("trusted comment names another packet: %1").arg(sig.trustedComment));
    v.checks << QStringLiteral("trusted comment: %1").arg(sig.trustedComment);

    // 2. Tag manifests.
    for (bool sha512 : {false, true}) {
        const QString name = sha512 ? QStringLiteral("tagmanifest-sha512.txt") : QStringLiteral("tagmanifest-sha256.txt");
        if (!files.contains(name)) {
            if (sha512)
                continue;
            return fail(QStringLiteral("missing file: %1").arg(name));
        }
        QMap<QString, QByteArray> entries;
        QString why;
        if (!parseManifest(files.value(name), &entries, &why))
            return fail(QStringLiteral("%1: %2").arg(name, why));
        for (const char *tag : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt"})
            if (!entries.contains(QLatin1String(tag)))
                return fail(QStringLiteral("%1 does not list %2").arg(name, QLatin1String(tag)));
        for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
            if (!files.contains(it.key()))
                return fail(QStringLiteral("%1 lists a missing file: %2").arg(name, it.key()));
            if (hexDigest(files.value(it.key()), sha512) != it.value())
                return fail(QStringLiteral("%1: checksum mismatch for %2").arg(name, it.key()));
        }
        v.checks << QStringLiteral("%1: %2 tag files").arg(name).arg(entries.size());
    }

    // 3. Payload manifests: every listed file matches, none missing, none extra.
    QStringList payload;
    qint64 octets = 0;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (it.key().startsWith(QLatin1String("data/"))) {
            payload << it.key();
            octets += it.value().size();
        }
    }
    for (bool sha512 : {false, true}) {
        const QString name = sha512 ? QStringLiteral("manifest-sha512.txt") : QStringLiteral("manifest-sha256.txt");
        QMap<QString, QByteArray> entries;
        QString why;
        if (!parseManifest(files.value(name), &entries, &why))
            return fail(QStringLiteral("%1: %2").arg(name, why));
        for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
            if (!files.contains(it.key()))
                return fail(QStringLiteral("missing file: %1 (listed in %2)").arg(it.key(), name));
            if (hexDigest(files.value(it.key()), sha512) != it.value())
                return fail(QStringLiteral("%1: checksum mismatch for %2").arg(name, it.key()));
        }
        for (const QString &p : payload)
            if (!entries.contains(p))
                return fail(QStringLiteral("extra file: %1 (not in %2)").arg(p, name));
        v.checks << QStringLiteral("%1: %2 payload files").arg(name).arg(entries.size());
    }
    // 4. No other files beside the tag files and the payload.
    static const QStringList tagFiles = {QStringLiteral("bagit.txt"), QStringLiteral("bag-info.txt"), QStringLiteral("manifest-sha256.txt"),
                                         QStringLiteral("manifest-sha512.txt"), QStringLiteral("tagmanifest-sha256.txt"),
                                         QStringLiteral("tagmanifest-sha512.txt"), QStringLiteral("tagmanifest-sha256.txt.minisig")};
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        if (!it.key().startsWith(QLatin1String("data/")) && !tagFiles.contains(it.key()))
            return fail(QStringLiteral("extra file: %1").arg(it.key()));

    // 5. Payload-Oxum.
    const QByteArray info = files.value(QStringLiteral("bag-info.txt"));
    QByteArray oxum;
    for (const QByteArray &line : info.split('\n'))
        if (line.startsWith("Payload-Oxum:"))
            oxum = line.mid(13).trimmed();
    const QByteArray expected = QByteArray::number(octets) + "." + QByteArray::number(payload.size());
    if (oxum != expected)
        return fail(QStringLiteral("Payload-Oxum is %1 but the payload is %2 (octets.files)").arg(QString::fromLatin1(oxum), QString::fromLatin1(expected)));
    if (!info.contains("External-Identifier: " + bagName.toUtf8() + "\n"))
        return fail(QStringLiteral("bag-info.txt External-Identifier does not name %1").arg(bagName));
    v.checks << QStringLiteral("Payload-Oxum %1").arg(QString::fromLatin1(oxum));
    v.payloadFiles = payload.size();
    v.payloadBytes = octets;
    v.ok = true;
    return v;
}

} // namespace tl
