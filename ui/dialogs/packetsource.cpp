// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/packetsource.h"

#include "core/import/importer.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/store/workspacestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <stdexcept>

namespace tl {

PacketSource PacketSource::fromWorkspace(std::shared_ptr<const Workspace> ws, WorkspaceStore *store, QString *error)
{
    PacketSource s;
    if (!ws) {
        *error = QCoreApplication::translate("tl::PacketSource", "No workspace is open.");
        return s;
    }
    if (ws->fromStore()) {
        if (!store) {
            *error = QCoreApplication::translate("tl::PacketSource", "The workspace store %1 is not open.").arg(ws->storeLocation);
            return s;
        }
        // The store loads one file per job input, in order (WorkspaceStore::loadJob).
        if (ws->set.files.size() != ws->job.inputs.size()) {
            *error = QCoreApplication::translate("tl::PacketSource", "The workspace's inputs do not match its job.");
            return s;
        }
        for (const SourceFile &f : ws->set.files) {
            QByteArray bytes = store->fileBytes(f.report.sha256Stored);
            if (bytes.isNull() && f.report.sizeStored > 0) {
                *error = QCoreApplication::translate("tl::PacketSource", "The stored copy of %1 is missing from %2.")
                             .arg(f.report.fileName, ws->storeLocation);
                return s;
            }
            s.m_storedBytes.push_back(std::move(bytes));
        }
    }
    s.m_ws = std::move(ws);
    return s;
}

QString PacketSource::suggestedFolder() const
{
    if (!m_ws)
        return QDir::homePath();
    if (m_ws->fromStore())
        return m_ws->storeLocation.contains(QLatin1String("://")) ? QDir::homePath() : QFileInfo(m_ws->storeLocation).absolutePath();
    return m_ws->job.path.isEmpty() ? QDir::homePath() : QFileInfo(m_ws->job.path).absolutePath();
}

void PacketSource::load(Job *job, LedgerSet *set, ReconcileResult *result) const
{
    if (!m_ws)
        throw std::runtime_error("no workspace");
    *job = m_ws->job;
    if (m_ws->fromStore()) {
        for (std::size_t i = 0; i < m_storedBytes.size(); ++i) {
            Importer::importBytes(m_storedBytes[i], job->inputs[i].options, *set, true);
            // As the store registers it: the file as received, before redaction.
            const ImportReport &shown = m_ws->set.files[i].report;
            ImportReport &rep = set->files.back().report;
            rep.sha256Received = shown.sha256Received;
            rep.sizeReceived = shown.sizeReceived;
            rep.redactions = shown.redactions;
        }
    } else {
        JobRunner::load(*job, *set, true);
    }
    *result = Reconciler::run(*job, *set);
}

} // namespace tl
