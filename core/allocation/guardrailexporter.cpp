// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/guardrailexporter.h"

#include "core/reconcile/reconcileresult.h"
#include "core/util/jsonwriter.h"
#include "core/util/timeutil.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

namespace tl {

namespace {

const char kFormat[] = "tokenledger-guardrails/1";
const char kTarget[] = "LiteLLM proxy key management API: POST /key/update (or /key/generate)";
const char kApply[] =
    "For each entry of keys: find the key's token with GET /key/list?key_alias=<key_alias>&return_full_object=true, then "
    "POST /key/update with the key_update body plus \"key\": <token>. A key that does not exist yet can be created with "
    "POST /key/generate and the same body. Never send `duration` (it expires a key).";

bool usd(const QString &c)
{
    return c.isEmpty() || c.compare(QLatin1String("USD"), Qt::CaseInsensitive) == 0;
}

} // namespace

bool GuardrailExporter::validDuration(const QString &duration)
{
    static const QRegularExpression re(QStringLiteral("^[1-9][0-9]{0,5}(s|m|h|d|w|mo)$"));
    return re.match(duration).hasMatch();
}

GuardrailPlan GuardrailExporter::plan(const ReconcileResult &res, const LedgerSet &set, const GuardrailOptions &options)
{
    const StringPool &pool = set.pool();
    GuardrailPlan plan;
    plan.generatedBy = QStringLiteral("tokenledger " TOKENLEDGER_VERSION);
    plan.periodStart = timeutil::formatUtc(res.period.start);
    plan.periodEnd = timeutil::formatUtc(res.period.end);
    plan.accountRef = res.period.accountRef;
    plan.currency = res.period.currency;
    plan.budgetDuration = options.budgetDuration;

    // The denylist: the job's, the command line's, and models with no price (fail closed).
    std::map<QString, QString> denied; // model → reason
    for (const QString &m : res.controls.allocation.modelDenylist)
        if (!m.trimmed().isEmpty())
            denied.emplace(m.trimmed(), QStringLiteral("job control model_denylist"));
    for (const QString &m : options.deny)
        if (!m.trimmed().isEmpty())
            denied.emplace(m.trimmed(), QStringLiteral("command line --deny"));
    const AttemptTable &c = set.client;
    for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
        if (res.lineQuarantine[li] != Quarantine::UnknownModel)
            continue;
        const std::uint32_t row = res.lineRow[li];
        const QString m = pool.string(c.modelRequested[row]);
        if (!m.isEmpty())
            denied.emplace(m, QStringLiteral("no mapping or price in the snapshot (unknown_model): denied until a price is approved"));
    }
    for (const auto &[m, why] : denied)
        plan.denylist.push_back({m, why});

    // Models each key used, and which of them the denylist names (by requested or billed name).
    QHash<StringPool::Id, int> deniedId; // 1 denied, 0 not
    auto isDenied = [&](StringPool::Id id) {
        if (id == StringPool::None)
            return false;
        auto it = deniedId.find(id);
        if (it == deniedId.end())
            it = deniedId.insert(id, denied.count(pool.string(id)) ? 1 : 0);
        return it.value() == 1;
    };
    std::map<QString, std::map<QString, bool>> used; // key → requested model → denied
    for (std::size_t li = 0; li < res.lineRow.size(); ++li) {
        if (res.lineQuarantine[li] == Quarantine::Duplicate)
            continue;
        const std::uint32_t row = res.lineRow[li];
        const StringPool::Id requested = c.modelRequested[row];
        if (requested == StringPool::None)
            continue;
        const bool d = isDenied(requested) || isDenied(c.modelBilled[row]) || isDenied(res.lineBillableModel[li]);
        bool &flag = used[pool.string(c.apiKey[row])][pool.string(requested)];
        flag = flag || d;
    }

