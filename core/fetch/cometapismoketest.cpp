// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/cometapismoketest.h"

#include "core/fetch/urlredaction.h"
#include "core/import/jsontree.h"
#include "core/util/jsonwriter.h"
#include "core/util/timeutil.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>

namespace tl {

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

/** A non-negative integer written as a JSON number; -1 otherwise. */
qint64 count(const JsonValue &v)
{
    if (!v.isNumber())
        return -1;
    bool ok = false;
    const qint64 n = qs(v.text()).toLongLong(&ok);
    return ok && n >= 0 ? n : -1;
}

qint64 countText(const QJsonValue &v)
{
    bool ok = false;
    const qint64 n = v.toString().toLongLong(&ok);
    return ok && n >= 0 ? n : -1;
}

/** Did the service say no? A 4xx, or a 2xx whose JSON says it failed. 5xx and silence prove nothing. */
bool refused(const HttpOutcome &o, QString *how)
{
    if (o.httpStatus >= 400 && o.httpStatus < 500) {
        *how = QStringLiteral("refused with HTTP %1").arg(o.httpStatus);
        return true;
    }
    if (!o.ok()) {
        *how = QStringLiteral("no verdict: %1").arg(o.message);
        return false;
    }
    JsonSource src(std::string_view(o.body.constData(), static_cast<std::size_t>(o.body.size())));
    JsonTree tree;
    JsonTree::Error e;
    if (!tree.parse(src, 0, src.size(), &e) || !tree.root().isObject()) {
        *how = QStringLiteral("HTTP %1 with an answer that is not a JSON object").arg(o.httpStatus);
        return false;
    }
    const JsonValue root = tree.root();
    JsonValue data = root;
    if (root["total_quota"].isMissing() && root["data"].isObject())
        data = root["data"];
    if (root["success"].kind() == JsonValue::Kind::False || !root["error"].isAbsent()
        || (data["total_quota"].isMissing() && root["message"].isString() && !root["message"].text().empty())) {
        *how = QStringLiteral("HTTP %1 with an error answer").arg(o.httpStatus);
        return true;
    }
    *how = QStringLiteral("HTTP %1 with usage figures, as if the request were fine").arg(o.httpStatus);
    return false;
}

} // namespace

CometApiSmokeTest::CometApiSmokeTest(QObject *parent)
    : QObject(parent), m_client(new CometApiQuotaClient(this)), m_fetcher(new HttpFetcher(this))
{
    qRegisterMetaType<tl::SmokeTestRecord>();
    connect(m_client, &CometApiQuotaClient::progress, this, [this](const QString &m) { emit progress(scrub(m)); });
    connect(m_fetcher, &HttpFetcher::progress, this, [this](const QString &m) { emit progress(scrub(m)); });
    connect(m_client, &CometApiQuotaClient::finished, this, &CometApiSmokeTest::onQuota);
    connect(m_fetcher, &HttpFetcher::finished, this, &CometApiSmokeTest::onRaw);
}

QString CometApiSmokeTest::statusClass(FetchResult::Status status, int http)
{
    if (http > 0)
        return QStringLiteral("%1xx").arg(http / 100);
    switch (status) {
    case FetchResult::Status::TimedOut: return QStringLiteral("timeout");
    case FetchResult::Status::ConnectionFailed: return QStringLiteral("network_error");
    case FetchResult::Status::Cancelled: return QStringLiteral("cancelled");
    case FetchResult::Status::InvalidInput: return QStringLiteral("not_sent");
    default: return QStringLiteral("no_answer");
    }
}

