// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/fetch/fetchresult.h"
#include "core/fetch/httpfetcher.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

namespace tl {

/**
 * Fetches a new-api (or one-api) instance's request logs for a window,
 * `GET {base}/api/log/self?p=…&page_size=100&start_timestamp=…&end_timestamp=…` with
 * `Authorization: <access token>` and `New-Api-User: <user id>` (formats.md §3b), page after
 * page, into one file the newapi_logs importer reads: a JSON array of the pages exactly as
 * received.
 *
 * The window is half-open [start, end) like every period; new-api filters
 * `created_at >= start_timestamp AND created_at <= end_timestamp` on whole seconds, so
 * start_timestamp is the first second at or after start and end_timestamp the last second
 * before end. Paging: the first request asks for page firstPage (1 for new-api, 0 for
 * one-api); each next page is the one after the page the server echoes (or after the one
 * asked, when it echoes none). It stops when the distinct log ids reach the `total` the server
 * reports, or at an empty page; a page number echoed twice or more than maxPages pages end it
 * with an error. Logs repeated across pages (new ones shift offset pages) are kept and counted;
 * the importer keeps each once. Any failed page fails the whole fetch: no partial body.
 */
class NewApiLogClient : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kWhat = "new-api logs";

    explicit NewApiLogClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &base) { m_base = base; }
    void setUserId(const QString &id) { m_userId = id; }
    void setAccessToken(const QByteArray &token) { m_token = token; }
    void setRetryPolicy(const HttpRetryPolicy &policy) { m_fetcher->setPolicy(policy); }
    void setAllowInsecureHttp(bool allow) { m_allowInsecureHttp = allow; }
    void setFirstPage(int page) { m_firstPage = page; }
    void setPageSize(int size) { m_pageSize = size; }
    void setMaxPages(int pages) { m_maxPages = pages; }
    HttpFetcher *fetcher() const { return m_fetcher; }
    bool isBusy() const { return m_fetcher->isBusy() || m_pending; }

    /** The unix seconds sent for a half-open window [start, end). */
    static qint64 startTimestamp(UtcMicros start);
    static qint64 endTimestamp(UtcMicros end);
    static QUrl pageUrl(const QUrl &base, int page, int pageSize, qint64 startTs, qint64 endTs);

    void start(UtcMicros startUtc, UtcMicros endUtc);
    void cancel();
    /** start() and wait in a local event loop. */
    FetchResult fetch(UtcMicros startUtc, UtcMicros endUtc);

signals:
    void progress(const QString &message);
    /** After each page: pages so far, distinct logs so far, the server's total (-1: not reported). */
    void pageFetched(int pages, qint64 logs, qint64 total);
    void finished(const tl::FetchResult &result);

private:
    void requestPage(int page);
    void onPage(const HttpOutcome &o);
    void fail(FetchResult::Status status, const QString &message);
    void complete();
    void deliver(const FetchResult &r);

    HttpFetcher *m_fetcher;
    QUrl m_base;
    QString m_userId;
    QByteArray m_token;
    bool m_allowInsecureHttp = false;
    int m_firstPage = 1, m_pageSize = 100, m_maxPages = 10000;

    // one fetch
    HttpRequestSpec m_request;
    UtcMicros m_startUtc = kNoTime, m_endUtc = kNoTime, m_startedAt = kNoTime;
    qint64 m_startTs = 0, m_endTs = 0, m_total = -1, m_entries = 0;
    int m_page = 0, m_lastEchoed = -1, m_attempts = 0;
    QList<QByteArray> m_pages;
    QSet<QByteArray> m_ids;
    bool m_pending = false;
};

} // namespace tl
