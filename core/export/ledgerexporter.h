// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/reconcileresult.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace tl {

/**
 * The reconciled ledger for people who work in spreadsheets (formats.md, Outputs).
 *
 * As CSV: one row per client attempt inside the period (so as many rows as
 * `counts.attempts`), in the order of lines.csv (timestamp, request id, attempt), with what
 * the engine decided about it and who owns it: service, requested and billable model, owner
 * group and cost center (from the owners table, else the client row), outcome, treatment,
 * quarantine, tokens, the estimated cost (exact, unrounded) and which total it counts in,
 * the variance category and the source file and line.
 *
 * As XLSX (libxlsxwriter): sheets Summary (decision, reasons, totals, variance by category,
 * counts, finance), Lines (the reconciled client ledger), By key, By model and Variance, then
 * one sheet per further ledger loaded, as loaded: Provider daily, Provider requests, Gateway,
 * Finance (each only when it has rows). Spreadsheet numbers are binary
 * doubles, so every amount is written twice: a number for display and sums, and beside it an
 * `…_exact` text column that keeps every digit. The workbook is written to a temporary file
 * in the target folder and renamed over the target, so a reader never sees half a file.
 * Same inputs give the same bytes: the document date is the period end, not the wall clock.
 */
class LedgerExporter
{
public:
    /** The CSV header, in order. */
    static QStringList csvColumns();
    static QByteArray ledgerCsv(const ReconcileResult &result, const LedgerSet &set);
    /** Writes ledgerCsv() atomically; false with *error set on failure. */
    static bool writeCsv(const QString &path, const ReconcileResult &result, const LedgerSet &set, QString *error);
    /** Writes the workbook atomically; false with *error set on failure. */
    static bool writeXlsx(const QString &path, const ReconcileResult &result, const LedgerSet &set, QString *error);

    /** Line indices (into the result's line columns) in the order of lines.csv. */
    static std::vector<std::uint32_t> lineOrder(const ReconcileResult &result, const LedgerSet &set);
    /** Sorts line indices (e.g. some of the lines) into the order of lines.csv. */
    static void sortLines(std::vector<std::uint32_t> &lines, const ReconcileResult &result, const LedgerSet &set);
    /** The indices of the quarantined lines, ascending. */
    static std::vector<std::uint32_t> quarantinedLines(const ReconcileResult &result);

    /** XLSX holds at most this many rows per sheet; longer sheets are cut and say so. */
    static constexpr int MaxSheetRows = 1048576;
};

} // namespace tl
