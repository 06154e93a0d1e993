// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers shared by the tests of the JSON importers. Every test goes through the public facade
// (tl::Importer) into a tl::LedgerSet, as the application does.
#include "core/import/importer.h"
#include "core/money/decimal.h"

#include <QFile>
#include <QString>
#include <QTest>

#include <string>

namespace jtest {

inline tl::ImportOptions options(const char *format, tl::LedgerKind kind, const char *displayName = "input.json")
{
    tl::ImportOptions o;
    o.kind = kind;
    o.format = QString::fromLatin1(format);
    o.displayName = QString::fromLatin1(displayName);
    return o;
}

/** The whole ImportError text an import gives, or "no error". */
inline QString importError(const QByteArray &bytes, const tl::ImportOptions &o, tl::LedgerSet &set)
{
    try {
        tl::Importer::importBytes(bytes, o, set);
    } catch (const tl::ImportError &e) {
        return e.toString();
    }
    return QStringLiteral("no error");
}

/** Nothing of a failed import reached the set: no file registered, no rows of any kind. */
inline bool isEmpty(const tl::LedgerSet &s)
{
    return s.files.empty() && s.client.size() == 0 && s.gateway.size() == 0 && s.observations.empty()
        && s.providerDaily.size() == 0 && s.providerRequests.size() == 0 && s.finance.empty() && s.prices.empty()
        && s.skippedPrices.empty() && s.mappings.empty() && s.owners.empty() && s.policy.empty() && s.evidence.empty()
        && s.units.empty();
}

inline std::string str(const tl::LedgerSet &set, tl::StringPool::Id id)
{
    return std::string(set.pool().view(id));
}

inline tl::Decimal dec(const char *text)
{
    return tl::Decimal::fromString(text);
}

inline QString fixture(const char *name)
{
    return QStringLiteral(TL_TEST_DATA "/import/json/") + QLatin1String(name);
}

inline QString shared(const char *relative)
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

/** 1-based line of the first occurrence of needle in bytes (0 when absent). */
inline std::uint32_t lineOf(const QByteArray &bytes, const char *needle)
{
    const qsizetype at = bytes.indexOf(needle);
    if (at < 0)
        return 0;
    return static_cast<std::uint32_t>(bytes.left(at).count('\n') + 1);
}

} // namespace jtest
