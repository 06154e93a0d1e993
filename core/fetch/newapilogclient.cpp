// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/newapilogclient.h"

#include "core/fetch/urlredaction.h"
#include "core/import/importer.h"
#include "core/import/jsontree.h"
#include "core/util/timeutil.h"

#include <QEventLoop>
#include <QUrlQuery>

namespace tl {

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool integerText(const JsonValue &v, qint64 *out)
{
    if (!v.isNumber())
        return false;
    bool ok = false;
    *out = qs(v.text()).toLongLong(&ok);
    return ok;
}

} // namespace

NewApiLogClient::NewApiLogClient(QObject *parent) : QObject(parent), m_fetcher(new HttpFetcher(this))
{
    qRegisterMetaType<tl::FetchResult>();
    connect(m_fetcher, &HttpFetcher::progress, this, &NewApiLogClient::progress);
    connect(m_fetcher, &HttpFetcher::finished, this, &NewApiLogClient::onPage);
}

qint64 NewApiLogClient::startTimestamp(UtcMicros start)
{
    // the first whole second >= start
    const qint64 s = start >= 0 ? start / 1000000 : -((-start) / 1000000);
    return static_cast<UtcMicros>(s) * 1000000 < start ? s + 1 : s;
}

qint64 NewApiLogClient::endTimestamp(UtcMicros end)
{
    // the last whole second < end
    return startTimestamp(end) - 1;
}

