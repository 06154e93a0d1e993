// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/inputtableeditor.h"

#include "ui/document/addinputrowcommand.h"
#include "ui/document/editinputcellcommand.h"
#include "ui/document/inputtable.h"
#include "ui/document/workspacedocument.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

InputTableEditor::InputTableEditor(WorkspaceDocument *doc, InputTable *table, const QString &about, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_input(table)
    , m_about(about)
    , m_caption(new QLabel)
    , m_message(new QLabel)
    , m_table(new QTableWidget)
    , m_add(new QPushButton(tr("&Add row")))
    , m_save(new QPushButton(tr("&Save and reconcile")))
{
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_add->setToolTip(table->kind() == LedgerKind::Owners ? tr("Add a row for another API key (allocation direct, no budget yet)")
                                                          : tr("Add a copy of the current row under a new key, to be edited"));
    m_save->setToolTip(tr("Save the %1 table (its file, or a new stored input replacing the one shown) and reconcile again")
                           .arg(table->kindName()));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_caption, 1);
    buttons->addWidget(m_add, 0, Qt::AlignTop);
    buttons->addWidget(m_save, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    connect(m_table, &QTableWidget::itemChanged, this, &InputTableEditor::onItemChanged);
    connect(m_add, &QPushButton::clicked, this, &InputTableEditor::addRow);
    connect(m_save, &QPushButton::clicked, this, &InputTableEditor::save);
    connect(m_input, &InputTable::wasReset, this, &InputTableEditor::rebuild);
    connect(m_input, &InputTable::rowChanged, this, &InputTableEditor::fillRow);
    connect(m_input, &InputTable::rowInserted, this, [this](int row) {
        const QSignalBlocker block(m_table);
        m_table->insertRow(row);
        fillRow(row);
    });
    connect(m_input, &InputTable::rowRemoved, this, [this](int row) { m_table->removeRow(row); });
    connect(m_input, &InputTable::modifiedChanged, this, &InputTableEditor::updateCaption);
    rebuild();
}

void InputTableEditor::rebuild()
{
    m_filling = true;
    m_table->clear();
    m_table->setColumnCount(m_input->columnCount());
    m_table->setHorizontalHeaderLabels(m_input->header());
    m_table->setRowCount(m_input->rowCount());
    m_filling = false;
    for (int r = 0; r < m_input->rowCount(); ++r)
        fillRow(r);
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_table->columnCount(); ++c)
        m_table->setColumnWidth(c, std::clamp(m_table->columnWidth(c) + 12, 70, 260));
    m_table->setEditTriggers(m_input->isEditable() ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                                         | QAbstractItemView::AnyKeyPressed
                                                   : QAbstractItemView::NoEditTriggers);
    m_message->hide();
    updateCaption();
}

void InputTableEditor::fillRow(int row)
{
    m_filling = true;
    const int budget = m_input->columnOf(QStringLiteral("monthly_budget"));
    for (int c = 0; c < m_input->columnCount(); ++c) {
        QTableWidgetItem *item = m_table->item(row, c);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, c, item);
        }
        item->setText(m_input->value(row, c));
        if (c == budget)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (!m_input->isEditable())
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    }
    m_filling = false;
}

void InputTableEditor::updateCaption()
{
    m_add->setEnabled(m_input->isEditable());
    m_save->setEnabled(m_input->isEditable() && m_input->isModified());
    if (!m_input->isEditable()) {
        m_caption->setText(m_input->readOnlyReason().toHtmlEscaped());
        return;
    }
    const QString name = m_input->sourceName().toHtmlEscaped();
    QString text;
    if (m_input->isStored()) {
        const QString where = m_input->storedSeq() > 0 ? tr("stored input #%1 of the period").arg(m_input->storedSeq())
                                                      : tr("a new input of the period");
        text = tr("Editing <b>%1</b>, %2: %3. Every change is checked as the importer will read it; undo with Ctrl+Z.")
                   .arg(name, where, m_about);
        if (m_input->isModified())
            text += QStringLiteral(" <b style='color:#B26B00'>%1</b>")
                        .arg(m_input->storedSeq() > 0
                                 ? tr("Unsaved changes: Save stores them as a new input that replaces #%1 (kept in the period's history) "
                                      "and reconciles again.")
                                       .arg(m_input->storedSeq())
                                 : tr("Unsaved: Save stores %1 in the period and reconciles again.").arg(name));
    } else {
        text = tr("Editing <b>%1</b>: %2. Every change is checked as the importer will read it; undo with Ctrl+Z.").arg(name, m_about);
        if (m_input->isModified())
            text += QStringLiteral(" <b style='color:#B26B00'>%1</b>").arg(tr("Unsaved changes: Save writes %1 and reconciles again.").arg(name));
    }
    m_caption->setText(text);
}

void InputTableEditor::showMessage(const QString &text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #B0222A;") : QStringLiteral("color: #1E7E34;"));
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

bool InputTableEditor::editCell(int row, int column, const QString &value)
{
    const QString old = m_input->value(row, column);
    if (old == value)
        return true;
    QString error;
    if (!m_input->check(row, column, value, &error)) {
        showMessage(tr("Not changed: %1").arg(error), true);
        fillRow(row); // the cell shows the value kept
        return false;
    }
    m_doc->undoStack()->push(new EditInputCellCommand(m_input, row, column, old, value));
    showMessage(QString(), false);
    return true;
}

void InputTableEditor::onItemChanged(QTableWidgetItem *item)
{
    if (m_filling || !item)
        return;
    editCell(item->row(), item->column(), item->text());
}

bool InputTableEditor::addRow()
{
    if (!m_input->isEditable())
        return false;
    const QStringList values = m_input->newRow(m_table->currentRow());
    const int key = m_input->keyColumn();
    // A row the table refuses makes the command obsolete: QUndoStack::push then drops it.
    m_doc->undoStack()->push(new AddInputRowCommand(m_input, -1, values));
    const int row = m_input->rowOfKey(values.value(key));
    if (row < 0) {
        showMessage(tr("No row was added."), true);
        return false;
    }
    m_table->setCurrentCell(row, key);
    showMessage(tr("Added %1: rename it and fill in the row.").arg(values.value(key)), false);
    return true;
}

bool InputTableEditor::save()
{
    const bool stored = m_input->isStored();
    const QString name = stored ? m_input->sourceName() : QDir::toNativeSeparators(m_input->sourcePath());
    QString message;
    const bool ok = m_saveHandler ? m_saveHandler(&message) : m_doc->saveInputs({m_input}, &message);
    if (!ok) {
        showMessage(tr("Not saved: %1").arg(message), true);
        return false;
    }
    if (!m_saveHandler || message.isEmpty())
        message = stored ? tr("Stored %1 in the period; reconciling again.").arg(name) : tr("Saved %1; reconciling again.").arg(name);
    showMessage(message, false);
    emit saved(message);
    m_doc->reloadAfterSave();
    return true;
}

} // namespace tl
