// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/fetch/fetchresult.h"
#include "core/fetch/httpretrypolicy.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace tl {

/** One HTTP request as the fetchers describe it. */
struct HttpRequestSpec
{
    QString what;              ///< who asks, first in every message: "CometAPI usage query"
    QByteArray method = "GET"; ///< GET or POST
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;           ///< POST only
    bool idempotent = true;    ///< false: retried only when the server cannot have acted on it
    QString authHint;          ///< said after a 401/403: what to check
    QList<QByteArray> secrets; ///< replaced by their tokens in every message
};

/** The answer to one request after its retries. The body is kept for error statuses too. */
struct HttpOutcome
{
    FetchResult::Status status = FetchResult::Status::Ok;
    QString message;   ///< "<what>: GET <redacted url>: <reason>", redacted; empty when ok
    int httpStatus = 0;
    QByteArray reasonPhrase;
    QByteArray body;
    int attempts = 0;
    UtcMicros sentAt = kNoTime, receivedAt = kNoTime;
    bool ok() const { return status == FetchResult::Status::Ok; }
};

/**
 * Sends one HTTP request with Qt Network and retries it as HttpRetryPolicy says: a timeout per
 * attempt, exponential backoff with jitter, Retry-After, a bound on attempts. Asynchronous:
 * start() returns at once and finished() reports the outcome on the same thread; cancel()
 * stops an attempt in flight or a wait between attempts and reports Cancelled. Redirects are
 * followed only to the same origin, so a credential in the URL never travels to another host.
 * Every message (progress and outcome) names the request by its redacted URL and passes
 * through UrlRedaction::scrub with the request's secrets.
 */
class HttpFetcher : public QObject
{
    Q_OBJECT

public:
    explicit HttpFetcher(QObject *parent = nullptr);
    ~HttpFetcher() override;

    void setPolicy(const HttpRetryPolicy &policy) { m_policy = policy; }
    const HttpRetryPolicy &policy() const { return m_policy; }
    /** Makes the jitter reproducible (tests). */
    void setRandomSeed(quint32 seed) { m_rng.seed(seed); }
    bool isBusy() const { return m_busy; }

    void start(const HttpRequestSpec &request);
    void cancel();

    /** "<what>: GET <redacted url>", the start of every message about this request. */
    static QString describe(const HttpRequestSpec &request);
    /**
     * Checks a service's base URL: http or https with a host, no query or fragment. Plain http is
     * refused unless the host is the loopback interface or allowInsecureHttp is set: the
     * credential would cross the network readable by anyone on the path.
     */
    static bool checkBaseUrl(const QUrl &base, bool allowInsecureHttp, QString *error);
    /** base + path, keeping a path prefix the base may have (https://host/prefix + /user/quota). */
    static QUrl endpoint(const QUrl &base, const QString &path);
    /** Whole seconds of the current UTC time, as UtcMicros. */
    static UtcMicros nowUtc();

signals:
    /** A line for the user (an attempt failed and is retried, with the wait). */
    void progress(const QString &message);
    void finished(const tl::HttpOutcome &outcome);

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void finish(FetchResult::Status status, const QString &reason);
    QString serverSays(const QByteArray &body) const;

    HttpRetryPolicy m_policy;
    HttpRequestSpec m_request;
    HttpOutcome m_outcome;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout, m_backoff;
    QRandomGenerator m_rng;
    int m_attempt = 0;
    bool m_busy = false, m_cancelled = false, m_timedOut = false, m_tooLarge = false;
};

} // namespace tl

Q_DECLARE_METATYPE(tl::HttpOutcome)
