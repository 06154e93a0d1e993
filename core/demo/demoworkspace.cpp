// SPDX-License-Identifier: Apache-2.0
#include "core/demo/demoworkspace.h"

#include "core/util/jsonwriter.h"
#include "core/util/timeutil.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <span>
#include <vector>

namespace tl {

namespace {

// --- The catalogue -------------------------------------------------------------------------------

enum ModelId : std::int8_t { Gpt4o, Gpt4oMini, Gpt41, O4Mini, Claude, Gemini, Mj, Kling, ModelCount };

struct ModelSpec
{
    const char *name;
    bool perCall;
    // List prices per 1M tokens (token models) or per call; nullptr = not listed.
    const char *input, *output, *cached, *cacheWrite, *perCallPrice;
};

// CometAPI-style list prices; the snapshot applies the 0.8 ratio to token models only.
constexpr ModelSpec kModels[ModelCount] = {
    {"gpt-4o", false, "2.50", "10.00", "1.25", nullptr, nullptr},
    {"gpt-4o-mini", false, "0.15", "0.60", "0.075", nullptr, nullptr},
    {"gpt-4.1", false, "2.00", "8.00", "0.50", nullptr, nullptr},
    {"o4-mini", false, "1.10", "4.40", "0.275", nullptr, nullptr},
    {"claude-sonnet-4-20250514", false, "3.00", "15.00", "0.30", "3.75", nullptr},
    {"gemini-2.5-flash", false, "0.30", "2.50", "0.075", nullptr, nullptr},
    {"mj_imagine", true, nullptr, nullptr, nullptr, nullptr, "0.05"},
    {"kling_video", true, nullptr, nullptr, nullptr, nullptr, "0.35"},
};

/** One model a key's service asks for, by the name it uses (maybe an alias), with its shape. */
struct MixEntry
{
    const char *requested;
    ModelId model;
    int weight;
    int streamPermille;
    int inLo, inHi, outLo, outHi;
};

constexpr MixEntry kSupportMix[] = {
    {"chat-default", Gpt4oMini, 60, 700, 600, 4500, 60, 900},
    {"support-chat", Gpt4o, 40, 700, 800, 6000, 100, 1200},
};
constexpr MixEntry kSearchMix[] = {
    {"gpt-4o-mini", Gpt4oMini, 55, 0, 1500, 7000, 40, 400},
    {"gemini-flash", Gemini, 45, 200, 1200, 9000, 50, 800},
};
constexpr MixEntry kAgentsMix[] = {
    {"claude-sonnet", Claude, 60, 500, 2000, 40000, 150, 3000},
    {"reasoner", O4Mini, 25, 0, 500, 8000, 100, 1500},
    {"gpt-4.1", Gpt41, 15, 300, 1500, 20000, 150, 2000},
};
constexpr MixEntry kBatchMix[] = {
    {"gpt-4o-mini", Gpt4oMini, 75, 0, 3000, 24000, 200, 900},
    {"gpt-4.1", Gpt41, 25, 0, 3000, 24000, 200, 1200},
};
constexpr MixEntry kPlatformMix[] = {
    {"gpt-4o", Gpt4o, 50, 300, 500, 8000, 80, 1500},
    {"claude-sonnet-4-20250514", Claude, 30, 300, 1000, 20000, 100, 2000},
    {"o4-mini", O4Mini, 20, 0, 500, 6000, 100, 1200},
};
constexpr MixEntry kMediaMix[] = {
    {"mj_imagine", Mj, 72, 0, 0, 0, 0, 0},
    {"kling_video", Kling, 28, 0, 0, 0, 0, 0},
};
constexpr MixEntry kAnalyticsMix[] = {
    {"reasoner", O4Mini, 50, 0, 800, 12000, 100, 1500},
    {"gpt-4.1", Gpt41, 30, 0, 1000, 30000, 100, 2500},
    {"chat-default", Gpt4oMini, 20, 0, 300, 3000, 50, 600},
};
constexpr MixEntry kQaMix[] = {
    {"gpt-4o-mini", Gpt4oMini, 50, 0, 400, 5000, 30, 600},
    {"claude-sonnet", Claude, 30, 0, 1000, 15000, 50, 1500},
    {"gemini-2.5-flash", Gemini, 20, 0, 400, 6000, 30, 600},
};

// Relative traffic per UTC hour.
constexpr int kBusinessHours[24] = {2, 1, 1, 1, 2, 3, 5, 8, 11, 13, 14, 14, 13, 14, 14, 13, 12, 10, 8, 6, 5, 4, 3, 2};
constexpr int kAllDayHours[24] = {4, 3, 3, 3, 4, 5, 7, 9, 10, 11, 11, 11, 11, 11, 11, 11, 10, 10, 9, 8, 7, 6, 5, 5};
constexpr int kNightHours[24] = {0, 10, 12, 12, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
constexpr int kTokyoHours[24] = {10, 12, 13, 13, 12, 11, 10, 10, 8, 5, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 5, 8};
constexpr int kOfficeHours[24] = {1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 10, 10, 9, 8, 6, 3, 2, 1, 1, 1, 1, 1};

enum KeyId : std::int8_t { Support, Search, Agents, Batch, Platform, Media, Analytics, Qa, CiLegacy, KeyCount };
constexpr int kClientKeys = CiLegacy; // the last key is never in the client's logs

struct KeyProfile
{
    const char *name, *ownerGroup, *service, *environment, *workload, *costCenter, *allocation, *budget, *allowedIps,
        *ipPrefix;
    int sharePermille;
    const int *hours;
    int weekendPct;
    int tzMinutes;      ///< the offset the service writes its timestamps in
    int cachePermille;  ///< first attempts answered by the gateway cache
    int rate429Permille;
    std::span<const MixEntry> mix;
    const char *quotaLimit; ///< the key's quota on the provider; nullptr = unlimited
};

const KeyProfile kKeys[KeyCount] = {
    {"support-bot-prod", "support-team", "support-assistant", "prod", "support", "CC-SUP-100", "direct", "80.00",
     "10.20.0.0/16", "10.20.4.", 300, kBusinessHours, 45, 0, 40, 25, kSupportMix, "2500"},
    {"search-rerank-prod", "search-team", "search-answers", "prod", "search", "CC-SEA-200", "direct", "25.00",
     "10.30.0.0/16", "10.30.8.", 220, kAllDayHours, 70, 0, 60, 20, kSearchMix, nullptr},
    {"agents-prod", "agents-team", "agent-runtime", "prod", "agents", "CC-AGT-300", "direct", "300.00", "10.40.0.0/16",
     "10.40.2.", 180, kBusinessHours, 50, 0, 0, 45, kAgentsMix, "4000"},
    {"batch-etl-nightly", "data-eng", "doc-summarizer", "prod", "batch", "CC-DAT-400", "direct", "50.00",
     "10.50.0.0/16", "10.50.1.", 120, kNightHours, 0, 0, 0, 30, kBatchMix, nullptr},
    {"shared-platform", "platform-team", "internal-tools", "prod", "platform", "CC-PLT-700",
     "shared:support-team=0.5;search-team=0.3;agents-team=0.2", "75.00", "10.60.0.0/16", "10.60.3.", 80, kAllDayHours,
     60, 0, 0, 20, kPlatformMix, nullptr},
    {"media-studio-prod", "creative-team", "media-generator", "prod", "media", "CC-MED-500", "direct", "250.00",
     "10.70.0.0/16", "10.70.5.", 40, kTokyoHours, 60, 540, 0, 15, kMediaMix, "1500"},
    {"analytics-dev", "analytics-team", "notebook-assistant", "dev", "analytics", "CC-ANA-600", "direct", "30.00",
     "10.80.0.0/16;192.168.10.0/24", "10.80.9.", 30, kOfficeHours, 10, 0, 0, 20, kAnalyticsMix, nullptr},
    {"qa-staging", "qa-team", "eval-harness", "staging", "qa", "CC-QA-800", "direct", "15.00", "10.90.0.0/16",
     "10.90.1.", 30, kOfficeHours, 5, 0, 0, 35, kQaMix, nullptr},
    {"ci-legacy", "platform-team", "ci-pipeline (retired 2026-03)", "ci", "ci", "CC-PLT-700", "direct", "0.00",
     "10.95.0.0/16", "10.95.0.", 0, kAllDayHours, 100, 0, 0, 0, {}, "500"},
};

constexpr char kAccount[] = "acct-demo-7f3a";
constexpr char kLeakIpUnknownKey[] = "198.51.100.23";
constexpr char kLeakIpForeign[] = "203.0.113.77";

// --- Attempts ---------------------------------------------------------------------------------------

enum Kind : std::int8_t {
    Success, Stream, StreamNoUsage, Cancelled, Cached, BadRequest, RateLimited, ServerError, Timeout, Network, NotSent
};

enum Charge : std::int8_t { NotCharged, ChargedNormal, ChargedNoUsage, ChargedTimeout, ChargedCancelled, ChargedRetried };

enum Note : std::int8_t {
    NoNote, NoteBudgetGuard, NoteTooLarge, NoteContextLength, NoteNoUsage, NoteFallback, NoteCancelled, NoteTimeout,
    NoteTimeoutVideo, NoteDuplicate, NoteSecret
};

struct Attempt
{
    qint64 t = 0; ///< UTC, seconds since the epoch
    quint32 request = 0;
    qint16 attempt = 1;
    qint16 http = -1;
    qint16 millis = 0; ///< the gateway's sub-second part
    std::int8_t key = 0, mix = 0, model = 0, kind = Success, charge = NotCharged, note = NoNote;
    std::int8_t host = 0;
    bool stream = false, fallback = false;
    // What the provider meters for this attempt; the client logs it only when it got usage.
    qint32 in = 0, out = 0, cached = 0, write = 0, reasoning = 0;
};

struct Request
{
    std::int8_t key = 0;
    qint16 maxAttempt = 1;
};

/** A provider-side charge that no client line stands for (leaked key use). */
struct ExtraCharge
{
    qint64 t;
    std::int8_t key, model;
    qint32 in, out;
};

quint64 mix64(quint64 x)
{
    // splitmix64's finalizer: a bijection, so distinct counters give distinct ids.
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

void appendInt(QByteArray &o, qint64 v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    o.append(buf, static_cast<qsizetype>(r.ptr - buf));
}

void append2(QByteArray &o, int v)
{
    o += static_cast<char>('0' + v / 10);
    o += static_cast<char>('0' + v % 10);
}

void appendHex(QByteArray &o, quint64 v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i)
        o += hex[(v >> (4 * i)) & 0xf];
}

void appendBase62(QByteArray &o, quint64 v, int digits)
{
    static const char chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < digits; ++i) {
        o += chars[v % 62];
        v /= 62;
    }
}

void appendDate(QByteArray &o, DayNumber day)
{
    int y;
    unsigned m, d;
    timeutil::civilFromDays(day, &y, &m, &d);
    appendInt(o, y);
    o += '-';
    append2(o, static_cast<int>(m));
    o += '-';
    append2(o, static_cast<int>(d));
}

QByteArray dateText(DayNumber day)
{
    QByteArray o;
    appendDate(o, day);
    return o;
}

/** ISO 8601 in the given offset (minutes east of UTC); millis < 0 writes whole seconds. */
void appendTimestamp(QByteArray &o, qint64 utcSeconds, int tzMinutes, int millis)
{
    const qint64 local = utcSeconds + tzMinutes * 60LL;
    const qint64 day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const int sec = static_cast<int>(local - day * 86400);
    appendDate(o, static_cast<DayNumber>(day));
    o += 'T';
    append2(o, sec / 3600);
    o += ':';
    append2(o, sec / 60 % 60);
    o += ':';
    append2(o, sec % 60);
    if (millis >= 0) {
        o += '.';
        o += static_cast<char>('0' + millis / 100);
        append2(o, millis % 100);
    }
    if (tzMinutes == 0) {
        o += 'Z';
    } else {
        o += tzMinutes > 0 ? '+' : '-';
        const int a = std::abs(tzMinutes);
        append2(o, a / 60);
        o += ':';
        append2(o, a % 60);
    }
}

QByteArray timestampText(qint64 utcSeconds)
{
    QByteArray o;
    appendTimestamp(o, utcSeconds, 0, -1);
    return o;
}

/** One CSV field, quoted when it holds a separator, quote or line break (RFC 4180). */
void appendField(QByteArray &o, std::string_view v)
{
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        o.append(v.data(), static_cast<qsizetype>(v.size()));
        return;
    }
    o += '"';
    for (char c : v) {
        if (c == '"')
            o += '"';
        o += c;
    }
    o += '"';
}

void appendRow(QByteArray &o, std::initializer_list<std::string_view> fields)
{
    bool first = true;
    for (std::string_view f : fields) {
        if (!first)
            o += ',';
        first = false;
        appendField(o, f);
    }
    o += '\n';
}

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

/** Exact prices of one model, with the fallbacks of reconciliation.md (Pricing 2). */
struct Prices
{
    Decimal in, out, cached, write, reasoning, perCall;
};

/** Everything the generator builds before it writes. */
struct World
{
    explicit World(quint32 seed, const DemoWorkspace::Options &o)
        : rng(seed), opt(o)
    {
    }

