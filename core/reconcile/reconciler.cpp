// SPDX-License-Identifier: Apache-2.0
#include "core/reconcile/reconciler.h"

#include "core/allocation/allocationengine.h"
#include "core/pricing/pricer.h"
#include "core/reconcile/decisionmaker.h"
#include "core/reconcile/requestjoiner.h"
#include "core/reconcile/varianceattributor.h"
#include "core/util/timeutil.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace tl {

namespace {

quint64 cellKey(StringPool::Id key, DayNumber day)
{
    return (static_cast<quint64>(key) << 32) | static_cast<std::uint32_t>(day);
}

// Number of fractional digits a value is written with (0..18).
int fractionalDigits(Decimal d)
{
    __int128 r = d.raw();
    if (r < 0)
        r = -r;
    int digits = Decimal::Scale;
    while (digits > 0 && r % 10 == 0) {
        r /= 10;
        --digits;
    }
    return digits;
}

Decimal halfUnit(int digits)
{
    // 0.5 × 10^-digits
    return Decimal::fromScaled(5, std::min(digits + 1, Decimal::Scale));
}

} // namespace

ReconcileResult Reconciler::run(const Job &job, LedgerSet &set)
{
    ReconcileResult res;
    res.period = job.period;
    res.controls = job.controls;
    StringPool &pool = set.pool();

    const Pricer pricer(set, job.period.snapshotId);
    if (!pricer.errors().isEmpty())
        throw ReconcileError(pricer.errors().first());

    // Treatment per outcome: the policy's rows over the defaults.
    std::array<Treatment, OutcomeCount> treatment{};
    for (int o = 0; o < OutcomeCount; ++o)
        treatment[static_cast<std::size_t>(o)] = defaultTreatment(static_cast<Outcome>(o));
    for (const PolicyRow &p : set.policy)
        treatment[static_cast<std::size_t>(p.outcome)] = p.treatment;

    // --- Classify and price every client attempt -------------------------------------------
    const AttemptTable &c = set.client;
    const std::size_t n = c.size();
    std::vector<std::uint32_t> inPeriod;
    inPeriod.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (res.period.contains(c.timestamp[i]))
            inPeriod.push_back(static_cast<std::uint32_t>(i));
        else
            res.excludedRows.push_back(static_cast<std::uint32_t>(i));
    }
    const std::size_t L = inPeriod.size();
    res.lineRow = inPeriod;
    res.lineOutcome.resize(L);
    res.lineTreatment.resize(L);
    res.lineQuarantine.assign(L, Quarantine::None);
    res.lineBillableModel.assign(L, 0);
    res.lineSnapshot.assign(L, 0);
    res.lineCost.assign(L, Decimal());
    res.lineCostKnown.assign(L, 0);
    res.lineCategory.assign(L, VarianceCategory::None);
    res.linePriceRow.assign(L, -1);

    // Request bookkeeping in arrays indexed by pool id (ids are dense, and request ids are
    // interned in file order, so these are walked nearly in sequence): no hashing per row.
    const std::size_t poolIds = pool.size();
    std::vector<std::uint64_t> attemptsSeen(poolIds, 0); // bit a: attempt a (0..63) of the request was seen
    std::unordered_set<std::uint64_t> otherAttemptsSeen;  // attempts outside 0..63, rare
    std::vector<std::uint8_t> requestSeen(poolIds, 0);
    // Requests that had a later attempt: their failed attempts were retried.
    std::vector<std::int32_t> maxAttempt(poolIds, 0);
    for (std::uint32_t row : inPeriod) {
        std::int32_t &m = maxAttempt[c.requestId[row]];
        m = std::max(m, c.attempt[row]);
    }
    const auto firstSeen = [&](StringPool::Id request, std::int32_t attempt) {
        if (attempt >= 0 && attempt < 64) {
            const std::uint64_t bit = std::uint64_t(1) << attempt;
            const bool first = (attemptsSeen[request] & bit) == 0;
            attemptsSeen[request] |= bit;
            return first;
        }
        return otherAttemptsSeen.insert((static_cast<std::uint64_t>(request) << 32) | static_cast<std::uint32_t>(attempt)).second;
    };

    std::vector<StringPool::Id> snapshotOfRow(set.prices.size());
    for (std::size_t i = 0; i < set.prices.size(); ++i)
        snapshotOfRow[i] = pool.intern(set.prices[i].snapshotId);

    QHash<StringPool::Id, std::size_t> modelIndex, keyIndex;
    auto keyTotals = [&](StringPool::Id key) -> KeyTotals & {
        auto it = keyIndex.find(key);
        if (it == keyIndex.end()) {
            it = keyIndex.insert(key, res.byKey.size());
            KeyTotals kt;
            kt.apiKey = key;
            res.byKey.push_back(kt);
        }
        return res.byKey[it.value()];
    };
    QSet<StringPool::Id> usedSnapshots;
    std::vector<std::uint32_t> unknownModelLines, missingUsageLines, duplicateLines;
    QSet<QString> unknownModels;

    for (std::size_t li = 0; li < L; ++li) {
        const std::uint32_t row = inPeriod[li];
        ++res.attempts;
        if (!requestSeen[c.requestId[row]]) {
            requestSeen[c.requestId[row]] = 1;
            ++res.requests;
        }
        if (c.attempt[row] > 1)
            ++res.retries;
        Outcome outcome = static_cast<Outcome>(c.outcome[row]);
        if (outcome == Outcome::Unknown)
            outcome = deriveOutcome(c.httpStatus[row], c.clientTimeout[row] == 1, c.streamCancelled[row] == 1,
                                    c.stream[row] == 1, c.cacheHit[row] == 1);
        const Treatment t = treatment[static_cast<std::size_t>(outcome)];
        res.lineOutcome[li] = static_cast<std::int8_t>(outcome);
        res.lineTreatment[li] = static_cast<std::int8_t>(t);
        ++res.byOutcome[static_cast<std::size_t>(outcome)];

        if (!firstSeen(c.requestId[row], c.attempt[row])) {
            res.lineQuarantine[li] = Quarantine::Duplicate;
            ++res.quarantinedDuplicate;
            duplicateLines.push_back(static_cast<std::uint32_t>(li));
            continue;
        }
        PriceResult pr = pricer.resolve(c.modelRequested[row], c.modelBilled[row], c.timestamp[row], c.inputTokens[row]);
        res.lineBillableModel[li] = pr.billableModel;
        if (pr.status != PriceResult::Priced) {
            res.lineQuarantine[li] = Quarantine::UnknownModel;
            ++res.quarantinedUnknownModel;
            unknownModelLines.push_back(static_cast<std::uint32_t>(li));
            const StringPool::Id m = pr.billableModel ? pr.billableModel : c.modelRequested[row];
            unknownModels.insert(pool.string(m).isEmpty() ? QStringLiteral("(blank)") : pool.string(m));
            continue;
        }
        res.linePriceRow[li] = pr.priceRow;
        res.lineSnapshot[li] = snapshotOfRow[static_cast<std::size_t>(pr.priceRow)];
        const bool billable = t == Treatment::Billable || t == Treatment::Partial;
        pricer.price(pr, c.inputTokens[row], c.cachedTokens[row], c.cacheWriteTokens[row], c.outputTokens[row],
                     c.reasoningTokens[row], billable, billable);
        if (pr.status == PriceResult::MissingUsage) {
            res.lineQuarantine[li] = Quarantine::MissingUsage;
            ++res.quarantinedMissingUsage;
            missingUsageLines.push_back(static_cast<std::uint32_t>(li));
            continue;
        }
        usedSnapshots.insert(res.lineSnapshot[li]);
        res.lineCost[li] = pr.cost.value;
        res.lineCostKnown[li] = pr.cost.known ? 1 : 0;

        const auto known = [](std::int64_t v) { return v < 0 ? 0 : v; };
        res.tokensInput += known(c.inputTokens[row]);
        res.tokensCached += known(c.cachedTokens[row]);
        res.tokensOutput += known(c.outputTokens[row]);
        res.tokensReasoning += known(c.reasoningTokens[row]);

        auto mit = modelIndex.find(pr.billableModel);
        if (mit == modelIndex.end()) {
            mit = modelIndex.insert(pr.billableModel, res.byModel.size());
            ModelTotals mt;
            mt.model = pr.billableModel;
            res.byModel.push_back(mt);
        }
        ModelTotals &mt = res.byModel[mit.value()];
        ++mt.attempts;
        mt.inputTokens += known(c.inputTokens[row]);
        mt.outputTokens += known(c.outputTokens[row]);
        KeyTotals &kt = keyTotals(c.apiKey[row]);
        ++kt.attempts;
        if (c.attempt[row] > 1)
            ++kt.retries;
        else
            ++kt.firstAttempts;
        if (pr.cost.known) {
            if (billable) {
                res.estimatedBillable += pr.cost.value;
                mt.estimatedCost += pr.cost.value;
                kt.estimatedCost += pr.cost.value;
            } else if (t == Treatment::Unverified) {
                res.estimatedUnverified += pr.cost.value;
                kt.estimatedUnverified += pr.cost.value;
            }
        }
    }

    // --- Provider figures ---------------------------------------------------------------------
    // Daily aggregates: per day, the latest observation that reports that day counts.
    QTimeZone dayTz = QTimeZone::utc();
    std::vector<int> dailyObs; // observations with daily amounts
    for (std::size_t o = 0; o < set.observations.size(); ++o)
        if (set.observations[o].hasDaily)
            dailyObs.push_back(static_cast<int>(o));
    bool hasDailyAmounts = false;
    for (std::size_t i = 0; i < set.providerDaily.size(); ++i)
        if (set.providerDaily.amountKnown[i]) {
            hasDailyAmounts = true;
            break;
        }
    // A daily_quota that was present but empty (the window was queried, no activity) reports
    // zero for the period: a figure, not an absence (formats.md §3a).
    if (!hasDailyAmounts && set.providerDaily.size() == 0 && !dailyObs.empty())
        hasDailyAmounts = true;
    auto obsTime = [&set](std::uint32_t o) { return set.observations[o].observedAt; };
    // Later observation wins; unknown times rank by file order.
    auto later = [&](std::uint32_t a, std::uint32_t b) {
        const UtcMicros ta = obsTime(a), tb = obsTime(b);
        if (ta != tb)
            return ta > tb;
        return a > b;
    };
    std::vector<KeyDayCell> cells;
    QHash<quint64, std::size_t> cellIndex;
    auto cell = [&](StringPool::Id key, DayNumber day) -> KeyDayCell & {
        auto it = cellIndex.find(cellKey(key, day));
        if (it == cellIndex.end()) {
            it = cellIndex.insert(cellKey(key, day), cells.size());
            KeyDayCell kc;
            kc.key = key;
            kc.day = day;
            cells.push_back(kc);
        }
        return cells[it.value()];
    };

    UtcMicros observedAt = kNoTime;
    Decimal toleranceUnit = halfUnit(6);
    if (hasDailyAmounts) {
        res.providerSource = QStringLiteral("daily");
        // The zone of the latest observation's day buckets.
        std::uint32_t latest = dailyObs.empty() ? set.providerDaily.observation[0] : static_cast<std::uint32_t>(dailyObs.front());
        for (int o : dailyObs)
            if (later(static_cast<std::uint32_t>(o), latest))
                latest = static_cast<std::uint32_t>(o);
        for (std::uint32_t o : set.providerDaily.observation)
            if (later(o, latest))
                latest = o;
        timeutil::zoneFromName(set.observations[latest].dayTz, &dayTz);
        observedAt = set.observations[latest].observedAt;
        // For each day, which observation counts.
        QHash<DayNumber, std::uint32_t> dayObs;
        for (std::size_t i = 0; i < set.providerDaily.size(); ++i) {
            const DayNumber d = set.providerDaily.day[i];
            const std::uint32_t o = set.providerDaily.observation[i];
            auto it = dayObs.find(d);
            if (it == dayObs.end())
                dayObs.insert(d, o);
            else if (later(o, it.value()))
                it.value() = o;
        }
        int digits = 0;
        Decimal total;
        QHash<std::uint32_t, Decimal> perObservation;
        QHash<std::uint32_t, bool> perObservationAny;
        for (std::size_t i = 0; i < set.providerDaily.size(); ++i) {
            if (!set.providerDaily.amountKnown[i])
                continue;
            const DayNumber d = set.providerDaily.day[i];
            const QDateTime dayStart(timeutil::dateFromDay(d), QTime(0, 0), dayTz);
            const UtcMicros startUtc = dayStart.toMSecsSinceEpoch() * 1000;
            if (!res.period.contains(startUtc))
                continue;
            const std::uint32_t o = set.providerDaily.observation[i];
            perObservation[o] += set.providerDaily.amount[i];
            perObservationAny[o] = true;
            if (dayObs.value(d) != o)
                continue;
            const Decimal amount = set.providerDaily.amount[i];
            digits = std::max(digits, fractionalDigits(amount));
            total += amount;
            KeyDayCell &kc = cell(set.providerDaily.apiKey[i], d);
            kc.hasProvider = true;
            kc.provider += amount;
            const qint64 req = set.providerDaily.requests[i];
            if (req >= 0)
                kc.providerRequests = (kc.providerRequests < 0 ? 0 : kc.providerRequests) + req;
            kc.providerRows.push_back(static_cast<std::uint32_t>(i));
            KeyTotals &kt = keyTotals(set.providerDaily.apiKey[i]);
            kt.providerReported = {(kt.providerReported.known ? kt.providerReported.value : Decimal()) + amount, true};
            if (req >= 0)
                kt.providerRequests = (kt.providerRequests < 0 ? 0 : kt.providerRequests) + req;
        }
        res.providerReported = {total, true};
        // At least two digits: a provider that happens to publish whole amounts is not
        // granted half a currency unit per request.
        toleranceUnit = halfUnit(std::max(digits, 2));
        // Days an observation covers but where a key has no entry: the provider reported
        // nothing for that key that day, which is a figure (zero), not an absence.
        for (KeyTotals &kt : res.byKey)
            if (!kt.providerReported.known)
                kt.providerReported = {Decimal(), true}, kt.providerRequests = 0;
        for (std::size_t o = 0; o < set.observations.size(); ++o) {
            if (!set.observations[o].hasDaily)
                continue;
            ObservationTotal ot;
            ot.observedAt = set.observations[o].observedAt;
            ot.file = set.files[set.observations[o].sourceFile].report.fileName;
            ot.providerReported = {perObservation.value(static_cast<std::uint32_t>(o)), true};
            res.observations.push_back(ot);
        }
        std::sort(res.observations.begin(), res.observations.end(),
                  [](const ObservationTotal &a, const ObservationTotal &b) { return a.observedAt < b.observedAt; });
        // Per-day coverage: a day some observation reports, for keys without an entry, is a
        // known zero (hasProvider), so the client's lines there are missing in the provider.
        QSet<DayNumber> coveredDays;
        for (auto it = dayObs.cbegin(); it != dayObs.cend(); ++it)
            coveredDays.insert(it.key());
        for (std::size_t li = 0; li < L; ++li) {
            if (res.lineQuarantine[li] == Quarantine::Duplicate || res.lineQuarantine[li] == Quarantine::UnknownModel)
                continue;
            const std::uint32_t row = inPeriod[li];
            const DayNumber d = timeutil::dayInZone(c.timestamp[row], dayTz);
            KeyDayCell &kc = cell(c.apiKey[row], d);
            if (coveredDays.contains(d) && !kc.hasProvider) {
                kc.hasProvider = true;
                kc.providerRequests = 0;
            }
        }
    } else if (set.providerRequests.size() > 0) {
        res.providerSource = QStringLiteral("requests");
        Decimal total;
        bool any = false;
        for (std::size_t i = 0; i < set.providerRequests.size(); ++i) {
            if (!res.period.contains(set.providerRequests.timestamp[i]) || !set.providerRequests.costKnown[i])
                continue;
            const Decimal cost = set.providerRequests.cost[i];
            total += cost;
            any = true;
            const StringPool::Id key = set.providerRequests.apiKey[i];
            KeyDayCell &kc = cell(key, timeutil::utcDay(set.providerRequests.timestamp[i]));
            kc.hasProvider = true;
            kc.provider += cost;
            kc.providerRequests = (kc.providerRequests < 0 ? 0 : kc.providerRequests) + 1;
            kc.providerRows.push_back(static_cast<std::uint32_t>(i));
            KeyTotals &kt = keyTotals(key);
            kt.providerReported = {(kt.providerReported.known ? kt.providerReported.value : Decimal()) + cost, true};
            kt.providerRequests = (kt.providerRequests < 0 ? 0 : kt.providerRequests) + 1;
        }
        for (const SourceFile &f : set.files)
            if (f.observedAt != kNoTime && (observedAt == kNoTime || f.observedAt > observedAt))
                observedAt = f.observedAt;
        if (any) {
            res.providerReported = {total, true};
            for (KeyTotals &kt : res.byKey)
                if (!kt.providerReported.known)
                    kt.providerReported = {Decimal(), true}, kt.providerRequests = 0;
        }
        // Days with any provider record are covered: keys without records there had none.
        QSet<DayNumber> coveredDays;
        for (const KeyDayCell &kc : cells)
            coveredDays.insert(kc.day);
        for (std::size_t li = 0; li < L; ++li) {
            if (res.lineQuarantine[li] == Quarantine::Duplicate || res.lineQuarantine[li] == Quarantine::UnknownModel)
                continue;
            const std::uint32_t row = inPeriod[li];
            const DayNumber d = timeutil::utcDay(c.timestamp[row]);
            KeyDayCell &kc = cell(c.apiKey[row], d);
            if (coveredDays.contains(d) && !kc.hasProvider) {
                kc.hasProvider = true;
                kc.providerRequests = 0;
            }
        }
    }
    res.observedAt = observedAt;

    // --- Per-request joins (reconciliation.md, Comparisons 2) ------------------------------
    std::vector<StringPool::Id> lineModel(L), lineKey(L);
    std::vector<DayNumber> lineDay(L);
    std::vector<std::uint8_t> eligible(L), retried(L);
    for (std::size_t li = 0; li < L; ++li) {
        const std::uint32_t row = inPeriod[li];
        lineModel[li] = res.lineBillableModel[li] ? res.lineBillableModel[li] : c.modelRequested[row];
        lineKey[li] = c.apiKey[row];
        lineDay[li] = timeutil::utcDay(c.timestamp[row]);
        eligible[li] = res.lineQuarantine[li] != Quarantine::Duplicate;
        retried[li] = maxAttempt[c.requestId[row]] > c.attempt[row];
    }
    const std::int64_t window = job.controls.matchWindowSeconds * 1000000LL;
    auto statsOf = [](const JoinResult &j, std::size_t records) {
        ReconcileResult::JoinStats st;
        st.present = true;
        st.records = static_cast<qint64>(records);
        st.byResponseId = j.byResponseId;
        st.byRequestId = j.byRequestId;
        st.fuzzy = j.fuzzy;
        st.unmatchedRecords = j.unmatchedRecords;
        st.unmatchedLines = j.unmatchedLines;
        st.tokenMismatches = j.tokenMismatches;
        st.modelMismatches = j.modelMismatches;
        return st;
    };
    if (set.gateway.size() > 0) {
        // The same records the workbench's side-by-side alignment joins (RequestJoiner::gatewayRecords).
        const std::vector<JoinRecord> recs = RequestJoiner::gatewayRecords(set.gateway, res.period);
        res.gatewayJoin = statsOf(RequestJoiner::join(c, inPeriod, eligible, lineModel, recs, window), recs.size());
    }
    std::vector<RequestPair> requestPairs;
    std::vector<std::uint32_t> unmatchedBillable;
    if (set.providerRequests.size() > 0) {
        const ProviderRequestTable &p = set.providerRequests;
        std::vector<std::uint32_t> recIndex;
        const std::vector<JoinRecord> recs = RequestJoiner::providerRecords(p, res.period, &recIndex);
        const JoinResult j = RequestJoiner::join(c, inPeriod, eligible, lineModel, recs, window);
        res.providerJoin = statsOf(j, recs.size());
        for (std::size_t k = 0; k < recs.size(); ++k) {
            const std::uint32_t i = recIndex[k];
            RequestPair rp;
            rp.line = j.line[k];
            rp.record = i;
            rp.key = p.apiKey[i];
            rp.day = timeutil::utcDay(p.timestamp[i]);
            rp.providerCost = p.cost[i];
            if (rp.line >= 0) {
                const std::uint32_t li = static_cast<std::uint32_t>(rp.line);
                const std::uint32_t row = inPeriod[li];
                rp.modelDiffers = recs[k].model != 0 && lineModel[li] != 0 && recs[k].model != lineModel[li];
                rp.tokensDiffer = (recs[k].inputTokens >= 0 && c.inputTokens[row] >= 0 && recs[k].inputTokens != c.inputTokens[row])
                    || (recs[k].outputTokens >= 0 && c.outputTokens[row] >= 0 && recs[k].outputTokens != c.outputTokens[row]);
                const int pr = res.linePriceRow[li];
                if (rp.tokensDiffer && pr >= 0 && recs[k].inputTokens >= 0 && recs[k].outputTokens >= 0) {
                    const PriceRow &row0 = set.prices[static_cast<std::size_t>(pr)];
                    if (row0.category == BillingCategory::Token)
                        rp.costAtProviderTokens = {Pricer::tokenCost(row0, recs[k].inputTokens, p.cachedTokens[i], 0, recs[k].outputTokens,
                                                                     p.reasoningTokens[i]),
                                                   true};
                }
            }
            requestPairs.push_back(rp);
        }
        for (std::size_t li = 0; li < L; ++li) {
            const Treatment t = static_cast<Treatment>(res.lineTreatment[li]);
            if (res.lineQuarantine[li] == Quarantine::None && (t == Treatment::Billable || t == Treatment::Partial) && !j.lineMatched[li]
                && res.lineCostKnown[li])
                unmatchedBillable.push_back(static_cast<std::uint32_t>(li));
        }
    }

    // --- Client lines into key/day cells ----------------------------------------------------
    QSet<StringPool::Id> clientKeys;
    for (std::size_t li = 0; li < L; ++li) {
        const std::uint32_t row = inPeriod[li];
        if (res.lineQuarantine[li] == Quarantine::Duplicate || res.lineQuarantine[li] == Quarantine::UnknownModel)
            continue;
        clientKeys.insert(c.apiKey[row]);
        const DayNumber d = timeutil::dayInZone(c.timestamp[row], dayTz);
        KeyDayCell &kc = cell(c.apiKey[row], d);
        if (res.lineQuarantine[li] == Quarantine::MissingUsage) {
            kc.candidates[0].push_back(static_cast<std::uint32_t>(li));
            continue;
        }
        const Treatment t = static_cast<Treatment>(res.lineTreatment[li]);
        const Outcome o = static_cast<Outcome>(res.lineOutcome[li]);
        if (t == Treatment::Billable || t == Treatment::Partial) {
            kc.billable.push_back(static_cast<std::uint32_t>(li));
            if (res.lineCostKnown[li])
                kc.estimated += res.lineCost[li];
        } else if (o == Outcome::ClientTimeout) {
            kc.candidates[1].push_back(static_cast<std::uint32_t>(li));
        } else if (t == Treatment::Unverified) {
            kc.candidates[2].push_back(static_cast<std::uint32_t>(li));
        } else if (t == Treatment::NonBillable && o != Outcome::NotSent && maxAttempt[c.requestId[row]] > c.attempt[row]) {
            kc.candidates[3].push_back(static_cast<std::uint32_t>(li));
        }
    }
    for (const KeyDayCell &kc : cells) {
        DayCount dc;
        dc.apiKey = kc.key;
        dc.day = kc.day;
        dc.clientBillable = static_cast<qint64>(kc.billable.size());
        dc.estimated = kc.estimated;
        dc.providerRequests = kc.providerRequests;
        if (kc.hasProvider)
            dc.provider = {kc.provider, true};
        res.dayCounts.push_back(dc);
    }
    {
        QHash<quint64, std::size_t> dcIndex;
        for (std::size_t i = 0; i < res.dayCounts.size(); ++i)
            dcIndex.insert(cellKey(res.dayCounts[i].apiKey, res.dayCounts[i].day), i);
        for (std::size_t li = 0; li < L; ++li) {
            const std::uint32_t row = inPeriod[li];
            const quint64 k = cellKey(c.apiKey[row], timeutil::dayInZone(c.timestamp[row], dayTz));
            auto it = dcIndex.find(k);
            if (it == dcIndex.end()) {
                it = dcIndex.insert(k, res.dayCounts.size());
                DayCount dc;
                dc.apiKey = c.apiKey[row];
                dc.day = timeutil::dayInZone(c.timestamp[row], dayTz);
                res.dayCounts.push_back(dc);
            }
            DayCount &dc = res.dayCounts[it.value()];
            ++dc.clientAttempts;
            if (const int o = res.lineOutcome[li]; o >= 0 && o < OutcomeCount)
                ++dc.clientByOutcome[static_cast<std::size_t>(o)];
            if (c.attempt[row] <= 1)
                ++dc.clientFirstAttempts;
        }
        const AttemptTable &g = set.gateway;
        for (std::size_t i = 0; i < g.size(); ++i) {
            if (!res.period.contains(g.timestamp[i]))
                continue;
            ++res.gatewayAttempts;
            const quint64 k = cellKey(g.apiKey[i], timeutil::dayInZone(g.timestamp[i], dayTz));
            auto it = dcIndex.find(k);
            if (it == dcIndex.end()) {
                it = dcIndex.insert(k, res.dayCounts.size());
                DayCount dc;
                dc.apiKey = g.apiKey[i];
                dc.day = timeutil::dayInZone(g.timestamp[i], dayTz);
                res.dayCounts.push_back(dc);
            }
            ++res.dayCounts[it.value()].gatewayAttempts;
            keyTotals(g.apiKey[i]).gatewayAttempts++;
        }
    }

    // --- Variance -----------------------------------------------------------------------------
    if (res.providerReported.known) {
        res.variance = {res.providerReported.value - res.estimatedBillable, true};
        for (KeyTotals &kt : res.byKey)
            kt.variance = {(kt.providerReported.known ? kt.providerReported.value : Decimal()) - kt.estimatedCost, true};
        std::sort(cells.begin(), cells.end(), [](const KeyDayCell &a, const KeyDayCell &b) {
            return a.key != b.key ? a.key < b.key : a.day < b.day;
        });
        VarianceAttributor va(res);
        VarianceAttributor::Context ctx;
        ctx.clientKeys = clientKeys;
        ctx.observedAt = observedAt;
        ctx.postingWindowMicros = job.controls.postingWindowHours * 3600LL * 1000000LL;
        ctx.toleranceUnit = toleranceUnit;
        ctx.dayTz = dayTz;
        if (res.providerSource == QLatin1String("requests")) {
            int digits = 0;
            for (const RequestPair &rp : requestPairs)
                digits = std::max(digits, fractionalDigits(rp.providerCost));
            ctx.toleranceUnit = halfUnit(std::max(digits, 2));
            va.setLineKeysAndDays(&lineKey, &lineDay);
            va.attributeRequests(requestPairs, unmatchedBillable, retried, ctx);
        } else {
            va.attributeDaily(cells, ctx);
        }
        va.pairWindowMismatch();
        for (const VarianceItem &v : res.variance_items) {
            res.varianceByCategory[static_cast<std::size_t>(v.category)] += v.amount;
            res.varianceRowsByCategory[static_cast<std::size_t>(v.category)] += v.rowCount();
        }
        // The categories must add up to the variance exactly; anything else is a defect.
        Decimal sum;
        for (const Decimal &d : res.varianceByCategory)
            sum += d;
        if (sum != res.variance.value)
            throw ReconcileError(QStringLiteral("internal error: variance categories add up to %1, variance is %2")
                                     .arg(sum.toString(), res.variance.value.toString()));
    }

    // --- Finance -------------------------------------------------------------------------------
    if (!set.finance.empty()) {
        FinanceSummary &f = res.finance;
        f.present = true;
        for (const FinanceLine &l : set.finance) {
            f.invoiceTotal += l.amount;
            switch (l.lineType) {
            case FinanceLineType::Usage: f.usageSubtotal += l.amount; break;
            case FinanceLineType::Credit: f.credits += l.amount; break;
            case FinanceLineType::Discount: f.discounts += l.amount; break;
            case FinanceLineType::Tax: f.tax += l.amount; break;
            case FinanceLineType::Refund: f.refunds += l.amount; break;
            case FinanceLineType::Topup: f.topups += l.amount; break;
            case FinanceLineType::Adjustment: f.adjustments += l.amount; break;
            case FinanceLineType::Fx: f.fx += l.amount; break;
            }
        }
        if (res.providerReported.known)
            f.usageVsProvider = {f.usageSubtotal - res.providerReported.value, true};
    }

    // Stable orders for output.
    std::sort(res.byModel.begin(), res.byModel.end(), [&pool](const ModelTotals &a, const ModelTotals &b) {
        return pool.view(a.model) < pool.view(b.model);
    });
    std::sort(res.byKey.begin(), res.byKey.end(), [&pool](const KeyTotals &a, const KeyTotals &b) {
        return pool.view(a.apiKey) < pool.view(b.apiKey);
    });
    std::sort(res.dayCounts.begin(), res.dayCounts.end(), [&pool](const DayCount &a, const DayCount &b) {
        const auto ka = pool.view(a.apiKey), kb = pool.view(b.apiKey);
        return ka != kb ? ka < kb : a.day < b.day;
    });
    std::sort(res.variance_items.begin(), res.variance_items.end(), [&pool](const VarianceItem &a, const VarianceItem &b) {
        if (a.category != b.category)
            return a.category < b.category;
        const auto ka = pool.view(a.apiKey), kb = pool.view(b.apiKey);
        if (ka != kb)
            return ka < kb;
        return a.day < b.day;
    });

    DecisionMaker::Input din;
    din.unknownModelLines = std::move(unknownModelLines);
    din.unknownModels = QStringList(unknownModels.begin(), unknownModels.end());
    din.missingUsageLines = std::move(missingUsageLines);
    din.duplicateLines = std::move(duplicateLines);
    din.usedSnapshots = usedSnapshots;
    DecisionMaker::decide(res, set, din);
    // Owners, budgets, unit costs and alerts: read from the result, never changing the decision.
    AllocationEngine::run(res, set);
    return res;
}

} // namespace tl
