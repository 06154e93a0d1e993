// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/allocationtablemodel.h"

namespace tl {

/**
 * The period's alerts (seed 000 "Recommended alert design", seed 004), critical first as the
 * core ordered them: severity, code, what it is about, the first day concerned, how many
 * evidence rows, the detail and the suggested action. Alerts are early warnings for an
 * operator; they never change the pass/warn/fail decision.
 */
class AlertModel : public AllocationTableModel
{
    Q_OBJECT

public:
    enum Column { Severity = 0, Code, Subject, Day, Rows, Basis, Detail, Action, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, AlertIndexRole, CriticalRole };

    explicit AlertModel(QObject *parent = nullptr);
    const Alert *alert(int row) const;
    qint64 criticalCount() const;
    qint64 warningCount() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /** "volume spike" for volume_spike, for people. */
    static QString codeTitle(const QString &code);
    static QColor severityBackground(const QString &severity);

protected:
    int rows() const override;
    QVariant headerText(int column) const override;
    bool rightAligned(int column) const override { return column == Rows; }
};

} // namespace tl
