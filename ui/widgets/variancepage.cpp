// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/variancepage.h"

#include "ui/charts/variancewaterfallchart.h"
#include "ui/models/columntablemodel.h"
#include "ui/models/displayformat.h"
#include "ui/models/workspacetables.h"
#include "ui/widgets/readonlytableview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

VariancePage::VariancePage(QWidget *parent)
    : QWidget(parent)
    , m_waterfall(new VarianceWaterfallChart)
    , m_categories(new ColumnTableModel(this))
    , m_items(new ColumnTableModel(this))
    , m_categoryView(new ReadOnlyTableView(m_categories))
    , m_itemView(new ReadOnlyTableView(m_items))
    , m_itemsTitle(new QLabel)
    , m_hint(new QLabel)
    , m_open(new QPushButton(tr("Open in Ledgers \u25B8")))
{
    m_waterfall->setMinimumHeight(260);
    m_categoryView->setWordWrap(true);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);
    m_open->setEnabled(false);
    QFont bold = m_itemsTitle->font();
    bold.setBold(true);
    m_itemsTitle->setFont(bold);

    auto *catBox = new QWidget;
    auto *cv = new QVBoxLayout(catBox);
    cv->setContentsMargins(0, 0, 0, 0);
    auto *catTitle = new QLabel(tr("Variance by category (the amounts add up to the variance exactly)"));
    catTitle->setFont(bold);
    cv->addWidget(catTitle);
    cv->addWidget(m_categoryView, 1);

    auto *itemBox = new QWidget;
    auto *iv = new QVBoxLayout(itemBox);
    iv->setContentsMargins(0, 0, 0, 0);
    iv->addWidget(m_itemsTitle);
    iv->addWidget(m_itemView, 1);
    auto *hintRow = new QHBoxLayout;
    hintRow->addWidget(m_hint, 1);
    hintRow->addWidget(m_open, 0, Qt::AlignTop);
    iv->addLayout(hintRow);

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(catBox);
    bottom->addWidget(itemBox);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    bottom->setSizes({640, 480});
    auto *vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(m_waterfall);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 3);
    vertical->setSizes({300, 450});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(vertical);

    connect(m_waterfall, &VarianceWaterfallChart::categoryClicked, this, &VariancePage::selectCategory);
    connect(m_categoryView, &QTableView::clicked, this, [this](const QModelIndex &i) {
        selectCategory(m_categories->data(i, ColumnTableModel::SourceRowRole).toInt());
    });
    connect(m_categoryView, &QTableView::activated, this, [this](const QModelIndex &i) {
        selectCategory(m_categories->data(i, ColumnTableModel::SourceRowRole).toInt());
        if (m_pending.hasRowSet())
            emit ledgerFilterRequested(m_pending, true);
    });
    connect(m_itemView, &QTableView::clicked, this, [this](const QModelIndex &i) { onItemChosen(i, false); });
    connect(m_itemView, &QTableView::activated, this, [this](const QModelIndex &i) { onItemChosen(i, true); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_pending.hasRowSet())
            emit ledgerFilterRequested(m_pending, true);
    });
    setWorkspace(nullptr);
}

void VariancePage::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    m_ws = ws;
    m_waterfall->setWorkspace(ws);
    WorkspaceTables::varianceCategories(m_categories, ws);
    m_categoryView->resizeColumnsToContents();
    m_categoryView->resizeRowsToContents();
    m_category = -1;
    WorkspaceTables::varianceItems(m_items, ws, -1);
    m_itemView->resizeColumnsToContents();
    m_pending = LedgerFilter();
    m_open->setEnabled(false);
    if (!ws) {
        m_itemsTitle->setText(tr("Attributed items"));
        m_hint->setText(tr("Open a job (File \u25B8 Open job\u2026) to start."));
    } else if (!ws->result.variance.known) {
        m_itemsTitle->setText(tr("Attributed items"));
        m_hint->setText(tr("No provider figure for the period: add a provider input to the job to explain the variance."));
    } else {
        m_itemsTitle->setText(tr("Attributed items, all categories (%1)").arg(m_items->rowCount()));
        m_hint->setText(tr("Choose a bar or a category to see its items and filter the Ledgers page to the rows behind it."));
    }
}

