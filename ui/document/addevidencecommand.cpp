// SPDX-License-Identifier: Apache-2.0
#include "ui/document/addevidencecommand.h"

#include "core/store/workspacestore.h"
#include "ui/document/evidenceregister.h"

#include <QCoreApplication>

namespace tl {

AddEvidenceCommand::AddEvidenceCommand(EvidenceRegister *evidence, const EvidenceEntry &entry, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_evidence(evidence)
    , m_entry(entry)
{
    setText(QCoreApplication::translate("tl::AddEvidenceCommand", "Add evidence %1").arg(entry.evidenceId));
}

void AddEvidenceCommand::redo()
{
    m_error.clear();
    if (m_created && m_evidence->isStoreBacked() && m_evidence->indexOf(m_entry.evidenceId) >= 0) {
        const QStringList fields = WorkspaceStore::evidenceFields().mid(1);
        QStringList values;
        for (const QString &f : fields)
            values << WorkspaceStore::evidenceField(m_entry, f);
        if (!m_evidence->setFields(m_entry.evidenceId, fields, values, &m_error))
            setObsolete(true);
        return;
    }
    if (!m_evidence->insert(m_entry, -1, &m_error))
        setObsolete(true);
    else
        m_created = true;
}

void AddEvidenceCommand::undo()
{
    m_error.clear();
    if (m_evidence->isStoreBacked()) {
        const QString note = QCoreApplication::translate("tl::AddEvidenceCommand", "withdrawn: its creation was undone");
        const QString notes = m_entry.notes.isEmpty() ? note : m_entry.notes + QStringLiteral("; ") + note;
        if (!m_evidence->setFields(m_entry.evidenceId, {QStringLiteral("status"), QStringLiteral("notes")},
                                   {QStringLiteral("superseded"), notes}, &m_error))
            setObsolete(true);
        return;
    }
    if (!m_evidence->remove(m_entry.evidenceId, &m_error))
        setObsolete(true);
}

} // namespace tl
