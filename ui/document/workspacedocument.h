// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QUndoStack;
QT_END_NAMESPACE

namespace tl {

/**
 * The open workspace of the window: owns the current Workspace (job, ledgers, result) and the
 * undo stack. open() and reload() load and reconcile on a worker thread (QtConcurrent + QPromise
 * with progress and cancellation); the result is applied on the GUI thread, as an undoable step.
 * A failed or canceled load leaves the current workspace as it was.
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

    /** Writes summary.json, lines.csv, variance.csv, exclusions.csv and counts.csv into dir. */
    bool exportResults(const QString &dir, QString *error) const;

public slots:
    void open(const QString &jobPath);
    void reload();
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

    std::shared_ptr<const Workspace> m_workspace;
    QFuture<LoadResult> m_future;
    QFutureWatcher<LoadResult> m_watcher;
    QString m_loadingPath;
    QUndoStack *m_undo = nullptr;
};

} // namespace tl
