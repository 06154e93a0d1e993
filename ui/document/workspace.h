// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/pricing/pricer.h"
#include "core/reconcile/job.h"
#include "core/reconcile/reconcileresult.h"

#include <QDate>

#include <memory>

namespace tl {

/**
 * One loaded and reconciled job: the job, its ledgers and the result, immutable once built.
 * Built on a worker thread, then shared read-only with the GUI (std::shared_ptr<const>), so
 * an undo step or a failed reload never touches a workspace the views are showing.
 */
struct Workspace
{
    Job job;
    LedgerSet set;
    ReconcileResult result;
    /** Resolves a line's price lineage (mapping row) on demand; refers to `set`. */
    std::unique_ptr<Pricer> pricer;
    /** The day the evidence register is judged on: the job's as_of (default: the period end). */
    QDate asOf;
};

} // namespace tl
