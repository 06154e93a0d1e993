// SPDX-License-Identifier: Apache-2.0
#include "core/import/requestlogrow.h"

#include "core/import/tabularfields.h"

#include <limits>

namespace tl::requestlog {

const std::array<const char *, ColumnCount> kColumnNames = {
    "request_id", "attempt", "timestamp_utc", "account_ref", "api_key_name", "service", "environment",
    "model_requested", "model_billed", "role", "http_status", "outcome", "stream", "client_timeout",
    "stream_cancelled", "cache_hit", "input_tokens", "output_tokens", "cached_input_tokens",
    "cache_write_tokens", "reasoning_tokens", "response_id", "cost_center", "owner", "source_ip",
    "tenant_id_hash", "cost", "estimated_cost",
};

const std::array<const char *, ColumnCount> kJsonPaths = {
    "$.request_id", "$.attempt", "$.timestamp_utc", "$.account_ref", "$.api_key_name", "$.service", "$.environment",
    "$.model_requested", "$.model_billed", "$.role", "$.http_status", "$.outcome", "$.stream", "$.client_timeout",
    "$.stream_cancelled", "$.cache_hit", "$.input_tokens", "$.output_tokens", "$.cached_input_tokens",
    "$.cache_write_tokens", "$.reasoning_tokens", "$.response_id", "$.cost_center", "$.owner", "$.source_ip",
    "$.tenant_id_hash", "$.cost", "$.estimated_cost",
};

static_assert(ColumnCount <= 32, "RowBuilder keeps one bit per column in a 32-bit mask");

bool isRequired(int column)
{
    switch (column) {
    case RequestId:
    case Attempt:
    case TimestampUtc:
    case AccountRef:
    case ApiKeyName:
    case Service:
    case ModelRequested:
        return true;
    default:
        return false;
    }
}

int columnForName(std::string_view name)
{
    for (int c = 0; c < ColumnCount; ++c)
        if (tabular::equalsNoCase(name, kColumnNames[static_cast<std::size_t>(c)]))
            return c;
    // The tenant column is optional and not in §1b; 1a calls it tenant_id_hash, people write tenant.
    if (tabular::equalsNoCase(name, "tenant"))
        return Tenant;
    return -1;
}

RowBuilder::RowBuilder(ImportContext &ctx, bool json)
    : m_ctx(ctx)
    , m_json(json)
{
}

void RowBuilder::begin(qint64 line)
{
    m_line = line;
    m_given = 0;
    m_row = AttemptRow();
    m_cost = {};
    m_estimatedCost = {};
}

StringPool::Id RowBuilder::intern(int column, std::string_view v)
{
    StringPool::Id &last = m_lastId[static_cast<std::size_t>(column)];
    if (last != StringPool::None && m_ctx.pool.view(last) == v)
        return last;
    last = m_ctx.intern(v);
    return last;
}

StringPool::Id RowBuilder::requiredString(int column, std::string_view v)
{
    if (ImportContext::isNull(v))
        m_ctx.fail(m_line, QLatin1String(label(column)),
                   m_json ? QStringLiteral("a value is required here, got none") : QStringLiteral("a value is required here, got an empty cell"));
    return intern(column, v);
}

StringPool::Id RowBuilder::optionalString(int column, std::string_view v)
{
    return ImportContext::isNull(v) ? StringPool::None : intern(column, v);
}

Flag RowBuilder::flag(std::string_view v, const char *column) const
{
    // The spellings nearly every log uses, decided without the case-insensitive comparisons
    // of the general reader, which cost more than the rest of a flag column's parsing.
    if (v == "false")
        return 0;
    if (v == "true")
        return 1;
    if (v.empty())
        return -1;
    return m_ctx.flag(v, m_line, column);
}

void RowBuilder::set(int column, std::string_view v)
{
    v = tabular::trimmed(v);
    if (!ImportContext::isNull(v))
        m_given |= 1u << column;
    const qint64 line = m_line;
    const char *c = label(column);
    switch (column) {
    case RequestId: m_row.requestId = requiredString(column, v); break;
    case Attempt: {
        if (ImportContext::isNull(v))
            requiredString(column, v); // throws
        const std::int64_t n = m_ctx.integer(v, line, c, 0);
        if (n < 1 || n > std::numeric_limits<std::int32_t>::max())
            m_ctx.fail(line, QLatin1String(c), QStringLiteral("expected an attempt number of 1 or more (1 = first try), got %1").arg(tabular::shown(v)));
        m_row.attempt = static_cast<std::int32_t>(n);
        break;
    }
    case TimestampUtc: m_row.timestamp = m_ctx.timestamp(v, line, c, true); break;
    case AccountRef: m_row.accountRef = requiredString(column, v); break;
    case ApiKeyName: m_row.apiKey = requiredString(column, v); break;
    case Service: m_row.service = requiredString(column, v); break;
    case Environment: m_row.environment = optionalString(column, v); break;
    case ModelRequested: m_row.modelRequested = requiredString(column, v); break;
    case ModelBilled: m_row.modelBilled = optionalString(column, v); break;
    case Role: m_row.role = tabular::role(m_ctx, v, line, c); break;
    case HttpStatus: {
        const std::int64_t s = m_ctx.integer(v, line, c, -1);
        // -1 is how some exporters write "no response"; it means the same as an empty cell.
        if (s != -1 && (s < 100 || s > 599))
            m_ctx.fail(line, QLatin1String(c), QStringLiteral("expected an HTTP status code (100-599) or an empty cell for no response, got %1").arg(tabular::shown(v)));
        m_row.httpStatus = static_cast<std::int16_t>(s);
        break;
    }
    case OutcomeColumn:
        m_row.outcome = ImportContext::isNull(v) ? std::int8_t(-1) : static_cast<std::int8_t>(tabular::outcome(m_ctx, v, line, c));
        break;
    case Stream: m_row.stream = flag(v, c); break;
    case ClientTimeout: m_row.clientTimeout = flag(v, c); break;
    case StreamCancelled: m_row.streamCancelled = flag(v, c); break;
    case CacheHit: m_row.cacheHit = flag(v, c); break;
    case InputTokens: m_row.inputTokens = m_ctx.tokens(v, line, c); break;
    case OutputTokens: m_row.outputTokens = m_ctx.tokens(v, line, c); break;
    case CachedInputTokens: m_row.cachedTokens = m_ctx.tokens(v, line, c); break;
    case CacheWriteTokens: m_row.cacheWriteTokens = m_ctx.tokens(v, line, c); break;
    case ReasoningTokens: m_row.reasoningTokens = m_ctx.tokens(v, line, c); break;
    case ResponseId: m_row.responseId = optionalString(column, v); break;
    case CostCenter: m_row.costCenter = optionalString(column, v); break;
    case Owner: m_row.owner = optionalString(column, v); break;
    case SourceIp: m_row.sourceIp = optionalString(column, v); break;
    case Tenant: m_row.tenant = optionalString(column, v); break;
    // A log's own cost is an estimate written by code that used binary floats: noise is
    // rounded and counted (reconciliation.md, Arithmetic), never a reason to reject the file.
    case Cost: m_cost = m_ctx.decimal(v, line, c, true); break;
    case EstimatedCost: m_estimatedCost = m_ctx.decimal(v, line, c, true); break;
    default: break;
    }
}

void RowBuilder::finish()
{
    static const std::uint32_t requiredMask = [] {
        std::uint32_t m = 0;
        for (int c = 0; c < ColumnCount; ++c)
            if (isRequired(c))
                m |= 1u << c;
        return m;
    }();
    if ((m_given & requiredMask) != requiredMask) {
        for (int c = 0; c < ColumnCount; ++c) {
            if (isRequired(c) && !(m_given & (1u << c)))
                m_ctx.fail(m_line, QLatin1String(label(c)),
                           m_json ? QStringLiteral("required field is missing") : QStringLiteral("a value is required here, got an empty cell"));
        }
    }
    m_row.reportedCost = m_cost.known ? m_cost : m_estimatedCost;
    m_row.sourceFile = m_ctx.fileIndex;
    m_row.sourceLine = static_cast<std::uint32_t>(m_line);
    m_ctx.appendAttempt(m_row, m_line, m_json);
}

} // namespace tl::requestlog
