// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/money/decimal.h"

#include <QString>
#include <QStringList>

namespace tl {

/**
 * Generates the bundled demo workspace: a realistic month that the project itself makes up,
 * so that every screen has something true to show without shipping anyone's real logs.
 *
 * The month (May 2026 by default) has eight API keys with owners, services, cost centres,
 * budgets and allowed IP ranges; six token-billed models and two per-call ones (mj_imagine,
 * kling_video), some requested through aliases; first attempts and retries after 429, 5xx,
 * network errors and client timeouts; streams (a few read without usage), cancelled streams,
 * gateway cache hits, requests rejected before sending, a fallback during an upstream
 * incident, two duplicated log lines, rows just outside the period and two notes that carry
 * a fake `sk-` key so that redaction shows.
 *
 * What the provider "truly" charged is computed from the same attempts, and differs from the
 * client's estimate in known ways: a leaked key the client never logged (ci-legacy, from an
 * unknown IP); weekend calls on a weekday-only batch key from an IP outside its allowed_ips
 * (the gateway logged them with that source IP, the client never did);
 * a multiplier change on claude-sonnet-4 from the 16th that the team's snapshot missed
 * (price_drift), while the change on gemini-2.5-flash was captured as two dated rows (no
 * variance); a few client timeouts, two cancelled streams and three retried 5xx attempts that
 * were charged anyway; and the streams without usage. Two /user/quota observations are
 * written: one inside the 48 h posting window that lacks part of the last day, and a final one.
 *
 * Everything is derived from one QRandomGenerator seeded with `seed` using integer draws
 * only, and every amount is an exact tl::Decimal, so the same seed gives byte-identical files.
 * Files are written atomically (QSaveFile) in the formats of spec/formats.md, with a job.json
 * that names them all.
 */
class DemoWorkspace
{
public:
    struct Options
    {
        int year = 2026;
        int month = 5;         ///< the reconciliation period is this calendar month, UTC
        int attempts = 60000;  ///< about how many client attempts (first tries and retries) to log
    };

    /** What was planted, in exact amounts: the answer key a reconciliation should find. */
    struct Story
    {
        QString jobFile;          ///< absolute path of job.json
        QStringList files;        ///< file names written, job.json last
        qint64 clientRows = 0;    ///< data rows in client.csv (with duplicates and rows outside the period)
        qint64 gatewayRows = 0;
        qint64 attemptsInPeriod = 0, requestsInPeriod = 0, retriesInPeriod = 0, excludedOutsidePeriod = 0;
        qint64 missingUsageRows = 0, duplicateRows = 0, secretNotes = 0;
        /** The client estimate the engine should compute: billable attempts with usage, at the snapshot. */
        Decimal estimatedBillable;
        /** Per-call attempts of an unverified class (kling timeouts) at the snapshot's price. */
        Decimal estimatedUnverified;
        /** Sum of daily quota_used (each key-day rounded to 6 places) in the final and early observation. */
        Decimal providerFinal, providerEarly;
        /** Exact true charges behind each story element. */
        Decimal leakedUnknownKey, leakedForeignIp, priceDrift;
        Decimal chargedTimeouts, chargedCancelledStreams, chargedRetriedErrors, chargedMissingUsage;
        qint64 chargedTimeoutCount = 0, chargedCancelledCount = 0, chargedRetriedCount = 0;
        qint64 leakedUnknownKeyCalls = 0, leakedForeignIpCalls = 0;
        /** The foreign-IP calls also appear in gateway.csv with their source IP (the allowed_ips alert). */
        qint64 leakedForeignIpGatewayRows = 0;
        /** Where the leaked calls came from (never in the client's logs; the foreign IP is in the gateway's). */
        QString unknownKeyIp, foreignIp;
        /** The invoice: usage lines, credit, discount, tax, and the sum of every finance line. */
        Decimal invoiceUsage, invoiceCredit, invoiceDiscount, invoiceTax, invoiceTotal;
    };

    /** Writes the demo for May 2026 with about 60,000 attempts into dir (created if needed). */
    static bool write(const QString &dir, quint32 seed, QString *error);
    /** Returns false with *error set when a file cannot be written; *story gets the answer key. */
    static bool write(const QString &dir, quint32 seed, const Options &options, QString *error, Story *story = nullptr);
};

} // namespace tl
