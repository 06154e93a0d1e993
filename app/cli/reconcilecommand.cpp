// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/reconcile/resultwriter.h"
#include "core/store/workspacestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace tl;

namespace tl::cli {

int cmdReconcile(const QStringList &args)
{
    Args a;
    QString error;
    if (!g_workspace.isEmpty())
        return cmdReconcileWorkspace(args);
    if (!parseArgs(args, {QStringLiteral("out")}, &a, &error) || a.positional.size() != 1 || !a.options.contains(QStringLiteral("out"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli reconcile JOB.json --out DIR") : error) << '\n';
        return 3;
    }
    {
        const Job job = Job::load(a.positional[0]);
        LedgerSet set;
        JobRunner::load(job, set);
        const ReconcileResult result = Reconciler::run(job, set);
        if (!ResultWriter::writeAll(result, set, a.options.value(QStringLiteral("out")), &error)) {
            err() << "tokenledger-cli: " << error << '\n';
            return 3;
        }
        out() << "decision: " << decisionName(result.decision) << '\n';
        out() << "estimated billable: " << result.estimatedBillable.toString() << ' ' << result.period.currency << '\n';
        out() << "provider reported:  " << (result.providerReported.known ? result.providerReported.value.toString() : QStringLiteral("null")) << '\n';
        out() << "variance:           " << (result.variance.known ? result.variance.value.toString() : QStringLiteral("null")) << '\n';
        for (const DecisionReason &r : result.reasons)
            out() << "  " << decisionName(r.level) << ' ' << r.code << ": " << r.detail << '\n';
        return static_cast<int>(result.decision);
    }
}

int cmdReconcileWorkspace(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("out"), QStringLiteral("period")}, &a, &error) || !a.options.contains(QStringLiteral("period")))
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W reconcile --period L [--out DIR]") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    const qint64 id = ws.runReconciliation(a.options.value(QStringLiteral("period")), &error, a.options.value(QStringLiteral("out")));
    if (id <= 0)
        return fail(error);
    StoredRun r;
    if (!ws.run(id, &r, &error))
        return fail(error);
    out() << "run " << id << " stored; decision: " << r.decision << '\n';
    const QJsonObject cost = QJsonDocument::fromJson(r.summaryJson).object().value(QLatin1String("cost")).toObject();
    out() << "estimated billable: " << cost.value(QLatin1String("estimated_billable")).toString() << '\n';
    out() << "provider reported:  " << cost.value(QLatin1String("provider_reported")).toString(QStringLiteral("null")) << '\n';
    out() << "variance:           " << cost.value(QLatin1String("variance")).toString(QStringLiteral("null")) << '\n';
    for (const QJsonValue &v : QJsonDocument::fromJson(r.summaryJson).object().value(QLatin1String("reasons")).toArray()) {
        const QJsonObject o = v.toObject();
        out() << "  " << o.value(QLatin1String("level")).toString() << ' ' << o.value(QLatin1String("code")).toString() << ": "
              << o.value(QLatin1String("detail")).toString() << '\n';
    }
    return r.decision == QLatin1String("pass") ? 0 : r.decision == QLatin1String("warn") ? 1 : 2;
}

} // namespace tl::cli
