// SPDX-License-Identifier: Apache-2.0
// 5. A price snapshot built from LiteLLM's model_prices_and_context_window.json (formats.md §5).
#include "core/import/importers.h"
#include "core/import/jsonimport.h"
#include "core/util/sha256.h"

#include <map>
#include <unordered_map>

namespace tl::importers {

namespace {

using namespace jsonimport;

// Modes whose calls are billed by tokens in the OpenAI usage sense (rerank only when the entry
// has a token price; a per-query rerank price is skipped like any other unit).
bool isTokenMode(std::string_view mode)
{
    return mode == "chat" || mode == "completion" || mode == "responses" || mode == "embedding" || mode == "rerank";
}

// The five token prices a row carries, under LiteLLM's names.
struct TokenPrices
{
    MaybeDecimal input, output, cached, cacheWrite, reasoning;
};

constexpr const char *kComponents[5] = {"input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
                                        "cache_creation_input_token_cost", "output_cost_per_reasoning_token"};

MaybeDecimal *component(TokenPrices &p, int i)
{
    switch (i) {
    case 0: return &p.input;
    case 1: return &p.output;
    case 2: return &p.cached;
    case 3: return &p.cacheWrite;
    default: return &p.reasoning;
    }
}

MaybeDecimal price(const ImportContext &ctx, const JsonValue &v)
{
    const MaybeDecimal d = decimal(ctx, v);
    if (d.known && d.value.isNegative())
        fail(ctx, v, QStringLiteral("a price cannot be negative, got %1").arg(v.describe()));
    return d;
}

TokenPrices readPrices(const ImportContext &ctx, const JsonValue &obj)
{
    TokenPrices p;
    for (int i = 0; i < 5; ++i)
        *component(p, i) = price(ctx, obj[kComponents[i]]);
    return p;
}

// "input_cost_per_token_above_128k_tokens" -> component 0, threshold 128000.
bool tierKey(std::string_view key, int *comp, std::int64_t *threshold)
{
    for (int i = 0; i < 5; ++i) {
        const std::string_view base(kComponents[i]);
        if (key.size() <= base.size() || key.substr(0, base.size()) != base)
            continue;
        std::string_view rest = key.substr(base.size());
        constexpr std::string_view pre = "_above_", post = "k_tokens";
        if (rest.size() <= pre.size() + post.size() || rest.substr(0, pre.size()) != pre
            || rest.substr(rest.size() - post.size()) != post)
            continue;
        rest = rest.substr(pre.size(), rest.size() - pre.size() - post.size());
        std::int64_t n = 0;
        for (char c : rest) {
            if (c < '0' || c > '9' || n > 1000000000)
                return false;
            n = n * 10 + (c - '0');
        }
        *comp = i;
        *threshold = n * 1000;
        return true;
    }
    return false;
}

// The lower bound of a tiered_pricing range, written as a JSON number (often 256000.0).
std::int64_t rangeStart(const ImportContext &ctx, const JsonValue &range)
{
    const JsonValue lo = range.at(0);
    Decimal d;
    if (!range.isArray() || range.size() != 2 || !lo.isNumber() || !Decimal::parse(lo.text(), &d).ok || d.isNegative()
        || d.round(0) != d || d > Decimal::fromInt(1000000000000LL))
        fail(ctx, range, QStringLiteral("expected a token range [from, to] of whole token counts, got %1").arg(range.describe()));
    return static_cast<std::int64_t>(d.raw() / Decimal::fromInt(1).raw());
}

bool hasNumericKey(const JsonValue &entry, std::initializer_list<std::string_view> parts)
{
    for (const JsonValue m : entry.children()) {
        if (!m.isNumber())
            continue;
        for (std::string_view part : parts)
            if (m.key().find(part) != std::string_view::npos)
                return true;
    }
    return false;
}

// Why an entry without a per-token input price cannot become a token row.
const char *skipReason(const JsonValue &entry)
{
    if (hasNumericKey(entry, {"per_image", "per_pixel"}))
        return "priced_per_image";
    if (hasNumericKey(entry, {"per_second"}))
        return "priced_per_second";
    if (hasNumericKey(entry, {"per_character"}))
        return "priced_per_character";
    bool perQuery = hasNumericKey(entry, {"per_query", "per_request"}) || entry["search_context_cost_per_query"].isObject();
    for (const JsonValue r : entry["tiered_pricing"].children())
        perQuery = perQuery || r["input_cost_per_query"].isNumber();
    if (perQuery)
        return "priced_per_query";
    if (hasNumericKey(entry, {"cost", "price"}))
        return "priced_per_other_unit";
    return "no_price";
}

} // namespace

void litellmPricesJson(ImportContext &ctx)
{
    JsonDocuments docs(ctx);
    if (docs.isEmpty())
        ctx.fail(0, QString(), QStringLiteral("the file is empty; expected LiteLLM's model_prices_and_context_window.json"));
    if (docs.isLines())
        ctx.fail(0, QString(), QStringLiteral("expected one JSON object (model_prices_and_context_window.json), not JSON Lines"));

    // The source file's hash is the snapshot's provenance (formats.md §5).
    const QString sha = Sha256::hex(ctx.bytes);
    const QString snapshotId = ctx.options.snapshotId.isEmpty() ? QStringLiteral("litellm-") + sha.left(12) : ctx.options.snapshotId;
    MaybeDecimal ratio = ctx.options.upstreamRatio;
    if (!ratio.known) {
        ratio.value = Decimal::fromString("0.8");
        ratio.known = true;
        ctx.report.notes << QStringLiteral("upstream_ratio 0.8 applied to every row (CometAPI documents 0.8 of the upstream "
                                           "list price for token-billed models); assumption: record it in the evidence register");
    } else {
        ctx.report.notes << QStringLiteral("upstream_ratio %1 applied to every row (given)").arg(ratio.value.toString());
    }

    docs.forEach([&](const JsonValue &root) {
        requireObject(ctx, root, "LiteLLM's model price map");
        // JSON keys are unique by meaning: a repeated key counts once, with its last entry.
        std::unordered_map<std::string_view, std::uint32_t> last;
        std::uint32_t i = 0;
        for (const JsonValue e : root.children())
            last[e.key()] = i++;
        qint64 repeated = 0, tierRows = 0, models = 0;
        std::map<QString, qint64> skippedByReason;
        i = 0;
        for (const JsonValue entry : root.children()) {
            const std::uint32_t index = i++;
            const std::string_view model = entry.key();
            if (last[model] != index) {
                ++repeated;
                continue;
            }
            if (model == "sample_spec")
                continue; // LiteLLM's documentation of the fields, not a model
            ++ctx.report.rowsRead;
            requireObject(ctx, entry, "a model entry");
            const QString name = ImportContext::qstr(model);
            const std::string_view mode = text(ctx, entry["mode"]);

            const TokenPrices base = readPrices(ctx, entry);
            // Long-context overrides: <component>_above_<N>k_tokens.
            std::map<std::int64_t, TokenPrices> tiers;
            for (const JsonValue m : entry.children()) {
                int comp = 0;
                std::int64_t threshold = 0;
                if (!tierKey(m.key(), &comp, &threshold))
                    continue;
                const MaybeDecimal p = price(ctx, m);
                if (p.known)
                    *component(tiers[threshold], comp) = p;
            }
            // tiered_pricing: ranges, each priced in full; a range from 0 is the base price.
            std::map<std::int64_t, TokenPrices> ranges;
            const JsonValue tiered = entry["tiered_pricing"];
            if (!tiered.isAbsent()) {
                requireArray(ctx, tiered, "tiered_pricing");
                for (const JsonValue r : tiered.children()) {
                    requireObject(ctx, r, "a tiered_pricing range");
                    if (r["range"].isAbsent())
                        continue; // ranges of something else (LiteLLM's max_results_range for search)
                    const TokenPrices p = readPrices(ctx, r);
                    if (p.input.known)
                        ranges[rangeStart(ctx, r["range"])] = p;
                }
            }
            const bool tokenInput = base.input.known || !ranges.empty();
            if (!tokenInput || !isTokenMode(mode)) {
                const char *reason = tokenInput ? "unsupported_mode" : skipReason(entry);
                ctx.out.skippedPrices.push_back(SkippedPrice{name, QString::fromLatin1(reason)});
                ++ctx.report.skipped[QString::fromLatin1(reason)];
                ++skippedByReason[QString::fromLatin1(reason)];
                continue;
            }

            PriceRow proto;
            proto.snapshotId = snapshotId;
            proto.sourceUrl = QStringLiteral("litellm:model_prices_and_context_window.json");
            proto.priceKind = QStringLiteral("public-list");
            proto.currency = QStringLiteral("USD"); // LiteLLM lists USD per token
            proto.billableModel = name;
            proto.category = BillingCategory::Token;
            proto.unit = 1;
            proto.upstreamRatio = ratio;
            proto.notes = qtext(ctx, entry["litellm_provider"]);
            proto.sourceFile = ctx.fileIndex;
            proto.sourceLine = static_cast<std::uint32_t>(docs.source().lineOf(entry.keyBegin()));
            auto addRow = [&](const TokenPrices &p, std::int64_t threshold) {
                PriceRow row = proto;
                row.inputPrice = p.input;
                row.outputPrice = p.output;
                row.cachedInputPrice = p.cached;
                row.cacheWritePrice = p.cacheWrite;
                row.reasoningPrice = p.reasoning;
                row.tierMinInputTokens = threshold;
                ctx.out.prices.push_back(std::move(row));
                if (threshold != kUnknown)
                    ++tierRows;
            };

            if (base.input.known)
                addRow(base, kUnknown);
            else
                addRow(ranges.begin()->second, kUnknown); // the cheapest range is the base row
            // An _above_ key overrides one price; the others stay those of the base row.
            for (auto &[threshold, p] : tiers) {
                TokenPrices merged = base;
                for (int c = 0; c < 5; ++c)
                    if (component(p, c)->known)
                        *component(merged, c) = *component(p, c);
                addRow(merged, threshold);
            }
            bool first = !base.input.known;
            for (const auto &[from, p] : ranges) {
                if (first) {
                    first = false; // emitted as the base row above
                    continue;
                }
                if (from == 0 || tiers.count(from))
                    continue; // the top-level price or an _above_ key already covers it
                addRow(p, from);
            }
            ++models;
            ++ctx.report.rowsAccepted;
        }
        qint64 skipped = 0;
        for (const auto &[reason, n] : skippedByReason)
            skipped += n;
        ctx.report.notes << QStringLiteral("snapshot %1 from LiteLLM's price map (sha256 %2): %3 entries, %4 priced as %5 row(s) "
                                           "(%6 long-context tier rows), %7 skipped; only per-token list prices are kept "
                                           "(batch, priority, flex and audio-token prices are not)")
                                .arg(snapshotId, sha)
                                .arg(ctx.report.rowsRead)
                                .arg(models)
                                .arg(ctx.out.prices.size())
                                .arg(tierRows)
                                .arg(skipped);
        if (repeated)
            ctx.report.notes << QStringLiteral("%1 repeated key(s): each model counts once, with its last entry").arg(repeated);
    });
}

} // namespace tl::importers
