// SPDX-License-Identifier: Apache-2.0
#include "ui/document/replaceworkspacecommand.h"

#include "ui/document/workspacedocument.h"

namespace tl {

ReplaceWorkspaceCommand::ReplaceWorkspaceCommand(WorkspaceDocument *document, std::shared_ptr<const Workspace> before,
                                                 std::shared_ptr<const Workspace> after, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void ReplaceWorkspaceCommand::undo()
{
    m_document->setWorkspace(m_before);
}

void ReplaceWorkspaceCommand::redo()
{
    m_document->setWorkspace(m_after);
}

} // namespace tl
