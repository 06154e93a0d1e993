// SPDX-License-Identifier: Apache-2.0
#include "core/export/ledgerexporter.h"

#include "core/export/focusexporter.h"
#include "core/export/ownerdirectory.h"
#include "core/reconcile/resultwriter.h"
#include "core/util/timeutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <initializer_list>

namespace tl {

namespace {

// The ledger columns. Kind says how the XLSX writes them: an amount becomes a number and an
// exact text column beside it.
enum class Kind { Text, Int, Amount };
struct Column
{
    const char *name;
    Kind kind;
};
constexpr std::array<Column, 25> kLineColumns = {{
    {"request_id", Kind::Text}, {"attempt", Kind::Int}, {"timestamp_utc", Kind::Text}, {"date_utc", Kind::Text},
    {"api_key_name", Kind::Text}, {"service", Kind::Text}, {"environment", Kind::Text},
    {"model_requested", Kind::Text}, {"billable_model", Kind::Text}, {"role", Kind::Text},
    {"owner_group", Kind::Text}, {"cost_center", Kind::Text}, {"outcome", Kind::Text}, {"treatment", Kind::Text},
    {"quarantine_reason", Kind::Text}, {"input_tokens", Kind::Int}, {"cached_input_tokens", Kind::Int},
    {"output_tokens", Kind::Int}, {"reasoning_tokens", Kind::Int}, {"estimated_cost", Kind::Amount},
    {"counted_in", Kind::Text}, {"variance_category", Kind::Text}, {"snapshot_id", Kind::Text},
    {"source_file", Kind::Text}, {"source_line", Kind::Int},
}};
using LineFields = std::array<QByteArray, kLineColumns.size()>;

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

QByteArray bytes(std::string_view v)
{
    return QByteArray(v.data(), static_cast<qsizetype>(v.size()));
}

QByteArray intText(std::int64_t v)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return QByteArray(buf, static_cast<qsizetype>(res.ptr - buf));
}

QByteArray tokens(std::int64_t v)
{
    return v >= 0 ? intText(v) : QByteArray();
}

/** What one line shows, as text; shared by the CSV and the Lines sheet. */
class LineFormatter
{
public:
    LineFormatter(const ReconcileResult &r, const LedgerSet &set)
        : m_r(r), m_set(set), m_owners(set)
    {
        for (const SourceFile &f : set.files)
            m_fileNames.push_back(f.report.fileName.toUtf8());
    }

