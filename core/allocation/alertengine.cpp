// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/alertengine.h"

#include "core/allocation/keydirectory.h"
#include "core/reconcile/reconcileresult.h"
#include "core/util/timeutil.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace tl {

namespace {

const char kCritical[] = "critical";
const char kWarning[] = "warning";

void addEvidence(Alert &a, EvidenceLedger ledger, std::uint32_t row)
{
    ++a.rows;
    if (a.evidence.size() < Alert::kMaxEvidence)
        a.evidence.push_back({ledger, row});
}

bool billableLine(const ReconcileResult &res, std::size_t li)
{
    const auto t = static_cast<Treatment>(res.lineTreatment[li]);
    return res.lineQuarantine[li] == Quarantine::None && res.lineCostKnown[li] && (t == Treatment::Billable || t == Treatment::Partial);
}

QString money(Decimal d)
{
    return d.toString();
}

QString dayText(DayNumber d)
{
    return timeutil::dayString(d);
}

/** For each provider day, the observation whose figure counts (latest observed_at, then file order), as the reconciler does. */
QHash<DayNumber, std::uint32_t> countedObservation(const LedgerSet &set)
{
    QHash<DayNumber, std::uint32_t> dayObs;
    const ProviderDailyTable &p = set.providerDaily;
    auto later = [&set](std::uint32_t a, std::uint32_t b) {
        const UtcMicros ta = set.observations[a].observedAt, tb = set.observations[b].observedAt;
        return ta != tb ? ta > tb : a > b;
    };
    for (std::size_t i = 0; i < p.size(); ++i) {
        auto it = dayObs.find(p.day[i]);
        if (it == dayObs.end())
            dayObs.insert(p.day[i], p.observation[i]);
        else if (later(p.observation[i], it.value()))
            it.value() = p.observation[i];
    }
    return dayObs;
}

UtcMicros zoneDayStart(DayNumber d, const QTimeZone &tz)
{
    if (tz == QTimeZone::utc())
        return timeutil::dayStart(d);
    return QDateTime(timeutil::dateFromDay(d), QTime(0, 0), tz).toMSecsSinceEpoch() * 1000;
}

} // namespace

// --- Request-volume spike ----------------------------------------------------------------------