    QRandomGenerator rng;
    DemoWorkspace::Options opt;

    DayNumber firstDay = 0;
    int nDays = 0;
    qint64 start = 0, end = 0; // period, UTC seconds
    qint64 changeAt = 0;       // the 16th: the provider's multiplier change
    qint64 noUsageFrom = 0, noUsageTo = 0, incidentFrom = 0, incidentTo = 0;
    int ciLeakFromDay = 0, foreignLeakDay = 0; // day indices in the period
    qint64 earlyCutoff = 0, earlyObserved = 0, finalObserved = 0;
    quint64 saltRequest = 0, saltResponse = 0;

    std::array<Prices, ModelCount> prices;
    Decimal ratioList, ratioClaudeProvider, ratioGeminiPromo;

    std::vector<Request> requests;
    std::vector<Attempt> attempts;
    std::vector<quint32> order; // attempts by time
    std::vector<quint32> duplicates;
    std::vector<std::pair<quint32, QByteArray>> secrets;
    std::vector<ExtraCharge> extras;

    int rnd(int lo, int hi) { return lo >= hi ? lo : rng.bounded(lo, hi); } // [lo, hi)
    bool chance(int permille) { return static_cast<int>(rng.bounded(1000u)) < permille; }
    /** Long-tailed size in [lo, hi]: most requests are small, a few are large. */
    int skew(int lo, int hi)
    {
        if (hi <= lo)
            return lo;
        const qint64 a = rng.bounded(1001), b = rng.bounded(1001);
        return lo + static_cast<int>(static_cast<qint64>(hi - lo) * a * (b + 1000) / 2002000);
    }
    int pick(const std::vector<int> &cumulative)
    {
        const int x = rng.bounded(cumulative.back());
        return static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
    }

    bool inPeriod(qint64 t) const { return t >= start && t < end; }
    int dayIndex(qint64 t) const { return static_cast<int>((t - start) / 86400); }

    Decimal snapshotRatio(int model, qint64 t) const
    {
        return model == Gemini && t >= changeAt ? ratioGeminiPromo : ratioList;
    }
    Decimal providerRatio(int model, qint64 t) const
    {
        if (model == Claude && t >= changeAt)
            return ratioClaudeProvider;
        return snapshotRatio(model, t);
    }
    /** The cost formula of reconciliation.md (Pricing 3 and 4), exact. */
    Decimal cost(int model, Decimal ratio, qint64 in, qint64 cached, qint64 write, qint64 out, qint64 reasoning) const
    {
        const Prices &p = prices[static_cast<std::size_t>(model)];
        if (kModels[model].perCall)
            return p.perCall;
        const Decimal sum = p.in.mulInt(in - cached - write) + p.cached.mulInt(cached) + p.write.mulInt(write)
            + p.out.mulInt(out - reasoning) + p.reasoning.mulInt(reasoning);
        return sum.mul(ratio).divInt(1000000);
    }
    Decimal snapshotCost(const Attempt &a) const
    {
        return cost(a.model, snapshotRatio(a.model, a.t), a.in, a.cached, a.write, a.out, a.reasoning);
    }
    Decimal providerCost(const Attempt &a) const
    {
        return cost(a.model, providerRatio(a.model, a.t), a.in, a.cached, a.write, a.out, a.reasoning);
    }

