// SPDX-License-Identifier: Apache-2.0
#include "tests/bench/stages.h"

#include "tests/bench/procutil.h"

#include "core/import/csvreader.h"
#include "core/import/secretredactor.h"
#include "core/model/outcome.h"
#include "core/pricing/pricer.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/reconcile/resultwriter.h"
#include "core/util/sha256.h"

#ifdef TL_BENCH_UI
#include "ui/document/workspace.h"
#include "ui/models/ledgerlinesmodel.h"
#endif

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <memory>
#include <utility>
#include <unordered_map>
#include <unordered_set>

namespace tl::bench {

namespace {

#ifdef TL_BENCH_UI
using Holder = Workspace;
#else
struct Holder
{
    Job job;
    LedgerSet set;
    ReconcileResult result;
};
#endif

template<class V>
double capacityBytes(const V &v)
{
    return static_cast<double>(v.capacity() * sizeof(typename V::value_type));
}

/** Bytes the client table's columns hold, by column. */
QJsonObject tableBytes(const AttemptTable &t, double *total)
{
    QJsonObject o;
    double sum = 0;
    const auto add = [&](const char *name, double b) {
        o.insert(QLatin1String(name), b);
        sum += b;
    };
#define TL_COL(c) add(#c, capacityBytes(t.c));
    TL_COL(requestId) TL_COL(attempt) TL_COL(timestamp) TL_COL(accountRef) TL_COL(apiKey)
    TL_COL(service) TL_COL(environment) TL_COL(modelRequested) TL_COL(modelBilled) TL_COL(role) TL_COL(httpStatus)
    TL_COL(outcome) TL_COL(stream) TL_COL(clientTimeout) TL_COL(streamCancelled) TL_COL(cacheHit) TL_COL(inputTokens)
    TL_COL(outputTokens) TL_COL(cachedTokens) TL_COL(cacheWriteTokens) TL_COL(reasoningTokens) TL_COL(responseId)
    TL_COL(costCenter) TL_COL(owner) TL_COL(sourceIp) TL_COL(tenant)
    TL_COL(sourceFile) TL_COL(sourceLine)
#undef TL_COL
    add("endTimestamp, reportedCost (sparse)", static_cast<double>(t.sparseBytes()));
    *total = sum;
    return o;
}

double resultLineBytes(const ReconcileResult &r)
{
    return capacityBytes(r.lineRow) + capacityBytes(r.lineOutcome) + capacityBytes(r.lineTreatment)
        + capacityBytes(r.lineQuarantine) + capacityBytes(r.lineBillableModel) + capacityBytes(r.lineSnapshot)
        + capacityBytes(r.lineCost) + capacityBytes(r.lineCostKnown) + capacityBytes(r.lineCategory)
        + capacityBytes(r.linePriceRow) + capacityBytes(r.excludedRows);
}

class Stages
{
public:
    void start()
    {
        resetPeak();
        m_t0 = nowSeconds();
        m_c0 = cpuSeconds();
    }
    double stop(const QString &name, QJsonObject extra = QJsonObject())
    {
        const double s = nowSeconds() - m_t0;
        extra.insert(QStringLiteral("name"), name);
        extra.insert(QStringLiteral("s"), s);
        extra.insert(QStringLiteral("cpu_s"), cpuSeconds() - m_c0);
        extra.insert(QStringLiteral("peak_mb"), statusKb("VmHWM") / 1024.0);
        extra.insert(QStringLiteral("rss_mb"), statusKb("VmRSS") / 1024.0);
        m_list.append(extra);
        return s;
    }
    /** A timing without its own peak (sub-steps and GUI operations). */
    void add(const QString &name, std::pair<double, double> wallCpu)
    {
        QJsonObject o;
        o.insert(QStringLiteral("name"), name);
        o.insert(QStringLiteral("s"), wallCpu.first);
        o.insert(QStringLiteral("cpu_s"), wallCpu.second);
        m_list.append(o);
    }
    QJsonArray list() const { return m_list; }

private:
    double m_t0 = 0, m_c0 = 0;
    QJsonArray m_list;
};

/** Wall and CPU seconds of f(). */
template<class F>
std::pair<double, double> timed(F &&f)
{
    const double t0 = nowSeconds(), c0 = cpuSeconds();
    f();
    return {nowSeconds() - t0, cpuSeconds() - c0};
}

} // namespace

QByteArray runStages(const QString &jobPath, const QString &outDir, bool ui)
{
    QJsonObject report;
    Stages st;
    auto ws = std::make_shared<Holder>();
    ws->job = Job::load(jobPath);
    trimHeap();
    const long baseKb = statusKb("VmRSS");

    // --- Import: every input of the job (hash, redaction scan, parse, duplicate check) -------
    st.start();
    JobRunner::load(ws->job, ws->set);
    st.stop(QStringLiteral("import"));
    trimHeap();
    const long heldKb = statusKb("VmRSS") - baseKb;
    const double rows = static_cast<double>(ws->set.client.size());
    double tableTotal = 0;
    report.insert(QStringLiteral("client_rows"), rows);
    report.insert(QStringLiteral("pool_strings"), static_cast<double>(ws->set.pool().size()));
    report.insert(QStringLiteral("held_bytes_per_attempt"), heldKb * 1024.0 / rows);
    report.insert(QStringLiteral("table_columns"), tableBytes(ws->set.client, &tableTotal));
    report.insert(QStringLiteral("table_bytes_per_attempt"), tableTotal / rows);

    // Two costs inside the import and the reconcile, replayed alone on the imported columns:
    // interning the unique ids (request_id, response_id) into a fresh pool, and the hash set
    // of (request_id, attempt) both use to find duplicates.
    {
        const AttemptTable &c = ws->set.client;
        const StringPool &pool = ws->set.pool();
        std::vector<std::string_view> ids;
        ids.reserve(c.size() * 2);
        for (std::size_t i = 0; i < c.size(); ++i) {
            ids.push_back(pool.view(c.requestId[i]));
            if (c.responseId[i])
                ids.push_back(pool.view(c.responseId[i]));
        }
        st.add(QStringLiteral("import: interning request_id + response_id into a fresh pool"), timed([&] {
                   StringPool fresh;
                   for (std::string_view v : ids)
                       fresh.intern(v);
               }));
        std::size_t dups = 0;
        st.add(QStringLiteral("import: duplicate check (std::unordered_set of request_id/attempt)"), timed([&] {
                   std::unordered_set<std::uint64_t> seen;
                   seen.reserve(c.size());
                   for (std::size_t i = 0; i < c.size(); ++i)
                       dups += !seen.insert((static_cast<std::uint64_t>(c.requestId[i]) << 32) ^ static_cast<std::uint32_t>(c.attempt[i])).second;
               }));
        std::size_t dups2 = 0;
        st.add(QStringLiteral("import: duplicate check, sort-based alternative (radix-friendly keys)"), timed([&] {
                   std::vector<std::uint64_t> keys(c.size());
                   for (std::size_t i = 0; i < c.size(); ++i)
                       keys[i] = (static_cast<std::uint64_t>(c.requestId[i]) << 32) ^ static_cast<std::uint32_t>(c.attempt[i]);
                   std::sort(keys.begin(), keys.end());
                   for (std::size_t i = 1; i < keys.size(); ++i)
                       dups2 += keys[i] == keys[i - 1];
               }));
        report.insert(QStringLiteral("duplicates"), static_cast<double>(dups));
        report.insert(QStringLiteral("duplicates_sorted"), static_cast<double>(dups2));
    }

    // What the import spends on the client file besides parsing, measured on the same bytes.
    for (const JobInput &in : ws->job.inputs) {
        if (in.options.kind != LedgerKind::Client)
            continue;
        QFile f(in.path);
        if (!f.open(QIODevice::ReadOnly))
            break;
        const uchar *m = f.map(0, f.size());
        if (!m)
            break;
        const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(m), static_cast<qsizetype>(f.size()));
        QString digest;
        st.add(QStringLiteral("import: sha256 of the client file"), timed([&] { digest = Sha256::hex(bytes); }));
        qint64 redactions = 0;
        st.add(QStringLiteral("import: redaction scan (and copy)"), timed([&] { (void)SecretRedactor::redact(bytes, &redactions); }));
        qint64 lines = 0;
        st.add(QStringLiteral("import: counting lines"), timed([&] { lines = std::count(bytes.cbegin(), bytes.cend(), '\n'); }));
        report.insert(QStringLiteral("client_file_lines"), static_cast<double>(lines));
        report.insert(QStringLiteral("client_file_bytes"), static_cast<double>(f.size()));
        report.insert(QStringLiteral("redactions"), static_cast<double>(redactions));
        if (in.options.format == QLatin1String("request_log_csv")) {
            // The RFC 4180 tokenizer alone: every record split into field views, nothing converted.
            qint64 fieldBytes = 0;
            st.add(QStringLiteral("import: CSV tokenizing only (CsvReader)"), timed([&] {
                       CsvReader reader(bytes, QStringLiteral("client.csv"));
                       while (reader.next())
                           fieldBytes += static_cast<qint64>(reader.field(0).size());
                   }));
            report.insert(QStringLiteral("checksum_field_bytes"), static_cast<double>(fieldBytes));
        }
        break;
    }

