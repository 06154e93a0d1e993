// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/importrunpage.h"

#include "ui/dialogs/importwizard.h"
#include "ui/document/workspacedocument.h"
#include "ui/models/displayformat.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace tl {

ImportRunPage::ImportRunPage(WorkspaceDocument *document, QWidget *parent)
    : QWizardPage(parent)
    , m_doc(document)
    , m_bar(new QProgressBar)
    , m_status(new QLabel)
    , m_cancel(new QPushButton(tr("Cancel import")))
    , m_report(new QPlainTextEdit)
{
    setTitle(tr("Import"));
    setSubTitle(tr("Each file is read in full, checked and hashed; a bad value stops that file with its line, and nothing of it is added."));
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_bar, 1);
    row->addWidget(m_cancel);
    layout->addLayout(row);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    layout->addWidget(m_status);
    m_report->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_report->setFont(mono);
    layout->addWidget(m_report, 1);
    connect(m_cancel, &QPushButton::clicked, this, &ImportRunPage::cancel);
    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, m_bar, &QProgressBar::setRange);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, m_bar, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcherBase::progressTextChanged, m_status, &QLabel::setText);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ImportRunPage::onFinished);
}

ImportRunPage::~ImportRunPage()
{
    m_watcher.disconnect(this);
    if (m_future.isRunning()) {
        m_future.cancel();
        m_future.waitForFinished();
        if (m_target.kind == ImportTarget::Kind::Store)
            m_doc->reopenStore();
    }
}

bool ImportRunPage::isRunning() const
{
    return m_future.isStarted() && !m_future.isFinished();
}

void ImportRunPage::cancel()
{
    if (isRunning()) {
        m_future.cancel();
        m_status->setText(tr("Canceling after the current file\u2026"));
        m_cancel->setEnabled(false);
    }
}

void ImportRunPage::initializePage()
{
    auto *w = static_cast<ImportWizard *>(wizard());
    m_target = w->target();
    const std::vector<ImportRequest> files = w->requests();
    m_done = false;
    m_outcome = ImportOutcome();
    m_report->clear();
    m_bar->setRange(0, static_cast<int>(files.size()));
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    m_cancel->show();
    m_status->setText(tr("Starting\u2026"));
    // A .tlw takes one connection at a time: the worker's while it imports.
    if (m_target.kind == ImportTarget::Kind::Store)
        m_doc->releaseStore();
    const ImportTarget target = m_target;
    m_future = QtConcurrent::run([files, target](QPromise<ImportOutcome> &promise) {
        promise.setProgressRange(0, static_cast<int>(files.size()));
        ImportOutcome out = ImportRunner::run(
            files, target,
            [&promise](int done, int total, const QString &text) {
                promise.setProgressRange(0, total);
                promise.setProgressValueAndText(done, text);
            },
            [&promise] { return promise.isCanceled(); });
        promise.addResult(std::move(out));
    });
    m_watcher.setFuture(m_future);
    emit completeChanged();
}

void ImportRunPage::cleanupPage()
{
    if (isRunning()) {
        cancel();
        m_future.waitForFinished();
    }
}

void ImportRunPage::onFinished()
{
    if (m_target.kind == ImportTarget::Kind::Store)
        m_doc->reopenStore();
    m_done = true;
    m_cancel->hide();
    // A canceled promise drops results added afterwards; the runner's own cancel check makes
    // that rare, but say so plainly when there is nothing.
    m_outcome = m_future.resultCount() > 0 ? m_future.result() : ImportOutcome{{}, QString(), true, 0};
    if (m_future.isCanceled())
        m_outcome.canceled = true;
    QString text;
    for (const ImportReport &r : m_outcome.reports)
        text += r.toText() + QStringLiteral("\n");
    m_report->setPlainText(text);
    const bool intoStore = m_target.kind == ImportTarget::Kind::Store || m_target.kind == ImportTarget::Kind::NewStore;
    if (!m_outcome.error.isEmpty()) {
        m_status->setText(tr("<b style='color:#B0222A'>Stopped:</b> %1<br>%2")
                              .arg(m_outcome.error.toHtmlEscaped(),
                                   intoStore && m_outcome.imported > 0
                                       ? (m_outcome.imported == 1 ? tr("1 file before it was stored; the rest were not.")
                                                                  : tr("%1 files before it were stored; the rest were not.").arg(m_outcome.imported))
                                       : tr("Nothing was added. Go back to change the file's format, or fix the file.")));
        m_bar->setValue(m_bar->minimum());
    } else if (m_outcome.canceled) {
        m_status->setText(intoStore && m_outcome.imported > 0
                              ? tr("<b>Canceled.</b> %1 of the files were stored before you canceled; the rest were not.").arg(m_outcome.imported)
                              : tr("<b>Canceled.</b> Nothing was added."));
    } else {
        qint64 rows = 0, quarantined = 0;
        for (const ImportReport &r : m_outcome.reports) {
            rows += r.rowsAccepted;
            quarantined += r.quarantinedTotal();
        }
        m_bar->setValue(m_bar->maximum());
        const QString files = m_outcome.reports.size() == 1 ? tr("1 file") : tr("%1 files").arg(m_outcome.reports.size());
        m_status->setText(tr("<b>Done:</b> %1, %2 rows accepted, %3 quarantined. Finish reconciles with them.")
                              .arg(files, DisplayFormat::count(rows), DisplayFormat::count(quarantined)));
    }
    emit completeChanged();
    emit importFinished();
}

bool ImportRunPage::isComplete() const
{
    return succeeded();
}

} // namespace tl
