// SPDX-License-Identifier: Apache-2.0
// Test helper for the engine's acceptance tests: builds a small reconciliation job as real
// files in a QTemporaryDir (client/gateway request logs as request_log_csv, a price snapshot
// as price_snapshot_csv, a mapping, a policy, an evidence register, CometAPI quota snapshots
// and finance lines, in the formats of formats.md), then runs it through the public API
// (tl::Job::load, tl::JobRunner::load, tl::Reconciler::run, tl::ResultWriter) and keeps the
// written outputs so that tests compare exact strings.
#pragma once

#include "core/import/importerror.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/reconcile/resultwriter.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tlt {

inline QString qs(const std::string &s) { return QString::fromStdString(s); }
inline QString qs(const char *s) { return QString::fromUtf8(s); }

/** A row of a CSV file whose columns are named; missing columns are written empty. */
struct CsvRow
{
    std::map<std::string, std::string> v;
    std::string get(const std::string &c) const
    {
        const auto it = v.find(c);
        return it == v.end() ? std::string() : it->second;
    }
};

inline QByteArray csv(const std::vector<std::string> &columns, const std::vector<CsvRow> &rows)
{
    QByteArray out;
    for (std::size_t i = 0; i < columns.size(); ++i)
        out += (i ? "," : "") + QByteArray::fromStdString(columns[i]);
    out += '\n';
    for (const CsvRow &r : rows) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const std::string cell = r.get(columns[i]);
            out += i ? "," : "";
            if (cell.find_first_of(",\"\n") != std::string::npos) {
                std::string q = "\"";
                for (char ch : cell)
                    q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
                out += QByteArray::fromStdString(q + "\"");
            } else {
                out += QByteArray::fromStdString(cell);
            }
        }
        out += '\n';
    }
    return out;
}

/** One attempt of the flat request log (formats.md §1b). Defaults: a 200 success of m1, 1000 in / 100 out. */
struct Attempt : CsvRow
{
    static const std::vector<std::string> &columns()
    {
        static const std::vector<std::string> c = {
            "request_id", "attempt", "timestamp_utc", "account_ref", "api_key_name", "service", "model_requested",
            "model_billed", "role", "http_status", "outcome", "stream", "client_timeout", "stream_cancelled", "cache_hit",
            "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens", "response_id",
            "source_ip"};
        return c;
    }
    explicit Attempt(std::string req, int attempt = 1)
    {
        v["request_id"] = std::move(req);
        v["attempt"] = std::to_string(attempt);
        v["timestamp_utc"] = "2026-05-10T12:00:00Z";
        v["account_ref"] = "acct";
        v["api_key_name"] = "k1";
        v["service"] = "svc";
        v["model_requested"] = "m1";
        v["http_status"] = "200";
        v["input_tokens"] = "1000";
        v["output_tokens"] = "100";
    }
    Attempt &set(const std::string &c, std::string value) { v[c] = std::move(value); return *this; }
    Attempt &at(std::string t) { return set("timestamp_utc", std::move(t)); }
    Attempt &key(std::string k) { return set("api_key_name", std::move(k)); }
    Attempt &model(std::string m) { return set("model_requested", std::move(m)); }
    Attempt &billed(std::string m) { return set("model_billed", std::move(m)); }
    Attempt &role(std::string r) { return set("role", std::move(r)); }
    Attempt &status(std::string s) { return set("http_status", std::move(s)); }
    Attempt &outcome(std::string o) { return set("outcome", std::move(o)); }
    Attempt &tokens(std::string in, std::string out) { set("input_tokens", std::move(in)); return set("output_tokens", std::move(out)); }
    Attempt &noTokens() { return tokens("", ""); }
    Attempt &cached(std::string n) { return set("cached_input_tokens", std::move(n)); }
    Attempt &cacheWrite(std::string n) { return set("cache_write_tokens", std::move(n)); }
    Attempt &reasoning(std::string n) { return set("reasoning_tokens", std::move(n)); }
    Attempt &streamed() { return set("stream", "true"); }
    Attempt &timedOut() { return set("client_timeout", "true"); }
    Attempt &cancelled() { return set("stream_cancelled", "true"); }
    Attempt &cacheHit() { return set("cache_hit", "true"); }
    Attempt &response(std::string id) { return set("response_id", std::move(id)); }
    Attempt &ip(std::string a) { return set("source_ip", std::move(a)); }
};

