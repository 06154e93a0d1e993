// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/packet/minisign.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

namespace tl {

/**
 * Builds a BagIt 1.0 bag (RFC 8493) zipped as one file (packet.md): payload under data/,
 * SHA-256 and SHA-512 manifests sorted bytewise (the format sha256sum prints and checks),
 * bag-info.txt with Payload-Oxum, tag manifests, and tagmanifest-sha256.txt signed with a
 * minisign-compatible signature. The zip is written to a temporary file beside the target and
 * renamed into place, so a failed write leaves nothing half-made.
 */
class BagBuilder
{
public:
    explicit BagBuilder(QString bagName);

    /** Adds a payload file at data/<relativePath>; relativePath uses only [A-Za-z0-9._/-]. */
    void addPayload(const QString &relativePath, const QByteArray &bytes);
    /** bag-info.txt Source-Organization (the account or organisation the packet is about). */
    void setSourceOrganization(const QString &org) { m_org = org; }
    /** Adds a bag-info.txt field (after the standard ones, in insertion order). */
    void addInfo(const QString &label, const QString &value);

    /** All files of the bag (path inside the bag folder → bytes), signature included. */
    QMap<QString, QByteArray> build(const MinisignSecretKey &key, const QString &trustedComment, const QString &baggingDate) const;
    /** Builds and writes the zip to path. */
    bool writeZip(const QString &path, const MinisignSecretKey &key, const QString &trustedComment,
                  const QString &baggingDate, QString *error) const;

    /** A name reduced to [A-Za-z0-9._-]. */
    static QString safeName(const QString &name);
    static QByteArray manifest(const QMap<QString, QByteArray> &files, const QStringList &paths, bool sha512);

private:
    QString m_name;
    QString m_org;
    QMap<QString, QByteArray> m_payload; // "data/…" → bytes
    QList<QPair<QString, QString>> m_info;
};

} // namespace tl
