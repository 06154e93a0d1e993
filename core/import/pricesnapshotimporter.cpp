// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/tabularfields.h"

#include <algorithm>
#include <tuple>

namespace tl::importers {

namespace {

// A price, ratio or minimum charge: an exact decimal that cannot be negative (credits and
// discounts are finance lines, §4, never negative prices).
MaybeDecimal nonNegative(const ImportContext &ctx, const CsvReader &r, int index, const char *column, const char *what)
{
    const MaybeDecimal d = ctx.decimal(tabular::cell(r, index), r.line(), column);
    if (d.known && d.value.isNegative())
        ctx.fail(r.line(), QLatin1String(column),
                 QStringLiteral("%1 cannot be negative, got %2").arg(QLatin1String(what), tabular::shown(tabular::cell(r, index))));
    return d;
}

MaybeDecimal price(const ImportContext &ctx, const CsvReader &r, int index, const char *column)
{
    return nonNegative(ctx, r, index, column, "a price");
}

} // namespace

// formats.md §5, reconciliation.md Pricing 2: a dated snapshot of prices. Rows are kept as
// written (list prices and the ratio separately) so that the ratio is applied once, when pricing.
//
// Decisions where the spec is silent:
// - "no usable price" is judged by the row's billing_category: a token row needs at least one
//   token price, a per_call row a per_call_price. Such a row (which includes one with no price
//   at all) is skipped with its reason, listed in skippedPrices and counted in report.skipped.
// - price_kind, when given, must be one of the four kinds of §5; accessed_at, when given, must
//   start with a date.
// - a validity with valid_to not after valid_from is an error (it could never apply).
void priceSnapshotCsv(ImportContext &ctx)
{
    CsvReader r(ctx.bytes, ctx.fileName());
    const CsvHeader h(r);
    const int cSnapshot = h.require("snapshot_id");
    const int cCurrency = h.require("currency");
    const int cModel = h.require("billable_model");
    const int cCategory = h.require("billing_category");
    const int cUnit = h.require("unit_basis");
    const int cSourceUrl = h.index("source_url"), cAccessed = h.index("accessed_at"), cCapturedBy = h.index("captured_by"),
              cKind = h.index("price_kind"), cInput = h.index("input_price"), cOutput = h.index("output_price"),
              cCached = h.index("cached_input_price"), cCacheWrite = h.index("cache_write_price"),
              cReasoning = h.index("reasoning_price"), cPerCall = h.index("per_call_price"), cRatio = h.index("upstream_ratio"),
              cFrom = h.index("valid_from"), cTo = h.index("valid_to"), cTier = h.index("tier_min_input_tokens"),
              cMinimum = h.index("minimum_charge"), cEvidence = h.index("evidence_id"), cNotes = h.index("notes");
    const int width = static_cast<int>(h.names().size());

    std::vector<PriceRow> rows;
    qint64 read = 0;
    while (r.next()) {
        ++read;
        tabular::checkWidth(ctx, r, width);
        const qint64 line = r.line();
        PriceRow p;
        p.snapshotId = ImportContext::qstr(tabular::requiredCell(ctx, r, cSnapshot, "snapshot_id"));
        p.currency = ImportContext::qstr(tabular::requiredCell(ctx, r, cCurrency, "currency"));
        p.billableModel = ImportContext::qstr(tabular::requiredCell(ctx, r, cModel, "billable_model"));

        const std::string_view category = tabular::requiredCell(ctx, r, cCategory, "billing_category");
        if (tabular::equalsNoCase(category, "token"))
            p.category = BillingCategory::Token;
        else if (tabular::equalsNoCase(category, "per_call") || tabular::equalsNoCase(category, "per-call"))
            p.category = BillingCategory::PerCall;
        else
            ctx.fail(line, QStringLiteral("billing_category"), QStringLiteral("expected token or per_call, got %1").arg(tabular::shown(category)));

        const std::string_view unit = tabular::requiredCell(ctx, r, cUnit, "unit_basis");
        if (tabular::equalsNoCase(unit, "per_token"))
            p.unit = 1;
        else if (tabular::equalsNoCase(unit, "per_1k"))
            p.unit = 1000;
        else if (tabular::equalsNoCase(unit, "per_1m"))
            p.unit = 1000000;
        else
            ctx.fail(line, QStringLiteral("unit_basis"), QStringLiteral("expected per_token, per_1k or per_1m, got %1").arg(tabular::shown(unit)));

        p.sourceUrl = tabular::text(r, cSourceUrl);
        const std::string_view accessed = tabular::cell(r, cAccessed);
        ctx.date(accessed, line, "accessed_at"); // validates; kept as written (a date or a timestamp)
        p.accessedAt = tabular::text(r, cAccessed);
        p.capturedBy = tabular::text(r, cCapturedBy);
        const std::string_view kind = tabular::cell(r, cKind);
        if (!ImportContext::isNull(kind)) {
            static const char *const kinds[] = {"public-list", "negotiated", "promotional", "credit-adjusted"};
            if (std::none_of(std::begin(kinds), std::end(kinds), [kind](const char *k) { return tabular::equalsNoCase(kind, k); }))
                ctx.fail(line, QStringLiteral("price_kind"),
                         QStringLiteral("expected public-list, negotiated, promotional or credit-adjusted, got %1").arg(tabular::shown(kind)));
            p.priceKind = ImportContext::qstr(kind).toLower();
        }

        p.inputPrice = price(ctx, r, cInput, "input_price");
        p.outputPrice = price(ctx, r, cOutput, "output_price");
        p.cachedInputPrice = price(ctx, r, cCached, "cached_input_price");
        p.cacheWritePrice = price(ctx, r, cCacheWrite, "cache_write_price");
        p.reasoningPrice = price(ctx, r, cReasoning, "reasoning_price");
        p.perCallPrice = price(ctx, r, cPerCall, "per_call_price");
        p.upstreamRatio = nonNegative(ctx, r, cRatio, "upstream_ratio", "a ratio");
        p.minimumCharge = nonNegative(ctx, r, cMinimum, "minimum_charge", "a minimum charge");

        p.validFrom = ctx.dateBound(tabular::cell(r, cFrom), line, "valid_from");
        p.validTo = ctx.dateBound(tabular::cell(r, cTo), line, "valid_to");
        if (p.validFrom != kNoTime && p.validTo != kNoTime && p.validTo <= p.validFrom)
            ctx.fail(line, QStringLiteral("valid_to"), QStringLiteral("valid_to (%1) must be after valid_from (%2)").arg(tabular::bound(p.validTo), tabular::bound(p.validFrom)));
        p.tierMinInputTokens = ctx.tokens(tabular::cell(r, cTier), line, "tier_min_input_tokens");
        p.evidenceId = tabular::text(r, cEvidence);
        p.notes = tabular::text(r, cNotes);
        p.sourceFile = ctx.fileIndex;
        p.sourceLine = static_cast<std::uint32_t>(line);

        const bool anyTokenPrice = p.inputPrice.known || p.outputPrice.known || p.cachedInputPrice.known
            || p.cacheWritePrice.known || p.reasoningPrice.known;
        QString why;
        if (p.category == BillingCategory::Token && !anyTokenPrice)
            why = p.perCallPrice.known ? QStringLiteral("billing_category token but only a per_call_price")
                                       : QStringLiteral("no price given");
        else if (p.category == BillingCategory::PerCall && !p.perCallPrice.known)
            why = anyTokenPrice ? QStringLiteral("billing_category per_call but no per_call_price")
                                : QStringLiteral("no price given");
        if (!why.isEmpty()) {
            ctx.out.skippedPrices.push_back({p.billableModel, QStringLiteral("line %1: %2").arg(line).arg(why)});
            ++ctx.report.skipped[QStringLiteral("no usable price")];
            continue;
        }
        rows.push_back(std::move(p));
    }

    // Two rows for the same snapshot, model and tier valid at the same time would make the
    // price of an attempt depend on row order (reconciliation.md, Pricing 2: an error).
    const auto [first, second] = tabular::findOverlap(
        rows,
        [](const PriceRow &a, const PriceRow &b) {
            return std::tie(a.snapshotId, a.billableModel, a.tierMinInputTokens) < std::tie(b.snapshotId, b.billableModel, b.tierMinInputTokens);
        },
        [](const PriceRow &a, const PriceRow &b) {
            return a.snapshotId == b.snapshotId && a.billableModel == b.billableModel && a.tierMinInputTokens == b.tierMinInputTokens;
        });
    if (first) {
        const QString tier = first->tierMinInputTokens == kUnknown ? QStringLiteral("the base tier")
                                                                   : QStringLiteral("tier %1").arg(first->tierMinInputTokens);
        ctx.fail(second->sourceLine, QStringLiteral("valid_from"),
                 QStringLiteral("snapshot %1 has two prices for %2 (%3) valid at the same time: lines %4 and %5 ([%6, %7) and [%8, %9))")
                     .arg(first->snapshotId, first->billableModel, tier)
                     .arg(first->sourceLine)
                     .arg(second->sourceLine)
                     .arg(tabular::bound(first->validFrom), tabular::bound(first->validTo), tabular::bound(second->validFrom), tabular::bound(second->validTo)));
    }

    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = static_cast<qint64>(rows.size());
    ctx.out.prices = std::move(rows);
}

} // namespace tl::importers
