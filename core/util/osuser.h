// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace tl {

/**
 * Who is at the keyboard, for the history of an edit: $USER, then $LOGNAME, then the account
 * of the process's user id (getpwuid, so that a session without those variables, a service or
 * a container, still names its user), then $USERNAME (Windows); "unknown" only when none says.
 */
class OsUser
{
public:
    static QString name();
};

} // namespace tl
