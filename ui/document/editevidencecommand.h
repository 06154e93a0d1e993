// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>
#include <QUndoCommand>

namespace tl {

class EvidenceRegister;

/**
 * One edit of an evidence entry as the user applied it: some of its fields from their old to
 * their new values. redo() writes the new values, undo() the old ones (in a store, each with
 * the row version it read). When the register refuses (the stored entry changed meanwhile),
 * the command makes itself obsolete, so that the undo stack drops it rather than pretending.
 */
class EditEvidenceCommand : public QUndoCommand
{
public:
    EditEvidenceCommand(EvidenceRegister *evidence, const QString &id, const QStringList &fields, const QStringList &oldValues,
                        const QStringList &newValues, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

    /** Why the last undo/redo failed (empty when it worked). */
    QString error() const { return m_error; }

private:
    EvidenceRegister *m_evidence;
    QString m_id;
    QStringList m_fields, m_old, m_new;
    QString m_error;
};

} // namespace tl