    void setUp();
    void generateClient();
    void generateRequest(int key, qint64 t0, bool simple);
    Kind drawKind(int n, const KeyProfile &k, const MixEntry &m, bool stream, qint64 t, qint16 *http);
    void drawUsage(Attempt &a, const MixEntry &m, qint32 in);
    void chooseChargedAmbiguities();
    void generateLeaks();
};

void World::setUp()
{
    firstDay = timeutil::daysFromCivil(opt.year, static_cast<unsigned>(opt.month), 1);
    const int ny = opt.month == 12 ? opt.year + 1 : opt.year;
    const int nm = opt.month == 12 ? 1 : opt.month + 1;
    const DayNumber next = timeutil::daysFromCivil(ny, static_cast<unsigned>(nm), 1);
    nDays = next - firstDay;
    start = static_cast<qint64>(firstDay) * 86400;
    end = static_cast<qint64>(next) * 86400;
    changeAt = start + 15 * 86400LL;
    noUsageFrom = start + 11 * 86400LL + 10 * 3600;
    noUsageTo = start + 13 * 86400LL + 16 * 3600;
    incidentFrom = start + 19 * 86400LL + 14 * 3600;
    incidentTo = incidentFrom + 2 * 3600;
    ciLeakFromDay = 18;
    // The first weekend from the 20th on: the batch key never runs on weekends, so calls then stand out.
    foreignLeakDay = 12;
    for (int d = 19; d + 1 < nDays; ++d)
        if ((firstDay + d + 4) % 7 == 6) {
            foreignLeakDay = d;
            break;
        }
    // The early observation is taken 12 h after the period, while the provider has posted the
    // last day only up to 08:00; the final one is taken well after the 48 h posting window.
    earlyCutoff = end - 16 * 3600;
    earlyObserved = end + 12 * 3600;
    finalObserved = end + 4 * 86400LL + 9 * 3600;

    for (int m = 0; m < ModelCount; ++m) {
        const ModelSpec &s = kModels[m];
        Prices &p = prices[static_cast<std::size_t>(m)];
        if (s.perCall) {
            p.perCall = Decimal::fromString(s.perCallPrice);
            continue;
        }
        p.in = Decimal::fromString(s.input);
        p.out = Decimal::fromString(s.output);
        p.cached = s.cached ? Decimal::fromString(s.cached) : p.in;
        p.write = s.cacheWrite ? Decimal::fromString(s.cacheWrite) : p.in;
        p.reasoning = p.out;
    }
    ratioList = Decimal::fromString("0.8");
    ratioClaudeProvider = Decimal::fromString("0.85");
    ratioGeminiPromo = Decimal::fromString("0.72");
    saltRequest = mix64(rng.generate64());
    saltResponse = mix64(rng.generate64());
}

Kind World::drawKind(int n, const KeyProfile &k, const MixEntry &m, bool stream, qint64 t, qint16 *http)
{
    const bool perCall = kModels[m.model].perCall;
    const int hour = static_cast<int>((t % 86400) / 3600);
    int p = static_cast<int>(rng.bounded(1000u));
    const auto take = [&p](int permille) {
        if (p < permille)
            return true;
        p -= permille;
        return false;
    };
    if (n == 1) {
        if (take(2))
            return NotSent;
        if (!perCall && take(k.cachePermille))
            return Cached;
        if (!perCall && take(3)) {
            *http = 400;
            return BadRequest;
        }
    }
    const int r429 = n == 1 ? k.rate429Permille + (hour >= 13 && hour < 16 ? 15 : 0) : 120;
    if (take(r429)) {
        *http = 429;
        return RateLimited;
    }
    if (take(n == 1 ? 10 : 5)) {
        static const qint16 codes[] = {500, 502, 502, 503};
        *http = codes[rng.bounded(4)];
        return ServerError;
    }
    if (take(m.model == Kling ? 40 : 2))
        return Timeout;
    if (take(n == 1 ? 2 : 1))
        return Network;
    *http = 200;
    return stream ? Stream : Success;
}

void World::drawUsage(Attempt &a, const MixEntry &m, qint32 in)
{
    if (kModels[a.model].perCall)
        return;
    a.in = in;
    a.out = skew(m.outLo, m.outHi);
    switch (a.model) {
    case Claude: {
        const int r = static_cast<int>(rng.bounded(1000u));
        if (r < 550)
            a.cached = static_cast<qint32>(static_cast<qint64>(in) * rnd(60, 93) / 100);
        else if (r < 650)
            a.write = static_cast<qint32>(static_cast<qint64>(in) * rnd(40, 81) / 100);
        break;
    }
    case Gemini:
        if (in >= 1024 && chance(250))
            a.cached = static_cast<qint32>(static_cast<qint64>(in) * rnd(20, 71) / 100);
        break;
    default:
        // OpenAI caches prompt prefixes of 1024 tokens and more, in steps of 128.
        if (in >= 1024 && chance(450))
            a.cached = std::min<qint32>(in, std::max<qint32>(1024, static_cast<qint32>(static_cast<qint64>(in) * rnd(30, 91) / 100 / 128 * 128)));
        break;
    }
    if (a.model == O4Mini) {
        a.reasoning = skew(128, 5000);
        a.out += a.reasoning;
    }
}

void World::generateRequest(int key, qint64 t0, bool simple)
{
    const KeyProfile &k = kKeys[key];
    int total = 0;
    for (const MixEntry &m : k.mix)
        total += m.weight;
    int x = rng.bounded(total);
    int mixIndex = 0;
    while (x >= k.mix[static_cast<std::size_t>(mixIndex)].weight) {
        x -= k.mix[static_cast<std::size_t>(mixIndex)].weight;
        ++mixIndex;
    }
    const MixEntry &m = k.mix[static_cast<std::size_t>(mixIndex)];
    const bool perCall = kModels[m.model].perCall;
    const qint32 in = perCall ? 0 : skew(m.inLo, m.inHi);
    const bool stream = !perCall && chance(m.streamPermille);
    const auto host = static_cast<std::int8_t>(rnd(2, 40));
    const auto requestNo = static_cast<quint32>(requests.size());
    const bool incidentPath = key == Support && m.model == Gpt4o && t0 >= incidentFrom && t0 < incidentTo;

    qint64 t = t0;
    bool fallback = false;
    int n = 1;
    for (;; ++n) {
        Attempt a;
        a.t = t;
        a.request = requestNo;
        a.attempt = static_cast<qint16>(n);
        a.key = static_cast<std::int8_t>(key);
        a.mix = static_cast<std::int8_t>(mixIndex);
        a.model = fallback ? Gpt4oMini : m.model;
        a.fallback = fallback;
        a.stream = stream;
        a.host = host;
        a.millis = static_cast<qint16>(rng.bounded(1000));
        Kind kind;
        if (simple) {
            kind = stream ? Stream : Success;
            a.http = 200;
        } else if (incidentPath && !fallback && chance(700)) {
            // The upstream incident: the primary model answers 503 and the retry goes to the fallback.
            a.http = 503;
            kind = ServerError;
        } else {
            kind = drawKind(n, k, m, stream, t, &a.http);
        }
        drawUsage(a, m, in);
        if (kind == Stream) {
            if (chance(6)) {
                kind = Cancelled;
                a.note = NoteCancelled;
                // The provider meters only what it produced before the client hung up.
                a.out = std::max<qint32>(1, static_cast<qint32>(static_cast<qint64>(a.out - a.reasoning) * rnd(10, 61) / 100));
                a.reasoning = 0;
            } else if (key == Support && t >= noUsageFrom && t < noUsageTo && chance(30)) {
                // The web widget release of those days read streams without include_usage.
                kind = StreamNoUsage;
                a.note = NoteNoUsage;
            }
        }
        switch (kind) {
        case NotSent: a.note = chance(500) ? NoteBudgetGuard : NoteTooLarge; break;
        case BadRequest: a.note = NoteContextLength; break;
        case Timeout: a.note = m.model == Kling ? NoteTimeoutVideo : NoteTimeout; break;
        default: break;
        }
        if (fallback && (kind == Success || kind == Stream))
            a.note = NoteFallback;
        a.kind = kind;
        attempts.push_back(a);

        const bool retry = kind == RateLimited || kind == ServerError || kind == Timeout || kind == Network;
        if (!retry || n == 4)
            break;
        switch (kind) {
        case RateLimited: t += (1LL << (n - 1)) + rnd(0, 3); break;
        case ServerError: t += rnd(1, 26) + (1LL << n); break;
        case Timeout: t += (m.model == Kling ? 300 : 60) + rnd(1, 7); break;
        default: t += rnd(1, 11) + (1LL << n); break;
        }
        if (incidentPath && kind == ServerError)
            fallback = true;
    }
    Request r;
    r.key = static_cast<std::int8_t>(key);
    r.maxAttempt = static_cast<qint16>(n);
    requests.push_back(r);
}

void World::generateClient()
{
    for (int key = 0; key < kClientKeys; ++key) {
        const KeyProfile &k = kKeys[key];
        std::vector<int> days, hours;
        int acc = 0;
        for (int d = 0; d < nDays; ++d) {
            const int dow = (firstDay + d + 4) % 7; // 0 = Sunday
            const int base = (dow == 0 || dow == 6) ? k.weekendPct : 100;
            acc += base * (300 + 3 * d) / 300; // the month grows by about a third
            days.push_back(acc);
        }
        acc = 0;
        for (int h = 0; h < 24; ++h) {
            acc += k.hours[h];
            hours.push_back(acc);
        }
        // About 5.5 % of attempts are retries, so this many requests give the target attempts.
        const qint64 count = std::max<qint64>(1, static_cast<qint64>(opt.attempts) * k.sharePermille / 1055);
        for (qint64 i = 0; i < count; ++i) {
            const int d = pick(days);
            const int h = pick(hours);
            generateRequest(key, start + d * 86400LL + h * 3600LL + rng.bounded(3600), false);
        }
    }
    // A few requests just outside the period: the engine must exclude and count them.
    for (int i = 0; i < 3; ++i)
        generateRequest(Support, start - rnd(60, 1800), true);
    for (int i = 0; i < 3; ++i)
        generateRequest(Search, end + rnd(30, 1800), true);

    order.resize(attempts.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<quint32>(i);
    std::sort(order.begin(), order.end(), [this](quint32 a, quint32 b) {
        const Attempt &x = attempts[a], &y = attempts[b];
        if (x.t != y.t)
            return x.t < y.t;
        if (x.request != y.request)
            return x.request < y.request;
        return x.attempt < y.attempt;
    });

    // Two lines the client's logger wrote twice, and two notes that carry a pasted key.
    std::vector<quint32> searchHits, analytics, qa;
    for (quint32 i : order) {
        const Attempt &a = attempts[i];
        if (!inPeriod(a.t) || a.kind != Success || a.attempt != 1 || a.note != NoNote)
            continue;
        if (a.key == Search)
            searchHits.push_back(i);
        else if (a.key == Analytics)
            analytics.push_back(i);
        else if (a.key == Qa)
            qa.push_back(i);
    }
    if (searchHits.size() >= 3) {
        duplicates = {searchHits[searchHits.size() / 3], searchHits[searchHits.size() * 2 / 3]};
        for (quint32 i : duplicates)
            attempts[i].note = NoteDuplicate;
    }
    for (const auto *pool : {&analytics, &qa}) {
        if (pool->empty())
            continue;
        const quint32 i = (*pool)[pool->size() / 2];
        attempts[i].note = NoteSecret;
        QByteArray fake = "sk-proj-DEMO";
        appendBase62(fake, mix64(rng.generate64()), 10);
        appendBase62(fake, mix64(rng.generate64()), 10);
        secrets.emplace_back(i, fake);
    }
}

void World::chooseChargedAmbiguities()
{
    // What the provider charged for the client's attempts: every success it served (with or
    // without usage in the client's log), nothing for errors, rejections and cache hits...
    for (Attempt &a : attempts) {
        if (a.kind == Success || a.kind == Stream)
            a.charge = ChargedNormal;
        else if (a.kind == StreamNoUsage)
            a.charge = ChargedNoUsage;
    }
    // ...and a few attempts of ambiguous classes after all. They are picked on key-days where a
    // daily aggregate can tell them apart: no claude call after the multiplier change (that
    // residual would mix in), no stream without usage, and no other unverified line that an
    // attribution by day would take for them (timeouts are taken before cancelled streams,
    // both before retried errors).
    enum : std::uint8_t { HasTimeout = 1, HasCancelled = 2, HasNoUsage = 4, HasDrift = 8 };
    std::vector<std::uint8_t> cell(static_cast<std::size_t>(nDays) * KeyCount, 0);
    const auto cellOf = [this](const Attempt &a) { return static_cast<std::size_t>(dayIndex(a.t)) * KeyCount + static_cast<std::size_t>(a.key); };
    for (const Attempt &a : attempts) {
        if (!inPeriod(a.t))
            continue;
        std::uint8_t &f = cell[cellOf(a)];
        if (a.kind == Timeout)
            f |= HasTimeout;
        if (a.kind == Cancelled)
            f |= HasCancelled;
        if (a.kind == StreamNoUsage)
            f |= HasNoUsage;
        if (a.model == Claude && a.t >= changeAt)
            f |= HasDrift;
    }
    std::vector<quint32> tokenTimeouts, videoTimeouts, cancelled, retriedToken, retriedPerCall;
    for (quint32 i : order) {
        const Attempt &a = attempts[i];
        if (!inPeriod(a.t) || a.t >= earlyCutoff)
            continue;
        const std::uint8_t f = cell[cellOf(a)];
        if (f & (HasDrift | HasNoUsage))
            continue;
        if (a.kind == Timeout && a.model == Kling)
            videoTimeouts.push_back(i);
        else if (a.kind == Timeout && !kModels[a.model].perCall)
            tokenTimeouts.push_back(i);
        else if (a.kind == Cancelled && !(f & HasTimeout))
            cancelled.push_back(i);
        else if (a.kind == ServerError && a.attempt < requests[a.request].maxAttempt && !(f & (HasTimeout | HasCancelled)))
            (kModels[a.model].perCall ? retriedPerCall : retriedToken).push_back(i);
    }
    const auto charge = [this](const std::vector<quint32> &pool, std::size_t n, Charge c) {
        n = std::min(n, pool.size());
        if (n == 0)
            return;
        // Among the costlier quarter of the candidates (so that each element shows as more than
        // a rounding), evenly spread over the month (so that it shows on several days).
        std::vector<std::pair<Decimal, std::size_t>> ranked;
        ranked.reserve(pool.size());
        for (std::size_t j = 0; j < pool.size(); ++j)
            ranked.emplace_back(providerCost(attempts[pool[j]]), j);
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        ranked.resize(std::min(pool.size(), std::max(4 * n, pool.size() / 4)));
        std::vector<std::size_t> kept;
        for (const auto &r : ranked)
            kept.push_back(r.second);
        std::sort(kept.begin(), kept.end());
        for (std::size_t j = 0; j < n; ++j)
            attempts[pool[kept[(2 * j + 1) * kept.size() / (2 * n)]]].charge = c;
    };
    charge(tokenTimeouts, 6, ChargedTimeout);
    charge(videoTimeouts, 2, ChargedTimeout);
    charge(cancelled, 2, ChargedCancelled);
    charge(retriedToken, 2, ChargedRetried);
    charge(retriedPerCall, 1, ChargedRetried);
}

void World::generateLeaks()
{
    // The retired CI key leaked in a public repository: someone uses it from an unknown IP.
    for (int d = ciLeakFromDay; d < nDays; ++d) {
        const int n = rnd(60, 121);
        for (int i = 0; i < n; ++i)
            extras.push_back({start + d * 86400LL + rng.bounded(86400), CiLegacy, Gpt4o, skew(3000, 14000), skew(2000, 6000)});
    }
    // The weekday-only batch key is used on a weekend from outside its allowed_ips.
    for (int d = foreignLeakDay; d < foreignLeakDay + 2 && d < nDays; ++d) {
        const int n = rnd(140, 201);
        for (int i = 0; i < n; ++i)
            extras.push_back({start + d * 86400LL + rng.bounded(86400), Batch, Gpt41, skew(4000, 16000), skew(300, 1500)});
    }
}

// --- Writing --------------------------------------------------------------------------------------

const char *noteText(Note n)
{
    switch (n) {
    case NoNote: return "";
    case NoteBudgetGuard: return "rejected before sending: daily budget guard";
    case NoteTooLarge: return "rejected before sending: prompt over the configured limit";
    case NoteContextLength: return "context_length_exceeded";
    case NoteNoUsage: return "web widget 2.3: stream read without include_usage";
    case NoteFallback: return "primary returned 503, served by the fallback model";
    case NoteCancelled: return "user closed the chat window mid-stream";
    case NoteTimeout: return "client gave up after 60 s";
    case NoteTimeoutVideo: return "client gave up after 300 s waiting for the video task";
    case NoteDuplicate: return "logger re-flush after restart";
    case NoteSecret: return "";
    }
    return "";
}

bool hasResponse(Kind k)
{
    return k == Success || k == Stream || k == StreamNoUsage || k == Cancelled || k == Cached;
}

bool logsUsage(Kind k)
{
    return k == Success || k == Stream || k == Cached;
}

void appendRequestId(QByteArray &o, const World &w, quint32 request)
{
    o += "req-";
    const quint64 h = mix64(w.saltRequest + request);
    appendHex(o, h, 16);
    appendHex(o, mix64(h) >> 48, 4);
}

void appendResponseId(QByteArray &o, const World &w, quint32 attemptIndex, int model)
{
    const quint64 h = mix64(w.saltResponse + attemptIndex);
    if (model == Mj) {
        o += "mj-task-";
        appendHex(o, h, 16);
    } else if (model == Kling) {
        o += "kling-";
        appendHex(o, h, 16);
    } else {
        // 11 digits hold all of h (unique per attempt); the rest only looks random.
        o += "chatcmpl-";
        appendBase62(o, h, 11);
        appendBase62(o, mix64(h), 10);
        appendBase62(o, mix64(~h), 3);
    }
}

/** One flat request log row (formats.md §1b); the client writes notes, the gateway does not. */
void appendAttemptRow(QByteArray &o, const World &w, quint32 index, bool gateway)
{
    const Attempt &a = w.attempts[index];
    const KeyProfile &k = kKeys[a.key];
    const MixEntry &m = k.mix[static_cast<std::size_t>(a.mix)];
    const auto kind = static_cast<Kind>(a.kind);
    const bool perCall = kModels[a.model].perCall;
    appendRequestId(o, w, a.request);
    o += ',';
    appendInt(o, a.attempt);
    o += ',';
    // The gateway stamps in UTC with milliseconds; the client in its service's own offset.
    appendTimestamp(o, a.t, gateway ? 0 : k.tzMinutes, gateway ? a.millis : -1);
    o += ',';
    o += kAccount;
    o += ',';
    o += k.name;
    o += ',';
    o += k.service;
    o += ',';
    o += k.environment;
    o += ',';
    o += m.requested;
    o += ',';
    if (hasResponse(kind))
        o += kModels[a.model].name;
    o += ',';
    o += a.fallback ? "fallback" : "primary";
    o += ',';
    if (a.http > 0)
        appendInt(o, a.http);
    o += ',';
    if (kind == NotSent)
        o += "not_sent";
    o += ',';
    o += a.stream ? "true" : "false";
    o += ',';
    o += kind == Timeout ? "true" : "false";
    o += ',';
    o += kind == Cancelled ? "true" : "false";
    o += ',';
    o += kind == Cached ? "true" : "false";
    o += ',';
    if (!perCall && logsUsage(kind)) {
        appendInt(o, a.in);
        o += ',';
        appendInt(o, a.out);
        o += ',';
        appendInt(o, a.cached);
        o += ',';
        if (a.model == Claude)
            appendInt(o, a.write);
        o += ',';
        if (a.model == O4Mini)
            appendInt(o, a.reasoning);
    } else {
        o += ",,,,";
    }
    o += ',';
    if (hasResponse(kind) && kind != Cached)
        appendResponseId(o, w, index, a.model);
    o += ',';
    o += k.costCenter;
    o += ',';
    o += k.ownerGroup;
    o += ',';
    o += k.ipPrefix;
    appendInt(o, a.host);
    if (!gateway) {
        o += ',';
        if (a.note == NoteSecret) {
            for (const auto &[i, key] : w.secrets)
                if (i == index)
                    appendField(o, sv("debug: retried with personal key " + key + " after 401"));
        } else {
            appendField(o, noteText(static_cast<Note>(a.note)));
        }
    }
    o += '\n';
}

/**
 * A gateway row for a call made with a client's key from outside its allowed_ips: the gateway
 * logs the caller's IP and forwards it, the provider charges it, the client never logged it.
 */
void appendLeakRow(QByteArray &o, const World &w, std::size_t k, const ExtraCharge &e)
{
    const KeyProfile &key = kKeys[e.key];
    const auto n = static_cast<quint32>(w.requests.size() + k);
    appendRequestId(o, w, n);
    o += ",1,";
    appendTimestamp(o, e.t, 0, static_cast<int>(mix64(w.saltResponse ^ n) % 1000));
    o += ',';
    o += kAccount;
    o += ',';
    o += key.name;
    o += ",unregistered-client,";
    o += key.environment;
    o += ',';
    o += kModels[e.model].name;
    o += ',';
    o += kModels[e.model].name;
    o += ",primary,200,,false,false,false,false,";
    appendInt(o, e.in);
    o += ',';
    appendInt(o, e.out);
    o += ",0,,,";
    appendResponseId(o, w, static_cast<quint32>(w.attempts.size() + k), e.model);
    o += ',';
    o += key.costCenter;
    o += ',';
    o += key.ownerGroup;
    o += ',';
    o += kLeakIpForeign;
    o += '\n';
}

constexpr char kLogHeader[] =
    "request_id,attempt,timestamp_utc,account_ref,api_key_name,service,environment,model_requested,model_billed,role,"
    "http_status,outcome,stream,client_timeout,stream_cancelled,cache_hit,input_tokens,output_tokens,"
    "cached_input_tokens,cache_write_tokens,reasoning_tokens,response_id,cost_center,owner,source_ip";

bool saveFile(const QString &dir, const QString &name, const QByteArray &bytes, QString *error)
{
    QSaveFile f(QDir(dir).filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(QDir(dir).filePath(name), f.errorString());
        return false;
    }
    return true;
}

} // namespace

bool DemoWorkspace::write(const QString &dir, quint32 seed, QString *error)
{
    return write(dir, seed, Options(), error, nullptr);
}

bool DemoWorkspace::write(const QString &dir, quint32 seed, const Options &options, QString *error, Story *storyOut)
{
    if (options.month < 1 || options.month > 12 || options.year < 1971 || options.year > 9999 || options.attempts < 1) {
        if (error)
            *error = QStringLiteral("demo workspace: month must be 1-12, year 1971-9999 and attempts at least 1");
        return false;
    }
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = QStringLiteral("cannot create directory %1").arg(dir);
        return false;
    }