void AlertEngine::volumeSpikes(const ReconcileResult &res, const LedgerSet &set, const KeyDirectory &dir, std::vector<Alert> &out)
{
    const AllocationSettings &cfg = res.controls.allocation;
    if (res.period.start == kNoTime || res.period.end <= res.period.start)
        return;
    // Days indexed from the day before the period (provider-zone days may lead UTC by one).
    const DayNumber base = timeutil::utcDay(res.period.start) - 1;
    const std::size_t nDays = static_cast<std::size_t>(timeutil::utcDay(res.period.end - 1) - base + 2);
    const std::size_t nKeys = dir.keys().size();
    if (nKeys == 0)
        return;
    enum { Client = 0, Gateway = 1, Provider = 2, Ledgers = 3 };
    std::vector<std::vector<qint64>> counts(Ledgers, std::vector<qint64>(nKeys * nDays, 0));
    std::vector<std::vector<std::uint8_t>> hasData(Ledgers, std::vector<std::uint8_t>(nDays, 0));
    auto dayIndex = [&](DayNumber d) -> std::int64_t {
        const std::int64_t i = static_cast<std::int64_t>(d) - base;
        return i >= 0 && i < static_cast<std::int64_t>(nDays) ? i : -1;
    };

    const AttemptTable &c = set.client;
    const std::vector<std::int32_t> &lineSlot = dir.lineSlot();
    for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
        const std::int64_t d = dayIndex(timeutil::utcDay(c.timestamp[res.lineRow[li]]));
        if (d < 0 || lineSlot[li] < 0)
            continue;
        ++counts[Client][static_cast<std::size_t>(lineSlot[li]) * nDays + static_cast<std::size_t>(d)];
        hasData[Client][static_cast<std::size_t>(d)] = 1;
    }
    const AttemptTable &g = set.gateway;
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (!res.period.contains(g.timestamp[i]))
            continue;
        const int slot = dir.slotOf(g.apiKey[i]);
        const std::int64_t d = dayIndex(timeutil::utcDay(g.timestamp[i]));
        if (slot < 0 || d < 0)
            continue;
        ++counts[Gateway][static_cast<std::size_t>(slot) * nDays + static_cast<std::size_t>(d)];
        hasData[Gateway][static_cast<std::size_t>(d)] = 1;
    }
    for (const DayCount &dc : res.dayCounts) {
        if (dc.providerRequests < 0)
            continue;
        const int slot = dir.slotOf(dc.apiKey);
        const std::int64_t d = dayIndex(dc.day);
        if (slot < 0 || d < 0)
            continue;
        counts[Provider][static_cast<std::size_t>(slot) * nDays + static_cast<std::size_t>(d)] += dc.providerRequests;
        hasData[Provider][static_cast<std::size_t>(d)] = 1;
    }

    static const char *const names[Ledgers] = {"client", "gateway", "provider"};
    static const char *const what[Ledgers] = {"client attempts", "gateway requests", "provider requests"};
    std::vector<std::vector<std::uint8_t>> spike(Ledgers);
    std::vector<std::pair<int, int>> fired; // (ledger, slot), in order
    std::map<std::pair<int, int>, std::size_t> alertOf;
    for (int l = 0; l < Ledgers; ++l) {
        std::int64_t first = -1, last = -1;
        for (std::size_t d = 0; d < nDays; ++d)
            if (hasData[static_cast<std::size_t>(l)][d]) {
                if (first < 0)
                    first = static_cast<std::int64_t>(d);
                last = static_cast<std::int64_t>(d);
            }
        if (first < 0)
            continue;
        spike[static_cast<std::size_t>(l)].assign(nKeys * nDays, 0);
        for (std::size_t s = 0; s < nKeys; ++s) {
            const qint64 *row = counts[static_cast<std::size_t>(l)].data() + s * nDays;
            for (std::int64_t d = first; d <= last; ++d) {
                const qint64 n = row[d];
                if (n < cfg.spikeMinCount)
                    continue;
                const std::int64_t from = std::max(first, d - cfg.spikeBaselineDays);
                const std::int64_t days = d - from;
                if (days < std::max<std::int64_t>(1, cfg.spikeMinBaselineDays))
                    continue;
                qint64 sum = 0;
                for (std::int64_t b = from; b < d; ++b)
                    sum += row[b];
                // n > factor × sum / days, without a division: n × days > factor × sum.
                if (!(Decimal::fromInt(n).mulInt(days) > cfg.spikeFactor.mulInt(sum)))
                    continue;
                spike[static_cast<std::size_t>(l)][s * nDays + static_cast<std::size_t>(d)] = 1;
                const std::pair<int, int> id{l, static_cast<int>(s)};
                auto it = alertOf.find(id);
                const DayNumber day = base + static_cast<DayNumber>(d);
                const Decimal mean = Decimal::fromInt(sum).divInt(days).round(1, RoundingMode::HalfEven);
                if (it == alertOf.end()) {
                    Alert a;
                    a.code = QStringLiteral("volume_spike");
                    a.severity = QString::fromLatin1(kWarning);
                    a.subject = dir.keys()[s].apiKeyName;
                    a.basis = QString::fromLatin1(names[l]);
                    a.day = day;
                    a.hasDay = true;
                    a.detail = QStringLiteral("%1 %2 on %3 against a mean of %4 over the %5 day(s) before (alert above %6×)")
                                   .arg(n)
                                   .arg(QLatin1String(what[l]), dayText(day), mean.toFixed(1))
                                   .arg(days)
                                   .arg(cfg.spikeFactor.toString());
                    a.action = l == Provider
                        ? QStringLiteral("Compare with the client logs: requests the client never logged point to another application or a leaked key. "
                                         "Throttle or pause the key while preserving evidence.")
                        : QStringLiteral("Throttle the tenant or service behind the key while preserving evidence; confirm whether the traffic is expected.");
                    alertOf.emplace(id, out.size());
                    out.push_back(std::move(a));
                } else {
                    Alert &a = out[it->second];
                    a.detail += QStringLiteral("; again on %1 (%2 against %3)").arg(dayText(day)).arg(n).arg(mean.toFixed(1));
                }
            }
        }
    }
    if (alertOf.empty())
        return;

    // Evidence: the rows of each spike day.
    auto alertFor = [&](int l, std::size_t slot) -> Alert * {
        const auto it = alertOf.find({l, static_cast<int>(slot)});
        return it == alertOf.end() ? nullptr : &out[it->second];
    };
    if (!spike[Client].empty())
        for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
            const std::uint32_t row = res.lineRow[li];
            const std::int64_t d = dayIndex(timeutil::utcDay(c.timestamp[row]));
            if (d < 0 || lineSlot[li] < 0)
                continue;
            const std::size_t s = static_cast<std::size_t>(lineSlot[li]);
            if (spike[Client][s * nDays + static_cast<std::size_t>(d)])
                if (Alert *a = alertFor(Client, s))
                    addEvidence(*a, EvidenceLedger::Client, row);
        }
    if (!spike[Gateway].empty())
        for (std::size_t i = 0; i < g.size(); ++i) {
            if (!res.period.contains(g.timestamp[i]))
                continue;
            const int slot = dir.slotOf(g.apiKey[i]);
            const std::int64_t d = dayIndex(timeutil::utcDay(g.timestamp[i]));
            if (slot < 0 || d < 0 || !spike[Gateway][static_cast<std::size_t>(slot) * nDays + static_cast<std::size_t>(d)])
                continue;
            if (Alert *a = alertFor(Gateway, static_cast<std::size_t>(slot)))
                addEvidence(*a, EvidenceLedger::Gateway, static_cast<std::uint32_t>(i));
        }
    if (!spike[Provider].empty()) {
        const QHash<DayNumber, std::uint32_t> dayObs = countedObservation(set);
        const ProviderDailyTable &p = set.providerDaily;
        for (std::size_t i = 0; i < p.size(); ++i) {
            const int slot = dir.slotOf(p.apiKey[i]);
            const std::int64_t d = dayIndex(p.day[i]);
            if (slot < 0 || d < 0 || dayObs.value(p.day[i]) != p.observation[i]
                || !spike[Provider][static_cast<std::size_t>(slot) * nDays + static_cast<std::size_t>(d)])
                continue;
            if (Alert *a = alertFor(Provider, static_cast<std::size_t>(slot)))
                addEvidence(*a, EvidenceLedger::ProviderDaily, static_cast<std::uint32_t>(i));
        }
    }
}

