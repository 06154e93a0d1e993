// SPDX-License-Identifier: Apache-2.0
#include "ui/report/pdfreport.h"

#include "core/allocation/allocationreporttables.h"

#include "core/export/focusexporter.h"
#include "core/export/ledgerexporter.h"
#include "core/export/ownerdirectory.h"
#include "core/util/timeutil.h"
#include "ui/report/reportcanvas.h"
#include "ui/report/reportcharts.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <map>

namespace tl {

namespace {

const QColor kPass(0x2e, 0x7d, 0x32), kWarn(0xb2, 0x6a, 0x00), kFail(0xb3, 0x26, 0x1e);
const QColor kOrange(0xd9, 0x73, 0x0d), kBlue(0x3b, 0x6e, 0xa5), kGreen(0x2e, 0x7d, 0x32), kRed(0xb3, 0x26, 0x1e);
constexpr int kTopVariances = 8;
constexpr int kRowsPerVariance = 6;
constexpr int kQuarantinesListed = 40;

QString qs(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

QString dec(const Decimal &d)
{
    return d.toString();
}

QString signedDec(const Decimal &d)
{
    return d.signum() > 0 ? QLatin1Char('+') + dec(d) : dec(d);
}

QString grouped(QString digits)
{
    const bool neg = digits.startsWith(QLatin1Char('-'));
    if (neg)
        digits.remove(0, 1);
    qsizetype dot = digits.indexOf(QLatin1Char('.'));
    if (dot < 0)
        dot = digits.size();
    for (qsizetype i = dot - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return neg ? QLatin1Char('-') + digits : digits;
}

QString num(qint64 v)
{
    return grouped(QString::number(v));
}

/** A headline amount, rounded with the job's mode and scale: 1,234.57. */
QString rounded(const Decimal &d, int scale, RoundingMode mode)
{
    return grouped(QString::fromStdString(d.round(scale, mode).toFixedStdString(scale)));
}

QColor decisionColor(Decision d)
{
    return d == Decision::Pass ? kPass : d == Decision::Warn ? kWarn : kFail;
}

QString decisionWord(Decision d)
{
    return QString::fromLatin1(decisionName(d));
}

QString periodLong(const Period &p)
{
    const QDate s = timeutil::dateFromDay(timeutil::utcDay(p.start));
    const QDate e = timeutil::dateFromDay(timeutil::utcDay(p.end));
    const bool midnight = p.start % 86400000000LL == 0 && p.end % 86400000000LL == 0;
    if (midnight && s.day() == 1 && e == s.addMonths(1))
        return QLocale::c().toString(s, QStringLiteral("MMMM yyyy"));
    const QDate last = midnight ? e.addDays(-1) : e;
    return s.toString(Qt::ISODate) + QStringLiteral(" \u2013 ") + last.toString(Qt::ISODate);
}

QString sourceOf(const LedgerSet &set, std::uint32_t file, std::uint32_t line)
{
    const QString name = file < set.files.size() ? set.files[file].report.fileName : QStringLiteral("?");
    return QStringLiteral("%1:%2").arg(name).arg(line);
}

QString jsonText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String: return v.toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &x : v.toArray())
            parts << jsonText(x);
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Object: return QStringLiteral("{\u2026}");
    default: return QString();
    }
}

const char *categoryMeaning(VarianceCategory c)
{
    switch (c) {
    case VarianceCategory::MissingInClient: return "charged requests the client never logged";
    case VarianceCategory::MissingInProvider: return "logged as billable, not charged";
    case VarianceCategory::RetryAmplification: return "retries charged as separate requests";
    case VarianceCategory::TimeoutAmbiguity: return "timed out at the client, processed by the provider";
    case VarianceCategory::MissingUsage: return "charged, but no client token counts";
    case VarianceCategory::ModelDrift: return "billed model differs from the requested one";
    case VarianceCategory::TokenDifference: return "provider's token counts differ";
    case VarianceCategory::PriceDrift: return "provider's rate differs from the snapshot";
    case VarianceCategory::PostingDelay: return "recent attempts not posted yet";
    case VarianceCategory::WindowMismatch: return "provider days in another zone or window";
    case VarianceCategory::Rounding: return "rounding of the provider's amounts";
    case VarianceCategory::UnverifiedOutcome: return "charged attempts of an unverified class";
    case VarianceCategory::Unexplained: return "not explained by any category";
    case VarianceCategory::None: break;
    }
    return "";
}

/** Everything the layout reads, computed once for both passes. */
struct Data
{
    const ReconcileResult &r;
    const LedgerSet &set;
    const PacketReportContext &ctx;
    QHash<std::uint32_t, std::uint32_t> lineOfRow; ///< client row -> line index
};

// ---- sections ---------------------------------------------------------------------------------

void titleBlock(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    const QString account = r.period.accountRef.isEmpty() ? QStringLiteral("(account not given)") : r.period.accountRef;
    const QString sub = QStringLiteral("%1  \u00b7  %2  \u00b7  %3").arg(account, periodLong(r.period), r.period.currency);
    c.block(50, [&](QPainter &p, const QRectF &rect) {
        c.drawText(rect.left(), rect.top(), rect.width() - c.pt(120), QStringLiteral("Reconciliation report"), c.font(20, true),
                   ReportCanvas::kHeading);
        c.drawText(rect.left(), rect.top() + c.pt(27), rect.width() - c.pt(120), sub, c.font(10.5), ReportCanvas::kMuted);
        // The decision, where the eye lands first.
        const QRectF badge(rect.right() - c.pt(104), rect.top() + c.pt(2), c.pt(104), c.pt(40));
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(Qt::NoPen);
        p.setBrush(decisionColor(r.decision));
        p.drawRoundedRect(badge, c.pt(4), c.pt(4));
        c.drawText(badge.left(), badge.top() + c.pt(4), badge.width(), QStringLiteral("DECISION"), c.font(6.5, true),
                   QColor(255, 255, 255, 220), Qt::AlignHCenter);
        c.drawText(badge.left(), badge.top() + c.pt(13), badge.width(), decisionWord(r.decision).toUpper(), c.font(17, true), Qt::white,
                   Qt::AlignHCenter);
    });
}

void provisionalBanner(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    if (!r.provisional)
        return;
    QString when = r.observedAt == kNoTime ? QStringLiteral("an unknown time") : timeutil::formatUtc(r.observedAt);
    QString lag;
    if (r.observedAt != kNoTime && r.period.end != kNoTime) {
        const qint64 hours = (r.observedAt - r.period.end) / 3600000000LL;
        lag = hours >= 0 ? QStringLiteral(", %1 h after the period end").arg(hours) : QStringLiteral(", before the period end");
    }
    c.callout(QStringLiteral("PROVISIONAL"),
              QStringLiteral("The provider's data was observed at %1%2, inside the %3 h posting window. Late postings may still change "
                             "the provider-reported figures: treat them as provisional, not as final spend, and reconcile again "
                             "after the window closes.")
                  .arg(when, lag)
                  .arg(r.controls.postingWindowHours),
              kOrange, QColor(0xff, 0xf4, 0xe0));
}

void factsBlock(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    const PacketReportContext &x = d.ctx;
    QString signoff = QStringLiteral("not signed off");
    if (x.signedOff) {
        signoff = QStringLiteral("signed off by %1").arg(x.signoff.value(QStringLiteral("reviewer")));
        const QString date = x.signoff.value(QStringLiteral("review_date"));
        if (!date.isEmpty())
            signoff += QStringLiteral(" on ") + date;
    }
    const QString asOf = timeutil::formatUtc(r.controls.asOf != kNoTime ? r.controls.asOf : r.period.end);
    c.fields({
                 {QStringLiteral("Packet"), x.packetId.isEmpty() ? QStringLiteral("(none)") : x.packetId},
                 {QStringLiteral("Period (UTC, end exclusive)"),
                  QStringLiteral("%1 (%2 \u2013 %3)").arg(x.periodLabel, timeutil::formatUtc(r.period.start), timeutil::formatUtc(r.period.end))},
                 {QStringLiteral("Account"), r.period.accountRef.isEmpty() ? QStringLiteral("(not given)") : r.period.accountRef},
                 {QStringLiteral("Provider"), FocusExporter::providerName(d.set)},
                 {QStringLiteral("Provider data observed at"),
                  r.observedAt == kNoTime ? QStringLiteral("not available") : timeutil::formatUtc(r.observedAt)
                          + (r.provisional ? QStringLiteral(" (provisional)") : QString())},
                 {QStringLiteral("Judged as of"), asOf},
                 {QStringLiteral("Currency / invoice"),
                  r.period.currency + QStringLiteral(" / ") + (r.period.invoiceId.isEmpty() ? QStringLiteral("no invoice id") : r.period.invoiceId)},
                 {QStringLiteral("Created (UTC)"), x.createdAt.isEmpty() ? QStringLiteral("(not given)") : x.createdAt},
                 {QStringLiteral("Prepared by"), x.preparer.isEmpty() ? QStringLiteral("(not given)") : x.preparer},
                 {QStringLiteral("Signing key ID"), x.signerKeyId.isEmpty() ? QStringLiteral("(unsigned)") : x.signerKeyId},
                 {QStringLiteral("Sign-off"), signoff},
                 {QStringLiteral("Inputs"), QStringLiteral("%1 file(s), %2 attempts").arg(d.set.files.size()).arg(num(r.attempts))},
             },
             3);
}

void decisionSection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    c.heading(QStringLiteral("Decision: %1").arg(decisionWord(r.decision)));
    QString why;
    switch (r.decision) {
    case Decision::Pass: why = QStringLiteral("Every required field is present and the variance is within both thresholds."); break;
    case Decision::Warn: why = QStringLiteral("Usable with care: the reasons below need a look before sign-off."); break;
    case Decision::Fail: why = QStringLiteral("Not fit for a finance-facing report until the failing reasons below are resolved."); break;
    }
    why += QStringLiteral(" Variance thresholds: %1% of estimated billable or %2 %3.")
               .arg(r.controls.varianceThresholdPercent.toString(), r.controls.varianceThresholdAbsolute.toString(), r.period.currency);
    c.paragraph(why, c.font(8.5));
    if (r.reasons.empty()) {
        c.paragraph(QStringLiteral("No reasons recorded."), c.font(8.5), ReportCanvas::kMuted);
        return;
    }
    ReportTable t;
    t.addColumn(QStringLiteral("Reason"), 1.35, Qt::AlignLeft, true);
    t.addColumn(QStringLiteral("Level"), 0.55);
    t.addColumn(QStringLiteral("Detail"), 4.6);
    t.addColumn(QStringLiteral("Rows"), 0.6, Qt::AlignRight);
    for (const DecisionReason &reason : r.reasons) {
        ReportTable::Row &row = t.addRow({reason.code, decisionWord(reason.level).toUpper(), reason.detail, num(reason.rows)});
        row.colors.insert(1, decisionColor(reason.level));
        row.bold.insert(1, true);
    }
    c.table(t);
}

