// SPDX-License-Identifier: Apache-2.0
#include "ui/document/editevidencecommand.h"

#include "ui/document/evidenceregister.h"
#include "ui/models/evidencevalidator.h"

#include <QCoreApplication>

namespace tl {

EditEvidenceCommand::EditEvidenceCommand(EvidenceRegister *evidence, const QString &id, const QStringList &fields,
                                         const QStringList &oldValues, const QStringList &newValues, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_evidence(evidence)
    , m_id(id)
    , m_fields(fields)
    , m_old(oldValues)
    , m_new(newValues)
{
    if (fields.size() == 1)
        setText(QCoreApplication::translate("tl::EditEvidenceCommand", "Edit %1 of %2").arg(EvidenceValidator::label(fields[0]).toLower(), id));
    else
        setText(QCoreApplication::translate("tl::EditEvidenceCommand", "Edit %1 fields of %2").arg(fields.size()).arg(id));
}

void EditEvidenceCommand::redo()
{
    m_error.clear();
    if (!m_evidence->setFields(m_id, m_fields, m_new, &m_error))
        setObsolete(true);
}

void EditEvidenceCommand::undo()
{
    m_error.clear();
    QStringList fields = m_fields, values = m_old;
    // Put fields back in the reverse order they were written.
    std::reverse(fields.begin(), fields.end());
    std::reverse(values.begin(), values.end());
    if (!m_evidence->setFields(m_id, fields, values, &m_error))
        setObsolete(true);
}

} // namespace tl
