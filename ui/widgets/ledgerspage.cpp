// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/ledgerspage.h"

#include "core/model/outcome.h"
#include "core/util/timeutil.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"
#include "ui/models/ledgerlinesmodel.h"
#include "ui/models/sidebysidemodel.h"
#include "ui/models/workspacetables.h"
#include "ui/widgets/ledgergroupdelegate.h"
#include "ui/widgets/linedetailsview.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QStackedLayout>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace tl {

namespace {

QString swatch(const QColor &c, const QString &label)
{
    return QStringLiteral("<span style='background:%1;border:1px solid #999'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%2")
        .arg(c.isValid() ? c.name() : QStringLiteral("#FFFFFF"), label);
}

void selectData(QComboBox *box, const QVariant &value)
{
    const int i = box->findData(value);
    box->setCurrentIndex(i < 0 ? 0 : i);
}

void setUpTable(QTableView *view)
{
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
}

} // namespace

LedgersPage::LedgersPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new LedgerLinesModel(this))
    , m_sideModel(new SideBySideModel(this))
    , m_view(new QTableView)
    , m_sideView(new QTableView)
    , m_tables(new QStackedWidget)
    , m_details(new LineDetailsView)
    , m_modeGroup(new QButtonGroup(this))
    , m_key(new QComboBox)
    , m_modelBox(new QComboBox)
    , m_owner(new QComboBox)
    , m_day(new QComboBox)
    , m_outcome(new QComboBox)
    , m_category(new QComboBox)
    , m_status(new QComboBox)
    , m_match(new QComboBox)
    , m_text(new QLineEdit)
    , m_rowsChip(new QToolButton)
    , m_clear(new QToolButton)
    , m_summary(new QLabel)
    , m_legend(new QLabel)
    , m_empty(new QLabel)
    , m_note(new QLabel)
    , m_textTimer(new QTimer(this))
{
    m_key->setToolTip(tr("API key"));
    m_modelBox->setToolTip(tr("Model (billable or requested)"));
    m_owner->setToolTip(tr("Owner group (owners table, else the row's owner)"));
    m_day->setToolTip(tr("Day (UTC; the provider's day for key\u00B7day rows)"));
    m_outcome->setToolTip(tr("Outcome class"));
    m_category->setToolTip(tr("Variance category"));
    m_status->setToolTip(tr("Quarantine or pricing status"));
    m_match->setToolTip(tr("Match state: how the ledgers agree on the row"));
    for (QComboBox *b : {m_key, m_modelBox, m_owner, m_day, m_outcome, m_category, m_status, m_match}) {
        // Narrow boxes, wide lists: the bar fits beside the sidebar, the popup shows whole names.
        b->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        b->setMinimumContentsLength(6);
        b->setMaxVisibleItems(20);
    }
    m_text->setPlaceholderText(tr("Search request, key, model\u2026"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(200);
    m_rowsChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_rowsChip->setToolTip(tr("Showing only the rows behind this item; click to show all rows again"));
    m_rowsChip->setStyleSheet(QStringLiteral("QToolButton { background: #DCEBFA; color: #0B2E4F; border: 1px solid #A9C8EA; border-radius: 3px; padding: 2px 6px; }"));
    m_rowsChip->hide();
    m_clear->setText(tr("Clear filters"));

    // The view switch: side by side (by request / by key and day) or the client lines alone.
    auto *modes = new QHBoxLayout;
    modes->setSpacing(0);
    const struct
    {
        ViewMode mode;
        QString text, tip;
    } modeButtons[] = {
        {ViewMode::ByRequest, tr("Side by side: by request"),
         tr("One row per request: the client line with the gateway row and the provider record joined to it")},
        {ViewMode::ByKeyDay, tr("By key and day"),
         tr("One row per key and provider day: counts and amounts of each ledger, then the invoice lines")},
        {ViewMode::ClientLines, tr("Client lines"), tr("The reconciled client lines with every column")},
    };
    for (const auto &b : modeButtons) {
        auto *button = new QToolButton;
        button->setText(b.text);
        button->setToolTip(b.tip);
        button->setCheckable(true);
        button->setAutoRaise(false);
        m_modeGroup->addButton(button, static_cast<int>(b.mode));
        modes->addWidget(button);
    }
    m_modeGroup->button(0)->setChecked(true);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addLayout(modes);
    top->addSpacing(12);
    top->addWidget(m_text, 1);
    top->addWidget(m_rowsChip);
    top->addWidget(m_clear);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(tr("Filter:")));
    for (QComboBox *b : {m_key, m_modelBox, m_owner, m_day, m_outcome, m_category, m_status, m_match})
        bar->addWidget(b);
    bar->addStretch(1);

    m_summary->setTextFormat(Qt::RichText);
    m_legend->setTextFormat(Qt::RichText);
    // Both wrap: a legend of every state must not make the window wider than the screen.
    m_summary->setWordWrap(true);
    m_legend->setWordWrap(true);
    m_legend->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *info = new QHBoxLayout;
    info->addWidget(m_summary, 3);
    info->addWidget(m_legend, 2);

    m_view->setModel(m_model);
    setUpTable(m_view);
    m_view->sortByColumn(LedgerLinesModel::Time, Qt::AscendingOrder);
    m_sideView->setModel(m_sideModel);
    setUpTable(m_sideView);
    m_sideView->setItemDelegate(new LedgerGroupDelegate(m_sideView));
    m_sideView->setTextElideMode(Qt::ElideMiddle);
    m_sideView->horizontalHeader()->setSortIndicatorShown(true);
    m_sideView->horizontalHeader()->setHighlightSections(false);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: #6B7280; font-style: italic;"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::RichText);
    m_note->setStyleSheet(QStringLiteral("color: #4B5563;"));
    m_note->hide();
    m_tables->addWidget(m_sideView);
    m_tables->addWidget(m_view);
    auto *tableHost = new QWidget;
    auto *stack = new QStackedLayout(tableHost);
    stack->setStackingMode(QStackedLayout::StackAll);
    stack->addWidget(m_empty);
    stack->addWidget(m_tables);

    // Details under the table, so that the ledgers get the whole width to sit side by side.
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(tableHost);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({520, 230});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addLayout(bar);
    layout->addLayout(info);
    layout->addWidget(m_note);
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
    for (QComboBox *b : {m_key, m_modelBox, m_owner, m_day, m_outcome, m_category, m_status, m_match})
        connect(b, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_updatingBar)
                applyBar();
        });
    connect(m_rowsChip, &QToolButton::clicked, this, [this] {
        m_filter.rows.reset();
        m_filter.providerRows.reset();
        m_filter.gatewayRows.reset();
        m_filter.rowsLabel.clear();
        applyBar();
    });
    connect(m_clear, &QToolButton::clicked, this, &LedgersPage::clearFilter);
    connect(m_modeGroup, &QButtonGroup::idClicked, this, [this](int id) { setViewMode(static_cast<ViewMode>(id)); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LedgersPage::showCurrent);
    connect(m_sideView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LedgersPage::showSideCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_mode == ViewMode::ClientLines)
            showCurrent();
    });
    connect(m_sideModel, &QAbstractItemModel::modelReset, this, [this] {
        if (m_mode != ViewMode::ClientLines)
            showSideCurrent();
    });
    setWorkspace(nullptr);
}