    void fill(std::uint32_t li, LineFields &f) const
    {
        const StringPool &pool = m_set.pool();
        const AttemptTable &c = m_set.client;
        const std::uint32_t row = m_r.lineRow[li];
        const std::string_view key = pool.view(c.apiKey[row]);
        const OwnerRow *o = m_owners.find(key);
        const Treatment t = static_cast<Treatment>(m_r.lineTreatment[li]);
        const Quarantine q = m_r.lineQuarantine[li];
        int i = 0;
        f[i++] = bytes(pool.view(c.requestId[row]));
        f[i++] = intText(c.attempt[row]);
        f[i++] = timeutil::formatUtc(c.timestamp[row]).toLatin1();
        f[i++] = timeutil::dayString(timeutil::utcDay(c.timestamp[row])).toLatin1();
        f[i++] = bytes(key);
        f[i++] = bytes(pool.view(c.service[row]));
        f[i++] = bytes(pool.view(c.environment[row]));
        f[i++] = bytes(pool.view(c.modelRequested[row]));
        f[i++] = bytes(pool.view(m_r.lineBillableModel[li]));
        f[i++] = c.role[row] == 1 ? QByteArray("primary") : c.role[row] == 2 ? QByteArray("fallback") : QByteArray();
        // The owners table is the allocation of record; the client row's own fields fill in
        // for keys it does not list.
        f[i++] = (o && !o->ownerGroup.isEmpty()) ? o->ownerGroup.toUtf8() : bytes(pool.view(c.owner[row]));
        f[i++] = (o && !o->costCenter.isEmpty()) ? o->costCenter.toUtf8() : bytes(pool.view(c.costCenter[row]));
        f[i++] = outcomeName(static_cast<Outcome>(m_r.lineOutcome[li]));
        f[i++] = treatmentName(t);
        f[i++] = quarantineName(q);
        f[i++] = tokens(c.inputTokens[row]);
        f[i++] = tokens(c.cachedTokens[row]);
        f[i++] = tokens(c.outputTokens[row]);
        f[i++] = tokens(c.reasoningTokens[row]);
        const bool known = m_r.lineCostKnown[li] != 0;
        f[i++] = known ? QByteArray::fromStdString(m_r.lineCost[li].toStdString()) : QByteArray();
        QByteArray countedIn;
        if (q == Quarantine::None && known) {
            if (t == Treatment::Billable || t == Treatment::Partial)
                countedIn = "estimated_billable";
            else if (t == Treatment::Unverified)
                countedIn = "estimated_unverified";
        }
        f[i++] = countedIn;
        f[i++] = varianceCategoryName(m_r.lineCategory[li]);
        f[i++] = bytes(pool.view(m_r.lineSnapshot[li]));
        const std::uint32_t file = c.sourceFile[row];
        f[i++] = file < m_fileNames.size() ? m_fileNames[file] : QByteArray();
        f[i++] = intText(c.sourceLine[row]);
    }

private:
    const ReconcileResult &m_r;
    const LedgerSet &m_set;
    OwnerDirectory m_owners;
    std::vector<QByteArray> m_fileNames;
};

// ------------------------------------------------------------------------------------------
// XLSX

/** One workbook being written, with its formats. */
class Workbook
{
public:
    Workbook(const QString &path, bool constantMemory)
    {
        m_path = QFile::encodeName(path);
        lxw_workbook_options options = {};
        options.constant_memory = constantMemory ? LXW_TRUE : LXW_FALSE;
        options.use_zip64 = LXW_TRUE;
        m_wb = workbook_new_opt(m_path.constData(), &options);
        if (!m_wb)
            return;
        m_title = workbook_add_format(m_wb);
        format_set_bold(m_title);
        format_set_font_size(m_title, 14);
        m_bold = workbook_add_format(m_wb);
        format_set_bold(m_bold);
        m_header = workbook_add_format(m_wb);
        format_set_bold(m_header);
        format_set_bottom(m_header, LXW_BORDER_THIN);
        format_set_bg_color(m_header, 0xE8ECF1);
        m_amount = workbook_add_format(m_wb);
        format_set_num_format(m_amount, "#,##0.00########");
        m_int = workbook_add_format(m_wb);
        format_set_num_format(m_int, "#,##0");
        m_exact = workbook_add_format(m_wb);
        format_set_font_color(m_exact, 0x555555);
        m_banner = workbook_add_format(m_wb);
        format_set_bold(m_banner);
        format_set_font_color(m_banner, 0x8A4B00);
    }
    ~Workbook()
    {
        if (m_wb && !m_closed)
            workbook_close(m_wb);
    }
    Workbook(const Workbook &) = delete;
    Workbook &operator=(const Workbook &) = delete;

    bool ok() const { return m_wb != nullptr; }
    lxw_worksheet *sheet(const char *name) { return workbook_add_worksheet(m_wb, name); }

    void setCreated(UtcMicros t)
    {
        lxw_doc_properties props = {};
        props.title = const_cast<char *>("Reconciled ledger");
        props.subject = const_cast<char *>("AI API spend reconciliation");
        props.author = const_cast<char *>("TokenLedger");
        props.comments = const_cast<char *>("Amounts in *_exact columns are exact; numeric columns are for display.");
        props.created = static_cast<time_t>(t == kNoTime ? 0 : t / 1000000);
        workbook_set_properties(m_wb, &props);
    }

    lxw_error close()
    {
        m_closed = true;
        return workbook_close(m_wb);
    }

    void text(lxw_worksheet *ws, int row, int col, const QByteArray &v, lxw_format *f = nullptr)
    {
        if (!v.isEmpty())
            worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v.constData(), f);
    }
    void text(lxw_worksheet *ws, int row, int col, const QString &v, lxw_format *f = nullptr) { text(ws, row, col, v.toUtf8(), f); }
    void text(lxw_worksheet *ws, int row, int col, const char *v, lxw_format *f = nullptr) { text(ws, row, col, QByteArray(v), f); }
    void integer(lxw_worksheet *ws, int row, int col, std::int64_t v)
    {
        worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), static_cast<double>(v), m_int);
    }
    /** An amount as a display number in col and its exact text in col + 1. */
    void amount(lxw_worksheet *ws, int row, int col, Decimal d)
    {
        const QByteArray exact = QByteArray::fromStdString(d.toStdString());
        // Display only: the exact text beside it is the value of record.
        worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), exact.toDouble(), m_amount);
        text(ws, row, col + 1, exact, m_exact);
    }
    void amount(lxw_worksheet *ws, int row, int col, const MaybeDecimal &d)
    {
        if (d.known)
            amount(ws, row, col, d.value);
    }
    /** A header row; returns the next row. */
    int header(lxw_worksheet *ws, int row, const QList<QByteArray> &names)
    {
        for (int i = 0; i < names.size(); ++i)
            text(ws, row, i, names[i], m_header);
        return row + 1;
    }

    lxw_format *m_title = nullptr, *m_bold = nullptr, *m_header = nullptr, *m_amount = nullptr, *m_int = nullptr,
               *m_exact = nullptr, *m_banner = nullptr;

