// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/money/decimal.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace tl {

struct ReconcileResult;

/** What the guardrail export takes from the command line. */
struct GuardrailOptions
{
    QString budgetDuration = QStringLiteral("1mo"); ///< LiteLLM budget_duration ("30d", "1mo", ...)
    QStringList deny;                               ///< more denied models (besides the job's model_denylist)
    bool restrictToUsedModels = false;              ///< every key gets a models allowlist (what it used, minus the denylist)
};

/** One key's guardrail: its budget and, when needed, its model allowlist. */
struct GuardrailKey
{
    QString apiKeyName, ownerGroup, workload, environment, costCenter, allocationRule;
    MaybeDecimal monthlyBudget;   ///< written as max_budget when known
    QStringList modelsUsed;       ///< model names the key requested in the period (as the application sends them)
    QStringList deniedModelsUsed; ///< those of them the denylist names (requested or billed name)
    bool restrict = false;        ///< write `models` (LiteLLM enforces an allowlist, it has no per-key denylist)
    QStringList allowlist;        ///< modelsUsed minus deniedModelsUsed
    bool blocked = false;         ///< restricted with nothing left to allow: the key is blocked
};

/** The budgets and the model denylist of a period, as a gateway should enforce them. */
struct GuardrailPlan
{
    QString generatedBy, periodStart, periodEnd, accountRef, currency, budgetDuration;
    struct Denied
    {
        QString model, reason;
    };
    std::vector<Denied> denylist;
    std::vector<GuardrailKey> keys;
    struct Skipped
    {
        QString apiKeyName, reason;
    };
    std::vector<Skipped> skipped;
};

/**
 * Exports budgets and a model denylist as configuration a gateway enforces (seed 000: "If you
 * need a hard budget stop, enforce it in your own application path"), for LiteLLM proxy's
 * key-management API: each key gets a `key_update` body for POST /key/update (or
 * /key/generate) with `key_alias`, `max_budget` (the owners row's monthly_budget) and
 * `budget_duration`, plus a `models` allowlist or `blocked` where the denylist requires it.
 * README.md in this directory says how an operator applies it.
 */
class GuardrailExporter
{
public:
    static GuardrailPlan plan(const ReconcileResult &res, const LedgerSet &set, const GuardrailOptions &options);
    static QByteArray liteLlmJson(const GuardrailPlan &plan);
    static QByteArray liteLlmYaml(const GuardrailPlan &plan);
    /** A LiteLLM duration: digits followed by s, m, h, d, w or mo. */
    static bool validDuration(const QString &duration);
};

} // namespace tl