// --- Budgets ----------------------------------------------------------------------------------

void AlertEngine::budgets(const ReconcileResult &res, const LedgerSet &set, const KeyDirectory &dir, const AllocationResult &alloc,
                          std::vector<Alert> &out)
{
    const AllocationSettings &cfg = res.controls.allocation;
    const QString currency = res.period.currency;
    const QString exceededAction = QStringLiteral(
        "Pause optional workloads and notify the owner. A hard stop belongs in the request path: export the budgets to the gateway "
        "(tokenledger-cli guardrails).");
    const QString projectedAction = QStringLiteral("Notify the owner and review the daily burn before the budget runs out.");

    // Which keys need evidence rows, and from which ledger: client lines or provider figures.
    std::vector<std::vector<std::size_t>> clientAlertsOfSlot(dir.keys().size()), providerAlertsOfSlot(dir.keys().size());

    auto judge = [&](const QString &subject, bool isOwner, const BudgetProjection &p, const MaybeDecimal &provider,
                     const std::vector<int> &keySlots) {
        if (!p.budget.known)
            return;
        const Decimal budget = p.budget.value;
        const QString who = isOwner ? QStringLiteral("owner group %1").arg(subject) : QStringLiteral("key %1").arg(subject);
        Alert a;
        a.subject = subject;
        if (p.spendToDate > budget) {
            a.code = QStringLiteral("budget_exceeded");
            a.severity = QString::fromLatin1(kCritical);
            a.basis = QStringLiteral("client");
            a.detail = QStringLiteral("estimated spend of %1 to %2 is %3 %4, above its monthly budget of %5 %4")
                           .arg(who, timeutil::formatUtc(alloc.frame.asOf), money(p.spendToDate), currency, money(budget));
            a.action = exceededAction;
        } else if (provider.known && provider.value > budget) {
            a.code = QStringLiteral("budget_exceeded");
            a.severity = QString::fromLatin1(kCritical);
            a.basis = QStringLiteral("provider");
            a.detail = QStringLiteral("the provider reports %1 %2 for %3, above its monthly budget of %4 %2 (client estimate %5 %2)")
                           .arg(money(provider.value), currency, who, money(budget), money(p.spendToDate));
            a.action = exceededAction + QStringLiteral(" Spend the client never logged points to another application or a leaked key.");
        } else if (p.projectedMonthEnd.known
                   && p.projectedMonthEnd.value.mulInt(100) > budget.mul(cfg.budgetProjectedPercent)) {
            a.code = QStringLiteral("budget_projected_overrun");
            a.severity = QString::fromLatin1(kWarning);
            a.basis = QStringLiteral("client");
            a.detail = QStringLiteral("%1 is projected to spend %2 %3 by the end of the period at %4 %3 a day (as of %5), "
                                      "above %6% of its monthly budget of %7 %3")
                           .arg(who, money(p.projectedMonthEnd.value), currency,
                                p.dailyBurn.known ? money(p.dailyBurn.value) : QStringLiteral("?"), timeutil::formatUtc(alloc.frame.asOf),
                                cfg.budgetProjectedPercent.toString(), money(budget));
            if (p.daysUntilExhausted >= 0)
                a.detail += QStringLiteral("; the budget runs out in %1 day(s)").arg(p.daysUntilExhausted);
            a.action = projectedAction;
        } else {
            return;
        }
        const std::size_t index = out.size();
        out.push_back(std::move(a));
        for (int s : keySlots) {
            if (out[index].basis == QLatin1String("provider"))
                providerAlertsOfSlot[static_cast<std::size_t>(s)].push_back(index);
            else
                clientAlertsOfSlot[static_cast<std::size_t>(s)].push_back(index);
        }
    };

    for (std::size_t s = 0; s < dir.keys().size(); ++s) {
        const KeyAllocation &k = dir.keys()[s];
        judge(k.apiKeyName, false, k.projection, k.providerReported, {static_cast<int>(s)});
    }
    QHash<QString, int> slotByName;
    for (std::size_t s = 0; s < dir.keys().size(); ++s)
        slotByName.insert(dir.keys()[s].apiKeyName, static_cast<int>(s));
    for (const OwnerAllocation &o : alloc.owners) {
        // A group of one key says what the key's own alert says.
        if (o.unmapped || o.keys.size() < 2)
            continue;
        std::vector<int> keySlots;
        for (const QString &k : o.keys)
            keySlots.push_back(slotByName.value(k, -1));
        keySlots.erase(std::remove(keySlots.begin(), keySlots.end(), -1), keySlots.end());
        judge(o.ownerGroup, true, o.projection, o.providerReported, keySlots);
    }

    // Evidence: the key's billable lines (client basis) or its counted provider rows.
    const std::vector<std::int32_t> &lineSlot = dir.lineSlot();
    for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
        const std::int32_t s = lineSlot[li];
        if (s < 0 || clientAlertsOfSlot[static_cast<std::size_t>(s)].empty() || !billableLine(res, li)
            || set.client.timestamp[res.lineRow[li]] > alloc.frame.asOf)
            continue;
        for (std::size_t a : clientAlertsOfSlot[static_cast<std::size_t>(s)])
            addEvidence(out[a], EvidenceLedger::Client, res.lineRow[li]);
    }
    bool anyProvider = false;
    for (const auto &v : providerAlertsOfSlot)
        anyProvider = anyProvider || !v.empty();
    if (!anyProvider)
        return;
    if (res.providerSource == QLatin1String("requests")) {
        const ProviderRequestTable &p = set.providerRequests;
        for (std::size_t i = 0; i < p.size(); ++i) {
            const int s = dir.slotOf(p.apiKey[i]);
            if (s < 0 || !res.period.contains(p.timestamp[i]) || !p.costKnown[i])
                continue;
            for (std::size_t a : providerAlertsOfSlot[static_cast<std::size_t>(s)])
                addEvidence(out[a], EvidenceLedger::ProviderRequest, static_cast<std::uint32_t>(i));
        }
    } else {
        const QHash<DayNumber, std::uint32_t> dayObs = countedObservation(set);
        const ProviderDailyTable &p = set.providerDaily;
        for (std::size_t i = 0; i < p.size(); ++i) {
            const int s = dir.slotOf(p.apiKey[i]);
            if (s < 0 || !p.amountKnown[i] || dayObs.value(p.day[i]) != p.observation[i])
                continue;
            for (std::size_t a : providerAlertsOfSlot[static_cast<std::size_t>(s)])
                addEvidence(out[a], EvidenceLedger::ProviderDaily, static_cast<std::uint32_t>(i));
        }
    }
}

