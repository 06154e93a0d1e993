// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/ownerspage.h"

#include "ui/charts/budgetchart.h"
#include "ui/charts/dailyspendchart.h"
#include "ui/dialogs/guardrailexportdialog.h"
#include "ui/models/displayformat.h"
#include "ui/models/keybudgetmodel.h"
#include "ui/models/ownerallocationmodel.h"
#include "ui/models/ownerspendseries.h"
#include "ui/models/retryamplificationmodel.h"
#include "ui/models/unitcostmodel.h"
#include "ui/models/workspacetables.h"
#include "ui/widgets/readonlytableview.h"
#include "ui/widgets/referencepage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMainWindow>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

namespace {

QSortFilterProxyModel *sorted(QAbstractItemModel *source, int sortRole, QObject *parent)
{
    auto *p = new QSortFilterProxyModel(parent);
    p->setSourceModel(source);
    p->setSortRole(sortRole);
    return p;
}

/** A tab's body: a note above a table. */
QWidget *noted(QLabel *note, QWidget *table)
{
    auto *w = new QWidget;
    auto *v = new QVBoxLayout(w);
    v->setContentsMargins(0, 4, 0, 0);
    v->setSpacing(4);
    note->setWordWrap(true);
    note->setTextFormat(Qt::RichText);
    v->addWidget(note);
    v->addWidget(table, 1);
    return w;
}

} // namespace

OwnersPage::OwnersPage(QWidget *parent)
    : QWidget(parent)
    , m_ownerModel(new OwnerAllocationModel(this))
    , m_keyModel(new KeyBudgetModel(this))
    , m_unitModel(new UnitCostModel(this))
    , m_retryModel(new RetryAmplificationModel(this))
    , m_ownerSort(sorted(m_ownerModel, OwnerAllocationModel::SortRole, this))
    , m_keySort(sorted(m_keyModel, KeyBudgetModel::SortRole, this))
    , m_unitSort(sorted(m_unitModel, UnitCostModel::SortRole, this))
    , m_retrySort(sorted(m_retryModel, RetryAmplificationModel::SortRole, this))
    , m_ownerView(new ReadOnlyTableView(m_ownerSort))
    , m_keyView(new ReadOnlyTableView(m_keySort))
    , m_unitView(new ReadOnlyTableView(m_unitSort))
    , m_retryView(new ReadOnlyTableView(m_retrySort))
    , m_caption(new QLabel)
    , m_selection(new QLabel)
    , m_unitNote(new QLabel)
    , m_retryNote(new QLabel)
    , m_allOwners(new QToolButton)
    , m_toScale(new QCheckBox(tr("Budget to scale")))
    , m_retryMode(new QComboBox)
    , m_daily(new DailySpendChart)
    , m_budget(new BudgetChart)
    , m_tabs(new QTabWidget)
    , m_split(new QSplitter(Qt::Vertical))
    , m_ownersTable(new ReferencePage(tr("No owners table in this job. Add an input of kind \u201cowners\u201d to allocate spend "
                                         "to owner groups and set monthly budgets."),
                                      &WorkspaceTables::owners,
                                      [](const Workspace &) {
                                          return tr("The owners table as imported: owner group, workload, cost center, allocation "
                                                    "rule, monthly budget and allowed IPs per API key, read-only.");
                                      }))
    , m_exportGuardrails(new QAction(tr("Export &guardrails\u2026"), this))
{
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true);
    m_selection->setTextFormat(Qt::RichText);
    m_allOwners->setText(tr("All owner groups"));
    m_allOwners->setToolTip(tr("Show every owner group together in the charts and tables below"));
    m_toScale->setToolTip(tr("Draw the monthly budget line even when it is far above the spend"));
    m_exportGuardrails->setToolTip(tr("Write the keys' monthly budgets and the model denylist as LiteLLM key-management "
                                      "configuration (JSON or YAML) that the gateway enforces"));
    m_exportGuardrails->setEnabled(false);
    auto *exportButton = new QToolButton;
    exportButton->setDefaultAction(m_exportGuardrails);
    exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    // The core's order (owner groups by name, the unmapped bucket last) until a header is clicked.
    for (QTableView *v : {m_ownerView, m_keyView, m_unitView, m_retryView})
        v->sortByColumn(-1, Qt::AscendingOrder);
    m_ownerView->horizontalHeader()->setStretchLastSection(false);
    for (QTableView *v : {m_ownerView, m_keyView, m_unitView, m_retryView})
        v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 8);
    m_ownerView->setMinimumHeight(110);

    m_retryMode->addItem(tr("By workload"), static_cast<int>(RetryAmplificationModel::Mode::ByWorkload));
    m_retryMode->addItem(tr("By API key"), static_cast<int>(RetryAmplificationModel::Mode::ByKey));

    auto *top = new QHBoxLayout;
    top->addWidget(m_caption, 1);
    top->addWidget(exportButton, 0, Qt::AlignTop);

    auto *selRow = new QHBoxLayout;
    selRow->addWidget(m_selection, 1);
    selRow->addWidget(m_allOwners);
    selRow->addWidget(m_toScale);

    auto *charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(m_daily);
    charts->addWidget(m_budget);
    charts->setStretchFactor(0, 1);
    charts->setStretchFactor(1, 1);
    auto *chartBox = new QWidget;
    auto *cv = new QVBoxLayout(chartBox);
    cv->setContentsMargins(0, 0, 0, 0);
    cv->setSpacing(2);
    cv->addLayout(selRow);
    cv->addWidget(charts, 1);

    auto *retryBar = new QHBoxLayout;
    retryBar->addWidget(m_retryNote, 1);
    retryBar->addWidget(m_retryMode, 0, Qt::AlignTop);
    auto *retryBox = new QWidget;
    auto *rv = new QVBoxLayout(retryBox);
    rv->setContentsMargins(0, 4, 0, 0);
    rv->setSpacing(4);
    m_retryNote->setWordWrap(true);
    m_retryNote->setTextFormat(Qt::RichText);
    rv->addLayout(retryBar);
    rv->addWidget(m_retryView, 1);

    m_tabs->addTab(m_keyView, tr("Keys and budgets"));
    m_tabs->addTab(noted(m_unitNote, m_unitView), tr("Unit costs"));
    m_tabs->addTab(retryBox, tr("Retry amplification"));
    m_tabs->addTab(m_ownersTable, tr("Owners table"));

    QSplitter *vertical = m_split;
    vertical->addWidget(m_ownerView);
    vertical->addWidget(chartBox);
    vertical->addWidget(m_tabs);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 4);
    vertical->setStretchFactor(2, 3);
    vertical->setSizes({215, 330, 175});
    vertical->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(vertical, 1);

    connect(m_ownerView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            selectOwner(current.data(OwnerAllocationModel::OwnerGroupRole).toString());
    });
    connect(m_allOwners, &QToolButton::clicked, this, [this] { selectOwner(QString()); });
    connect(m_toScale, &QCheckBox::toggled, m_budget, &BudgetChart::setBudgetToScale);
    connect(m_retryMode, &QComboBox::currentIndexChanged, this, [this] {
        m_retryModel->setMode(static_cast<RetryAmplificationModel::Mode>(m_retryMode->currentData().toInt()));
        refresh();
    });
    connect(m_exportGuardrails, &QAction::triggered, this, &OwnersPage::exportGuardrails);
    setWorkspace(nullptr);
}