private:
    QByteArray m_path;
    lxw_workbook *m_wb = nullptr;
    bool m_closed = false;
};

QString providerLabel(const ReconcileResult &r)
{
    if (!r.providerReported.known)
        return QStringLiteral("not available: no provider figure for the period");
    if (r.provisional)
        return QStringLiteral("provisional: provider-reported, observed within the posting window");
    return QStringLiteral("reconciled: provider-reported for the period");
}

void writeSummary(Workbook &wb, const ReconcileResult &r, const LedgerSet &set, bool linesCut)
{
    lxw_worksheet *ws = wb.sheet("Summary");
    worksheet_set_column(ws, 0, 0, 34, nullptr);
    worksheet_set_column(ws, 1, 1, 22, nullptr);
    worksheet_set_column(ws, 2, 2, 24, nullptr);
    worksheet_set_column(ws, 3, 3, 60, nullptr);
    int row = 0;
    wb.text(ws, row++, 0, "TokenLedger reconciliation", wb.m_title);
    if (r.provisional)
        wb.text(ws, row++, 0,
                QStringLiteral("PROVISIONAL: provider data observed at %1, within the posting window; figures may still change.")
                    .arg(timeutil::formatUtc(r.observedAt)),
                wb.m_banner);
    if (linesCut)
        wb.text(ws, row++, 0, "The Lines sheet is cut at the XLSX row limit; the ledger CSV holds every line.", wb.m_banner);
    const auto pair = [&](const char *k, const QString &v) {
        wb.text(ws, row, 0, k, wb.m_bold);
        wb.text(ws, row, 1, v);
        ++row;
    };
    pair("Period start (UTC)", timeutil::formatUtc(r.period.start));
    pair("Period end (UTC, exclusive)", timeutil::formatUtc(r.period.end));
    pair("Account", r.period.accountRef);
    pair("Currency", r.period.currency);
    if (!r.period.invoiceId.isEmpty())
        pair("Invoice", r.period.invoiceId);
    pair("Decision", QString::fromLatin1(decisionName(r.decision)).toUpper());
    pair("Provisional", r.provisional ? QStringLiteral("yes") : QStringLiteral("no"));
    pair("Provider data observed at", timeutil::formatUtc(r.observedAt));
    pair("Provider", FocusExporter::providerName(set));
    pair("Tool", QStringLiteral("tokenledger %1 (%2)").arg(QStringLiteral(TOKENLEDGER_VERSION), QStringLiteral(TOKENLEDGER_COMMIT)));
    ++row;

    row = wb.header(ws, row, {"Total", "Amount", "Amount (exact)", "Basis"});
    const auto total = [&](const char *name, const MaybeDecimal &v, const QString &basis) {
        wb.text(ws, row, 0, name);
        if (v.known)
            wb.amount(ws, row, 1, v.value);
        else
            wb.text(ws, row, 2, "null");
        wb.text(ws, row, 3, basis);
        ++row;
    };
    total("Estimated billable", {r.estimatedBillable, true}, QStringLiteral("estimated: client ledger at snapshot prices"));
    total("Estimated unverified", {r.estimatedUnverified, true},
          QStringLiteral("estimated: outcomes without billing evidence, not claimed as spend"));
    total("Provider-reported", r.providerReported, providerLabel(r));
    total("Variance (provider-reported − estimated)", r.variance, QStringLiteral("explained by category below"));
    const Decimal rounded = r.estimatedBillable.round(r.controls.roundingScale, r.controls.roundingMode);
    total("Estimated billable, rounded", {rounded, true},
          QStringLiteral("%1 to %2 decimals").arg(QString::fromLatin1(roundingModeName(r.controls.roundingMode))).arg(r.controls.roundingScale));
    ++row;

    row = wb.header(ws, row, {"Reason", "Level", "Rows", "Detail"});
    if (r.reasons.empty())
        wb.text(ws, row++, 0, "(none)");
    for (const DecisionReason &reason : r.reasons) {
        wb.text(ws, row, 0, reason.code);
        wb.text(ws, row, 1, decisionName(reason.level));
        wb.integer(ws, row, 2, reason.rows);
        QString detail = reason.detail;
        if (!reason.entries.isEmpty())
            detail += QStringLiteral(" [%1]").arg(reason.entries.join(QStringLiteral(", ")));
        wb.text(ws, row, 3, detail);
        ++row;
    }
    ++row;

    row = wb.header(ws, row, {"Variance category", "Amount", "Amount (exact)", "Rows"});
    if (!r.variance.known) {
        wb.text(ws, row++, 0, "(no provider figure: no variance)");
    } else {
        for (int i = 0; i < VarianceCategoryCount; ++i) {
            wb.text(ws, row, 0, varianceCategoryName(static_cast<VarianceCategory>(i)));
            wb.amount(ws, row, 1, r.varianceByCategory[static_cast<std::size_t>(i)]);
            wb.integer(ws, row, 3, r.varianceRowsByCategory[static_cast<std::size_t>(i)]);
            ++row;
        }
        wb.text(ws, row, 0, "Total = variance", wb.m_bold);
        wb.amount(ws, row, 1, r.variance.value);
        ++row;
    }
    ++row;

    row = wb.header(ws, row, {"Count", "Value"});
    const auto count = [&](const QString &name, qint64 v) {
        wb.text(ws, row, 0, name);
        wb.integer(ws, row, 1, v);
        ++row;
    };
    count(QStringLiteral("attempts"), r.attempts);
    count(QStringLiteral("requests"), r.requests);
    count(QStringLiteral("retries"), r.retries);
    count(QStringLiteral("excluded_outside_period"), static_cast<qint64>(r.excludedRows.size()));
    for (int o = 0; o < OutcomeCount; ++o)
        count(QStringLiteral("outcome: %1").arg(QString::fromLatin1(outcomeName(static_cast<Outcome>(o)))),
              r.byOutcome[static_cast<std::size_t>(o)]);
    count(QStringLiteral("quarantined: unknown_model"), r.quarantinedUnknownModel);
    count(QStringLiteral("quarantined: missing_usage"), r.quarantinedMissingUsage);
    count(QStringLiteral("quarantined: duplicate"), r.quarantinedDuplicate);
    count(QStringLiteral("tokens: input"), r.tokensInput);
    count(QStringLiteral("tokens: cached_input"), r.tokensCached);
    count(QStringLiteral("tokens: output"), r.tokensOutput);
    count(QStringLiteral("tokens: reasoning"), r.tokensReasoning);

    if (r.finance.present) {
        ++row;
        row = wb.header(ws, row, {"Finance", "Amount", "Amount (exact)"});
        const FinanceSummary &f = r.finance;
        const std::pair<const char *, Decimal> lines[] = {
            {"usage_subtotal", f.usageSubtotal}, {"credits", f.credits}, {"discounts", f.discounts}, {"tax", f.tax},
            {"refunds", f.refunds}, {"topups", f.topups}, {"adjustments", f.adjustments}, {"fx", f.fx},
            {"invoice_total", f.invoiceTotal},
        };
        for (const auto &[name, v] : lines) {
            wb.text(ws, row, 0, name);
            wb.amount(ws, row, 1, v);
            ++row;
        }
        wb.text(ws, row, 0, "usage_minus_provider_reported");
        wb.amount(ws, row, 1, f.usageVsProvider);
        ++row;
    }
}

} // namespace