// --- Variance growing across observations --------------------------------------------------------

void AlertEngine::varianceGrowth(const ReconcileResult &res, const LedgerSet &set, std::vector<Alert> &out)
{
    const AllocationSettings &cfg = res.controls.allocation;
    const Decimal absolute = cfg.varianceGrowthAbsolute.known ? cfg.varianceGrowthAbsolute.value : res.controls.varianceThresholdAbsolute;
    const Decimal percent = cfg.varianceGrowthPercent.known ? cfg.varianceGrowthPercent.value : res.controls.varianceThresholdPercent;
    const std::int64_t window = res.controls.postingWindowHours * 3600LL * 1000000LL;

    struct Eval
    {
        std::uint32_t obs = 0;
        UtcMicros at = kNoTime;
        Decimal provider, estimate;
        int days = 0;
        std::vector<std::uint32_t> rows;
    };
    std::vector<Eval> evals;
    const ProviderDailyTable &p = set.providerDaily;
    const AttemptTable &c = set.client;
    for (std::size_t o = 0; o < set.observations.size(); ++o) {
        const ProviderObservation &ob = set.observations[o];
        if (!ob.hasDaily || ob.observedAt == kNoTime)
            continue;
        QTimeZone tz = QTimeZone::utc();
        timeutil::zoneFromName(ob.dayTz, &tz);
        const UtcMicros cutoff = ob.observedAt - window;
        Eval e;
        e.obs = static_cast<std::uint32_t>(o);
        e.at = ob.observedAt;
        std::map<DayNumber, std::pair<UtcMicros, UtcMicros>> settled;
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (p.observation[i] != o || !p.amountKnown[i])
                continue;
            const DayNumber d = p.day[i];
            auto it = settled.find(d);
            if (it == settled.end()) {
                const UtcMicros from = zoneDayStart(d, tz), to = zoneDayStart(d + 1, tz);
                if (!res.period.contains(from) || to > cutoff)
                    continue;
                it = settled.emplace(d, std::make_pair(from, to)).first;
            }
            e.provider += p.amount[i];
            e.rows.push_back(static_cast<std::uint32_t>(i));
        }
        e.days = static_cast<int>(settled.size());
        if (e.days == 0)
            continue;
        // Intervals of the settled days (sorted, disjoint): the client estimate inside them.
        std::vector<std::pair<UtcMicros, UtcMicros>> spans;
        for (const auto &[d, span] : settled) {
            if (!spans.empty() && spans.back().second == span.first)
                spans.back().second = span.second;
            else
                spans.push_back(span);
        }
        for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
            if (!billableLine(res, li))
                continue;
            const UtcMicros t = c.timestamp[res.lineRow[li]];
            auto it = std::upper_bound(spans.begin(), spans.end(), t, [](UtcMicros v, const auto &s) { return v < s.first; });
            if (it == spans.begin())
                continue;
            --it;
            if (t < it->second)
                e.estimate += res.lineCost[li];
        }
        evals.push_back(std::move(e));
    }
    std::sort(evals.begin(), evals.end(), [](const Eval &a, const Eval &b) { return a.at != b.at ? a.at < b.at : a.obs < b.obs; });
    for (std::size_t i = 1; i < evals.size(); ++i) {
        const Eval &a = evals[i - 1], &b = evals[i];
        const Decimal va = a.provider - a.estimate, vb = b.provider - b.estimate;
        const Decimal growth = vb.abs() - va.abs();
        if (growth.signum() <= 0)
            continue;
        if (!(growth > absolute || growth.mulInt(100) > percent.mul(b.estimate.abs())))
            continue;
        const QString fileA = set.files[set.observations[a.obs].sourceFile].report.fileName;
        const QString fileB = set.files[set.observations[b.obs].sourceFile].report.fileName;
        Alert al;
        al.code = QStringLiteral("variance_growing");
        al.severity = QString::fromLatin1(kWarning);
        al.subject = QStringLiteral("provider observations");
        al.basis = QStringLiteral("client+provider");
        al.detail = QStringLiteral("provider − estimate on the days past the %1 h posting window grew from %2 (%3, observed %4, %5 day(s)) "
                                   "to %6 (%7, observed %8, %9 day(s)): +%10 %11, above %12 %11 or %13% of the estimate")
                        .arg(res.controls.postingWindowHours)
                        .arg(money(va), fileA, timeutil::formatUtc(a.at))
                        .arg(a.days)
                        .arg(money(vb), fileB, timeutil::formatUtc(b.at))
                        .arg(b.days)
                        .arg(money(growth), res.period.currency, money(absolute), percent.toString());
        al.action = QStringLiteral("Open an investigation before adjusting pricing logic: see variance_by_category and the rows behind it.");
        for (std::uint32_t r : b.rows)
            addEvidence(al, EvidenceLedger::ProviderDaily, r);
        out.push_back(std::move(al));
    }
}

