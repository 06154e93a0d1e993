// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/fetch/fetchresult.h"

#include <QByteArray>
#include <QString>

namespace tl {

/**
 * Saves a successful fetch as two files, both or neither: FILE (the service's JSON exactly as
 * received, the credential excepted) and FILE.observed, a small JSON sidecar saying when and
 * how it was observed: observed_at (UTC, the time the last answer arrived: what the importers'
 * --observed-at / a job input's observed_at take), started_at, kind, format, file, sha256 and
 * size of FILE, source (the redacted URL of the first request), requests, http_attempts, the
 * summary (window, totals, pages), the import command and the tool version. Each file is
 * written through QSaveFile; if the sidecar cannot be committed after FILE was, FILE is
 * removed again. A failed fetch writes nothing.
 */
class ObservationFile
{
public:
    static QString sidecarPath(const QString &path) { return path + QStringLiteral(".observed"); }
    /** The sidecar's bytes for a result saved under fileName. */
    static QByteArray sidecarJson(const FetchResult &r, const QString &fileName);
    static bool write(const FetchResult &r, const QString &path, QString *error);
    /** observed_at read back from a sidecar. */
    static bool readObservedAt(const QString &sidecar, UtcMicros *out, QString *error);
    /** The command that imports the saved file with its observation time. */
    static QString importCommand(const FetchResult &r, const QString &path);
};

} // namespace tl