/** One price-snapshot row (formats.md §5). Defaults: snapshot `snap`, token, per_1m, evidence EV-PRICE. */
struct Price : CsvRow
{
    static const std::vector<std::string> &columns()
    {
        static const std::vector<std::string> c = {
            "snapshot_id", "currency", "billable_model", "billing_category", "unit_basis", "input_price", "output_price",
            "cached_input_price", "cache_write_price", "reasoning_price", "per_call_price", "upstream_ratio", "valid_from",
            "valid_to", "tier_min_input_tokens", "minimum_charge", "evidence_id"};
        return c;
    }
    Price(std::string model, std::string in, std::string out, std::string unit = "per_1m")
    {
        v["snapshot_id"] = "snap";
        v["currency"] = "USD";
        v["billable_model"] = std::move(model);
        v["billing_category"] = "token";
        v["unit_basis"] = std::move(unit);
        v["input_price"] = std::move(in);
        v["output_price"] = std::move(out);
        v["evidence_id"] = "EV-PRICE";
    }
    static Price perCall(std::string model, std::string price)
    {
        Price p(std::move(model), "", "", "per_token");
        p.v["billing_category"] = "per_call";
        p.v["per_call_price"] = std::move(price);
        return p;
    }
    Price &set(const std::string &c, std::string value) { v[c] = std::move(value); return *this; }
    Price &ratio(std::string r) { return set("upstream_ratio", std::move(r)); }
    Price &cachedPrice(std::string p) { return set("cached_input_price", std::move(p)); }
    Price &cacheWritePrice(std::string p) { return set("cache_write_price", std::move(p)); }
    Price &reasoningPrice(std::string p) { return set("reasoning_price", std::move(p)); }
    Price &valid(std::string from, std::string to) { set("valid_from", std::move(from)); return set("valid_to", std::move(to)); }
    Price &tier(std::string t) { return set("tier_min_input_tokens", std::move(t)); }
    Price &minimum(std::string m) { return set("minimum_charge", std::move(m)); }
    Price &evidence(std::string e) { return set("evidence_id", std::move(e)); }
    Price &snapshot(std::string s) { return set("snapshot_id", std::move(s)); }
};

/** One model-mapping row (formats.md §6). */
struct Mapping : CsvRow
{
    static const std::vector<std::string> &columns()
    {
        static const std::vector<std::string> c = {"internal_name", "requested_model", "billable_model", "snapshot_id",
                                                   "role", "owner", "valid_from", "valid_to"};
        return c;
    }
    Mapping(std::string requested, std::string billable, std::string role = "primary")
    {
        v["internal_name"] = "svc-" + requested;
        v["requested_model"] = std::move(requested);
        v["billable_model"] = std::move(billable);
        v["snapshot_id"] = "snap";
        v["role"] = std::move(role);
        v["owner"] = "platform";
    }
    Mapping &valid(std::string from, std::string to) { v["valid_from"] = std::move(from); v["valid_to"] = std::move(to); return *this; }
    Mapping &snapshot(std::string s) { v["snapshot_id"] = std::move(s); return *this; }
};

