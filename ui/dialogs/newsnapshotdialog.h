// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

namespace tl {

/** What a new price snapshot is called and when it was observed and takes effect (formats.md §5). */
struct NewSnapshotFields
{
    QString snapshotId; ///< snapshot_id, also the file name (prices-<id>.csv)
    QString accessedAt; ///< accessed_at: when the prices were observed (YYYY-MM-DD)
    QString capturedBy; ///< captured_by
    QString validFrom;  ///< valid_from of every row: when the prices take effect (YYYY-MM-DD)
};

/**
 * Asks for the snapshot_id, observed date, captured-by and effective date of a new price
 * snapshot made from the current one. OK stays refused, with the reason, until the fields are valid.
 */
class NewSnapshotDialog : public QDialog
{
    Q_OBJECT

public:
    /** existingIds: the snapshot ids the job has already (a new id must differ). */
    NewSnapshotDialog(const NewSnapshotFields &initial, const QStringList &existingIds, QWidget *parent = nullptr);

    NewSnapshotFields fields() const;
    /** Why the fields cannot make a new snapshot (empty when they can). */
    static QString problem(const NewSnapshotFields &fields, const QStringList &existingIds);

    void accept() override;

private:
    QStringList m_existing;
    QLineEdit *m_id, *m_accessed, *m_captured, *m_validFrom;
    QLabel *m_error;
};

} // namespace tl
