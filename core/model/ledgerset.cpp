// SPDX-License-Identifier: Apache-2.0
#include "core/model/ledgerset.h"

#include <algorithm>
#include <string>

namespace tl {

const char *ledgerKindName(LedgerKind k)
{
    switch (k) {
    case LedgerKind::Client: return "client";
    case LedgerKind::Gateway: return "gateway";
    case LedgerKind::Provider: return "provider";
    case LedgerKind::Finance: return "finance";
    case LedgerKind::Prices: return "prices";
    case LedgerKind::Mapping: return "mapping";
    case LedgerKind::Owners: return "owners";
    case LedgerKind::Policy: return "policy";
    case LedgerKind::Evidence: return "evidence";
    case LedgerKind::Units: return "units";
    }
    return "client";
}

bool parseLedgerKind(std::string_view text, LedgerKind *out)
{
    std::string t(text);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (t == "invoice") {
        *out = LedgerKind::Finance;
        return true;
    }
    for (int i = 0; i <= static_cast<int>(LedgerKind::Units); ++i) {
        if (t == ledgerKindName(static_cast<LedgerKind>(i))) {
            *out = static_cast<LedgerKind>(i);
            return true;
        }
    }
    return false;
}

LedgerSet::LedgerSet()
    : m_pool(std::make_unique<StringPool>())
{
}

void LedgerSet::add(LedgerKind kind, SourceFile file, LedgerData &&d)
{
    files.push_back(std::move(file));
    // the first file of a ledger moves its columns instead of copying them.
    AttemptTable &dst = kind == LedgerKind::Gateway ? gateway : client;
    if (dst.size() == 0)
        dst = std::move(d.attempts);
    else
        dst.appendTable(d.attempts);
    const auto obsOffset = static_cast<std::uint32_t>(observations.size());
    for (auto &o : d.observations)
        observations.push_back(std::move(o));
    providerDaily.appendTable(d.providerDaily, obsOffset);
    providerRequests.appendTable(d.providerRequests);
    auto move = [](auto &dst, auto &src) {
        dst.insert(dst.end(), std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
    };
    move(finance, d.finance);
    move(prices, d.prices);
    move(skippedPrices, d.skippedPrices);
    move(mappings, d.mappings);
    move(owners, d.owners);
    move(policy, d.policy);
    move(evidence, d.evidence);
    move(units, d.units);
}

} // namespace tl