void totalsSection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    const int scale = r.controls.roundingScale;
    const RoundingMode mode = r.controls.roundingMode;
    c.heading(QStringLiteral("Totals (%1)").arg(r.period.currency), 80);
    struct Card
    {
        QString label, tag;
        QColor tagColor;
        QString value, exact, note;
    };
    std::vector<Card> cards;
    cards.push_back({QStringLiteral("Estimated billable"), QStringLiteral("ESTIMATED"), kBlue, rounded(r.estimatedBillable, scale, mode),
                     QStringLiteral("exact ") + dec(r.estimatedBillable), QStringLiteral("client ledger priced at the snapshot")});
    if (r.providerReported.known) {
        QString src = QStringLiteral("from the provider's records");
        if (r.providerSource == QLatin1String("daily"))
            src += QStringLiteral(" (daily aggregates)");
        else if (r.providerSource == QLatin1String("requests"))
            src += QStringLiteral(" (per-request records)");
        cards.push_back({QStringLiteral("Provider-reported"), r.provisional ? QStringLiteral("PROVISIONAL") : QStringLiteral("RECONCILED"),
                         r.provisional ? kOrange : kGreen, rounded(r.providerReported.value, scale, mode),
                         QStringLiteral("exact ") + dec(r.providerReported.value), src});
    } else {
        cards.push_back({QStringLiteral("Provider-reported"), QStringLiteral("NOT AVAILABLE"), ReportCanvas::kMuted, QStringLiteral("null"),
                         QStringLiteral("no provider figure"), QStringLiteral("estimates only: nothing to reconcile against")});
    }
    if (r.variance.known) {
        QString pct;
        if (!r.estimatedBillable.isZero())
            pct = QStringLiteral(", %1% of estimated")
                      .arg(QString::fromStdString(r.variance.value.mulInt(100).div(r.estimatedBillable).round(3, RoundingMode::HalfEven).toStdString()));
        cards.push_back({QStringLiteral("Variance"), QString(), QColor(), (r.variance.value.signum() > 0 ? QStringLiteral("+") : QString())
                             + rounded(r.variance.value, scale, mode),
                         QStringLiteral("exact ") + signedDec(r.variance.value), QStringLiteral("provider-reported \u2212 estimated") + pct});
    } else {
        cards.push_back({QStringLiteral("Variance"), QString(), QColor(), QStringLiteral("null"), QStringLiteral("no provider figure"), QString()});
    }
    if (r.finance.present) {
        cards.push_back({QStringLiteral("Invoice total"), QStringLiteral("INVOICE"), ReportCanvas::kHeading, rounded(r.finance.invoiceTotal, scale, mode),
                         QStringLiteral("exact ") + dec(r.finance.invoiceTotal),
                         r.finance.usageVsProvider.known ? QStringLiteral("invoice usage \u2212 provider-reported ") + signedDec(r.finance.usageVsProvider.value)
                                                         : QStringLiteral("from the finance records")});
    } else {
        cards.push_back({QStringLiteral("Invoice total"), QStringLiteral("NO INVOICE"), ReportCanvas::kMuted, QStringLiteral("\u2014"),
                         QStringLiteral("no finance records loaded"), QString()});
    }

    const double gap = c.pt(8);
    const double cardW = (c.width() - gap * 3) / 4;
    const double pad = c.pt(6);
    const QFont labelF = c.font(6.8, true), valueF = c.font(13, true), exactF = c.font(6.2, false, true), noteF = c.font(6.6);
    double h = 0;
    for (const Card &k : cards)
        h = std::max(h, c.textHeight(k.label.toUpper(), labelF, cardW - 2 * pad) + c.pt(13) + c.textHeight(k.value, valueF, cardW - 2 * pad)
                            + c.textHeight(k.exact, exactF, cardW - 2 * pad) + c.pt(3) + c.textHeight(k.note, noteF, cardW - 2 * pad));
    h += 2 * pad;
    c.block(h / c.unit(), [&](QPainter &p, const QRectF &rect) {
        for (std::size_t i = 0; i < cards.size(); ++i) {
            const Card &k = cards[i];
            const QRectF box(rect.left() + double(i) * (cardW + gap), rect.top(), cardW, rect.height());
            p.setPen(QPen(ReportCanvas::kRule, c.pt(0.7)));
            p.setBrush(Qt::NoBrush);
            p.drawRect(box);
            double y = box.top() + pad;
            y += c.drawText(box.left() + pad, y, cardW - 2 * pad, k.label.toUpper(), labelF, ReportCanvas::kMuted) + c.pt(2);
            if (!k.tag.isEmpty()) {
                const QFont tagF = c.font(5.8, true);
                const double tw = QFontMetricsF(tagF, p.device()).horizontalAdvance(k.tag) + c.pt(6);
                p.fillRect(QRectF(box.left() + pad, y, tw, c.pt(9)), k.tagColor);
                c.drawText(box.left() + pad, y + c.pt(1.2), tw, k.tag, tagF, Qt::white, Qt::AlignHCenter);
            }
            y += c.pt(11);
            y += c.drawText(box.left() + pad, y, cardW - 2 * pad, k.value, valueF, ReportCanvas::kInk);
            y += c.drawText(box.left() + pad, y, cardW - 2 * pad, k.exact, exactF, ReportCanvas::kMuted) + c.pt(3);
            c.drawText(box.left() + pad, y, cardW - 2 * pad, k.note, noteF, ReportCanvas::kMuted);
        }
    });
    c.space(6);
    c.paragraph(QStringLiteral("Estimated unverified (not claimed): %1 %2 (exact %3), outcomes without billing evidence such as timeouts "
                               "and cancels. Headline figures are rounded %4 to %5 decimals; the exact decimals are shown beneath them. "
                               "Estimated = the client ledger priced with the snapshot; reconciled = the provider's billing records after "
                               "the posting window. Neither overwrites the other.")
                    .arg(rounded(r.estimatedUnverified, scale, mode), r.period.currency, dec(r.estimatedUnverified),
                         QString::fromLatin1(roundingModeName(mode)))
                    .arg(scale),
                c.font(7.2), ReportCanvas::kMuted);
}

