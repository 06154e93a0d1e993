// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QUndoCommand>

#include <memory>

namespace tl {

class WorkspaceDocument;

/** Opening or reloading a job, as an undoable step: undo brings back the previous workspace. */
class ReplaceWorkspaceCommand : public QUndoCommand
{
public:
    ReplaceWorkspaceCommand(WorkspaceDocument *document, std::shared_ptr<const Workspace> before,
                            std::shared_ptr<const Workspace> after, const QString &text);

    void undo() override;
    void redo() override;

private:
    WorkspaceDocument *m_document;
    std::shared_ptr<const Workspace> m_before, m_after;
};

} // namespace tl
