// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/fetch/fetchresult.h"
#include "core/fetch/httpfetcher.h"
#include "core/fetch/httpretrypolicy.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

namespace tl {

/**
 * Fetches CometAPI's usage query service, `GET {base}/user/quota?key=…[&start_date=&end_date=]`
 * (formats.md §3a), as one observation: the answer's bytes exactly as received (the key
 * replaced by its token, should the service ever echo it), with the time it arrived.
 *
 * The window is checked before anything is sent: both dates strict `YYYY-MM-DD` (real calendar
 * dates) or neither, start not after end. An answer counts only when it is JSON of the
 * service's shape and the cometapi_quota importer reads it; `success=false` or a bare
 * `message` is the service's refusal, reported with its text. A window with no activity is a
 * success without daily_quota entries. Retries, timeouts and cancellation are HttpFetcher's.
 * Use start()/finished() from a GUI, fetch() (a local event loop) from the command line.
 */
class CometApiQuotaClient : public QObject
{
    Q_OBJECT

public:
    static QUrl defaultBaseUrl();
    static constexpr const char *kWhat = "CometAPI usage query";

    explicit CometApiQuotaClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &base) { m_base = base; }
    QUrl baseUrl() const { return m_base; }
    void setKey(const QByteArray &key) { m_key = key; }
    void setRetryPolicy(const HttpRetryPolicy &policy) { m_fetcher->setPolicy(policy); }
    void setAllowInsecureHttp(bool allow) { m_allowInsecureHttp = allow; }
    HttpFetcher *fetcher() const { return m_fetcher; }
    bool isBusy() const { return m_fetcher->isBusy() || m_pending; }

    /** Both dates strict YYYY-MM-DD or both empty, start <= end; else false and *error. */
    static bool validateWindow(const QString &startDate, const QString &endDate, QString *error);
    /** The request URL. Dates are sent as given: validate them first. */
    static QUrl quotaUrl(const QUrl &base, const QByteArray &key, const QString &startDate, const QString &endDate);
    /** The request for a key and window (the smoke test sends its own, deliberately odd, ones). */
    static HttpRequestSpec request(const QUrl &base, const QByteArray &key, const QString &startDate, const QString &endDate);
    /** Turns an answer into a result: checks its shape, the importer's reading, the dates. */
    static FetchResult judge(const HttpOutcome &outcome, const HttpRequestSpec &request, const QString &startDate, const QString &endDate);

    /** Starts a fetch; finished() follows, also for input refused before sending. */
    void start(const QString &startDate = QString(), const QString &endDate = QString());
    void cancel();
    /** start() and wait in a local event loop. */
    FetchResult fetch(const QString &startDate = QString(), const QString &endDate = QString());

signals:
    void progress(const QString &message);
    void finished(const tl::FetchResult &result);

private:
    void deliver(const FetchResult &r);

    HttpFetcher *m_fetcher;
    QUrl m_base;
    QByteArray m_key;
    QString m_start, m_end;
    HttpRequestSpec m_request;
    bool m_allowInsecureHttp = false;
    bool m_pending = false; // a refusal waiting to be delivered
};

} // namespace tl
