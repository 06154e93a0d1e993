// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/ledgerfilter.h"
#include "ui/widgets/workbenchpage.h"

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QAction;
class QLineEdit;
class QSplitter;
class QUrl;
class QStackedWidget;
class QTabWidget;
QT_END_NAMESPACE

namespace tl {

class AlertsPage;
class EvidencePage;
class KeysPage;
class LedgersPage;
class LoadProgressWidget;
class MessageBanner;
class OverviewPage;
class InputTableEditor;
class PriceSnapshotEditor;
class OwnersPage;
class RecentFilesMenu;
class ReferencePage;
class SummaryHeader;
class VariancePage;
class WorkspaceDocument;
class WorkspaceSidebar;

/**
 * The workbench window: menus, the workspace sidebar, the header strip with the decision and
 * the totals, the pages, and the status area that shows long work with Cancel. It only wires
 * the document to the pages; every figure comes from the core through the document.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    WorkspaceDocument *document() const { return m_doc; }
    SummaryHeader *header() const { return m_header; }
    OverviewPage *overviewPage() const { return m_overview; }
    LedgersPage *ledgersPage() const { return m_ledgers; }
    VariancePage *variancePage() const { return m_variance; }
    KeysPage *keysPage() const { return m_keys; }
    EvidencePage *evidencePage() const { return m_evidence; }
    OwnersPage *ownersPage() const { return m_owners; }
    AlertsPage *alertsPage() const { return m_alerts; }
    InputTableEditor *ownersEditor() const { return m_ownersEditor; }
    InputTableEditor *mappingsEditor() const { return m_mappingsEditor; }
    InputTableEditor *policyEditor() const { return m_policyEditor; }
    /** Under the Prices page's rows: the used snapshot's state and "New snapshot from this one…". */
    PriceSnapshotEditor *pricesEditor() const { return m_pricesEditor; }
    /** The Mappings page: the mapping rows and their editor, as tabs. */
    QTabWidget *mappingTabs() const { return m_mappingTabs; }
    MessageBanner *banner() const { return m_banner; }
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *searchField() const { return m_search; }
    WorkspaceSidebar *sidebar() const { return m_sidebar; }
    RecentFilesMenu *recentFilesMenu() const { return m_recent; }
    QSplitter *mainSplitter() const { return m_split; }
    QAction *sidebarAction() const { return m_sidebarAction; }

    /**
     * Restores the window as the user left it (geometry, sidebar and its width) from QSettings
     * and from then on remembers it on close, and records opened jobs in File ▸ Open Recent.
     * Not called for --screenshot, so that pictures do not depend on the user's settings.
     */
    void readSettings();
    void writeSettings() const;

    void showPage(tl::WorkbenchPage page);
    WorkbenchPage currentPage() const;
    /** Page names for the command line: overview, ledgers, variance, keys, owners, alerts, evidence, prices, mappings. */
    static QString pageName(WorkbenchPage page);
    static bool pageFromName(const QString &name, WorkbenchPage *page);

public slots:
    void openJob(const QString &path);
    void showLedgerRows(const tl::LedgerFilter &filter);
    /** Follows a link between pages: evidence:ID, snapshot:ID, outcome:NAME. */
    void openLink(const QUrl &url);

private:
    void createMenus();
    void onWorkspaceChanged();
    void openDialog();
    void exportDialog();
    void showCategory(int category);
    void showInputReport(int fileIndex);
    void showPeriodDetails();
    void about();
    /** The import wizard; with nothing open it creates a workspace for the files. */
    /** The import wizard, with FILES already picked when given. */
    void importDialog(const QStringList &files = {});
    /** The sign-off dialog for the open period. */
    void signOffDialog();
    /** Offers to save unsaved evidence edits; false when the user cancels. */
    bool maybeSaveEvidence();
    /** Opens another period of the workspace store (after asking about unsaved edits). */
    void switchToPeriod(const QString &label);

protected:
    void closeEvent(QCloseEvent *event) override;

private:

    WorkspaceDocument *m_doc;
    WorkspaceSidebar *m_sidebar;
    MessageBanner *m_banner;
    SummaryHeader *m_header;
    QStackedWidget *m_stack;
    QWidget *m_emptyState;
    QTabWidget *m_tabs;
    OverviewPage *m_overview;
    LedgersPage *m_ledgers;
    VariancePage *m_variance;
    KeysPage *m_keys;
    EvidencePage *m_evidence;
    ReferencePage *m_prices;
    ReferencePage *m_mappings;
    OwnersPage *m_owners;
    AlertsPage *m_alerts;
    InputTableEditor *m_ownersEditor;
    InputTableEditor *m_mappingsEditor;
    InputTableEditor *m_policyEditor;
    PriceSnapshotEditor *m_pricesEditor;
    QTabWidget *m_mappingTabs;
    LoadProgressWidget *m_progress;
    QLineEdit *m_search;
    RecentFilesMenu *m_recent = nullptr;
    QSplitter *m_split = nullptr;
    QAction *m_sidebarAction = nullptr;
    bool m_remember = false;
    /** The page the last session ended on, shown when the first workspace opens (Count: none). */
    WorkbenchPage m_pageToRestore = WorkbenchPage::Count;
    QByteArray m_splitState; ///< the splitter as it was before the sidebar was hidden
    QList<QAction *> m_needsWorkspace;
};

} // namespace tl
