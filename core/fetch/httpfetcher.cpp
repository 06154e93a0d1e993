// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/httpfetcher.h"

#include "core/fetch/urlredaction.h"
#include "core/import/jsontree.h"
#include "core/import/secretredactor.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <limits>

namespace tl {

namespace {

// An answer bigger than this is not a usage report; stop before it fills the memory.
constexpr qint64 kMaxBodyBytes = 256LL * 1024 * 1024;

bool isTransportError(QNetworkReply::NetworkError e)
{
    // Qt numbers network-layer errors below 200 (proxy ones from 101) and protocol ones from 301;
    // 201-299 and 401-499 mirror HTTP statuses, which are judged by the status itself.
    const int n = static_cast<int>(e);
    return (n > 0 && n < 200) || (n >= 301 && n < 400);
}

bool isRetryableTransport(QNetworkReply::NetworkError e, bool idempotent)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return true; // nothing reached the server
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
        return idempotent;
    default:
        return false; // TLS failures, bad URLs, refused redirects: another try cannot help
    }
}

} // namespace

HttpFetcher::HttpFetcher(QObject *parent)
    : QObject(parent), m_nam(new QNetworkAccessManager(this)), m_rng(QRandomGenerator::securelySeeded())
{
    qRegisterMetaType<tl::HttpOutcome>();
    m_timeout.setSingleShot(true);
    m_backoff.setSingleShot(true);
    // Coarse timers may fire 5% early: a retry must never come before the Retry-After it honours.
    m_timeout.setTimerType(Qt::PreciseTimer);
    m_backoff.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, &HttpFetcher::onTimeout);
    connect(&m_backoff, &QTimer::timeout, this, &HttpFetcher::sendAttempt);
}

HttpFetcher::~HttpFetcher()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

UtcMicros HttpFetcher::nowUtc()
{
    return QDateTime::currentSecsSinceEpoch() * 1000000LL;
}

QString HttpFetcher::describe(const HttpRequestSpec &r)
{
    return UrlRedaction::scrub(QStringLiteral("%1: %2 %3").arg(r.what, QString::fromLatin1(r.method), UrlRedaction::displayUrl(r.url)),
                               r.secrets);
}