    // --- Pricing alone: resolve + price every client row (the reconcile does it again) -------
    {
        st.start();
        const Pricer pricer(ws->set, ws->job.period.snapshotId);
        const AttemptTable &c = ws->set.client;
        Decimal sum;
        qint64 priced = 0;
        for (std::size_t i = 0; i < c.size(); ++i) {
            PriceResult pr = pricer.resolve(c.modelRequested[i], c.modelBilled[i], c.timestamp[i], c.inputTokens[i]);
            pricer.price(pr, c.inputTokens[i], c.cachedTokens[i], c.cacheWriteTokens[i], c.outputTokens[i], c.reasoningTokens[i],
                         true, true);
            if (pr.cost.known) {
                sum += pr.cost.value;
                ++priced;
            }
        }
        QJsonObject extra;
        extra.insert(QStringLiteral("priced"), static_cast<double>(priced));
        st.stop(QStringLiteral("pricing (stand-alone pass)"), extra);
    }

    // --- Reconcile (prices again, classifies, joins with the provider, attributes, decides) ---
    st.start();
    ws->result = Reconciler::run(ws->job, ws->set);
    st.stop(QStringLiteral("reconcile"));
    trimHeap();
    const long withResultKb = statusKb("VmRSS") - baseKb;
    report.insert(QStringLiteral("held_with_result_bytes_per_attempt"), withResultKb * 1024.0 / rows);
    report.insert(QStringLiteral("result_line_bytes_per_attempt"), resultLineBytes(ws->result) / rows);
    report.insert(QStringLiteral("lines"), static_cast<double>(ws->result.lineRow.size()));
    report.insert(QStringLiteral("decision"), QString::fromLatin1(decisionName(ws->result.decision)));
    report.insert(QStringLiteral("estimated_billable"), ws->result.estimatedBillable.toString());
    report.insert(QStringLiteral("provider_reported"),
                  ws->result.providerReported.known ? ws->result.providerReported.value.toString() : QStringLiteral("null"));

