// SPDX-License-Identifier: Apache-2.0
// What `packet` and `export` work from: a job file reconciled on the spot, or a stored run of
// the workspace re-reconciled from its stored bytes.
#pragma once

#include "app/cli/cliio.h"
#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"
#include "core/reconcile/reconcileresult.h"

namespace tl {
class WorkspaceStore;
}

namespace tl::cli {

struct ReconciledInput
{
    Job job;
    LedgerSet set;
    ReconcileResult result;
    qint64 runId = 0; ///< the stored run, 0 for a job file
};

/**
 * With --run ID (and --workspace): the stored run's job, loaded from the workspace's stored
 * bytes and reconciled again; its summary.json must come out byte-identical to the one stored,
 * else the run does not reproduce and this fails. Otherwise the single positional argument is
 * a job file. keepStored keeps the stored copies of the inputs (a packet carries them).
 * Throws the core's errors (ImportError …), which main() turns into exit 3.
 */
bool loadReconciled(const Args &a, bool keepStored, ReconciledInput *out, QString *error);

} // namespace tl::cli