QUrl NewApiLogClient::pageUrl(const QUrl &base, int page, int pageSize, qint64 startTs, qint64 endTs)
{
    QUrl u = HttpFetcher::endpoint(base, QStringLiteral("/api/log/self"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("p"), QString::number(page));
    q.addQueryItem(QStringLiteral("page_size"), QString::number(pageSize));
    q.addQueryItem(QStringLiteral("start_timestamp"), QString::number(startTs));
    q.addQueryItem(QStringLiteral("end_timestamp"), QString::number(endTs));
    u.setQuery(q);
    return u;
}

void NewApiLogClient::start(UtcMicros startUtc, UtcMicros endUtc)
{
    Q_ASSERT(!isBusy());
    m_startUtc = startUtc;
    m_endUtc = endUtc;
    m_startTs = startTimestamp(startUtc);
    m_endTs = endTimestamp(endUtc);
    m_total = -1;
    m_entries = 0;
    m_lastEchoed = -1;
    m_attempts = 0;
    m_startedAt = kNoTime;
    m_pages.clear();
    m_ids.clear();

    QString why;
    bool ok = HttpFetcher::checkBaseUrl(m_base, m_allowInsecureHttp, &why);
    bool digits = !m_userId.isEmpty();
    for (const QChar c : m_userId)
        digits = digits && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    if (ok && !digits) {
        why = QStringLiteral("user id \"%1\" is not a number (New-Api-User takes the numeric id shown on the account page)").arg(m_userId);
        ok = false;
    }
    if (ok && m_token.isEmpty()) {
        why = QStringLiteral("no access token given");
        ok = false;
    }
    if (ok && (startUtc == kNoTime || endUtc == kNoTime || m_startTs > m_endTs)) {
        why = QStringLiteral("the window [%1, %2) holds no whole second; the end must be after the start")
                  .arg(timeutil::formatUtc(startUtc), timeutil::formatUtc(endUtc));
        ok = false;
    }
    if (ok && (m_pageSize < 1 || m_firstPage < 0)) {
        why = QStringLiteral("page size must be at least 1 and the first page at least 0");
        ok = false;
    }
    if (!ok) {
        FetchResult refused;
        refused.format = QStringLiteral("newapi_logs");
        refused.status = FetchResult::Status::InvalidInput;
        refused.message = QStringLiteral("%1: %2").arg(QString::fromLatin1(kWhat), UrlRedaction::scrub(why, {m_token}));
        m_pending = true;
        QMetaObject::invokeMethod(this, [this, refused] { deliver(refused); }, Qt::QueuedConnection);
        return;
    }
    requestPage(m_firstPage);
}

void NewApiLogClient::requestPage(int page)
{
    m_page = page;
    m_request = HttpRequestSpec();
    m_request.what = QString::fromLatin1(kWhat);
    m_request.url = pageUrl(m_base, page, m_pageSize, m_startTs, m_endTs);
    m_request.headers = {{QByteArray("Authorization"), m_token}, {QByteArray("New-Api-User"), m_userId.toLatin1()}};
    m_request.secrets = {m_token};
    m_request.authHint = QStringLiteral("the access token or user id was refused (wrong or expired token, or New-Api-User is not the token's user)");
    m_fetcher->start(m_request);
}

void NewApiLogClient::cancel()
{
    m_fetcher->cancel();
}

void NewApiLogClient::fail(FetchResult::Status status, const QString &message)
{
    FetchResult r;
    r.format = QStringLiteral("newapi_logs");
    r.status = status;
    r.message = UrlRedaction::scrub(message, {m_token});
    r.attempts = m_attempts;
    r.requests = static_cast<int>(m_pages.size());
    r.startedAt = m_startedAt;
    r.source = UrlRedaction::displayUrl(pageUrl(m_base, m_firstPage, m_pageSize, m_startTs, m_endTs));
    m_pages.clear();
    m_ids.clear();
    deliver(r);
}

void NewApiLogClient::onPage(const HttpOutcome &o)
{
    m_attempts += o.attempts;
    if (m_startedAt == kNoTime)
        m_startedAt = o.sentAt;
    if (!o.ok()) {
        FetchResult::Status s = o.status;
        QString msg = o.message;
        if (!m_pages.isEmpty())
            msg += QStringLiteral(" (after %1 page(s); nothing is kept)").arg(m_pages.size());
        fail(s, msg);
        return;
    }
    const QString where = HttpFetcher::describe(m_request) + QStringLiteral(": ");
    JsonSource src(std::string_view(o.body.constData(), static_cast<std::size_t>(o.body.size())));
    JsonTree tree;
    JsonTree::Error e;
    if (src.contentStart() >= src.size()) {
        fail(FetchResult::Status::MalformedResponse, where + QStringLiteral("HTTP %1 with an empty answer; expected a page of logs").arg(o.httpStatus));
        return;
    }
    if (!tree.parse(src, 0, src.size(), &e)) {
        fail(FetchResult::Status::MalformedResponse, where + QStringLiteral("the answer is not valid JSON (%1 at byte %2)").arg(e.message).arg(e.offset));
        return;
    }
    const JsonValue root = tree.root();
    if (!root.isObject()) {
        fail(FetchResult::Status::MalformedResponse, where + QStringLiteral("the answer is %1, not a page of logs ({\"success\":…, \"data\":…})").arg(root.describe()));
        return;
    }
    if (root["success"].kind() == JsonValue::Kind::False) {
        const JsonValue m = root["message"];
        fail(FetchResult::Status::ServiceError, where + QStringLiteral("the server answered success=false: %1").arg(m.isString() ? qs(m.text()) : QString()));
        return;
    }
    const JsonValue data = root["data"];
    JsonValue items;
    qint64 echoed = -1;
    if (data.isArray()) {
        items = data;
    } else if (data.isObject()) {
        items = data["items"].isAbsent() ? data["data"] : data["items"];
        qint64 t = -1;
        if (integerText(data["total"], &t))
            m_total = t;
        integerText(data["page"], &echoed);
    } else {
        fail(FetchResult::Status::MalformedResponse, where + QStringLiteral("$.data is %1; expected the page of logs").arg(data.describe()));
        return;
    }
    if (!items.isAbsent() && !items.isArray()) {
        fail(FetchResult::Status::MalformedResponse, where + QStringLiteral("%1 is %2; expected the list of logs").arg(items.path(), items.describe()));
        return;
    }
    const qint64 count = items.isArray() ? static_cast<qint64>(items.size()) : 0;
    for (const JsonValue log : items.children()) {
        if (!log.isObject() || !log["id"].isScalar()) {
            fail(FetchResult::Status::MalformedResponse, where + QStringLiteral("%1: expected a log object with an id").arg(log.path()));
            return;
        }
        const std::string_view id = log["id"].rawJson();
        m_ids.insert(QByteArray(id.data(), static_cast<qsizetype>(id.size())));
    }
    m_entries += count;
    QByteArray page = UrlRedaction::scrub(o.body, {m_token});
    while (!page.isEmpty() && (page.back() == '\n' || page.back() == '\r' || page.back() == ' ' || page.back() == '\t'))
        page.chop(1);
    m_pages << page;
    emit pageFetched(static_cast<int>(m_pages.size()), m_ids.size(), m_total);

    if (count == 0 || (m_total >= 0 && m_ids.size() >= m_total)) {
        complete();
        return;
    }
    if (echoed >= 0) {
        if (echoed <= m_lastEchoed) {
            fail(FetchResult::Status::ServiceError, where + QStringLiteral("the server answered page %1 again; stopping rather than looping").arg(echoed));
            return;
        }
        m_lastEchoed = static_cast<int>(echoed);
    }
    if (m_pages.size() >= m_maxPages) {
        fail(FetchResult::Status::ServiceError,
             where + QStringLiteral("more than %1 pages of %2 logs; fetch a shorter window").arg(m_maxPages).arg(m_pageSize));
        return;
    }
    requestPage(echoed >= 0 ? static_cast<int>(echoed) + 1 : m_page + 1);
}

void NewApiLogClient::complete()
{
    FetchResult r;
    r.format = QStringLiteral("newapi_logs");
    r.attempts = m_attempts;
    r.requests = static_cast<int>(m_pages.size());
    r.startedAt = m_startedAt;
    r.observedAt = HttpFetcher::nowUtc();
    r.source = UrlRedaction::displayUrl(pageUrl(m_base, m_firstPage, m_pageSize, m_startTs, m_endTs));
    QByteArray body = "[\n";
    for (qsizetype i = 0; i < m_pages.size(); ++i) {
        body += m_pages[i];
        body += i + 1 < m_pages.size() ? ",\n" : "\n";
    }
    body += "]\n";
    try {
        ImportOptions io;
        io.kind = LedgerKind::Provider;
        io.format = r.format;
        io.displayName = QStringLiteral("the pages");
        io.observedAt = r.observedAt;
        LedgerSet set;
        Importer::importBytes(body, io, set);
    } catch (const ImportError &ie) {
        fail(FetchResult::Status::MalformedResponse,
             QStringLiteral("%1: %2: the importer cannot read the pages: %3").arg(QString::fromLatin1(kWhat), r.source, ie.toString()));
        return;
    } catch (const std::exception &ex) {
        fail(FetchResult::Status::MalformedResponse,
             QStringLiteral("%1: %2: the importer cannot read the pages: %3").arg(QString::fromLatin1(kWhat), r.source, QString::fromUtf8(ex.what())));
        return;
    }
    r.setSummary(QStringLiteral("start_utc"), timeutil::formatUtc(m_startUtc));
    r.setSummary(QStringLiteral("end_utc"), timeutil::formatUtc(m_endUtc));
    r.setSummary(QStringLiteral("start_timestamp"), m_startTs);
    r.setSummary(QStringLiteral("end_timestamp"), m_endTs);
    r.setSummary(QStringLiteral("user_id"), m_userId);
    r.setSummary(QStringLiteral("pages"), static_cast<qint64>(m_pages.size()));
    r.setSummary(QStringLiteral("logs"), static_cast<qint64>(m_ids.size()));
    r.setSummary(QStringLiteral("total_reported"), m_total >= 0 ? QJsonValue(m_total) : QJsonValue());
    r.setSummary(QStringLiteral("repeated_across_pages"), m_entries - static_cast<qint64>(m_ids.size()));
    r.body = body;
    m_pages.clear();
    m_ids.clear();
    deliver(r);
}

void NewApiLogClient::deliver(const FetchResult &r)
{
    m_pending = false;
    emit finished(r);
}

FetchResult NewApiLogClient::fetch(UtcMicros startUtc, UtcMicros endUtc)
{
    FetchResult result;
    bool done = false;
    QEventLoop loop;
    const auto c = connect(this, &NewApiLogClient::finished, &loop, [&](const FetchResult &r) {
        result = r;
        done = true;
        loop.quit();
    });
    start(startUtc, endUtc);
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    disconnect(c);
    return result;
}

} // namespace tl
