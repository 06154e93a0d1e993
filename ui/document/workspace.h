// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/pricing/pricer.h"
#include "core/reconcile/job.h"
#include "core/reconcile/reconcileresult.h"
#include "core/store/workspacestore.h"
#include "ui/models/ledgeralignment.h"

#include <QDate>
#include <QHash>
#include <QStringList>

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
    /** The four ledgers lined up by request and by key and day (built with the result). */
    LedgerAlignment alignment;
    /** A workspace opened from a store: its location (.tlw path or URL) and period; empty for a job file. */
    QString storeLocation, periodLabel;
    /** Every period of the store (label, dates, frozen) in the store's order: the period navigator and the sidebar. */
    std::vector<StoredPeriod> storedPeriods;
    /** The stored runs of the period, oldest first (without their job and summary bytes). */
    std::vector<StoredRun> storedRuns;
    /** The job JSON the store built for the period (what a stored run of it records). */
    QByteArray storedJobJson;
    /** The period's current stored inputs, in the order of job.inputs (a store workspace only). */
    std::vector<StoredInput> storedInputs;
    /** The stored bytes of the reference inputs the editors edit (owners, mapping, policy, prices), by stored SHA-256. */
    QHash<QString, QByteArray> storedBytes;
    /** When the period was frozen (empty: open; it takes no new or replaced inputs once frozen). */
    QString periodFrozenAt;
    bool fromStore() const { return !storeLocation.isEmpty(); }
};

} // namespace tl
