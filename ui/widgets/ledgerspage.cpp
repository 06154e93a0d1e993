// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/ledgerspage.h"

#include "core/model/outcome.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"
#include "ui/models/ledgerlinesmodel.h"
#include "ui/models/workspacetables.h"
#include "ui/widgets/linedetailsview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedLayout>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace tl {

namespace {

QString swatch(const QColor &c, const QString &label)
{
    return QStringLiteral("<span style='background:%1;border:1px solid #999'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%2")
        .arg(c.name(), label);
}

void selectData(QComboBox *box, const QVariant &value)
{
    const int i = box->findData(value);
    box->setCurrentIndex(i < 0 ? 0 : i);
}

} // namespace

LedgersPage::LedgersPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new LedgerLinesModel(this))
    , m_view(new QTableView)
    , m_details(new LineDetailsView)
    , m_key(new QComboBox)
    , m_outcome(new QComboBox)
    , m_category(new QComboBox)
    , m_status(new QComboBox)
    , m_text(new QLineEdit)
    , m_rowsChip(new QToolButton)
    , m_clear(new QToolButton)
    , m_summary(new QLabel)
    , m_empty(new QLabel)
    , m_textTimer(new QTimer(this))
{
    m_key->setToolTip(tr("API key"));
    m_outcome->setToolTip(tr("Outcome class"));
    m_category->setToolTip(tr("Variance category"));
    m_status->setToolTip(tr("Quarantine or pricing status"));
    for (QComboBox *b : {m_key, m_outcome, m_category, m_status})
        b->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_text->setPlaceholderText(tr("Search request, key, model\u2026"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(200);
    m_rowsChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_rowsChip->setToolTip(tr("Showing only the rows behind this item; click to show all rows again"));
    m_rowsChip->setStyleSheet(QStringLiteral("QToolButton { background: #DCEBFA; color: #0B2E4F; border: 1px solid #A9C8EA; border-radius: 3px; padding: 2px 6px; }"));
    m_rowsChip->hide();
    m_clear->setText(tr("Clear filters"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(tr("Filter:")));
    bar->addWidget(m_key);
    bar->addWidget(m_outcome);
    bar->addWidget(m_category);
    bar->addWidget(m_status);
    bar->addWidget(m_text, 1);
    bar->addWidget(m_rowsChip);
    bar->addWidget(m_clear);

    m_summary->setTextFormat(Qt::RichText);
    auto *legend = new QLabel(QStringLiteral("%1&nbsp;&nbsp; %2&nbsp;&nbsp; %3")
                                  .arg(swatch(LedgerColors::quarantineBackground(), tr("quarantined")),
                                       swatch(LedgerColors::categoryBackground(VarianceCategory::MissingUsage), tr("variance category")),
                                       swatch(LedgerColors::categoryBackground(VarianceCategory::Rounding), tr("rounding"))));
    legend->setTextFormat(Qt::RichText);
    auto *info = new QHBoxLayout;
    info->addWidget(m_summary, 1);
    info->addWidget(legend);

    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(LedgerLinesModel::Time, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: #6B7280; font-style: italic;"));
    auto *tableHost = new QWidget;
    auto *stack = new QStackedLayout(tableHost);
    stack->setStackingMode(QStackedLayout::StackAll);
    stack->addWidget(m_empty);
    stack->addWidget(m_view);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(tableHost);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({760, 380});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addLayout(info);
    layout->addWidget(split, 1);

    m_textTimer->setSingleShot(true);
    m_textTimer->setInterval(200);
    connect(m_textTimer, &QTimer::timeout, this, &LedgersPage::applyBar);
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &t) {
        if (!m_updatingBar) {
            m_textTimer->start();
            emit searchTextChanged(t);
        }
    });
    for (QComboBox *b : {m_key, m_outcome, m_category, m_status})
        connect(b, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_updatingBar)
                applyBar();
        });
    connect(m_rowsChip, &QToolButton::clicked, this, [this] {
        m_filter.rows.reset();
        m_filter.rowsLabel.clear();
        applyBar();
    });
    connect(m_clear, &QToolButton::clicked, this, &LedgersPage::clearFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LedgersPage::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LedgersPage::showCurrent);
    setWorkspace(nullptr);
}

