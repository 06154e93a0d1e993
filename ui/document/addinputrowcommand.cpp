// SPDX-License-Identifier: Apache-2.0
#include "ui/document/addinputrowcommand.h"

#include "ui/document/inputtable.h"

#include <QCoreApplication>

namespace tl {

AddInputRowCommand::AddInputRowCommand(InputTable *table, int row, const QStringList &values, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_table(table)
    , m_row(row < 0 ? table->rowCount() : row)
    , m_values(values)
{
    setText(QCoreApplication::translate("tl::AddInputRowCommand", "Add %1 row %2").arg(table->kindName(), values.value(table->keyColumn())));
}

void AddInputRowCommand::redo()
{
    m_error.clear();
    if (!m_table->insertRow(m_row, m_values, &m_error))
        setObsolete(true);
}

void AddInputRowCommand::undo()
{
    m_error.clear();
    // Only the row this step added (a discard or a reload may have put other rows there).
    if (m_row >= m_table->rowCount() || m_table->row(m_row) != m_values.mid(0, m_table->columnCount())
        || !m_table->removeRow(m_row, &m_error))
        setObsolete(true);
}

} // namespace tl
