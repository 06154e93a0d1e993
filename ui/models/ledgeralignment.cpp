// SPDX-License-Identifier: Apache-2.0
#include "ui/models/ledgeralignment.h"

#include "core/model/outcome.h"
#include "core/reconcile/requestjoiner.h"
#include "core/util/timeutil.h"

#include <QHash>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace tl {

namespace {

quint64 cellKey(StringPool::Id key, DayNumber day)
{
    return (static_cast<quint64>(key) << 32) | static_cast<quint32>(day);
}

// The zone the engine buckets days in: the day zone of the latest observation with daily
// figures (later observed_at wins, then file order), as Reconciler::run chooses it.
QTimeZone providerDayZone(const LedgerSet &set)
{
    QTimeZone tz = QTimeZone::utc();
    std::vector<std::uint32_t> candidates;
    for (std::size_t o = 0; o < set.observations.size(); ++o)
        if (set.observations[o].hasDaily)
            candidates.push_back(static_cast<std::uint32_t>(o));
    for (std::uint32_t o : set.providerDaily.observation)
        candidates.push_back(o);
    if (candidates.empty())
        return tz;
    auto later = [&set](std::uint32_t a, std::uint32_t b) {
        const UtcMicros ta = set.observations[a].observedAt, tb = set.observations[b].observedAt;
        return ta != tb ? ta > tb : a > b;
    };
    std::uint32_t latest = candidates.front();
    for (std::uint32_t o : candidates)
        if (later(o, latest))
            latest = o;
    timeutil::zoneFromName(set.observations[latest].dayTz, &tz);
    return tz;
}

bool tokensDiffer(std::int64_t aIn, std::int64_t aOut, std::int64_t bIn, std::int64_t bOut)
{
    return (aIn >= 0 && bIn >= 0 && aIn != bIn) || (aOut >= 0 && bOut >= 0 && aOut != bOut);
}

} // namespace

