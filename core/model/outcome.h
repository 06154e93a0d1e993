// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace tl {

/** The outcome class of one attempt (reconciliation.md, Outcome classes). */
enum class Outcome : std::int8_t {
    Unknown = -1, ///< not given in the row: derive it
    Success = 0,
    SuccessStream,
    StreamCancelled,
    ClientError,
    RateLimited,
    ServerError,
    ClientTimeout,
    NetworkError,
    NotSent,
    CachedResponse,
};
constexpr int OutcomeCount = 10;

/** How the billing policy treats an outcome class. */
enum class Treatment : std::int8_t { Billable = 0, NonBillable, Partial, Unverified };
constexpr int TreatmentCount = 4;

const char *outcomeName(Outcome o);
const char *treatmentName(Treatment t);
/** Parses an outcome class name, also the seed-001 status strings (timeout, canceled, error). */
bool parseOutcome(std::string_view text, Outcome *out);
bool parseTreatment(std::string_view text, Treatment *out);

/** Derives the outcome from the row's flags, in the order reconciliation.md gives. */
Outcome deriveOutcome(int httpStatus, bool clientTimeout, bool streamCancelled, bool stream, bool cacheHit);

/** The default treatment of a class without a policy row. */
Treatment defaultTreatment(Outcome o);

} // namespace tl