LedgerFilter VariancePage::categoryFilter(int category) const
{
    LedgerFilter f;
    if (!m_ws || category < 0)
        return f;
    auto rows = std::make_shared<std::vector<std::uint32_t>>();
    auto providerRows = std::make_shared<std::vector<std::uint32_t>>();
    bool requests = false;
    for (const VarianceItem &v : m_ws->result.variance_items)
        if (static_cast<int>(v.category) == category) {
            rows->insert(rows->end(), v.clientRows.begin(), v.clientRows.end());
            providerRows->insert(providerRows->end(), v.providerRows.begin(), v.providerRows.end());
            requests = requests || v.providerRowsAreRequests;
        }
    for (auto *list : {rows.get(), providerRows.get()}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    if (rows->empty() && providerRows->empty())
        return f;
    const std::size_t n = rows->size() + providerRows->size();
    f.rowsLabel = tr("%1 (%2)").arg(WorkspaceTables::categoryTitle(static_cast<VarianceCategory>(category)),
                                    n == 1 ? tr("1 row") : tr("%1 rows").arg(n));
    if (!rows->empty())
        f.rows = rows;
    if (!providerRows->empty()) {
        f.providerRows = providerRows;
        f.providerRowsAreRequests = requests;
    }
    return f;
}

void VariancePage::selectCategory(int category)
{
    if (!m_ws)
        return;
    m_category = category;
    WorkspaceTables::varianceItems(m_items, m_ws, category);
    m_itemView->resizeColumnsToContents();
    if (category >= 0 && category < m_categories->rowCount()) {
        const int row = m_categories->viewRow(category);
        m_categoryView->selectRow(row);
    }
    const QString title = category < 0 ? tr("all categories") : WorkspaceTables::categoryTitle(static_cast<VarianceCategory>(category));
    m_itemsTitle->setText(tr("Attributed items: %1 (%2)").arg(title).arg(m_items->rowCount()));
    m_pending = categoryFilter(category);
    m_open->setEnabled(m_pending.hasRowSet());
    if (m_pending.rows) {
        m_hint->setText(tr("The Ledgers page now shows the <b>%1</b> client rows behind %2.")
                            .arg(DisplayFormat::count(static_cast<qint64>(m_pending.rows->size())), title.toHtmlEscaped()));
        emit ledgerFilterRequested(m_pending, false);
    } else if (m_pending.providerRows) {
        m_hint->setText(tr("%1 has no client rows behind it: the Ledgers page now shows the key\u00B7day rows of its <b>%2</b> provider rows.")
                            .arg(title.toHtmlEscaped(), DisplayFormat::count(static_cast<qint64>(m_pending.providerRows->size()))));
        emit ledgerFilterRequested(m_pending, false);
    } else if (category >= 0) {
        const qint64 provider = m_ws->result.varianceRowsByCategory[static_cast<std::size_t>(category)];
        m_hint->setText(tr("%1 has no client rows behind it: its amount comes from %2 provider rows (the items above say which key and day).")
                            .arg(title.toHtmlEscaped(), DisplayFormat::count(provider)));
    }
}

void VariancePage::onItemChosen(const QModelIndex &index, bool open)
{
    if (!m_ws || !index.isValid())
        return;
    const int item = m_items->data(index, ColumnTableModel::KeyRole).toInt();
    if (item < 0 || static_cast<std::size_t>(item) >= m_ws->result.variance_items.size())
        return;
    const VarianceItem &v = m_ws->result.variance_items[static_cast<std::size_t>(item)];
    if (v.clientRows.empty() && v.providerRows.empty()) {
        m_pending = LedgerFilter();
        m_open->setEnabled(false);
        m_hint->setText(tr("This item has no rows behind it."));
        return;
    }
    if (v.clientRows.empty()) {
        LedgerFilter f;
        f.providerRows = std::make_shared<const std::vector<std::uint32_t>>(v.providerRows);
        f.providerRowsAreRequests = v.providerRowsAreRequests;
        f.rowsLabel = tr("%1, %2, %3").arg(WorkspaceTables::categoryTitle(v.category), m_ws->set.pool().string(v.apiKey), DisplayFormat::day(v.day));
        m_pending = f;
        m_open->setEnabled(true);
        m_hint->setText(tr("This item has no client rows: the Ledgers page now shows its %1 provider rows for %2 on %3.")
                            .arg(DisplayFormat::count(static_cast<qint64>(v.providerRows.size())),
                                 m_ws->set.pool().string(v.apiKey).toHtmlEscaped(), DisplayFormat::day(v.day)));
        emit ledgerFilterRequested(f, open);
        return;
    }
    LedgerFilter f;
    f.rows = std::make_shared<const std::vector<std::uint32_t>>(v.clientRows);
    f.rowsLabel = tr("%1, %2, %3").arg(WorkspaceTables::categoryTitle(v.category), m_ws->set.pool().string(v.apiKey), DisplayFormat::day(v.day));
    m_pending = f;
    m_open->setEnabled(true);
    m_hint->setText(tr("The Ledgers page now shows the <b>%1</b> client rows behind this item.")
                        .arg(DisplayFormat::count(static_cast<qint64>(v.clientRows.size()))));
    emit ledgerFilterRequested(f, open);
}

} // namespace tl
