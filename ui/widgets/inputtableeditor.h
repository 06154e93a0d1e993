// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;
QT_END_NAMESPACE

namespace tl {

class InputTable;
class WorkspaceDocument;

/**
 * An editor for one reference input of the job (owners and budgets, the model mapping) as an
 * editable grid. Each change goes through the document's undo stack (Edit ▸ Undo) and is checked
 * by the core's importer first: a refused value is put back and the message says where and why.
 * Save writes the input file, or in a workspace store stores the table as a new input that
 * replaces the one it was read from, and reconciles again, so budgets, allocations, prices and
 * alerts follow. A table that cannot be edited (a frozen period's, say) is shown read-only with
 * the reason.
 */
class InputTableEditor : public QWidget
{
    Q_OBJECT

public:
    /** about: what the table holds, as a phrase ("owner group, cost center, … per API key"). */
    InputTableEditor(WorkspaceDocument *doc, InputTable *table, const QString &about, QWidget *parent = nullptr);

    InputTable *inputTable() const { return m_input; }
    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *captionLabel() const { return m_caption; }

    /** Edits a cell as typing into it does; false (and the message shown) when refused. */
    bool editCell(int row, int column, const QString &value);
    /** Adds a row (see InputTable::newRow), ready to be filled in. */
    bool addRow();
    /** Writes the input file (or stores it) and reconciles again; false with the message shown on failure. */
    bool save();
    /**
     * What Save does instead of WorkspaceDocument::saveInputs({table}) (the price snapshot
     * editor saves the mapping with it): true with *message set to what was saved, or false
     * with *message the reason nothing was.
     */
    void setSaveHandler(std::function<bool(QString *message)> handler) { m_saveHandler = std::move(handler); }

signals:
    /** Saved: what was written, as a sentence for the status bar ("Saved owners.csv; reconciling again."). */
    void saved(const QString &message);

private:
    void rebuild();
    void fillRow(int row);
    void onItemChanged(QTableWidgetItem *item);
    void showMessage(const QString &text, bool error);
    void updateCaption();

    WorkspaceDocument *m_doc;
    InputTable *m_input;
    QString m_about;
    QLabel *m_caption;
    QLabel *m_message;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_save;
    bool m_filling = false;
    std::function<bool(QString *)> m_saveHandler;
};

} // namespace tl
