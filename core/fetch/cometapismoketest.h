// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/fetch/cometapiquotaclient.h"
#include "core/fetch/fetchresult.h"
#include "core/fetch/httpfetcher.h"
#include "core/fetch/smoketestrecord.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

namespace tl {

/** What the CometAPI smoke test needs: two keys, a model, a window with activity and one without. */
struct SmokeTestConfig
{
    QUrl queryBase = CometApiQuotaClient::defaultBaseUrl();
    QByteArray queryKey;  ///< the dedicated query key (quota 0)
    QString queryKeyName; ///< its name, as recorded (the key itself never is)
    QUrl apiBase = QUrl(QStringLiteral("https://api.cometapi.com"));
    QByteArray chatKey;   ///< a key that may make one minimal request
    QString model;
    QString startDate, endDate;           ///< a window known to have activity
    QString emptyStartDate, emptyEndDate; ///< a window known to have none
    QString malformedDate = QStringLiteral("2026/06/01"); ///< sent on purpose
    QString reviewer;
    HttpRetryPolicy policy;
    bool allowInsecureHttp = false;
};

/**
 * Seed 004's smoke test against the live services, ending in a SmokeTestRecord:
 *
 * 1. balance: /user/quota without dates answers total_quota, total_used_quota, request_count;
 * 2. balance_window: with the active window, daily_quota has entries, all inside the window;
 * 3. chat_completion: one minimal non-streaming POST {api}/v1/chat/completions answers a
 *    `usage` with integer prompt/completion/total tokens, total = prompt + completion > 0
 *    (the prompt and the answer are not kept, only the numbers and the status class);
 * 4. balance_after_chat: request_count has grown (a warning only: posting may lag);
 * 5. invalid_credential: a made-up key is refused (4xx, or an error answer);
 * 6. malformed_date: start_date=2026/06/01, sent on purpose, is refused rather than answered;
 * 7. empty_window: the quiet window has no daily_quota entries.
 *
 * usage_field_present comes from 3, date_range_filter_working from 2 and 7,
 * error_path_returned_error from 5 and 6. decision: fail if any check failed, warn if one
 * warned, else pass. It asserts nothing the seed rules out: no exact token counts, amounts or
 * latencies. Every step runs even when an earlier one failed (the record shows them all);
 * cancel() stops it and the record is marked not completed.
 */
class CometApiSmokeTest : public QObject
{
    Q_OBJECT

public:
    static constexpr int kSteps = 7;
    static constexpr const char *kInvalidKey = "tokenledger-smoke-test-invalid-key";

    explicit CometApiSmokeTest(QObject *parent = nullptr);

    static bool validate(const SmokeTestConfig &config, QString *error);
    void start(const SmokeTestConfig &config);
    void cancel();
    bool isBusy() const { return m_busy; }
    /** start() and wait in a local event loop. */
    SmokeTestRecord run(const SmokeTestConfig &config);
    /** The dated window's fetch (step 2), to keep as an observation. */
    const FetchResult &windowResult() const { return m_window; }

    /** "2xx", "4xx", "timeout", "network_error", … for an outcome. */
    static QString statusClass(FetchResult::Status status, int httpStatus);

signals:
    void stepStarted(int step, int steps, const QString &description);
    void progress(const QString &message);
    void finished(const tl::SmokeTestRecord &record);

private:
    void runStep();
    void onQuota(const FetchResult &r);
    void onRaw(const HttpOutcome &o);
    void record(const QString &name, const QString &expectation, const QString &result, const QString &statusClass, int http,
                const QString &detail);
    void next();
    void conclude();
    QString scrub(const QString &text) const;

    CometApiQuotaClient *m_client;
    HttpFetcher *m_fetcher;
    SmokeTestConfig m_config;
    SmokeTestRecord m_record;
    FetchResult m_window;
    int m_step = 0;
    qint64 m_countBefore = -1;
    bool m_busy = false, m_cancelled = false;
};

} // namespace tl
