// SPDX-License-Identifier: Apache-2.0
#include "core/model/outcome.h"

#include <algorithm>
#include <string>

namespace tl {

const char *outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Unknown: return "unknown";
    case Outcome::Success: return "success";
    case Outcome::SuccessStream: return "success_stream";
    case Outcome::StreamCancelled: return "stream_cancelled";
    case Outcome::ClientError: return "client_error";
    case Outcome::RateLimited: return "rate_limited";
    case Outcome::ServerError: return "server_error";
    case Outcome::ClientTimeout: return "client_timeout";
    case Outcome::NetworkError: return "network_error";
    case Outcome::NotSent: return "not_sent";
    case Outcome::CachedResponse: return "cached_response";
    }
    return "unknown";
}

const char *treatmentName(Treatment t)
{
    switch (t) {
    case Treatment::Billable: return "billable";
    case Treatment::NonBillable: return "non_billable";
    case Treatment::Partial: return "partial";
    case Treatment::Unverified: return "unverified";
    }
    return "unverified";
}

bool parseOutcome(std::string_view text, Outcome *out)
{
    std::string t(text);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return c == '-' ? '_' : static_cast<char>(std::tolower(c)); });
    for (int i = 0; i < OutcomeCount; ++i) {
        if (t == outcomeName(static_cast<Outcome>(i))) {
            *out = static_cast<Outcome>(i);
            return true;
        }
    }
    // Seed-001 job status strings.
    if (t == "timeout") { *out = Outcome::ClientTimeout; return true; }
    if (t == "canceled" || t == "cancelled") { *out = Outcome::StreamCancelled; return true; }
    if (t == "error") { *out = Outcome::ServerError; return true; }
    return false;
}

bool parseTreatment(std::string_view text, Treatment *out)
{
    std::string t(text);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return c == '-' ? '_' : static_cast<char>(std::tolower(c)); });
    for (int i = 0; i < TreatmentCount; ++i) {
        if (t == treatmentName(static_cast<Treatment>(i))) {
            *out = static_cast<Treatment>(i);
            return true;
        }
    }
    return false;
}

Outcome deriveOutcome(int httpStatus, bool clientTimeout, bool streamCancelled, bool stream, bool cacheHit)
{
    if (cacheHit)
        return Outcome::CachedResponse;
    if (httpStatus < 0)
        return clientTimeout ? Outcome::ClientTimeout : Outcome::NetworkError;
    if (httpStatus >= 200 && httpStatus < 300) {
        if (streamCancelled)
            return Outcome::StreamCancelled;
        return stream ? Outcome::SuccessStream : Outcome::Success;
    }
    if (httpStatus == 429)
        return Outcome::RateLimited;
    if (httpStatus >= 400 && httpStatus < 500)
        return Outcome::ClientError;
    if (httpStatus >= 500)
        return Outcome::ServerError;
    // 1xx/3xx: a response, but not a usable one; the seeds give no rule, so it is not a
    // success and its billing is unknown.
    return Outcome::ClientError;
}

Treatment defaultTreatment(Outcome o)
{
    switch (o) {
    case Outcome::Success:
    case Outcome::SuccessStream:
        return Treatment::Billable;
    case Outcome::NotSent:
        return Treatment::NonBillable;
    default:
        return Treatment::Unverified;
    }
}

} // namespace tl
