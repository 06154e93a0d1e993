// SPDX-License-Identifier: Apache-2.0
#include "ui/models/matchstates.h"

#include <QCoreApplication>

namespace tl {

namespace {
QString tr(const char *s)
{
    return QCoreApplication::translate("tl::MatchStates", s);
}
} // namespace

QString MatchStates::title(MatchState s)
{
    switch (s) {
    case MatchState::Quarantined: return tr("quarantined");
    case MatchState::MissingClient: return tr("missing in client");
    case MatchState::MissingProvider: return tr("missing in provider");
    case MatchState::MissingGateway: return tr("missing in gateway");
    case MatchState::ModelDifference: return tr("model differs");
    case MatchState::TokenDifference: return tr("tokens differ");
    case MatchState::AmountDifference: return tr("amount differs");
    case MatchState::Retry: return tr("retry");
    case MatchState::NotBilled: return tr("not billed");
    case MatchState::Matched: return tr("matched");
    case MatchState::FinanceLine: return tr("invoice line");
    }
    return QString();
}

QString MatchStates::shortTitle(MatchState s)
{
    switch (s) {
    case MatchState::MissingClient: return tr("no client");
    case MatchState::MissingProvider: return tr("no provider");
    case MatchState::MissingGateway: return tr("no gateway");
    case MatchState::ModelDifference: return tr("model \u2260");
    case MatchState::TokenDifference: return tr("tokens \u2260");
    case MatchState::AmountDifference: return tr("amount \u2260");
    default: return title(s);
    }
}

QString MatchStates::description(MatchState s)
{
    switch (s) {
    case MatchState::Quarantined:
        return tr("The client line was quarantined: it is kept out of the estimate until someone looks at it.");
    case MatchState::MissingClient:
        return tr("The gateway or the provider recorded this, but the client never logged it (another application, a leaked key).");
    case MatchState::MissingProvider:
        return tr("Billable on the client side, but the provider has no record or figure for it (posting delay, or not charged).");
    case MatchState::MissingGateway:
        return tr("The client sent it, but the gateway has no row for it.");
    case MatchState::ModelDifference:
        return tr("The other side names another model than the client's billable model.");
    case MatchState::TokenDifference:
        return tr("The other side counts other input or output tokens than the client.");
    case MatchState::AmountDifference:
        return tr("The provider's amount for this key and day differs from the estimate by more than rounding.");
    case MatchState::Retry:
        return tr("A retry, or an attempt that was retried: retries can be charged more than once.");
    case MatchState::NotBilled:
        return tr("Not billable under the billing policy, and no other ledger recorded it: as expected.");
    case MatchState::Matched: return tr("Every ledger present agrees on this row.");
    case MatchState::FinanceLine: return tr("An invoice or statement line; finance records are per document, not per request.");
    }
    return QString();
}

QColor MatchStates::background(MatchState s)
{
    switch (s) {
    case MatchState::Quarantined: return QColor(0xF8, 0xD7, 0xDA);
    case MatchState::MissingClient:
    case MatchState::MissingProvider:
    case MatchState::MissingGateway: return QColor(0xFF, 0xDD, 0xC2);
    case MatchState::ModelDifference:
    case MatchState::TokenDifference:
    case MatchState::AmountDifference: return QColor(0xFF, 0xF0, 0xC2);
    case MatchState::Retry: return QColor(0xE6, 0xE3, 0xF8);
    case MatchState::NotBilled: return QColor();
    case MatchState::Matched: return QColor(0xE4, 0xF2, 0xE7);
    case MatchState::FinanceLine: return QColor(0xE7, 0xEE, 0xF7);
    }
    return QColor();
}

} // namespace tl