    World w(seed, options);
    w.setUp();
    w.generateClient();
    w.chooseChargedAmbiguities();
    w.generateLeaks();

    Story story;
    const QString snapshotId = QStringLiteral("snap-%1-%2").arg(options.year).arg(options.month, 2, 10, QLatin1Char('0'));
    const QByteArray snap = snapshotId.toUtf8();

    // --- Provider truth: charges per key and day, and the client's estimate ----------------------
    const std::size_t cells = static_cast<std::size_t>(w.nDays) * KeyCount;
    std::vector<Decimal> finalSum(cells), earlySum(cells);
    std::vector<qint64> finalCount(cells, 0), earlyCount(cells, 0);
    std::array<Decimal, ModelCount> modelSum{};
    std::array<Decimal, KeyCount> lifetimeFinal{}, lifetimeEarly{};
    std::array<qint64, KeyCount> lifetimeFinalCount{}, lifetimeEarlyCount{};
    const auto book = [&](qint64 t, int key, int model, Decimal amount) {
        // Lifetime counters see everything posted by each observation, inside the period or not.
        lifetimeFinal[static_cast<std::size_t>(key)] += amount;
        ++lifetimeFinalCount[static_cast<std::size_t>(key)];
        if (t < w.earlyCutoff) {
            lifetimeEarly[static_cast<std::size_t>(key)] += amount;
            ++lifetimeEarlyCount[static_cast<std::size_t>(key)];
        }
        if (!w.inPeriod(t))
            return;
        const std::size_t c = static_cast<std::size_t>(w.dayIndex(t)) * KeyCount + static_cast<std::size_t>(key);
        finalSum[c] += amount;
        ++finalCount[c];
        modelSum[static_cast<std::size_t>(model)] += amount;
        if (t < w.earlyCutoff) {
            earlySum[c] += amount;
            ++earlyCount[c];
        }
    };