/** One evidence-register entry (formats.md §9). */
struct Evidence : CsvRow
{
    static const std::vector<std::string> &columns()
    {
        static const std::vector<std::string> c = {"evidence_id", "assumption", "area", "owner", "source_url_or_ticket",
                                                   "accessed_on", "next_review_on", "status"};
        return c;
    }
    explicit Evidence(std::string id, std::string status = "verified", std::string nextReview = "2027-01-01")
    {
        v["evidence_id"] = std::move(id);
        v["assumption"] = "prices as captured";
        v["area"] = "pricing";
        v["owner"] = "finops";
        v["source_url_or_ticket"] = "https://apidoc.cometapi.com/about-pricing-873788m0";
        v["accessed_on"] = "2026-05-01";
        v["next_review_on"] = std::move(nextReview);
        v["status"] = std::move(status);
    }
};

/** One finance line (formats.md §4). */
struct FinanceRow : CsvRow
{
    static const std::vector<std::string> &columns()
    {
        static const std::vector<std::string> c = {"document_id", "document_date", "line_type", "description", "amount", "currency"};
        return c;
    }
    FinanceRow(std::string type, std::string amount)
    {
        v["document_id"] = "INV-1";
        v["document_date"] = "2026-06-03";
        v["line_type"] = std::move(type);
        v["description"] = "line";
        v["amount"] = std::move(amount);
        v["currency"] = "USD";
    }
};

/** One CometAPI /user/quota snapshot with daily_quota (formats.md §3a). Amounts are written as JSON numbers, verbatim. */
struct Quota
{
    std::string observedAt = "2026-06-05T00:00:00Z"; ///< empty: no observed_at in the job
    std::string dayTz;                                ///< empty: UTC
    struct Entry
    {
        std::string key, amount;
        long long requests = -1; ///< -1: request_count absent
    };
    std::map<std::string, std::vector<Entry>> days; ///< empty: "daily_quota":{} (queried, no activity)
    bool omitDaily = false;                          ///< true: no daily_quota at all (lifetime totals only)
    Quota &add(const std::string &day, const std::string &key, const std::string &amount, long long requests)
    {
        days[day].push_back({key, amount, requests});
        return *this;
    }
    QByteArray json() const
    {
        QByteArray out = "{\"username\":\"acct\",\"total_quota\":1000,\"total_used_quota\":99.5,\"request_count\":12345,"
                         "\"keys\":[{\"name\":\"k1\",\"remain_quota\":999999999,\"used_quota\":-1}]";
        if (omitDaily)
            return out + "}";
        out += ",\"daily_quota\":{";
        bool firstDay = true;
        for (const auto &[day, entries] : days) {
            out += firstDay ? "" : ",";
            firstDay = false;
            out += "\"" + QByteArray::fromStdString(day) + "\":[";
            for (std::size_t i = 0; i < entries.size(); ++i) {
                const Entry &e = entries[i];
                out += i ? "," : "";
                out += "{\"token_name\":\"" + QByteArray::fromStdString(e.key) + "\",\"quota_used\":" + QByteArray::fromStdString(e.amount);
                if (e.requests >= 0)
                    out += ",\"request_count\":" + QByteArray::number(e.requests);
                out += "}";
            }
            out += "]";
        }
        out += "}}";
        return out;
    }
};

/** A parsed lines.csv. */
struct Lines
{
    QList<QByteArray> header;
    std::vector<QList<QByteArray>> rows;
    static Lines parse(const QByteArray &bytes)
    {
        Lines l;
        QList<QByteArray> all = bytes.split('\n');
        if (!all.isEmpty() && all.last().isEmpty())
            all.removeLast();
        if (all.isEmpty())
            return l;
        l.header = all.takeFirst().split(',');
        for (const QByteArray &line : all)
            l.rows.push_back(line.split(','));
        return l;
    }
    int col(const char *name) const { return static_cast<int>(header.indexOf(QByteArray(name))); }
    /** Value of column `name` for request_id/attempt; "<no such line>" when absent. */
    QByteArray get(const char *request, int attempt, const char *name) const
    {
        const int r = col("request_id"), a = col("attempt"), c = col(name);
        for (const auto &row : rows)
            if (row.value(r) == request && row.value(a) == QByteArray::number(attempt))
                return row.value(c);
        return QByteArrayLiteral("<no such line>");
    }
};

