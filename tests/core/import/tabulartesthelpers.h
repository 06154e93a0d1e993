// SPDX-License-Identifier: Apache-2.0
#pragma once

// Small helpers shared by the tests of the tabular importers: every test goes through the
// public facade (tl::Importer) into a tl::LedgerSet, as the application does.
#include "core/import/importer.h"

#include <QFile>
#include <QString>

#include <string>

namespace tltest {

inline tl::ImportOptions options(const char *format, const char *displayName, tl::LedgerKind kind)
{
    tl::ImportOptions o;
    o.kind = kind;
    o.format = QString::fromLatin1(format);
    o.displayName = QString::fromLatin1(displayName);
    return o;
}

/** The ImportError text an import of bytes gives, or "no error". The set is left as the import left it. */
inline QString importError(const QByteArray &bytes, const tl::ImportOptions &o, tl::LedgerSet &set)
{
    try {
        tl::Importer::importBytes(bytes, o, set);
    } catch (const tl::ImportError &e) {
        return e.toString();
    }
    return QStringLiteral("no error");
}

inline QString importError(const QByteArray &bytes, const tl::ImportOptions &o)
{
    tl::LedgerSet set;
    return importError(bytes, o, set);
}

/** Nothing of a failed import reached the set: no file registered, no rows of any kind. */
inline bool isEmpty(const tl::LedgerSet &s)
{
    return s.files.empty() && s.client.size() == 0 && s.gateway.size() == 0 && s.providerRequests.size() == 0
        && s.finance.empty() && s.prices.empty() && s.skippedPrices.empty() && s.mappings.empty() && s.owners.empty()
        && s.policy.empty() && s.evidence.empty() && s.units.empty();
}

inline std::string str(const tl::LedgerSet &set, tl::StringPool::Id id)
{
    return std::string(set.pool().view(id));
}

inline QString fixturePath(const char *name)
{
    return QStringLiteral(TL_TEST_DATA "/import/") + QLatin1String(name);
}

inline QString sharedPath(const char *relative)
{
    return QStringLiteral(TL_SHARED_DIR "/") + QLatin1String(relative);
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.readAll();
}

} // namespace tltest