    std::vector<std::int32_t> firstAttemptsPerCell(cells, 0);
    std::vector<quint8> requestSeen(w.requests.size(), 0);
    for (quint32 i : w.order) {
        const Attempt &a = w.attempts[i];
        const auto kind = static_cast<Kind>(a.kind);
        const bool in = w.inPeriod(a.t);
        if (in) {
            ++story.attemptsInPeriod;
            if (a.attempt > 1)
                ++story.retriesInPeriod;
            if (!requestSeen[a.request]) {
                requestSeen[a.request] = 1;
                ++story.requestsInPeriod;
            }
            if (a.attempt == 1)
                ++firstAttemptsPerCell[static_cast<std::size_t>(w.dayIndex(a.t)) * KeyCount + static_cast<std::size_t>(a.key)];
            if (kind == Success || kind == Stream)
                story.estimatedBillable += w.snapshotCost(a);
            else if (kind == Timeout && kModels[a.model].perCall)
                story.estimatedUnverified += w.snapshotCost(a);
            if (kind == StreamNoUsage)
                ++story.missingUsageRows;
        } else {
            ++story.excludedOutsidePeriod;
        }
        if (a.charge == NotCharged)
            continue;
        const Decimal charged = w.providerCost(a);
        book(a.t, a.key, a.model, charged);
        if (!in)
            continue;
        switch (static_cast<Charge>(a.charge)) {
        case ChargedTimeout: story.chargedTimeouts += charged; ++story.chargedTimeoutCount; break;
        case ChargedCancelled: story.chargedCancelledStreams += charged; ++story.chargedCancelledCount; break;
        case ChargedRetried: story.chargedRetriedErrors += charged; ++story.chargedRetriedCount; break;
        case ChargedNoUsage: story.chargedMissingUsage += charged; break;
        default: break;
        }
        if (a.model == Claude && a.t >= w.changeAt)
            story.priceDrift += charged - w.snapshotCost(a);
    }
    story.duplicateRows = static_cast<qint64>(w.duplicates.size());
    story.attemptsInPeriod += story.duplicateRows; // the repeated lines are attempts too (quarantined)
    story.secretNotes = static_cast<qint64>(w.secrets.size());
    for (const ExtraCharge &e : w.extras) {
        Attempt a;
        a.t = e.t;
        a.model = e.model;
        a.in = e.in;
        a.out = e.out;
        const Decimal charged = w.providerCost(a);
        book(e.t, e.key, e.model, charged);
        if (e.key == CiLegacy) {
            story.leakedUnknownKey += charged;
            ++story.leakedUnknownKeyCalls;
        } else {
            story.leakedForeignIp += charged;
            ++story.leakedForeignIpCalls;
        }
    }
    std::vector<Decimal> finalRounded(cells), earlyRounded(cells);
    for (std::size_t c = 0; c < cells; ++c) {
        // The provider publishes six decimals per key and day.
        finalRounded[c] = finalSum[c].round(6, RoundingMode::HalfEven);
        earlyRounded[c] = earlySum[c].round(6, RoundingMode::HalfEven);
        story.providerFinal += finalRounded[c];
        story.providerEarly += earlyRounded[c];
    }