void OwnersPage::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    m_ws = ws;
    m_owner.clear();
    m_ownerModel->setWorkspace(ws);
    m_keyModel->setWorkspace(ws);
    m_unitModel->setWorkspace(ws);
    m_retryModel->setWorkspace(ws);
    m_ownersTable->setWorkspace(ws);
    m_exportGuardrails->setEnabled(ws != nullptr);
    for (QTableView *v : {m_ownerView, m_keyView, m_unitView, m_retryView})
        v->resizeColumnsToContents();
    {
        // Every owner group in sight (the unmapped bucket is last) when the page has the room.
        const int rows = m_ownerModel->rowCount();
        const int want = m_ownerView->horizontalHeader()->sizeHint().height() + rows * m_ownerView->verticalHeader()->defaultSectionSize()
            + 2 * m_ownerView->frameWidth() + m_ownerView->horizontalScrollBar()->sizeHint().height();
        QList<int> sizes = m_split->sizes();
        const int total = sizes.value(0) + sizes.value(1) + sizes.value(2);
        if (total > 0) {
            const int top = std::clamp(want, 110, total * 2 / 5);
            const int rest = total - top;
            sizes = {top, rest * 3 / 5, rest - rest * 3 / 5};
            m_split->setSizes(sizes);
        }
    }
    if (!ws) {
        m_caption->setText(tr("Open a job (File \u25B8 Open job\u2026) to start."));
    } else {
        const QString cur = ws->result.period.currency;
        QString text = tr("<b>Owner groups</b> \u00B7 amounts in %1, <i>estimated</i> from the client log unless marked "
                          "<i>reconciled</i> \u00B7 projections %2. Shared keys are split by their weights; the "
                          "<i>(unmapped)</i> bucket holds the spend no owners row claims.")
                           .arg(cur, m_ownerModel->asOfText().toHtmlEscaped());
        if (ws->set.owners.empty())
            text += QStringLiteral(" <span style='color:#B26B00'>%1</span>")
                        .arg(tr("No owners table in this job: all spend is unmapped. Add an input of kind \u201cowners\u201d."));
        m_caption->setText(text);
    }
    refresh();
}