LedgerAlignment LedgerAlignment::build(const Job &job, const LedgerSet &set, const ReconcileResult &r)
{
    LedgerAlignment a;
    const AttemptTable &c = set.client;
    const AttemptTable &g = set.gateway;
    const ProviderRequestTable &p = set.providerRequests;
    const StringPool &pool = set.pool();
    const std::size_t L = r.lineRow.size();
    const std::int64_t window = job.controls.matchWindowSeconds * 1000000LL;

    // --- Lines, as the engine sees them ---------------------------------------------------
    std::vector<StringPool::Id> lineModel(L);
    std::vector<std::uint8_t> eligible(L);
    std::vector<std::int32_t> maxAttempt(pool.size(), 0);
    for (std::size_t li = 0; li < L; ++li) {
        const std::uint32_t row = r.lineRow[li];
        lineModel[li] = r.lineBillableModel[li] ? r.lineBillableModel[li] : c.modelRequested[row];
        eligible[li] = r.lineQuarantine[li] != Quarantine::Duplicate;
        std::int32_t &m = maxAttempt[c.requestId[row]];
        m = std::max(m, c.attempt[row]);
    }

    // --- Joins: gateway rows and provider records to client lines ---------------------------
    // The engine's records (RequestJoiner), joined as the engine joins them; a record no client
    // line claims stays alone.
    std::vector<std::int32_t> lineGw(L, -1), linePv(L, -1);
    std::vector<std::uint32_t> gwAlone, pvAlone;
    std::vector<JoinRecord> pvAloneRecs;
    const auto joinToLines = [&](const std::vector<JoinRecord> &recs, const std::vector<std::uint32_t> &recRow,
                                 std::vector<std::int32_t> &lineRecord, std::vector<std::uint32_t> &alone,
                                 std::vector<JoinRecord> *aloneRecs) {
        const JoinResult j = RequestJoiner::join(c, r.lineRow, eligible, lineModel, recs, window);
        for (std::size_t k = 0; k < recs.size(); ++k) {
            if (j.line[k] >= 0) {
                lineRecord[static_cast<std::size_t>(j.line[k])] = static_cast<std::int32_t>(recRow[k]);
            } else {
                alone.push_back(recRow[k]);
                if (aloneRecs)
                    aloneRecs->push_back(recs[k]);
            }
        }
    };
    a.hasGateway = g.size() > 0;
    if (a.hasGateway) {
        std::vector<std::uint32_t> recRow;
        const std::vector<JoinRecord> recs = RequestJoiner::gatewayRecords(g, r.period, &recRow);
        joinToLines(recs, recRow, lineGw, gwAlone, nullptr);
    }
    a.hasProviderRequests = p.size() > 0;
    if (a.hasProviderRequests) {
        std::vector<std::uint32_t> recRow;
        const std::vector<JoinRecord> recs = RequestJoiner::providerRecords(p, r.period, &recRow);
        joinToLines(recs, recRow, linePv, pvAlone, &pvAloneRecs);
    }
    // A request the client never logged but the gateway and the provider both saw is one row:
    // join the lone provider records to the lone gateway rows the same way.
    std::vector<std::int32_t> gwAlonePv(gwAlone.size(), -1);
    std::vector<std::uint8_t> pvTaken(pvAlone.size(), 0);
    if (!gwAlone.empty() && !pvAlone.empty()) {
        std::vector<StringPool::Id> gwModel(gwAlone.size());
        for (std::size_t k = 0; k < gwAlone.size(); ++k)
            gwModel[k] = g.modelBilled[gwAlone[k]] ? g.modelBilled[gwAlone[k]] : g.modelRequested[gwAlone[k]];
        const std::vector<std::uint8_t> all(gwAlone.size(), 1);
        const JoinResult j = RequestJoiner::join(g, gwAlone, all, gwModel, pvAloneRecs, window);
        for (std::size_t k = 0; k < pvAlone.size(); ++k)
            if (j.line[k] >= 0) {
                gwAlonePv[static_cast<std::size_t>(j.line[k])] = static_cast<std::int32_t>(pvAlone[k]);
                pvTaken[k] = 1;
            }
    }

    // --- Request rows ---------------------------------------------------------------------------
    RequestRows &q = a.requests;
    const std::size_t n = L + gwAlone.size() + pvAlone.size();
    const auto reserve = [n](auto &...columns) { (columns.reserve(n), ...); };
    reserve(q.line, q.gateway, q.provider, q.state, q.diff, q.time, q.key, q.model, q.day);
    a.lineRequestRow.assign(L, -1);
    auto push = [&q](std::int32_t line, std::int32_t gw, std::int32_t pv, MatchState s, std::uint8_t diff, UtcMicros t,
                     StringPool::Id key, StringPool::Id model) {
        q.line.push_back(line);
        q.gateway.push_back(gw);
        q.provider.push_back(pv);
        q.state.push_back(s);
        q.diff.push_back(diff);
        q.time.push_back(t);
        q.key.push_back(key);
        q.model.push_back(model);
        q.day.push_back(t == kNoTime ? LedgerAlignment::NoDay : timeutil::utcDay(t));
    };
    for (std::size_t li = 0; li < L; ++li) {
        const std::uint32_t row = r.lineRow[li];
        const std::int32_t gw = lineGw[li], pv = linePv[li];
        std::uint8_t diff = 0;
        if (gw >= 0) {
            const auto gi = static_cast<std::size_t>(gw);
            if (g.modelBilled[gi] && lineModel[li] && g.modelBilled[gi] != lineModel[li])
                diff |= GatewayModel;
            if (tokensDiffer(c.inputTokens[row], c.outputTokens[row], g.inputTokens[gi], g.outputTokens[gi]))
                diff |= GatewayTokens;
        }
        if (pv >= 0) {
            const auto pi = static_cast<std::size_t>(pv);
            const StringPool::Id pm = p.upstreamModel[pi] ? p.upstreamModel[pi] : p.model[pi];
            if (pm && lineModel[li] && pm != lineModel[li])
                diff |= ProviderModel;
            if (tokensDiffer(c.inputTokens[row], c.outputTokens[row], p.inputTokens[pi], p.outputTokens[pi]))
                diff |= ProviderTokens;
        }
        const auto t = static_cast<Treatment>(r.lineTreatment[li]);
        const bool billable = t == Treatment::Billable || t == Treatment::Partial;
        const auto o = static_cast<Outcome>(r.lineOutcome[li]);
        MatchState s = MatchState::Matched;
        if (r.lineQuarantine[li] != Quarantine::None)
            s = MatchState::Quarantined;
        else if (a.hasProviderRequests && billable && pv < 0)
            s = MatchState::MissingProvider;
        else if (a.hasGateway && gw < 0 && o != Outcome::NotSent)
            s = MatchState::MissingGateway;
        else if (diff & (GatewayModel | ProviderModel))
            s = MatchState::ModelDifference;
        else if (diff & (GatewayTokens | ProviderTokens))
            s = MatchState::TokenDifference;
        else if (!billable && pv >= 0 && p.costKnown[static_cast<std::size_t>(pv)] && !p.cost[static_cast<std::size_t>(pv)].isZero())
            s = MatchState::AmountDifference; // charged although the policy says it is not billable
        else if (c.attempt[row] > 1 || maxAttempt[c.requestId[row]] > c.attempt[row])
            s = MatchState::Retry;
        else if (!billable && gw < 0 && pv < 0)
            s = MatchState::NotBilled;
        a.lineRequestRow[li] = static_cast<std::int32_t>(q.size());
        push(static_cast<std::int32_t>(li), gw, pv, s, diff, c.timestamp[row], c.apiKey[row], lineModel[li]);
    }
    for (std::size_t k = 0; k < gwAlone.size(); ++k) {
        const std::uint32_t i = gwAlone[k];
        const std::int32_t pv = gwAlonePv[k];
        std::uint8_t diff = 0;
        if (pv >= 0) {
            const auto pi = static_cast<std::size_t>(pv);
            if (tokensDiffer(g.inputTokens[i], g.outputTokens[i], p.inputTokens[pi], p.outputTokens[pi]))
                diff |= ProviderTokens;
        }
        push(-1, static_cast<std::int32_t>(i), pv, MatchState::MissingClient, diff, g.timestamp[i], g.apiKey[i],
             g.modelBilled[i] ? g.modelBilled[i] : g.modelRequested[i]);
    }
    for (std::size_t k = 0; k < pvAlone.size(); ++k) {
        if (pvTaken[k])
            continue;
        const std::uint32_t i = pvAlone[k];
        push(-1, -1, static_cast<std::int32_t>(i), MatchState::MissingClient, 0, p.timestamp[i], p.apiKey[i],
             p.upstreamModel[i] ? p.upstreamModel[i] : p.model[i]);
    }
    for (MatchState s : q.state)
        ++a.requestStates[static_cast<std::size_t>(s)];

    // --- Key·day rows ---------------------------------------------------------------------------
    DayRows &d = a.days;
    a.hasProviderDaily = set.providerDaily.size() > 0;
    a.hasFinance = !set.finance.empty();
    const QTimeZone dayTz = providerDayZone(set);
    QHash<quint64, std::int32_t> cellRow;
    const std::size_t cells = r.dayCounts.size();
    d.dayCount.reserve(cells + set.finance.size());
    for (std::size_t i = 0; i < cells; ++i) {
        const DayCount &dc = r.dayCounts[i];
        cellRow.insert(cellKey(dc.apiKey, dc.day), static_cast<std::int32_t>(i));
        d.dayCount.push_back(static_cast<std::int32_t>(i));
        d.finance.push_back(-1);
        d.key.push_back(dc.apiKey);
        d.day.push_back(dc.day);
    }
    // Finance rows (after the cells) have no retries, quarantines, gateway cost or variance.
    const std::size_t dayRows = cells + set.finance.size();
    d.retries.assign(dayRows, 0);
    d.quarantined.assign(dayRows, 0);
    d.gatewayCost.assign(dayRows, Decimal());
    d.gatewayCostKnown.assign(dayRows, 0);
    d.variance.assign(dayRows, Decimal());
    d.varianceKnown.assign(dayRows, 0);
    std::vector<std::uint8_t> differs(cells, 0);
    a.lineDayRow.assign(L, -1);
    for (std::size_t li = 0; li < L; ++li) {
        const std::uint32_t row = r.lineRow[li];
        const auto it = cellRow.constFind(cellKey(c.apiKey[row], timeutil::dayInZone(c.timestamp[row], dayTz)));
        if (it == cellRow.cend())
            continue;
        const auto ci = static_cast<std::size_t>(it.value());
        a.lineDayRow[li] = it.value();
        if (c.attempt[row] > 1)
            ++d.retries[ci];
        if (r.lineQuarantine[li] != Quarantine::None)
            ++d.quarantined[ci];
    }
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (!r.period.contains(g.timestamp[i]) || !g.reportedCostKnown(i))
            continue;
        const auto it = cellRow.constFind(cellKey(g.apiKey[i], timeutil::dayInZone(g.timestamp[i], dayTz)));
        if (it != cellRow.cend()) {
            d.gatewayCost[static_cast<std::size_t>(it.value())] += g.reportedCostAt(i);
            d.gatewayCostKnown[static_cast<std::size_t>(it.value())] = 1;
        }
    }
    for (const VarianceItem &v : r.variance_items) {
        const auto it = cellRow.constFind(cellKey(v.apiKey, v.day));
        if (it == cellRow.cend())
            continue;
        const auto ci = static_cast<std::size_t>(it.value());
        d.variance[ci] += v.amount;
        d.varianceKnown[ci] = 1;
        if (v.category != VarianceCategory::Rounding && !v.amount.isZero())
            differs[ci] = 1;
    }
    a.dailyDayRow.assign(set.providerDaily.size(), -1);
    for (std::size_t i = 0; i < set.providerDaily.size(); ++i) {
        const auto it = cellRow.constFind(cellKey(set.providerDaily.apiKey[i], set.providerDaily.day[i]));
        if (it != cellRow.cend())
            a.dailyDayRow[i] = it.value();
    }
    const bool hasProvider = a.hasProviderDaily || a.hasProviderRequests || r.providerReported.known;
    for (std::size_t i = 0; i < cells; ++i) {
        const DayCount &dc = r.dayCounts[i];
        const bool clientAny = dc.clientAttempts > 0;
        const bool providerAny = dc.provider.known && (!dc.provider.value.isZero() || dc.providerRequests > 0);
        MatchState s = MatchState::Matched;
        if (!clientAny && (providerAny || dc.gatewayAttempts > 0))
            s = MatchState::MissingClient;
        else if (hasProvider && dc.clientBillable > 0 && !dc.provider.known)
            s = MatchState::MissingProvider;
        else if (a.hasGateway && clientAny && dc.gatewayAttempts == 0)
            s = MatchState::MissingGateway;
        else if (differs[i])
            s = MatchState::AmountDifference;
        else if (d.quarantined[i] > 0)
            s = MatchState::Quarantined;
        else if (dc.clientBillable == 0 && !providerAny)
            s = MatchState::NotBilled;
        d.state.push_back(s);
    }
    for (std::size_t i = 0; i < set.finance.size(); ++i) {
        const FinanceLine &f = set.finance[i];
        const QByteArray k = f.apiKeyName.toUtf8();
        d.dayCount.push_back(-1);
        d.finance.push_back(static_cast<std::int32_t>(i));
        d.state.push_back(MatchState::FinanceLine);
        d.key.push_back(k.isEmpty() ? StringPool::None : pool.find(std::string_view(k.constData(), static_cast<std::size_t>(k.size()))));
        const QDate when = f.documentDate.isValid() ? f.documentDate : f.periodEnd;
        d.day.push_back(when.isValid() ? timeutil::dayFromDate(when) : NoDay);
    }
    for (MatchState s : d.state)
        ++a.dayStates[static_cast<std::size_t>(s)];

    // --- Owners and models for the filter bar ---------------------------------------------------
    QSet<QString> owners;
    for (const OwnerRow &o : set.owners)
        if (!o.ownerGroup.isEmpty())
            owners.insert(o.ownerGroup);
    std::vector<std::uint8_t> seen(pool.size(), 0);
    for (std::size_t li = 0; li < L; ++li) {
        const StringPool::Id o = c.owner[r.lineRow[li]];
        if (o && !seen[o]) {
            seen[o] = 1;
            owners.insert(pool.string(o));
        }
    }
    a.owners = QStringList(owners.begin(), owners.end());
    a.owners.sort(Qt::CaseInsensitive);
    a.keyOwner.assign(pool.size(), -1);
    for (const OwnerRow &o : set.owners) {
        const QByteArray k = o.apiKeyName.toUtf8();
        const StringPool::Id id = pool.find(std::string_view(k.constData(), static_cast<std::size_t>(k.size())));
        if (id != StringPool::None && !o.ownerGroup.isEmpty())
            a.keyOwner[id] = static_cast<std::int32_t>(a.owners.indexOf(o.ownerGroup));
    }
    std::fill(seen.begin(), seen.end(), 0);
    QStringList models;
    auto addModel = [&](StringPool::Id m) {
        if (m && !seen[m]) {
            seen[m] = 1;
            models << pool.string(m);
        }
    };
    for (std::size_t li = 0; li < L; ++li) {
        addModel(lineModel[li]);
        addModel(c.modelRequested[r.lineRow[li]]);
    }
    for (StringPool::Id m : q.model)
        addModel(m);
    models.sort(Qt::CaseInsensitive);
    a.models = models;
    return a;
}

} // namespace tl