void LedgersPage::fillCombos()
{
    m_updatingBar = true;
    for (QComboBox *b : {m_key, m_modelBox, m_owner, m_day, m_outcome, m_category, m_status, m_match})
        b->clear();
    m_key->addItem(tr("All keys"), QString());
    m_modelBox->addItem(tr("All models"), QString());
    m_owner->addItem(tr("All owners"), QString());
    m_day->addItem(tr("All days"), LedgerFilter::AnyDay);
    m_outcome->addItem(tr("All outcomes"), LedgerFilter::Any);
    m_category->addItem(tr("All categories"), LedgerFilter::Any);
    m_status->addItem(tr("Any status"), static_cast<int>(LedgerFilter::Status::Any));
    m_status->addItem(tr("Quarantined"), static_cast<int>(LedgerFilter::Status::Quarantined));
    m_status->addItem(tr("Unknown model"), static_cast<int>(LedgerFilter::Status::UnknownModel));
    m_status->addItem(tr("Missing usage"), static_cast<int>(LedgerFilter::Status::MissingUsage));
    m_status->addItem(tr("Duplicate"), static_cast<int>(LedgerFilter::Status::Duplicate));
    m_status->addItem(tr("Priced"), static_cast<int>(LedgerFilter::Status::Priced));
    m_status->addItem(tr("With a variance category"), static_cast<int>(LedgerFilter::Status::WithVariance));
    m_match->addItem(tr("Any match state"), LedgerFilter::Any);
    if (m_ws) {
        const ReconcileResult &r = m_ws->result;
        const LedgerAlignment &a = m_ws->alignment;
        QStringList keys;
        for (const KeyTotals &k : r.byKey)
            keys << m_ws->set.pool().string(k.apiKey);
        keys.sort(Qt::CaseInsensitive);
        for (const QString &k : keys)
            m_key->addItem(k, k);
        for (const QString &m : a.models)
            m_modelBox->addItem(m, m);
        for (const QString &o : a.owners)
            m_owner->addItem(o, o);
        if (r.period.start != kNoTime && r.period.end != kNoTime) {
            const DayNumber first = timeutil::utcDay(r.period.start), last = timeutil::utcDay(r.period.end - 1);
            for (DayNumber d = first; d <= last && d - first < 400; ++d)
                m_day->addItem(DisplayFormat::day(d), d);
        }
        for (int o = 0; o < OutcomeCount; ++o)
            if (r.byOutcome[static_cast<std::size_t>(o)] > 0)
                m_outcome->addItem(DisplayFormat::words(outcomeName(static_cast<Outcome>(o))), o);
        m_category->addItem(tr("No category"), static_cast<int>(VarianceCategory::None));
        for (int c = 0; c < VarianceCategoryCount; ++c)
            m_category->addItem(WorkspaceTables::categoryTitle(static_cast<VarianceCategory>(c)), c);
        for (int s = 0; s < MatchStateCount; ++s)
            m_match->addItem(MatchStates::title(static_cast<MatchState>(s)), s);
    }
    for (QComboBox *b : {m_key, m_modelBox, m_owner, m_day, m_outcome, m_category, m_status, m_match})
        b->view()->setMinimumWidth(b->view()->sizeHintForColumn(0) + 24);
    m_updatingBar = false;
}