bool CometApiSmokeTest::validate(const SmokeTestConfig &c, QString *error)
{
    auto need = [&](bool ok, const QString &why) {
        if (!ok)
            *error = why;
        return ok;
    };
    if (!need(!c.queryKey.isEmpty(), QStringLiteral("no query key given")) || !need(!c.chatKey.isEmpty(), QStringLiteral("no chat key given"))
        || !need(!c.queryKeyName.isEmpty(), QStringLiteral("the query key's name is needed for the record"))
        || !need(!c.model.isEmpty(), QStringLiteral("a model for the minimal chat completion is needed"))
        || !need(!c.reviewer.isEmpty(), QStringLiteral("the record names its reviewer"))
        || !need(!c.startDate.isEmpty(), QStringLiteral("a window with known activity (start and end dates) is needed"))
        || !need(!c.emptyStartDate.isEmpty(), QStringLiteral("a window with no activity (empty start and end dates) is needed")))
        return false;
    QString why;
    if (!CometApiQuotaClient::validateWindow(c.startDate, c.endDate, &why))
        return need(false, QStringLiteral("active window: %1").arg(why));
    if (!CometApiQuotaClient::validateWindow(c.emptyStartDate, c.emptyEndDate, &why))
        return need(false, QStringLiteral("window without activity: %1").arg(why));
    if (!HttpFetcher::checkBaseUrl(c.queryBase, c.allowInsecureHttp, &why))
        return need(false, QStringLiteral("query service: %1").arg(why));
    if (!HttpFetcher::checkBaseUrl(c.apiBase, c.allowInsecureHttp, &why))
        return need(false, QStringLiteral("API: %1").arg(why));
    return true;
}

QString CometApiSmokeTest::scrub(const QString &text) const
{
    return UrlRedaction::scrub(text, {m_config.queryKey, m_config.chatKey});
}

void CometApiSmokeTest::start(const SmokeTestConfig &config)
{
    Q_ASSERT(!m_busy);
    m_config = config;
    m_record = SmokeTestRecord();
    m_window = FetchResult();
    m_step = 0;
    m_countBefore = -1;
    m_cancelled = false;
    m_busy = true;
    m_record.smokeTestDate = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    m_record.queryKeyName = config.queryKeyName;
    m_record.queryDateRange = QStringLiteral("%1 to %2").arg(config.startDate, config.endDate);
    m_record.reviewer = config.reviewer;
    QString why;
    if (!validate(config, &why)) {
        m_record.error = scrub(why);
        QMetaObject::invokeMethod(this, [this] { conclude(); }, Qt::QueuedConnection);
        return;
    }
    m_client->setBaseUrl(config.queryBase);
    m_client->setKey(config.queryKey);
    m_client->setRetryPolicy(config.policy);
    m_client->setAllowInsecureHttp(config.allowInsecureHttp);
    m_fetcher->setPolicy(config.policy);
    runStep();
}

void CometApiSmokeTest::cancel()
{
    if (!m_busy || m_cancelled)
        return;
    m_cancelled = true;
    m_record.error = QStringLiteral("cancelled");
    m_client->cancel();
    m_fetcher->cancel();
}

void CometApiSmokeTest::runStep()
{
    const SmokeTestConfig &c = m_config;
    static const char *const kDescriptions[kSteps] = {
        "balance without dates", "balance for the active window", "one minimal chat completion",
        "balance again (request_count grows)", "an invalid key (must be refused)", "a malformed date (must be refused)",
        "the window without activity (no daily_quota)"};
    emit stepStarted(m_step + 1, kSteps, QString::fromLatin1(kDescriptions[m_step]));
    switch (m_step) {
    case 0:
    case 3:
        m_client->start();
        break;
    case 1:
        m_client->start(c.startDate, c.endDate);
        break;
    case 6:
        m_client->start(c.emptyStartDate, c.emptyEndDate);
        break;
    case 2: {
        JsonWriter body(0);
        body.beginObject();
        body.field("model", c.model);
        body.key("messages");
        body.beginArray();
        body.beginObject();
        body.field("role", "user");
        body.field("content", "Reply with the single word: ok");
        body.endObject();
        body.endArray();
        body.field("max_tokens", 16);
        body.fieldBool("stream", false);
        body.endObject();
        HttpRequestSpec r;
        r.what = QStringLiteral("CometAPI chat completion");
        r.method = "POST";
        r.url = HttpFetcher::endpoint(c.apiBase, QStringLiteral("/v1/chat/completions"));
        r.headers = {{QByteArray("Authorization"), QByteArray("Bearer ") + c.chatKey}, {QByteArray("Content-Type"), QByteArray("application/json")}};
        r.body = body.data();
        r.idempotent = false; // it costs money: never sent twice when the first may have been served
        r.secrets = {c.chatKey, c.queryKey};
        r.authHint = QStringLiteral("the chat key was refused");
        m_fetcher->start(r);
        break;
    }
    case 4: {
        HttpRequestSpec r = CometApiQuotaClient::request(c.queryBase, QByteArray(kInvalidKey), QString(), QString());
        r.secrets << c.queryKey;
        m_fetcher->start(r);
        break;
    }
    case 5: {
        HttpRequestSpec r = CometApiQuotaClient::request(c.queryBase, c.queryKey, c.malformedDate, c.endDate);
        m_fetcher->start(r);
        break;
    }
    default:
        conclude();
    }
}