    std::vector<std::pair<QString, QByteArray>> files;

    // --- client.csv and gateway.csv --------------------------------------------------------------
    {
        QByteArray client, gateway;
        client.reserve(static_cast<qsizetype>(w.attempts.size()) * 260);
        gateway.reserve(static_cast<qsizetype>(w.attempts.size()) * 250);
        client += kLogHeader;
        client += ",notes\n";
        gateway += kLogHeader;
        gateway += '\n';
        // The calls on the batch key from outside its allowed_ips went through the gateway,
        // which logged their source IP; they are merged into its log in time order.
        std::vector<std::size_t> leaks;
        for (std::size_t k = 0; k < w.extras.size(); ++k)
            if (w.extras[k].key != CiLegacy)
                leaks.push_back(k);
        std::stable_sort(leaks.begin(), leaks.end(), [&w](std::size_t a, std::size_t b) { return w.extras[a].t < w.extras[b].t; });
        std::size_t nextLeak = 0;
        const auto flushLeaks = [&](qint64 before) {
            for (; nextLeak < leaks.size() && w.extras[leaks[nextLeak]].t < before; ++nextLeak) {
                appendLeakRow(gateway, w, leaks[nextLeak], w.extras[leaks[nextLeak]]);
                ++story.gatewayRows;
                ++story.leakedForeignIpGatewayRows;
            }
        };
        for (quint32 i : w.order) {
            const Attempt &a = w.attempts[i];
            flushLeaks(a.t);
            appendAttemptRow(client, w, i, false);
            ++story.clientRows;
            if (std::find(w.duplicates.begin(), w.duplicates.end(), i) != w.duplicates.end()) {
                appendAttemptRow(client, w, i, false);
                ++story.clientRows;
            }
            // The gateway sees every attempt that left the client, once.
            if (a.kind != NotSent) {
                appendAttemptRow(gateway, w, i, true);
                ++story.gatewayRows;
            }
        }
        flushLeaks(std::numeric_limits<qint64>::max());
        files.emplace_back(QStringLiteral("client.csv"), client);
        files.emplace_back(QStringLiteral("gateway.csv"), gateway);
    }

    // --- quota snapshots (CometAPI /user/quota with daily_quota) ---------------------------------
    const QString earlyName = QStringLiteral("quota-%1.json").arg(QString::fromLatin1(dateText(static_cast<DayNumber>(w.earlyObserved / 86400))));
    const QString finalName = QStringLiteral("quota-%1.json").arg(QString::fromLatin1(dateText(static_cast<DayNumber>(w.finalObserved / 86400))));
    {
        // Usage before this month, so the lifetime counters look like a real account's.
        std::array<Decimal, KeyCount> baseUsed{};
        std::array<qint64, KeyCount> baseCount{};
        for (int k = 0; k < KeyCount; ++k) {
            const bool ci = k == CiLegacy;
            baseUsed[static_cast<std::size_t>(k)] = Decimal::fromScaled(ci ? w.rnd(100000000, 250000000) : w.rnd(20000000, 900000000), 6);
            baseCount[static_cast<std::size_t>(k)] = w.rnd(2000, 60000);
        }
        const Decimal lifetimeTopups = Decimal::fromInt(7500);
        std::array<int, KeyCount> byName{};
        for (int k = 0; k < KeyCount; ++k)
            byName[static_cast<std::size_t>(k)] = k;
        std::sort(byName.begin(), byName.end(), [](int a, int b) { return std::string_view(kKeys[a].name) < std::string_view(kKeys[b].name); });

        const auto quota = [&](bool early) {
            const auto &life = early ? lifetimeEarly : lifetimeFinal;
            const auto &lifeCount = early ? lifetimeEarlyCount : lifetimeFinalCount;
            const auto &day = early ? earlyRounded : finalRounded;
            const auto &dayCount = early ? earlyCount : finalCount;
            Decimal totalUsed;
            qint64 totalCount = 0;
            std::array<Decimal, KeyCount> used{};
            for (int k = 0; k < KeyCount; ++k) {
                used[static_cast<std::size_t>(k)] = (baseUsed[static_cast<std::size_t>(k)] + life[static_cast<std::size_t>(k)]).round(6, RoundingMode::HalfEven);
                totalUsed += used[static_cast<std::size_t>(k)];
                totalCount += baseCount[static_cast<std::size_t>(k)] + lifeCount[static_cast<std::size_t>(k)];
            }
            JsonWriter j(1);
            j.beginObject();
            j.field("username", kAccount);
            j.key("total_quota");
            j.raw((lifetimeTopups - totalUsed).toStdString());
            j.key("total_used_quota");
            j.raw(totalUsed.toStdString());
            j.field("request_count", static_cast<long long>(totalCount));
            j.key("keys");
            j.beginArray();
            for (int k : byName) {
                j.beginObject();
                j.field("name", kKeys[k].name);
                if (kKeys[k].quotaLimit) {
                    j.key("remain_quota");
                    j.raw((Decimal::fromString(kKeys[k].quotaLimit) - used[static_cast<std::size_t>(k)]).toStdString());
                    j.key("used_quota");
                    j.raw(used[static_cast<std::size_t>(k)].toStdString());
                } else {
                    // How the service writes an unlimited key (formats.md §3a).
                    j.key("remain_quota");
                    j.raw("999999999");
                    j.key("used_quota");
                    j.raw("-1");
                }
                j.endObject();
            }
            j.endArray();
            j.key("daily_quota");
            j.beginObject();
            for (int d = 0; d < w.nDays; ++d) {
                const QByteArray date = dateText(w.firstDay + d);
                j.key(sv(date));
                j.beginArray();
                for (int k : byName) {
                    const std::size_t c = static_cast<std::size_t>(d) * KeyCount + static_cast<std::size_t>(k);
                    if (dayCount[c] == 0)
                        continue;
                    j.beginObject();
                    j.field("token_name", kKeys[k].name);
                    j.key("quota_used");
                    j.raw(day[c].toStdString());
                    j.field("request_count", static_cast<long long>(dayCount[c]));
                    j.endObject();
                }
                j.endArray();
            }
            j.endObject();
            j.endObject();
            return j.data();
        };
        files.emplace_back(earlyName, quota(true));
        files.emplace_back(finalName, quota(false));
    }