/** The outcome of one run: the loaded ledgers, the result, and the written bytes. */
struct Run
{
    tl::LedgerSet set;
    tl::ReconcileResult res;
    QByteArray summaryBytes, linesBytes, varianceBytes, countsBytes;
    QJsonObject summary;
    Lines lines;

    QString decision() const { return summary.value(QLatin1String("decision")).toString(); }
    /** summary.cost.<field> as written: the decimal string, or "null". */
    QString cost(const char *field) const
    {
        const QJsonValue v = summary.value(QLatin1String("cost")).toObject().value(QLatin1String(field));
        return v.isNull() ? QStringLiteral("null") : v.toString();
    }
    qint64 count(const char *field) const { return summary.value(QLatin1String("counts")).toObject().value(QLatin1String(field)).toInteger(-999); }
    qint64 byOutcome(const char *outcome) const
    {
        return summary.value(QLatin1String("counts")).toObject().value(QLatin1String("by_outcome")).toObject().value(QLatin1String(outcome)).toInteger(-999);
    }
    qint64 quarantined(const char *reason) const
    {
        return summary.value(QLatin1String("counts")).toObject().value(QLatin1String("quarantined")).toObject().value(QLatin1String(reason)).toInteger(-999);
    }
    qint64 tokens(const char *field) const { return summary.value(QLatin1String("tokens")).toObject().value(QLatin1String(field)).toInteger(-999); }
    QJsonObject entry(const char *list, const char *keyField, const QString &key) const
    {
        for (const QJsonValue &v : summary.value(QLatin1String(list)).toArray())
            if (v.toObject().value(QLatin1String(keyField)).toString() == key)
                return v.toObject();
        return {};
    }
    QJsonObject byKey(const char *key) const { return entry("by_key", "api_key_name", QString::fromUtf8(key)); }
    QJsonObject byModel(const char *model) const { return entry("by_model", "billable_model", QString::fromUtf8(model)); }
    /** variance_by_category amount of a category ("absent" when the list does not have it). */
    QString category(const char *name) const
    {
        const QJsonObject o = entry("variance_by_category", "category", QString::fromUtf8(name));
        return o.isEmpty() ? QStringLiteral("absent") : o.value(QLatin1String("amount")).toString();
    }
    qint64 categoryRows(const char *name) const
    {
        return entry("variance_by_category", "category", QString::fromUtf8(name)).value(QLatin1String("rows")).toInteger(-999);
    }
    /** Non-zero categories as "name=amount" in report order, for readable failures. */
    QString nonZeroCategories() const
    {
        QStringList parts;
        for (const QJsonValue &v : summary.value(QLatin1String("variance_by_category")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("amount")).toString() != QLatin1String("0"))
                parts << o.value(QLatin1String("category")).toString() + QLatin1Char('=') + o.value(QLatin1String("amount")).toString();
        }
        return parts.join(QLatin1Char(' '));
    }
    /** The reason with this code, or an empty object. */
    QJsonObject reason(const char *code) const { return entry("reasons", "code", QString::fromUtf8(code)); }
    QString reasonLevel(const char *code) const
    {
        const QJsonObject r = reason(code);
        return r.isEmpty() ? QStringLiteral("none") : r.value(QLatin1String("level")).toString();
    }
    QString reasonCodes() const
    {
        QStringList codes;
        for (const QJsonValue &v : summary.value(QLatin1String("reasons")).toArray())
            codes << v.toObject().value(QLatin1String("code")).toString() + QLatin1Char(':') + v.toObject().value(QLatin1String("level")).toString();
        return codes.join(QLatin1Char(' '));
    }
    /** The variance.csv rows as "category,key,date,amount,rows" strings. */
    QList<QByteArray> varianceRows() const
    {
        QList<QByteArray> all = varianceBytes.split('\n');
        if (!all.isEmpty())
            all.removeFirst();
        if (!all.isEmpty() && all.last().isEmpty())
            all.removeLast();
        return all;
    }
};