void CometApiSmokeTest::record(const QString &name, const QString &expectation, const QString &result, const QString &cls, int http,
                               const QString &detail)
{
    m_record.checks.push_back({name, expectation, result, cls, http, scrub(detail)});
}

void CometApiSmokeTest::next()
{
    if (m_cancelled) {
        conclude();
        return;
    }
    ++m_step;
    if (m_step >= kSteps)
        conclude();
    else
        runStep();
}

void CometApiSmokeTest::onQuota(const FetchResult &r)
{
    if (m_cancelled || !m_busy) {
        conclude();
        return;
    }
    const QString cls = statusClass(r.status, r.httpStatus);
    const QJsonArray dates = r.summaryValue(QStringLiteral("daily_quota_dates")).toArray();
    const qint64 entries = static_cast<qint64>(r.summaryValue(QStringLiteral("daily_quota_entries")).toDouble());
    switch (m_step) {
    case 0: {
        const QString exp = QStringLiteral("/user/quota without dates answers total_quota, total_used_quota and request_count");
        const QString total = r.summaryValue(QStringLiteral("total_quota")).toString();
        const QString used = r.summaryValue(QStringLiteral("total_used_quota")).toString();
        const qint64 n = countText(r.summaryValue(QStringLiteral("request_count")));
        if (!r.ok()) {
            record(QStringLiteral("balance"), exp, QStringLiteral("fail"), cls, r.httpStatus, r.message);
        } else if (total.isEmpty() || used.isEmpty() || n < 0) {
            QStringList missing;
            if (total.isEmpty())
                missing << QStringLiteral("total_quota");
            if (used.isEmpty())
                missing << QStringLiteral("total_used_quota");
            if (n < 0)
                missing << QStringLiteral("request_count");
            record(QStringLiteral("balance"), exp, QStringLiteral("fail"), cls, r.httpStatus,
                   QStringLiteral("missing or not a number: %1").arg(missing.join(QStringLiteral(", "))));
        } else {
            record(QStringLiteral("balance"), exp, QStringLiteral("pass"), cls, r.httpStatus,
                   QStringLiteral("total_quota %1, total_used_quota %2, request_count %3").arg(total, used).arg(n));
        }
        m_record.totalQuotaReturned = total;
        m_record.totalUsedQuotaReturned = used;
        m_record.requestCountReturned = n;
        m_countBefore = n;
        break;
    }
    case 1: {
        const QString exp = QStringLiteral("with start_date and end_date, daily_quota has entries, all inside the window");
        m_window = r;
        for (const QJsonValue &d : dates)
            m_record.dailyQuotaDatesPresent << d.toString();
        const QJsonArray outside = r.summaryValue(QStringLiteral("daily_quota_dates_outside_window")).toArray();
        if (!r.ok())
            record(QStringLiteral("balance_window"), exp, QStringLiteral("fail"), cls, r.httpStatus, r.message);
        else if (entries == 0)
            record(QStringLiteral("balance_window"), exp, QStringLiteral("fail"), cls, r.httpStatus,
                   QStringLiteral("no daily_quota entries for %1 to %2: choose a window with known activity").arg(m_config.startDate, m_config.endDate));
        else if (!outside.isEmpty()) {
            QStringList list;
            for (const QJsonValue &d : outside)
                list << d.toString();
            record(QStringLiteral("balance_window"), exp, QStringLiteral("fail"), cls, r.httpStatus,
                   QStringLiteral("daily_quota has dates outside the window: %1").arg(list.join(QStringLiteral(", "))));
        }
        else
            record(QStringLiteral("balance_window"), exp, QStringLiteral("pass"), cls, r.httpStatus,
                   QStringLiteral("%1 date(s), %2 entr%3").arg(dates.size()).arg(entries).arg(entries == 1 ? QStringLiteral("y") : QStringLiteral("ies")));
        break;
    }
    case 3: {
        const QString exp = QStringLiteral("request_count is higher than before the chat completion");
        const qint64 n = countText(r.summaryValue(QStringLiteral("request_count")));
        if (!r.ok())
            record(QStringLiteral("balance_after_chat"), exp, QStringLiteral("warn"), cls, r.httpStatus, r.message);
        else if (m_countBefore >= 0 && n > m_countBefore)
            record(QStringLiteral("balance_after_chat"), exp, QStringLiteral("pass"), cls, r.httpStatus,
                   QStringLiteral("request_count %1 -> %2").arg(m_countBefore).arg(n));
        else
            record(QStringLiteral("balance_after_chat"), exp, QStringLiteral("warn"), cls, r.httpStatus,
                   QStringLiteral("request_count %1 -> %2: not grown yet (posting may lag; check again later)").arg(m_countBefore).arg(n));
        break;
    }
    case 6: {
        const QString exp = QStringLiteral("a window with no activity has no daily_quota entries (absent or empty)");
        if (!r.ok())
            record(QStringLiteral("empty_window"), exp, QStringLiteral("fail"), cls, r.httpStatus, r.message);
        else if (entries > 0)
            record(QStringLiteral("empty_window"), exp, QStringLiteral("fail"), cls, r.httpStatus,
                   QStringLiteral("%1 daily_quota entr%2 for %3 to %4, a window said to have no activity (stale data?)")
                       .arg(entries).arg(entries == 1 ? QStringLiteral("y") : QStringLiteral("ies"), m_config.emptyStartDate, m_config.emptyEndDate));
        else
            record(QStringLiteral("empty_window"), exp, QStringLiteral("pass"), cls, r.httpStatus,
                   r.summaryValue(QStringLiteral("daily_quota_present")).toBool() ? QStringLiteral("daily_quota empty")
                                                                                  : QStringLiteral("daily_quota absent"));
        break;
    }
    default:
        break;
    }
    next();
}

