// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/importrunner.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QWizardPage>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

class WorkspaceDocument;

/**
 * The wizard's last page: runs the import on a worker thread (QtConcurrent + QPromise) with a
 * progress bar and Cancel, then shows each file's import report, or the error with its file
 * and line. Finish is possible once the files are in.
 */
class ImportRunPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportRunPage(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~ImportRunPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    bool isRunning() const;
    void cancel();
    /** The running (or last) import; tests wait on it. */
    QFuture<ImportOutcome> future() const { return m_future; }
    const ImportOutcome &outcome() const { return m_outcome; }
    bool succeeded() const { return m_done && m_outcome.error.isEmpty() && !m_outcome.canceled; }

    QProgressBar *progressBar() const { return m_bar; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPlainTextEdit *reportView() const { return m_report; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void importFinished();

private:
    void onFinished();

    WorkspaceDocument *m_doc;
    QProgressBar *m_bar;
    QLabel *m_status;
    QPushButton *m_cancel;
    QPlainTextEdit *m_report;
    QFuture<ImportOutcome> m_future;
    QFutureWatcher<ImportOutcome> m_watcher;
    ImportOutcome m_outcome;
    ImportTarget m_target;
    bool m_done = false;
};

} // namespace tl
