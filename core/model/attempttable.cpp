// SPDX-License-Identifier: Apache-2.0
#include "core/model/attempttable.h"

#include <stdexcept>
#include <string>

namespace tl {

#define TL_ATTEMPT_COLUMNS(X)                                                                      \
    X(requestId) X(attempt) X(timestamp) X(accountRef) X(apiKey) X(service)                        \
    X(environment) X(modelRequested) X(modelBilled) X(role) X(httpStatus) X(outcome) X(stream)     \
    X(clientTimeout) X(streamCancelled) X(cacheHit) X(responseId) X(costCenter) X(owner)           \
    X(sourceIp) X(tenant) X(sourceFile) X(sourceLine)
#define TL_TOKEN_COLUMNS(X) X(inputTokens) X(outputTokens) X(cachedTokens) X(cacheWriteTokens) X(reasoningTokens)

namespace {

template<typename T>
void appendSparse(std::vector<T> &col, std::size_t rows, bool has, const T &value, const T &absent)
{
    if (col.empty() && !has)
        return;
    if (col.size() < rows)
        col.resize(rows, absent);
    col.push_back(value);
}

template<typename T>
void appendSparseTable(std::vector<T> &col, std::size_t rows, const std::vector<T> &other, std::size_t otherRows, const T &absent)
{
    if (col.empty() && other.empty())
        return;
    col.resize(rows, absent);
    col.insert(col.end(), other.begin(), other.end());
    col.resize(rows + otherRows, absent);
}

} // namespace

void AttemptTable::reserve(std::size_t n)
{
#define X(c) c.reserve(n);
    TL_ATTEMPT_COLUMNS(X)
    TL_TOKEN_COLUMNS(X)
#undef X
}

void AttemptTable::append(const AttemptRow &r)
{
#define X(c)                                                                                        \
    if (!TokenCount::fits(r.c))                                                                     \
        throw std::out_of_range("token count " + std::to_string(r.c) + " in " #c " is above "       \
                                + std::to_string(TokenCount::kMax) + ", the most one attempt can hold");
    TL_TOKEN_COLUMNS(X)
#undef X
    const std::size_t n = size();
    appendSparse(m_endTimestamp, n, r.endTimestamp != kNoTime, r.endTimestamp, kNoTime);
    appendSparse(m_reportedCost, n, r.reportedCost.known || !r.reportedCost.value.isZero(), r.reportedCost.value, Decimal());
    appendSparse(m_reportedCostKnown, n, r.reportedCost.known, std::uint8_t(r.reportedCost.known ? 1 : 0), std::uint8_t(0));
#define X(c) c.push_back(r.c);
    TL_ATTEMPT_COLUMNS(X)
#undef X
#define X(c) c.push_back(TokenCount(r.c));
    TL_TOKEN_COLUMNS(X)
#undef X
}

AttemptRow AttemptTable::row(std::size_t i) const
{
    AttemptRow r;
#define X(c) r.c = c[i];
    TL_ATTEMPT_COLUMNS(X)
    TL_TOKEN_COLUMNS(X)
#undef X
    r.endTimestamp = endTimestampAt(i);
    r.reportedCost.value = reportedCostAt(i);
    r.reportedCost.known = reportedCostKnown(i);
    return r;
}

void AttemptTable::appendTable(const AttemptTable &o)
{
    const std::size_t n = size(), m = o.size();
    appendSparseTable(m_endTimestamp, n, o.m_endTimestamp, m, kNoTime);
    appendSparseTable(m_reportedCost, n, o.m_reportedCost, m, Decimal());
    appendSparseTable(m_reportedCostKnown, n, o.m_reportedCostKnown, m, std::uint8_t(0));
#define X(c) c.insert(c.end(), o.c.begin(), o.c.end());
    TL_ATTEMPT_COLUMNS(X)
    TL_TOKEN_COLUMNS(X)
#undef X
}

std::size_t AttemptTable::sparseBytes() const
{
    return m_endTimestamp.capacity() * sizeof(UtcMicros) + m_reportedCost.capacity() * sizeof(Decimal)
        + m_reportedCostKnown.capacity() * sizeof(std::uint8_t);
}

} // namespace tl
