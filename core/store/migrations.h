// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace tl::store {

/**
 * The numbered schema migrations: element v-1 holds the SQL statements that take a workspace
 * from version v-1 to v. Each version is applied in one transaction together with the
 * schema_version update. Never edit a released step; append a new one.
 */
std::vector<QStringList> migrations(bool postgres);

} // namespace tl::store
