// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/allocationjson.h"

#include "core/reconcile/reconcileresult.h"
#include "core/util/timeutil.h"

namespace tl {

const char *evidenceLedgerName(EvidenceLedger l)
{
    switch (l) {
    case EvidenceLedger::Client: return "client";
    case EvidenceLedger::Gateway: return "gateway";
    case EvidenceLedger::ProviderDaily: return "provider_daily";
    case EvidenceLedger::ProviderRequest: return "provider_request";
    }
    return "client";
}

namespace {

void money(JsonWriter &w, std::string_view key, Decimal d)
{
    w.key(key);
    w.string(d.toStdString());
}

void money(JsonWriter &w, std::string_view key, const MaybeDecimal &d)
{
    w.key(key);
    if (d.known)
        w.string(d.value.toStdString());
    else
        w.null();
}

void strings(JsonWriter &w, std::string_view key, const QStringList &list)
{
    w.key(key);
    w.beginArray();
    for (const QString &s : list)
        w.string(s);
    w.endArray();
}

void projection(JsonWriter &w, const BudgetProjection &p)
{
    money(w, "spend_to_date", p.spendToDate);
    money(w, "daily_burn", p.dailyBurn);
    money(w, "projected_month_end", p.projectedMonthEnd);
    w.key("days_until_budget_exhausted");
    if (p.daysUntilExhausted >= 0)
        w.number(p.daysUntilExhausted);
    else
        w.null();
}

QString fileName(const LedgerSet &set, std::uint32_t f)
{
    return f < set.files.size() ? set.files[f].report.fileName : QString();
}

void evidence(JsonWriter &w, const LedgerSet &set, const EvidenceRow &e)
{
    std::uint32_t file = 0, line = 0;
    switch (e.ledger) {
    case EvidenceLedger::Client:
        file = set.client.sourceFile[e.row];
        line = set.client.sourceLine[e.row];
        break;
    case EvidenceLedger::Gateway:
        file = set.gateway.sourceFile[e.row];
        line = set.gateway.sourceLine[e.row];
        break;
    case EvidenceLedger::ProviderDaily: {
        const std::uint32_t o = set.providerDaily.observation[e.row];
        file = o < set.observations.size() ? set.observations[o].sourceFile : 0;
        line = set.providerDaily.sourceLine[e.row];
        break;
    }
    case EvidenceLedger::ProviderRequest:
        file = set.providerRequests.sourceFile[e.row];
        line = set.providerRequests.sourceLine[e.row];
        break;
    }
    w.beginObject();
    w.field("ledger", evidenceLedgerName(e.ledger));
    w.field("file", fileName(set, file));
    w.field("line", static_cast<long long>(line));
    w.endObject();
}

} // namespace

void AllocationJson::write(JsonWriter &w, const ReconcileResult &r, const LedgerSet &set)
{
    const AllocationResult &a = r.allocation;

    w.key("by_owner");
    w.beginArray();
    for (const OwnerAllocation &o : a.owners) {
        w.beginObject();
        w.field("owner_group", o.ownerGroup);
        w.fieldBool("unmapped", o.unmapped);
        strings(w, "keys", o.keys);
        w.field("attempts", static_cast<long long>(o.attempts));
        money(w, "estimated_cost", o.estimatedCost);
        money(w, "provider_reported", o.providerReported);
        money(w, "budget", o.projection.budget);
        w.field("keys_without_budget", static_cast<long long>(o.keysWithoutBudget));
        projection(w, o.projection);
        w.endObject();
    }
    w.endArray();

    w.key("budgets");
    w.beginArray();
    for (const KeyAllocation &k : a.keys) {
        w.beginObject();
        w.field("api_key_name", k.apiKeyName);
        w.fieldOrNull("owner_group", k.ownerGroup);
        w.key("allocation");
        w.beginArray();
        for (const KeyAllocation::Share &s : k.shares) {
            w.beginObject();
            w.field("owner_group", s.group);
            w.key("weight");
            w.string(s.weight.toStdString());
            w.endObject();
        }
        w.endArray();
        w.field("attempts", static_cast<long long>(k.attempts));
        money(w, "estimated_cost", k.estimatedCost);
        money(w, "provider_reported", k.providerReported);
        money(w, "budget", k.projection.budget);
        projection(w, k.projection);
        w.endObject();
    }
    w.endArray();

    w.key("budget_projection");
    w.beginObject();
    w.fieldOrNull("as_of", a.frame.known ? timeutil::formatUtc(a.frame.asOf) : QString());
    w.key("days_elapsed");
    if (a.frame.known)
        w.number(a.frame.daysElapsed);
    else
        w.null();
    w.field("days_in_period", static_cast<long long>(a.frame.daysInPeriod));
    w.field("basis", "estimated_billable");
    w.field("method", "projected = spend_to_date x days_in_period / days_elapsed; as of the newest client attempt in the period");
    w.endObject();

    w.key("retry_amplification");
    w.beginArray();
    for (const RetryStats &s : a.retries) {
        w.beginObject();
        w.field("workload", s.workload);
        strings(w, "keys", s.keys);
        w.field("requests", static_cast<long long>(s.requests));
        w.field("attempts", static_cast<long long>(s.attempts));
        w.field("first_attempts", static_cast<long long>(s.firstAttempts));
        w.field("retries", static_cast<long long>(s.retries));
        w.field("fallbacks", static_cast<long long>(s.fallbacks));
        w.field("requests_with_retries", static_cast<long long>(s.requestsWithRetries));
        money(w, "attempts_per_request", s.attemptsPerRequest);
        money(w, "estimated_cost", s.estimatedCost);
        money(w, "retry_estimated_cost", s.retryEstimatedCost);
        money(w, "cost_per_request", s.costPerRequest);
        money(w, "cost_per_attempt", s.costPerAttempt);
        w.endObject();
    }
    w.endArray();

    w.key("unit_costs");
    w.beginArray();
    for (const UnitCost &u : a.unitCosts) {
        w.beginObject();
        w.fieldOrNull("workload", u.workload);
        w.field("unit_name", u.unitName);
        w.field("cadence", u.cadence);
        w.fieldOrNull("date", u.cadence == QLatin1String("daily") ? timeutil::dayString(u.day) : QString());
        w.field("days", static_cast<long long>(u.days));
        money(w, "unit_cost", u.unitCost);
        money(w, "numerator", u.numerator);
        money(w, "denominator", u.denominator);
        w.field("numerator_source", u.numeratorSource);
        w.field("denominator_source", u.denominatorSource);
        strings(w, "keys", u.keys);
        if (u.cadence == QLatin1String("period"))
            money(w, "cost_on_days_without_units", u.costOnDaysWithoutUnits);
        w.endObject();
    }
    w.endArray();

    w.key("alerts");
    w.beginArray();
    for (const Alert &al : a.alerts) {
        w.beginObject();
        w.field("code", al.code);
        w.field("severity", al.severity);
        w.field("subject", al.subject);
        w.field("detail", al.detail);
        w.field("rows", static_cast<long long>(al.rows));
        w.field("basis", al.basis);
        w.fieldOrNull("date", al.hasDay ? timeutil::dayString(al.day) : QString());
        w.field("action", al.action);
        w.key("evidence");
        w.beginArray();
        for (std::size_t i = 0; i < al.evidence.size() && i < kSummaryEvidence; ++i)
            evidence(w, set, al.evidence[i]);
        w.endArray();
        w.endObject();
    }
    w.endArray();

    const AllocationSettings &cfg = r.controls.allocation;
    w.key("alert_settings");
    w.beginObject();
    w.key("alert_spike_factor");
    w.string(cfg.spikeFactor.toStdString());
    w.field("alert_spike_baseline_days", static_cast<long long>(cfg.spikeBaselineDays));
    w.field("alert_spike_min_baseline_days", static_cast<long long>(cfg.spikeMinBaselineDays));
    w.field("alert_spike_min_count", static_cast<long long>(cfg.spikeMinCount));
    w.key("alert_budget_projected_percent");
    w.string(cfg.budgetProjectedPercent.toStdString());
    w.key("alert_variance_growth_percent");
    w.string((cfg.varianceGrowthPercent.known ? cfg.varianceGrowthPercent.value : r.controls.varianceThresholdPercent).toStdString());
    w.key("alert_variance_growth_absolute");
    w.string((cfg.varianceGrowthAbsolute.known ? cfg.varianceGrowthAbsolute.value : r.controls.varianceThresholdAbsolute).toStdString());
    w.field("alert_novelty_baseline_days", static_cast<long long>(cfg.noveltyBaselineDays));
    strings(w, "model_denylist", cfg.modelDenylist);
    w.endObject();
}

} // namespace tl