void CometApiSmokeTest::onRaw(const HttpOutcome &o)
{
    if (m_cancelled || !m_busy) {
        conclude();
        return;
    }
    const QString cls = statusClass(o.status, o.httpStatus);
    switch (m_step) {
    case 2: {
        const QString exp = QStringLiteral("a non-streaming chat completion answers usage with integer prompt_tokens, completion_tokens, "
                                           "total_tokens, and total_tokens = prompt_tokens + completion_tokens > 0");
        m_record.requestTimeUtc = timeutil::formatUtc(o.sentAt);
        m_record.statusClass = cls;
        if (!o.ok()) {
            record(QStringLiteral("chat_completion"), exp, QStringLiteral("fail"), cls, o.httpStatus, o.message);
            break;
        }
        JsonSource src(std::string_view(o.body.constData(), static_cast<std::size_t>(o.body.size())));
        JsonTree tree;
        JsonTree::Error e;
        if (!tree.parse(src, 0, src.size(), &e) || !tree.root().isObject()) {
            record(QStringLiteral("chat_completion"), exp, QStringLiteral("fail"), cls, o.httpStatus,
                   QStringLiteral("the answer is not a JSON object"));
            break;
        }
        const JsonValue usage = tree.root()["usage"];
        const qint64 p = count(usage["prompt_tokens"]), c = count(usage["completion_tokens"]), t = count(usage["total_tokens"]);
        m_record.usageFieldPresent = usage.isObject() && p >= 0 && c >= 0 && t >= 0;
        m_record.sampleChatTotalTokens = t;
        if (!usage.isObject())
            record(QStringLiteral("chat_completion"), exp, QStringLiteral("fail"), cls, o.httpStatus, QStringLiteral("no usage object in the answer"));
        else if (!m_record.usageFieldPresent)
            record(QStringLiteral("chat_completion"), exp, QStringLiteral("fail"), cls, o.httpStatus,
                   QStringLiteral("usage lacks an integer prompt_tokens, completion_tokens or total_tokens"));
        else if (t != p + c || t <= 0)
            record(QStringLiteral("chat_completion"), exp, QStringLiteral("fail"), cls, o.httpStatus,
                   QStringLiteral("prompt_tokens %1 + completion_tokens %2 != total_tokens %3").arg(p).arg(c).arg(t));
        else
            record(QStringLiteral("chat_completion"), exp, QStringLiteral("pass"), cls, o.httpStatus,
                   QStringLiteral("prompt_tokens %1 + completion_tokens %2 = total_tokens %3").arg(p).arg(c).arg(t));
        break;
    }
    case 4:
    case 5: {
        const bool invalidKey = m_step == 4;
        QString how;
        const bool no = refused(o, &how);
        record(invalidKey ? QStringLiteral("invalid_credential") : QStringLiteral("malformed_date"),
               invalidKey ? QStringLiteral("a made-up query key is refused (4xx or an error answer)")
                          : QStringLiteral("start_date=%1, sent on purpose, is refused rather than answered").arg(m_config.malformedDate),
               no ? QStringLiteral("pass") : QStringLiteral("fail"), cls, o.httpStatus,
               no || invalidKey ? how
                                : how + QStringLiteral(": the service accepts malformed dates without complaint; do not rely on it for a budget review"));
        break;
    }
    default:
        break;
    }
    next();
}