    const QByteArray periodStart = dateText(w.firstDay);
    const QByteArray periodLast = dateText(w.firstDay + w.nDays - 1);
    const QByteArray changeDate = dateText(w.firstDay + 15);
    const QByteArray dayBeforeChange = dateText(w.firstDay + 14);

    // --- finance.csv (formats.md §4) -------------------------------------------------------------
    {
        QByteArray o = "document_id,document_date,line_type,description,amount,currency,period_start,period_end,model,api_key_name\n";
        const QByteArray invoice = "INV-" + QByteArray::number(options.year) + "-" + QByteArray(options.month < 10 ? "0" : "")
            + QByteArray::number(options.month) + "-0042";
        const QByteArray invoiceDate = dateText(w.firstDay + w.nDays + 2);
        Decimal usage;
        for (int m = 0; m < ModelCount; ++m) {
            if (modelSum[static_cast<std::size_t>(m)].isZero())
                continue;
            // Invoices are in cents: each usage line is rounded on its own.
            const Decimal line = modelSum[static_cast<std::size_t>(m)].round(2, RoundingMode::HalfEven);
            usage += line;
            appendRow(o, {sv(invoice), sv(invoiceDate), "usage", sv(QByteArray("Usage ") + kModels[m].name),
                          line.toFixedStdString(2), "USD", sv(periodStart), sv(periodLast), kModels[m].name, ""});
        }
        const Decimal credit = Decimal::fromString("-50.00");
        const Decimal discount = -usage.mul(Decimal::fromString("0.03")).round(2, RoundingMode::HalfEven);
        const Decimal tax = (usage + credit + discount).mul(Decimal::fromString("0.08")).round(2, RoundingMode::HalfEven);
        const Decimal topup = Decimal::fromString("1000.00");
        appendRow(o, {sv(invoice), sv(invoiceDate), "credit", "Promotional credit PROMO-SPRING-50", credit.toFixedStdString(2),
                      "USD", sv(periodStart), sv(periodLast), "", ""});
        appendRow(o, {sv(invoice), sv(invoiceDate), "discount", "Committed-use discount 3% of usage",
                      discount.toFixedStdString(2), "USD", sv(periodStart), sv(periodLast), "", ""});
        appendRow(o, {sv(invoice), sv(invoiceDate), "tax", "Sales tax 8% of usage after credit and discount",
                      tax.toFixedStdString(2), "USD", sv(periodStart), sv(periodLast), "", ""});
        const QByteArray topupDoc = "TOPUP-" + dateText(w.firstDay + 13);
        appendRow(o, {sv(topupDoc), sv(dateText(w.firstDay + 13)), "topup", "Prepaid balance top-up (card)",
                      topup.toFixedStdString(2), "USD", "", "", "", ""});
        story.invoiceUsage = usage;
        story.invoiceCredit = credit;
        story.invoiceDiscount = discount;
        story.invoiceTax = tax;
        story.invoiceTotal = usage + credit + discount + tax + topup;
        files.emplace_back(QStringLiteral("finance.csv"), o);
    }

    // --- prices.csv (formats.md §5) --------------------------------------------------------------
    {
        QByteArray o = "snapshot_id,source_url,accessed_at,captured_by,price_kind,currency,billable_model,billing_category,"
                       "unit_basis,input_price,output_price,cached_input_price,cache_write_price,reasoning_price,"
                       "per_call_price,upstream_ratio,valid_from,valid_to,tier_min_input_tokens,minimum_charge,evidence_id,notes\n";
        const std::string_view url = "https://apidoc.cometapi.com/pricing/about-pricing";
        const auto price = [](const char *p) { return p ? std::string_view(p) : std::string_view(); };
        for (int m = 0; m < ModelCount; ++m) {
            const ModelSpec &s = kModels[m];
            if (s.perCall) {
                appendRow(o, {sv(snap), url, sv(periodStart), "finops-bot", "public-list", "USD", s.name, "per_call",
                              "per_token", "", "", "", "", "", s.perCallPrice, "", sv(periodStart), "", "", "",
                              "EV-PRICE-1", "per-call price as listed, no ratio"});
            } else if (m == Gemini) {
                // The change the team did capture: two dated rows.
                appendRow(o, {sv(snap), url, sv(periodStart), "finops-bot", "public-list", "USD", s.name, "token", "per_1m",
                              s.input, s.output, price(s.cached), price(s.cacheWrite), "", "", "0.8", sv(periodStart),
                              sv(changeDate), "", "", "EV-PRICE-1", "list price, CometAPI ratio 0.8"});
                appendRow(o, {sv(snap), url, sv(dayBeforeChange), "finops-bot", "promotional", "USD", s.name, "token",
                              "per_1m", s.input, s.output, price(s.cached), price(s.cacheWrite), "", "", "0.72",
                              sv(changeDate), "", "", "", "EV-PRICE-1",
                              sv("promotion announced " + dayBeforeChange + ": ratio 0.72 from " + changeDate)});
            } else {
                appendRow(o, {sv(snap), url, sv(periodStart), "finops-bot", "public-list", "USD", s.name, "token", "per_1m",
                              s.input, s.output, price(s.cached), price(s.cacheWrite), "", "", "0.8", sv(periodStart), "",
                              "", "", "EV-PRICE-1", "list price, CometAPI ratio 0.8"});
            }
        }
        files.emplace_back(QStringLiteral("prices.csv"), o);
    }

    // --- mapping.csv (formats.md §6) -------------------------------------------------------------
    {
        QByteArray o = "internal_name,requested_model,billable_model,snapshot_id,role,owner,valid_from,valid_to\n";
        // Mappings started well before the period; the reasoner alias moved to o4-mini shortly
        // before it, and the retired row stays for the period it covered (formats.md §6).
        const QByteArray since = dateText(w.firstDay - 120);
        const QByteArray moved = dateText(w.firstDay - 16);
        const int py = options.month == 1 ? options.year - 1 : options.year;
        const int pm = options.month == 1 ? 12 : options.month - 1;
        const QByteArray prevSnap = QStringLiteral("snap-%1-%2").arg(py).arg(pm, 2, 10, QLatin1Char('0')).toUtf8();
        struct Alias
        {
            const char *internal, *requested, *billable, *role, *owner;
            std::string_view from, to, snapshot;
        };
        const Alias aliases[] = {
            {"svc-chat-default", "chat-default", "gpt-4o-mini", "primary", "platform-team", sv(since), {}, sv(snap)},
            {"svc-support-chat", "support-chat", "gpt-4o", "primary", "support-team", sv(since), {}, sv(snap)},
            {"svc-support-chat", "support-chat", "gpt-4o-mini", "fallback", "support-team", sv(since), {}, sv(snap)},
            {"svc-claude-sonnet", "claude-sonnet", "claude-sonnet-4-20250514", "primary", "agents-team", sv(since), {}, sv(snap)},
            {"svc-reasoner", "reasoner", "o3-mini", "primary", "platform-team", sv(since), sv(moved), sv(prevSnap)},
            {"svc-reasoner", "reasoner", "o4-mini", "primary", "platform-team", sv(moved), {}, sv(snap)},
            {"svc-gemini-flash", "gemini-flash", "gemini-2.5-flash", "primary", "search-team", sv(since), {}, sv(snap)},
        };
        for (const Alias &a : aliases)
            appendRow(o, {a.internal, a.requested, a.billable, a.snapshot, a.role, a.owner, a.from, a.to});
        for (const ModelSpec &s : kModels)
            appendRow(o, {sv("svc-" + QByteArray(s.name)), s.name, s.name, sv(snap), "primary", "platform-team", sv(since), ""});
        files.emplace_back(QStringLiteral("mapping.csv"), o);
    }