void LedgersPage::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    m_ws = ws;
    m_filter = LedgerFilter();
    m_model->setWorkspace(ws);
    m_sideModel->setWorkspace(ws);
    fillCombos();
    m_text->clear();
    // Aggregates only (no per-request gateway or provider records): key and day is where the
    // ledgers meet; with per-request records, by request.
    const bool perRequest = ws && (ws->alignment.hasGateway || ws->alignment.hasProviderRequests);
    setViewMode(ws && !perRequest ? ViewMode::ByKeyDay : ViewMode::ByRequest);
    m_empty->setText(ws ? tr("No row matches the filter. Clear filters to see all rows.")
                        : tr("Open a job (File \u25B8 Open job\u2026) to start: its ledgers appear here side by side."));
    m_view->resizeColumnsToContents();
    updateSummary();
}

void LedgersPage::setViewMode(ViewMode mode)
{
    m_mode = mode;
    if (QAbstractButton *b = m_modeGroup->button(static_cast<int>(mode)))
        b->setChecked(true);
    if (mode != ViewMode::ClientLines) {
        m_sideModel->setMode(mode == ViewMode::ByRequest ? SideBySideModel::Mode::ByRequest : SideBySideModel::Mode::ByKeyDay);
        m_sideModel->setFilter(m_filter);
        m_sideView->horizontalHeader()->setSortIndicator(mode == ViewMode::ByRequest ? m_sideModel->columnOf(SideBySideModel::ClientTime)
                                                                                     : m_sideModel->columnOf(SideBySideModel::CellKey),
                                                         Qt::AscendingOrder);
        // Widths from the font, not from a million rows: long ids and names are cut in the
        // middle (the tooltip has them whole), so that the ledgers stay side by side.
        const QFontMetrics fm(m_sideView->font());
        auto w = [&fm](const char *sample) { return fm.horizontalAdvance(QString::fromLatin1(sample)) + 16; };
        for (int c = 0; c < m_sideModel->columnCount(); ++c) {
            int width = 110;
            switch (m_sideModel->fieldAt(c)) {
            case SideBySideModel::State: width = w("quarantined") + 12; break;
            case SideBySideModel::ClientTime: width = w("05-12 12:12:23"); break;
            case SideBySideModel::ClientRequest: width = w("req-d63...812ea5 #2"); break;
            case SideBySideModel::ClientKey: case SideBySideModel::CellKey: case SideBySideModel::CellOwner: width = w("search-rerank-p"); break;
            case SideBySideModel::ClientModel: case SideBySideModel::GatewayModel: case SideBySideModel::ProviderModel:
                width = w("claude-sonnet-4-2"); break;
            case SideBySideModel::ClientInput: case SideBySideModel::ClientOutput: case SideBySideModel::GatewayInput:
            case SideBySideModel::GatewayOutput: case SideBySideModel::ProviderInput: case SideBySideModel::ProviderOutput:
                width = w("000,000"); break;
            case SideBySideModel::GatewayTime: case SideBySideModel::ProviderTime: width = w("+10.0 s"); break;
            case SideBySideModel::ClientOutcome: width = w("success stream"); break;
            case SideBySideModel::CellDay: width = w("2026-05-12"); break;
            case SideBySideModel::ClientAttempts: case SideBySideModel::ClientBillable: case SideBySideModel::ClientRetries:
            case SideBySideModel::ClientQuarantined: case SideBySideModel::GatewayAttempts: case SideBySideModel::ProviderRequests:
                width = std::max(w("000,000"), w("Attempts")); break;
            case SideBySideModel::FinanceType: width = w("usage: API usage, May"); break;
            case SideBySideModel::FinanceDocument: width = w("INV-2026-05"); break;
            default: width = std::max(w("0.00000000"), w("Estimated (USD)")); break;
            }
            m_sideView->setColumnWidth(c, width);
        }
        m_tables->setCurrentWidget(m_sideView);
        showSideCurrent();
    } else {
        m_tables->setCurrentWidget(m_view);
        showCurrent();
    }
    // Say what a view cannot show for this job.
    QString note;
    if (m_ws && mode == ViewMode::ByRequest && !m_ws->alignment.hasGateway && !m_ws->alignment.hasProviderRequests)
        note = tr("This job has no per-request gateway or provider records (the provider reports per key and day), so "
                  "requests stand alone here; <b>By key and day</b> puts the ledgers next to each other.");
    else if (m_ws && mode == ViewMode::ByRequest && m_ws->alignment.hasFinance)
        note = tr("Invoice lines are per document, not per request: they are listed under <b>By key and day</b>.");
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    QStringList legend;
    if (mode != ViewMode::ClientLines) {
        const auto &counts = mode == ViewMode::ByRequest ? (m_ws ? m_ws->alignment.requestStates : std::array<qint64, MatchStateCount>{})
                                                         : (m_ws ? m_ws->alignment.dayStates : std::array<qint64, MatchStateCount>{});
        for (int s = 0; s < MatchStateCount; ++s) {
            const auto st = static_cast<MatchState>(s);
            if (counts[static_cast<std::size_t>(s)] > 0)
                legend << swatch(MatchStates::background(st), MatchStates::title(st));
        }
        legend << swatch(QColor(0xEE, 0xF0, 0xF3), tr("nothing on that side"));
    } else {
        legend << swatch(LedgerColors::quarantineBackground(), tr("quarantined"))
               << swatch(LedgerColors::categoryBackground(VarianceCategory::MissingUsage), tr("variance category"))
               << swatch(LedgerColors::categoryBackground(VarianceCategory::Rounding), tr("rounding"));
    }
    m_legend->setText(legend.join(QStringLiteral("&nbsp;&nbsp; ")));
    updateSummary();
}

