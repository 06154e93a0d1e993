// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/reconcileresult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace tl {

/** What a packet adds to its report: which packet, made when, by whom, signed with which key, and the sign-off. */
struct HtmlReportPacketInfo
{
    QString packetId, createdAt, signerKeyId, preparer;
    bool signedOff = false;
    QJsonObject signoff; ///< the review record (reconciliation.md), when signed off
};

/**
 * The human-readable reconciliation report (packet.md data/report/report.html in a build
 * without the UI libraries; the GUI renders the same HTML to PDF).
 *
 * One self-contained, printable page: inline CSS, charts as inline SVG written by hand, no
 * scripts, no external resources. It shows the period, the decision and its reasons, the
 * totals labelled as what they are (estimated from the client ledger vs reconciled from the
 * provider's records; provisional while the posting window is open), counts by outcome,
 * quarantines, the variance by category, per key (with budgets from the owners table) and
 * per model tables, the finance roll-up and the inputs register with both SHA-256 values.
 *
 * The markup keeps to what QTextDocument understands (tables, attributes, simple CSS) so the
 * GUI can print it; QTextDocument cannot draw SVG, so with Charts::ImageLinks each chart is an
 * `<img src="chart:…">` (see chartUrl()) whose image the renderer supplies from svgWaterfall(),
 * svgDaily() and svgByModel() rasterized with QSvgRenderer. Amounts are exact decimal text;
 * binary floating point is used only for chart geometry. Deterministic: no wall clock.
 */
class HtmlReport
{
public:
    enum class Charts { InlineSvg, ImageLinks };
    enum class Chart { Waterfall, Daily, ByModel };

    /** With packet info, the report names the packet and ends with the sign-off, or "not signed off". */
    static QByteArray html(const ReconcileResult &result, const LedgerSet &set, const QString &title,
                           Charts charts = Charts::InlineSvg, const HtmlReportPacketInfo *packet = nullptr);
    /** Writes html() to path atomically; false with *error set on failure. */
    static bool write(const QString &path, const ReconcileResult &result, const LedgerSet &set, const QString &title,
                      QString *error);

    /** Estimated billable, through each variance category, to provider-reported. */
    static QByteArray svgWaterfall(const ReconcileResult &result, const LedgerSet &set);
    /** Estimated vs provider-reported spend per provider day. */
    static QByteArray svgDaily(const ReconcileResult &result, const LedgerSet &set);
    /** Estimated billable spend by billable model. */
    static QByteArray svgByModel(const ReconcileResult &result, const LedgerSet &set);
    static QByteArray svg(Chart chart, const ReconcileResult &result, const LedgerSet &set);

    /** The `src` of a chart's image in Charts::ImageLinks mode, e.g. "chart:waterfall". */
    static QString chartUrl(Chart chart);
    /** The chart's intrinsic size in CSS pixels (its SVG viewBox). */
    static int chartWidth(Chart chart, const ReconcileResult &result);
    static int chartHeight(Chart chart, const ReconcileResult &result);
};

} // namespace tl