QStringList LedgerExporter::csvColumns()
{
    QStringList out;
    for (const Column &c : kLineColumns)
        out << QString::fromLatin1(c.name);
    return out;
}

std::vector<std::uint32_t> LedgerExporter::lineOrder(const ReconcileResult &r, const LedgerSet &set)
{
    std::vector<std::uint32_t> order(r.lineRow.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::uint32_t>(i);
    sortLines(order, r, set);
    return order;
}

std::vector<std::uint32_t> LedgerExporter::quarantinedLines(const ReconcileResult &r)
{
    std::vector<std::uint32_t> lines;
    for (std::size_t li = 0; li < r.lineRow.size(); ++li)
        if (r.lineQuarantine[li] != Quarantine::None)
            lines.push_back(static_cast<std::uint32_t>(li));
    return lines;
}

void LedgerExporter::sortLines(std::vector<std::uint32_t> &order, const ReconcileResult &r, const LedgerSet &set)
{
    const StringPool &pool = set.pool();
    const AttemptTable &c = set.client;
    // The order of lines.csv, so that the two files can be read side by side.
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const std::uint32_t ra = r.lineRow[a], rb = r.lineRow[b];
        if (c.timestamp[ra] != c.timestamp[rb])
            return c.timestamp[ra] < c.timestamp[rb];
        if (c.requestId[ra] != c.requestId[rb]) {
            const auto sa = pool.view(c.requestId[ra]), sb = pool.view(c.requestId[rb]);
            if (sa != sb)
                return sa < sb;
        }
        if (c.attempt[ra] != c.attempt[rb])
            return c.attempt[ra] < c.attempt[rb];
        return ra < rb;
    });
}