void chartsSection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    c.heading(QStringLiteral("Variance waterfall (%1)").arg(r.period.currency), ReportCharts::waterfallHeight(r));
    c.block(ReportCharts::waterfallHeight(r), [&](QPainter &p, const QRectF &rect) { ReportCharts::paintWaterfall(p, rect, c.unit(), r); });
    if (r.variance.known)
        c.paragraph(QStringLiteral("From the estimated billable cost through each variance category to the provider-reported cost; the "
                                   "categories, unexplained included, add up to the variance exactly."),
                    c.font(7.2), ReportCanvas::kMuted);
    c.heading(QStringLiteral("Spend per API key (%1)").arg(r.period.currency), ReportCharts::keyChartHeight(r));
    c.block(ReportCharts::keyChartHeight(r), [&](QPainter &p, const QRectF &rect) { ReportCharts::paintKeys(p, rect, c.unit(), r, d.set); });
    c.paragraph(QStringLiteral("Per key: estimated billable and, where the provider reports per key, provider-reported (variance in brackets)."),
                c.font(7.2), ReportCanvas::kMuted);
}

void categorySection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    c.heading(QStringLiteral("Variance by category"));
    if (!r.variance.known) {
        c.paragraph(QStringLiteral("No provider-reported figure for the period, so no variance."), c.font(8.5), ReportCanvas::kMuted);
        return;
    }
    ReportTable t;
    t.addColumn(QStringLiteral("Category"), 1.5, Qt::AlignLeft, true);
    t.addColumn(QStringLiteral("Meaning"), 3);
    t.addColumn(QStringLiteral("Amount (%1)").arg(r.period.currency), 1.2, Qt::AlignRight);
    t.addColumn(QStringLiteral("Rows"), 0.6, Qt::AlignRight);
    for (int i = 0; i < VarianceCategoryCount; ++i) {
        const auto cat = static_cast<VarianceCategory>(i);
        const Decimal a = r.varianceByCategory[static_cast<std::size_t>(i)];
        const qint64 rows = r.varianceRowsByCategory[static_cast<std::size_t>(i)];
        const bool zero = a.isZero() && rows == 0;
        t.addRow({QString::fromLatin1(varianceCategoryName(cat)), QString::fromLatin1(categoryMeaning(cat)), zero ? QStringLiteral("0") : signedDec(a),
                  num(rows)},
                 zero ? ReportTable::RowStyle::Muted : ReportTable::RowStyle::Normal);
    }
    t.addRow({QStringLiteral("variance"), QStringLiteral("provider-reported \u2212 estimated billable"), signedDec(r.variance.value), QString()},
             ReportTable::RowStyle::Total);
    c.table(t);
}

