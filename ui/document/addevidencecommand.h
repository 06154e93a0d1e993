// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/referencetables.h"

#include <QUndoCommand>

namespace tl {

class EvidenceRegister;

/**
 * Adding an entry to the evidence register. In a job's register undo removes it again. A
 * workspace store keeps every entry its history refers to, so there undo withdraws it (status
 * superseded, a note saying so) and redo puts back the values it was created with.
 */
class AddEvidenceCommand : public QUndoCommand
{
public:
    AddEvidenceCommand(EvidenceRegister *evidence, const EvidenceEntry &entry, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    QString error() const { return m_error; }

private:
    EvidenceRegister *m_evidence;
    EvidenceEntry m_entry;
    QString m_error;
    bool m_created = false;
};

} // namespace tl
