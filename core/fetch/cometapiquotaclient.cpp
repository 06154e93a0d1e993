// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/cometapiquotaclient.h"

#include "core/fetch/urlredaction.h"
#include "core/import/importer.h"
#include "core/import/jsontree.h"
#include "core/util/timeutil.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QUrlQuery>

namespace tl {

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool isDate(const QString &s)
{
    const QByteArray b = s.toUtf8();
    QDate d;
    return timeutil::parseDate(std::string_view(b.constData(), static_cast<std::size_t>(b.size())), &d);
}

} // namespace

QUrl CometApiQuotaClient::defaultBaseUrl()
{
    return QUrl(QStringLiteral("https://query.cometapi.com"));
}

CometApiQuotaClient::CometApiQuotaClient(QObject *parent) : QObject(parent), m_fetcher(new HttpFetcher(this)), m_base(defaultBaseUrl())
{
    qRegisterMetaType<tl::FetchResult>();
    connect(m_fetcher, &HttpFetcher::progress, this, &CometApiQuotaClient::progress);
    connect(m_fetcher, &HttpFetcher::finished, this, [this](const HttpOutcome &o) { deliver(judge(o, m_request, m_start, m_end)); });
}

bool CometApiQuotaClient::validateWindow(const QString &start, const QString &end, QString *error)
{
    if (start.isEmpty() != end.isEmpty()) {
        *error = QStringLiteral("start and end dates go together: give both (a window, answered with daily_quota) or neither (lifetime totals only)");
        return false;
    }
    for (const auto &[name, value] : {std::pair{QStringLiteral("start"), start}, std::pair{QStringLiteral("end"), end}}) {
        if (!value.isEmpty() && !isDate(value)) {
            *error = QStringLiteral("%1 date \"%2\" is not a date in the form YYYY-MM-DD; refused before sending").arg(name, value);
            return false;
        }
    }
    if (!start.isEmpty() && start > end) {
        *error = QStringLiteral("start date %1 is after end date %2").arg(start, end);
        return false;
    }
    return true;
}

QUrl CometApiQuotaClient::quotaUrl(const QUrl &base, const QByteArray &key, const QString &start, const QString &end)
{
    QUrl u = HttpFetcher::endpoint(base, QStringLiteral("/user/quota"));
    QUrlQuery q;
    // Fully encoded by hand: QUrlQuery leaves '+' and '&' ambiguous otherwise.
    q.addQueryItem(QStringLiteral("key"), QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(key))));
    if (!start.isEmpty() || !end.isEmpty()) {
        q.addQueryItem(QStringLiteral("start_date"), QString::fromLatin1(QUrl::toPercentEncoding(start)));
        q.addQueryItem(QStringLiteral("end_date"), QString::fromLatin1(QUrl::toPercentEncoding(end)));
    }
    u.setQuery(q.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return u;
}

HttpRequestSpec CometApiQuotaClient::request(const QUrl &base, const QByteArray &key, const QString &start, const QString &end)
{
    HttpRequestSpec r;
    r.what = QString::fromLatin1(kWhat);
    r.url = quotaUrl(base, key, start, end);
    r.secrets = {key};
    r.authHint = QStringLiteral("the query key was refused (wrong, expired or revoked key); check the key file");
    return r;
}

