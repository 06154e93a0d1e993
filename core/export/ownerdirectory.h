// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"

#include <QHash>
#include <QString>

#include <string_view>

namespace tl {

/**
 * Looks up the owners table (formats.md §7) by API key name: who owns a key, its cost
 * center and its monthly budget. A key without an owners row has no owner (nullptr), never
 * a guessed one. When the table lists a key twice, the first row wins (the importer keeps
 * file order), so every export names the same owner.
 */
class OwnerDirectory
{
public:
    explicit OwnerDirectory(const LedgerSet &set);

    /** The owners row of an API key name, or nullptr. */
    const OwnerRow *find(const QString &apiKeyName) const;
    const OwnerRow *find(std::string_view apiKeyName) const;

    /** The owner group of a key, empty when unknown. */
    QString ownerGroup(std::string_view apiKeyName) const;
    /** The cost center of a key, empty when unknown. */
    QString costCenter(std::string_view apiKeyName) const;

private:
    const LedgerSet &m_set;
    QHash<QString, std::size_t> m_byKey;
};

} // namespace tl
