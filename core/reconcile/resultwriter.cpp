// SPDX-License-Identifier: Apache-2.0
#include "core/reconcile/resultwriter.h"

#include "core/allocation/allocationjson.h"
#include "core/util/jsonwriter.h"
#include "core/util/timeutil.h"

#include <QDir>
#include <QSaveFile>

#include <algorithm>
#include <charconv>

namespace tl {

namespace {

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

void decimalField(JsonWriter &w, std::string_view key, Decimal d)
{
    w.key(key);
    w.string(d.toStdString());
}

void maybeDecimalField(JsonWriter &w, std::string_view key, const MaybeDecimal &d)
{
    w.key(key);
    if (d.known)
        w.string(d.value.toStdString());
    else
        w.null();
}

void appendInt(QByteArray &out, std::int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr - buf);
}

// the timestamp written straight into the buffer (no snprintf, no QString).
void appendUtc(QByteArray &out, UtcMicros t)
{
    const DayNumber day = timeutil::utcDay(t);
    const std::int64_t rest = t - timeutil::dayStart(day);
    const std::int64_t secs = rest / 1000000, us = rest % 1000000;
    int y;
    unsigned m, d;
    timeutil::civilFromDays(day, &y, &m, &d);
    char b[32];
    auto two = [](char *p, int v) { p[0] = static_cast<char>('0' + v / 10); p[1] = static_cast<char>('0' + v % 10); };
    b[0] = static_cast<char>('0' + y / 1000 % 10); b[1] = static_cast<char>('0' + y / 100 % 10);
    b[2] = static_cast<char>('0' + y / 10 % 10); b[3] = static_cast<char>('0' + y % 10);
    b[4] = '-'; two(b + 5, static_cast<int>(m)); b[7] = '-'; two(b + 8, static_cast<int>(d)); b[10] = 'T';
    two(b + 11, static_cast<int>(secs / 3600)); b[13] = ':'; two(b + 14, static_cast<int>(secs / 60 % 60)); b[16] = ':';
    two(b + 17, static_cast<int>(secs % 60));
    int n = 19;
    if (us != 0) {
        b[n++] = '.';
        for (int k = 100000; k > 0; k /= 10)
            b[n++] = static_cast<char>('0' + us / k % 10);
    }
    b[n++] = 'Z';
    out.append(b, n);
}

void appendTokens(QByteArray &out, std::int64_t v)
{
    if (v >= 0)
        appendInt(out, v);
}

} // namespace

void ResultWriter::csvField(QByteArray &out, std::string_view v)
{
    const bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
        out.append(v.data(), static_cast<qsizetype>(v.size()));
        return;
    }
    out += '"';
    for (char ch : v) {
        if (ch == '"')
            out += '"';
        out += ch;
    }
    out += '"';
}

