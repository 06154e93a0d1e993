// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/mainwindow.h"

#include "core/model/outcome.h"
#include "core/util/timeutil.h"
#include "ui/dialogs/exportpacketdialog.h"
#include "ui/dialogs/fetchdialog.h"
#include "ui/dialogs/importrunpage.h"
#include "ui/dialogs/importfilespage.h"
#include "ui/dialogs/importwizard.h"
#include "ui/dialogs/signoffdialog.h"
#include "ui/dialogs/smoketestdialog.h"
#include "ui/dialogs/verifypacketdialog.h"
#include "ui/document/evidenceregister.h"
#include "ui/document/inputtable.h"
#include "ui/document/workspacedocument.h"
#include "ui/document/workspaceloader.h"
#include "ui/models/columntablemodel.h"
#include "ui/models/displayformat.h"
#include "ui/models/evidencereview.h"
#include "ui/models/workspacetables.h"
#include "ui/widgets/alertspage.h"
#include "ui/widgets/evidencepage.h"
#include "ui/widgets/keyspage.h"
#include "ui/widgets/ledgerspage.h"
#include "ui/widgets/loadprogresswidget.h"
#include "ui/widgets/messagebanner.h"
#include "ui/widgets/overviewpage.h"
#include "ui/widgets/inputtableeditor.h"
#include "ui/widgets/pricesnapshoteditor.h"
#include "ui/widgets/ownerspage.h"
#include "ui/widgets/recentfilesmenu.h"
#include "ui/widgets/referencepage.h"
#include "ui/widgets/summaryheader.h"
#include "ui/widgets/linedetailsview.h"
#include "ui/widgets/variancepage.h"
#include "ui/widgets/workspacesidebar.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

