// SPDX-License-Identifier: Apache-2.0
#include "core/model/providertables.h"

namespace tl {

void ProviderDailyTable::append(std::uint32_t obs, DayNumber d, StringPool::Id key, StringPool::Id mdl,
                                MaybeDecimal amt, std::int64_t req, std::int64_t input,
                                std::int64_t output, std::int64_t cached, std::uint32_t line)
{
    observation.push_back(obs);
    day.push_back(d);
    apiKey.push_back(key);
    model.push_back(mdl);
    amount.push_back(amt.value);
    amountKnown.push_back(amt.known ? 1 : 0);
    requests.push_back(req);
    inputTokens.push_back(input);
    outputTokens.push_back(output);
    cachedTokens.push_back(cached);
    sourceLine.push_back(line);
}

void ProviderDailyTable::appendTable(const ProviderDailyTable &o, std::uint32_t observationOffset)
{
    for (std::uint32_t v : o.observation)
        observation.push_back(v + observationOffset);
    auto cat = [](auto &dst, const auto &src) { dst.insert(dst.end(), src.begin(), src.end()); };
    cat(day, o.day);
    cat(apiKey, o.apiKey);
    cat(model, o.model);
    cat(amount, o.amount);
    cat(amountKnown, o.amountKnown);
    cat(requests, o.requests);
    cat(inputTokens, o.inputTokens);
    cat(outputTokens, o.outputTokens);
    cat(cachedTokens, o.cachedTokens);
    cat(sourceLine, o.sourceLine);
}

#define TL_PROVIDER_COLUMNS(X)                                                                     \
    X(recordId) X(requestId) X(responseId) X(timestamp) X(apiKey) X(model) X(upstreamModel)        \
    X(sourceIp) X(group) X(type) X(inputTokens) X(outputTokens) X(cachedTokens)                   \
    X(reasoningTokens) X(stream) X(cancelled) X(sourceFile) X(sourceLine)

void ProviderRequestTable::append(const ProviderRequestRow &r)
{
#define X(c) c.push_back(r.c);
    TL_PROVIDER_COLUMNS(X)
#undef X
    cost.push_back(r.cost.value);
    costKnown.push_back(r.cost.known ? 1 : 0);
    rateMultiplier.push_back(r.rateMultiplier.value);
    rateMultiplierKnown.push_back(r.rateMultiplier.known ? 1 : 0);
}

ProviderRequestRow ProviderRequestTable::row(std::size_t i) const
{
    ProviderRequestRow r;
#define X(c) r.c = c[i];
    TL_PROVIDER_COLUMNS(X)
#undef X
    r.cost = {cost[i], costKnown[i] != 0};
    r.rateMultiplier = {rateMultiplier[i], rateMultiplierKnown[i] != 0};
    return r;
}

void ProviderRequestTable::appendTable(const ProviderRequestTable &o)
{
#define X(c) c.insert(c.end(), o.c.begin(), o.c.end());
    TL_PROVIDER_COLUMNS(X)
    X(cost) X(costKnown) X(rateMultiplier) X(rateMultiplierKnown)
#undef X
}

} // namespace tl
