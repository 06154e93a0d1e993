// SPDX-License-Identifier: Apache-2.0
#include "ui/document/workspacedocument.h"

#include "core/reconcile/resultwriter.h"
#include "core/store/workspacestore.h"
#include "ui/document/evidenceregister.h"
#include "core/util/osuser.h"
#include "ui/document/inputtable.h"
#include "ui/document/replaceworkspacecommand.h"
#include "ui/document/workspaceloader.h"

#include <QFileInfo>
#include <QPromise>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace tl {

WorkspaceDocument::WorkspaceDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
    , m_evidence(new EvidenceRegister(this))
    , m_owners(InputTable::owners(this))
    , m_mappings(InputTable::mappings(this))
    , m_policy(InputTable::policy(this))
{
    // Each step holds a whole workspace: keep a few.
    m_undo->setUndoLimit(8);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
        emit loadProgress(value, m_watcher.progressMaximum(), m_watcher.progressText());
    });
    connect(&m_watcher, &QFutureWatcherBase::progressTextChanged, this, [this](const QString &text) {
        emit loadProgress(m_watcher.progressValue(), m_watcher.progressMaximum(), text);
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &WorkspaceDocument::onFinished);
}

WorkspaceDocument::~WorkspaceDocument()
{
    // The views of the undo stack and the register go quiet before the store closes.
    m_undo->blockSignals(true);
    m_evidence->blockSignals(true);
    m_watcher.disconnect(this);
    if (m_future.isRunning()) {
        m_future.cancel();
        m_future.waitForFinished();
    }
}

QString WorkspaceDocument::path() const
{
    return m_workspace ? m_workspace->job.path : QString();
}

bool WorkspaceDocument::isLoading() const
{
    return m_future.isStarted() && !m_future.isFinished();
}

void WorkspaceDocument::start(const QString &displayPath, std::function<std::shared_ptr<Workspace>(QPromise<LoadResult> &)> load)
{
    if (isLoading())
        m_future.cancel(); // the new load replaces it; the old worker stops at its next step
    m_loadingPath = displayPath;
    m_quietReplace = false; // set again by reloadAfterSave once this load is under way
    m_future = QtConcurrent::run([load = std::move(load)](QPromise<LoadResult> &promise) {
        LoadResult out;
        try {
            out.workspace = load(promise);
        } catch (const WorkspaceLoader::Canceled &) {
            return;
        } catch (const std::exception &e) {
            out.error = WorkspaceLoader::errorMessage(e);
        }
        promise.addResult(std::move(out));
    });
    m_watcher.setFuture(m_future);
    emit loadStarted(m_loadingPath);
}

void WorkspaceDocument::open(const QString &jobPath)
{
    if (WorkspaceLoader::isStoreLocation(jobPath)) {
        openStore(jobPath);
        return;
    }
    const QString path = QFileInfo(jobPath).absoluteFilePath();
    start(path, [path](QPromise<LoadResult> &promise) {
        return WorkspaceLoader::load(
            path,
            [&promise](int step, int steps, const QString &text) {
                promise.setProgressRange(0, steps);
                promise.setProgressValueAndText(step, text);
            },
            [&promise] { return promise.isCanceled(); });
    });
}

void WorkspaceDocument::openStore(const QString &location, const QString &period)
{
    const QString where = location.contains(QLatin1String("://")) ? location : QFileInfo(location).absoluteFilePath();
    // A .tlw takes one connection at a time: the worker's, then ours again (onFinished).
    if (isLoading())
        m_future.cancel();
    if (m_future.isRunning())
        m_future.waitForFinished();
    releaseStore();
    start(where, [where, period](QPromise<LoadResult> &promise) {
        return WorkspaceLoader::loadStore(
            where, period,
            [&promise](int step, int steps, const QString &text) {
                promise.setProgressRange(0, steps);
                promise.setProgressValueAndText(step, text);
            },
            [&promise] { return promise.isCanceled(); });
    });
}

WorkspaceStore *WorkspaceDocument::store() const
{
    return m_store && m_store->isOpen() ? m_store.get() : nullptr;
}

void WorkspaceDocument::releaseStore()
{
    if (m_store)
        m_store->close();
}

bool WorkspaceDocument::reopenStore()
{
    return ensureStore(m_workspace.get());
}

bool WorkspaceDocument::ensureStore(const Workspace *ws)
{
    m_storeError.clear();
    if (!ws || !ws->fromStore()) {
        m_store.reset();
        m_storeLocation.clear();
        return true;
    }
    if (m_store && m_store->isOpen() && m_storeLocation == ws->storeLocation)
        return true;
    // The same store is opened again in place: the register (and anything else holding it) keeps a valid pointer.
    if (!m_store || m_storeLocation != ws->storeLocation) {
        m_store = std::make_unique<WorkspaceStore>();
        m_store->setUser(OsUser::name());
        m_storeLocation = ws->storeLocation;
    }
    QString error;
    if (!m_store->open(ws->storeLocation, &error)) {
        m_storeError = error;
        return false;
    }
    return true;
}