void LedgersPage::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    m_ws = ws;
    m_model->setWorkspace(ws);
    m_filter = LedgerFilter();
    m_updatingBar = true;
    m_key->clear();
    m_outcome->clear();
    m_category->clear();
    m_status->clear();
    m_text->clear();
    m_key->addItem(tr("All keys"), QString());
    m_outcome->addItem(tr("All outcomes"), LedgerFilter::Any);
    m_category->addItem(tr("All categories"), LedgerFilter::Any);
    m_status->addItem(tr("Any status"), static_cast<int>(LedgerFilter::Status::Any));
    m_status->addItem(tr("Quarantined"), static_cast<int>(LedgerFilter::Status::Quarantined));
    m_status->addItem(tr("Unknown model"), static_cast<int>(LedgerFilter::Status::UnknownModel));
    m_status->addItem(tr("Missing usage"), static_cast<int>(LedgerFilter::Status::MissingUsage));
    m_status->addItem(tr("Duplicate"), static_cast<int>(LedgerFilter::Status::Duplicate));
    m_status->addItem(tr("Priced"), static_cast<int>(LedgerFilter::Status::Priced));
    m_status->addItem(tr("With a variance category"), static_cast<int>(LedgerFilter::Status::WithVariance));
    if (ws) {
        const ReconcileResult &r = ws->result;
        for (const KeyTotals &k : r.byKey)
            m_key->addItem(ws->set.pool().string(k.apiKey), ws->set.pool().string(k.apiKey));
        for (int o = 0; o < OutcomeCount; ++o)
            if (r.byOutcome[static_cast<std::size_t>(o)] > 0)
                m_outcome->addItem(DisplayFormat::words(outcomeName(static_cast<Outcome>(o))), o);
        m_category->addItem(tr("No category"), static_cast<int>(VarianceCategory::None));
        for (int c = 0; c < VarianceCategoryCount; ++c)
            m_category->addItem(WorkspaceTables::categoryTitle(static_cast<VarianceCategory>(c)), c);
    }
    m_updatingBar = false;
    m_empty->setText(ws ? tr("No row matches the filter. Clear filters to see all rows.")
                        : tr("Open a job (File \u25B8 Open job\u2026) to start: its reconciled lines appear here."));
    m_view->resizeColumnsToContents();
    updateSummary();
}

void LedgersPage::setFilter(const LedgerFilter &filter)
{
    m_filter = filter;
    m_updatingBar = true;
    selectData(m_key, filter.apiKey);
    selectData(m_outcome, filter.outcome);
    selectData(m_category, filter.category);
    selectData(m_status, static_cast<int>(filter.status));
    m_text->setText(filter.text);
    m_updatingBar = false;
    m_textTimer->stop();
    m_model->setFilter(m_filter);
    updateSummary();
    emit filterChanged();
}

void LedgersPage::setSearchText(const QString &text)
{
    if (m_text->text() != text) {
        m_updatingBar = true;
        m_text->setText(text);
        m_updatingBar = false;
    }
    m_textTimer->start();
}

void LedgersPage::clearFilter()
{
    setFilter(LedgerFilter());
    emit searchTextChanged(QString());
}

void LedgersPage::applyBar()
{
    m_filter.apiKey = m_key->currentData().toString();
    m_filter.outcome = m_outcome->currentData().isValid() ? m_outcome->currentData().toInt() : LedgerFilter::Any;
    m_filter.category = m_category->currentData().isValid() ? m_category->currentData().toInt() : LedgerFilter::Any;
    m_filter.status = static_cast<LedgerFilter::Status>(m_status->currentData().toInt());
    m_filter.text = m_text->text();
    const int line = m_view->currentIndex().isValid() ? m_model->lineAt(m_view->currentIndex().row()) : -1;
    m_model->setFilter(m_filter);
    if (line >= 0 && m_model->rowOfLine(line) >= 0)
        m_view->setCurrentIndex(m_model->index(m_model->rowOfLine(line), 0));
    updateSummary();
    emit filterChanged();
}

void LedgersPage::updateSummary()
{
    m_rowsChip->setVisible(bool(m_filter.rows));
    if (m_filter.rows)
        m_rowsChip->setText(tr("Only: %1  \u2715").arg(m_filter.rowsLabel.isEmpty() ? tr("selected rows") : m_filter.rowsLabel));
    m_clear->setEnabled(!m_filter.isEmpty());
    m_empty->setVisible(m_model->rowCount() == 0);
    m_view->setVisible(m_model->rowCount() > 0);
    if (!m_ws) {
        m_summary->clear();
        return;
    }
    qint64 unknown = 0;
    const Decimal sum = m_model->visibleEstimate(&unknown);
    const QString cur = m_ws->result.period.currency;
    QString text = tr("<b>%1</b> of %2 rows").arg(DisplayFormat::count(m_model->rowCount()), DisplayFormat::count(m_model->totalLines()));
    text += tr(" \u00B7 estimated billable %1").arg(DisplayFormat::money(sum, cur, 2, m_ws->result.controls.roundingMode));
    if (unknown > 0)
        text += tr(" \u00B7 <span style='color:#B0222A'>%1 with unknown cost</span>").arg(DisplayFormat::count(unknown));
    m_summary->setText(text);
}

QString LedgersPage::summaryText() const
{
    return m_summary->text();
}

void LedgersPage::showCurrent()
{
    const QModelIndex i = m_view->currentIndex();
    m_details->showLine(m_ws, i.isValid() ? m_model->lineAt(i.row()) : -1);
}

} // namespace tl
