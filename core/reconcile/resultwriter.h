// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/reconcileresult.h"

#include <QByteArray>
#include <QString>

namespace tl {

/**
 * Writes a result as the command-line contract says (reconciliation.md): summary.json,
 * lines.csv, variance.csv, plus exclusions.csv and counts.csv. Same result, same bytes.
 * Files are written atomically (QSaveFile).
 */
class ResultWriter
{
public:
    static QByteArray summaryJson(const ReconcileResult &r, const LedgerSet &set);
    static QByteArray linesCsv(const ReconcileResult &r, const LedgerSet &set);
    static QByteArray varianceCsv(const ReconcileResult &r, const LedgerSet &set);
    static QByteArray exclusionsCsv(const ReconcileResult &r, const LedgerSet &set);
    static QByteArray countsCsv(const ReconcileResult &r, const LedgerSet &set);
    /** Writes all of them into dir (created if needed); returns false with *error set. */
    static bool writeAll(const ReconcileResult &r, const LedgerSet &set, const QString &dir, QString *error);
    /** Writes bytes to path atomically. */
    static bool writeFile(const QString &path, const QByteArray &bytes, QString *error);
    /** Appends one CSV field, quoted when needed (RFC 4180). */
    static void csvField(QByteArray &out, std::string_view v);
};

} // namespace tl
