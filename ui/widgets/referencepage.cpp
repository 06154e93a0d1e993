// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/referencepage.h"

#include "ui/models/columntablemodel.h"
#include "ui/widgets/readonlytableview.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

ReferencePage::ReferencePage(const QString &emptyText, Fill fill, Caption caption, Details details, QWidget *parent)
    : QWidget(parent)
    , m_emptyText(emptyText)
    , m_fill(std::move(fill))
    , m_captionFn(std::move(caption))
    , m_detailsFn(std::move(details))
    , m_model(new ColumnTableModel(this))
    , m_view(new ReadOnlyTableView(m_model))
    , m_caption(new QLabel)
    , m_empty(new QLabel)
{
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: #6B7280; font-style: italic;"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_caption);
    layout->addWidget(m_empty, 1);
    if (m_detailsFn) {
        m_details = new QTextBrowser;
        m_details->setOpenLinks(false);
        connect(m_details, &QTextBrowser::anchorClicked, this, &ReferencePage::linkActivated);
        auto *split = new QSplitter(Qt::Horizontal);
        split->addWidget(m_view);
        split->addWidget(m_details);
        split->setStretchFactor(0, 3);
        split->setStretchFactor(1, 1);
        layout->addWidget(split, 1);
        m_body = split;
        connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReferencePage::showCurrent);
    } else {
        layout->addWidget(m_view, 1);
        m_body = m_view;
    }
    setWorkspace(nullptr);
}

void ReferencePage::setWorkspace(const WorkspacePtr &ws)
{
    m_ws = ws;
    m_fill(m_model, ws);
    m_view->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 320));
    const bool empty = m_model->rowCount() == 0;
    m_empty->setText(ws ? m_emptyText : tr("Open a job (File \u25B8 Open job\u2026) to start."));
    m_empty->setVisible(empty);
    m_body->setVisible(!empty);
    m_caption->setText(ws && m_captionFn ? m_captionFn(*ws) : QString());
    m_caption->setVisible(!m_caption->text().isEmpty());
    if (!empty && m_details)
        m_view->selectRow(0);
    showCurrent();
}

void ReferencePage::showCurrent()
{
    if (!m_details)
        return;
    const QModelIndex i = m_view->currentIndex();
    if (!m_ws || !i.isValid()) {
        m_details->clear();
        return;
    }
    m_details->setHtml(m_detailsFn(*m_ws, m_model->sourceRow(i.row())));
}

} // namespace tl
