// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"
#include "core/reconcile/reconcileresult.h"
#include "ui/document/workspace.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace tl {

class WorkspaceStore;

/**
 * What a packet made in the workbench is made from: the open workspace's job, loaded again
 * with the stored copies of its inputs (a packet carries them; the workbench does not keep
 * them in memory) and reconciled again, which gives the result the workbench shows.
 *
 * For a job file the inputs are read again from their paths. For a workspace store the store
 * is open in the GUI (one connection, one lock), so fromWorkspace() reads the stored bytes
 * there, on the GUI thread; load() then runs on any thread without touching the store.
 */
class PacketSource
{
public:
    PacketSource() = default;
    /** store: the document's open store for a store-backed workspace (else ignored, may be null). */
    static PacketSource fromWorkspace(std::shared_ptr<const Workspace> ws, WorkspaceStore *store, QString *error);

    bool isValid() const { return m_ws != nullptr; }
    const Workspace &workspace() const { return *m_ws; }
    /** A folder to suggest for the packet: the job's or the workspace file's. */
    QString suggestedFolder() const;

    /** Loads (keeping the stored copies) and reconciles. Throws the core's errors (ImportError …). */
    void load(Job *job, LedgerSet *set, ReconcileResult *result) const;

private:
    std::shared_ptr<const Workspace> m_ws;
    std::vector<QByteArray> m_storedBytes; ///< per job input, for a store-backed workspace
};

} // namespace tl
