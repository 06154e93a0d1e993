// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/packet/minisign.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tl {

/** The outcome of verifying a packet: ok, or the first thing that failed. */
struct PacketVerification
{
    bool ok = false;
    QString firstFailure;
    QString packetId, trustedComment, keyIdHex;
    qint64 payloadFiles = 0, payloadBytes = 0;
    QStringList checks; ///< what was checked, in order, for the report
};

/**
 * Verifies a signed reconciliation packet (packet.md, Verification): the minisign signature
 * of tagmanifest-sha256.txt and its trusted comment, both tag manifests, both payload
 * manifests, that no file is missing or extra, and Payload-Oxum.
 */
class PacketVerifier
{
public:
    static PacketVerification verifyZip(const QString &zipPath, const MinisignPublicKey &key);
    /** Verifies an already-read bag: paths inside the bag folder → bytes. */
    static PacketVerification verifyFiles(const QString &bagName, const QMap<QString, QByteArray> &files, const MinisignPublicKey &key);
    /** Reads every file of a zip into memory: full path → bytes (directories skipped). */
    static bool readZip(const QString &zipPath, QMap<QString, QByteArray> *out, QString *error);
};

} // namespace tl
