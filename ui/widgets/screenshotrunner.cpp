// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/screenshotrunner.h"

#include "ui/document/workspacedocument.h"
#include "ui/models/ledgerlinesmodel.h"
#include "ui/widgets/ledgerspage.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/messagebanner.h"
#include "ui/widgets/variancepage.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace tl {

ScreenshotRunner::ScreenshotRunner(MainWindow *window, const QString &outPath, std::vector<WorkbenchPage> pages, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_out(outPath)
    , m_pages(std::move(pages))
{
}

QString ScreenshotRunner::pathFor(WorkbenchPage page) const
{
    if (m_pages.size() <= 1)
        return m_out;
    const QFileInfo fi(m_out);
    return fi.dir().filePath(QStringLiteral("%1-%2.%3").arg(fi.completeBaseName(), MainWindow::pageName(page),
                                                            fi.suffix().isEmpty() ? QStringLiteral("png") : fi.suffix()));
}

void ScreenshotRunner::start(const QString &jobPath)
{
    WorkspaceDocument *doc = m_window->document();
    connect(doc, &WorkspaceDocument::loadFinished, this, [this] {
        // Let layouts and charts settle before grabbing.
        QTimer::singleShot(300, this, &ScreenshotRunner::capture);
    }, Qt::SingleShotConnection);
    if (jobPath.isEmpty())
        QTimer::singleShot(300, this, &ScreenshotRunner::capture);
    else
        m_window->openJob(jobPath);
}

void ScreenshotRunner::capture()
{
    QTextStream err(stderr);
    int code = 0;
    if (m_window->banner()->isVisible())
        err << "tokenledger: " << m_window->banner()->text() << '\n';
    for (WorkbenchPage page : m_pages) {
        m_window->showPage(page);
        if (page == WorkbenchPage::Ledgers) {
            // Show a line's details: the first quarantined row if any, else the first row.
            LedgersPage *lp = m_window->ledgersPage();
            int row = 0;
            for (int r = 0; r < lp->model()->rowCount(); ++r)
                if (!lp->model()->data(lp->model()->index(r, LedgerLinesModel::Status)).toString().isEmpty()) {
                    row = r;
                    break;
                }
            if (lp->model()->rowCount() > 0) {
                lp->view()->selectRow(row);
                lp->view()->scrollTo(lp->model()->index(row, 0));
            }
        }
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        const QString path = pathFor(page);
        if (!m_window->grab().save(path)) {
            err << "tokenledger: cannot write " << path << '\n';
            code = 1;
        } else {
            err << "wrote " << path << '\n';
        }
    }
    emit finished(code);
}

} // namespace tl
