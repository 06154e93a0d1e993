// SPDX-License-Identifier: Apache-2.0
#include "ui/models/ledgerfiltermatcher.h"

#include "core/util/timeutil.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <string_view>

namespace tl {

namespace {

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// ASCII case-insensitive substring test; needle is already lower case and not empty. Only where
// the needle's first and last bytes both match (in either case) is the middle compared: most
// pooled strings (unique ids) are rejected without an inner loop.
bool containsFolded(std::string_view hay, std::string_view needle)
{
    const std::size_t m = needle.size();
    if (m > hay.size())
        return false;
    const char first = needle[0], firstUpper = upper(first);
    const char last = needle[m - 1], lastUpper = upper(last);
    const char *h = hay.data();
    const std::size_t end = hay.size() - m;
    for (std::size_t i = 0; i <= end; ++i) {
        const char a = h[i], z = h[i + m - 1];
        if (!((a == first || a == firstUpper) && (z == last || z == lastUpper)))
            continue;
        std::size_t k = 1;
        while (k + 1 < m && lower(h[i + k]) == needle[k])
            ++k;
        if (k + 1 >= m)
            return true;
    }
    return false;
}

StringPool::Id findId(const StringPool &pool, const QString &text)
{
    const QByteArray k = text.toUtf8();
    return pool.find(std::string_view(k.constData(), static_cast<std::size_t>(k.size())));
}

} // namespace

LedgerFilterMatcher::LedgerFilterMatcher(const Workspace &ws, const LedgerFilter &filter)
    : m_ws(ws)
    , m_filter(filter)
{
    const StringPool &pool = ws.set.pool();
    m_byKey = !filter.apiKey.isEmpty();
    if (m_byKey)
        m_key = findId(pool, filter.apiKey); // None: matches nothing (no row has key 0 and a name)
    m_byModel = !filter.model.isEmpty();
    if (m_byModel)
        m_model = findId(pool, filter.model);
    m_byOwner = !filter.owner.isEmpty();
    if (m_byOwner) {
        m_ownerId = findId(pool, filter.owner);
        m_ownerIndex = static_cast<std::int32_t>(ws.alignment.owners.indexOf(filter.owner));
    }
    if (filter.rows) {
        m_rowMark.assign(ws.set.client.size(), 0);
        for (std::uint32_t row : *filter.rows)
            if (row < m_rowMark.size())
                m_rowMark[row] = 1;
    }
    if (filter.providerRows) {
        const std::size_t n = filter.providerRowsAreRequests ? ws.set.providerRequests.size() : ws.set.providerDaily.size();
        m_providerMark.assign(std::max<std::size_t>(n, 1), 0);
        for (std::uint32_t row : *filter.providerRows)
            if (row < n)
                m_providerMark[row] = 1;
    }
    if (filter.gatewayRows) {
        m_gatewayMark.assign(ws.set.gateway.size(), 0);
        for (std::uint32_t row : *filter.gatewayRows)
            if (row < m_gatewayMark.size())
                m_gatewayMark[row] = 1;
    }
    // The text filter is decided once per distinct string, then per row by id.
    const QString text = filter.text.trimmed();
    m_byText = !text.isEmpty();
    if (m_byText) {
        const std::string needle = text.toLower().toStdString();
        const std::size_t n = pool.size();
        m_textMatch.assign(n, 0);
        std::uint8_t *hit = m_textMatch.data();
        const std::string_view folded(needle);
        auto decide = [&pool, hit, folded](std::size_t from, std::size_t to) {
            for (std::size_t id = from; id < to; ++id)
                hit[id] = containsFolded(pool.view(static_cast<StringPool::Id>(id)), folded) ? 1 : 0;
        };
        // Millions of pooled strings (the unique request and response ids): half of them on a
        // second thread. The halves write disjoint bytes; the pool is only read.
        constexpr std::size_t kParallelFrom = 1 << 16;
        if (n >= kParallelFrom && QThreadPool::globalInstance()->maxThreadCount() > 1) {
            const std::size_t mid = n / 2;
            QFuture<void> other = QtConcurrent::run([&] { decide(mid, n); });
            decide(1, mid);
            other.waitForFinished();
        } else {
            decide(1, n);
        }
    }
}

bool LedgerFilterMatcher::ownerPassesForKey(StringPool::Id key) const
{
    if (!m_byOwner)
        return true;
    const auto &ko = m_ws.alignment.keyOwner;
    return m_ownerIndex >= 0 && key < ko.size() && ko[key] == m_ownerIndex;
}

bool LedgerFilterMatcher::needsLine() const
{
    return m_filter.outcome != LedgerFilter::Any || m_filter.category != LedgerFilter::Any || m_filter.status != LedgerFilter::Status::Any;
}

bool LedgerFilterMatcher::needsCellContent() const
{
    return needsLine() || m_byModel || m_byText || m_filter.hasRowSet() || m_filter.matchState != LedgerFilter::Any;
}

bool LedgerFilterMatcher::lineRowMarked(std::size_t li) const
{
    const std::uint32_t row = m_ws.result.lineRow[li];
    return row < m_rowMark.size() && m_rowMark[row];
}

bool LedgerFilterMatcher::line(std::size_t li, bool checkMatchState) const
{
    const ReconcileResult &r = m_ws.result;
    const AttemptTable &c = m_ws.set.client;
    const std::uint32_t row = r.lineRow[li];
    if (m_byKey && c.apiKey[row] != m_key)
        return false;
    if (m_byModel && (m_model == StringPool::None || (r.lineBillableModel[li] != m_model && c.modelRequested[row] != m_model)))
        return false;
    if (m_byOwner) {
        const StringPool::Id o = c.owner[row];
        if (o ? o != m_ownerId : !ownerPassesForKey(c.apiKey[row]))
            return false;
    }
    if (m_filter.day != LedgerFilter::AnyDay && timeutil::utcDay(c.timestamp[row]) != m_filter.day)
        return false;
    if (m_filter.outcome != LedgerFilter::Any && r.lineOutcome[li] != m_filter.outcome)
        return false;
    if (m_filter.category != LedgerFilter::Any && static_cast<int>(r.lineCategory[li]) != m_filter.category)
        return false;
    const Quarantine q = r.lineQuarantine[li];
    switch (m_filter.status) {
    case LedgerFilter::Status::Any: break;
    case LedgerFilter::Status::Quarantined: if (q == Quarantine::None) return false; break;
    case LedgerFilter::Status::UnknownModel: if (q != Quarantine::UnknownModel) return false; break;
    case LedgerFilter::Status::MissingUsage: if (q != Quarantine::MissingUsage) return false; break;
    case LedgerFilter::Status::Duplicate: if (q != Quarantine::Duplicate) return false; break;
    case LedgerFilter::Status::Priced: if (q != Quarantine::None || !r.lineCostKnown[li]) return false; break;
    case LedgerFilter::Status::WithVariance: if (r.lineCategory[li] == VarianceCategory::None) return false; break;
    }
    if (checkMatchState && m_filter.matchState != LedgerFilter::Any) {
        const auto &map = m_ws.alignment.lineRequestRow;
        if (li >= map.size() || map[li] < 0
            || static_cast<int>(m_ws.alignment.requests.state[static_cast<std::size_t>(map[li])]) != m_filter.matchState)
            return false;
    }
    if (m_byText) {
        const bool hit = m_textMatch[c.requestId[row]] || m_textMatch[c.responseId[row]] || m_textMatch[c.apiKey[row]]
            || m_textMatch[c.modelRequested[row]] || m_textMatch[c.modelBilled[row]] || m_textMatch[r.lineBillableModel[li]]
            || m_textMatch[c.service[row]] || m_textMatch[c.owner[row]] || m_textMatch[c.costCenter[row]] || m_textMatch[c.tenant[row]];
        if (!hit)
            return false;
    }
    return true;
}

bool LedgerFilterMatcher::record(StringPool::Id key, StringPool::Id model, DayNumber day, std::initializer_list<StringPool::Id> texts) const
{
    if (needsLine())
        return false;
    if (m_byKey && key != m_key)
        return false;
    if (m_byModel && (m_model == StringPool::None || model != m_model))
        return false;
    if (!ownerPassesForKey(key))
        return false;
    if (!dayPasses(day))
        return false;
    if (m_byText) {
        bool hit = textHit(key) || textHit(model);
        for (StringPool::Id t : texts)
            hit = hit || textHit(t);
        if (!hit)
            return false;
    }
    return true;
}

} // namespace tl