    // --- Outputs ---------------------------------------------------------------------------
    st.start();
    QString error;
    const bool written = ResultWriter::writeAll(ws->result, ws->set, outDir, &error);
    st.stop(QStringLiteral("write outputs"));
    if (!written)
        report.insert(QStringLiteral("write_error"), error);

    // --- The ledger view -----------------------------------------------------------------------
    if (ui) {
        // The busiest key: filtering by it keeps a realistic share of the rows.
        StringPool::Id busiest = 0;
        qint64 most = -1;
        for (const KeyTotals &k : ws->result.byKey)
            if (k.attempts > most) {
                most = k.attempts;
                busiest = k.apiKey;
            }
#ifdef TL_BENCH_UI
        report.insert(QStringLiteral("ui"), QStringLiteral("ui/models/LedgerLinesModel"));
        ws->pricer = std::make_unique<Pricer>(ws->set, ws->job.period.snapshotId);
        std::shared_ptr<const Workspace> shared = ws;
        LedgerLinesModel model;
        st.add(QStringLiteral("ui: build ledger model (setWorkspace, all lines, time order)"), timed([&] { model.setWorkspace(shared); }));
        LedgerFilter f;
        f.apiKey = ws->set.pool().string(busiest);
        st.add(QStringLiteral("ui: filter by key (busiest key)"), timed([&] { model.setFilter(f); }));
        report.insert(QStringLiteral("ui_rows_key"), model.rowCount());
        f = LedgerFilter();
        f.outcome = static_cast<int>(Outcome::RateLimited);
        st.add(QStringLiteral("ui: filter by outcome (rate_limited)"), timed([&] { model.setFilter(f); }));
        f = LedgerFilter();
        f.status = LedgerFilter::Status::Quarantined;
        st.add(QStringLiteral("ui: filter by status (quarantined)"), timed([&] { model.setFilter(f); }));
        f = LedgerFilter();
        f.text = QStringLiteral("req_00");
        st.add(QStringLiteral("ui: filter by text (\"req_00\")"), timed([&] { model.setFilter(f); }));
        report.insert(QStringLiteral("ui_rows_text"), model.rowCount());
        f = LedgerFilter();
        st.add(QStringLiteral("ui: clear filter (all lines)"), timed([&] { model.setFilter(f); }));
        st.add(QStringLiteral("ui: sort all lines by cost (desc)"), timed([&] { model.sort(LedgerLinesModel::Cost, Qt::DescendingOrder); }));
        st.add(QStringLiteral("ui: sort all lines by key"), timed([&] { model.sort(LedgerLinesModel::ApiKey, Qt::AscendingOrder); }));
        st.add(QStringLiteral("ui: sort all lines by time"), timed([&] { model.sort(LedgerLinesModel::Time, Qt::AscendingOrder); }));
        // Scrolling: 200 screens of 40 rows, every column, at spread positions.
        const int rowsShown = model.rowCount();
        qint64 chars = 0;
        st.add(QStringLiteral("ui: data() for 200 screens of 40 rows"), timed([&] {
                   for (int s = 0; s < 200; ++s) {
                       const int top = static_cast<int>((static_cast<qint64>(s) * 7919 * 104729) % std::max(1, rowsShown - 40));
                       for (int r = top; r < top + 40 && r < rowsShown; ++r)
                           for (int col = 0; col < LedgerLinesModel::ColumnCount; ++col)
                               chars += model.data(model.index(r, col)).toString().size();
                   }
               }));
        report.insert(QStringLiteral("ui_rows"), rowsShown);
        {
            // The same sort by key as ranks: the few distinct keys are ordered once by their text,
            // then a counting sort by rank keeps the time order within a key (stable).
            std::vector<int> view(static_cast<std::size_t>(rowsShown));
            for (int i = 0; i < rowsShown; ++i)
                view[static_cast<std::size_t>(i)] = model.lineAt(i);
            const AttemptTable &c = ws->set.client;
            const ReconcileResult &r = ws->result;
            const StringPool &pool = ws->set.pool();
            std::vector<int> sorted;
            st.add(QStringLiteral("ui alt: sort all lines by key as id ranks + counting sort (stable)"), timed([&] {
                       std::unordered_map<StringPool::Id, std::uint32_t> rank;
                       for (int li : view)
                           rank.emplace(c.apiKey[r.lineRow[static_cast<std::size_t>(li)]], 0);
                       std::vector<StringPool::Id> ids;
                       for (const auto &kv : rank)
                           ids.push_back(kv.first);
                       std::sort(ids.begin(), ids.end(), [&](StringPool::Id a, StringPool::Id b) { return pool.view(a) < pool.view(b); });
                       for (std::size_t k = 0; k < ids.size(); ++k)
                           rank[ids[k]] = static_cast<std::uint32_t>(k);
                       std::vector<std::uint32_t> lineRank(view.size());
                       std::vector<std::size_t> start(ids.size() + 1, 0);
                       for (std::size_t i = 0; i < view.size(); ++i) {
                           lineRank[i] = rank[c.apiKey[r.lineRow[static_cast<std::size_t>(view[i])]]];
                           ++start[lineRank[i] + 1];
                       }
                       for (std::size_t k = 1; k < start.size(); ++k)
                           start[k] += start[k - 1];
                       sorted.resize(view.size());
                       for (std::size_t i = 0; i < view.size(); ++i)
                           sorted[start[lineRank[i]]++] = view[i];
                   }));
            std::vector<std::pair<std::int64_t, int>> keyed;
            st.add(QStringLiteral("ui alt: sort all lines by time on contiguous (time, line) pairs"), timed([&] {
                       keyed.resize(view.size());
                       for (std::size_t i = 0; i < view.size(); ++i)
                           keyed[i] = {c.timestamp[r.lineRow[static_cast<std::size_t>(view[i])]], view[i]};
                       std::stable_sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
                       for (std::size_t i = 0; i < view.size(); ++i)
                           sorted[i] = keyed[i].second;
                   }));
        }
#else
        // No ui library in this build: the same index-vector filter over the result's columns.
        report.insert(QStringLiteral("ui"), QStringLiteral("index-vector filter on ReconcileResult columns (ui/models not built)"));
        const AttemptTable &c = ws->set.client;
        const ReconcileResult &r = ws->result;
        const std::size_t lines = r.lineRow.size();
        std::vector<int> view;
        st.add(QStringLiteral("ui: filter by key (index vector)"), timed([&] {
                   view.clear();
                   view.reserve(lines);
                   for (std::size_t li = 0; li < lines; ++li)
                       if (c.apiKey[r.lineRow[li]] == busiest)
                           view.push_back(static_cast<int>(li));
               }));
        st.add(QStringLiteral("ui: filter by status (index vector)"), timed([&] {
                   view.clear();
                   for (std::size_t li = 0; li < lines; ++li)
                       if (r.lineQuarantine[li] != Quarantine::None)
                           view.push_back(static_cast<int>(li));
               }));
        st.add(QStringLiteral("ui: sort all lines by cost (index vector)"), timed([&] {
                   view.resize(lines);
                   for (std::size_t li = 0; li < lines; ++li)
                       view[li] = static_cast<int>(li);
                   std::stable_sort(view.begin(), view.end(), [&](int a, int b) { return r.lineCost[static_cast<std::size_t>(a)] > r.lineCost[static_cast<std::size_t>(b)]; });
               }));
#endif
    }

    report.insert(QStringLiteral("stages"), st.list());
    report.insert(QStringLiteral("end_peak_mb"), statusKb("VmHWM") / 1024.0);
    return QJsonDocument(report).toJson(QJsonDocument::Compact);
}

} // namespace tl::bench