QByteArray ResultWriter::summaryJson(const ReconcileResult &r, const LedgerSet &set)
{
    const StringPool &pool = set.pool();
    JsonWriter w;
    w.beginObject();
    w.key("tool");
    w.beginObject();
    w.field("name", "tokenledger");
    w.field("version", TOKENLEDGER_VERSION);
    w.endObject();
    w.key("period");
    w.beginObject();
    w.field("start_utc", timeutil::formatUtc(r.period.start));
    w.field("end_utc", timeutil::formatUtc(r.period.end));
    w.field("account_ref", r.period.accountRef);
    w.field("currency", r.period.currency);
    w.endObject();
    w.field("decision", decisionName(r.decision));
    w.fieldBool("provisional", r.provisional);
    w.fieldOrNull("observed_at", timeutil::formatUtc(r.observedAt));
    w.key("reasons");
    w.beginArray();
    for (const DecisionReason &reason : r.reasons) {
        w.beginObject();
        w.field("code", reason.code);
        w.field("level", decisionName(reason.level));
        w.field("detail", reason.detail);
        w.field("rows", static_cast<long long>(reason.rows));
        if (!reason.entries.isEmpty()) {
            w.key("entries");
            w.beginArray();
            for (const QString &e : reason.entries)
                w.string(e);
            w.endArray();
        }
        w.endObject();
    }
    w.endArray();

    w.key("counts");
    w.beginObject();
    w.field("attempts", static_cast<long long>(r.attempts));
    w.field("requests", static_cast<long long>(r.requests));
    w.field("retries", static_cast<long long>(r.retries));
    w.field("excluded_outside_period", static_cast<long long>(r.excludedRows.size()));
    w.key("by_outcome");
    w.beginObject();
    for (int o = 0; o < OutcomeCount; ++o)
        w.field(outcomeName(static_cast<Outcome>(o)), static_cast<long long>(r.byOutcome[static_cast<std::size_t>(o)]));
    w.endObject();
    w.key("quarantined");
    w.beginObject();
    w.field("unknown_model", static_cast<long long>(r.quarantinedUnknownModel));
    w.field("missing_usage", static_cast<long long>(r.quarantinedMissingUsage));
    w.field("duplicate", static_cast<long long>(r.quarantinedDuplicate));
    w.endObject();
    w.endObject();

    w.key("tokens");
    w.beginObject();
    w.field("input", static_cast<long long>(r.tokensInput));
    w.field("cached_input", static_cast<long long>(r.tokensCached));
    w.field("output", static_cast<long long>(r.tokensOutput));
    w.field("reasoning", static_cast<long long>(r.tokensReasoning));
    w.endObject();

    w.key("cost");
    w.beginObject();
    decimalField(w, "estimated_billable", r.estimatedBillable);
    decimalField(w, "estimated_unverified", r.estimatedUnverified);
    maybeDecimalField(w, "provider_reported", r.providerReported);
    maybeDecimalField(w, "variance", r.variance);
    w.key("estimated_billable_rounded");
    w.string(r.estimatedBillable.round(r.controls.roundingScale, r.controls.roundingMode).toFixedStdString(r.controls.roundingScale));
    w.key("provider_reported_rounded");
    if (r.providerReported.known)
        w.string(r.providerReported.value.round(r.controls.roundingScale, r.controls.roundingMode).toFixedStdString(r.controls.roundingScale));
    else
        w.null();
    w.key("variance_rounded");
    if (r.variance.known)
        w.string(r.variance.value.round(r.controls.roundingScale, r.controls.roundingMode).toFixedStdString(r.controls.roundingScale));
    else
        w.null();
    w.field("rounding_mode", roundingModeName(r.controls.roundingMode));
    w.field("rounding_scale", r.controls.roundingScale);
    w.fieldOrNull("provider_source", r.providerSource);
    w.endObject();

    w.key("by_model");
    w.beginArray();
    for (const ModelTotals &m : r.byModel) {
        w.beginObject();
        w.key("billable_model");
        w.string(pool.view(m.model));
        w.field("attempts", static_cast<long long>(m.attempts));
        w.field("input_tokens", static_cast<long long>(m.inputTokens));
        w.field("output_tokens", static_cast<long long>(m.outputTokens));
        decimalField(w, "estimated_cost", m.estimatedCost);
        w.endObject();
    }
    w.endArray();

    w.key("by_key");
    w.beginArray();
    for (const KeyTotals &k : r.byKey) {
        w.beginObject();
        w.key("api_key_name");
        w.string(pool.view(k.apiKey));
        w.field("attempts", static_cast<long long>(k.attempts));
        w.field("first_attempts", static_cast<long long>(k.firstAttempts));
        w.field("retries", static_cast<long long>(k.retries));
        w.field("gateway_attempts", static_cast<long long>(k.gatewayAttempts));
        decimalField(w, "estimated_cost", k.estimatedCost);
        decimalField(w, "estimated_unverified", k.estimatedUnverified);
        maybeDecimalField(w, "provider_reported", k.providerReported);
        w.key("provider_requests");
        if (k.providerRequests >= 0)
            w.number(k.providerRequests);
        else
            w.null();
        maybeDecimalField(w, "variance", k.variance);
        w.endObject();
    }
    w.endArray();

    w.key("variance_by_category");
    w.beginArray();
    if (r.variance.known) {
        for (int i = 0; i < VarianceCategoryCount; ++i) {
            w.beginObject();
            w.field("category", varianceCategoryName(static_cast<VarianceCategory>(i)));
            decimalField(w, "amount", r.varianceByCategory[static_cast<std::size_t>(i)]);
            w.field("rows", static_cast<long long>(r.varianceRowsByCategory[static_cast<std::size_t>(i)]));
            w.endObject();
        }
    }
    w.endArray();

    w.key("finance");
    if (!r.finance.present) {
        w.null();
    } else {
        const FinanceSummary &f = r.finance;
        w.beginObject();
        decimalField(w, "usage_subtotal", f.usageSubtotal);
        decimalField(w, "credits", f.credits);
        decimalField(w, "discounts", f.discounts);
        decimalField(w, "tax", f.tax);
        decimalField(w, "refunds", f.refunds);
        decimalField(w, "topups", f.topups);
        decimalField(w, "adjustments", f.adjustments);
        decimalField(w, "fx", f.fx);
        decimalField(w, "invoice_total", f.invoiceTotal);
        maybeDecimalField(w, "usage_minus_provider_reported", f.usageVsProvider);
        w.endObject();
    }

    w.key("observations");
    w.beginArray();
    for (const ObservationTotal &o : r.observations) {
        w.beginObject();
        w.field("file", o.file);
        w.fieldOrNull("observed_at", timeutil::formatUtc(o.observedAt));
        maybeDecimalField(w, "provider_reported", o.providerReported);
        w.endObject();
    }
    w.endArray();

    auto joins = [&w](const ReconcileResult::JoinStats &j) {
        w.field("records", static_cast<long long>(j.records));
        w.key("joined");
        w.beginObject();
        w.field("response_id", static_cast<long long>(j.byResponseId));
        w.field("request_id", static_cast<long long>(j.byRequestId));
        w.field("fuzzy_key_model_time_tokens", static_cast<long long>(j.fuzzy));
        w.endObject();
        w.field("records_without_client_line", static_cast<long long>(j.unmatchedRecords));
        w.field("client_lines_without_record", static_cast<long long>(j.unmatchedLines));
        w.field("token_mismatches", static_cast<long long>(j.tokenMismatches));
        w.field("model_mismatches", static_cast<long long>(j.modelMismatches));
    };
    w.key("gateway");
    w.beginObject();
    w.field("attempts", static_cast<long long>(r.gatewayAttempts));
    if (r.gatewayJoin.present)
        joins(r.gatewayJoin);
    w.endObject();
    w.key("provider_requests");
    if (r.providerJoin.present) {
        w.beginObject();
        joins(r.providerJoin);
        w.endObject();
    } else {
        w.null();
    }

    // by_owner, budgets, retry_amplification, unit_costs, alerts (core/allocation/README.md).
    AllocationJson::write(w, r, set);

    w.key("inputs");
    w.beginArray();
    for (const SourceFile &f : set.files) {
        w.beginObject();
        w.field("file", f.report.fileName);
        w.field("kind", f.report.kind);
        w.field("format", f.report.format);
        w.field("sha256_received", f.report.sha256Received);
        w.field("sha256_stored", f.report.sha256Stored);
        w.field("rows_read", static_cast<long long>(f.report.rowsRead));
        w.field("redactions", static_cast<long long>(f.report.redactions));
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.data();
}

QByteArray ResultWriter::linesCsv(const ReconcileResult &r, const LedgerSet &set)
{
    const StringPool &pool = set.pool();
    const AttemptTable &c = set.client;
    const std::size_t L = r.lineRow.size();
    // sort (timestamp, line) pairs held contiguously; ties go to the full comparison.
    std::vector<std::pair<UtcMicros, std::uint32_t>> keyed(L);
    for (std::size_t i = 0; i < L; ++i)
        keyed[i] = {c.timestamp[r.lineRow[i]], static_cast<std::uint32_t>(i)};
    std::sort(keyed.begin(), keyed.end(), [&](const std::pair<UtcMicros, std::uint32_t> &x, const std::pair<UtcMicros, std::uint32_t> &y) {
        if (x.first != y.first)
            return x.first < y.first;
        const std::uint32_t a = x.second, b = y.second;
        const std::uint32_t ra = r.lineRow[a], rb = r.lineRow[b];
        if (c.requestId[ra] != c.requestId[rb]) {
            const auto sa = pool.view(c.requestId[ra]), sb = pool.view(c.requestId[rb]);
            if (sa != sb)
                return sa < sb;
        }
        if (c.attempt[ra] != c.attempt[rb])
            return c.attempt[ra] < c.attempt[rb];
        return ra < rb;
    });
    std::vector<std::uint32_t> order(L);
    for (std::size_t i = 0; i < L; ++i)
        order[i] = keyed[i].second;
    std::vector<std::pair<UtcMicros, std::uint32_t>>().swap(keyed);
    std::vector<QByteArray> fileNames;
    for (const SourceFile &f : set.files)
        fileNames.push_back(f.report.fileName.toUtf8());
    QByteArray out;
    out.reserve(static_cast<qsizetype>(L) * 200 + 256);
    out += "request_id,attempt,timestamp_utc,api_key_name,outcome,treatment,billable_model,snapshot_id,"
           "input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost,quarantine_reason,"
           "variance_category,source_file,source_line\n";
    for (std::uint32_t li : order) {
        const std::uint32_t row = r.lineRow[li];
        csvField(out, pool.view(c.requestId[row]));
        out += ',';
        appendInt(out, c.attempt[row]);
        out += ',';
        appendUtc(out, c.timestamp[row]);
        out += ',';
        csvField(out, pool.view(c.apiKey[row]));
        out += ',';
        out += outcomeName(static_cast<Outcome>(r.lineOutcome[li]));
        out += ',';
        out += treatmentName(static_cast<Treatment>(r.lineTreatment[li]));
        out += ',';
        csvField(out, pool.view(r.lineBillableModel[li]));
        out += ',';
        csvField(out, pool.view(r.lineSnapshot[li]));
        out += ',';
        appendTokens(out, c.inputTokens[row]);
        out += ',';
        appendTokens(out, c.cachedTokens[row]);
        out += ',';
        appendTokens(out, c.outputTokens[row]);
        out += ',';
        appendTokens(out, c.reasoningTokens[row]);
        out += ',';
        if (r.lineCostKnown[li]) {
            char digits[Decimal::kFormatBufferSize];
            out.append(digits, static_cast<qsizetype>(r.lineCost[li].format(digits)));
        }
        out += ',';
        out += quarantineName(r.lineQuarantine[li]);
        out += ',';
        out += varianceCategoryName(r.lineCategory[li]);
        out += ',';
        const std::uint32_t f = c.sourceFile[row];
        if (f < fileNames.size())
            csvField(out, sv(fileNames[f]));
        out += ',';
        appendInt(out, c.sourceLine[row]);
        out += '\n';
    }
    return out;
}

QByteArray ResultWriter::varianceCsv(const ReconcileResult &r, const LedgerSet &set)
{
    const StringPool &pool = set.pool();
    // One row per category, key and day (items of one cell and category are summed).
    struct Row
    {
        VarianceCategory category;
        std::string_view key;
        DayNumber day;
        Decimal amount;
        qint64 rows;
    };
    std::vector<Row> rows;
    for (const VarianceItem &v : r.variance_items) {
        if (!rows.empty() && rows.back().category == v.category && rows.back().key == pool.view(v.apiKey) && rows.back().day == v.day) {
            rows.back().amount += v.amount;
            rows.back().rows += v.rowCount();
        } else {
            rows.push_back({v.category, pool.view(v.apiKey), v.day, v.amount, v.rowCount()});
        }
    }
    QByteArray out = "category,api_key_name,date,amount,rows\n";
    for (const Row &row : rows) {
        out += varianceCategoryName(row.category);
        out += ',';
        csvField(out, row.key);
        out += ',';
        out += timeutil::dayString(row.day).toLatin1();
        out += ',';
        out += row.amount.toStdString();
        out += ',';
        appendInt(out, row.rows);
        out += '\n';
    }
    return out;
}

QByteArray ResultWriter::exclusionsCsv(const ReconcileResult &r, const LedgerSet &set)
{
    const StringPool &pool = set.pool();
    const AttemptTable &c = set.client;
    QByteArray out = "request_id,attempt,timestamp_utc,api_key_name,reason,source_file,source_line\n";
    auto line = [&](std::uint32_t row, const char *reason) {
        csvField(out, pool.view(c.requestId[row]));
        out += ',';
        appendInt(out, c.attempt[row]);
        out += ',';
        out += timeutil::formatUtc(c.timestamp[row]).toLatin1();
        out += ',';
        csvField(out, pool.view(c.apiKey[row]));
        out += ',';
        out += reason;
        out += ',';
        const std::uint32_t f = c.sourceFile[row];
        if (f < set.files.size())
            csvField(out, sv(set.files[f].report.fileName.toUtf8()));
        out += ',';
        appendInt(out, c.sourceLine[row]);
        out += '\n';
    };
    for (std::uint32_t row : r.excludedRows)
        line(row, "excluded_outside_period");
    for (std::size_t li = 0; li < r.lineRow.size(); ++li)
        if (r.lineQuarantine[li] != Quarantine::None)
            line(r.lineRow[li], quarantineName(r.lineQuarantine[li]));
    return out;
}

QByteArray ResultWriter::countsCsv(const ReconcileResult &r, const LedgerSet &set)
{
    const StringPool &pool = set.pool();
    QByteArray out = "api_key_name,date,client_attempts,client_first_attempts,client_billable,gateway_attempts,provider_requests,estimated,provider_reported\n";
    for (const DayCount &d : r.dayCounts) {
        csvField(out, pool.view(d.apiKey));
        out += ',';
        out += timeutil::dayString(d.day).toLatin1();
        out += ',';
        appendInt(out, d.clientAttempts);
        out += ',';
        appendInt(out, d.clientFirstAttempts);
        out += ',';
        appendInt(out, d.clientBillable);
        out += ',';
        appendInt(out, d.gatewayAttempts);
        out += ',';
        if (d.providerRequests >= 0)
            appendInt(out, d.providerRequests);
        out += ',';
        out += d.estimated.toStdString();
        out += ',';
        if (d.provider.known)
            out += d.provider.value.toStdString();
        out += '\n';
    }
    return out;
}

bool ResultWriter::writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool ResultWriter::writeAll(const ReconcileResult &r, const LedgerSet &set, const QString &dir, QString *error)
{
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    const QDir d(dir);
    return writeFile(d.filePath(QStringLiteral("summary.json")), summaryJson(r, set), error)
        && writeFile(d.filePath(QStringLiteral("lines.csv")), linesCsv(r, set), error)
        && writeFile(d.filePath(QStringLiteral("variance.csv")), varianceCsv(r, set), error)
        && writeFile(d.filePath(QStringLiteral("exclusions.csv")), exclusionsCsv(r, set), error)
        && writeFile(d.filePath(QStringLiteral("counts.csv")), countsCsv(r, set), error);
}

} // namespace tl
