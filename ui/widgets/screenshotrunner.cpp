// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/screenshotrunner.h"

#include "ui/document/workspacedocument.h"
#include "ui/models/ownerallocationmodel.h"
#include "ui/models/evidenceregistermodel.h"
#include "ui/models/evidencereview.h"
#include "ui/models/sidebysidemodel.h"
#include "ui/widgets/evidencepage.h"
#include "ui/widgets/ledgerspage.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/messagebanner.h"
#include "ui/widgets/ownerspage.h"
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
            // Show a row's details: the first row whose ledgers disagree (else the first row).
            LedgersPage *lp = m_window->ledgersPage();
            SideBySideModel *m = lp->sideBySideModel();
            int row = 0;
            for (int r = 0; r < m->rowCount(); ++r) {
                const MatchState s = m->stateAt(r);
                if (s != MatchState::Matched && s != MatchState::NotBilled && s != MatchState::Retry) {
                    row = r;
                    break;
                }
            }
            if (m->rowCount() > 0) {
                lp->sideBySideView()->selectRow(row);
                lp->sideBySideView()->scrollTo(m->index(row, 0), QAbstractItemView::PositionAtCenter);
            }
        } else if (page == WorkbenchPage::Evidence) {
            // The entry that needs attention first: overdue, else due soon.
            EvidencePage *ep = m_window->evidencePage();
            const EvidenceRegisterModel *em = ep->model();
            QString pick;
            for (int wanted : {int(EvidenceReview::Overdue), int(EvidenceReview::DueSoon)})
                for (int r = 0; pick.isEmpty() && r < em->rowCount(); ++r)
                    if (em->index(r, 0).data(EvidenceRegisterModel::ReviewStateRole).toInt() == wanted)
                        pick = em->index(r, 0).data(EvidenceRegisterModel::IdRole).toString();
            if (!pick.isEmpty())
                ep->selectEntry(pick);
        } else if (page == WorkbenchPage::Owners) {
            // One owner group's charts: the first whose projection passes its budget, else the first with a budget.
            OwnersPage *op = m_window->ownersPage();
            const OwnerAllocationModel *om = op->ownerModel();
            QString pick;
            for (int r = 0; r < om->rowCount(); ++r) {
                const BudgetProjection &p = om->owner(r)->projection;
                if (!p.budget.known)
                    continue;
                if (pick.isEmpty())
                    pick = om->owner(r)->ownerGroup;
                if (p.projectedMonthEnd.known && p.projectedMonthEnd.value > p.budget.value) {
                    pick = om->owner(r)->ownerGroup;
                    break;
                }
            }
            op->selectOwner(pick);
        }
        for (int i = 0; i < 5; ++i) {
            QApplication::processEvents();
            // Charts rebuilt for the page delete their old axis items later: let them go before the grab.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        }
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
