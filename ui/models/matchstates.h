// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QString>

#include <cstdint>

namespace tl {

/**
 * How the ledgers agree on one aligned row (a request, or a key and day), from the most to the
 * least urgent: the first that applies names the row. LedgerColors::matchBackground gives the
 * colour; the same state reads the same on every page.
 */
enum class MatchState : std::int8_t {
    Quarantined = 0,   ///< the client line was quarantined (duplicate, unknown model, missing usage)
    MissingClient,     ///< a gateway or provider record the client never logged
    MissingProvider,   ///< billable on the client side, no provider record or figure
    MissingGateway,    ///< sent by the client, not seen by the gateway
    ModelDifference,   ///< another model on the other side
    TokenDifference,   ///< other token counts on the other side
    AmountDifference,  ///< key·day: the amounts differ by more than rounding
    Retry,             ///< a retry, or an attempt that was retried
    NotBilled,         ///< not billable by policy and no record: as expected
    Matched,           ///< every ledger present agrees
    FinanceLine,       ///< an invoice or statement line (not per request)
};
constexpr int MatchStateCount = 11;

/** Names, explanations and colours of the match states. */
class MatchStates
{
public:
    /** "missing in provider" */
    static QString title(MatchState s);
    /** The cell text, short enough for a narrow column: "no provider", "tokens \u2260". */
    static QString shortTitle(MatchState s);
    /** One sentence a reviewer can act on. */
    static QString description(MatchState s);
    /** Light tint for the row (invalid: no tint). */
    static QColor background(MatchState s);
};

} // namespace tl