QByteArray LedgerExporter::ledgerCsv(const ReconcileResult &r, const LedgerSet &set)
{
    const LineFormatter fmt(r, set);
    QByteArray out;
    out.reserve(static_cast<qsizetype>(r.lineRow.size()) * 240 + 512);
    for (std::size_t i = 0; i < kLineColumns.size(); ++i) {
        if (i > 0)
            out += ',';
        out += kLineColumns[i].name;
    }
    out += '\n';
    LineFields f;
    for (std::uint32_t li : lineOrder(r, set)) {
        fmt.fill(li, f);
        for (std::size_t i = 0; i < f.size(); ++i) {
            if (i > 0)
                out += ',';
            ResultWriter::csvField(out, sv(f[i]));
        }
        out += '\n';
    }
    return out;
}

bool LedgerExporter::writeCsv(const QString &path, const ReconcileResult &r, const LedgerSet &set, QString *error)
{
    return ResultWriter::writeFile(path, ledgerCsv(r, set), error);
}

bool LedgerExporter::writeXlsx(const QString &path, const ReconcileResult &r, const LedgerSet &set, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QFileInfo target(path);
    // libxlsxwriter writes a path of its own: give it a temporary name beside the target and
    // rename over the target only once the workbook is complete.
    QTemporaryFile tmp(target.absoluteDir().filePath(QStringLiteral(".%1.XXXXXX.tmp").arg(target.fileName())));
    if (!tmp.open())
        return fail(QStringLiteral("%1: cannot create a temporary file: %2").arg(path, tmp.errorString()));
    const QString tmpPath = tmp.fileName();
    tmp.close();

    const StringPool &pool = set.pool();
    const OwnerDirectory owners(set);
    // Large ledgers stream row by row instead of holding every cell in memory.
    const bool big = r.lineRow.size() > 200000;
    const bool linesCut = r.lineRow.size() + 1 > static_cast<std::size_t>(MaxSheetRows);
    {
        Workbook wb(tmpPath, big);
        if (!wb.ok())
            return fail(QStringLiteral("%1: cannot start the workbook").arg(path));
        wb.setCreated(r.controls.asOf != kNoTime ? r.controls.asOf : r.period.end);

        writeSummary(wb, r, set, linesCut);

        // Lines
        {
            lxw_worksheet *ws = wb.sheet("Lines");
            QList<QByteArray> names;
            for (const Column &c : kLineColumns) {
                names << QByteArray(c.name);
                if (c.kind == Kind::Amount)
                    names << QByteArray(c.name) + "_exact";
            }
            wb.header(ws, 0, names);
            worksheet_freeze_panes(ws, 1, 0);
            worksheet_set_column(ws, 0, 0, 26, nullptr);
            worksheet_set_column(ws, 2, 2, 22, nullptr);
            worksheet_set_column(ws, 3, static_cast<lxw_col_t>(names.size() - 1), 15, nullptr);
            const LineFormatter fmt(r, set);
            LineFields f;
            int row = 1;
            for (std::uint32_t li : lineOrder(r, set)) {
                if (row >= MaxSheetRows)
                    break;
                fmt.fill(li, f);
                int col = 0;
                for (std::size_t i = 0; i < kLineColumns.size(); ++i) {
                    switch (kLineColumns[i].kind) {
                    case Kind::Text:
                        wb.text(ws, row, col++, f[i]);
                        break;
                    case Kind::Int:
                        if (!f[i].isEmpty())
                            wb.integer(ws, row, col, f[i].toLongLong());
                        ++col;
                        break;
                    case Kind::Amount:
                        if (!f[i].isEmpty())
                            wb.amount(ws, row, col, Decimal::fromString(sv(f[i])));
                        col += 2;
                        break;
                    }
                }
                ++row;
            }
            if (row > 1)
                worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(row - 1), static_cast<lxw_col_t>(names.size() - 1));
        }

        // By key
        {
            lxw_worksheet *ws = wb.sheet("By key");
            wb.header(ws, 0, {"api_key_name", "owner_group", "cost_center", "attempts", "first_attempts", "retries",
                              "gateway_attempts", "estimated_cost", "estimated_cost_exact", "estimated_unverified",
                              "estimated_unverified_exact", "provider_reported", "provider_reported_exact",
                              "provider_requests", "variance", "variance_exact", "monthly_budget",
                              "monthly_budget_exact", "budget_currency"});
            worksheet_freeze_panes(ws, 1, 0);
            worksheet_set_column(ws, 0, 18, 16, nullptr);
            int row = 1;
            for (const KeyTotals &k : r.byKey) {
                const std::string_view key = pool.view(k.apiKey);
                const OwnerRow *o = owners.find(key);
                wb.text(ws, row, 0, bytes(key));
                if (o) {
                    wb.text(ws, row, 1, o->ownerGroup);
                    wb.text(ws, row, 2, o->costCenter);
                }
                wb.integer(ws, row, 3, k.attempts);
                wb.integer(ws, row, 4, k.firstAttempts);
                wb.integer(ws, row, 5, k.retries);
                wb.integer(ws, row, 6, k.gatewayAttempts);
                wb.amount(ws, row, 7, k.estimatedCost);
                wb.amount(ws, row, 9, k.estimatedUnverified);
                wb.amount(ws, row, 11, k.providerReported);
                if (k.providerRequests >= 0)
                    wb.integer(ws, row, 13, k.providerRequests);
                wb.amount(ws, row, 14, k.variance);
                if (o) {
                    wb.amount(ws, row, 16, o->monthlyBudget);
                    wb.text(ws, row, 18, o->currency);
                }
                ++row;
            }
        }

        // By model
        {
            lxw_worksheet *ws = wb.sheet("By model");
            wb.header(ws, 0, {"billable_model", "publisher", "attempts", "input_tokens", "output_tokens", "estimated_cost",
                              "estimated_cost_exact"});
            worksheet_freeze_panes(ws, 1, 0);
            worksheet_set_column(ws, 0, 0, 26, nullptr);
            worksheet_set_column(ws, 1, 6, 16, nullptr);
            const QString provider = FocusExporter::providerName(set);
            int row = 1;
            for (const ModelTotals &m : r.byModel) {
                wb.text(ws, row, 0, bytes(pool.view(m.model)));
                wb.text(ws, row, 1, FocusExporter::publisherName(pool.view(m.model), provider));
                wb.integer(ws, row, 2, m.attempts);
                wb.integer(ws, row, 3, m.inputTokens);
                wb.integer(ws, row, 4, m.outputTokens);
                wb.amount(ws, row, 5, m.estimatedCost);
                ++row;
            }
        }

        // Variance: one row per category, key and day, as variance.csv.
        {
            lxw_worksheet *ws = wb.sheet("Variance");
            wb.header(ws, 0, {"category", "api_key_name", "date", "amount", "amount_exact", "rows"});
            worksheet_freeze_panes(ws, 1, 0);
            worksheet_set_column(ws, 0, 5, 20, nullptr);
            int row = 1;
            std::size_t i = 0;
            while (i < r.variance_items.size()) {
                const VarianceItem &first = r.variance_items[i];
                Decimal amount;
                qint64 rows = 0;
                std::size_t j = i;
                for (; j < r.variance_items.size(); ++j) {
                    const VarianceItem &v = r.variance_items[j];
                    if (v.category != first.category || v.apiKey != first.apiKey || v.day != first.day)
                        break;
                    amount += v.amount;
                    rows += v.rowCount();
                }
                wb.text(ws, row, 0, varianceCategoryName(first.category));
                wb.text(ws, row, 1, bytes(pool.view(first.apiKey)));
                wb.text(ws, row, 2, timeutil::dayString(first.day));
                wb.amount(ws, row, 3, amount);
                wb.integer(ws, row, 5, rows);
                ++row;
                i = j;
            }
        }

        // One sheet per further ledger, as loaded (all rows, inside the period or not): what the
        // provider reported, what the gateway saw, and the finance records.
        const auto sourceName = [&set](std::uint32_t file) {
            return file < set.files.size() ? set.files[file].report.fileName : QString();
        };
        const auto cut = [&wb](lxw_worksheet *ws, int row, int columns) {
            worksheet_freeze_panes(ws, 1, 0);
            if (row > 1)
                worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(row - 1), static_cast<lxw_col_t>(columns - 1));
            if (row >= MaxSheetRows)
                wb.text(ws, MaxSheetRows - 1, 0, "(cut: the sheet holds no more rows; the CSV exports hold them all)", wb.m_banner);
        };
        const auto ledgerSheet = [&wb](const char *name, const QList<QByteArray> &names) {
            lxw_worksheet *ws = wb.sheet(name);
            wb.header(ws, 0, names);
            worksheet_set_column(ws, 0, static_cast<lxw_col_t>(names.size() - 1), 16, nullptr);
            return ws;
        };
        // Interned strings in the cells from col on.
        const auto strings = [&wb, &pool](lxw_worksheet *ws, int row, int col, std::initializer_list<StringPool::Id> ids) {
            for (StringPool::Id id : ids)
                wb.text(ws, row, col++, bytes(pool.view(id)));
        };
        // Counts in the cells from col on; an unknown (negative) one leaves its cell empty.
        const auto counts = [&wb](lxw_worksheet *ws, int row, int col, std::initializer_list<std::int64_t> values) {
            for (std::int64_t v : values) {
                if (v >= 0)
                    wb.integer(ws, row, col, v);
                ++col;
            }
        };
        if (set.providerDaily.size() > 0) {
            const ProviderDailyTable &pd = set.providerDaily;
            const QList<QByteArray> names = {"date", "api_key_name", "model", "amount", "amount_exact", "requests", "input_tokens",
                                             "output_tokens", "cached_tokens", "observed_at", "source_file", "source_line"};
            lxw_worksheet *ws = ledgerSheet("Provider daily", names);
            int row = 1;
            for (std::size_t i = 0; i < pd.size() && row < MaxSheetRows - 1; ++i, ++row) {
                const std::uint32_t obs = pd.observation[i];
                const ProviderObservation *o = obs < set.observations.size() ? &set.observations[obs] : nullptr;
                wb.text(ws, row, 0, timeutil::dayString(pd.day[i]));
                strings(ws, row, 1, {pd.apiKey[i], pd.model[i]});
                if (pd.amountKnown[i])
                    wb.amount(ws, row, 3, pd.amount[i]);
                counts(ws, row, 5, {pd.requests[i], pd.inputTokens[i], pd.outputTokens[i], pd.cachedTokens[i]});
                if (o) {
                    if (o->observedAt != kNoTime)
                        wb.text(ws, row, 9, timeutil::formatUtc(o->observedAt));
                    wb.text(ws, row, 10, sourceName(o->sourceFile));
                }
                wb.integer(ws, row, 11, pd.sourceLine[i]);
            }
            cut(ws, row, int(names.size()));
        }
        if (set.providerRequests.size() > 0) {
            const ProviderRequestTable &pr = set.providerRequests;
            const QList<QByteArray> names = {"timestamp_utc", "record_id", "request_id", "response_id", "api_key_name", "model",
                                             "upstream_model", "type", "cost", "cost_exact", "input_tokens", "output_tokens",
                                             "cached_tokens", "reasoning_tokens", "source_file", "source_line"};
            lxw_worksheet *ws = ledgerSheet("Provider requests", names);
            static const char *const kTypes[] = {"consume", "error", "refund", "other"};
            int row = 1;
            for (std::size_t i = 0; i < pr.size() && row < MaxSheetRows - 1; ++i, ++row) {
                if (pr.timestamp[i] != kNoTime)
                    wb.text(ws, row, 0, timeutil::formatUtc(pr.timestamp[i]));
                strings(ws, row, 1, {pr.recordId[i], pr.requestId[i], pr.responseId[i], pr.apiKey[i], pr.model[i], pr.upstreamModel[i]});
                wb.text(ws, row, 7, kTypes[std::clamp(int(pr.type[i]), 0, 3)]);
                if (pr.costKnown[i])
                    wb.amount(ws, row, 8, pr.cost[i]);
                counts(ws, row, 10, {pr.inputTokens[i], pr.outputTokens[i], pr.cachedTokens[i], pr.reasoningTokens[i]});
                wb.text(ws, row, 14, sourceName(pr.sourceFile[i]));
                wb.integer(ws, row, 15, pr.sourceLine[i]);
            }
            cut(ws, row, int(names.size()));
        }
        if (set.gateway.size() > 0) {
            const AttemptTable &g = set.gateway;
            const QList<QByteArray> names = {"request_id", "attempt", "timestamp_utc", "api_key_name", "model_requested", "model_billed",
                                             "outcome", "http_status", "input_tokens", "output_tokens", "reported_cost",
                                             "reported_cost_exact", "source_file", "source_line"};
            lxw_worksheet *ws = ledgerSheet("Gateway", names);
            int row = 1;
            for (std::size_t i = 0; i < g.size() && row < MaxSheetRows - 1; ++i, ++row) {
                strings(ws, row, 0, {g.requestId[i]});
                wb.integer(ws, row, 1, g.attempt[i]);
                if (g.timestamp[i] != kNoTime)
                    wb.text(ws, row, 2, timeutil::formatUtc(g.timestamp[i]));
                strings(ws, row, 3, {g.apiKey[i], g.modelRequested[i], g.modelBilled[i]});
                wb.text(ws, row, 6, outcomeName(static_cast<Outcome>(g.outcome[i])));
                if (g.httpStatus[i] > 0)
                    wb.integer(ws, row, 7, g.httpStatus[i]);
                counts(ws, row, 8, {g.inputTokens[i], g.outputTokens[i]});
                if (g.reportedCostKnown(i))
                    wb.amount(ws, row, 10, g.reportedCostAt(i));
                wb.text(ws, row, 12, sourceName(g.sourceFile[i]));
                wb.integer(ws, row, 13, g.sourceLine[i]);
            }
            cut(ws, row, int(names.size()));
        }
        if (!set.finance.empty()) {
            const QList<QByteArray> names = {"document_id", "document_date", "line_type", "description", "amount", "amount_exact",
                                             "currency", "period_start", "period_end", "model", "api_key_name", "source_file",
                                             "source_line"};
            lxw_worksheet *ws = ledgerSheet("Finance", names);
            worksheet_set_column(ws, 3, 3, 34, nullptr);
            int row = 1;
            for (const FinanceLine &f : set.finance) {
                if (row >= MaxSheetRows - 1)
                    break;
                wb.text(ws, row, 0, f.documentId);
                if (f.documentDate.isValid())
                    wb.text(ws, row, 1, f.documentDate.toString(Qt::ISODate));
                wb.text(ws, row, 2, financeLineTypeName(f.lineType));
                wb.text(ws, row, 3, f.description);
                wb.amount(ws, row, 4, f.amount);
                wb.text(ws, row, 6, f.currency);
                if (f.periodStart.isValid())
                    wb.text(ws, row, 7, f.periodStart.toString(Qt::ISODate));
                if (f.periodEnd.isValid())
                    wb.text(ws, row, 8, f.periodEnd.toString(Qt::ISODate));
                wb.text(ws, row, 9, f.model);
                wb.text(ws, row, 10, f.apiKeyName);
                wb.text(ws, row, 11, sourceName(f.sourceFile));
                wb.integer(ws, row, 12, f.sourceLine);
                ++row;
            }
            cut(ws, row, int(names.size()));
        }

        const lxw_error err = wb.close();
        if (err != LXW_NO_ERROR)
            return fail(QStringLiteral("%1: %2").arg(path, QString::fromUtf8(lxw_strerror(err))));
    }

    // QTemporaryFile creates the file private (0600); the workbook gets the permissions the
    // file it replaces had, else the usual ones for a document.
    QFile::setPermissions(tmpPath, target.exists() ? QFile::permissions(target.absoluteFilePath())
                                                   : QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    std::error_code ec;
    std::filesystem::rename(std::filesystem::path(QFile::encodeName(tmpPath).toStdString()),
                            std::filesystem::path(QFile::encodeName(target.absoluteFilePath()).toStdString()), ec);
    if (ec)
        return fail(QStringLiteral("%1: %2").arg(path, QString::fromStdString(ec.message())));
    tmp.setAutoRemove(false); // renamed: nothing left to remove
    return true;
}

} // namespace tl
