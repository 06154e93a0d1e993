// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>
#include <QUndoCommand>

namespace tl {

class InputTable;

/** A new row of an input table (a key with its owner and budget, a mapping); undo takes it out. */
class AddInputRowCommand : public QUndoCommand
{
public:
    AddInputRowCommand(InputTable *table, int row, const QStringList &values, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    QString error() const { return m_error; }

private:
    InputTable *m_table;
    int m_row;
    QStringList m_values;
    QString m_error;
};

} // namespace tl
