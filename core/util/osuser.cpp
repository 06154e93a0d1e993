// SPDX-License-Identifier: Apache-2.0
#include "core/util/osuser.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

namespace tl {

QString OsUser::name()
{
    for (const char *variable : {"USER", "LOGNAME"}) {
        const QString v = qEnvironmentVariable(variable).trimmed();
        if (!v.isEmpty())
            return v;
    }
#if defined(Q_OS_UNIX)
    // getpwuid_r: the GUI and its workers may ask at the same time.
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    QByteArray buffer(size > 0 ? static_cast<int>(size) : 16384, Qt::Uninitialized);
    struct passwd entry;
    struct passwd *result = nullptr;
    if (getpwuid_r(geteuid(), &entry, buffer.data(), static_cast<size_t>(buffer.size()), &result) == 0 && result
        && result->pw_name && *result->pw_name)
        return QString::fromLocal8Bit(result->pw_name);
#endif
    const QString windows = qEnvironmentVariable("USERNAME").trimmed();
    return windows.isEmpty() ? QStringLiteral("unknown") : windows;
}

} // namespace tl
