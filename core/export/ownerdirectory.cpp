// SPDX-License-Identifier: Apache-2.0
#include "core/export/ownerdirectory.h"

namespace tl {

OwnerDirectory::OwnerDirectory(const LedgerSet &set)
    : m_set(set)
{
    for (std::size_t i = 0; i < set.owners.size(); ++i) {
        const QString &name = set.owners[i].apiKeyName;
        if (!name.isEmpty() && !m_byKey.contains(name))
            m_byKey.insert(name, i);
    }
}

const OwnerRow *OwnerDirectory::find(const QString &apiKeyName) const
{
    const auto it = m_byKey.constFind(apiKeyName);
    return it == m_byKey.cend() ? nullptr : &m_set.owners[it.value()];
}

const OwnerRow *OwnerDirectory::find(std::string_view apiKeyName) const
{
    return find(QString::fromUtf8(apiKeyName.data(), static_cast<qsizetype>(apiKeyName.size())));
}

QString OwnerDirectory::ownerGroup(std::string_view apiKeyName) const
{
    const OwnerRow *o = find(apiKeyName);
    return o ? o->ownerGroup : QString();
}

QString OwnerDirectory::costCenter(std::string_view apiKeyName) const
{
    const OwnerRow *o = find(apiKeyName);
    return o ? o->costCenter : QString();
}

} // namespace tl