bool OwnersPage::selectOwner(const QString &ownerGroup)
{
    const int row = ownerGroup.isEmpty() ? -1 : m_ownerModel->rowOf(ownerGroup);
    if (!ownerGroup.isEmpty() && row < 0)
        return false;
    if (ownerGroup == m_owner && (row < 0 || m_ownerView->currentIndex().isValid()))
        return true;
    m_owner = ownerGroup;
    {
        const QSignalBlocker block(m_ownerView->selectionModel());
        if (row < 0) {
            m_ownerView->clearSelection();
            m_ownerView->setCurrentIndex(QModelIndex());
        } else {
            const QModelIndex i = m_ownerSort->mapFromSource(m_ownerModel->index(row, 0));
            m_ownerView->selectRow(i.row());
            m_ownerView->setCurrentIndex(i);
        }
    }
    refresh();
    return true;
}

void OwnersPage::refresh()
{
    m_allOwners->setEnabled(!m_owner.isEmpty());
    if (!m_ws) {
        m_daily->setSeries(nullptr, QString());
        m_budget->setSeries(nullptr, QString());
        m_selection->setText(QString());
        m_unitNote->setText(QString());
        m_retryNote->setText(QString());
        return;
    }
    const Workspace &ws = *m_ws;
    const QString cur = ws.result.period.currency;
    const OwnerAllocation *owner = m_owner.isEmpty() ? nullptr : m_ownerModel->owner(m_ownerModel->rowOf(m_owner));

    // Charts: the group's days (shared keys split by weight), else every key.
    const SpendSeries s = owner ? OwnerSpendSeries::build(ws, *owner) : OwnerSpendSeries::buildAll(ws);
    m_daily->setSeries(&s, cur);
    m_budget->setSeries(&s, cur);

    // The tables below: the group's keys and the workloads they carry.
    QStringList keys, workloads;
    if (owner) {
        keys = owner->keys;
        for (const KeyAllocation &k : ws.result.allocation.keys)
            if (keys.contains(k.apiKeyName) && !k.workload.isEmpty() && !workloads.contains(k.workload))
                workloads << k.workload;
    }
    m_keyModel->setOwnerGroup(m_owner);
    m_unitModel->setWorkloads(workloads, owner == nullptr);
    m_retryModel->setKeys(keys, owner == nullptr);
    for (QTableView *v : {m_keyView, m_unitView, m_retryView})
        v->resizeColumnsToContents();

    if (owner) {
        QStringList about;
        about << tr("<b>%1</b>").arg(owner->ownerGroup.toHtmlEscaped());
        about << (owner->keys.size() == 1 ? tr("1 key") : tr("%1 keys").arg(owner->keys.size()));
        about << tr("budget <b>%1</b>").arg(owner->projection.budget.known ? DisplayFormat::money(owner->projection.budget.value, cur, 2)
                                                                            : tr("not set"));
        about << tr("spend to date <b>%1</b>").arg(DisplayFormat::money(owner->projection.spendToDate, cur, 2));
        about << tr("projected <b>%1</b> (estimated)").arg(DisplayFormat::money(owner->projection.projectedMonthEnd, cur, 2));
        m_selection->setText(about.join(QStringLiteral(" \u00B7 ")));
    } else {
        m_selection->setText(tr("<b>All owner groups</b> \u00B7 choose a group in the table to see its spend, keys, unit costs and retries"));
    }

    if (ws.set.units.empty())
        m_unitNote->setText(tr("No business units in this job. Add an input of kind \u201cunits\u201d (business_units_csv: date, "
                               "workload, unit name, count) to see the cost per business unit."));
    else if (m_unitModel->rowCount() == 0)
        m_unitNote->setText(tr("No unit counts for the workloads of <b>%1</b> (%2).")
                                .arg(m_owner.toHtmlEscaped(), workloads.isEmpty() ? tr("none") : workloads.join(QStringLiteral(", ")).toHtmlEscaped()));
    else
        m_unitNote->setText(tr("Cost per business unit = the workload's <i>estimated</i> cost on that UTC day \u00F7 the unit count, "
                               "with where each side comes from. <b>Bold</b> rows sum the dated days of the period; the "
                               "workload's cost on days without a count is shown apart, not folded in."));
    m_retryNote->setText(m_retryModel->mode() == RetryAmplificationModel::Mode::ByWorkload
                             ? tr("Retries and fallbacks per workload: cost per business transaction (request) and per API attempt, apart. "
                                  "Amounts are <i>estimated</i>.")
                             : tr("Retries and fallbacks per API key, counted as per workload. Amounts are <i>estimated</i>."));
}

void OwnersPage::exportGuardrails()
{
    if (!m_ws)
        return;
    auto *dialog = new GuardrailExportDialog(m_ws, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (auto *w = qobject_cast<QMainWindow *>(window()))
            w->statusBar()->showMessage(tr("Guardrails written to %1").arg(QDir::toNativeSeparators(dialog->outputPath())), 10000);
    });
    dialog->open();
}

} // namespace tl