bool HttpFetcher::checkBaseUrl(const QUrl &base, bool allowInsecureHttp, QString *error)
{
    const QString scheme = base.scheme().toLower();
    if (!base.isValid() || base.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || base.hasQuery() || base.hasFragment()) {
        *error = QStringLiteral("base URL \"%1\" is not an http:// or https:// URL with a host (and no query)")
                     .arg(base.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
        return false;
    }
    const QString host = base.host().toLower();
    const bool loopback = host == QLatin1String("localhost") || host == QLatin1String("::1") || host.startsWith(QLatin1String("127."));
    if (scheme == QLatin1String("http") && !loopback && !allowInsecureHttp) {
        *error = QStringLiteral("refusing to send the credential unencrypted to %1 over plain http; use https").arg(host);
        return false;
    }
    return true;
}

QUrl HttpFetcher::endpoint(const QUrl &base, const QString &path)
{
    QUrl u = base;
    QString prefix = base.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    u.setPath(prefix + path);
    return u;
}

void HttpFetcher::start(const HttpRequestSpec &request)
{
    Q_ASSERT(!m_busy);
    m_request = request;
    m_outcome = HttpOutcome();
    m_attempt = 0;
    m_busy = true;
    m_cancelled = false;
    sendAttempt();
}

void HttpFetcher::cancel()
{
    if (!m_busy || m_cancelled)
        return;
    m_cancelled = true;
    m_backoff.stop();
    m_timeout.stop();
    if (m_reply)
        m_reply->abort(); // onReplyFinished reports the cancellation
    else
        finish(FetchResult::Status::Cancelled, QStringLiteral("cancelled"));
}

void HttpFetcher::sendAttempt()
{
    ++m_attempt;
    m_timedOut = false;
    m_tooLarge = false;
    QNetworkRequest req(m_request.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("TokenLedger/" TOKENLEDGER_VERSION));
    req.setRawHeader("Accept", "application/json");
    for (const auto &[name, value] : m_request.headers)
        req.setRawHeader(name, value);
    if (m_outcome.sentAt == kNoTime)
        m_outcome.sentAt = nowUtc();
    if (m_request.method == "GET")
        m_reply = m_nam->get(req);
    else
        m_reply = m_nam->sendCustomRequest(req, m_request.method, m_request.body);
    connect(m_reply, &QNetworkReply::finished, this, &HttpFetcher::onReplyFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > kMaxBodyBytes && m_reply) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    m_timeout.start(std::max(1, m_policy.timeoutMs));
}

void HttpFetcher::onTimeout()
{
    if (m_reply) {
        m_timedOut = true;
        m_reply->abort();
    }
}

QString HttpFetcher::serverSays(const QByteArray &body) const
{
    // The server's own explanation, when its error body is JSON with a message.
    if (body.isEmpty() || body.size() > 1024 * 1024)
        return QString();
    JsonSource src(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    JsonTree tree;
    JsonTree::Error e;
    if (!tree.parse(src, 0, src.size(), &e) || !tree.root().isObject())
        return QString();
    const JsonValue root = tree.root();
    JsonValue m = root["message"];
    if (!m.isString() || m.text().empty())
        m = root["error"].isObject() ? root["error"]["message"] : root["error"];
    if (!m.isString() || m.text().empty())
        return QString();
    QByteArray text(m.text().data(), static_cast<qsizetype>(m.text().size()));
    qint64 n = 0;
    text = SecretRedactor::redact(UrlRedaction::scrub(text, m_request.secrets), &n);
    QString s = QString::fromUtf8(text).simplified();
    if (s.size() > 200)
        s = s.left(200) + QChar(0x2026);
    return s;
}

void HttpFetcher::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    m_timeout.stop();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError err = reply->error();
    m_outcome.attempts = m_attempt;
    m_outcome.httpStatus = status;
    m_outcome.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    m_outcome.body = reply->isOpen() ? reply->readAll() : QByteArray(); // an aborted reply is closed
    m_outcome.receivedAt = nowUtc();

    if (m_cancelled) {
        m_outcome.body.clear();
        finish(FetchResult::Status::Cancelled, QStringLiteral("cancelled"));
        return;
    }
    if (m_tooLarge) {
        m_outcome.body.clear();
        finish(FetchResult::Status::MalformedResponse, QStringLiteral("the answer is larger than %1 MiB; not a usage report").arg(kMaxBodyBytes >> 20));
        return;
    }

    FetchResult::Status kind = FetchResult::Status::Ok;
    QString reason;
    bool retryable = false;
    const QString statusText = QStringLiteral("HTTP %1%2").arg(status).arg(
        m_outcome.reasonPhrase.isEmpty() ? QString() : QLatin1Char(' ') + QString::fromLatin1(m_outcome.reasonPhrase));
    if (m_timedOut) {
        kind = FetchResult::Status::TimedOut;
        reason = QStringLiteral("no answer within %1").arg(HttpRetryPolicy::formatDuration(m_policy.timeoutMs));
        retryable = m_request.idempotent;
    } else if (err == QNetworkReply::InsecureRedirectError || err == QNetworkReply::TooManyRedirectsError) {
        kind = FetchResult::Status::HttpError;
        reason = QStringLiteral("%1: redirected to another origin, not followed (the credential stays with the host it is meant for)")
                     .arg(status ? statusText : QStringLiteral("redirect"));
    } else if (status == 0 || isTransportError(err)) {
        kind = FetchResult::Status::ConnectionFailed;
        reason = UrlRedaction::scrub(reply->errorString(), m_request.secrets);
        if (status >= 200 && status < 300)
            reason = QStringLiteral("%1: the connection broke before the whole answer arrived (%2)").arg(statusText, reason);
        retryable = isRetryableTransport(err, m_request.idempotent);
    } else if (status >= 200 && status < 300) {
        m_outcome.status = FetchResult::Status::Ok;
        m_busy = false;
        // a copy: a receiver may start the next request, which resets m_outcome
        const HttpOutcome out = m_outcome;
        emit finished(out);
        return;
    } else {
        reason = statusText;
        if (status == 401 || status == 403) {
            kind = FetchResult::Status::Unauthorized;
            if (!m_request.authHint.isEmpty())
                reason += QStringLiteral(": ") + m_request.authHint;
        } else {
            kind = FetchResult::Status::HttpError;
            retryable = HttpRetryPolicy::isRetryableStatus(status, m_request.idempotent);
        }
        const QString says = serverSays(m_outcome.body);
        if (!says.isEmpty())
            reason += QStringLiteral(" (the server says: \"%1\")").arg(says);
    }

    if (retryable && m_attempt < std::max(1, m_policy.maxAttempts)) {
        const qint64 retryAfter = HttpRetryPolicy::parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        if (retryAfter > m_policy.maxRetryAfterMs) {
            finish(kind, QStringLiteral("%1; the server asks to wait %2 before retrying, longer than the %3 this fetch waits")
                             .arg(reason, HttpRetryPolicy::formatDuration(retryAfter), HttpRetryPolicy::formatDuration(m_policy.maxRetryAfterMs)));
            return;
        }
        const qint64 wait = m_policy.delayMs(m_attempt, retryAfter, m_rng.generateDouble());
        emit progress(QStringLiteral("%1: %2; retry %3 of %4 in %5%6")
                          .arg(describe(m_request), reason)
                          .arg(m_attempt)
                          .arg(std::max(1, m_policy.maxAttempts) - 1)
                          .arg(HttpRetryPolicy::formatDuration(wait),
                               retryAfter >= 0 ? QStringLiteral(" (Retry-After)") : QString()));
        m_backoff.start(static_cast<int>(std::min<qint64>(wait, std::numeric_limits<int>::max())));
        return;
    }
    finish(kind, m_attempt > 1 ? QStringLiteral("%1 (%2 attempts)").arg(reason).arg(m_attempt) : reason);
}

void HttpFetcher::finish(FetchResult::Status status, const QString &reason)
{
    m_outcome.status = status;
    m_outcome.attempts = m_attempt;
    m_outcome.message = UrlRedaction::scrub(describe(m_request) + QStringLiteral(": ") + reason, m_request.secrets);
    m_busy = false;
    const HttpOutcome out = m_outcome;
    emit finished(out);
}

} // namespace tl