void topVariancesSection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    const LedgerSet &set = d.set;
    const StringPool &pool = set.pool();
    if (r.variance_items.empty())
        return;
    std::vector<std::size_t> order(r.variance_items.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return r.variance_items[a].amount.abs() > r.variance_items[b].amount.abs();
    });
    const std::size_t shown = std::min<std::size_t>(order.size(), kTopVariances);
    c.heading(QStringLiteral("Largest variances and their rows"));
    c.paragraph(QStringLiteral("The %1 largest of %2 attributed amounts (by size), each with the ledger rows behind it; "
                               "variance.csv and lines.csv in the packet hold them all.")
                    .arg(shown)
                    .arg(r.variance_items.size()),
                c.font(7.5), ReportCanvas::kMuted);
    ReportTable t;
    t.fontSize = 7;
    t.addColumn(QStringLiteral("#"), 0.25);
    t.addColumn(QStringLiteral("Category / row"), 1.55);
    t.addColumn(QStringLiteral("API key"), 1.0);
    t.addColumn(QStringLiteral("Day / time (UTC)"), 1.5, Qt::AlignLeft, true);
    t.addColumn(QStringLiteral("Request / record"), 1.45, Qt::AlignLeft, true);
    t.addColumn(QStringLiteral("Model"), 1.0);
    t.addColumn(QStringLiteral("Amount"), 1.15, Qt::AlignRight);
    t.addColumn(QStringLiteral("Source"), 1.05, Qt::AlignLeft, true);
    for (std::size_t n = 0; n < shown; ++n) {
        const VarianceItem &v = r.variance_items[order[n]];
        ReportTable::Row &g = t.addRow({QString::number(n + 1), QString::fromLatin1(varianceCategoryName(v.category)), qs(pool.view(v.apiKey)),
                                        timeutil::dayString(v.day), QStringLiteral("%1 row(s)").arg(v.rowCount()), QString(),
                                        signedDec(v.amount), QString()},
                                       ReportTable::RowStyle::Group);
        g.colors.insert(6, v.amount.isNegative() ? kGreen : kRed);
        int listed = 0;
        const AttemptTable &cl = set.client;
        for (std::uint32_t row : v.clientRows) {
            if (listed++ >= kRowsPerVariance)
                break;
            if (row >= cl.size())
                continue;
            const auto li = d.lineOfRow.constFind(row);
            QString cost;
            if (li != d.lineOfRow.cend() && r.lineCostKnown[*li])
                cost = dec(r.lineCost[*li]);
            const QString what = QStringLiteral("client attempt %1 \u00b7 %2").arg(cl.attempt[row]).arg(QString::fromLatin1(outcomeName(static_cast<Outcome>(cl.outcome[row]))));
            t.addRow({QString(), what, qs(pool.view(cl.apiKey[row])), timeutil::formatUtc(cl.timestamp[row]), qs(pool.view(cl.requestId[row])),
                      qs(pool.view(cl.modelRequested[row])), cost, sourceOf(set, cl.sourceFile[row], cl.sourceLine[row])},
                     ReportTable::RowStyle::Detail);
        }
        for (std::uint32_t row : v.providerRows) {
            if (listed++ >= kRowsPerVariance)
                break;
            if (v.providerRowsAreRequests) {
                const ProviderRequestTable &pr = set.providerRequests;
                if (row >= pr.size())
                    continue;
                const std::string_view id = pool.view(pr.requestId[row]).empty() ? pool.view(pr.recordId[row]) : pool.view(pr.requestId[row]);
                t.addRow({QString(), QStringLiteral("provider record"), qs(pool.view(pr.apiKey[row])), timeutil::formatUtc(pr.timestamp[row]), qs(id),
                          qs(pool.view(pr.model[row])), pr.costKnown[row] ? dec(pr.cost[row]) : QString(),
                          sourceOf(set, pr.sourceFile[row], pr.sourceLine[row])},
                         ReportTable::RowStyle::Detail);
            } else {
                const ProviderDailyTable &pd = set.providerDaily;
                if (row >= pd.size())
                    continue;
                const std::uint32_t obs = pd.observation[row];
                const std::uint32_t file = obs < set.observations.size() ? set.observations[obs].sourceFile : 0;
                t.addRow({QString(), QStringLiteral("provider day \u00b7 %1 request(s)").arg(pd.requests[row] >= 0 ? num(pd.requests[row]) : QStringLiteral("?")),
                          qs(pool.view(pd.apiKey[row])), timeutil::dayString(pd.day[row]), QString(), qs(pool.view(pd.model[row])),
                          pd.amountKnown[row] ? dec(pd.amount[row]) : QString(), sourceOf(set, file, pd.sourceLine[row])},
                         ReportTable::RowStyle::Detail);
            }
        }
        const qint64 more = v.rowCount() - kRowsPerVariance;
        if (more > 0)
            t.addRow({QString(), QStringLiteral("\u2026 and %1 more row(s)").arg(num(more)), QString(), QString(), QString(), QString(), QString(), QString()},
                     ReportTable::RowStyle::Detail);
    }
    c.table(t);
}

