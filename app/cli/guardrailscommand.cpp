// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/allocation/guardrailexporter.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/reconcile/resultwriter.h"

using namespace tl;

namespace tl::cli {

namespace {

const char kGuardrailsUsage[] =
    "usage: tokenledger-cli guardrails JOB.json --as litellm-json|litellm-yaml --out FILE\n"
    "       [--budget-duration 1mo] [--deny MODEL[,MODEL...]] [--restrict-to-used-models]";

} // namespace

// Budgets and the model denylist of a reconciled period as LiteLLM key-management bodies
// (core/allocation/README.md, "Guardrails"): what a gateway enforces, not what a report says.
int cmdGuardrails(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("as"), QStringLiteral("out"), QStringLiteral("budget-duration"), QStringLiteral("deny")}, &a, &error)
        || a.positional.size() != 1 || !a.options.contains(QStringLiteral("out")) || !a.options.contains(QStringLiteral("as")))
        return fail(error.isEmpty() ? QString::fromLatin1(kGuardrailsUsage) : error);
    const QString as = a.options.value(QStringLiteral("as"));
    if (as != QLatin1String("litellm-json") && as != QLatin1String("litellm-yaml"))
        return fail(QStringLiteral("--as expects litellm-json or litellm-yaml, got '%1'").arg(as));
    GuardrailOptions options;
    if (a.options.contains(QStringLiteral("budget-duration")))
        options.budgetDuration = a.options.value(QStringLiteral("budget-duration"));
    if (!GuardrailExporter::validDuration(options.budgetDuration))
        return fail(QStringLiteral("--budget-duration expects a LiteLLM duration such as 30d or 1mo, got '%1'").arg(options.budgetDuration));
    for (const QString &m : a.options.value(QStringLiteral("deny")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.deny << m.trimmed();
    options.restrictToUsedModels = a.flags.contains(QStringLiteral("restrict-to-used-models"));

    const Job job = Job::load(a.positional[0]);
    LedgerSet set;
    JobRunner::load(job, set);
    const ReconcileResult result = Reconciler::run(job, set);
    const GuardrailPlan plan = GuardrailExporter::plan(result, set, options);
    const QByteArray bytes = as == QLatin1String("litellm-yaml") ? GuardrailExporter::liteLlmYaml(plan) : GuardrailExporter::liteLlmJson(plan);
    if (!ResultWriter::writeFile(a.options.value(QStringLiteral("out")), bytes, &error))
        return fail(error);
    qsizetype budgets = 0, restricted = 0, blocked = 0;
    for (const GuardrailKey &k : plan.keys) {
        budgets += k.monthlyBudget.known ? 1 : 0;
        restricted += k.restrict && !k.blocked ? 1 : 0;
        blocked += k.blocked ? 1 : 0;
    }
    out() << "guardrails for " << plan.keys.size() << " key(s) written to " << a.options.value(QStringLiteral("out")) << ": " << budgets
          << " max_budget, " << restricted << " model allowlist(s), " << blocked << " blocked; " << plan.denylist.size()
          << " denied model(s), " << plan.skipped.size() << " key(s) skipped\n";
    for (const auto &d : plan.denylist)
        out() << "  deny " << d.model << ": " << d.reason << '\n';
    for (const auto &s : plan.skipped)
        out() << "  skipped " << s.apiKeyName << ": " << s.reason << '\n';
    return 0;
}

} // namespace tl::cli
