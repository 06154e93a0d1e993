// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/allocationsettings.h"
#include "core/import/importoptions.h"
#include "core/model/attempttable.h"
#include "core/money/decimal.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace tl {

/** The reconciliation period (seed 001 §1): half-open [start, end) in UTC. */
struct Period
{
    UtcMicros start = kNoTime, end = kNoTime;
    QString accountRef, currency = QStringLiteral("USD"), environment, invoiceId, snapshotId;
    QStringList models;
    bool contains(UtcMicros t) const { return t >= start && t < end; }
};

/** The job's controls (reconciliation.md, Decision), with the spec's defaults. */
struct JobControls
{
    bool failOnUnknownModel = true;
    bool failOnMissingTokenUsage = true;
    bool failOnUnverifiedPricing = true;
    Decimal varianceThresholdPercent = Decimal::fromInt(1);
    Decimal varianceThresholdAbsolute = Decimal::fromInt(1);
    std::int64_t postingWindowHours = 48;
    UtcMicros asOf = kNoTime; ///< default: the period's end
    RoundingMode roundingMode = RoundingMode::HalfEven;
    int roundingScale = 2;
    std::int64_t matchWindowSeconds = 120; ///< fuzzy join window for per-request records
    AllocationSettings allocation; ///< alert thresholds and the model denylist (core/allocation/README.md)
};

/** One input file of a job (formats.md §1c). */
struct JobInput
{
    ImportOptions options;
    QString path; ///< absolute
};

/**
 * A reconciliation job file: the period, the controls and the inputs, either as files
 * (`inputs`) or inline in the seed-001 shape (`usage_rows` + `pricing_snapshot`).
 * load() throws ImportError naming the job file and the JSON path of a bad value.
 */
class Job
{
public:
    static Job load(const QString &path);
    static Job fromJson(const QByteArray &json, const QString &displayName, const QString &baseDir);

    QString path;        ///< the job file
    QString displayName;
    QByteArray bytes;    ///< the job file as read (inline usage rows are imported from it)
    Period period;
    JobControls controls;
    std::vector<JobInput> inputs;
    bool inlineUsage = false;
};

} // namespace tl
