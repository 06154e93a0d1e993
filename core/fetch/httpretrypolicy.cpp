// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/httpretrypolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace tl {

bool HttpRetryPolicy::isRetryableStatus(int s, bool idempotent)
{
    if (!idempotent)
        return s == 429 || s == 503;
    if (s == 408 || s == 429)
        return true;
    return s >= 500 && s <= 599 && s != 501 && s != 505;
}

qint64 HttpRetryPolicy::backoffMs(int attempt, double random) const
{
    const int shift = std::clamp(attempt - 1, 0, 30);
    const qint64 cap = std::max(0, maxDelayMs);
    const qint64 full = std::min<qint64>(cap, static_cast<qint64>(std::max(0, baseDelayMs)) << shift);
    const double r = std::clamp(random, 0.0, 1.0);
    return full / 2 + static_cast<qint64>(std::floor(r * static_cast<double>(full - full / 2)));
}

qint64 HttpRetryPolicy::delayMs(int attempt, qint64 retryAfterMs, double random) const
{
    return std::max(backoffMs(attempt, random), retryAfterMs);
}

qint64 HttpRetryPolicy::parseRetryAfter(const QByteArray &raw, const QDateTime &nowUtc)
{
    const QByteArray v = raw.trimmed();
    if (v.isEmpty())
        return -1;
    bool digits = true;
    for (const char c : v)
        digits = digits && c >= '0' && c <= '9';
    if (digits) {
        bool ok = false;
        const qint64 s = v.size() > 9 ? 999999999 : v.toLongLong(&ok);
        return (ok || v.size() > 9) ? s * 1000 : -1;
    }
    // An HTTP-date: IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" (the obsolete forms are not sent any more).
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    when.setTimeZone(QTimeZone::utc());
    return std::max<qint64>(0, nowUtc.msecsTo(when));
}

QString HttpRetryPolicy::formatDuration(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 120000) {
        // tenths, without a trailing .0
        const qint64 tenths = (ms + 50) / 100;
        return tenths % 10 == 0 ? QStringLiteral("%1 s").arg(tenths / 10) : QStringLiteral("%1.%2 s").arg(tenths / 10).arg(tenths % 10);
    }
    return QStringLiteral("%1 min").arg((ms + 30000) / 60000);
}

} // namespace tl
