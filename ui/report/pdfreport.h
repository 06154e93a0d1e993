// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/packet/packetexporter.h"
#include "core/reconcile/reconcileresult.h"

#include <QByteArray>
#include <QString>

namespace tl {

/**
 * The report a finance reviewer signs (packet.md data/report/report.pdf): an A4 PDF written
 * with QPdfWriter, text and charts as vectors, every page headed with the packet id and the
 * period and numbered "Page N of M".
 *
 * It shows PROVISIONAL with the provider's observation time when the decision is provisional
 * (a banner on the first page and a mark on every page); the period, the decision and its
 * reasons; the totals labelled as what they are (estimated from the client ledger,
 * provider-reported, the invoice total); the variance waterfall and spend per key; the
 * variance by category and the largest variances with the rows behind them; spend per key;
 * quarantines; the evidence entries behind the prices and the policy with their review dates;
 * finance lines; the inputs with their hashes; and the reviewer's sign-off, or "not signed off".
 *
 * Needs a QGuiApplication (fonts); QT_QPA_PLATFORM=offscreen is enough, no display is used.
 * Amounts are exact decimal text; doubles serve only chart geometry.
 */
class PdfReport
{
public:
    /** The PDF, or empty bytes with *error set. Matches PacketReportRenderer. */
    static QByteArray render(const ReconcileResult &result, const LedgerSet &set, const PacketReportContext &context,
                             QString *error = nullptr);
    /** Writes render() to path atomically; false with *error set on failure. */
    static bool write(const QString &path, const ReconcileResult &result, const LedgerSet &set, const PacketReportContext &context,
                      QString *error);
};

} // namespace tl