void LedgersPage::syncBar()
{
    m_updatingBar = true;
    selectData(m_key, m_filter.apiKey);
    selectData(m_modelBox, m_filter.model);
    selectData(m_owner, m_filter.owner);
    selectData(m_day, m_filter.day);
    selectData(m_outcome, m_filter.outcome);
    selectData(m_category, m_filter.category);
    selectData(m_status, static_cast<int>(m_filter.status));
    selectData(m_match, m_filter.matchState);
    m_text->setText(m_filter.text);
    m_updatingBar = false;
}

void LedgersPage::setFilter(const LedgerFilter &filter)
{
    m_filter = filter;
    syncBar();
    m_textTimer->stop();
    m_model->setFilter(m_filter);
    // The rows behind a reason or an item are requests; provider day figures are key·day rows.
    if ((filter.rows || filter.gatewayRows) && m_mode == ViewMode::ByKeyDay)
        setViewMode(ViewMode::ByRequest);
    else if (!filter.rows && filter.providerRows && !filter.providerRowsAreRequests && m_mode != ViewMode::ByKeyDay)
        setViewMode(ViewMode::ByKeyDay);
    else
        m_sideModel->setFilter(m_filter);
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
    m_filter.model = m_modelBox->currentData().toString();
    m_filter.owner = m_owner->currentData().toString();
    m_filter.day = m_day->currentData().isValid() ? m_day->currentData().toInt() : LedgerFilter::AnyDay;
    m_filter.outcome = m_outcome->currentData().isValid() ? m_outcome->currentData().toInt() : LedgerFilter::Any;
    m_filter.category = m_category->currentData().isValid() ? m_category->currentData().toInt() : LedgerFilter::Any;
    m_filter.status = static_cast<LedgerFilter::Status>(m_status->currentData().toInt());
    m_filter.matchState = m_match->currentData().isValid() ? m_match->currentData().toInt() : LedgerFilter::Any;
    m_filter.text = m_text->text();
    // Keep the current row selected when it still passes.
    const int line = m_view->currentIndex().isValid() ? m_model->lineAt(m_view->currentIndex().row()) : -1;
    const int aligned = m_sideView->currentIndex().isValid() ? m_sideModel->alignedRowAt(m_sideView->currentIndex().row()) : -1;
    m_model->setFilter(m_filter);
    m_sideModel->setFilter(m_filter);
    if (line >= 0 && m_model->rowOfLine(line) >= 0)
        m_view->setCurrentIndex(m_model->index(m_model->rowOfLine(line), 0));
    if (aligned >= 0 && m_sideModel->rowOfAligned(aligned) >= 0)
        m_sideView->setCurrentIndex(m_sideModel->index(m_sideModel->rowOfAligned(aligned), 0));
    updateSummary();
    emit filterChanged();
}

