// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QUndoCommand>

namespace tl {

class InputTable;

/**
 * One cell of an input table (a budget, an owner group, a billable model) from its old to its
 * new value. redo() writes the new value, undo() the old one; a value the table refuses makes
 * the command obsolete, so that the stack drops it rather than pretending.
 */
class EditInputCellCommand : public QUndoCommand
{
public:
    EditInputCellCommand(InputTable *table, int row, int column, const QString &oldValue, const QString &newValue,
                         QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    QString error() const { return m_error; }

private:
    InputTable *m_table;
    int m_row, m_column;
    QString m_old, m_new;
    QString m_error;
};

} // namespace tl
