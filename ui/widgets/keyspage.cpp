// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/keyspage.h"

#include "ui/charts/budgetchart.h"
#include "ui/charts/dailyspendchart.h"
#include "ui/charts/modelspendchart.h"
#include "ui/charts/outcomedaychart.h"
#include "ui/models/columntablemodel.h"
#include "ui/models/displayformat.h"
#include "ui/models/spendseries.h"
#include "ui/models/workspacetables.h"
#include "ui/widgets/readonlytableview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tl {

KeysPage::KeysPage(QWidget *parent)
    : QWidget(parent)
    , m_key(new QComboBox)
    , m_toScale(new QCheckBox(tr("Budget to scale")))
    , m_about(new QLabel)
    , m_daily(new DailySpendChart)
    , m_budget(new BudgetChart)
    , m_modelChart(new ModelSpendChart)
    , m_outcomeDays(new OutcomeDayChart)
    , m_keys(new ColumnTableModel(this))
    , m_models(new ColumnTableModel(this))
    , m_keyView(new ReadOnlyTableView(m_keys))
    , m_modelView(new ReadOnlyTableView(m_models))
{
    m_key->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_toScale->setToolTip(tr("Draw the monthly budget line even when it is far above the spend"));
    m_about->setTextFormat(Qt::RichText);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("API key:")));
    bar->addWidget(m_key);
    bar->addWidget(m_about, 1);
    bar->addWidget(m_toScale);

    auto *charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(m_daily);
    charts->addWidget(m_budget);
    charts->setStretchFactor(0, 1);
    charts->setStretchFactor(1, 1);

    auto *modelSplit = new QSplitter(Qt::Horizontal);
    modelSplit->addWidget(m_modelChart);
    modelSplit->addWidget(m_modelView);
    modelSplit->setStretchFactor(0, 1);
    modelSplit->setStretchFactor(1, 1);
    auto *bottom = new QTabWidget;
    m_bottomTabs = bottom;
    bottom->addTab(m_keyView, tr("Keys: estimated vs provider (reconciled), budget, projection"));
    bottom->addTab(modelSplit, tr("Spend by model (estimated)"));
    bottom->addTab(m_outcomeDays, tr("Requests by outcome per day"));
    connect(m_outcomeDays, &OutcomeDayChart::segmentClicked, this, [this](int day, Outcome o) {
        LedgerFilter f;
        f.apiKey = m_key->currentData().toString();
        f.day = day;
        f.outcome = static_cast<int>(o);
        emit ledgerFilterRequested(f);
    });
    auto *vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(charts);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(vertical, 1);

    connect(m_key, &QComboBox::currentIndexChanged, this, &KeysPage::refreshCharts);
    connect(m_toScale, &QCheckBox::toggled, m_budget, &BudgetChart::setBudgetToScale);
    connect(m_keyView, &QTableView::clicked, this, [this](const QModelIndex &i) {
        setKey(m_keys->data(m_keys->index(i.row(), 0)).toString());
    });
    setWorkspace(nullptr);
}

void KeysPage::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    m_ws = ws;
    {
        const QSignalBlocker block(m_key);
        m_key->clear();
        m_key->addItem(tr("All keys"), QString());
        if (ws)
            for (const KeyTotals &k : ws->result.byKey)
                m_key->addItem(ws->set.pool().string(k.apiKey), ws->set.pool().string(k.apiKey));
    }
    WorkspaceTables::keys(m_keys, ws);
    m_bottomTabs->setTabText(0, ws ? tr("Keys (amounts in %1): estimated vs provider (reconciled), budget, projection").arg(ws->result.period.currency)
                                   : tr("Keys"));
    WorkspaceTables::models(m_models, ws);
    m_keyView->resizeColumnsToContents();
    m_modelView->resizeColumnsToContents();
    m_modelChart->setWorkspace(ws);
    refreshCharts();
}

void KeysPage::setKey(const QString &apiKey)
{
    const int i = m_key->findData(apiKey);
    m_key->setCurrentIndex(i < 0 ? 0 : i);
}

void KeysPage::refreshCharts()
{
    if (!m_ws) {
        m_daily->setSeries(nullptr, QString());
        m_budget->setSeries(nullptr, QString());
        m_outcomeDays->setSeries(nullptr);
        m_about->setText(tr("Open a job (File \u25B8 Open job\u2026) to start."));
        return;
    }
    const QString key = m_key->currentData().toString();
    const SpendSeries s = SpendSeries::build(*m_ws, key);
    const QString cur = m_ws->result.period.currency;
    m_daily->setSeries(&s, cur);
    m_budget->setSeries(&s, cur);
    const OutcomeDaySeries outcomes = OutcomeDaySeries::build(m_ws->result, m_ws->set.pool(), key);
    m_outcomeDays->setSeries(&outcomes);
    QStringList about;
    if (!s.ownerGroup.isEmpty())
        about << tr("owner <b>%1</b>").arg(s.ownerGroup.toHtmlEscaped());
    if (!s.costCenter.isEmpty())
        about << tr("cost center <b>%1</b>").arg(s.costCenter.toHtmlEscaped());
    about << tr("budget <b>%1</b>").arg(s.budget.known ? DisplayFormat::money(s.budget.value, cur, 2) : tr("not set"));
    about << tr("projected <b>%1</b> (estimated)").arg(DisplayFormat::money(s.projected, cur, 2));
    m_about->setText(about.join(QStringLiteral(" \u00B7 ")));
}

} // namespace tl