void CometApiSmokeTest::conclude()
{
    if (!m_busy)
        return;
    m_busy = false;
    auto result = [this](const QString &name) {
        const SmokeTestCheck *c = m_record.check(name);
        return c ? c->result : QString();
    };
    m_record.completed = !m_cancelled && m_record.error.isEmpty() && m_record.checks.size() == static_cast<std::size_t>(kSteps);
    if (m_cancelled)
        m_record.error = QStringLiteral("cancelled");
    if (m_record.completed) {
        m_record.dateRangeFilterWorking = result(QStringLiteral("balance_window")) == QLatin1String("pass")
            && result(QStringLiteral("empty_window")) == QLatin1String("pass");
        m_record.errorPathReturnedError = result(QStringLiteral("invalid_credential")) == QLatin1String("pass")
            && result(QStringLiteral("malformed_date")) == QLatin1String("pass");
        m_record.requestResult = result(QStringLiteral("chat_completion")) == QLatin1String("pass") ? QStringLiteral("pass") : QStringLiteral("fail");
        m_record.usageEvidencePresent = m_record.usageFieldPresent && !m_record.dailyQuotaDatesPresent.isEmpty() ? QStringLiteral("yes")
                                                                                                                : QStringLiteral("no");
        int pass = 0, warn = 0, failed = 0;
        QStringList notPassed;
        for (const SmokeTestCheck &c : m_record.checks) {
            if (c.result == QLatin1String("pass")) {
                ++pass;
            } else {
                (c.result == QLatin1String("warn") ? warn : failed) += 1;
                notPassed << QStringLiteral("%1 %2").arg(c.name, c.result);
            }
        }
        m_record.decision = failed > 0 ? QStringLiteral("fail") : warn > 0 ? QStringLiteral("warn") : QStringLiteral("pass");
        m_record.notes = QStringLiteral("%1 checks: %2 pass, %3 warn, %4 fail%5")
                             .arg(kSteps)
                             .arg(pass)
                             .arg(warn)
                             .arg(failed)
                             .arg(notPassed.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(notPassed.join(QStringLiteral(", "))));
    }
    emit finished(m_record);
}

SmokeTestRecord CometApiSmokeTest::run(const SmokeTestConfig &config)
{
    SmokeTestRecord result;
    bool done = false;
    QEventLoop loop;
    const auto c = connect(this, &CometApiSmokeTest::finished, &loop, [&](const SmokeTestRecord &r) {
        result = r;
        done = true;
        loop.quit();
    });
    start(config);
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    disconnect(c);
    return result;
}

} // namespace tl