void keysSection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    const StringPool &pool = d.set.pool();
    const OwnerDirectory owners(d.set);
    c.heading(QStringLiteral("By API key"));
    ReportTable t;
    t.fontSize = 7;
    t.addColumn(QStringLiteral("API key"), 1.3);
    t.addColumn(QStringLiteral("Owner"), 1.05);
    t.addColumn(QStringLiteral("Cost center"), 0.85);
    t.addColumn(QStringLiteral("Attempts"), 0.75, Qt::AlignRight);
    t.addColumn(QStringLiteral("Estimated"), 1.2, Qt::AlignRight);
    t.addColumn(QStringLiteral("Provider-reported"), 1.15, Qt::AlignRight);
    t.addColumn(QStringLiteral("Variance"), 1.2, Qt::AlignRight);
    t.addColumn(QStringLiteral("Budget used"), 0.75, Qt::AlignRight);
    const qint64 quarantined = r.quarantinedUnknownModel + r.quarantinedMissingUsage + r.quarantinedDuplicate;
    for (const KeyTotals &k : r.byKey) {
        const std::string_view key = pool.view(k.apiKey);
        const OwnerRow *o = owners.find(key);
        QString used = QStringLiteral("\u2014");
        if (o && o->monthlyBudget.known && (o->currency.isEmpty() || o->currency == r.period.currency) && o->monthlyBudget.value.signum() > 0)
            used = QString::fromStdString(k.estimatedCost.mulInt(100).div(o->monthlyBudget.value).round(1, RoundingMode::HalfEven).toFixedStdString(1))
                + QLatin1Char('%');
        ReportTable::Row &row = t.addRow({qs(key), o ? o->ownerGroup : QStringLiteral("\u2014"), o ? o->costCenter : QStringLiteral("\u2014"),
                                          num(k.attempts), dec(k.estimatedCost),
                                          k.providerReported.known ? dec(k.providerReported.value) : QStringLiteral("null"),
                                          k.variance.known ? signedDec(k.variance.value) : QStringLiteral("null"), used});
        if (k.variance.known && !k.variance.value.isZero())
            row.colors.insert(6, k.variance.value.isNegative() ? kGreen : kRed);
    }
    t.addRow({QStringLiteral("Total"), QString(), QString(), num(r.attempts - quarantined), dec(r.estimatedBillable),
              r.providerReported.known ? dec(r.providerReported.value) : QStringLiteral("null"),
              r.variance.known ? signedDec(r.variance.value) : QStringLiteral("null"), QString()},
             ReportTable::RowStyle::Total);
    c.table(t);
    c.paragraph(QStringLiteral("Attempts exclude quarantined ones. Budget used = estimated billable / monthly budget from the owners table."),
                c.font(7.2), ReportCanvas::kMuted);
}

/** An allocation table (owners, alerts, unit costs): the same rows as the HTML report. */
void allocationSection(ReportCanvas &c, const QString &title, const AllocationReportTables::Table &t, double fontSize = 7)
{
    c.heading(title, 40);
    if (!t.rows.isEmpty()) {
        ReportTable rt;
        rt.fontSize = fontSize;
        for (const AllocationReportTables::Column &col : t.columns)
            rt.addColumn(col.title, col.width, col.numeric ? Qt::AlignRight : Qt::AlignLeft);
        for (qsizetype i = 0; i < t.rows.size(); ++i) {
            ReportTable::Row &row = rt.addRow(t.rows[i], i == t.totalRow ? ReportTable::RowStyle::Total : ReportTable::RowStyle::Normal);
            if (t.severityColumn >= 0)
                row.colors.insert(t.severityColumn, t.rows[i].value(t.severityColumn) == QLatin1String("critical") ? kRed : kWarn);
        }
        c.table(rt);
    }
    c.paragraph(t.caption, c.font(7.2), ReportCanvas::kMuted);
}

void allocationSections(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    allocationSection(c, QStringLiteral("Owner groups and budgets (%1)").arg(r.period.currency),
                      AllocationReportTables::owners(r.allocation, r.period.currency));
    allocationSection(c, QStringLiteral("Alerts"), AllocationReportTables::alerts(r.allocation), 6.5);
    allocationSection(c, QStringLiteral("Unit costs (%1)").arg(r.period.currency), AllocationReportTables::unitCosts(r.allocation, r.period.currency));
}

