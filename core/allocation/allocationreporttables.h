// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace tl {

struct AllocationResult;
struct Period;

/**
 * The allocation (owners and budgets, alerts, unit costs) as plain text tables for the reports:
 * the HTML report (core/export) and the PDF report (ui/report) render the same rows, so a figure
 * reads the same in both. Amounts are the exact decimals of summary.json; "unknown" is written
 * as such, never as 0.
 */
class AllocationReportTables
{
public:
    struct Column
    {
        QString title;
        bool numeric = false;
        double width = 1.0; ///< relative width, for layouts that need one
    };
    struct Table
    {
        QList<Column> columns;
        QList<QStringList> rows;
        int totalRow = -1;       ///< index of a total row, or -1
        int severityColumn = -1; ///< a column holding critical | warning, to colour, or -1
        QString caption;
    };

    /** Owner groups with attempts, estimated and provider-reported (allocated), budget and projection. */
    static Table owners(const AllocationResult &a, const QString &currency);
    /** Every alert: severity, code, subject, first day, evidence rows, detail and suggested action. */
    static Table alerts(const AllocationResult &a);
    /** The period unit costs (cadence "period"); daily rows stay in summary.json. */
    static Table unitCosts(const AllocationResult &a, const QString &currency);
};

} // namespace tl
