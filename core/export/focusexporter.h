// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/reconcileresult.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <string_view>

namespace tl {

/**
 * Writes the reconciled costs of a period as a FOCUS 1.2 CSV (formats.md, Outputs; packet.md
 * data/results/focus.csv): the 57 FOCUS 1.2 columns in the order of the specification's
 * column list, and nothing else.
 *
 * Rows:
 * - one `Usage` row per billable model × API key × UTC day of the attempts counted in
 *   `estimated_billable` (treatment billable or partial, not quarantined), so that the
 *   BilledCost of the usage rows adds up to `cost.estimated_billable` exactly. BilledCost,
 *   EffectiveCost and ContractedCost are that estimate (exact decimal text, unrounded);
 *   ListCost is the same attempts at the snapshot's list price, i.e. without the
 *   `upstream_ratio` (a minimum charge that lifted an attempt counts as its own list price).
 *   Token-priced rows count tokens (input + output) and price in "Tokens", "1000 Tokens" or
 *   "1000000 Tokens" by the snapshot's unit basis; per-call rows count "Requests". Unit prices
 *   are given only where one price explains the whole row (per-call models); token rows mix
 *   input, cached, output and reasoning rates, so their unit prices are null.
 * - one row per finance line that is not usage or a top-up: credits and discounts as
 *   `Credit`, tax as `Tax`, refunds, adjustments and fx as `Adjustment`, each with its own
 *   amount, document id and (when given) model and key. Invoice usage lines are the
 *   provider's view of the same usage and top-ups are prepayments: both would double count.
 *
 * Date/times are UTC `YYYY-MM-DDTHH:mm:ssZ`, a null is an empty cell, and the output is
 * deterministic: usage rows by day, key, model; finance rows in file order.
 */
class FocusExporter
{
public:
    /** The 57 FOCUS 1.2 column ids, in the specification's order. */
    static QStringList columns();

    static QByteArray focusCsv(const ReconcileResult &result, const LedgerSet &set);
    /** Writes focusCsv() to path atomically; false with *error set on failure. */
    static bool write(const QString &path, const ReconcileResult &result, const LedgerSet &set, QString *error);

    /** The provider whose records the inputs hold ("CometAPI" when none says otherwise). */
    static QString providerName(const LedgerSet &set);
    /** The publisher of a model by its family name (gpt-… OpenAI, claude-… Anthropic …), else fallback. */
    static QString publisherName(std::string_view model, const QString &fallback);
};

} // namespace tl