void quarantineSection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    const LedgerSet &set = d.set;
    const StringPool &pool = set.pool();
    const AttemptTable &cl = set.client;
    const qint64 quarantined = r.quarantinedUnknownModel + r.quarantinedMissingUsage + r.quarantinedDuplicate;
    c.heading(QStringLiteral("Quarantines"), 40);
    c.paragraph(QStringLiteral("%1 attempt(s) quarantined: unknown_model %2, missing_usage %3, duplicate %4. Quarantined attempts count in "
                               "the attempts and in no cost; %5 row(s) outside the period were excluded.")
                    .arg(num(quarantined), num(r.quarantinedUnknownModel), num(r.quarantinedMissingUsage), num(r.quarantinedDuplicate),
                         num(static_cast<qint64>(r.excludedRows.size()))),
                c.font(8.3));
    if (quarantined == 0)
        return;
    // In the order of lines.csv and the HTML report (time, then request id, then attempt).
    std::vector<std::uint32_t> order = LedgerExporter::quarantinedLines(r);
    LedgerExporter::sortLines(order, r, set);
    ReportTable t;
    t.fontSize = 6.6;
    t.addColumn(QStringLiteral("Time (UTC)"), 1.5, Qt::AlignLeft, true);
    t.addColumn(QStringLiteral("Request"), 1.75, Qt::AlignLeft, true);
    t.addColumn(QStringLiteral("Attempt"), 0.6, Qt::AlignRight);
    t.addColumn(QStringLiteral("API key"), 1.15);
    t.addColumn(QStringLiteral("Model requested"), 1.0);
    t.addColumn(QStringLiteral("Reason"), 0.95, Qt::AlignLeft, true);
    t.addColumn(QStringLiteral("Source"), 1.2, Qt::AlignLeft, true);
    int listed = 0;
    for (std::uint32_t li : order) {
        if (listed++ >= kQuarantinesListed)
            break;
        const std::uint32_t row = r.lineRow[li];
        t.addRow({timeutil::formatUtc(cl.timestamp[row]), qs(pool.view(cl.requestId[row])), QString::number(cl.attempt[row]),
                  qs(pool.view(cl.apiKey[row])), qs(pool.view(cl.modelRequested[row])), QString::fromLatin1(quarantineName(r.lineQuarantine[li])),
                  sourceOf(set, cl.sourceFile[row], cl.sourceLine[row])});
    }
    c.table(t);
    if (quarantined > kQuarantinesListed)
        c.paragraph(QStringLiteral("The first %1 of %2 are listed; exclusions.csv in the packet lists them all.").arg(kQuarantinesListed).arg(num(quarantined)),
                    c.font(7.2), ReportCanvas::kMuted);
}

void evidenceSection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    const LedgerSet &set = d.set;
    const StringPool &pool = set.pool();
    // The evidence behind what the reconciliation used: the price snapshots its lines were
    // priced with and the billing policy (as the decision judges them).
    QSet<StringPool::Id> usedSnapshots(r.lineSnapshot.begin(), r.lineSnapshot.end());
    std::map<QString, QStringList> usedFor;
    for (const PriceRow &p : set.prices) {
        if (p.evidenceId.isEmpty())
            continue;
        const QByteArray sid = p.snapshotId.toUtf8();
        if (!usedSnapshots.contains(pool.find(std::string_view(sid.constData(), std::size_t(sid.size())))))
            continue;
        const QString what = QStringLiteral("price snapshot %1").arg(p.snapshotId);
        if (!usedFor[p.evidenceId].contains(what))
            usedFor[p.evidenceId] << what;
    }
    std::map<QString, QStringList> policyOutcomes;
    for (const PolicyRow &p : set.policy) {
        if (p.evidenceId.isEmpty())
            continue;
        const QString outcome = QString::fromLatin1(outcomeName(p.outcome));
        if (!policyOutcomes[p.evidenceId].contains(outcome))
            policyOutcomes[p.evidenceId] << outcome;
    }
    for (const auto &[id, outcomes] : policyOutcomes)
        usedFor[id] << QStringLiteral("billing policy for ") + outcomes.join(QStringLiteral(", "));
    const QDate asOf = timeutil::dateFromDay(timeutil::utcDay(r.controls.asOf != kNoTime ? r.controls.asOf : r.period.end));
    c.heading(QStringLiteral("Evidence used"), 50);
    c.paragraph(QStringLiteral("The evidence entries behind the price snapshots used and the billing policy, with their review dates as of %1. "
                               "The register held %2 entr%3; the packet carries it whole (evidence/register.csv).")
                    .arg(asOf.toString(Qt::ISODate))
                    .arg(set.evidence.size())
                    .arg(set.evidence.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies")),
                c.font(7.5), ReportCanvas::kMuted);
    if (usedFor.empty()) {
        c.paragraph(QStringLiteral("No price snapshot or policy row used names an evidence entry."), c.font(8.3), kWarn);
        return;
    }
    QHash<QString, const EvidenceEntry *> byId;
    for (const EvidenceEntry &e : set.evidence)
        if (!byId.contains(e.evidenceId))
            byId.insert(e.evidenceId, &e);
    ReportTable t;
    t.fontSize = 7;
    t.addColumn(QStringLiteral("Evidence"), 1.1, Qt::AlignLeft, true);
    t.addColumn(QStringLiteral("Assumption"), 2.2);
    t.addColumn(QStringLiteral("Used for"), 1.5);
    t.addColumn(QStringLiteral("Status"), 0.8);
    t.addColumn(QStringLiteral("Accessed"), 0.85);
    t.addColumn(QStringLiteral("Next review"), 1.05);
    t.addColumn(QStringLiteral("Owner"), 0.9);
    for (const auto &[id, uses] : usedFor) {
        const EvidenceEntry *e = byId.value(id);
        if (!e) {
            ReportTable::Row &row = t.addRow({id, QStringLiteral("not in the register"), uses.join(QStringLiteral("; ")), QStringLiteral("missing"),
                                              QString(), QString(), QString()});
            row.colors.insert(3, kFail);
            continue;
        }
        const bool overdue = e->nextReviewOn.isValid() && e->nextReviewOn < asOf;
        QString next = e->nextReviewOn.isValid() ? e->nextReviewOn.toString(Qt::ISODate) : QStringLiteral("not set");
        if (overdue)
            next += QStringLiteral(" (overdue)");
        QString assumption = e->assumption;
        if (!e->area.isEmpty())
            assumption += QStringLiteral(" [") + e->area + QLatin1Char(']');
        ReportTable::Row &row = t.addRow({id, assumption, uses.join(QStringLiteral("; ")), QString::fromLatin1(evidenceStatusName(e->status)),
                                          e->accessedOn.isValid() ? e->accessedOn.toString(Qt::ISODate) : QStringLiteral("\u2014"), next, e->owner});
        row.colors.insert(3, e->status == EvidenceStatus::Verified ? kGreen : e->status == EvidenceStatus::Unverified ? kWarn : ReportCanvas::kMuted);
        if (overdue || !e->nextReviewOn.isValid()) {
            row.colors.insert(5, kFail);
            row.bold.insert(5, overdue);
        }
    }
    c.table(t);
}