namespace tl {

namespace {

// A price row in full, with the evidence entry behind it (a link to the Evidence page).
QString priceHtml(const Workspace &ws, int row)
{
    const PriceRow &p = ws.set.prices[static_cast<std::size_t>(row)];
    auto esc = [](const QString &t) { return t.toHtmlEscaped(); };
    auto dec = [](const MaybeDecimal &d) { return d.known ? DisplayFormat::localizeDigits(d.value.toString()) : QString(); };
    QString h = QStringLiteral("<h3>%1</h3><p style='color:#6B7280'>%2</p><table>").arg(esc(p.billableModel), esc(p.snapshotId));
    auto kv = [&h](const QString &k, const QString &v) {
        if (!v.isEmpty())
            h += QStringLiteral("<tr><td style='color:#6B7280;padding-right:8px'>%1</td><td>%2</td></tr>").arg(k, v);
    };
    kv(QObject::tr("Evidence"), p.evidenceId.isEmpty() ? QObject::tr("<b style='color:#B0222A'>none: this price is not backed by an entry</b>")
                                                       : QStringLiteral("<a href='evidence:%1'>%1</a>").arg(esc(p.evidenceId)));
    kv(QObject::tr("Kind"), esc(p.priceKind));
    kv(QObject::tr("Input / output / cached"), QStringLiteral("%1 / %2 / %3").arg(dec(p.inputPrice), dec(p.outputPrice), dec(p.cachedInputPrice)));
    kv(QObject::tr("Per call"), dec(p.perCallPrice));
    kv(QObject::tr("Upstream ratio"), dec(p.upstreamRatio));
    kv(QObject::tr("Valid"), QStringLiteral("%1 \u2013 %2").arg(p.validFrom == kNoTime ? QStringLiteral("\u2026") : DisplayFormat::timestamp(p.validFrom),
                                                               p.validTo == kNoTime ? QStringLiteral("\u2026") : DisplayFormat::timestamp(p.validTo)));
    kv(QObject::tr("Source"), p.sourceUrl.startsWith(QLatin1String("http")) ? QStringLiteral("<a href='%1'>%1</a>").arg(esc(p.sourceUrl)) : esc(p.sourceUrl));
    kv(QObject::tr("Accessed / captured by"), esc(QStringLiteral("%1 / %2").arg(p.accessedAt, p.capturedBy)));
    kv(QObject::tr("Notes"), esc(p.notes));
    kv(QObject::tr("Row source"), esc(WorkspaceTables::sourceText(ws, p.sourceFile, p.sourceLine)));
    return h + QStringLiteral("</table>");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_doc(new WorkspaceDocument(this))
    , m_sidebar(new WorkspaceSidebar)
    , m_banner(new MessageBanner)
    , m_header(new SummaryHeader)
    , m_stack(new QStackedWidget)
    , m_emptyState(new QWidget)
    , m_tabs(new QTabWidget)
    , m_overview(new OverviewPage)
    , m_ledgers(new LedgersPage)
    , m_variance(new VariancePage)
    , m_keys(new KeysPage)
    , m_evidence(new EvidencePage(m_doc))
    , m_prices(new ReferencePage(tr("No price snapshot in this job. Add an input of kind \u201cprices\u201d."),
                                 &WorkspaceTables::prices,
                                 [](const Workspace &) {
                                     return tr("Price snapshot rows. A used snapshot is read-only: change prices in a new snapshot "
                                               "(below). Prices are per the unit shown; the upstream ratio multiplies the list price.");
                                 },
                                 priceHtml))
    , m_mappings(new ReferencePage(tr("No model mapping in this job. Add an input of kind \u201cmapping\u201d."),
                                   &WorkspaceTables::mappings,
                                   [](const Workspace &) {
                                       return tr("How a requested model becomes a billable model, read-only.");
                                   }))
    , m_owners(new OwnersPage)
    , m_alerts(new AlertsPage)
    , m_ownersEditor(new InputTableEditor(m_doc, m_doc->owners(),
                                          tr("owner group, cost center, allocation rule (<i>direct</i> or "
                                             "<i>shared:group=weight;\u2026</i>), monthly budget and allowed IPs per API key")))
    , m_mappingsEditor(new InputTableEditor(m_doc, m_doc->mappings(),
                                            tr("which billable model and price snapshot each requested model is charged as, "
                                               "primary or fallback, and when")))
    , m_policyEditor(new InputTableEditor(m_doc, m_doc->policy(),
                                          tr("how each outcome class is billed (billable, non_billable, partial, unverified) "
                                             "and the evidence entry that says so")))
    , m_pricesEditor(new PriceSnapshotEditor(m_doc))
    , m_mappingTabs(new QTabWidget)
    , m_progress(new LoadProgressWidget)
    , m_search(new QLineEdit)
{
    setWindowTitle(QStringLiteral("TokenLedger"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_ledgers, tr("Ledgers"));
    m_tabs->addTab(m_variance, tr("Variance"));
    m_tabs->addTab(m_keys, tr("Keys && owners"));
    m_tabs->addTab(m_owners, tr("Owners && budgets"));
    m_tabs->addTab(m_alerts, tr("Alerts"));
    m_tabs->addTab(m_evidence, tr("Evidence"));
    {
        // The snapshots' rows, and below them the used snapshot's state and a new snapshot being edited.
        auto *prices = new QSplitter(Qt::Vertical);
        prices->addWidget(m_prices);
        prices->addWidget(m_pricesEditor);
        prices->setStretchFactor(0, 1);
        prices->setStretchFactor(1, 1);
        m_tabs->addTab(prices, tr("Prices"));
    }
    m_mappingTabs->setDocumentMode(true);
    m_mappingTabs->addTab(m_mappings, tr("Mapping rows"));
    m_mappingTabs->addTab(m_mappingsEditor, tr("Edit mapping"));
    m_mappingTabs->addTab(m_policyEditor, tr("Edit billing policy"));
    m_tabs->addTab(m_mappingTabs, tr("Mappings && policy"));
    m_owners->detailTabs()->addTab(m_ownersEditor, tr("Edit owners and budgets"));
    for (InputTableEditor *editor : {m_ownersEditor, m_mappingsEditor, m_policyEditor, m_pricesEditor->editor()})
        connect(editor, &InputTableEditor::saved, this, [this](const QString &message) { statusBar()->showMessage(message, 8000); });

    // The empty state: what to do next.
    {
        auto *v = new QVBoxLayout(m_emptyState);
        auto *title = new QLabel(tr("Open a job (File \u25B8 Open job\u2026) to start"));
        QFont f = title->font();
        f.setPointSizeF(f.pointSizeF() * 1.5);
        f.setBold(true);
        title->setFont(f);
        title->setAlignment(Qt::AlignCenter);
        auto *text = new QLabel(tr("A job file names the period, the controls and the inputs (client log, provider usage, "
                                   "prices, mapping, policy, evidence, owners). TokenLedger imports them, prices every "
                                   "attempt, reconciles the estimate with the provider and explains the variance.\n\n"
                                   "From a terminal: tokenledger JOB.json"));
        text->setWordWrap(true);
        text->setAlignment(Qt::AlignCenter);
        text->setMaximumWidth(620);
        // Centred without a layout alignment flag, so that the wrapped label gets its full height.
        auto *textRow = new QHBoxLayout;
        textRow->addStretch(1);
        textRow->addWidget(text, 4);
        textRow->addStretch(1);
        auto *button = new QPushButton(tr("Open job\u2026"));
        connect(button, &QPushButton::clicked, this, &MainWindow::openDialog);
        v->addStretch(1);
        v->addWidget(title);
        v->addSpacing(12);
        v->addLayout(textRow);
        v->addSpacing(12);
        v->addWidget(button, 0, Qt::AlignHCenter);
        v->addStretch(2);
    }
    m_stack->addWidget(m_emptyState);
    m_stack->addWidget(m_tabs);

    auto *right = new QWidget;
    auto *rv = new QVBoxLayout(right);
    rv->setContentsMargins(4, 4, 4, 0);
    rv->setSpacing(4);
    rv->addWidget(m_banner);
    rv->addWidget(m_header);
    rv->addWidget(m_stack, 1);
    auto *split = new QSplitter(Qt::Horizontal);
    m_split = split;
    split->addWidget(m_sidebar);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({290, 1110});
    setCentralWidget(split);
    statusBar()->addPermanentWidget(m_progress);

    m_search->setPlaceholderText(tr("Search rows (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setFixedWidth(260);
    {
        auto *corner = new QWidget;
        auto *h = new QHBoxLayout(corner);
        h->setContentsMargins(0, 1, 6, 1);
        h->addWidget(m_search);
        menuBar()->setCornerWidget(corner, Qt::TopRightCorner);
    }
    createMenus();

    connect(m_doc, &WorkspaceDocument::workspaceChanged, this, &MainWindow::onWorkspaceChanged);
    connect(m_doc, &WorkspaceDocument::loadStarted, this, [this](const QString &path) {
        m_progress->start(tr("Opening %1\u2026").arg(QFileInfo(path).fileName()));
    });
    connect(m_doc, &WorkspaceDocument::loadProgress, m_progress, &LoadProgressWidget::setProgress);
    connect(m_progress, &LoadProgressWidget::cancelRequested, m_doc, &WorkspaceDocument::cancel);
    connect(m_doc, &WorkspaceDocument::loadFinished, m_progress, &LoadProgressWidget::finish);
    connect(m_doc, &WorkspaceDocument::loadFailed, this, [this](const QString &message) {
        m_banner->showMessage(MessageBanner::Error,
                              m_doc->hasWorkspace() ? tr("The job could not be loaded; the workspace shown is unchanged.")
                                                    : tr("The job could not be loaded."),
                              message);
        statusBar()->showMessage(tr("Load failed"), 5000);
    });
    connect(m_doc, &WorkspaceDocument::loadCanceled, this, [this] { statusBar()->showMessage(tr("Loading canceled; nothing changed."), 5000); });

    connect(m_sidebar, &WorkspaceSidebar::pageRequested, this, &MainWindow::showPage);
    connect(m_sidebar, &WorkspaceSidebar::inputActivated, this, &MainWindow::showInputReport);
    connect(m_sidebar, &WorkspaceSidebar::periodRequested, this, &MainWindow::switchToPeriod);
    connect(m_header, &SummaryHeader::badgeClicked, this, [this] { showPage(WorkbenchPage::Overview); });
    connect(m_header, &SummaryHeader::signOffRequested, this, &MainWindow::signOffDialog);
    connect(m_overview, &OverviewPage::showLedger, this, &MainWindow::showLedgerRows);
    connect(m_overview, &OverviewPage::showPage, this, &MainWindow::showPage);
    connect(m_overview, &OverviewPage::showCategory, this, &MainWindow::showCategory);
    connect(m_variance, &VariancePage::ledgerFilterRequested, this, [this](const LedgerFilter &f, bool open) {
        m_ledgers->setFilter(f);
        if (open)
            showPage(WorkbenchPage::Ledgers);
        else
            statusBar()->showMessage(tr("Ledgers filtered: %1").arg(f.rowsLabel), 5000);
    });
    connect(m_keys, &KeysPage::ledgerFilterRequested, this, &MainWindow::showLedgerRows);
    connect(m_alerts, &AlertsPage::ledgerFilterRequested, this, [this](const LedgerFilter &f, bool open) {
        m_ledgers->setFilter(f);
        if (open)
            showPage(WorkbenchPage::Ledgers);
    });
    connect(m_evidence, &EvidencePage::linkActivated, this, &MainWindow::openLink);
    connect(m_prices, &ReferencePage::linkActivated, this, &MainWindow::openLink);
    connect(m_ledgers->details(), &QTextBrowser::anchorClicked, this, &MainWindow::openLink);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_ledgers->setSearchText(t);
        if (!t.isEmpty() && currentPage() != WorkbenchPage::Ledgers && m_doc->hasWorkspace())
            showPage(WorkbenchPage::Ledgers);
    });
    connect(m_ledgers, &LedgersPage::searchTextChanged, this, [this](const QString &t) {
        const QSignalBlocker block(m_search);
        m_search->setText(t);
    });
    onWorkspaceChanged();
    resize(1400, 900);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    auto needsWs = [this](QAction *a) {
        m_needsWorkspace << a;
        return a;
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open job or workspace\u2026"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    // A team workspace lives in PostgreSQL and is opened by its connection URL (core/store).
    file->addAction(tr("Open &team workspace (PostgreSQL)\u2026"), this, [this] {
        bool ok = false;
        const QString url = QInputDialog::getText(this, tr("Open team workspace"),
                                                  tr("Connection URL, e.g. postgresql://user@host:5432/tokenledger"), QLineEdit::Normal,
                                                  QStringLiteral("postgresql://"), &ok)
                                .trimmed();
        if (!ok || url.isEmpty())
            return;
        if (!url.startsWith(QLatin1String("postgresql://")) && !url.startsWith(QLatin1String("postgres://"))) {
            m_banner->showMessage(MessageBanner::Error, tr("Not a PostgreSQL connection URL."), tr("It must start with postgresql://, got: %1").arg(url));
            return;
        }
        openJob(url);
    });
    m_recent = new RecentFilesMenu(this);
    file->addMenu(m_recent);
    connect(m_recent, &RecentFilesMenu::fileChosen, this, &MainWindow::openJob);
    QAction *reload = needsWs(file->addAction(tr("&Reload"), this, [this] {
        if (maybeSaveEvidence())
            m_doc->reload();
    }));
    reload->setShortcut(QKeySequence::Refresh);
    reload->setToolTip(tr("Read the job's inputs again and reconcile"));
    QAction *importAct = file->addAction(tr("&Import files\u2026"), this, [this] { importDialog(); });
    importAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importAct->setToolTip(tr("Import logs, provider usage, invoices and reference tables into the open workspace or job"));
    QAction *exportAct = needsWs(file->addAction(tr("&Export results\u2026"), this, &MainWindow::exportDialog));
    exportAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(m_owners->exportGuardrailsAction());
    needsWs(file->addAction(tr("Export signed &packet\u2026"), this, [this] {
        QString error;
        PacketSource source = PacketSource::fromWorkspace(m_doc->workspace(), m_doc->store(), &error);
        if (!source.isValid()) {
            m_banner->showMessage(MessageBanner::Error, tr("No packet can be made."), error);
            return;
        }
        auto *dialog = new ExportPacketDialog(std::move(source), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ExportPacketDialog::exportFinished, this, [this](bool ok, const QString &path) {
            if (ok)
                statusBar()->showMessage(tr("Packet written to %1").arg(path), 10000);
        });
        dialog->open();
    }));
    file->addAction(tr("&Verify packet\u2026"), this, [this] {
        auto *dialog = new VerifyPacketDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Find rows\u2026"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *side = view->addAction(tr("&Sidebar"));
    m_sidebarAction = side;
    side->setCheckable(true);
    side->setChecked(true);
    connect(side, &QAction::toggled, this, [this](bool on) {
        // The width it had comes back with it (a hidden sidebar has none to remember).
        if (!on && !m_sidebar->isHidden())
            m_splitState = m_split->saveState();
        m_sidebar->setVisible(on);
        if (on && !m_splitState.isEmpty())
            m_split->restoreState(m_splitState);
    });
    view->addSeparator();
    for (int p = 0; p < static_cast<int>(WorkbenchPage::Count); ++p) {
        QAction *a = needsWs(view->addAction(m_tabs->tabText(p).replace(QStringLiteral("&&"), QStringLiteral("&")),
                                             this, [this, p] { showPage(static_cast<WorkbenchPage>(p)); }));
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + p)));
    }

    QMenu *period = menuBar()->addMenu(tr("&Period"));
    needsWs(period->addAction(tr("&Overview and decision"), this, [this] { showPage(WorkbenchPage::Overview); }));
    needsWs(period->addAction(tr("Period &details\u2026"), this, &MainWindow::showPeriodDetails));
    needsWs(period->addAction(tr("&Reconcile again"), m_doc, &WorkspaceDocument::reload));
    // A workspace store holds several periods: the navigator lists them (filled per workspace).
    QMenu *switchPeriod = period->addMenu(tr("S&witch period"));
    switchPeriod->setObjectName(QStringLiteral("switchPeriod"));
    switchPeriod->setEnabled(false);
    QAction *signOff = needsWs(period->addAction(tr("&Sign off\u2026"), this, &MainWindow::signOffDialog));
    signOff->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    period->addAction(tr("&Cancel loading"), m_doc, &WorkspaceDocument::cancel);

    QMenu *ledgers = menuBar()->addMenu(tr("&Ledgers"));
    needsWs(ledgers->addAction(tr("&All rows"), this, [this] {
        m_ledgers->clearFilter();
        showPage(WorkbenchPage::Ledgers);
    }));
    needsWs(ledgers->addAction(tr("&Quarantined rows"), this, [this] {
        LedgerFilter f;
        f.status = LedgerFilter::Status::Quarantined;
        showLedgerRows(f);
    }));
    needsWs(ledgers->addAction(tr("Rows with a &variance category"), this, [this] {
        LedgerFilter f;
        f.status = LedgerFilter::Status::WithVariance;
        showLedgerRows(f);
    }));

    QMenu *evidence = menuBar()->addMenu(tr("E&vidence"));
    needsWs(evidence->addAction(tr("Evidence &register"), this, [this] { showPage(WorkbenchPage::Evidence); }));
    needsWs(evidence->addAction(tr("&Prices"), this, [this] { showPage(WorkbenchPage::Prices); }));

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    needsWs(tools->addAction(tr("&Copy summary"), this, [this] {
        QApplication::clipboard()->setText(m_header->text());
        statusBar()->showMessage(tr("Summary copied"), 3000);
    }));
    tools->addAction(tr("Save &screenshot\u2026"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save screenshot"), QStringLiteral("workbench.png"), tr("PNG images (*.png)"));
        if (!path.isEmpty() && !grab().save(path))
            m_banner->showMessage(MessageBanner::Error, tr("The screenshot could not be saved."), path);
    });
    tools->addSeparator();
    tools->addAction(tr("&Fetch provider usage\u2026"), this, [this] {
        FetchDialog dialog(this);
        QString fetched;
        connect(&dialog, &FetchDialog::fetched, this, [&fetched](const QString &path) { fetched = path; });
        dialog.exec();
        // A fetch is another import: offer it to the open period through the import wizard
        // (kind, format and the observation time from FILE.observed already filled in).
        if (!fetched.isEmpty() && m_doc->hasWorkspace()
            && QMessageBox::question(this, tr("Import the fetched usage"),
                                     tr("Import %1 into %2 now?").arg(QFileInfo(fetched).fileName(), QFileInfo(m_doc->path()).fileName()))
                   == QMessageBox::Yes)
            importDialog({fetched});
    });
    tools->addAction(tr("CometAPI s&moke test\u2026"), this, [this] {
        SmokeTestDialog dialog(this);
        dialog.exec();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TokenLedger"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openJob(const QString &path)
{
    if (!maybeSaveEvidence())
        return;
    m_banner->hide();
    m_doc->open(path);
}

bool MainWindow::maybeSaveEvidence()
{
    InputTable *prices = m_pricesEditor->inputTable();
    bool savedSome = false;
    // When a later answer stops the action, what was saved already is shown reconciled.
    auto stop = [this, &savedSome] {
        if (savedSome)
            m_doc->reloadAfterSave();
        return false;
    };
    for (InputTable *table : {m_doc->owners(), m_doc->mappings(), m_doc->policy(), prices}) {
        if (!table->isModified())
            continue;
        const QString name = table->sourceName();
        const QString where = table->isStored() ? tr(" (a stored input of the period)") : QString();
        const auto answer = QMessageBox::question(this, tr("Unsaved edits"), tr("%1%2 has edits that are not saved. Save them?").arg(name, where),
                                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel)
            return stop();
        if (answer == QMessageBox::Discard) {
            table->revert();
            continue;
        }
        // Saved the way the editor's Save saves it (a new snapshot with its mapping; a stored table into the store).
        QString error;
        const bool saved = table == prices ? m_pricesEditor->saveSnapshot(&error) : m_doc->saveInputs({table}, &error);
        if (!saved) {
            m_banner->showMessage(MessageBanner::Error, tr("%1 could not be saved.").arg(name), error);
            return stop();
        }
        savedSome = true;
    }
    EvidenceRegister *reg = m_doc->evidence();
    if (!reg->isModified())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved evidence edits"),
                                              tr("The evidence register has edits that are not saved. Save them to %1?")
                                                  .arg(reg->sourcePath().isEmpty() ? tr("a file") : QFileInfo(reg->sourcePath()).fileName()),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return stop();
    if (answer == QMessageBox::Discard)
        return true;
    QString path = reg->sourcePath();
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save the evidence register as"), QString(), tr("Evidence register (*.csv)"));
    if (path.isEmpty())
        return stop();
    QString error;
    if (!reg->saveCsv(path, &error)) {
        m_banner->showMessage(MessageBanner::Error, tr("The evidence register could not be saved."), error);
        return stop();
    }
    return true;
}

void MainWindow::importDialog(const QStringList &files)
{
    auto *wizard = new ImportWizard(m_doc, this);
    if (!files.isEmpty())
        wizard->filesPage()->addFiles(files);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QDialog::accepted, this, [this, wizard] {
        const ImportTarget t = wizard->target();
        if (!wizard->runPage()->succeeded())
            return;
        if (t.kind == ImportTarget::Kind::NewStore)
            openJob(t.location);
        else
            m_doc->reload();
        statusBar()->showMessage(tr("Imported %1 file(s); reconciling again").arg(wizard->runPage()->outcome().imported), 8000);
    });
    wizard->open();
}

void MainWindow::signOffDialog()
{
    if (!m_doc->hasWorkspace())
        return;
    auto *dialog = new SignOffDialog(m_doc->workspace(), m_doc->store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->runId() > 0 && m_doc->store() && m_doc->hasWorkspace()) // the run it stored (or named) shows in the sidebar
            m_sidebar->setRuns(m_doc->store()->runs(m_doc->workspace()->periodLabel));
        statusBar()->showMessage(dialog->runId() > 0 ? tr("Sign-off saved to %1 and recorded against run %2").arg(dialog->outputPath()).arg(dialog->runId())
                                                     : tr("Sign-off saved to %1").arg(dialog->outputPath()),
                                 10000);
    });
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (maybeSaveEvidence()) {
        if (m_remember)
            writeSettings();
        event->accept();
    } else {
        event->ignore();
    }
}

void MainWindow::readSettings()
{
    m_remember = true;
    QSettings s;
    s.beginGroup(QStringLiteral("window"));
    const QByteArray geometry = s.value(QStringLiteral("geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = s.value(QStringLiteral("state")).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
    m_splitState = s.value(QStringLiteral("splitter")).toByteArray();
    if (!m_splitState.isEmpty())
        m_split->restoreState(m_splitState);
    m_sidebarAction->setChecked(s.value(QStringLiteral("sidebar"), true).toBool());
    if (!pageFromName(s.value(QStringLiteral("page")).toString(), &m_pageToRestore))
        m_pageToRestore = WorkbenchPage::Count;
    s.endGroup();
}

void MainWindow::writeSettings() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("window"));
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("state"), saveState());
    s.setValue(QStringLiteral("splitter"), m_sidebarAction->isChecked() || m_splitState.isEmpty() ? m_split->saveState() : m_splitState);
    s.setValue(QStringLiteral("sidebar"), m_sidebarAction->isChecked());
    if (m_doc->hasWorkspace())
        s.setValue(QStringLiteral("page"), pageName(currentPage()));
    s.endGroup();
    s.sync();
}

void MainWindow::openLink(const QUrl &url)
{
    const QString scheme = url.scheme(), target = url.path();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        QDesktopServices::openUrl(url);
    } else if (scheme == QLatin1String("evidence")) {
        showPage(WorkbenchPage::Evidence);
        if (!m_evidence->selectEntry(target))
            statusBar()->showMessage(tr("No evidence entry %1 in the register").arg(target), 5000);
    } else if (scheme == QLatin1String("snapshot")) {
        showPage(WorkbenchPage::Prices);
        QTableView *v = m_prices->view();
        const int col = m_prices->model()->columnOf(tr("Snapshot"));
        for (int r = 0; col >= 0 && r < m_prices->model()->rowCount(); ++r)
            if (m_prices->model()->index(r, col).data().toString() == target) {
                v->selectRow(r);
                v->scrollTo(m_prices->model()->index(r, 0));
                break;
            }
    } else if (scheme == QLatin1String("outcome")) {
        // What a billing-policy row decides: the lines of that outcome.
        const QByteArray name = target.toLatin1();
        Outcome o;
        if (parseOutcome(std::string_view(name.constData(), static_cast<std::size_t>(name.size())), &o)) {
            LedgerFilter f;
            f.outcome = static_cast<int>(o);
            showLedgerRows(f);
        }
    }
}

void MainWindow::openDialog()
{
    const QString dir = m_doc->hasWorkspace() ? QFileInfo(m_doc->path()).absolutePath() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open job or workspace"), dir,
                                                      tr("Jobs and workspaces (*.json *.tlw);;Reconciliation jobs (*.json);;"
                                                         "Workspaces (*.tlw);;All files (*)"));
    if (!path.isEmpty())
        openJob(path);
}

void MainWindow::exportDialog()
{
    if (!m_doc->hasWorkspace())
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export results into"), QFileInfo(m_doc->path()).absolutePath());
    if (dir.isEmpty())
        return;
    QString error;
    if (m_doc->exportResults(dir, &error))
        statusBar()->showMessage(tr("Wrote summary.json, lines.csv, variance.csv, exclusions.csv and counts.csv to %1").arg(dir), 8000);
    else
        m_banner->showMessage(MessageBanner::Error, tr("The results could not be exported."), error);
}

void MainWindow::onWorkspaceChanged()
{
    const auto ws = m_doc->workspace();
    m_header->setWorkspace(ws);
    m_sidebar->setWorkspace(ws);
    m_overview->setWorkspace(ws);
    m_ledgers->setWorkspace(ws);
    m_variance->setWorkspace(ws);
    m_keys->setWorkspace(ws);
    m_evidence->setWorkspace(ws);
    m_prices->setWorkspace(ws);
    m_mappings->setWorkspace(ws);
    m_owners->setWorkspace(ws);
    m_alerts->setWorkspace(ws);
    m_tabs->setTabText(static_cast<int>(WorkbenchPage::Alerts), m_alerts->tabTitle());
    {
        const QSignalBlocker block(m_search);
        m_search->clear();
    }
    m_stack->setCurrentWidget(ws ? static_cast<QWidget *>(m_tabs) : m_emptyState);
    for (QAction *a : std::as_const(m_needsWorkspace))
        a->setEnabled(ws != nullptr);
    m_search->setEnabled(ws != nullptr);
    if (auto *switchPeriod = menuBar()->findChild<QMenu *>(QStringLiteral("switchPeriod"))) {
        switchPeriod->clear();
        if (ws && ws->fromStore())
            for (const StoredPeriod &sp : ws->storedPeriods) {
                const QString label = sp.label;
                QAction *a = switchPeriod->addAction(label, this, [this, label] { switchToPeriod(label); });
                a->setCheckable(true);
                a->setChecked(label == ws->periodLabel);
            }
        switchPeriod->setEnabled(!switchPeriod->isEmpty());
    }
    if (ws && m_remember)
        m_recent->add(ws->fromStore() ? ws->storeLocation : ws->job.path);
    if (ws && m_pageToRestore != WorkbenchPage::Count) {
        // The first workspace of a session opens on the page the last one ended on.
        showPage(m_pageToRestore);
        m_pageToRestore = WorkbenchPage::Count;
    }
    if (ws) {
        const QFileInfo fi(ws->job.path);
        setWindowTitle(QStringLiteral("%1/%2 \u2014 TokenLedger").arg(fi.dir().dirName(), fi.fileName()));
        statusBar()->showMessage(tr("%1: %2 attempts reconciled, decision %3")
                                     .arg(fi.fileName(), DisplayFormat::count(ws->result.attempts),
                                          QString::fromLatin1(decisionName(ws->result.decision)).toUpper()),
                                 8000);
    } else {
        setWindowTitle(QStringLiteral("TokenLedger"));
    }
}

void MainWindow::switchToPeriod(const QString &label)
{
    // The Period menu and the sidebar: unsaved edits are asked about first.
    if (m_doc->hasWorkspace() && m_doc->workspace()->fromStore() && maybeSaveEvidence())
        m_doc->openStore(m_doc->workspace()->storeLocation, label);
}

void MainWindow::showPage(WorkbenchPage page)
{
    if (page == WorkbenchPage::Count || !m_doc->hasWorkspace())
        return;
    m_tabs->setCurrentIndex(static_cast<int>(page));
}

WorkbenchPage MainWindow::currentPage() const
{
    return static_cast<WorkbenchPage>(m_tabs->currentIndex());
}

QString MainWindow::pageName(WorkbenchPage page)
{
    static const char *names[] = {"overview", "ledgers", "variance", "keys", "owners", "alerts", "evidence", "prices", "mappings"};
    const int i = static_cast<int>(page);
    return i >= 0 && i < static_cast<int>(WorkbenchPage::Count) ? QString::fromLatin1(names[i]) : QString();
}

bool MainWindow::pageFromName(const QString &name, WorkbenchPage *page)
{
    for (int i = 0; i < static_cast<int>(WorkbenchPage::Count); ++i)
        if (pageName(static_cast<WorkbenchPage>(i)) == name.toLower()) {
            *page = static_cast<WorkbenchPage>(i);
            return true;
        }
    return false;
}

void MainWindow::showLedgerRows(const LedgerFilter &filter)
{
    m_ledgers->setFilter(filter);
    showPage(WorkbenchPage::Ledgers);
}

void MainWindow::showCategory(int category)
{
    const LedgerFilter f = m_variance->categoryFilter(category);
    m_variance->selectCategory(category);
    showPage(f.hasRowSet() ? WorkbenchPage::Ledgers : WorkbenchPage::Variance);
}

void MainWindow::showInputReport(int fileIndex)
{
    const auto ws = m_doc->workspace();
    if (!ws || fileIndex < 0 || static_cast<std::size_t>(fileIndex) >= ws->set.files.size())
        return;
    const ImportReport &rep = ws->set.files[static_cast<std::size_t>(fileIndex)].report;
    auto *box = new QMessageBox(QMessageBox::Information, tr("Import report: %1").arg(rep.fileName),
                                tr("%1 (%2, %3)").arg(rep.fileName, rep.kind, rep.format), QMessageBox::Close, this);
    box->setInformativeText(tr("%1 rows read, %2 accepted, %3 quarantined.")
                                .arg(DisplayFormat::count(rep.rowsRead), DisplayFormat::count(rep.rowsAccepted),
                                     DisplayFormat::count(rep.quarantinedTotal())));
    box->setDetailedText(rep.toText());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showPeriodDetails()
{
    const auto ws = m_doc->workspace();
    if (!ws)
        return;
    const ReconcileResult &r = ws->result;
    const JobControls &k = r.controls;
    auto yes = [](bool b) { return b ? tr("yes") : tr("no"); };
    const QString text = tr("<table>"
                            "<tr><td>Period (UTC)</td><td>%1 to %2</td></tr>"
                            "<tr><td>Account</td><td>%3</td></tr>"
                            "<tr><td>Currency</td><td>%4</td></tr>"
                            "<tr><td>As of</td><td>%5</td></tr>"
                            "<tr><td>Variance threshold</td><td>%6% or %7</td></tr>"
                            "<tr><td>Posting window</td><td>%8 h</td></tr>"
                            "<tr><td>Rounding</td><td>%9 digits, %10</td></tr>"
                            "<tr><td>Fail on unknown model / missing usage / unverified pricing</td><td>%11 / %12 / %13</td></tr>"
                            "</table>")
                             .arg(DisplayFormat::timestamp(r.period.start), DisplayFormat::timestamp(r.period.end),
                                  r.period.accountRef.toHtmlEscaped(), r.period.currency, DisplayFormat::date(ws->asOf),
                                  DisplayFormat::localizeDigits(k.varianceThresholdPercent.toString()),
                                  DisplayFormat::money(k.varianceThresholdAbsolute, r.period.currency, k.roundingScale, k.roundingMode))
                             .arg(k.postingWindowHours)
                             .arg(k.roundingScale)
                             .arg(QString::fromLatin1(roundingModeName(k.roundingMode)), yes(k.failOnUnknownModel),
                                  yes(k.failOnMissingTokenUsage), yes(k.failOnUnverifiedPricing));
    auto *box = new QMessageBox(QMessageBox::Information, tr("Period details"), text, QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About TokenLedger"),
                       tr("<h3>TokenLedger %1</h3><p>A reconciliation workbench for AI-API spend: client logs, gateway and "
                          "provider usage, invoices and price snapshots, reconciled with the variance explained by category.</p>"
                          "<p>Estimates are labelled <i>estimated</i>; provider figures <i>reconciled</i> (or <i>provisional</i> "
                          "inside the posting window).</p><p>Commit %2. Apache-2.0.</p>")
                           .arg(QStringLiteral(TOKENLEDGER_VERSION), QStringLiteral(TOKENLEDGER_COMMIT)));
}

} // namespace tl
