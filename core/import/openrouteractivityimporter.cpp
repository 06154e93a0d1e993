// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/tabularfields.h"

namespace tl::importers {

// formats.md §3d: OpenRouter's activity export, one provider record per generation.
// cost_total is what OpenRouter charged in USD, read as an exact decimal (it is the
// provider's own figure, so excess digits are an error, not noise). OpenRouter counts
// reasoning tokens inside completion tokens and cached tokens inside prompt tokens, the same
// subsets as the client ledger, so they map one to one.
//
// Decisions where the spec is silent: generation_id and created_at are required (a record
// without them cannot be joined or dated); generation_id serves as both the record id and the
// response id (the id OpenRouter returns in the response body is the generation id);
// provider_name, cost_cache and other columns stay in the stored file only.
void openrouterActivityCsv(ImportContext &ctx)
{
    CsvReader r(ctx.bytes, ctx.fileName());
    const CsvHeader h(r);
    const int cId = h.require("generation_id");
    const int cCreated = h.require("created_at");
    const int cCost = h.index("cost_total"), cPrompt = h.index("tokens_prompt"), cCompletion = h.index("tokens_completion"),
              cReasoning = h.index("tokens_reasoning"), cCached = h.index("tokens_cached"), cModel = h.index("model_permaslug"),
              cCancelled = h.index("cancelled"), cStreamed = h.index("streamed"), cKey = h.index("api_key_name");
    const int width = static_cast<int>(h.names().size());

    auto &t = ctx.out.providerRequests;

    qint64 read = 0;
    while (r.next()) {
        ++read;
        tabular::checkWidth(ctx, r, width);
        const qint64 line = r.line();
        ProviderRequestRow p;
        p.recordId = ctx.intern(tabular::requiredCell(ctx, r, cId, "generation_id"));
        p.responseId = p.recordId;
        p.timestamp = ctx.timestamp(tabular::cell(r, cCreated), line, "created_at", true);
        p.cost = ctx.decimal(tabular::cell(r, cCost), line, "cost_total");
        p.inputTokens = ctx.tokens(tabular::cell(r, cPrompt), line, "tokens_prompt");
        p.outputTokens = ctx.tokens(tabular::cell(r, cCompletion), line, "tokens_completion");
        p.reasoningTokens = ctx.tokens(tabular::cell(r, cReasoning), line, "tokens_reasoning");
        p.cachedTokens = ctx.tokens(tabular::cell(r, cCached), line, "tokens_cached");
        const std::string_view model = tabular::cell(r, cModel);
        p.model = ImportContext::isNull(model) ? StringPool::None : ctx.intern(model);
        const std::string_view key = tabular::cell(r, cKey);
        p.apiKey = ImportContext::isNull(key) ? StringPool::None : ctx.intern(key);
        p.cancelled = ctx.flag(tabular::cell(r, cCancelled), line, "cancelled");
        p.stream = ctx.flag(tabular::cell(r, cStreamed), line, "streamed");
        p.type = ProviderRecordType::Consume;
        p.sourceFile = ctx.fileIndex;
        p.sourceLine = static_cast<std::uint32_t>(line);
        t.append(p);
    }
    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = read;
}

} // namespace tl::importers