    // One entry per owners row (the budgets), and per key without one that used a denied model.
    std::map<QString, const OwnerRow *> owners;
    for (const OwnerRow &o : set.owners)
        owners.emplace(o.apiKeyName, &o);
    QSet<QString> names;
    for (const auto &[name, o] : owners)
        names.insert(name);
    for (const auto &[name, models] : used)
        names.insert(name);
    QStringList sorted(names.begin(), names.end());
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    for (const QString &name : sorted) {
        const auto oit = owners.find(name);
        const OwnerRow *o = oit == owners.end() ? nullptr : oit->second;
        GuardrailKey k;
        k.apiKeyName = name;
        const auto uit = used.find(name);
        if (uit != used.end())
            for (const auto &[model, d] : uit->second) {
                k.modelsUsed << model;
                if (d)
                    k.deniedModelsUsed << model;
                else
                    k.allowlist << model;
            }
        k.restrict = !k.deniedModelsUsed.isEmpty() || (options.restrictToUsedModels && !k.modelsUsed.isEmpty());
        k.blocked = k.restrict && k.allowlist.isEmpty();
        if (o) {
            k.ownerGroup = o->ownerGroup;
            k.workload = o->workload;
            k.environment = o->environment;
            k.costCenter = o->costCenter;
            k.allocationRule = o->allocationRule;
            if (o->monthlyBudget.known) {
                if (usd(o->currency.isEmpty() ? plan.currency : o->currency))
                    k.monthlyBudget = o->monthlyBudget;
                else
                    plan.skipped.push_back({name, QStringLiteral("monthly_budget is in %1; LiteLLM budgets are in USD, so no max_budget is written")
                                                      .arg(o->currency.isEmpty() ? plan.currency : o->currency)});
            }
        }
        if (!k.monthlyBudget.known && !k.restrict) {
            plan.skipped.push_back({name, o ? QStringLiteral("no monthly_budget in the owners table and no denied model used")
                                            : QStringLiteral("no owners row (no budget) and no denied model used")});
            continue;
        }
        plan.keys.push_back(std::move(k));
    }
    return plan;
}

QByteArray GuardrailExporter::liteLlmJson(const GuardrailPlan &plan)
{
    JsonWriter w;
    auto list = [&w](std::string_view key, const QStringList &l) {
        w.key(key);
        w.beginArray();
        for (const QString &s : l)
            w.string(s);
        w.endArray();
    };
    w.beginObject();
    w.field("format", kFormat);
    w.field("target", kTarget);
    w.field("generated_by", plan.generatedBy);
    w.key("period");
    w.beginObject();
    w.field("start_utc", plan.periodStart);
    w.field("end_utc", plan.periodEnd);
    w.field("account_ref", plan.accountRef);
    w.field("currency", plan.currency);
    w.endObject();
    w.field("budget_duration", plan.budgetDuration);
    w.field("apply", kApply);
    w.key("model_denylist");
    w.beginArray();
    for (const auto &d : plan.denylist) {
        w.beginObject();
        w.field("model", d.model);
        w.field("reason", d.reason);
        w.endObject();
    }
    w.endArray();
    w.key("keys");
    w.beginArray();
    for (const GuardrailKey &k : plan.keys) {
        w.beginObject();
        w.field("api_key_name", k.apiKeyName);
        w.fieldOrNull("owner_group", k.ownerGroup);
        w.fieldOrNull("workload", k.workload);
        w.fieldOrNull("environment", k.environment);
        w.fieldOrNull("cost_center", k.costCenter);
        w.fieldOrNull("allocation_rule", k.allocationRule);
        w.key("monthly_budget");
        if (k.monthlyBudget.known)
            w.string(k.monthlyBudget.value.toStdString());
        else
            w.null();
        list("models_used", k.modelsUsed);
        list("denied_models_used", k.deniedModelsUsed);
        w.key("key_update");
        w.beginObject();
        w.field("key_alias", k.apiKeyName);
        if (k.monthlyBudget.known) {
            w.key("max_budget");
            w.raw(k.monthlyBudget.value.toStdString());
            w.field("budget_duration", plan.budgetDuration);
        }
        if (k.blocked)
            w.fieldBool("blocked", true);
        else if (k.restrict)
            list("models", k.allowlist);
        w.endObject();
        w.endObject();
    }
    w.endArray();
    w.key("skipped");
    w.beginArray();
    for (const auto &s : plan.skipped) {
        w.beginObject();
        w.field("api_key_name", s.apiKeyName);
        w.field("reason", s.reason);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.data();
}

namespace {

// YAML scalars are written as JSON strings: a double-quoted YAML scalar reads them the same.
QByteArray q(const QString &s)
{
    QByteArray out;
    const QByteArray u = s.toUtf8();
    JsonWriter::escape(out, std::string_view(u.constData(), static_cast<std::size_t>(u.size())));
    return out;
}

QByteArray flowList(const QStringList &l)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < l.size(); ++i)
        out += (i ? ", " : "") + q(l[i]);
    return out + "]";
}

