// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/attempttable.h"
#include "core/model/ledgerset.h"
#include "core/money/decimal.h"

#include <QString>

namespace tl {

/** How to read one file: the job input's fields, or the `import` command's options. */
struct ImportOptions
{
    LedgerKind kind = LedgerKind::Client;
    QString format;          ///< format id; empty = detect
    QString displayName;     ///< name used in messages (default: the file name)
    QString assumeTz;        ///< zone for timestamps written without one; empty = none (error)
    QString dayTz = QStringLiteral("UTC"); ///< zone of the provider's daily buckets
    UtcMicros observedAt = kNoTime; ///< provider inputs: when the observation was taken
    Decimal quotaPerUsd = Decimal::fromInt(500000); ///< new-api quota units per USD
    MaybeDecimal upstreamRatio; ///< LiteLLM price import: ratio recorded on every row (default 0.8)
    QString snapshotId;      ///< LiteLLM price import: id of the snapshot built
    QString accountRef;      ///< account_ref for rows that do not carry one (seed-001 jobs)
    QString currency = QStringLiteral("USD");
};

} // namespace tl