// --- Unknown billing behaviour -------------------------------------------------------------------

namespace {

const char *const kShapeFields[8] = {"http_status", "response_id", "input_tokens", "output_tokens", "cached_input_tokens",
                                     "cache_write_tokens", "reasoning_tokens", "model_billed"};

int shapeOf(const AttemptTable &t, std::size_t row, Outcome outcome)
{
    int bits = 0;
    bits |= t.httpStatus[row] >= 0 ? 1 : 0;
    bits |= t.responseId[row] != StringPool::None ? 2 : 0;
    bits |= t.inputTokens[row] >= 0 ? 4 : 0;
    bits |= t.outputTokens[row] >= 0 ? 8 : 0;
    bits |= t.cachedTokens[row] >= 0 ? 16 : 0;
    bits |= t.cacheWriteTokens[row] >= 0 ? 32 : 0;
    bits |= t.reasoningTokens[row] >= 0 ? 64 : 0;
    bits |= t.modelBilled[row] != StringPool::None ? 128 : 0;
    return (static_cast<int>(outcome) + 1) * 256 + bits;
}

QString shapeText(int shape)
{
    const int bits = shape % 256;
    QStringList with, without;
    for (int i = 0; i < 8; ++i)
        ((bits >> i) & 1 ? with : without) << QLatin1String(kShapeFields[i]);
    return QStringLiteral("%1 with %2; without %3")
        .arg(QLatin1String(outcomeName(static_cast<Outcome>(shape / 256 - 1))),
             with.isEmpty() ? QStringLiteral("nothing") : with.join(QLatin1Char(',')),
             without.isEmpty() ? QStringLiteral("nothing") : without.join(QLatin1Char(',')));
}

struct Novel
{
    QString kind, value; // "status" "503" / "model" "gpt-5" / "shape" text
    bool unpriced = false;
    DayNumber first = 0;
    bool hasFirst = false;
    QStringList ledgers;
    Alert alert;
};

/** The features of one row of a ledger: its day, HTTP status (-1 none), shape (0 none) and model (0 none). */
struct Features
{
    DayNumber day = 0;
    int status = -1, shape = 0;
    StringPool::Id model = StringPool::None;
    std::uint32_t row = 0;
};

constexpr int kShapeLimit = (OutcomeCount + 1) * 256;

/**
 * Judges one ledger against its own first days: a status, model or shape its first
 * baselineDays days never showed is new. get(i, &f, full) fills row i's day (and, when full,
 * its other features); false: skip the row. Flat arrays, no hashing per row: one pass for the
 * first day, then each row's features are computed once. reportedModels are reported
 * elsewhere (models with no price).
 */
template <typename Get>
void judgeLedger(std::size_t n, Get get, std::int64_t baselineDays, EvidenceLedger ledger, const char *ledgerName, const StringPool &pool,
                 const std::vector<std::uint8_t> &reportedModels, std::map<std::pair<QString, QString>, Novel> &novel)
{
    Features f;
    bool any = false;
    DayNumber first = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (get(i, &f, false) && (!any || f.day < first)) {
            first = f.day;
            any = true;
        }
    if (!any)
        return;
    const DayNumber baselineEnd = first + static_cast<DayNumber>(std::max<std::int64_t>(1, baselineDays));
    std::vector<std::uint8_t> knownStatus(1000, 0), knownShape(kShapeLimit, 0), knownModel(pool.size(), 0);
    bool later = false;
    std::vector<std::uint32_t> rest; // rows after the baseline
    for (std::size_t i = 0; i < n; ++i) {
        if (!get(i, &f, false))
            continue;
        if (f.day >= baselineEnd) {
            later = true;
            rest.push_back(static_cast<std::uint32_t>(i));
            continue;
        }
        get(i, &f, true);
        if (f.status >= 0)
            knownStatus[static_cast<std::size_t>(f.status)] = 1;
        if (f.shape > 0)
            knownShape[static_cast<std::size_t>(f.shape)] = 1;
        knownModel[f.model] = 1;
    }
    if (!later)
        return;
    auto note = [&](const QString &kind, const QString &value, const Features &x) {
        Novel &nv = novel[{kind, value}];
        nv.kind = kind;
        nv.value = value;
        if (!nv.hasFirst || x.day < nv.first) {
            nv.first = x.day;
            nv.hasFirst = true;
        }
        if (!nv.ledgers.contains(QLatin1String(ledgerName)))
            nv.ledgers << QLatin1String(ledgerName);
        addEvidence(nv.alert, ledger, x.row);
    };
    QHash<int, QString> shapeNames; // compact id → text, once per distinct value
    for (std::uint32_t i : rest) {
        get(i, &f, true);
        if (f.status >= 0 && !knownStatus[static_cast<std::size_t>(f.status)])
            note(QStringLiteral("status"), QString::number(f.status), f);
        if (f.model != StringPool::None && !knownModel[f.model] && !(f.model < reportedModels.size() && reportedModels[f.model]))
            note(QStringLiteral("model"), pool.string(f.model), f);
        if (f.shape > 0 && !knownShape[static_cast<std::size_t>(f.shape)]) {
            auto it = shapeNames.find(f.shape);
            if (it == shapeNames.end())
                it = shapeNames.insert(f.shape, shapeText(f.shape));
            note(QStringLiteral("shape"), it.value(), f);
        }
    }
}

} // namespace

