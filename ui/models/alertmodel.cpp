// SPDX-License-Identifier: Apache-2.0
#include "ui/models/alertmodel.h"

#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <QColor>

#include <limits>

namespace tl {

AlertModel::AlertModel(QObject *parent)
    : AllocationTableModel(ColumnCount, parent)
{
}

const Alert *AlertModel::alert(int row) const
{
    if (!m_ws || row < 0 || row >= rowCount())
        return nullptr;
    return &m_ws->result.allocation.alerts[static_cast<std::size_t>(row)];
}

qint64 AlertModel::criticalCount() const
{
    qint64 n = 0;
    for (int r = 0; r < rowCount(); ++r)
        n += alert(r)->severity == QLatin1String("critical") ? 1 : 0;
    return n;
}

qint64 AlertModel::warningCount() const
{
    return rowCount() - criticalCount();
}

QString AlertModel::codeTitle(const QString &code)
{
    if (code == QLatin1String("volume_spike"))
        return tr("Request-volume spike");
    if (code == QLatin1String("budget_exceeded"))
        return tr("Budget exceeded");
    if (code == QLatin1String("budget_projected_overrun"))
        return tr("Budget projected to overrun");
    if (code == QLatin1String("variance_growing"))
        return tr("Variance growing");
    if (code == QLatin1String("unknown_billing_behaviour"))
        return tr("Unknown billing behaviour");
    if (code == QLatin1String("ip_outside_allowlist"))
        return tr("Source IP outside the allowlist");
    return code;
}

QColor AlertModel::severityBackground(const QString &severity)
{
    return severity == QLatin1String("critical") ? LedgerColors::quarantineBackground() : LedgerColors::dueSoonBackground();
}

int AlertModel::rows() const
{
    return m_ws ? static_cast<int>(m_ws->result.allocation.alerts.size()) : 0;
}

QVariant AlertModel::data(const QModelIndex &index, int role) const
{
    const Alert *a = index.isValid() ? alert(index.row()) : nullptr;
    if (!a)
        return {};
    const int col = index.column();
    const bool critical = a->severity == QLatin1String("critical");
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case Severity: return critical ? tr("critical") : tr("warning");
        case Code: return a->code;
        case Subject: return a->subject;
        case Day: return a->hasDay ? DisplayFormat::day(a->day) : DisplayFormat::unknown();
        case Rows: return DisplayFormat::count(a->rows);
        case Detail: return a->detail;
        case Action: return a->action;
        case Basis: return a->basis;
        }
        break;
    case SortRole:
        switch (col) {
        case Severity: return critical ? 0 : 1;
        case Day: return a->hasDay ? static_cast<qint64>(a->day) : std::numeric_limits<qint64>::min();
        case Rows: return a->rows;
        case Code: return a->code;
        default: return data(index, Qt::DisplayRole);
        }
    case AlertIndexRole: return index.row();
    case CriticalRole: return critical;
    case Qt::TextAlignmentRole:
        if (col == Rows)
            return QVariant(Qt::AlignRight | Qt::AlignTop);
        return QVariant(Qt::AlignLeft | Qt::AlignTop);
    case Qt::BackgroundRole:
        if (col == Severity)
            return severityBackground(a->severity);
        break;
    case Qt::ForegroundRole:
        if (col == Severity)
            return LedgerColors::onTintText();
        break;
    case Qt::FontRole:
        if (col == Severity)
            return boldFont();
        break;
    case Qt::ToolTipRole:
        switch (col) {
        case Code: return codeTitle(a->code);
        case Detail: return a->detail;
        case Action: return a->action;
        case Rows:
            return a->evidence.size() < static_cast<std::size_t>(a->rows)
                ? tr("%1 evidence rows; the first %2 are kept for the Ledgers page")
                      .arg(DisplayFormat::count(a->rows), DisplayFormat::count(static_cast<qint64>(a->evidence.size())))
                : tr("%1 evidence rows").arg(DisplayFormat::count(a->rows));
        case Basis: return tr("The ledgers the rule judged");
        default: break;
        }
        break;
    default: break;
    }
    return {};
}

QVariant AlertModel::headerText(int column) const
{
    switch (column) {
    case Severity: return tr("Severity");
    case Code: return tr("Code");
    case Subject: return tr("About");
    case Day: return tr("First day");
    case Rows: return tr("Rows");
    case Detail: return tr("Detail");
    case Action: return tr("Suggested action");
    case Basis: return tr("Ledgers");
    }
    return {};
}

} // namespace tl
