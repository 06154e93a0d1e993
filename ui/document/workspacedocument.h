// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QFuture>
#include <QHash>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QString>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QUndoStack;
QT_END_NAMESPACE

namespace tl {

class EvidenceRegister;
class InputTable;
class WorkspaceStore;

/**
 * The open workspace of the window: owns the current Workspace (job, ledgers, result), the
 * undo stack and the evidence register being edited. open() and reload() load and reconcile on
 * a worker thread (QtConcurrent + QPromise with progress and cancellation); the result is
 * applied on the GUI thread, as an undoable step. A failed or canceled load leaves the current
 * workspace as it was.
 *
 * A job file is read from disk; a workspace store (.tlw or a PostgreSQL URL) is read by the
 * worker through its own connection, then kept open on the GUI thread for the evidence register
 * and sign-offs (closed while a worker reads it, since a .tlw is locked by one connection).
 */
class WorkspaceDocument : public QObject
{
    Q_OBJECT

public:
    /** What a load produced: a workspace, or the error message that says what and where. */
    struct LoadResult
    {
        std::shared_ptr<const Workspace> workspace;
        QString error;
    };

    explicit WorkspaceDocument(QObject *parent = nullptr);
    ~WorkspaceDocument() override;

    std::shared_ptr<const Workspace> workspace() const { return m_workspace; }
    bool hasWorkspace() const { return m_workspace != nullptr; }
    /** The job file of the current workspace (empty when none). */
    QString path() const;
    bool isLoading() const;
    /** The running (or last) load; tests wait on it. */
    QFuture<LoadResult> future() const { return m_future; }
    QUndoStack *undoStack() const { return m_undo; }
    /** The register the Evidence page edits (the store's, or the job's evidence input). */
    EvidenceRegister *evidence() const { return m_evidence; }
    /** The owners and budgets table the Owners page edits (the job's owners input). */
    InputTable *owners() const { return m_owners; }
    /** The model mapping the Mappings page edits (the job's mapping input). */
    InputTable *mappings() const { return m_mappings; }
    /** The billing policy (the job's policy input), edited beside the mapping. */
    InputTable *policy() const { return m_policy; }
    /** The store of a workspace opened from one (GUI thread), else null. */
    WorkspaceStore *store() const;
    /** Why the store of the shown workspace could not be opened again (empty when it is open). */
    QString storeError() const { return m_storeError; }
    /** Closes the store for a while (a worker opens its own connection); reopenStore() takes it back. */
    void releaseStore();
    bool reopenStore();

    /**
     * Saves edited input tables: a job's to their files; a store's as one transaction in which
     * each replaces the stored input it was read from (or is added, for a new one), so a new
     * price snapshot and the mapping pointed at it land together or not at all. Each saved table
     * is marked unmodified. Does not reload: the caller does, once. False with *error (the
     * store's or the importer's message) when nothing of the store's part was written.
     */
    bool saveInputs(const QList<InputTable *> &tables, QString *error);

    /** Writes summary.json, lines.csv, variance.csv, exclusions.csv and counts.csv into dir. */
    bool exportResults(const QString &dir, QString *error) const;

public slots:
    /** Opens a job file, a .tlw workspace (its latest period) or a PostgreSQL workspace URL. */
    void open(const QString &jobPath);
    /** Opens one period of a workspace store. */
    void openStore(const QString &location, const QString &period = QString());
    void reload();
    /**
     * Reloads after an input was saved: the new workspace replaces the shown one without an
     * undo step (undoing it would show results of inputs that are no longer the period's or
     * job's); the edits' own undo steps stay.
     */
    void reloadAfterSave();
    void cancel();

signals:
    void loadStarted(const QString &jobPath);
    void loadProgress(int value, int maximum, const QString &text);
    void loadFailed(const QString &message);
    void loadCanceled();
    /** A load ended (successfully or not); isLoading() is false again. */
    void loadFinished();
    void workspaceChanged();

private:
    friend class ReplaceWorkspaceCommand;
    void setWorkspace(std::shared_ptr<const Workspace> ws);
    void onFinished();
    void start(const QString &displayPath, std::function<std::shared_ptr<Workspace>(QPromise<LoadResult> &)> load);
    bool ensureStore(const Workspace *ws);
    void resetEvidence();

    std::shared_ptr<const Workspace> m_workspace;
    QFuture<LoadResult> m_future;
    QFutureWatcher<LoadResult> m_watcher;
    QString m_loadingPath;
    QUndoStack *m_undo = nullptr;
    EvidenceRegister *m_evidence = nullptr;
    InputTable *m_owners = nullptr;
    InputTable *m_mappings = nullptr;
    InputTable *m_policy = nullptr;
    std::unique_ptr<WorkspaceStore> m_store;
    QString m_storeLocation, m_storeError;
    bool m_quietReplace = false; ///< the running load replaces the workspace without an undo step
    /** Workspaces a save made stale, and what replaced them: an undo or redo that would bring one back shows its successor. */
    QHash<const Workspace *, std::shared_ptr<const Workspace>> m_successor;
};

} // namespace tl