    // --- owners.csv (formats.md §7) --------------------------------------------------------------
    {
        QByteArray o = "api_key_name,owner_group,environment,workload,cost_center,allocation_rule,monthly_budget,currency,allowed_ips\n";
        for (const KeyProfile &k : kKeys)
            appendRow(o, {k.name, k.ownerGroup, k.environment, k.workload, k.costCenter, k.allocation, k.budget, "USD", k.allowedIps});
        files.emplace_back(QStringLiteral("owners.csv"), o);
    }

    // --- policy.csv (formats.md §8): client_timeout and stream_cancelled have no row ------------
    files.emplace_back(QStringLiteral("policy.csv"), QByteArray("outcome,treatment,evidence_id\n"
                                                                "success,billable,EV-ERR-1\n"
                                                                "success_stream,billable,EV-ERR-1\n"
                                                                "client_error,non_billable,EV-ERR-1\n"
                                                                "rate_limited,non_billable,EV-ERR-1\n"
                                                                "server_error,non_billable,EV-ERR-1\n"
                                                                "network_error,non_billable,EV-ERR-1\n"
                                                                "not_sent,non_billable,EV-ERR-1\n"
                                                                "cached_response,non_billable,EV-CACHE-1\n"));

    // --- evidence.csv (formats.md §9) ------------------------------------------------------------
    {
        QByteArray o = "evidence_id,assumption,area,owner,source_url_or_ticket,accessed_on,statement_or_screenshot_ref,"
                       "screenshot_sha256,dependent_system,fallback_behavior,next_review_on,status,notes\n";
        const QByteArray before = dateText(w.firstDay - 12);
        const QByteArray overdue = dateText(w.firstDay + 19);
        appendRow(o, {"EV-PRICE-1", "Token models cost 0.8 of the upstream list price; per-call models cost the listed price",
                      "pricing", "finops", "https://apidoc.cometapi.com/pricing/about-pricing", sv(periodStart),
                      "pricing page, section \"ratio\"", "", "price snapshot " + snapshotId.toStdString(),
                      "mark costs provisional", sv(dateText(w.firstDay + 92)), "verified", ""});
        appendRow(o, {"EV-ERR-1", "Successful responses are billed by usage; 4xx, 429, 5xx and network errors are not billed",
                      "error_behavior", "sre", "SUPPORT-1142", sv(before), "support reply of the ticket", "",
                      "billing policy", "treat errors as unverified", sv(dateText(w.firstDay + 80)), "verified", ""});
        appendRow(o, {"EV-QUOTA-1", "quota_used and used_quota of /user/quota are USD amounts, not internal quota units",
                      "response_fields", "finops", "https://apidoc.cometapi.com/help-center", sv(before),
                      "help center, usage query service", "", "provider ledger import",
                      "convert with quota_per_usd and flag the run", sv(dateText(w.firstDay + 120)), "verified", ""});
        appendRow(o, {"EV-CACHE-1", "Gateway cache hits never reach CometAPI and are not billed", "billing", "platform",
                      "PLAT-311", sv(dateText(w.firstDay - 70)), "gateway design review", "", "billing policy",
                      "treat cache hits as unverified", sv(overdue), "verified",
                      "review was due after the gateway upgrade; not redone yet"});
        appendRow(o, {"EV-TIMEOUT-1", "Client timeouts and cancelled streams are billed only when the provider finished",
                      "error_behavior", "sre", "SUPPORT-1187 (open)", sv(dateText(w.firstDay + 6)), "", "",
                      "billing policy", "leave client_timeout and stream_cancelled unverified",
                      sv(dateText(w.firstDay + 45)), "unverified", "asked support twice, no answer yet"});
        appendRow(o, {"EV-UNIT-1", "Resolved tickets per day come from the helpdesk export", "unit_metric", "support-ops",
                      "helpdesk report 'resolved by day'", sv(before), "", "", "unit economics", "use conversations instead",
                      sv(dateText(w.firstDay + 150)), "verified", ""});
        appendRow(o, {"EV-ALLOC-1", "shared-platform is split 50/30/20 between support, search and agents", "allocation",
                      "finops", "FIN-88", sv(before), "budget meeting minutes", "", "owners table",
                      "charge shared-platform to platform-team", sv(dateText(w.firstDay + 120)), "verified", ""});
        files.emplace_back(QStringLiteral("evidence.csv"), o);
    }

    // --- units.csv (formats.md §10): the denominators of unit economics -------------------------
    {
        QByteArray o = "date,workload,unit_name,count\n";
        for (int d = 0; d < w.nDays; ++d) {
            const QByteArray date = dateText(w.firstDay + d);
            const auto requestsOf = [&](int key) { return firstAttemptsPerCell[static_cast<std::size_t>(d) * KeyCount + static_cast<std::size_t>(key)]; };
            // About three assistant calls per resolved ticket; an answered search is one call.
            QByteArray n;
            n = QByteArray::number(requestsOf(Support) / 3 + w.rnd(0, 16));
            appendRow(o, {sv(date), "support", "resolved_tickets", sv(n)});
            n = QByteArray::number(requestsOf(Search) * 9 / 10 + w.rnd(0, 25));
            appendRow(o, {sv(date), "search", "answered_queries", sv(n)});
            if (requestsOf(Batch) > 0) {
                n = QByteArray::number(requestsOf(Batch));
                appendRow(o, {sv(date), "batch", "documents_summarized", sv(n)});
            }
        }
        files.emplace_back(QStringLiteral("units.csv"), o);
    }

    // --- job.json (formats.md §1c) ---------------------------------------------------------------
    {
        JsonWriter j(1);
        j.beginObject();
        j.key("reconciliation_period");
        j.beginObject();
        j.key("start_utc");
        j.string(sv(timestampText(w.start)));
        j.key("end_utc");
        j.string(sv(timestampText(w.end)));
        j.field("account_ref", kAccount);
        j.field("currency", "USD");
        j.field("snapshot_id", snapshotId);
        j.endObject();
        j.key("inputs");
        j.beginArray();
        const auto input = [&j](const char *kind, const char *format, const QString &path, const QByteArray &observedAt) {
            j.beginObject();
            j.field("kind", kind);
            j.field("format", format);
            j.field("path", path);
            if (!observedAt.isEmpty()) {
                j.key("observed_at");
                j.string(sv(observedAt));
            }
            j.endObject();
        };
        input("client", "request_log_csv", QStringLiteral("client.csv"), {});
        input("gateway", "request_log_csv", QStringLiteral("gateway.csv"), {});
        input("provider", "cometapi_quota", earlyName, timestampText(w.earlyObserved));
        input("provider", "cometapi_quota", finalName, timestampText(w.finalObserved));
        input("finance", "finance_csv", QStringLiteral("finance.csv"), {});
        input("prices", "price_snapshot_csv", QStringLiteral("prices.csv"), {});
        input("mapping", "model_mapping_csv", QStringLiteral("mapping.csv"), {});
        input("owners", "owners_csv", QStringLiteral("owners.csv"), {});
        input("policy", "billing_policy_csv", QStringLiteral("policy.csv"), {});
        input("evidence", "evidence_csv", QStringLiteral("evidence.csv"), {});
        input("units", "business_units_csv", QStringLiteral("units.csv"), {});
        j.endArray();
        j.key("controls");
        j.beginObject();
        j.fieldBool("fail_on_unknown_model", true);
        // Off, so the streams without usage make the demo end in warn rather than fail.
        j.fieldBool("fail_on_missing_token_usage", false);
        j.fieldBool("fail_on_unverified_pricing", true);
        j.key("variance_threshold_percent");
        j.raw("1.0");
        j.field("variance_threshold_absolute", "1.00");
        j.field("posting_window_hours", 48);
        // Video generation is held back until the budget owner approves it (media is over budget):
        // `tokenledger-cli guardrails` turns this into LiteLLM key settings.
        j.key("model_denylist");
        j.beginArray();
        j.string(std::string_view("kling_video"));
        j.endArray();
        j.endObject();
        j.endObject();
        files.emplace_back(QStringLiteral("job.json"), j.data());
    }

    for (const auto &[name, bytes] : files) {
        if (!saveFile(dir, name, bytes, error))
            return false;
        story.files << name;
    }
    story.jobFile = QDir(dir).absoluteFilePath(QStringLiteral("job.json"));
    story.unknownKeyIp = QString::fromLatin1(kLeakIpUnknownKey);
    story.foreignIp = QString::fromLatin1(kLeakIpForeign);
    if (storyOut)
        *storyOut = story;
    return true;
}

} // namespace tl
