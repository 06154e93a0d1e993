// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/referencetables.h"
#include "core/store/workspacestore.h"

#include <QDate>
#include <QObject>
#include <QString>

#include <vector>

namespace tl {

/**
 * The evidence register being edited: the entries of the open workspace's store (each with its
 * row version), or of the job's evidence input (edited in memory and saved as CSV). Edits are
 * applied here by the undo commands only; in a store each is one transaction that names the row
 * version it read, so a change someone else made in between is refused ("changed by someone
 * else"), reported by conflict() and nothing is overwritten.
 */
class EvidenceRegister : public QObject
{
    Q_OBJECT

public:
    explicit EvidenceRegister(QObject *parent = nullptr);

    /** Edits in memory (a job's evidence input, from `sourcePath`). */
    void resetFromFile(std::vector<EvidenceEntry> entries, const QString &sourcePath);
    /** Edits the store's register (reads it now). */
    bool resetFromStore(WorkspaceStore *store, QString *error);
    /** Nothing to edit. */
    void clear();

    bool isStoreBacked() const { return m_store != nullptr; }
    WorkspaceStore *store() const { return m_store; }
    /** The file the entries came from (job mode). */
    QString sourcePath() const { return m_sourcePath; }
    /** Edits not yet saved (job mode; a store saves every edit at once). */
    bool isModified() const { return m_modified; }

    int count() const { return static_cast<int>(m_entries.size()); }
    const EvidenceEntry &entry(int row) const { return m_entries[static_cast<std::size_t>(row)]; }
    const std::vector<EvidenceEntry> &entries() const { return m_entries; }
    qint64 rowVersion(int row) const { return m_versions[static_cast<std::size_t>(row)]; }
    int indexOf(const QString &id) const;
    QString value(int row, const QString &field) const;
    QStringList ids() const;

    /** Sets fields of one entry, in order; all or nothing. */
    bool setFields(const QString &id, const QStringList &fields, const QStringList &values, QString *error);
    /** Adds an entry at row (the end when row < 0). */
    bool insert(const EvidenceEntry &e, int row, QString *error);
    /** Removes an entry (undoing its creation; job mode only: a store keeps every entry). */
    bool remove(const QString &id, QString *error);
    /** Re-reads one entry from the store (after a conflict): its current values and row version. */
    bool refresh(const QString &id, QString *error);

    /** The changes to an entry: from the store, or those of this session in job mode. */
    std::vector<EvidenceChange> history(const QString &id) const;

    /** Writes the register as an evidence_csv file (formats.md §9); clears isModified(). */
    bool saveCsv(const QString &path, QString *error);
    /** The CSV text saveCsv writes. */
    QByteArray csv() const;

signals:
    void aboutToReset();
    void wasReset();
    void entryChanged(int row);
    void entryInserted(int row);
    void entryRemoved(int row);
    /** An edit was refused because the stored entry changed meanwhile (the message says how). */
    void conflict(const QString &id, const QString &message);
    /** Any edit that was refused (conflicts too), with the message that says why. */
    void editFailed(const QString &id, const QString &message);
    void modifiedChanged(bool modified);

private:
    void setModified(bool modified);
    bool fail(const QString &id, const QString &message);
    void record(const QString &id, const QString &field, const QString &oldValue, const QString &newValue);

    WorkspaceStore *m_store = nullptr;
    QString m_sourcePath;
    std::vector<EvidenceEntry> m_entries;
    std::vector<qint64> m_versions;
    std::vector<EvidenceChange> m_sessionHistory;
    bool m_modified = false;
};

} // namespace tl
