// SPDX-License-Identifier: Apache-2.0
#include "tests/bench/generator.h"

#include "core/money/decimal.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tl::bench {

namespace {

// --- Deterministic randomness (integer draws only) -------------------------------------------

std::uint64_t mix64(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

struct Rng
{
    std::uint64_t s;
    explicit Rng(std::uint64_t seed) : s(seed) {}
    std::uint64_t next()
    {
        s += 0x9e3779b97f4a7c15ULL;
        return mix64(s);
    }
    /** Uniform in [lo, hi]. */
    std::int64_t range(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    /** True with probability permyriad / 10000. */
    bool chance(int permyriad) { return static_cast<int>(next() % 10000) < permyriad; }
};

// --- The catalogue ---------------------------------------------------------------------------

struct Model
{
    const char *name;
    bool perCall;
    // Prices per 1M tokens (token models) or per call; nullptr = not listed (falls back).
    const char *input, *output, *cached, *cacheWrite, *perCallPrice;
    bool reasoning;
    const char *idPrefix;
    int outScale; ///< 0: embeddings (no output)
};

constexpr Model kModels[] = {
    {"gpt-4o", false, "2.50", "10.00", "1.25", nullptr, nullptr, false, "chatcmpl-", 1},
    {"gpt-4o-mini", false, "0.15", "0.60", "0.075", nullptr, nullptr, false, "chatcmpl-", 1},
    {"gpt-4.1", false, "2.00", "8.00", "0.50", nullptr, nullptr, false, "chatcmpl-", 1},
    {"gpt-4.1-mini", false, "0.40", "1.60", "0.10", nullptr, nullptr, false, "chatcmpl-", 1},
    {"gpt-4.1-nano", false, "0.10", "0.40", "0.025", nullptr, nullptr, false, "chatcmpl-", 1},
    {"gpt-5", false, "1.25", "10.00", "0.125", nullptr, nullptr, true, "chatcmpl-", 1},
    {"gpt-5-mini", false, "0.25", "2.00", "0.025", nullptr, nullptr, true, "chatcmpl-", 1},
    {"gpt-5-nano", false, "0.05", "0.40", "0.005", nullptr, nullptr, true, "chatcmpl-", 1},
    {"o3", false, "2.00", "8.00", "0.50", nullptr, nullptr, true, "chatcmpl-", 1},
    {"o3-mini", false, "1.10", "4.40", "0.55", nullptr, nullptr, true, "chatcmpl-", 1},
    {"o4-mini", false, "1.10", "4.40", "0.275", nullptr, nullptr, true, "chatcmpl-", 1},
    {"claude-sonnet-4-20250514", false, "3.00", "15.00", "0.30", "3.75", nullptr, false, "msg_", 1},
    {"claude-sonnet-4-5-20250929", false, "3.00", "15.00", "0.30", "3.75", nullptr, false, "msg_", 1},
    {"claude-opus-4-1-20250805", false, "15.00", "75.00", "1.50", "18.75", nullptr, false, "msg_", 1},
    {"claude-3-5-haiku-20241022", false, "0.80", "4.00", "0.08", "1.00", nullptr, false, "msg_", 1},
    {"gemini-2.5-pro", false, "1.25", "10.00", "0.31", nullptr, nullptr, true, "gen-", 1},
    {"gemini-2.5-flash", false, "0.30", "2.50", "0.075", nullptr, nullptr, false, "gen-", 1},
    {"gemini-2.0-flash", false, "0.10", "0.40", "0.025", nullptr, nullptr, false, "gen-", 1},
    {"deepseek-chat", false, "0.27", "1.10", "0.07", nullptr, nullptr, false, "gen-", 1},
    {"deepseek-reasoner", false, "0.55", "2.19", "0.14", nullptr, nullptr, true, "gen-", 1},
    {"grok-4", false, "3.00", "15.00", "0.75", nullptr, nullptr, true, "gen-", 1},
    {"grok-3-mini", false, "0.30", "0.50", "0.075", nullptr, nullptr, true, "gen-", 1},
    {"qwen3-coder-plus", false, "1.00", "5.00", "0.10", nullptr, nullptr, false, "gen-", 1},
    {"qwen-max", false, "1.60", "6.40", nullptr, nullptr, nullptr, false, "gen-", 1},
    {"llama-4-maverick", false, "0.20", "0.60", nullptr, nullptr, nullptr, false, "gen-", 1},
    {"mistral-large-latest", false, "2.00", "6.00", nullptr, nullptr, nullptr, false, "gen-", 1},
    {"kimi-k2", false, "0.60", "2.50", "0.15", nullptr, nullptr, false, "gen-", 1},
    {"glm-4.5", false, "0.60", "2.20", "0.11", nullptr, nullptr, false, "gen-", 1},
    {"text-embedding-3-small", false, "0.02", "0.00", nullptr, nullptr, nullptr, false, "emb-", 0},
    {"text-embedding-3-large", false, "0.13", "0.00", nullptr, nullptr, nullptr, false, "emb-", 0},
    {"mj_imagine", true, nullptr, nullptr, nullptr, nullptr, "0.05", false, "task-", 0},
    {"kling_video", true, nullptr, nullptr, nullptr, nullptr, "0.35", false, "task-", 0},
    {"suno_music", true, nullptr, nullptr, nullptr, nullptr, "0.10", false, "task-", 0},
    {"dall-e-3", true, nullptr, nullptr, nullptr, nullptr, "0.04", false, "task-", 0},
};
constexpr int kModelCount = static_cast<int>(std::size(kModels));

int modelIndex(std::string_view name)
{
    for (int i = 0; i < kModelCount; ++i)
        if (name == kModels[i].name)
            return i;
    return -1;
}

/** Names the applications ask for: every model by name, aliases through the mapping, one unmapped. */
struct Requested
{
    const char *name;
    const char *billable; ///< nullptr: unmapped (quarantined as unknown_model)
    const char *fallback; ///< the mapping's fallback row, if any
};

constexpr Requested kAliases[] = {
    {"chat-default", "gpt-4o-mini", "gpt-4.1-mini"},
    {"smart", "gpt-4.1", nullptr},
    {"reasoner", "o4-mini", nullptr},
    {"claude", "claude-sonnet-4-20250514", nullptr},
    {"fast", "gemini-2.5-flash", nullptr},
    {"coder", "qwen3-coder-plus", nullptr},
    {"cheap", "gpt-4.1-nano", nullptr},
    {"vision", "gpt-4o", nullptr},
    {"embed", "text-embedding-3-small", nullptr},
};
constexpr char kUnmapped[] = "experimental-preview";

// Relative traffic per UTC hour.
constexpr int kBusiness[24] = {2, 1, 1, 1, 2, 3, 5, 8, 11, 13, 14, 14, 13, 14, 14, 13, 12, 10, 8, 6, 5, 4, 3, 2};
constexpr int kAllDay[24] = {4, 3, 3, 3, 4, 5, 7, 9, 10, 11, 11, 11, 11, 11, 11, 11, 10, 10, 9, 8, 7, 6, 5, 5};
constexpr int kNight[24] = {0, 10, 12, 12, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
constexpr int kTokyo[24] = {10, 12, 13, 13, 12, 11, 10, 10, 8, 5, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 5, 8};

struct Service
{
    const char *name, *costCenter, *owner, *ipPrefix;
    const int *hours;
    int weight;       ///< relative traffic
    int streamPermille;
    int tzMinutes;    ///< the offset the service writes timestamps in
    int tokenScale;   ///< percent of the base token ranges
    const char *mix;  ///< requested names, ';'-separated
};

const Service kServices[] = {
    {"support-assistant", "CC-SUP-100", "support-team", "10.20.4.", kBusiness, 220, 700, 0, 100, "chat-default;gpt-4o;claude;fast"},
    {"search-answers", "CC-SEA-200", "search-team", "10.30.8.", kAllDay, 180, 200, 0, 80, "gpt-4o-mini;fast;gemini-2.0-flash;embed"},
    {"agent-runtime", "CC-AGT-300", "agents-team", "10.40.2.", kBusiness, 120, 500, 0, 400, "claude;reasoner;gpt-4.1;gpt-5;claude-opus-4-1-20250805"},
    {"doc-summarizer", "CC-DAT-400", "data-eng", "10.50.1.", kNight, 90, 0, 0, 300, "gpt-4o-mini;gpt-4.1;cheap;gemini-2.5-pro"},
    {"internal-tools", "CC-PLT-700", "platform-team", "10.60.3.", kAllDay, 60, 300, 0, 100, "gpt-4o;claude-sonnet-4-5-20250929;o4-mini;smart"},
    {"media-generator", "CC-MED-500", "creative-team", "10.70.5.", kTokyo, 30, 0, 540, 0, "mj_imagine;kling_video;suno_music;dall-e-3"},
    {"notebook-assistant", "CC-ANA-600", "analytics-team", "10.80.9.", kBusiness, 25, 100, 0, 150, "reasoner;gpt-4.1;deepseek-reasoner;o3"},
    {"eval-harness", "CC-QA-800", "qa-team", "10.90.1.", kBusiness, 25, 0, 0, 120, "gpt-4o-mini;claude;gemini-2.5-flash;grok-3-mini;kimi-k2"},
    {"code-review-bot", "CC-ENG-110", "dev-productivity", "10.21.3.", kBusiness, 45, 300, 0, 350, "coder;claude-sonnet-4-5-20250929;gpt-5-mini;deepseek-chat"},
    {"sales-email-drafts", "CC-SAL-120", "sales-ops", "10.22.7.", kBusiness, 30, 600, -300, 90, "gpt-4o;chat-default;claude-3-5-haiku-20241022"},
    {"translation-svc", "CC-LOC-130", "localization", "10.23.1.", kAllDay, 40, 0, 0, 110, "gpt-4.1-mini;qwen-max;mistral-large-latest;deepseek-chat"},
    {"fraud-triage", "CC-RSK-140", "risk-team", "10.24.6.", kAllDay, 20, 0, 0, 130, "o3-mini;gpt-4.1;grok-4"},
    {"kb-indexer", "CC-SEA-210", "search-team", "10.31.2.", kNight, 35, 0, 0, 200, "embed;text-embedding-3-large;gpt-4.1-nano"},
    {"voice-agent", "CC-SUP-150", "support-team", "10.25.9.", kBusiness, 30, 900, 0, 60, "gpt-4o-mini;fast;gpt-5-nano"},
    {"legal-review", "CC-LEG-160", "legal-ops", "10.26.4.", kBusiness, 8, 200, 60, 500, "claude-opus-4-1-20250805;gpt-5;gemini-2.5-pro"},
    {"marketing-copy", "CC-MKT-170", "marketing", "10.27.5.", kBusiness, 12, 500, 0, 80, "gpt-4o;claude;llama-4-maverick;glm-4.5"},
    {"ticket-router", "CC-SUP-180", "support-team", "10.28.8.", kAllDay, 50, 0, 0, 40, "cheap;gpt-4o-mini;gemini-2.0-flash;experimental-preview"},
    {"data-labeling", "CC-DAT-410", "data-eng", "10.51.3.", kNight, 30, 0, 0, 150, "gpt-4.1-mini;gpt-5-mini;deepseek-chat"},
    {"onboarding-coach", "CC-HR-190", "people-ops", "10.29.2.", kBusiness, 6, 700, 0, 70, "chat-default;claude-3-5-haiku-20241022"},
    {"bi-sql-copilot", "CC-ANA-610", "analytics-team", "10.81.4.", kBusiness, 14, 200, 0, 180, "smart;coder;o4-mini"},
};
constexpr int kServiceCount = static_cast<int>(std::size(kServices));

struct Key
{
    std::string name;
    int service;
    const char *environment;
    int weight; ///< relative traffic (permille of the service's)
};

constexpr char kAccount[] = "acct-bench-4c1d";
constexpr const char *kLeakedKeys[] = {"ci-legacy", "contractor-sandbox"};

// --- Attempts ---------------------------------------------------------------------------------

enum Kind : std::int8_t { Success, Stream, StreamNoUsage, Cancelled, Cached, BadRequest, RateLimited, ServerError, Timeout, Network, NotSent };

struct Attempt
{
    std::int64_t ms = 0; ///< UTC milliseconds since the epoch
    std::uint64_t request = 0;
    std::uint64_t serial = 0; ///< global attempt number (response id, ordering)
    std::int16_t attempt = 1, http = -1;
    std::int8_t key = 0, model = 0, kind = Success, note = 0;
    const char *requested = nullptr;
    bool modelBilledShown = false, fallback = false, duplicate = false;
    std::int32_t in = 0, out = 0, cached = 0, write = 0, reasoning = 0;
};

bool hasResponse(Kind k)
{
    return k == Success || k == Stream || k == StreamNoUsage || k == Cancelled || k == Cached || k == BadRequest
        || k == RateLimited || k == ServerError;
}
bool servedByModel(Kind k) { return k == Success || k == Stream || k == StreamNoUsage || k == Cancelled || k == Cached; }
bool logsUsage(Kind k) { return k == Success || k == Stream || k == Cached; }

// --- Text helpers ----------------------------------------------------------------------------

void appendInt(std::string &o, std::int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    o.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void append2(std::string &o, int v)
{
    o += static_cast<char>('0' + v / 10);
    o += static_cast<char>('0' + v % 10);
}

std::int64_t daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (*m <= 2));
}

void appendDate(std::string &o, std::int64_t day)
{
    int y;
    unsigned m, d;
    civilFromDays(day, &y, &m, &d);
    appendInt(o, y);
    o += '-';
    append2(o, static_cast<int>(m));
    o += '-';
    append2(o, static_cast<int>(d));
}

std::string dateText(std::int64_t day)
{
    std::string s;
    appendDate(s, day);
    return s;
}

/** ISO 8601 with milliseconds, written in the given offset (`Z` for 0). */
void appendTimestamp(std::string &o, std::int64_t utcMs, int tzMinutes)
{
    const std::int64_t local = utcMs + static_cast<std::int64_t>(tzMinutes) * 60000;
    const std::int64_t day = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
    const std::int64_t msOfDay = local - day * 86400000;
    appendDate(o, day);
    o += 'T';
    append2(o, static_cast<int>(msOfDay / 3600000));
    o += ':';
    append2(o, static_cast<int>(msOfDay / 60000 % 60));
    o += ':';
    append2(o, static_cast<int>(msOfDay / 1000 % 60));
    o += '.';
    const int ms = static_cast<int>(msOfDay % 1000);
    o += static_cast<char>('0' + ms / 100);
    append2(o, ms % 100);
    if (tzMinutes == 0) {
        o += 'Z';
    } else {
        const int a = tzMinutes < 0 ? -tzMinutes : tzMinutes;
        o += tzMinutes < 0 ? '-' : '+';
        append2(o, a / 60);
        o += ':';
        append2(o, a % 60);
    }
}

constexpr char kBase62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

void appendRequestId(std::string &o, std::uint64_t seed, std::uint64_t request)
{
    static constexpr char hex[] = "0123456789abcdef";
    // mix64 is a bijection: distinct requests give distinct ids.
    const std::uint64_t h = mix64(request ^ seed);
    o += "req_";
    for (int i = 15; i >= 0; --i)
        o += hex[(h >> (i * 4)) & 15];
}

void appendResponseId(std::string &o, std::uint64_t seed, const Attempt &a)
{
    o += kModels[a.model].idPrefix;
    // 24 base62 characters, 8 from each of three 64-bit draws (62^8 < 2^48: no exhausted digits).
    std::uint64_t h = mix64(a.serial * 0x2545F4914F6CDD1DULL ^ seed ^ 0x5bd1e995ULL);
    for (int part = 0; part < 3; ++part) {
        std::uint64_t x = h;
        for (int i = 0; i < 8; ++i) {
            o += kBase62[x % 62];
            x /= 62;
        }
        h = mix64(h + 0x9e3779b97f4a7c15ULL);
    }
}

/** A buffered output file: large writes, so generating is disk-bound, not syscall-bound. */
class Out
{
public:
    bool open(const QString &path)
    {
        m_path = path;
        m_f = std::fopen(QFile::encodeName(path).constData(), "wb");
        return m_f != nullptr;
    }
    ~Out() { close(); }
    std::string buf;
    void flushIfBig()
    {
        if (buf.size() >= (8u << 20))
            flush();
    }
    void flush()
    {
        if (!buf.empty()) {
            if (std::fwrite(buf.data(), 1, buf.size(), m_f) != buf.size())
                m_failed = true;
            m_bytes += static_cast<std::int64_t>(buf.size());
            buf.clear();
        }
    }
    bool close()
    {
        if (!m_f)
            return !m_failed;
        flush();
        if (std::fclose(m_f) != 0)
            m_failed = true;
        m_f = nullptr;
        return !m_failed;
    }
    std::int64_t bytes() const { return m_bytes; }

private:
    QString m_path;
    std::FILE *m_f = nullptr;
    std::int64_t m_bytes = 0;
    bool m_failed = false;
};

bool writeText(const QString &path, const std::string &text, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || f.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

struct PriceTable
{
    // Per token at ratio 0.8 (input, output, cached, cache write), exact; per call as listed.
    Decimal in, out, cached, write, perCall;
};

Decimal perToken(const char *perMillion, const char *fallback, std::string_view ratio)
{
    const char *p = perMillion ? perMillion : fallback;
    return Decimal::fromString(p).mul(Decimal::fromString(ratio)).divInt(1000000);
}

PriceTable priceAt(int model, std::string_view ratio)
{
    const Model &m = kModels[model];
    PriceTable t;
    if (m.perCall) {
        t.perCall = Decimal::fromString(m.perCallPrice);
        return t;
    }
    t.in = perToken(m.input, nullptr, ratio);
    t.out = perToken(m.output, nullptr, ratio);
    t.cached = perToken(m.cached, m.input, ratio);
    t.write = perToken(m.cacheWrite, m.input, ratio);
    return t;
}

Decimal cost(const PriceTable &p, bool perCall, const Attempt &a)
{
    if (perCall)
        return p.perCall;
    return p.in.mulInt(a.in - a.cached - a.write) + p.cached.mulInt(a.cached) + p.write.mulInt(a.write)
        + p.out.mulInt(a.out - a.reasoning) + p.out.mulInt(a.reasoning);
}

struct Cell
{
    Decimal amount;
    std::int64_t requests = 0;
    bool clientActive = false;
};

} // namespace

bool Generator::write(const QString &dir, std::int64_t target, std::uint64_t seed, Result *result, QString *error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    Rng rng(seed);
    const std::int64_t firstDay = daysFromCivil(2026, 5, 1);
    constexpr int kDays = 31;
    const std::int64_t changeDay = firstDay + 15; // 2026-05-16

    // Keys: one prod key per service, and staging/dev keys for most of them.
    std::vector<Key> keys;
    for (int s = 0; s < kServiceCount; ++s) {
        const std::string base = kServices[s].name;
        keys.push_back({base + "-prod", s, "prod", 1000});
        if (s % 3 != 2)
            keys.push_back({base + "-staging", s, "staging", 90});
        if (s % 2 == 0 && keys.size() < 40)
            keys.push_back({base + "-dev", s, "dev", 40});
    }
    const int clientKeys = static_cast<int>(keys.size());
    std::vector<std::int64_t> keyCum;
    std::int64_t weightSum = 0;
    for (const Key &k : keys) {
        weightSum += static_cast<std::int64_t>(kServices[k.service].weight) * k.weight;
        keyCum.push_back(weightSum);
    }
    // Per service: requested names and the model each resolves to (-1: unmapped).
    struct MixItem
    {
        const char *requested;
        int model;
        int fallbackModel;
        bool alias;
    };
    std::vector<std::vector<MixItem>> mixes(kServiceCount);
    std::vector<std::string> mixStorage;
    mixStorage.reserve(256);
    for (int s = 0; s < kServiceCount; ++s) {
        std::string_view mix = kServices[s].mix;
        while (!mix.empty()) {
            const std::size_t semi = mix.find(';');
            const std::string_view name = mix.substr(0, semi);
            mix = semi == std::string_view::npos ? std::string_view() : mix.substr(semi + 1);
            MixItem item{nullptr, -1, -1, false};
            for (const Requested &r : kAliases)
                if (name == r.name) {
                    item = {r.name, modelIndex(r.billable), r.fallback ? modelIndex(r.fallback) : -1, true};
                    break;
                }
            if (!item.requested) {
                if (name == kUnmapped) {
                    item = {kUnmapped, modelIndex("gpt-4.1"), -1, false}; // what the provider really served
                } else {
                    item.model = modelIndex(name);
                    item.requested = kModels[item.model].name;
                }
            }
            mixes[static_cast<std::size_t>(s)].push_back(item);
        }
    }

    // Provider prices: the snapshot's 0.8, gemini-2.5-flash 0.72 from the 16th (captured as a
    // dated row), claude-sonnet-4 0.85 from the 16th (missed by the snapshot: price drift).
    const int gemini = modelIndex("gemini-2.5-flash"), drift = modelIndex("claude-sonnet-4-20250514");
    std::vector<PriceTable> before(kModelCount), after(kModelCount);
    for (int m = 0; m < kModelCount; ++m) {
        before[static_cast<std::size_t>(m)] = priceAt(m, "0.8");
        after[static_cast<std::size_t>(m)] = m == gemini ? priceAt(m, "0.72") : m == drift ? priceAt(m, "0.85") : before[static_cast<std::size_t>(m)];
    }

    const int allKeys = clientKeys + static_cast<int>(std::size(kLeakedKeys));
    std::vector<Cell> cells(static_cast<std::size_t>(kDays) * static_cast<std::size_t>(allKeys));
    auto cellOf = [&](std::int64_t utcMs, int key) -> Cell * {
        const std::int64_t d = utcMs / 86400000 - firstDay;
        if (d < 0 || d >= kDays)
            return nullptr;
        return &cells[static_cast<std::size_t>(d) * static_cast<std::size_t>(allKeys) + static_cast<std::size_t>(key)];
    };

    Out csv, jsonl;
    if (!csv.open(QDir(dir).filePath(QStringLiteral("client.csv"))) || !jsonl.open(QDir(dir).filePath(QStringLiteral("client.jsonl")))) {
        *error = QStringLiteral("cannot write into %1").arg(dir);
        return false;
    }
    csv.buf = "request_id,attempt,timestamp_utc,account_ref,api_key_name,service,environment,model_requested,model_billed,role,"
              "http_status,outcome,stream,client_timeout,stream_cancelled,cache_hit,input_tokens,output_tokens,"
              "cached_input_tokens,cache_write_tokens,reasoning_tokens,response_id,cost_center,owner,source_ip,notes\n";

    Result res;
    // About 1.06 attempts per request (retries); days weighted, weekends lighter.
    const std::int64_t requestsWanted = std::max<std::int64_t>(1, target * 1000 / 1058);
    std::array<int, kDays + 2> dayWeight{};
    int dayWeightSum = 0;
    for (int d = 0; d < kDays; ++d) {
        const std::int64_t wd = (firstDay + d + 4) % 7; // 0 = Sunday
        dayWeight[static_cast<std::size_t>(d)] = (wd == 0 || wd == 6) ? 60 : 100;
        dayWeightSum += dayWeight[static_cast<std::size_t>(d)];
    }

    std::uint64_t requestSerial = 0, attemptSerial = 0;
    std::vector<Attempt> day;
    std::int64_t secretNotes = 0;
    std::string secret;

    auto drawKind = [&](Rng &r, int service, bool perCall) -> Kind {
        const int x = static_cast<int>(r.next() % 10000);
        if (x < 20)
            return NotSent;
        if (x < 270)
            return perCall ? Success : Cached;
        if (x < 350)
            return BadRequest;
        if (x < 650)
            return RateLimited;
        if (x < 800)
            return ServerError;
        if (x < 870)
            return Timeout;
        if (x < 900)
            return Network;
        if (!perCall && r.chance(kServices[service].streamPermille * 10)) {
            const int y = static_cast<int>(r.next() % 10000);
            if (y < 150)
                return StreamNoUsage;
            if (y < 250)
                return Cancelled;
            return Stream;
        }
        return Success;
    };

    // Days -1 and 31 hold a few rows just outside the period (excluded_outside_period).
    for (int d = -1; d <= kDays; ++d) {
        std::int64_t count;
        if (d < 0 || d == kDays)
            count = std::max<std::int64_t>(3, requestsWanted / 3000);
        else
            count = requestsWanted * dayWeight[static_cast<std::size_t>(d)] / dayWeightSum;
        day.clear();
        day.reserve(static_cast<std::size_t>(count * 11 / 10 + 16));
        const std::int64_t dayMs = (firstDay + d) * 86400000LL;
        for (std::int64_t q = 0; q < count; ++q) {
            const std::uint64_t request = requestSerial++;
            const std::int64_t pick = rng.range(1, weightSum);
            const int key = static_cast<int>(std::lower_bound(keyCum.begin(), keyCum.end(), pick) - keyCum.begin());
            const Key &k = keys[static_cast<std::size_t>(key)];
            const Service &s = kServices[k.service];
            // Hour by the service's profile; rows outside the period hug the boundary.
            int hour;
            if (d < 0)
                hour = 23;
            else if (d == kDays)
                hour = 0;
            else {
                int hsum = 0;
                for (int h = 0; h < 24; ++h)
                    hsum += s.hours[h];
                int x = static_cast<int>(rng.range(0, hsum - 1));
                hour = 0;
                while (x >= s.hours[hour]) {
                    x -= s.hours[hour];
                    ++hour;
                }
            }
            std::int64_t t = dayMs + hour * 3600000LL + rng.range(0, 3599999);
            const auto &mix = mixes[static_cast<std::size_t>(k.service)];
            // The unmapped alias is rare: one request in ~5000 of its service.
            std::size_t mi = static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(mix.size()) - 1));
            if (mix[mi].requested == std::string_view(kUnmapped) && !rng.chance(20))
                mi = 0;
            const MixItem &item = mix[mi];
            const bool perCall = kModels[item.model].perCall;
            // What the request meters (the same for every attempt of it).
            const std::int64_t scale = s.tokenScale;
            const std::int32_t in = perCall ? 0 : static_cast<std::int32_t>(rng.range(150, 9000) * scale / 100 + 8);
            std::int32_t out = perCall || kModels[item.model].outScale == 0 ? 0 : static_cast<std::int32_t>(rng.range(15, 1400) * (scale + 100) / 200 + 1);
            const std::int32_t cached = (!perCall && rng.chance(3500)) ? static_cast<std::int32_t>(in * rng.range(10, 90) / 100) : 0;
            const bool claude = std::string_view(kModels[item.model].idPrefix) == "msg_";
            const std::int32_t write = (claude && rng.chance(1000)) ? std::min<std::int32_t>(in - cached, static_cast<std::int32_t>(rng.range(100, 2000))) : 0;
            const std::int32_t reasoning = kModels[item.model].reasoning && out > 0 ? static_cast<std::int32_t>(out * rng.range(20, 80) / 100) : 0;

            for (int attempt = 1; attempt <= 4; ++attempt) {
                Attempt a;
                a.ms = t;
                a.request = request;
                a.serial = attemptSerial++;
                a.attempt = static_cast<std::int16_t>(attempt);
                a.key = static_cast<std::int8_t>(key);
                a.requested = item.requested;
                a.model = static_cast<std::int8_t>(item.model);
                Kind kind = drawKind(rng, k.service, perCall);
                if (attempt > 1 && kind == Cached)
                    kind = Success; // a retry is never answered from the cache
                if (kind == Success && item.fallbackModel >= 0 && rng.chance(40)) {
                    a.fallback = true;
                    a.model = static_cast<std::int8_t>(item.fallbackModel);
                }
                a.kind = kind;
                switch (kind) {
                case BadRequest: a.http = 400; break;
                case RateLimited: a.http = 429; break;
                case ServerError: a.http = static_cast<std::int16_t>(rng.chance(5000) ? 502 : 500); break;
                case Timeout:
                case Network:
                case NotSent: a.http = -1; break;
                default: a.http = 200; break;
                }
                a.modelBilledShown = servedByModel(kind) && item.requested != std::string_view(kUnmapped)
                    && (a.fallback || rng.chance(item.alias ? 5000 : 7000));
                a.in = in;
                a.out = out;
                a.cached = cached;
                a.write = write;
                a.reasoning = reasoning;
                if (kind == Cancelled) { // the provider meters what was streamed before the cut
                    a.out = out / 3;
                    a.reasoning = std::min(a.reasoning, a.out);
                }
                if (rng.chance(30))
                    a.note = 1 + static_cast<std::int8_t>(rng.range(0, 3));
                a.duplicate = rng.chance(1);
                day.push_back(a);
                const bool retried = kind == RateLimited || kind == ServerError || kind == Timeout || kind == Network;
                if (!retried)
                    break;
                t += rng.range(800, 30000);
            }
        }
        std::sort(day.begin(), day.end(), [](const Attempt &a, const Attempt &b) { return a.ms != b.ms ? a.ms < b.ms : a.serial < b.serial; });

        for (Attempt &a : day) {
            const Key &k = keys[static_cast<std::size_t>(a.key)];
            const Service &s = kServices[k.service];
            const Model &m = kModels[a.model];
            const auto kind = static_cast<Kind>(a.kind);
            // --- provider truth ---
            bool charged = false;
            switch (kind) {
            case Success:
            case Stream:
            case StreamNoUsage: charged = true; break;
            case Cancelled: charged = (a.serial % 2) == 0; break;
            case Timeout: charged = (a.serial % 5) < 2; break;
            case ServerError: charged = (a.serial % 20) == 0; break;
            default: break;
            }
            if (Cell *c = cellOf(a.ms, a.key)) {
                if (kind != NotSent)
                    c->clientActive = true;
                if (charged) {
                    const bool late = a.ms / 86400000 >= changeDay;
                    c->amount += cost((late ? after : before)[static_cast<std::size_t>(a.model)], m.perCall, a);
                    ++c->requests;
                }
            }

            // --- the client's log row, as CSV and as JSON Lines ---
            for (int copy = 0; copy < (a.duplicate ? 2 : 1); ++copy) {
                std::string &o = csv.buf;
                std::string &j = jsonl.buf;
                ++res.clientRows;
                appendRequestId(o, seed, a.request);
                j += "{\"request_id\":\"";
                appendRequestId(j, seed, a.request);
                o += ',';
                appendInt(o, a.attempt);
                j += "\",\"attempt\":";
                appendInt(j, a.attempt);
                o += ',';
                appendTimestamp(o, a.ms, s.tzMinutes);
                j += ",\"timestamp_utc\":\"";
                appendTimestamp(j, a.ms, s.tzMinutes);
                o += ',';
                o += kAccount;
                j += "\",\"account_ref\":\"";
                j += kAccount;
                o += ',';
                o += k.name;
                j += "\",\"api_key_name\":\"";
                j += k.name;
                o += ',';
                o += s.name;
                j += "\",\"service\":\"";
                j += s.name;
                o += ',';
                o += k.environment;
                j += "\",\"environment\":\"";
                j += k.environment;
                o += ',';
                o += a.requested;
                j += "\",\"model_requested\":\"";
                j += a.requested;
                o += ',';
                j += "\",\"model_billed\":";
                if (a.modelBilledShown) {
                    o += m.name;
                    j += '"';
                    j += m.name;
                    j += '"';
                } else {
                    j += "null";
                }
                o += ',';
                const char *role = a.fallback ? "fallback" : "primary";
                o += role;
                j += ",\"role\":\"";
                j += role;
                o += ',';
                j += "\",\"http_status\":";
                if (a.http > 0) {
                    appendInt(o, a.http);
                    appendInt(j, a.http);
                } else {
                    j += "null";
                }
                o += ',';
                if (kind == NotSent) {
                    o += "not_sent";
                    j += ",\"outcome\":\"not_sent\"";
                }
                const bool stream = kind == Stream || kind == StreamNoUsage || kind == Cancelled;
                o += stream ? ",true" : ",false";
                j += stream ? ",\"stream\":true" : ",\"stream\":false";
                o += kind == Timeout ? ",true" : ",false";
                j += kind == Timeout ? ",\"client_timeout\":true" : ",\"client_timeout\":false";
                o += kind == Cancelled ? ",true" : ",false";
                j += kind == Cancelled ? ",\"stream_cancelled\":true" : ",\"stream_cancelled\":false";
                o += kind == Cached ? ",true," : ",false,";
                j += kind == Cached ? ",\"cache_hit\":true" : ",\"cache_hit\":false";
                if (!m.perCall && logsUsage(kind)) {
                    appendInt(o, a.in);
                    o += ',';
                    appendInt(o, a.out);
                    o += ',';
                    j += ",\"input_tokens\":";
                    appendInt(j, a.in);
                    j += ",\"output_tokens\":";
                    appendInt(j, a.out);
                    // Providers report cached and reasoning only where the model has them.
                    if (m.cached) {
                        appendInt(o, a.cached);
                        j += ",\"cached_input_tokens\":";
                        appendInt(j, a.cached);
                    }
                    o += ',';
                    if (m.cacheWrite) {
                        appendInt(o, a.write);
                        j += ",\"cache_write_tokens\":";
                        appendInt(j, a.write);
                    }
                    o += ',';
                    if (m.reasoning) {
                        appendInt(o, a.reasoning);
                        j += ",\"reasoning_tokens\":";
                        appendInt(j, a.reasoning);
                    }
                } else {
                    o += ",,,,";
                    j += ",\"input_tokens\":null,\"output_tokens\":null";
                }
                o += ',';
                if (hasResponse(kind) && kind != Cached) {
                    appendResponseId(o, seed, a);
                    j += ",\"response_id\":\"";
                    appendResponseId(j, seed, a);
                    j += '"';
                }
                o += ',';
                o += s.costCenter;
                j += ",\"cost_center\":\"";
                j += s.costCenter;
                o += ',';
                o += s.owner;
                j += "\",\"owner\":\"";
                j += s.owner;
                o += ',';
                o += s.ipPrefix;
                appendInt(o, static_cast<std::int64_t>(a.request % 40 + 10));
                j += "\",\"source_ip\":\"";
                j += s.ipPrefix;
                appendInt(j, static_cast<std::int64_t>(a.request % 40 + 10));
                j += '"';
                o += ',';
                // A handful of notes carry a (fake) personal key, so that redaction runs.
                if (copy == 0 && secretNotes < 3 && d == 3 + static_cast<int>(secretNotes) * 9 && a.note == 0) {
                    ++secretNotes;
                    a.note = 5;
                }
                if (a.note != 0) {
                    const char *text = nullptr;
                    switch (a.note) {
                    case 1: text = "retried by the SDK"; break;
                    case 2: text = "customer escalation"; break;
                    case 3: text = "\"timeout, retried\""; break; // a quoted field with a comma
                    default: text = "canary build"; break;
                    }
                    if (a.note == 5) {
                        secret = "debug: used personal key sk-bench";
                        for (int i = 0; i < 32; ++i)
                            secret += kBase62[mix64(a.serial + static_cast<std::uint64_t>(i)) % 62];
                        text = secret.c_str();
                    }
                    o += text;
                    std::string_view plain = text;
                    if (!plain.empty() && plain.front() == '"')
                        plain = plain.substr(1, plain.size() - 2);
                    j += ",\"notes\":\"";
                    j += plain;
                    j += '"';
                }
                o += '\n';
                j += "}\n";
            }
            csv.flushIfBig();
            jsonl.flushIfBig();
        }
    }
    res.requests = static_cast<std::int64_t>(requestSerial);
    if (!csv.close() || !jsonl.close()) {
        *error = QStringLiteral("cannot write the client logs into %1 (disk full?)").arg(dir);
        return false;
    }
    res.csvBytes = csv.bytes();
    res.jsonlBytes = jsonl.bytes();

    // --- Provider differences: extra requests, leaked keys, cells not shown ------------------
    Rng prng(seed ^ 0xC0FFEEULL);
    const PriceTable mini = before[static_cast<std::size_t>(modelIndex("gpt-4o-mini"))];
    auto extraCharge = [&](Rng &r) {
        Attempt a;
        a.in = static_cast<std::int32_t>(r.range(300, 6000));
        a.out = static_cast<std::int32_t>(r.range(20, 800));
        return cost(mini, false, a);
    };
    for (int d = 0; d < kDays; ++d) {
        for (int key = 0; key < allKeys; ++key) {
            Cell &c = cells[static_cast<std::size_t>(d) * static_cast<std::size_t>(allKeys) + static_cast<std::size_t>(key)];
            if (key >= clientKeys) {
                // Leaked keys: one active on 12 days, the other on 5.
                const bool active = key == clientKeys ? (d % 3 == 1 && d < 36) : (d % 7 == 2);
                if (!active)
                    continue;
                const std::int64_t n = prng.range(20, 200) * std::max<std::int64_t>(1, target / 1000000);
                for (std::int64_t i = 0; i < n; ++i)
                    c.amount += extraCharge(prng);
                c.requests += n;
                c.clientActive = true; // shown
                continue;
            }
            if (!c.clientActive)
                continue;
            if (prng.chance(100)) { // requests the client never logged
                const std::int64_t n = prng.range(1, 4);
                for (std::int64_t i = 0; i < n; ++i)
                    c.amount += extraCharge(prng);
                c.requests += n;
            }
            if (prng.chance(150)) // not shown by the provider (missing_in_provider)
                c.clientActive = false;
        }
    }

    // --- quota JSON (formats.md §3a): one observation, three days after the period -------------
    {
        std::vector<int> byName(static_cast<std::size_t>(allKeys));
        std::vector<std::string> names;
        for (const Key &k : keys)
            names.push_back(k.name);
        for (const char *l : kLeakedKeys)
            names.emplace_back(l);
        for (int i = 0; i < allKeys; ++i)
            byName[static_cast<std::size_t>(i)] = i;
        std::sort(byName.begin(), byName.end(), [&](int a, int b) { return names[static_cast<std::size_t>(a)] < names[static_cast<std::size_t>(b)]; });
        std::vector<Decimal> used(static_cast<std::size_t>(allKeys));
        std::vector<std::int64_t> usedCount(static_cast<std::size_t>(allKeys));
        std::string daily;
        daily.reserve(static_cast<std::size_t>(kDays) * static_cast<std::size_t>(allKeys) * 90);
        for (int d = 0; d < kDays; ++d) {
            daily += d == 0 ? "\n  \"" : ",\n  \"";
            daily += dateText(firstDay + d);
            daily += "\":[";
            bool first = true;
            for (int key : byName) {
                Cell &c = cells[static_cast<std::size_t>(d) * static_cast<std::size_t>(allKeys) + static_cast<std::size_t>(key)];
                if (!c.clientActive || c.requests == 0)
                    continue;
                // The provider publishes six decimals per key and day.
                const Decimal amount = c.amount.round(6, RoundingMode::HalfEven);
                used[static_cast<std::size_t>(key)] += amount;
                usedCount[static_cast<std::size_t>(key)] += c.requests;
                daily += first ? "\n    " : ",\n    ";
                first = false;
                daily += "{\"token_name\":\"";
                daily += names[static_cast<std::size_t>(key)];
                daily += "\",\"quota_used\":";
                daily += amount.toStdString();
                daily += ",\"request_count\":";
                appendInt(daily, c.requests);
                daily += '}';
                ++res.providerCells;
            }
            daily += ']';
        }
        Decimal totalUsed;
        std::int64_t totalCount = 0;
        std::string keysJson;
        for (int key : byName) {
            // Lifetime counters: earlier months plus this one.
            const Decimal life = used[static_cast<std::size_t>(key)] + Decimal::fromScaled(static_cast<std::int64_t>(mix64(static_cast<std::uint64_t>(key) ^ seed) % 500000000), 6);
            totalUsed += life;
            totalCount += usedCount[static_cast<std::size_t>(key)] + 1000;
            keysJson += keysJson.empty() ? "\n  " : ",\n  ";
            keysJson += "{\"name\":\"";
            keysJson += names[static_cast<std::size_t>(key)];
            if (key % 4 == 0) {
                keysJson += "\",\"remain_quota\":999999999,\"used_quota\":-1}";
            } else {
                keysJson += "\",\"remain_quota\":";
                keysJson += (Decimal::fromInt(100000) - life).toStdString();
                keysJson += ",\"used_quota\":";
                keysJson += life.toStdString();
                keysJson += '}';
            }
        }
        std::string o = "{\"username\":\"";
        o += kAccount;
        o += "\",\"total_quota\":";
        o += (Decimal::fromInt(5000000) - totalUsed).toStdString();
        o += ",\"total_used_quota\":";
        o += totalUsed.toStdString();
        o += ",\"request_count\":";
        appendInt(o, totalCount);
        o += ",\n\"keys\":[";
        o += keysJson;
        o += "],\n\"daily_quota\":{";
        o += daily;
        o += "\n}}\n";
        if (!writeText(QDir(dir).filePath(QStringLiteral("quota-2026-06-03.json")), o, error))
            return false;
    }

    // --- prices.csv (§5): per 1M tokens, ratio 0.8; gemini-2.5-flash's change as two rows ---
    {
        std::string o = "snapshot_id,source_url,accessed_at,captured_by,price_kind,currency,billable_model,billing_category,"
                        "unit_basis,input_price,output_price,cached_input_price,cache_write_price,reasoning_price,"
                        "per_call_price,upstream_ratio,valid_from,valid_to,tier_min_input_tokens,minimum_charge,evidence_id,notes\n";
        const auto p = [](const char *v) { return std::string(v ? v : ""); };
        for (int m = 0; m < kModelCount; ++m) {
            const Model &md = kModels[m];
            const std::string head = std::string("snap-2026-05,https://apidoc.cometapi.com/pricing/about-pricing,2026-05-01,finops-bot,");
            if (md.perCall) {
                o += head + "public-list,USD," + md.name + ",per_call,per_token,,,,,," + md.perCallPrice + ",,2026-01-01,,,,EV-PRICE-1,per call as listed\n";
            } else if (m == gemini) {
                o += head + "public-list,USD," + md.name + ",token,per_1m," + p(md.input) + "," + p(md.output) + "," + p(md.cached) + ","
                    + p(md.cacheWrite) + ",,,0.8,2026-01-01,2026-05-16,,,EV-PRICE-1,list price ratio 0.8\n";
                o += head + "promotional,USD," + md.name + ",token,per_1m," + p(md.input) + "," + p(md.output) + "," + p(md.cached) + ","
                    + p(md.cacheWrite) + ",,,0.72,2026-05-16,,,,EV-PRICE-1,promotion from 2026-05-16\n";
            } else {
                o += head + "public-list,USD," + md.name + ",token,per_1m," + p(md.input) + "," + p(md.output) + "," + p(md.cached) + ","
                    + p(md.cacheWrite) + ",,,0.8,2026-01-01,,,,EV-PRICE-1,list price ratio 0.8\n";
            }
        }
        if (!writeText(QDir(dir).filePath(QStringLiteral("prices.csv")), o, error))
            return false;
    }
    // --- mapping.csv (§6) -----------------------------------------------------------------------
    {
        std::string o = "internal_name,requested_model,billable_model,snapshot_id,role,owner,valid_from,valid_to\n";
        for (const Requested &r : kAliases) {
            o += std::string("svc-") + r.name + "," + r.name + "," + r.billable + ",snap-2026-05,primary,platform-team,2026-01-01,\n";
            if (r.fallback)
                o += std::string("svc-") + r.name + "," + r.name + "," + r.fallback + ",snap-2026-05,fallback,platform-team,2026-01-01,\n";
        }
        for (const Model &m : kModels)
            o += std::string("svc-") + m.name + "," + m.name + "," + m.name + ",snap-2026-05,primary,platform-team,2026-01-01,\n";
        if (!writeText(QDir(dir).filePath(QStringLiteral("mapping.csv")), o, error))
            return false;
    }
    // --- policy.csv (§8): client_timeout and stream_cancelled stay unverified -------------------
    if (!writeText(QDir(dir).filePath(QStringLiteral("policy.csv")),
                   "outcome,treatment,evidence_id\n"
                   "success,billable,EV-ERR-1\n"
                   "success_stream,billable,EV-ERR-1\n"
                   "client_error,non_billable,EV-ERR-1\n"
                   "rate_limited,non_billable,EV-ERR-1\n"
                   "server_error,non_billable,EV-ERR-1\n"
                   "network_error,non_billable,EV-ERR-1\n"
                   "not_sent,non_billable,EV-ERR-1\n"
                   "cached_response,non_billable,EV-CACHE-1\n",
                   error))
        return false;
    // --- evidence.csv (§9) ----------------------------------------------------------------------
    if (!writeText(QDir(dir).filePath(QStringLiteral("evidence.csv")),
                   "evidence_id,assumption,area,owner,source_url_or_ticket,accessed_on,statement_or_screenshot_ref,"
                   "screenshot_sha256,dependent_system,fallback_behavior,next_review_on,status,notes\n"
                   "EV-PRICE-1,Token models cost 0.8 of the upstream list price,pricing,finops,"
                   "https://apidoc.cometapi.com/pricing/about-pricing,2026-05-01,pricing page,,price snapshot snap-2026-05,"
                   "mark costs provisional,2026-09-01,verified,\n"
                   "EV-ERR-1,Errors and rejected requests are not billed,error_behavior,sre,SUPPORT-1142,2026-04-20,"
                   "support reply,,billing policy,treat errors as unverified,2026-08-01,verified,\n"
                   "EV-CACHE-1,Gateway cache hits never reach the provider,billing,platform,PLAT-311,2026-04-02,"
                   "design review,,billing policy,treat cache hits as unverified,2026-08-01,verified,\n",
                   error))
        return false;
    // --- job files (§1c) ------------------------------------------------------------------------
    for (const char *format : {"csv", "jsonl"}) {
        const std::string f = format;
        const std::string o = "{\n"
                              " \"reconciliation_period\":{\"start_utc\":\"2026-05-01T00:00:00Z\",\"end_utc\":\"2026-06-01T00:00:00Z\","
                              "\"account_ref\":\"" + std::string(kAccount) + "\",\"currency\":\"USD\",\"snapshot_id\":\"snap-2026-05\"},\n"
                              " \"inputs\":[\n"
                              "  {\"kind\":\"client\",\"format\":\"request_log_" + f + "\",\"path\":\"client." + f + "\"},\n"
                              "  {\"kind\":\"provider\",\"format\":\"cometapi_quota\",\"path\":\"quota-2026-06-03.json\",\"observed_at\":\"2026-06-03T06:00:00Z\"},\n"
                              "  {\"kind\":\"prices\",\"format\":\"price_snapshot_csv\",\"path\":\"prices.csv\"},\n"
                              "  {\"kind\":\"mapping\",\"format\":\"model_mapping_csv\",\"path\":\"mapping.csv\"},\n"
                              "  {\"kind\":\"policy\",\"format\":\"billing_policy_csv\",\"path\":\"policy.csv\"},\n"
                              "  {\"kind\":\"evidence\",\"format\":\"evidence_csv\",\"path\":\"evidence.csv\"}\n"
                              " ],\n"
                              " \"controls\":{\"fail_on_unknown_model\":false,\"fail_on_missing_token_usage\":false,"
                              "\"fail_on_unverified_pricing\":true,\"variance_threshold_percent\":1.0,"
                              "\"variance_threshold_absolute\":\"1.00\",\"posting_window_hours\":48}\n"
                              "}\n";
        if (!writeText(QDir(dir).filePath(QStringLiteral("job-%1.json").arg(QLatin1String(format))), o, error))
            return false;
    }
    if (result)
        *result = res;
    return true;
}

} // namespace tl::bench