/**
 * A job under construction. Defaults: May 2026, one model m1 (token, per_1m, 2 in / 8 out, no
 * ratio) in snapshot `snap` mapped to itself, its evidence EV-PRICE verified, no policy file
 * (the defaults of reconciliation.md), no provider data.
 */
class Fixture
{
public:
    std::string start = "2026-05-01T00:00:00Z", end = "2026-06-01T00:00:00Z";
    std::vector<Attempt> client, gateway;
    std::vector<Price> prices = {Price("m1", "2", "8")};
    std::vector<std::vector<Price>> extraPriceFiles;
    std::vector<Mapping> mappings = {Mapping("m1", "m1")};
    std::vector<Evidence> evidence = {Evidence("EV-PRICE")};
    std::vector<std::pair<std::string, std::string>> policy; ///< outcome, treatment; empty: no policy file
    std::string policyEvidence;
    std::vector<Quota> quotas;
    std::vector<FinanceRow> finance;
    struct RawInput
    {
        std::string kind, format, file;
        QByteArray bytes;
        std::string observedAt;
    };
    std::vector<RawInput> rawInputs; ///< any other input file, written as given
    QJsonObject controls;

    QTemporaryDir dir;

    QString path(const char *name) const { return QDir(dir.path()).filePath(QString::fromUtf8(name)); }

    static bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

    /** Writes every input and job.json; returns the job path (empty on failure). */
    QString write()
    {
        if (!dir.isValid())
            return {};
        QJsonArray inputs;
        auto input = [&](const char *kind, const char *format, const QString &file, const QByteArray &bytes) -> QJsonObject {
            writeFile(path(file.toUtf8().constData()), bytes);
            QJsonObject o{{QStringLiteral("kind"), QString::fromUtf8(kind)}, {QStringLiteral("format"), QString::fromUtf8(format)},
                          {QStringLiteral("path"), file}};
            return o;
        };
        auto rows = [](const auto &v) { return std::vector<CsvRow>(v.begin(), v.end()); };
        inputs.append(input("client", "request_log_csv", QStringLiteral("client.csv"), csv(Attempt::columns(), rows(client))));
        if (!gateway.empty())
            inputs.append(input("gateway", "request_log_csv", QStringLiteral("gateway.csv"), csv(Attempt::columns(), rows(gateway))));
        inputs.append(input("prices", "price_snapshot_csv", QStringLiteral("prices.csv"), csv(Price::columns(), rows(prices))));
        for (std::size_t i = 0; i < extraPriceFiles.size(); ++i)
            inputs.append(input("prices", "price_snapshot_csv", QStringLiteral("prices-%1.csv").arg(i + 2),
                                csv(Price::columns(), rows(extraPriceFiles[i]))));
        inputs.append(input("mapping", "model_mapping_csv", QStringLiteral("mapping.csv"), csv(Mapping::columns(), rows(mappings))));
        if (!policy.empty()) {
            std::vector<CsvRow> p;
            for (const auto &[o, t] : policy) {
                CsvRow r;
                r.v = {{"outcome", o}, {"treatment", t}, {"evidence_id", policyEvidence}};
                p.push_back(r);
            }
            inputs.append(input("policy", "billing_policy_csv", QStringLiteral("policy.csv"), csv({"outcome", "treatment", "evidence_id"}, p)));
        }
        inputs.append(input("evidence", "evidence_csv", QStringLiteral("evidence.csv"), csv(Evidence::columns(), rows(evidence))));
        for (std::size_t i = 0; i < quotas.size(); ++i) {
            QJsonObject o = input("provider", "cometapi_quota", QStringLiteral("quota-%1.json").arg(i + 1), quotas[i].json());
            if (!quotas[i].observedAt.empty())
                o.insert(QStringLiteral("observed_at"), qs(quotas[i].observedAt));
            if (!quotas[i].dayTz.empty())
                o.insert(QStringLiteral("day_tz"), qs(quotas[i].dayTz));
            inputs.append(o);
        }
        for (const RawInput &in : rawInputs) {
            QJsonObject o = input(in.kind.c_str(), in.format.c_str(), qs(in.file), in.bytes);
            if (!in.observedAt.empty())
                o.insert(QStringLiteral("observed_at"), qs(in.observedAt));
            inputs.append(o);
        }
        if (!finance.empty())
            inputs.append(input("finance", "finance_csv", QStringLiteral("finance.csv"), csv(FinanceRow::columns(), rows(finance))));
        QJsonObject period{{QStringLiteral("start_utc"), qs(start)}, {QStringLiteral("end_utc"), qs(end)},
                           {QStringLiteral("account_ref"), QStringLiteral("acct")}, {QStringLiteral("currency"), QStringLiteral("USD")}};
        QJsonObject job{{QStringLiteral("reconciliation_period"), period}, {QStringLiteral("inputs"), inputs},
                        {QStringLiteral("controls"), controls}};
        const QString jobPath = path("job.json");
        if (!writeFile(jobPath, QJsonDocument(job).toJson(QJsonDocument::Indented)))
            return {};
        return jobPath;
    }

