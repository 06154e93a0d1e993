// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/attempttable.h"

#include <QByteArray>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

#include <utility>
#include <vector>

namespace tl {

/**
 * The outcome of one fetch (one logical download, all pages and retries included): either the
 * bytes to save, exactly as the service sent them except that the credential is replaced by
 * its redaction token, or the reason there are none. A failed fetch carries no body at all,
 * so nothing partial can be stored from it. Messages are already redacted.
 */
struct FetchResult
{
    enum class Status {
        Ok,
        InvalidInput,      ///< refused before anything was sent (bad date, bad URL, no key)
        Cancelled,         ///< the user cancelled
        TimedOut,          ///< no complete answer within the timeout, on every attempt
        ConnectionFailed,  ///< refused, unreachable, reset, TLS failure
        Unauthorized,      ///< 401/403: bad, expired or revoked credential
        HttpError,         ///< another HTTP error status (after the retries it deserved)
        MalformedResponse, ///< not JSON, or not the shape of this service's answer
        ServiceError,      ///< a well-formed answer that says it failed (success=false, "message")
    };

    Status status = Status::Ok;
    QString message;        ///< why it failed (redacted); empty when ok
    int httpStatus = 0;     ///< the last HTTP status received, 0 = none
    int attempts = 0;       ///< HTTP attempts made, retries included
    int requests = 0;       ///< logical requests (pages) completed
    QString format;         ///< format id of body (formats.md): cometapi_quota, newapi_logs
    QString source;         ///< the first request's URL, redacted
    QByteArray body;        ///< what to save; empty unless ok
    UtcMicros startedAt = kNoTime;  ///< when the first request was sent
    UtcMicros observedAt = kNoTime; ///< when the last answer arrived: the observation's time
    /** What the answer says, in order (window, totals, pages): exact texts, for messages and the sidecar. */
    std::vector<std::pair<QString, QJsonValue>> summary;

    bool ok() const { return status == Status::Ok; }
    QJsonValue summaryValue(const QString &key) const;
    void setSummary(const QString &key, const QJsonValue &value);
    static const char *statusName(Status s);
};

} // namespace tl

Q_DECLARE_METATYPE(tl::FetchResult)
