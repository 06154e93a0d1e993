// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace tl {

/**
 * When a failed HTTP attempt is tried again, and after how long (issue #7, "bad network").
 *
 * Retried: 408, 429 and 5xx answers other than 501/505, timeouts and connection errors, up to
 * maxAttempts attempts in all. The wait before retry n is base·2^(n−1) capped at maxDelayMs,
 * with "equal jitter" (a uniform draw in the upper half of that value, so clients that failed
 * together do not retry together). A Retry-After header (seconds or an HTTP date) is honoured:
 * the wait is never shorter than it, and a Retry-After longer than maxRetryAfterMs ends the
 * fetch at once rather than sleeping for it. A request that is not idempotent (the smoke
 * test's chat completion, which costs money) is retried only when the server cannot have
 * acted on it: 429, 503, or a connection that was never made.
 */
class HttpRetryPolicy
{
public:
    int maxAttempts = 4;          ///< attempts in all, the first included (at least 1)
    int timeoutMs = 30000;        ///< per attempt: no complete answer in this time = timed out
    int baseDelayMs = 1000;       ///< the backoff before the first retry (before jitter)
    int maxDelayMs = 30000;       ///< the backoff never exceeds this (before Retry-After)
    int maxRetryAfterMs = 120000; ///< a longer Retry-After ends the fetch

    /** True for the HTTP statuses worth another attempt. */
    static bool isRetryableStatus(int httpStatus, bool idempotent = true);
    /** The jittered backoff after failed attempt `attempt` (1-based); random is uniform in [0, 1). */
    qint64 backoffMs(int attempt, double random) const;
    /** The wait before the next attempt: the backoff, or the Retry-After when that is longer (retryAfterMs < 0: none). */
    qint64 delayMs(int attempt, qint64 retryAfterMs, double random) const;
    /** A Retry-After value (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) in ms from now; -1 when absent or unreadable. */
    static qint64 parseRetryAfter(const QByteArray &value, const QDateTime &nowUtc);
    /** "250 ms", "1.5 s", "2 min": a wait or a timeout for messages. */
    static QString formatDuration(qint64 ms);
};

} // namespace tl