QByteArray orNull(const QString &s)
{
    return s.isEmpty() ? QByteArrayLiteral("null") : q(s);
}

} // namespace

QByteArray GuardrailExporter::liteLlmYaml(const GuardrailPlan &plan)
{
    QByteArray y;
    y += "# Budgets and model denylist for LiteLLM proxy virtual keys, written by " + plan.generatedBy.toUtf8() + ".\n";
    y += "# Each keys[].key_update is a body for POST /key/update (add \"key\": <token>) or POST /key/generate.\n";
    y += "format: " + q(QString::fromLatin1(kFormat)) + "\n";
    y += "target: " + q(QString::fromLatin1(kTarget)) + "\n";
    y += "generated_by: " + q(plan.generatedBy) + "\n";
    y += "period:\n";
    y += "  start_utc: " + q(plan.periodStart) + "\n";
    y += "  end_utc: " + q(plan.periodEnd) + "\n";
    y += "  account_ref: " + q(plan.accountRef) + "\n";
    y += "  currency: " + q(plan.currency) + "\n";
    y += "budget_duration: " + q(plan.budgetDuration) + "\n";
    y += "apply: " + q(QString::fromLatin1(kApply)) + "\n";
    y += "model_denylist:";
    y += plan.denylist.empty() ? " []\n" : "\n";
    for (const auto &d : plan.denylist)
        y += "  - model: " + q(d.model) + "\n    reason: " + q(d.reason) + "\n";
    y += "keys:";
    y += plan.keys.empty() ? " []\n" : "\n";
    for (const GuardrailKey &k : plan.keys) {
        y += "  - api_key_name: " + q(k.apiKeyName) + "\n";
        y += "    owner_group: " + orNull(k.ownerGroup) + "\n";
        y += "    workload: " + orNull(k.workload) + "\n";
        y += "    environment: " + orNull(k.environment) + "\n";
        y += "    cost_center: " + orNull(k.costCenter) + "\n";
        y += "    allocation_rule: " + orNull(k.allocationRule) + "\n";
        y += "    monthly_budget: " + (k.monthlyBudget.known ? q(k.monthlyBudget.value.toString()) : QByteArrayLiteral("null")) + "\n";
        y += "    models_used: " + flowList(k.modelsUsed) + "\n";
        y += "    denied_models_used: " + flowList(k.deniedModelsUsed) + "\n";
        y += "    key_update:\n";
        y += "      key_alias: " + q(k.apiKeyName) + "\n";
        if (k.monthlyBudget.known) {
            y += "      max_budget: " + QByteArray::fromStdString(k.monthlyBudget.value.toStdString()) + "\n";
            y += "      budget_duration: " + q(plan.budgetDuration) + "\n";
        }
        if (k.blocked)
            y += "      blocked: true\n";
        else if (k.restrict)
            y += "      models: " + flowList(k.allowlist) + "\n";
    }
    y += "skipped:";
    y += plan.skipped.empty() ? " []\n" : "\n";
    for (const auto &s : plan.skipped)
        y += "  - api_key_name: " + q(s.apiKeyName) + "\n    reason: " + q(s.reason) + "\n";
    return y;
}

} // namespace tl