void financeSection(ReportCanvas &c, const Data &d)
{
    const ReconcileResult &r = d.r;
    if (!r.finance.present)
        return;
    const FinanceSummary &f = r.finance;
    c.heading(QStringLiteral("Finance (%1)").arg(r.period.currency), 60);
    ReportTable t;
    t.addColumn(QStringLiteral("Finance line"), 3);
    t.addColumn(QStringLiteral("Amount"), 1.2, Qt::AlignRight);
    const std::pair<const char *, Decimal> lines[] = {
        {"Usage subtotal", f.usageSubtotal}, {"Credits", f.credits}, {"Discounts", f.discounts}, {"Tax", f.tax},
        {"Refunds", f.refunds},              {"Top-ups", f.topups},   {"Adjustments", f.adjustments}, {"FX", f.fx},
    };
    for (const auto &[name, v] : lines)
        t.addRow({QString::fromLatin1(name), dec(v)}, v.isZero() ? ReportTable::RowStyle::Muted : ReportTable::RowStyle::Normal);
    t.addRow({QStringLiteral("Invoice total"), dec(f.invoiceTotal)}, ReportTable::RowStyle::Total);
    t.addRow({QStringLiteral("Usage subtotal \u2212 provider-reported"), f.usageVsProvider.known ? signedDec(f.usageVsProvider.value) : QStringLiteral("null")});
    c.table(t);
}

void inputsSection(ReportCanvas &c, const Data &d)
{
    c.heading(QStringLiteral("Inputs"), 50);
    c.paragraph(QStringLiteral("The files as the packet holds them (inputs/raw/). A file that held secrets or prompt text is stored redacted; "
                               "the hash as received lets an auditor match the original."),
                c.font(7.2), ReportCanvas::kMuted);
    ReportTable t;
    t.fontSize = 6.6;
    t.addColumn(QStringLiteral("File"), 1.45);
    t.addColumn(QStringLiteral("Kind / format"), 1.45);
    t.addColumn(QStringLiteral("Rows"), 0.55, Qt::AlignRight);
    t.addColumn(QStringLiteral("Redacted"), 0.75, Qt::AlignRight);
    t.addColumn(QStringLiteral("SHA-256 as stored"), 4.1, Qt::AlignLeft, true);
    for (const SourceFile &f : d.set.files) {
        const ImportReport &rep = f.report;
        t.addRow({rep.fileName, rep.kind + QStringLiteral("\n") + rep.format, num(rep.rowsAccepted), num(rep.redactions), rep.sha256Stored});
        if (rep.sha256Received != rep.sha256Stored)
            t.addRow({QString(), QStringLiteral("as received, before redaction"), QString(), QString(), rep.sha256Received},
                     ReportTable::RowStyle::Detail);
    }
    c.table(t);
}

void warningsSection(ReportCanvas &c, const Data &d)
{
    if (d.r.warnings.isEmpty())
        return;
    c.heading(QStringLiteral("Warnings"), 30);
    for (const QString &w : d.r.warnings)
        c.paragraph(QStringLiteral("\u2022 ") + w, c.font(8), ReportCanvas::kInk, 4);
}

