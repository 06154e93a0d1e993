// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importoptions.h"
#include "core/model/ledgerset.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <vector>

namespace tl {

struct Workspace;

/**
 * One reference input of a job being edited as a table: the owners and budgets (formats.md §7)
 * or the model mapping (§6). Cells are kept as written (header order, extra columns, number and
 * date spelling), so that saving changes only what was edited. Every change is checked by the
 * core's own importer on the whole table before it is applied, so the table never holds what a
 * reload would refuse, and the refusal is the importer's message (file, line, column). Edits are
 * applied by the undo commands only and written to the input file with save().
 *
 * In a workspace store (.tlw or PostgreSQL) the table is read from the period's current stored
 * input of its kind; saving it (WorkspaceDocument::saveInputs) stores the edited bytes as a new
 * input that replaces that one, which stays in the period's history and in the runs that named
 * it. A frozen period's tables are shown read-only, with the reason.
 */
class InputTable : public QObject
{
    Q_OBJECT

public:
    /** The rows of a loaded workspace in the standard columns (for a table with no file to edit). */
    using RowsOf = std::function<std::vector<QStringList>(const Workspace &)>;

    InputTable(LedgerKind kind, const QString &format, const QString &kindName, const QString &specSection,
               const QStringList &standardColumns, const QString &keyColumn, RowsOf rowsOf, QObject *parent = nullptr);

    /** Owners and budgets: keyed by api_key_name. */
    static InputTable *owners(QObject *parent = nullptr);
    /** Model mapping: keyed by requested_model. */
    static InputTable *mappings(QObject *parent = nullptr);
    /** Billing policy by outcome class (formats.md §8): keyed by outcome. */
    static InputTable *policy(QObject *parent = nullptr);
    /**
     * A price snapshot (formats.md §5), keyed by billable_model. A snapshot is immutable once
     * used, so this table only edits a new snapshot (resetNew), never a job's prices file in place.
     */
    static InputTable *prices(QObject *parent = nullptr);

    LedgerKind kind() const { return m_kind; }
    QString kindName() const { return m_kindName; }
    QStringList standardColumns() const { return m_standard; }
    QString keyColumnName() const { return m_keyColumn; }

    /**
     * Fills the table from a workspace: its input file or stored input (editable) or its rows
     * (read-only). Unsaved edits of the same source are kept (saving another table reloads the
     * workspace); revert() drops them.
     */
    void reset(const Workspace *ws);
    /** Edits the CSV at path (read now). */
    bool resetFromFile(const QString &path, QString *error);
    /**
     * Starts a new file at path (written by save() only) holding these rows: editable and
     * modified until saved. False with the importer's message when it refuses the rows.
     */
    bool resetNew(const QString &path, const QStringList &header, std::vector<QStringList> rows, QString *error);
    /** Edits a stored input: its bytes as stored, the options it was imported with (displayName = its name) and its seq. */
    bool resetFromStored(const QByteArray &bytes, const ImportOptions &options, qint64 seq, QString *error);
    /** Starts a new stored input (resetNew for a workspace store): stored by WorkspaceDocument::saveInputs. */
    bool resetNewStored(const ImportOptions &options, const QStringList &header, std::vector<QStringList> rows, QString *error);
    void clear();

    bool isEditable() const { return (!m_path.isEmpty() || m_stored) && m_readOnlyReason.isEmpty(); }
    /** Why the table cannot be edited (empty when it can). */
    QString readOnlyReason() const { return m_readOnlyReason; }
    /** The file edited (empty for a stored input). */
    QString sourcePath() const { return m_path; }
    /** The file's name, or the stored input's name. */
    QString sourceName() const;
    /** The table is a workspace store's input (saved through WorkspaceDocument::saveInputs, not save()). */
    bool isStored() const { return m_stored; }
    /** The seq of the stored input it replaces when saved (0: a new stored input). */
    qint64 storedSeq() const { return m_storedSeq; }
    /** The import options a stored save uses (those of the input it replaces). */
    ImportOptions storedOptions() const { return m_storedOptions; }
    /**
     * The rows were saved: they are what the source holds now (isModified() becomes false). For a
     * stored table, storedSeq is the input the save made, which the next save replaces.
     */
    void markSaved(qint64 storedSeq = 0);
    /** Drops the unsaved edits: back to the rows as saved (a new table not saved yet is cleared). */
    void revert();
    /** The rows differ from the file's (undoing every edit makes the table unmodified again). */
    bool isModified() const { return m_modified; }

    QStringList header() const { return m_header; }
    int rowCount() const { return static_cast<int>(m_rows.size()); }
    int columnCount() const { return static_cast<int>(m_header.size()); }
    int columnOf(const QString &name) const;
    int keyColumn() const { return columnOf(m_keyColumn); }
    int rowOfKey(const QString &key) const;
    QString value(int row, int column) const;
    QStringList row(int row) const { return m_rows[static_cast<std::size_t>(row)]; }

    /** Whether a cell may take a value: false with the importer's message when not. */
    bool check(int row, int column, const QString &value, QString *error) const;
    /** Sets one cell (checked first; nothing changes when it is refused). */
    bool setValue(int row, int column, const QString &value, QString *error);
    /** Adds a row at row (the end when row < 0), checked first. */
    bool insertRow(int row, const QStringList &values, QString *error);
    bool removeRow(int row, QString *error);
    /**
     * A row to add: for owners a new key (direct, no budget yet); otherwise a copy of row
     * `like` (the last when out of range) under a key not in the table yet.
     */
    QStringList newRow(int like) const;
    /** A key not in the table yet ("new-key", "new-key-2", …). */
    QString unusedKey() const;

    /** The table as CSV (RFC 4180, LF line ends). */
    QByteArray csv() const;
    /** Writes csv() to the source file (atomically); clears isModified(). A stored table is saved by WorkspaceDocument::saveInputs. */
    bool save(QString *error);

signals:
    void aboutToReset();
    void wasReset();
    void rowChanged(int row);
    void rowInserted(int row);
    void rowRemoved(int row);
    void modifiedChanged(bool modified);

private:
    bool validate(const std::vector<QStringList> &rows, QString *error) const;
    void setModified(bool modified);
    void resetReadOnly(const Workspace &ws, const QString &reason);
    void resetStore(const Workspace &ws);
    bool apply(const QString &path, const QString &name, bool stored, QStringList header, std::vector<QStringList> rows, QString *error);
    static bool parseCsv(const QByteArray &bytes, const QString &name, QStringList *header, std::vector<QStringList> *rows, QString *error);

    LedgerKind m_kind;
    QString m_format, m_kindName, m_spec;
    QStringList m_standard;
    QString m_keyColumn;
    RowsOf m_rowsOf;

    QString m_path;
    QString m_name; ///< the file's name or the stored input's name (what importer messages name)
    QString m_sourceKey; ///< which source the rows are of: the file's path, or store, period and seq
    bool m_stored = false;
    bool m_new = false; ///< started by resetNew and not saved yet
    qint64 m_storedSeq = 0;
    ImportOptions m_storedOptions;
    QString m_readOnlyReason;
    QStringList m_header;
    std::vector<QStringList> m_rows;
    std::vector<QStringList> m_savedRows; ///< as in the file: undoing back to them is not a change
    bool m_modified = false;
};

} // namespace tl
