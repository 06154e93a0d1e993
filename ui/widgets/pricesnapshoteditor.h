// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/dialogs/newsnapshotdialog.h"

#include <QStringList>
#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

class InputTable;
class InputTableEditor;
class WorkspaceDocument;
struct Workspace;

/**
 * The Prices page's editor (formats.md §5: a snapshot is immutable once used; a change makes a
 * new snapshot). The snapshots the results were priced with are read-only, and the page says so;
 * "New snapshot from this one…" copies a snapshot's rows (as written in its file) into a new
 * snapshot with a new id, observed and effective dates, edited in an InputTableEditor (checked by
 * the core's importer, with undo). Save writes prices-<id>.csv beside the job, adds it to the
 * job's inputs, makes the job price with it (the period's snapshot_id and the mapping rows that
 * named the old snapshot) and reconciles again. In a workspace store, Save stores the snapshot as
 * a new input of the period and, in the same transaction, the mapping with the rows that named
 * the old snapshot pointed at the new one (replacing the stored mapping). A frozen period is
 * read-only, with the reason.
 */
class PriceSnapshotEditor : public QWidget
{
    Q_OBJECT

public:
    PriceSnapshotEditor(WorkspaceDocument *doc, QWidget *parent = nullptr);

    InputTable *inputTable() const { return m_table; }
    InputTableEditor *editor() const { return m_editor; }
    QPushButton *newButton() const { return m_new; }
    QComboBox *sourceBox() const { return m_source; }
    QLabel *statusLabel() const { return m_status; }

    /** The snapshot ids of the open job, and those its results were priced with. */
    QStringList snapshotIds() const;
    QStringList usedSnapshotIds() const;
    /** The fields the dialog starts with for a copy of snapshot id. */
    NewSnapshotFields suggestedFields(const QString &id) const;

    /** Copies snapshot `from` into a new snapshot with these fields; false with the message shown when refused. */
    bool startNewSnapshot(const QString &from, const NewSnapshotFields &fields);
    /** Asks for the fields (NewSnapshotDialog) and starts a new snapshot from the chosen one. */
    void newSnapshotFromCurrent();

    /**
     * Saves the new snapshot being edited (the editor's Save): the job-file or the store way.
     * Refused when the workspace open is not the one the snapshot was started in. True with
     * *message saying what was saved, else false with *message the reason.
     */
    bool saveSnapshot(QString *message);

private:
    void refresh();
    bool saveToJobFile(QString *message);
    bool saveToStore(QString *message);
    /** Which workspace a snapshot belongs to: the job file, or the store and period. */
    static QString workspaceKey(const Workspace *ws);
    /** The rows of snapshot `from` as written in its price_snapshot_csv input(s); false with *error. */
    bool copyRows(const QString &from, QStringList *header, std::vector<QStringList> *rows, QString *error) const;
    void showStatus(const QString &text, bool error);

    WorkspaceDocument *m_doc;
    InputTable *m_table;
    InputTableEditor *m_editor;
    QComboBox *m_source;
    QPushButton *m_new;
    QLabel *m_status;
    QString m_fromId; ///< the snapshot the one being edited was copied from
    QString m_startedIn; ///< workspaceKey() of the workspace the new snapshot was started in
};

} // namespace tl