void signoffSection(ReportCanvas &c, const Data &d)
{
    const PacketReportContext &x = d.ctx;
    c.heading(QStringLiteral("Sign-off"), 110);
    if (x.signedOff) {
        const ReviewRecord &s = x.signoff;
        QString who = s.value(QStringLiteral("reviewer"));
        if (!s.value(QStringLiteral("reviewer_role")).isEmpty())
            who += QStringLiteral(" (") + s.value(QStringLiteral("reviewer_role")) + QLatin1Char(')');
        QString text = QStringLiteral("Signed off by %1").arg(who);
        if (!s.value(QStringLiteral("review_date")).isEmpty())
            text += QStringLiteral(" on ") + s.value(QStringLiteral("review_date"));
        if (!s.value(QStringLiteral("decision")).isEmpty())
            text += QStringLiteral("; reviewer's decision: ") + s.value(QStringLiteral("decision"));
        if (!s.value(QStringLiteral("result")).isEmpty())
            text += QStringLiteral("; result: ") + s.value(QStringLiteral("result"));
        text += QStringLiteral(". The review record below is part of the signed packet (packet.json).");
        c.callout(QStringLiteral("SIGNED OFF"), text, kPass, QColor(0xed, 0xf7, 0xee));
        ReportTable t;
        t.fontSize = 7.3;
        t.addColumn(QStringLiteral("Review record field"), 1.2, Qt::AlignLeft, true);
        t.addColumn(QStringLiteral("Value"), 3.5);
        const QJsonObject o = s.toJson();
        for (const QString &field : ReviewRecord::fieldNames()) {
            const QJsonValue v = o.value(field);
            if (v.isNull() || v.isUndefined())
                continue;
            t.addRow({field, jsonText(v)});
        }
        c.table(t);
    } else {
        c.callout(QStringLiteral("NOT SIGNED OFF"),
                  QStringLiteral("This packet is not signed off: no reviewer's review record was given when it was made "
                                 "(tokenledger-cli packet \u2026 --signoff REVIEW.json). The signature below proves only that the "
                                 "packet is unchanged since it was made, not that anyone reviewed it."),
                  ReportCanvas::kMuted, QColor(0xf3, 0xf5, 0xf7));
        // Room to sign on paper.
        c.block(58, [&](QPainter &p, const QRectF &rect) {
            const QStringList labels = {QStringLiteral("Reviewer"), QStringLiteral("Role"), QStringLiteral("Date"), QStringLiteral("Signature")};
            const double gap = c.pt(12);
            const double w = (rect.width() - gap * 3) / 4;
            for (int i = 0; i < labels.size(); ++i) {
                const double x0 = rect.left() + i * (w + gap);
                p.setPen(QPen(ReportCanvas::kMuted, c.pt(0.6)));
                p.drawLine(QPointF(x0, rect.top() + c.pt(36)), QPointF(x0 + w, rect.top() + c.pt(36)));
                c.drawText(x0, rect.top() + c.pt(39), w, labels[i], c.font(6.8), ReportCanvas::kMuted);
            }
        });
    }
    c.subheading(QStringLiteral("Integrity"), 30);
    c.paragraph(QStringLiteral("This report is data/report/report.pdf in packet %1, a BagIt bag whose tag manifest is signed with the minisign "
                               "key %2 (signed %3). Check it with: tokenledger-cli verify %1.zip --pubkey KEY.pub, or with minisign -V and "
                               "sha256sum -c as packet.md describes. Obtain the public key from its owner, not from the packet.")
                    .arg(x.packetId.isEmpty() ? QStringLiteral("(none)") : x.packetId,
                         x.signerKeyId.isEmpty() ? QStringLiteral("(none)") : x.signerKeyId,
                         x.createdAt.isEmpty() ? QStringLiteral("(unknown)") : x.createdAt),
                c.font(7.5), ReportCanvas::kMuted);
}

void layout(ReportCanvas &c, const Data &d)
{
    titleBlock(c, d);
    provisionalBanner(c, d);
    factsBlock(c, d);
    decisionSection(c, d);
    totalsSection(c, d);
    chartsSection(c, d);
    categorySection(c, d);
    topVariancesSection(c, d);
    keysSection(c, d);
    allocationSections(c, d);
    quarantineSection(c, d);
    evidenceSection(c, d);
    financeSection(c, d);
    inputsSection(c, d);
    warningsSection(c, d);
    signoffSection(c, d);
}

void setUp(QPdfWriter &w, const PacketReportContext &x)
{
    w.setPageSize(QPageSize(QPageSize::A4));
    w.setPageMargins(QMarginsF(0, 0, 0, 0));
    w.setResolution(300);
    w.setTitle(QStringLiteral("Reconciliation report %1").arg(x.packetId.isEmpty() ? x.periodLabel : x.packetId));
    w.setCreator(QStringLiteral("tokenledger " TOKENLEDGER_VERSION));
}

} // namespace

QByteArray PdfReport::render(const ReconcileResult &result, const LedgerSet &set, const PacketReportContext &context, QString *error)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        if (error)
            *error = QStringLiteral("the PDF report needs a QGuiApplication (QT_QPA_PLATFORM=offscreen is enough)");
        return {};
    }
    Data d{result, set, context, {}};
    d.lineOfRow.reserve(qsizetype(result.lineRow.size()));
    for (std::size_t li = 0; li < result.lineRow.size(); ++li)
        d.lineOfRow.insert(result.lineRow[li], static_cast<std::uint32_t>(li));

    ReportCanvas::Frame frame;
    frame.title = QStringLiteral("TokenLedger \u00b7 Reconciliation report \u00b7 %1").arg(result.period.accountRef);
    frame.packetId = context.packetId;
    frame.period = context.periodLabel;
    frame.provisional = result.provisional;
    frame.footer = QStringLiteral("Created %1 \u00b7 signing key %2 \u00b7 %3")
                       .arg(context.createdAt.isEmpty() ? QStringLiteral("(unknown)") : context.createdAt,
                            context.signerKeyId.isEmpty() ? QStringLiteral("(none)") : context.signerKeyId,
                            context.signedOff ? QStringLiteral("signed off by ") + context.signoff.value(QStringLiteral("reviewer"))
                                              : QStringLiteral("not signed off"));

    // Pass 1 measures (page count for "Page N of M"); pass 2 paints with the same breaks.
    int pages = 0;
    {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        QPdfWriter w(&sink);
        setUp(w, context);
        ReportCanvas measure(&w, nullptr, frame, 0);
        layout(measure, d);
        pages = measure.page();
    }
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter w(&buffer);
        setUp(w, context);
        QPainter painter;
        if (!painter.begin(&w)) {
            if (error)
                *error = QStringLiteral("cannot start the PDF writer");
            return {};
        }
        ReportCanvas canvas(&w, &painter, frame, pages);
        layout(canvas, d);
        painter.end();
        if (canvas.page() != pages && error)
            *error = QStringLiteral("internal error: the report laid out on %1 pages, then %2").arg(pages).arg(canvas.page());
    }
    buffer.close();
    if (!pdf.startsWith("%PDF")) {
        if (error)
            *error = QStringLiteral("the PDF writer produced no document");
        return {};
    }
    return pdf;
}

bool PdfReport::write(const QString &path, const ReconcileResult &result, const LedgerSet &set, const PacketReportContext &context,
                      QString *error)
{
    const QByteArray pdf = render(result, set, context, error);
    if (pdf.isEmpty())
        return false;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(pdf) != pdf.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace tl
