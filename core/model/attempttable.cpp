// SPDX-License-Identifier: Apache-2.0
#include "core/model/attempttable.h"

namespace tl {

#define TL_ATTEMPT_COLUMNS(X)                                                                      \
    X(requestId) X(attempt) X(timestamp) X(endTimestamp) X(accountRef) X(apiKey) X(service)        \
    X(environment) X(modelRequested) X(modelBilled) X(role) X(httpStatus) X(outcome) X(stream)     \
    X(clientTimeout) X(streamCancelled) X(cacheHit) X(inputTokens) X(outputTokens)                 \
    X(cachedTokens) X(cacheWriteTokens) X(reasoningTokens) X(responseId) X(costCenter) X(owner)    \
    X(sourceIp) X(tenant) X(sourceFile) X(sourceLine)

void AttemptTable::reserve(std::size_t n)
{
#define X(c) c.reserve(n);
    TL_ATTEMPT_COLUMNS(X)
#undef X
    reportedCost.reserve(n);
    reportedCostKnown.reserve(n);
}

void AttemptTable::append(const AttemptRow &r)
{
#define X(c) c.push_back(r.c);
    TL_ATTEMPT_COLUMNS(X)
#undef X
    reportedCost.push_back(r.reportedCost.value);
    reportedCostKnown.push_back(r.reportedCost.known ? 1 : 0);
}

AttemptRow AttemptTable::row(std::size_t i) const
{
    AttemptRow r;
#define X(c) r.c = c[i];
    TL_ATTEMPT_COLUMNS(X)
#undef X
    r.reportedCost.value = reportedCost[i];
    r.reportedCost.known = reportedCostKnown[i] != 0;
    return r;
}

void AttemptTable::appendTable(const AttemptTable &o)
{
#define X(c) c.insert(c.end(), o.c.begin(), o.c.end());
    TL_ATTEMPT_COLUMNS(X)
#undef X
    reportedCost.insert(reportedCost.end(), o.reportedCost.begin(), o.reportedCost.end());
    reportedCostKnown.insert(reportedCostKnown.end(), o.reportedCostKnown.begin(), o.reportedCostKnown.end());
}

} // namespace tl
