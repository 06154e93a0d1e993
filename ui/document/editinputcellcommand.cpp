// SPDX-License-Identifier: Apache-2.0
#include "ui/document/editinputcellcommand.h"

#include "ui/document/inputtable.h"

#include <QCoreApplication>

namespace tl {

EditInputCellCommand::EditInputCellCommand(InputTable *table, int row, int column, const QString &oldValue, const QString &newValue,
                                           QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_table(table)
    , m_row(row)
    , m_column(column)
    , m_old(oldValue)
    , m_new(newValue)
{
    const int key = table->keyColumn();
    setText(QCoreApplication::translate("tl::EditInputCellCommand", "Edit %1 of %2")
                .arg(table->header().value(column), column == key ? oldValue : table->value(row, key)));
}

void EditInputCellCommand::redo()
{
    m_error.clear();
    if (!m_table->setValue(m_row, m_column, m_new, &m_error))
        setObsolete(true);
}

void EditInputCellCommand::undo()
{
    m_error.clear();
    // Only while the cell still holds what this step wrote (a discard or a reload of another
    // source may have replaced the table): otherwise the step no longer applies.
    if (m_table->value(m_row, m_column) != m_new || !m_table->setValue(m_row, m_column, m_old, &m_error))
        setObsolete(true);
}

} // namespace tl