FetchResult CometApiQuotaClient::judge(const HttpOutcome &o, const HttpRequestSpec &req, const QString &start, const QString &end)
{
    FetchResult r;
    r.format = QStringLiteral("cometapi_quota");
    r.source = UrlRedaction::displayUrl(req.url);
    r.attempts = o.attempts;
    r.httpStatus = o.httpStatus;
    r.startedAt = o.sentAt;
    r.status = o.status;
    r.message = o.message;
    if (!o.ok())
        return r;
    r.requests = 1;
    const QString where = HttpFetcher::describe(req);
    auto refuse = [&](FetchResult::Status s, const QString &why) {
        r.status = s;
        r.message = UrlRedaction::scrub(where + QStringLiteral(": ") + why, req.secrets);
        return r;
    };

    JsonSource src(std::string_view(o.body.constData(), static_cast<std::size_t>(o.body.size())));
    JsonTree tree;
    JsonTree::Error e;
    if (src.contentStart() >= src.size())
        return refuse(FetchResult::Status::MalformedResponse, QStringLiteral("HTTP %1 with an empty answer; expected the JSON of /user/quota").arg(o.httpStatus));
    if (!tree.parse(src, 0, src.size(), &e))
        return refuse(FetchResult::Status::MalformedResponse,
                      QStringLiteral("the answer is not valid JSON (%1 at byte %2)").arg(e.message).arg(e.offset));
    JsonValue root = tree.root();
    if (!root.isObject())
        return refuse(FetchResult::Status::MalformedResponse, QStringLiteral("the answer is %1, not the JSON object of /user/quota").arg(root.describe()));
    auto messageOf = [&](const JsonValue &v) {
        const JsonValue m = v["message"].isString() ? v["message"] : (v["error"].isObject() ? v["error"]["message"] : v["error"]);
        return m.isString() ? UrlRedaction::scrub(qs(m.text()), req.secrets) : QString();
    };
    if (root["success"].kind() == JsonValue::Kind::False)
        return refuse(FetchResult::Status::ServiceError, QStringLiteral("the service answered success=false: %1").arg(messageOf(root)));
    if (root["total_quota"].isMissing() && root["daily_quota"].isMissing() && root["data"].isObject())
        root = root["data"];
    bool any = false;
    for (const char *f : {"total_quota", "total_used_quota", "request_count", "keys", "daily_quota"})
        any = any || !root[f].isMissing();
    if (!any) {
        const QString m = messageOf(tree.root());
        if (!m.isEmpty())
            return refuse(FetchResult::Status::ServiceError, QStringLiteral("the service answered without usage figures: %1").arg(m));
        return refuse(FetchResult::Status::MalformedResponse,
                      QStringLiteral("the answer has none of total_quota, total_used_quota, request_count, keys, daily_quota"));
    }

    // The key should never come back, but if it does it is not saved.
    qint64 redacted = 0;
    QByteArray body = UrlRedaction::scrub(o.body, req.secrets, &redacted);
    try {
        ImportOptions io;
        io.kind = LedgerKind::Provider;
        io.format = r.format;
        io.displayName = QStringLiteral("the answer");
        io.observedAt = o.receivedAt;
        LedgerSet set;
        Importer::importBytes(body, io, set);
    } catch (const ImportError &ie) {
        return refuse(FetchResult::Status::MalformedResponse, QStringLiteral("the importer cannot read it: %1").arg(ie.toString()));
    } catch (const std::exception &ex) {
        return refuse(FetchResult::Status::MalformedResponse, QStringLiteral("the importer cannot read it: %1").arg(QString::fromUtf8(ex.what())));
    }

    r.setSummary(QStringLiteral("start_date"), start.isEmpty() ? QJsonValue() : QJsonValue(start));
    r.setSummary(QStringLiteral("end_date"), end.isEmpty() ? QJsonValue() : QJsonValue(end));
    for (const char *f : {"total_quota", "total_used_quota", "request_count"}) {
        const JsonValue v = root[f];
        r.setSummary(QString::fromLatin1(f), v.isNumber() || v.isString() ? QJsonValue(qs(v.text())) : QJsonValue());
    }
    r.setSummary(QStringLiteral("keys"), root["keys"].isArray() ? static_cast<qint64>(root["keys"].size()) : 0);
    QJsonArray dates, outside;
    qint64 entries = 0;
    const JsonValue daily = root["daily_quota"];
    if (daily.isObject()) {
        for (const JsonValue day : daily.children()) {
            const QString d = qs(day.key());
            if (day.isArray() && day.size() > 0) {
                dates.append(d);
                entries += static_cast<qint64>(day.size());
                if (!start.isEmpty() && (d < start || d > end))
                    outside.append(d);
            }
        }
    }
    r.setSummary(QStringLiteral("daily_quota_present"), !daily.isAbsent());
    r.setSummary(QStringLiteral("daily_quota_dates"), dates);
    r.setSummary(QStringLiteral("daily_quota_entries"), entries);
    if (!outside.isEmpty())
        r.setSummary(QStringLiteral("daily_quota_dates_outside_window"), outside);
    if (redacted > 0)
        r.setSummary(QStringLiteral("key_redactions"), redacted);
    r.body = body;
    r.observedAt = o.receivedAt;
    return r;
}

void CometApiQuotaClient::start(const QString &startDate, const QString &endDate)
{
    Q_ASSERT(!isBusy());
    m_start = startDate;
    m_end = endDate;
    m_request = request(m_base, m_key, m_start, m_end);
    QString why;
    FetchResult refused;
    refused.format = QStringLiteral("cometapi_quota");
    refused.status = FetchResult::Status::InvalidInput;
    bool ok = HttpFetcher::checkBaseUrl(m_base, m_allowInsecureHttp, &why) && validateWindow(m_start, m_end, &why);
    if (ok && m_key.isEmpty()) {
        why = QStringLiteral("no query key given");
        ok = false;
    }
    if (!ok) {
        refused.message = QStringLiteral("%1: %2").arg(QString::fromLatin1(kWhat), UrlRedaction::scrub(why, {m_key}));
        m_pending = true;
        // Reported from the event loop like every other outcome, never from inside start().
        QMetaObject::invokeMethod(this, [this, refused] { deliver(refused); }, Qt::QueuedConnection);
        return;
    }
    m_fetcher->start(m_request);
}

void CometApiQuotaClient::cancel()
{
    m_fetcher->cancel();
}

void CometApiQuotaClient::deliver(const FetchResult &r)
{
    m_pending = false;
    emit finished(r);
}

FetchResult CometApiQuotaClient::fetch(const QString &startDate, const QString &endDate)
{
    FetchResult result;
    bool done = false;
    QEventLoop loop;
    const auto c = connect(this, &CometApiQuotaClient::finished, &loop, [&](const FetchResult &r) {
        result = r;
        done = true;
        loop.quit();
    });
    start(startDate, endDate);
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    disconnect(c);
    return result;
}

} // namespace tl