void AlertEngine::unknownBehaviour(const ReconcileResult &res, const LedgerSet &set, std::vector<Alert> &out)
{
    const AllocationSettings &cfg = res.controls.allocation;
    const StringPool &pool = set.pool();
    std::map<std::pair<QString, QString>, Novel> novel;
    const AttemptTable &client = set.client;
    auto clientModel = [&](std::size_t li) {
        const std::uint32_t row = res.lineRow[li];
        return res.lineBillableModel[li] ? res.lineBillableModel[li] : (client.modelBilled[row] ? client.modelBilled[row] : client.modelRequested[row]);
    };
    // Models with no price or mapping are reported with all their client rows below, new or not.
    std::vector<std::uint8_t> unpriced(pool.size(), 0);
    for (std::size_t li = 0; li < res.lineRow.size(); ++li)
        if (res.lineQuarantine[li] == Quarantine::UnknownModel)
            unpriced[clientModel(li)] = 1;
    const std::vector<std::uint8_t> none;

    // Client lines (duplicates are not attempts).
    judgeLedger(
        res.lineRow.size(),
        [&](std::size_t li, Features *f, bool full) {
            if (res.lineQuarantine[li] == Quarantine::Duplicate)
                return false;
            const std::uint32_t row = res.lineRow[li];
            f->day = timeutil::utcDay(client.timestamp[row]);
            if (!full)
                return true;
            f->status = client.httpStatus[row] >= 0 && client.httpStatus[row] < 1000 ? client.httpStatus[row] : -1;
            f->shape = shapeOf(client, row, static_cast<Outcome>(res.lineOutcome[li]));
            f->model = clientModel(li);
            f->row = row;
            return true;
        },
        cfg.noveltyBaselineDays, EvidenceLedger::Client, "client", pool, unpriced, novel);
    // Gateway rows in the period.
    const AttemptTable &g = set.gateway;
    judgeLedger(
        g.size(),
        [&](std::size_t i, Features *f, bool full) {
            if (!res.period.contains(g.timestamp[i]))
                return false;
            f->day = timeutil::utcDay(g.timestamp[i]);
            if (!full)
                return true;
            Outcome o = static_cast<Outcome>(g.outcome[i]);
            if (o == Outcome::Unknown)
                o = deriveOutcome(g.httpStatus[i], g.clientTimeout[i] == 1, g.streamCancelled[i] == 1, g.stream[i] == 1, g.cacheHit[i] == 1);
            f->status = g.httpStatus[i] >= 0 && g.httpStatus[i] < 1000 ? g.httpStatus[i] : -1;
            f->shape = shapeOf(g, i, o);
            f->model = g.modelBilled[i] ? g.modelBilled[i] : g.modelRequested[i];
            f->row = static_cast<std::uint32_t>(i);
            return true;
        },
        cfg.noveltyBaselineDays, EvidenceLedger::Gateway, "gateway", pool, none, novel);
    // Provider per-request records: the models they bill.
    const ProviderRequestTable &p = set.providerRequests;
    judgeLedger(
        p.size(),
        [&](std::size_t i, Features *f, bool full) {
            if (!res.period.contains(p.timestamp[i]))
                return false;
            f->day = timeutil::utcDay(p.timestamp[i]);
            if (!full)
                return true;
            f->status = -1;
            f->shape = 0;
            f->model = p.upstreamModel[i] ? p.upstreamModel[i] : p.model[i];
            f->row = static_cast<std::uint32_t>(i);
            return true;
        },
        cfg.noveltyBaselineDays, EvidenceLedger::ProviderRequest, "provider", pool, none, novel);

    // Models with no price or mapping (quarantined unknown_model), whenever they appear.
    for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
        if (res.lineQuarantine[li] != Quarantine::UnknownModel)
            continue;
        const std::uint32_t row = res.lineRow[li];
        const QString model = pool.string(clientModel(li));
        const QString name = model.isEmpty() ? QStringLiteral("(blank)") : model;
        Novel &n = novel[{QStringLiteral("model"), name}];
        n.kind = QStringLiteral("model");
        n.value = name;
        n.unpriced = true;
        const DayNumber d = timeutil::utcDay(client.timestamp[row]);
        if (!n.hasFirst || d < n.first) {
            n.first = d;
            n.hasFirst = true;
        }
        if (!n.ledgers.contains(QLatin1String("client")))
            n.ledgers.prepend(QStringLiteral("client"));
        addEvidence(n.alert, EvidenceLedger::Client, row);
    }

    for (auto &[id, n] : novel) {
        Alert a = std::move(n.alert);
        a.code = QStringLiteral("unknown_billing_behaviour");
        a.severity = QString::fromLatin1(kWarning);
        a.basis = n.ledgers.join(QLatin1Char('+'));
        a.day = n.first;
        a.hasDay = n.hasFirst;
        const QString since = QStringLiteral("first seen on %1, after the first %2 day(s) of data never showed it")
                                  .arg(dayText(n.first))
                                  .arg(cfg.noveltyBaselineDays);
        if (n.kind == QLatin1String("status")) {
            a.subject = QStringLiteral("status %1").arg(n.value);
            a.detail = QStringLiteral("HTTP status %1 %2 (%3 row(s))").arg(n.value, since).arg(a.rows);
        } else if (n.kind == QLatin1String("model")) {
            a.subject = QStringLiteral("model %1").arg(n.value);
            a.detail = n.unpriced ? QStringLiteral("model %1 has no mapping or price in the snapshot: its attempts are quarantined as "
                                                   "unknown_model (%2 row(s))")
                                        .arg(n.value)
                                        .arg(a.rows)
                                  : QStringLiteral("model %1 %2 (%3 row(s))").arg(n.value, since).arg(a.rows);
        } else {
            a.subject = QStringLiteral("shape %1").arg(n.value);
            a.detail = QStringLiteral("response shape %1 %2 (%3 row(s))").arg(n.value, since).arg(a.rows);
        }
        a.action = QStringLiteral("Freeze automation changes until the billing behaviour is verified against the provider's "
                                  "documentation or support; record it in the evidence register.");
        out.push_back(std::move(a));
    }
}

