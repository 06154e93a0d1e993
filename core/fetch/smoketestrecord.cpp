// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/smoketestrecord.h"

#include "core/util/jsonwriter.h"

#include <QSaveFile>

namespace tl {

const QStringList &SmokeTestRecord::seedFields()
{
    static const QStringList names = {
        QStringLiteral("smoke_test_date"), QStringLiteral("query_key_name"), QStringLiteral("query_date_range"),
        QStringLiteral("total_quota_returned"), QStringLiteral("total_used_quota_returned"), QStringLiteral("request_count_returned"),
        QStringLiteral("daily_quota_dates_present"), QStringLiteral("sample_chat_total_tokens"), QStringLiteral("usage_field_present"),
        QStringLiteral("date_range_filter_working"), QStringLiteral("error_path_returned_error"), QStringLiteral("reviewer"),
    };
    return names;
}

const SmokeTestCheck *SmokeTestRecord::check(const QString &name) const
{
    for (const SmokeTestCheck &c : checks)
        if (c.name == name)
            return &c;
    return nullptr;
}

QByteArray SmokeTestRecord::toJson() const
{
    JsonWriter w;
    auto count = [&](std::string_view k, qint64 v) {
        w.key(k);
        if (v < 0)
            w.null();
        else
            w.number(v);
    };
    w.beginObject();
    w.field("smoke_test_date", smokeTestDate);
    w.fieldOrNull("query_key_name", queryKeyName);
    w.fieldOrNull("query_date_range", queryDateRange);
    w.fieldOrNull("total_quota_returned", totalQuotaReturned);
    w.fieldOrNull("total_used_quota_returned", totalUsedQuotaReturned);
    count("request_count_returned", requestCountReturned);
    w.key("daily_quota_dates_present");
    w.beginArray();
    for (const QString &d : dailyQuotaDatesPresent)
        w.string(d);
    w.endArray();
    count("sample_chat_total_tokens", sampleChatTotalTokens);
    w.fieldBool("usage_field_present", usageFieldPresent);
    w.fieldBool("date_range_filter_working", dateRangeFilterWorking);
    w.fieldBool("error_path_returned_error", errorPathReturnedError);
    w.fieldOrNull("reviewer", reviewer);
    // the review record's fields (reconciliation.md, Review record); reviewer is above
    w.field("review_date", smokeTestDate);
    for (const char *f : {"reviewer_role", "source_urls_checked", "ledger_period"})
        w.fieldNull(f);
    w.fieldOrNull("request_time_utc", requestTimeUtc);
    for (const char *f : {"workload_label", "owner_group", "environment", "request_owner"})
        w.fieldNull(f);
    w.fieldOrNull("request_result", requestResult);
    w.fieldOrNull("status_class", statusClass);
    w.fieldOrNull("usage_evidence_present", usageEvidencePresent);
    for (const char *f : {"pricing_reference_checked", "evidence_attached", "allocation_rule", "unit_metric_name"})
        w.fieldNull(f);
    w.fieldOrNull("decision", decision);
    w.fieldOrNull("result", decision);
    w.fieldNull("follow_up_owner");
    w.fieldOrNull("notes", notes);
    w.key("checks");
    w.beginArray();
    for (const SmokeTestCheck &c : checks) {
        w.beginObject();
        w.field("check", c.name);
        w.field("expectation", c.expectation);
        w.field("result", c.result);
        w.field("status_class", c.statusClass);
        count("http_status", c.httpStatus > 0 ? c.httpStatus : -1);
        w.fieldOrNull("detail", c.detail);
        w.endObject();
    }
    w.endArray();
    w.field("tool", QStringLiteral("tokenledger " TOKENLEDGER_VERSION " (" TOKENLEDGER_COMMIT ")"));
    w.endObject();
    return w.data();
}

bool SmokeTestRecord::write(const QString &path, QString *error) const
{
    const QByteArray json = toJson();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size() || !f.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace tl
