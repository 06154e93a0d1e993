// SPDX-License-Identifier: Apache-2.0
#include "ui/document/workspacedocument.h"

#include "core/reconcile/resultwriter.h"
#include "ui/document/replaceworkspacecommand.h"
#include "ui/document/workspaceloader.h"

#include <QFileInfo>
#include <QPromise>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

namespace tl {

WorkspaceDocument::WorkspaceDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
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

void WorkspaceDocument::open(const QString &jobPath)
{
    if (isLoading())
        m_future.cancel(); // the new load replaces it; the old worker stops at its next step
    m_loadingPath = QFileInfo(jobPath).absoluteFilePath();
    m_future = QtConcurrent::run([path = m_loadingPath](QPromise<LoadResult> &promise) {
        LoadResult out;
        try {
            out.workspace = WorkspaceLoader::load(
                path,
                [&promise](int step, int steps, const QString &text) {
                    promise.setProgressRange(0, steps);
                    promise.setProgressValueAndText(step, text);
                },
                [&promise] { return promise.isCanceled(); });
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

void WorkspaceDocument::reload()
{
    if (m_workspace)
        open(m_workspace->job.path);
}

void WorkspaceDocument::cancel()
{
    if (isLoading())
        m_future.cancel();
}

void WorkspaceDocument::onFinished()
{
    if (m_future.isCanceled() || m_future.resultCount() == 0) {
        emit loadCanceled();
        emit loadFinished();
        return;
    }
    LoadResult r = m_future.result();
    if (!r.workspace) {
        emit loadFailed(r.error);
        emit loadFinished();
        return;
    }
    const bool same = m_workspace && m_workspace->job.path == r.workspace->job.path;
    const QString name = QFileInfo(r.workspace->job.path).fileName();
    m_undo->push(new ReplaceWorkspaceCommand(this, m_workspace, r.workspace,
                                             same ? tr("Reload %1").arg(name) : tr("Open %1").arg(name)));
    emit loadFinished();
}

void WorkspaceDocument::setWorkspace(std::shared_ptr<const Workspace> ws)
{
    m_workspace = std::move(ws);
    emit workspaceChanged();
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