    /** Writes, loads and reconciles; on an exception returns null and sets *error. */
    std::unique_ptr<Run> run(QString *error)
    {
        const QString jobPath = write();
        if (jobPath.isEmpty()) {
            *error = QStringLiteral("cannot write the fixture");
            return nullptr;
        }
        auto r = std::make_unique<Run>();
        try {
            const tl::Job job = tl::Job::load(jobPath);
            tl::JobRunner::load(job, r->set);
            r->res = tl::Reconciler::run(job, r->set);
        } catch (const tl::ImportError &e) {
            *error = QStringLiteral("ImportError: ") + e.toString();
            return nullptr;
        } catch (const tl::ReconcileError &e) {
            *error = QStringLiteral("ReconcileError: ") + e.message();
            return nullptr;
        } catch (const std::exception &e) {
            *error = QStringLiteral("exception: ") + QString::fromUtf8(e.what());
            return nullptr;
        }
        r->summaryBytes = tl::ResultWriter::summaryJson(r->res, r->set);
        r->linesBytes = tl::ResultWriter::linesCsv(r->res, r->set);
        r->varianceBytes = tl::ResultWriter::varianceCsv(r->res, r->set);
        r->countsBytes = tl::ResultWriter::countsCsv(r->res, r->set);
        QJsonParseError pe;
        r->summary = QJsonDocument::fromJson(r->summaryBytes, &pe).object();
        if (pe.error != QJsonParseError::NoError) {
            *error = QStringLiteral("summary.json does not parse: ") + pe.errorString();
            return nullptr;
        }
        r->lines = Lines::parse(r->linesBytes);
        return r;
    }

    /** Loads and reconciles expecting an error; returns its text (empty when the run succeeded). */
    QString runError()
    {
        QString error;
        auto r = run(&error);
        return r ? QString() : error;
    }

    /** A quota snapshot observed well after the posting window (final figures). */
    Quota &finalQuota()
    {
        quotas.emplace_back();
        return quotas.back();
    }
};

} // namespace tlt

/** Runs a fixture into `var` (a std::unique_ptr<tlt::Run>), failing the test with the error. */
#define TLT_RUN(var, fixture)                                                  \
    QString var##_error;                                                       \
    auto var = (fixture).run(&var##_error);                                    \
    QVERIFY2(var != nullptr, qPrintable(var##_error));