void WorkspaceDocument::resetEvidence()
{
    if (!m_workspace) {
        m_evidence->clear();
        return;
    }
    if (m_workspace->fromStore()) {
        QString error;
        if (store() && m_evidence->resetFromStore(store(), &error))
            return;
        if (m_storeError.isEmpty())
            m_storeError = error;
        m_evidence->clear();
        return;
    }
    QString source;
    for (const JobInput &in : m_workspace->job.inputs)
        if (in.options.kind == LedgerKind::Evidence)
            source = in.path;
    m_evidence->resetFromFile(m_workspace->set.evidence, source);
}

void WorkspaceDocument::reload()
{
    if (!m_workspace)
        return;
    if (m_workspace->fromStore())
        openStore(m_workspace->storeLocation, m_workspace->periodLabel);
    else
        open(m_workspace->job.path);
}

void WorkspaceDocument::reloadAfterSave()
{
    if (!m_workspace)
        return;
    reload();
    m_quietReplace = true; // after reload(): a load it replaced has cleared it
}

void WorkspaceDocument::cancel()
{
    if (isLoading())
        m_future.cancel();
}

void WorkspaceDocument::onFinished()
{
    if (m_future.isCanceled() || m_future.resultCount() == 0) {
        m_quietReplace = false;
        reopenStore();
        emit loadCanceled();
        emit loadFinished();
        return;
    }
    LoadResult r = m_future.result();
    if (!r.workspace) {
        m_quietReplace = false;
        reopenStore();
        emit loadFailed(r.error);
        emit loadFinished();
        return;
    }
    if (std::exchange(m_quietReplace, false)) {
        if (m_workspace)
            m_successor.insert(m_workspace.get(), r.workspace);
        setWorkspace(r.workspace);
        emit loadFinished();
        return;
    }
    const bool same = m_workspace && m_workspace->job.path == r.workspace->job.path;
    const QString name = r.workspace->fromStore() ? r.workspace->job.displayName : QFileInfo(r.workspace->job.path).fileName();
    m_undo->push(new ReplaceWorkspaceCommand(this, m_workspace, r.workspace,
                                             same ? tr("Reload %1").arg(name) : tr("Open %1").arg(name)));
    emit loadFinished();
}

void WorkspaceDocument::setWorkspace(std::shared_ptr<const Workspace> ws)
{
    // An undo or redo never brings back results a save made stale: their successor is shown.
    for (int hops = 0; ws && m_successor.contains(ws.get()) && hops < 1000; ++hops)
        ws = m_successor.value(ws.get());
    m_workspace = std::move(ws);
    ensureStore(m_workspace.get());
    resetEvidence();
    m_owners->reset(m_workspace.get());
    m_mappings->reset(m_workspace.get());
    m_policy->reset(m_workspace.get());
    emit workspaceChanged();
}

bool WorkspaceDocument::saveInputs(const QList<InputTable *> &tables, QString *error)
{
    std::vector<InputChange> changes;
    QList<InputTable *> stored;
    for (InputTable *t : tables) {
        if (!t->isEditable()) {
            *error = t->readOnlyReason();
            return false;
        }
        if (t->isStored()) {
            changes.push_back(InputChange{t->csv(), t->storedOptions(), t->storedSeq()});
            stored << t;
        }
    }
    if (!changes.empty()) {
        if (!m_workspace || !m_workspace->fromStore()) {
            *error = tr("No workspace store is open.");
            return false;
        }
        WorkspaceStore *s = store();
        if (!s) {
            *error = tr("The workspace store is not open: %1").arg(m_storeError.isEmpty() ? tr("it is being read") : m_storeError);
            return false;
        }
        std::vector<qint64> seqs;
        if (!s->saveInputs(m_workspace->periodLabel, changes, nullptr, error, &seqs))
            return false;
        for (qsizetype i = 0; i < stored.size(); ++i)
            stored[i]->markSaved(seqs[static_cast<std::size_t>(i)]);
    }
    for (InputTable *t : tables)
        if (!t->isStored() && !t->save(error))
            return false;
    return true;
}

bool WorkspaceDocument::exportResults(const QString &dir, QString *error) const
{
    if (!m_workspace) {
        *error = tr("No job is open.");
        return false;
    }
    return ResultWriter::writeAll(m_workspace->result, m_workspace->set, dir, error);
}

} // namespace tl
