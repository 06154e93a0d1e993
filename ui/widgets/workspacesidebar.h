// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/widgets/workbenchpage.h"

#include <QElapsedTimer>
#include <QTreeWidget>

#include <memory>

namespace tl {

/**
 * The workspace tree on the left: the period with its decision (in a workspace store, every
 * period, the frozen ones marked, and the period's stored runs), the inputs (kind, format, rows,
 * hash prefix), the evidence register with what is overdue, and the reference tables. Choosing
 * an entry asks for its page; choosing another period asks to switch to it.
 */
class WorkspaceSidebar : public QTreeWidget
{
    Q_OBJECT

public:
    explicit WorkspaceSidebar(QWidget *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** Lists these as the period's stored runs (a sign-off stored one; no reload needed). */
    void setRuns(const std::vector<StoredRun> &runs);
    /** The top-level entry that leads to a page (null when there is none). */
    QTreeWidgetItem *itemForPage(WorkbenchPage page) const;

signals:
    void pageRequested(tl::WorkbenchPage page);
    /** An input file was chosen (index into LedgerSet::files). */
    void inputActivated(int fileIndex);
    /** Another period of the workspace store was chosen. */
    void periodRequested(const QString &label);

private:
    QTreeWidgetItem *addItem(QTreeWidgetItem *parent, const QString &text, WorkbenchPage page);
    void addPeriods(QTreeWidgetItem *root, const Workspace &ws);
    QString m_currentPeriod, m_requestedPeriod;
    QElapsedTimer m_requestedAt;
    QTreeWidgetItem *m_runs = nullptr;
};

} // namespace tl