void LedgersPage::updateSummary()
{
    m_rowsChip->setVisible(m_filter.hasRowSet());
    if (m_filter.hasRowSet())
        m_rowsChip->setText(tr("Only: %1  \u2715").arg(m_filter.rowsLabel.isEmpty() ? tr("selected rows") : m_filter.rowsLabel));
    m_clear->setEnabled(!m_filter.isEmpty());
    const bool lines = m_mode == ViewMode::ClientLines;
    const int shown = lines ? m_model->rowCount() : m_sideModel->rowCount();
    m_empty->setVisible(shown == 0);
    m_tables->setVisible(shown > 0);
    if (!m_ws) {
        m_summary->clear();
        return;
    }
    const QString cur = m_ws->result.period.currency;
    QString text;
    if (lines || m_mode == ViewMode::ByRequest) {
        const int total = lines ? m_model->totalLines() : m_sideModel->totalRows();
        text = tr("<b>%1</b> of %2 rows").arg(DisplayFormat::count(shown), DisplayFormat::count(total));
    } else {
        text = tr("<b>%1</b> of %2 key\u00B7day and invoice rows").arg(DisplayFormat::count(shown), DisplayFormat::count(m_sideModel->totalRows()));
    }
    qint64 unknown = 0;
    const Decimal sum = m_model->visibleEstimate(&unknown);
    text += tr(" \u00B7 estimated billable %1").arg(DisplayFormat::money(sum, cur, 2, m_ws->result.controls.roundingMode));
    if (unknown > 0)
        text += tr(" \u00B7 <span style='color:#B0222A'>%1 with unknown cost</span>").arg(DisplayFormat::count(unknown));
    if (!lines) {
        const auto &v = m_sideModel->visibleStates();
        const qint64 attention = v[static_cast<std::size_t>(MatchState::Quarantined)] + v[static_cast<std::size_t>(MatchState::MissingClient)]
            + v[static_cast<std::size_t>(MatchState::MissingProvider)] + v[static_cast<std::size_t>(MatchState::MissingGateway)]
            + v[static_cast<std::size_t>(MatchState::ModelDifference)] + v[static_cast<std::size_t>(MatchState::TokenDifference)]
            + v[static_cast<std::size_t>(MatchState::AmountDifference)];
        text += tr(" \u00B7 <b>%1</b> need a look").arg(DisplayFormat::count(attention));
    }
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

void LedgersPage::showSideCurrent()
{
    const QModelIndex i = m_sideView->currentIndex();
    if (!i.isValid()) {
        m_details->showLine(m_ws, -1);
        return;
    }
    const int aligned = m_sideModel->alignedRowAt(i.row());
    if (m_sideModel->mode() == SideBySideModel::Mode::ByRequest)
        m_details->showRequestRow(m_ws, aligned);
    else
        m_details->showDayRow(m_ws, aligned);
}

} // namespace tl
