// SPDX-License-Identifier: Apache-2.0
#include "app/cli/reconciledinput.h"

#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/reconcile/resultwriter.h"
#include "core/store/workspacestore.h"

namespace tl::cli {

bool loadReconciled(const Args &a, bool keepStored, ReconciledInput *out, QString *error)
{
    if (a.options.contains(QStringLiteral("run"))) {
        if (!a.positional.isEmpty()) {
            *error = QStringLiteral("give either a job file or --run ID, not both");
            return false;
        }
        bool ok = false;
        const qint64 id = a.options.value(QStringLiteral("run")).toLongLong(&ok);
        if (!ok || id <= 0) {
            *error = QStringLiteral("--run: expected a run id, got '%1'").arg(a.options.value(QStringLiteral("run")));
            return false;
        }
        if (g_workspace.isEmpty()) {
            *error = QStringLiteral("--run needs --workspace PATH.tlw or a postgresql:// URL");
            return false;
        }
        WorkspaceStore ws;
        if (!ws.open(g_workspace, error))
            return false;
        StoredRun run;
        if (!ws.run(id, &run, error) || !ws.loadJob(run.jobJson, &out->job, &out->set, keepStored, error))
            return false;
        out->result = Reconciler::run(out->job, out->set);
        // What leaves the workbench must be the run that was stored, not a different one.
        if (ResultWriter::summaryJson(out->result, out->set) != run.summaryJson) {
            *error = QStringLiteral("run %1 does not reproduce: reconciling its stored inputs again gives a different summary.json").arg(id);
            return false;
        }
        out->runId = id;
        return true;
    }
    if (a.positional.size() != 1) {
        *error = QStringLiteral("expected one job file (or --workspace W … --run ID)");
        return false;
    }
    out->job = Job::load(a.positional[0]);
    JobRunner::load(out->job, out->set, keepStored);
    out->result = Reconciler::run(out->job, out->set);
    return true;
}

} // namespace tl::cli
