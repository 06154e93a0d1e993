// SPDX-License-Identifier: Apache-2.0
#include "core/packet/bagbuilder.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <zip.h>

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>

namespace tl {

namespace {

QByteArray hexDigest(const QByteArray &data, bool sha512)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.constData(), static_cast<std::size_t>(data.size()), md, &len, sha512 ? EVP_sha512() : EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(md), static_cast<qsizetype>(len)).toHex();
}

// Bytewise order, as `LC_ALL=C sort` gives.
QStringList sortedBytewise(QStringList paths)
{
    std::sort(paths.begin(), paths.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    return paths;
}

} // namespace

BagBuilder::BagBuilder(QString bagName)
    : m_name(std::move(bagName))
{
}

void BagBuilder::addPayload(const QString &relativePath, const QByteArray &bytes)
{
    m_payload.insert(QStringLiteral("data/") + relativePath, bytes);
}

void BagBuilder::addInfo(const QString &label, const QString &value)
{
    m_info.append({label, value});
}

QString BagBuilder::safeName(const QString &name)
{
    QString s;
    s.reserve(name.size());
    for (QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '.' || u == '_' || u == '-';
        s += ok ? c : QLatin1Char('_');
    }
    while (s.startsWith(QLatin1Char('.')))
        s[0] = QLatin1Char('_');
    return s.isEmpty() ? QStringLiteral("_") : s;
}

QByteArray BagBuilder::manifest(const QMap<QString, QByteArray> &files, const QStringList &paths, bool sha512)
{
    QByteArray out;
    for (const QString &p : sortedBytewise(paths))
        out += hexDigest(files.value(p), sha512) + "  " + p.toUtf8() + "\n";
    return out;
}

QMap<QString, QByteArray> BagBuilder::build(const MinisignSecretKey &key, const QString &trustedComment, const QString &baggingDate) const
{
    QMap<QString, QByteArray> files = m_payload;
    qint64 octets = 0;
    for (const QByteArray &b : m_payload)
        octets += b.size();
    files.insert(QStringLiteral("bagit.txt"), QByteArrayLiteral("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"));
    QByteArray info;
    info += "Source-Organization: " + m_org.toUtf8() + "\n";
    info += "External-Identifier: " + m_name.toUtf8() + "\n";
    info += "Bagging-Date: " + baggingDate.toUtf8() + "\n";
    info += "Payload-Oxum: " + QByteArray::number(octets) + "." + QByteArray::number(m_payload.size()) + "\n";
    info += "Bag-Software-Agent: tokenledger " TOKENLEDGER_VERSION "\n";
    for (const auto &[label, value] : m_info) {
        QString v = value;
        v.replace(QLatin1Char('\n'), QLatin1Char(' '));
        info += label.toUtf8() + ": " + v.toUtf8() + "\n";
    }
    files.insert(QStringLiteral("bag-info.txt"), info);
    const QStringList payloadPaths = m_payload.keys();
    files.insert(QStringLiteral("manifest-sha256.txt"), manifest(files, payloadPaths, false));
    files.insert(QStringLiteral("manifest-sha512.txt"), manifest(files, payloadPaths, true));
    const QStringList tagPaths = {QStringLiteral("bag-info.txt"), QStringLiteral("bagit.txt"), QStringLiteral("manifest-sha256.txt"),
                                  QStringLiteral("manifest-sha512.txt")};
    files.insert(QStringLiteral("tagmanifest-sha256.txt"), manifest(files, tagPaths, false));
    files.insert(QStringLiteral("tagmanifest-sha512.txt"), manifest(files, tagPaths, true));
    files.insert(QStringLiteral("tagmanifest-sha256.txt.minisig"),
                 Minisign::sign(key, files.value(QStringLiteral("tagmanifest-sha256.txt")), trustedComment,
                                QStringLiteral("tokenledger packet %1").arg(m_name)));
    return files;
}

bool BagBuilder::writeZip(const QString &path, const MinisignSecretKey &key, const QString &trustedComment,
                          const QString &baggingDate, QString *error) const
{
    const QMap<QString, QByteArray> files = build(key, trustedComment, baggingDate);
    const QString tmp = QFileInfo(path).absolutePath() + QStringLiteral("/.") + QFileInfo(path).fileName() + QStringLiteral(".part");
    QFile::remove(tmp);
    int zerr = 0;
    zip_t *za = zip_open(QFile::encodeName(tmp).constData(), ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!za) {
        if (error)
            *error = QStringLiteral("cannot create %1 (libzip error %2)").arg(tmp).arg(zerr);
        return false;
    }
    auto fail = [&](const QString &why) {
        zip_discard(za);
        QFile::remove(tmp);
        if (error)
            *error = why;
        return false;
    };
    // Directory entries first, so unzip creates the folders in order.
    QStringList dirs;
    dirs << m_name + QLatin1Char('/');
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QString p = it.key();
        qsizetype slash;
        while ((slash = p.lastIndexOf(QLatin1Char('/'))) > 0) {
            p = p.left(slash);
            const QString d = m_name + QLatin1Char('/') + p + QLatin1Char('/');
            if (!dirs.contains(d))
                dirs << d;
        }
    }
    std::sort(dirs.begin(), dirs.end());
    for (const QString &d : dirs)
        if (zip_dir_add(za, d.toUtf8().constData(), ZIP_FL_ENC_UTF_8) < 0)
            return fail(QStringLiteral("cannot add %1: %2").arg(d, QString::fromUtf8(zip_strerror(za))));
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QByteArray name = (m_name + QLatin1Char('/') + it.key()).toUtf8();
        // libzip reads the buffer at zip_close; the map outlives it.
        zip_source_t *src = zip_source_buffer(za, it.value().constData(), static_cast<zip_uint64_t>(it.value().size()), 0);
        if (!src)
            return fail(QStringLiteral("cannot add %1: %2").arg(QString::fromUtf8(name), QString::fromUtf8(zip_strerror(za))));
        if (zip_file_add(za, name.constData(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(src);
            return fail(QStringLiteral("cannot add %1: %2").arg(QString::fromUtf8(name), QString::fromUtf8(zip_strerror(za))));
        }
    }
    if (zip_close(za) != 0) {
        const QString why = QString::fromUtf8(zip_strerror(za));
        zip_discard(za);
        QFile::remove(tmp);
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, why);
        return false;
    }
    // rename(2) replaces an existing file atomically.
    if (std::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(tmp);
        if (error)
            *error = QStringLiteral("cannot move the packet into place at %1").arg(path);
        return false;
    }
    return true;
}

} // namespace tl
