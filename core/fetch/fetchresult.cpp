// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/fetchresult.h"

namespace tl {

QJsonValue FetchResult::summaryValue(const QString &key) const
{
    for (const auto &[k, v] : summary)
        if (k == key)
            return v;
    return QJsonValue(QJsonValue::Undefined);
}

void FetchResult::setSummary(const QString &key, const QJsonValue &value)
{
    for (auto &[k, v] : summary) {
        if (k == key) {
            v = value;
            return;
        }
    }
    summary.emplace_back(key, value);
}

const char *FetchResult::statusName(Status s)
{
    switch (s) {
    case Status::Ok: return "ok";
    case Status::InvalidInput: return "invalid_input";
    case Status::Cancelled: return "cancelled";
    case Status::TimedOut: return "timed_out";
    case Status::ConnectionFailed: return "connection_failed";
    case Status::Unauthorized: return "unauthorized";
    case Status::HttpError: return "http_error";
    case Status::MalformedResponse: return "malformed_response";
    case Status::ServiceError: return "service_error";
    }
    return "unknown";
}

} // namespace tl
