// SPDX-License-Identifier: Apache-2.0
// Shared fixtures of the fetch tests: canned answers in the services' real shapes, fast retry policies.
#pragma once

#include "core/fetch/httpretrypolicy.h"
#include "core/fetch/urlredaction.h"

#include <QByteArray>
#include <QString>

namespace tltest {

inline const QByteArray kQueryKey = "sk-queryTESTKEY0123456789abcdefghijKLMN";
inline const QByteArray kAccessToken = "nat-ACCESS-token-0123456789abcdef";

/** formats.md §3a's example answer, with a window. */
inline const QByteArray kQuotaWindow =
    R"({"username":"example_user","total_quota":2105.234088,"total_used_quota":21.065912,"request_count":1221,)"
    R"("keys":[{"name":"tts_test","remain_quota":8.93872,"used_quota":2.099206},)"
    R"({"name":"test_key","remain_quota":999999999,"used_quota":-1}],)"
    R"("daily_quota":{"2026-05-01":[{"token_name":"tts_test","quota_used":0.12,"request_count":3}],)"
    R"("2026-05-02":[{"token_name":"tts_test","quota_used":0.3,"request_count":5},{"token_name":"test_key","quota_used":1.25,"request_count":9}]}})"
    "\n";
/** The same account without dates: lifetime totals, no daily_quota. */
inline const QByteArray kQuotaTotals =
    R"({"username":"example_user","total_quota":2105.234088,"total_used_quota":21.065912,"request_count":1221,)"
    R"("keys":[{"name":"tts_test","remain_quota":8.93872,"used_quota":2.099206}]})";

inline QString tokenOf(const QByteArray &secret) { return tl::UrlRedaction::token(secret); }

inline tl::HttpRetryPolicy fastPolicy(int attempts = 3)
{
    tl::HttpRetryPolicy p;
    p.maxAttempts = attempts;
    p.timeoutMs = 5000;
    p.baseDelayMs = 10;
    p.maxDelayMs = 50;
    return p;
}

/** One new-api page of `count` consume logs with ids from firstId down (new-api lists newest first). */
inline QByteArray newApiPage(int page, int pageSize, qint64 total, int firstId, int count)
{
    QByteArray items;
    for (int i = 0; i < count; ++i) {
        const int id = firstId - i;
        if (i > 0)
            items += ',';
        items += "{\"id\":" + QByteArray::number(id) + ",\"user_id\":42,\"created_at\":" + QByteArray::number(1777600000 + id)
            + ",\"type\":2,\"content\":\"model ratio 1.25, completion ratio 4\",\"username\":\"ops\",\"token_name\":\"prod-backend\","
              "\"model_name\":\"gpt-4o-mini\",\"quota\":"
            + QByteArray::number(150 + id) + ",\"prompt_tokens\":" + QByteArray::number(100 + id % 7)
            + ",\"completion_tokens\":20,\"use_time\":1,\"is_stream\":false,\"channel\":3,\"token_id\":7,\"group\":\"default\","
              "\"ip\":\"203.0.113.9\",\"other\":\"{\\\"model_ratio\\\":0.075,\\\"completion_ratio\\\":4,\\\"group_ratio\\\":1,"
              "\\\"cache_tokens\\\":0}\"}";
    }
    return "{\"success\":true,\"message\":\"\",\"data\":{\"page\":" + QByteArray::number(page) + ",\"page_size\":"
        + QByteArray::number(pageSize) + ",\"total\":" + QByteArray::number(total) + ",\"items\":[" + items + "]}}";
}

} // namespace tltest