// --- Source IPs outside allowed_ips --------------------------------------------------------------

namespace {

struct Subnet
{
    QHostAddress address;
    int prefix = -1; ///< -1: a single address
};

/** Parses a source_ip cell: the first of a comma list, without brackets or a :port. Null when it is not an address. */
QHostAddress parseSourceIp(QString text)
{
    text = text.trimmed();
    const qsizetype comma = text.indexOf(QLatin1Char(','));
    if (comma >= 0)
        text = text.left(comma).trimmed();
    if (text.startsWith(QLatin1Char('[')) && text.contains(QLatin1Char(']')))
        text = text.mid(1, text.indexOf(QLatin1Char(']')) - 1);
    else if (text.count(QLatin1Char(':')) == 1 && text.contains(QLatin1Char('.')))
        text = text.left(text.indexOf(QLatin1Char(':')));
    QHostAddress a;
    if (!a.setAddress(text))
        return QHostAddress();
    return a;
}

} // namespace

void AlertEngine::allowedIps(const ReconcileResult &res, const LedgerSet &set, const KeyDirectory &dir, std::vector<Alert> &out)
{
    const StringPool &pool = set.pool();
    const std::size_t nKeys = dir.keys().size();
    // The allowed subnets of each key's owners row, parsed once.
    std::vector<std::vector<Subnet>> allowed(nKeys);
    bool any = false;
    for (std::size_t s = 0; s < nKeys; ++s) {
        const OwnerRow *o = dir.owner(static_cast<int>(s));
        if (!o)
            continue;
        for (const QString &entry : o->allowedIps) {
            Subnet sn;
            if (entry.contains(QLatin1Char('/'))) {
                const auto pr = QHostAddress::parseSubnet(entry);
                if (pr.second < 0)
                    continue;
                sn.address = pr.first;
                sn.prefix = pr.second;
            } else if (!sn.address.setAddress(entry)) {
                continue;
            }
            allowed[s].push_back(sn);
        }
        any = any || !allowed[s].empty();
    }
    if (!any)
        return;

    // (slot, ip id) → 1 outside, 0 inside, -1 not an address.
    std::unordered_map<std::uint64_t, std::int8_t> verdicts;
    auto outside = [&](std::size_t slot, StringPool::Id ip) -> bool {
        const std::uint64_t key = (static_cast<std::uint64_t>(slot) << 32) | ip;
        auto it = verdicts.find(key);
        if (it == verdicts.end()) {
            std::int8_t v = -1;
            const QHostAddress a = parseSourceIp(pool.string(ip));
            if (!a.isNull()) {
                v = 1;
                for (const Subnet &sn : allowed[slot]) {
                    const bool in = sn.prefix < 0 ? a.isEqual(sn.address, QHostAddress::ConvertV4MappedToIPv4)
                                                  : a.isInSubnet(sn.address, sn.prefix);
                    if (in) {
                        v = 0;
                        break;
                    }
                }
            }
            it = verdicts.emplace(key, v).first;
        }
        return it->second == 1;
    };

    struct Hits
    {
        Alert alert;
        std::map<QString, qint64> ips;
        DayNumber first = 0;
        bool hasFirst = false;
        QStringList ledgers;
    };
    std::map<std::size_t, Hits> hits;
    auto hit = [&](std::size_t slot, StringPool::Id ip, UtcMicros t, EvidenceLedger ledger, const char *ledgerName, std::uint32_t row) {
        Hits &h = hits[slot];
        ++h.ips[pool.string(ip).trimmed()];
        const DayNumber d = timeutil::utcDay(t);
        if (!h.hasFirst || d < h.first) {
            h.first = d;
            h.hasFirst = true;
        }
        if (!h.ledgers.contains(QLatin1String(ledgerName)))
            h.ledgers << QLatin1String(ledgerName);
        addEvidence(h.alert, ledger, row);
    };

    const AttemptTable &c = set.client;
    const std::vector<std::int32_t> &lineSlot = dir.lineSlot();
    for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
        const std::uint32_t row = res.lineRow[li];
        const std::int32_t s = lineSlot[li];
        if (s < 0 || c.sourceIp[row] == StringPool::None || allowed[static_cast<std::size_t>(s)].empty()
            || res.lineQuarantine[li] == Quarantine::Duplicate)
            continue;
        if (outside(static_cast<std::size_t>(s), c.sourceIp[row]))
            hit(static_cast<std::size_t>(s), c.sourceIp[row], c.timestamp[row], EvidenceLedger::Client, "client", row);
    }
    const AttemptTable &g = set.gateway;
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (g.sourceIp[i] == StringPool::None || !res.period.contains(g.timestamp[i]))
            continue;
        const int s = dir.slotOf(g.apiKey[i]);
        if (s < 0 || allowed[static_cast<std::size_t>(s)].empty())
            continue;
        if (outside(static_cast<std::size_t>(s), g.sourceIp[i]))
            hit(static_cast<std::size_t>(s), g.sourceIp[i], g.timestamp[i], EvidenceLedger::Gateway, "gateway", static_cast<std::uint32_t>(i));
    }
    const ProviderRequestTable &p = set.providerRequests;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p.sourceIp[i] == StringPool::None || !res.period.contains(p.timestamp[i]))
            continue;
        const int s = dir.slotOf(p.apiKey[i]);
        if (s < 0 || allowed[static_cast<std::size_t>(s)].empty())
            continue;
        if (outside(static_cast<std::size_t>(s), p.sourceIp[i]))
            hit(static_cast<std::size_t>(s), p.sourceIp[i], p.timestamp[i], EvidenceLedger::ProviderRequest, "provider",
                static_cast<std::uint32_t>(i));
    }

    for (auto &[slot, h] : hits) {
        const OwnerRow *o = dir.owner(static_cast<int>(slot));
        std::vector<std::pair<QString, qint64>> ips(h.ips.begin(), h.ips.end());
        std::stable_sort(ips.begin(), ips.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
        QStringList shown;
        for (std::size_t i = 0; i < ips.size() && i < 5; ++i)
            shown << QStringLiteral("%1 (%2)").arg(ips[i].first).arg(ips[i].second);
        if (ips.size() > 5)
            shown << QStringLiteral("%1 more").arg(ips.size() - 5);
        Alert a = std::move(h.alert);
        a.code = QStringLiteral("ip_outside_allowlist");
        a.severity = QString::fromLatin1(kCritical);
        a.subject = dir.keys()[slot].apiKeyName;
        a.basis = h.ledgers.join(QLatin1Char('+'));
        a.day = h.first;
        a.hasDay = h.hasFirst;
        a.detail = QStringLiteral("%1 request(s) from source IPs outside the key's allowed_ips (%2), from %3: %4")
                       .arg(a.rows)
                       .arg(o ? o->allowedIps.join(QLatin1Char(';')) : QString(), dayText(h.first), shown.join(QStringLiteral(", ")));
        a.action = QStringLiteral("Treat the key as leaked: disable it and create a new one, then check the provider's request log "
                                  "for these IPs and keep the rows as evidence.");
        out.push_back(std::move(a));
    }
}

// --- All of them -------------------------------------------------------------------------------

void AlertEngine::sort(std::vector<Alert> &alerts)
{
    std::stable_sort(alerts.begin(), alerts.end(), [](const Alert &a, const Alert &b) {
        const int sa = a.severity == QLatin1String(kCritical) ? 0 : 1, sb = b.severity == QLatin1String(kCritical) ? 0 : 1;
        if (sa != sb)
            return sa < sb;
        if (a.code != b.code)
            return a.code < b.code;
        if (a.subject != b.subject)
            return a.subject < b.subject;
        if (a.hasDay != b.hasDay)
            return a.hasDay;
        if (a.day != b.day)
            return a.day < b.day;
        return a.basis < b.basis;
    });
}

std::vector<Alert> AlertEngine::run(const ReconcileResult &res, const LedgerSet &set, const KeyDirectory &dir, const AllocationResult &alloc)
{
    std::vector<Alert> out;
    volumeSpikes(res, set, dir, out);
    budgets(res, set, dir, alloc, out);
    varianceGrowth(res, set, out);
    unknownBehaviour(res, set, out);
    allowedIps(res, set, dir, out);
    sort(out);
    return out;
}

} // namespace tl
