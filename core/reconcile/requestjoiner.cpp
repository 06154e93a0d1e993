// SPDX-License-Identifier: Apache-2.0
#include "core/reconcile/requestjoiner.h"

#include <algorithm>
#include <unordered_map>

namespace tl {

JoinResult RequestJoiner::join(const AttemptTable &c, const std::vector<std::uint32_t> &lineRow, const std::vector<std::uint8_t> &eligible,
                               const std::vector<StringPool::Id> &lineModel, const std::vector<JoinRecord> &records,
                               std::int64_t windowMicros)
{
    const std::size_t L = lineRow.size();
    JoinResult r;
    r.line.assign(records.size(), -1);
    r.method.assign(records.size(), JoinMethod::None);
    r.lineMatched.assign(L, 0);

    std::unordered_map<StringPool::Id, std::uint32_t> byResponse;
    std::unordered_map<StringPool::Id, std::vector<std::uint32_t>> byRequest;
    std::unordered_map<StringPool::Id, std::vector<std::pair<UtcMicros, std::uint32_t>>> byKey;
    byResponse.reserve(L);
    byRequest.reserve(L);
    for (std::uint32_t li = 0; li < L; ++li) {
        if (!eligible[li])
            continue;
        const std::uint32_t row = lineRow[li];
        if (c.responseId[row] != 0)
            byResponse.emplace(c.responseId[row], li);
        byRequest[c.requestId[row]].push_back(li);
        byKey[c.apiKey[row]].emplace_back(c.timestamp[row], li);
    }
    for (auto &[k, v] : byKey)
        std::sort(v.begin(), v.end());

    auto take = [&](std::size_t ri, std::uint32_t li, JoinMethod m) {
        r.line[ri] = static_cast<std::int32_t>(li);
        r.method[ri] = m;
        r.lineMatched[li] = 1;
    };
    // Pass 1: exact identifiers.
    for (std::size_t ri = 0; ri < records.size(); ++ri) {
        const JoinRecord &rec = records[ri];
        if (rec.responseId != 0) {
            const auto it = byResponse.find(rec.responseId);
            if (it != byResponse.end() && !r.lineMatched[it->second]) {
                take(ri, it->second, JoinMethod::ResponseId);
                continue;
            }
        }
        if (rec.requestId != 0) {
            const auto it = byRequest.find(rec.requestId);
            if (it != byRequest.end()) {
                std::int32_t best = -1;
                std::int64_t bestGap = 0;
                for (std::uint32_t li : it->second) {
                    if (r.lineMatched[li])
                        continue;
                    const std::int64_t gap = std::llabs(c.timestamp[lineRow[li]] - rec.timestamp);
                    if (best < 0 || gap < bestGap) {
                        best = static_cast<std::int32_t>(li);
                        bestGap = gap;
                    }
                }
                if (best >= 0)
                    take(ri, static_cast<std::uint32_t>(best), JoinMethod::RequestId);
            }
        }
    }
    // Pass 2 and 3: fuzzy, first with equal tokens and model, then lines without tokens.
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t ri = 0; ri < records.size(); ++ri) {
            if (r.line[ri] >= 0)
                continue;
            const JoinRecord &rec = records[ri];
            const auto it = byKey.find(rec.apiKey);
            if (it == byKey.end() || rec.timestamp == kNoTime)
                continue;
            const auto &v = it->second;
            auto lo = std::lower_bound(v.begin(), v.end(), std::make_pair(rec.timestamp - windowMicros, std::uint32_t(0)));
            std::int32_t best = -1;
            std::int64_t bestGap = 0;
            for (; lo != v.end() && lo->first <= rec.timestamp + windowMicros; ++lo) {
                const std::uint32_t li = lo->second;
                if (r.lineMatched[li])
                    continue;
                const std::uint32_t row = lineRow[li];
                if (pass == 0) {
                    if (rec.model != 0 && lineModel[li] != 0 && rec.model != lineModel[li])
                        continue;
                    if (rec.inputTokens < 0 || rec.outputTokens < 0 || c.inputTokens[row] != rec.inputTokens
                        || c.outputTokens[row] != rec.outputTokens)
                        continue;
                } else if (c.inputTokens[row] >= 0 && c.outputTokens[row] >= 0) {
                    continue;
                }
                const std::int64_t gap = std::llabs(lo->first - rec.timestamp);
                if (best < 0 || gap < bestGap) {
                    best = static_cast<std::int32_t>(li);
                    bestGap = gap;
                }
            }
            if (best >= 0)
                take(ri, static_cast<std::uint32_t>(best), JoinMethod::Fuzzy);
        }
    }
    for (std::size_t ri = 0; ri < records.size(); ++ri) {
        switch (r.method[ri]) {
        case JoinMethod::ResponseId: ++r.byResponseId; break;
        case JoinMethod::RequestId: ++r.byRequestId; break;
        case JoinMethod::Fuzzy: ++r.fuzzy; break;
        case JoinMethod::None: ++r.unmatchedRecords; break;
        }
        if (r.line[ri] < 0)
            continue;
        const std::uint32_t li = static_cast<std::uint32_t>(r.line[ri]);
        const std::uint32_t row = lineRow[li];
        const JoinRecord &rec = records[ri];
        if ((rec.inputTokens >= 0 && c.inputTokens[row] >= 0 && rec.inputTokens != c.inputTokens[row])
            || (rec.outputTokens >= 0 && c.outputTokens[row] >= 0 && rec.outputTokens != c.outputTokens[row]))
            ++r.tokenMismatches;
        if (rec.model != 0 && lineModel[li] != 0 && rec.model != lineModel[li])
            ++r.modelMismatches;
    }
    for (std::uint32_t li = 0; li < L; ++li)
        if (eligible[li] && !r.lineMatched[li])
            ++r.unmatchedLines;
    return r;
}

namespace {

/** The rows of a gateway or provider table inside the period that `keep` keeps, as records with `model`. */
template <typename Table, typename Keep, typename Model>
std::vector<JoinRecord> recordsOf(const Table &t, const Period &period, std::vector<std::uint32_t> *rows, Keep keep, Model model)
{
    std::vector<JoinRecord> recs;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!period.contains(t.timestamp[i]) || !keep(i))
            continue;
        JoinRecord jr;
        jr.responseId = t.responseId[i];
        jr.requestId = t.requestId[i];
        jr.apiKey = t.apiKey[i];
        jr.model = model(i);
        jr.timestamp = t.timestamp[i];
        jr.inputTokens = t.inputTokens[i];
        jr.outputTokens = t.outputTokens[i];
        recs.push_back(jr);
        if (rows)
            rows->push_back(static_cast<std::uint32_t>(i));
    }
    return recs;
}

} // namespace

std::vector<JoinRecord> RequestJoiner::gatewayRecords(const AttemptTable &g, const Period &period, std::vector<std::uint32_t> *rows)
{
    return recordsOf(
        g, period, rows, [](std::size_t) { return true; }, [&g](std::size_t i) { return g.modelBilled[i]; });
}

std::vector<JoinRecord> RequestJoiner::providerRecords(const ProviderRequestTable &p, const Period &period, std::vector<std::uint32_t> *rows)
{
    return recordsOf(
        p, period, rows, [&p](std::size_t i) { return p.costKnown[i] != 0; },
        [&p](std::size_t i) { return p.upstreamModel[i] ? p.upstreamModel[i] : p.model[i]; });
}

} // namespace tl
