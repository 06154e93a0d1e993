// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QHash>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;
class QTreeWidget;
class QUrl;
QT_END_NAMESPACE

namespace tl {

class EvidenceRegisterModel;
class WorkspaceDocument;

/**
 * The operator's page: the evidence register as a table with a form beside it for every field
 * of formats.md §9. Apply checks the entry (owner required, URL or ticket, dates) and shows what
 * is wrong under each field; a valid edit goes onto the document's undo stack. Overdue entries
 * are red, due-soon amber; the form shows the entry's history and what uses it (links to the
 * price snapshot and the billing policy), and attaches a file by its SHA-256. In a store every
 * edit is saved at once with its row version; a conflicting edit is refused and said so.
 */
class EvidencePage : public QWidget
{
    Q_OBJECT

public:
    explicit EvidencePage(WorkspaceDocument *document, QWidget *parent = nullptr);

    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    /** Selects the entry (returns false when there is none with that id). */
    bool selectEntry(const QString &id);
    QString currentId() const;

    EvidenceRegisterModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /** The form's editor of a §9 field (QLineEdit, QPlainTextEdit or QComboBox). */
    QWidget *editor(const QString &field) const { return m_editors.value(field); }
    /** The text an editor holds. */
    QString editorText(const QString &field) const;
    void setEditorText(const QString &field, const QString &text);
    /** The message under a field ("" when fine). */
    QString fieldMessage(const QString &field) const;
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *newButton() const { return m_new; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *usedByLabel() const { return m_usedBy; }
    QTreeWidget *historyView() const { return m_history; }

public slots:
    /** Checks the form and pushes the edit (or the new entry) onto the undo stack. */
    bool apply();
    void revert();
    void startNewEntry();
    void attachFile(const QString &path);

signals:
    /** A "used by" link was chosen: snapshot:ID or outcome:NAME. */
    void linkActivated(const QUrl &url);

private:
    void showEntry(int row);
    void showCurrent();
    void updateCaption();
    void updateHistory();
    void showMessage(const QString &html, bool error);
    bool checkForm(bool showAll);
    QStringList formValues() const;

    WorkspaceDocument *m_doc;
    std::shared_ptr<const Workspace> m_ws;
    EvidenceRegisterModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_caption;
    QLabel *m_empty;
    QWidget *m_body;
    QLabel *m_formTitle;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_errors;
    QLabel *m_message;
    QLabel *m_usedBy;
    QLabel *m_review;
    QTreeWidget *m_history;
    QPushButton *m_apply, *m_revert, *m_new, *m_save, *m_attach, *m_reloadEntry;
    QString m_currentId;  ///< the entry in the form; empty while a new one is typed
    bool m_newEntry = false;
    bool m_filling = false;
};

} // namespace tl
