// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <vector>

namespace tl {

/** One check of the smoke test, as recorded: what was expected and what the service did. */
struct SmokeTestCheck
{
    QString name;        ///< balance, balance_window, chat_completion, balance_after_chat, invalid_credential, malformed_date, empty_window
    QString expectation; ///< what passing means
    QString result;      ///< pass, warn, fail or not_run
    QString statusClass; ///< 2xx, 4xx, 5xx, timeout, network_error, cancelled, not_run
    int httpStatus = 0;  ///< 0 = no HTTP answer
    QString detail;      ///< numbers and reasons only, redacted; never prompt or response text
};

/**
 * The review log entry the CometAPI smoke test writes (seed 004, "Pass/fail log fields to
 * record", in the review record of reconciliation.md): seed 004's twelve fields first, then
 * the review record's fields (null where the smoke test has nothing to say), then the checks.
 * Amounts are the exact decimal texts the service returned, as JSON strings; token counts are
 * integers; no prompt or response text and no credential is ever part of it.
 */
struct SmokeTestRecord
{
    // seed 004
    QString smokeTestDate, queryKeyName, queryDateRange;
    QString totalQuotaReturned, totalUsedQuotaReturned; ///< exact decimal text; empty = null
    qint64 requestCountReturned = -1;                   ///< -1 = null
    QStringList dailyQuotaDatesPresent;
    qint64 sampleChatTotalTokens = -1;                  ///< -1 = null
    bool usageFieldPresent = false, dateRangeFilterWorking = false, errorPathReturnedError = false;
    QString reviewer;
    // review record (reconciliation.md)
    QString requestTimeUtc, requestResult, statusClass, usageEvidencePresent;
    QString decision; ///< pass, warn, fail
    QString notes;

    std::vector<SmokeTestCheck> checks;
    bool completed = false; ///< false: cancelled or refused before it ran; not a record to keep
    QString error;          ///< why it did not complete

    /** seed 004's field names, in its order. */
    static const QStringList &seedFields();
    QByteArray toJson() const;
    bool write(const QString &path, QString *error) const;
    const SmokeTestCheck *check(const QString &name) const;
};

} // namespace tl

Q_DECLARE_METATYPE(tl::SmokeTestRecord)
