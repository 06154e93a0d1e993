// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/attempttable.h"
#include "core/model/outcome.h"
#include "core/model/providertables.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <vector>

namespace tl {

/** A finance line type (formats.md §4). */
enum class FinanceLineType : std::int8_t { Usage, Credit, Discount, Tax, Topup, Refund, Adjustment, Fx };
const char *financeLineTypeName(FinanceLineType t);
bool parseFinanceLineType(std::string_view text, FinanceLineType *out);

/** One invoice/statement/credit line. Amounts: positive charges, negative credits. */
struct FinanceLine
{
    QString documentId;
    QDate documentDate;
    FinanceLineType lineType = FinanceLineType::Usage;
    QString description;
    Decimal amount;
    QString currency;
    QDate periodStart, periodEnd; ///< invalid = not given
    QString model, apiKeyName;
    std::uint32_t sourceFile = 0, sourceLine = 0;
};

enum class BillingCategory : std::int8_t { Token, PerCall };

/** One row of a dated price snapshot (formats.md §5). */
struct PriceRow
{
    QString snapshotId, sourceUrl, accessedAt, capturedBy, priceKind, currency, billableModel;
    BillingCategory category = BillingCategory::Token;
    std::int64_t unit = 1; ///< 1, 1000 or 1000000 (per_token, per_1k, per_1m)
    MaybeDecimal inputPrice, outputPrice, cachedInputPrice, cacheWritePrice, reasoningPrice, perCallPrice;
    MaybeDecimal upstreamRatio; ///< unknown = 1
    UtcMicros validFrom = kNoTime, validTo = kNoTime; ///< kNoTime = open bound
    std::int64_t tierMinInputTokens = kUnknown; ///< kUnknown = base row (no tier)
    MaybeDecimal minimumCharge;
    QString evidenceId, notes;
    std::uint32_t sourceFile = 0, sourceLine = 0;
};

/** A price-table entry an importer could not turn into a row, with why. */
struct SkippedPrice
{
    QString model;
    QString reason;
};

/** One model mapping row (formats.md §6). */
struct MappingRow
{
    QString internalName, requestedModel, billableModel, snapshotId;
    std::int8_t role = 0; ///< 0 unknown, 1 primary, 2 fallback
    QString owner;
    UtcMicros validFrom = kNoTime, validTo = kNoTime;
    std::uint32_t sourceFile = 0, sourceLine = 0;
};

/** One owner/allocation row (formats.md §7). */
struct OwnerRow
{
    QString apiKeyName, ownerGroup, environment, workload, costCenter;
    QString allocationRule; ///< as written
    struct Share
    {
        QString group;
        Decimal weight;
    };
    std::vector<Share> shares; ///< empty for `direct`
    MaybeDecimal monthlyBudget;
    QString currency;
    QStringList allowedIps; ///< CIDR blocks or single addresses
    QString apiKeyId;
    std::uint32_t sourceFile = 0, sourceLine = 0;
};

/** One billing-policy row (formats.md §8). */
struct PolicyRow
{
    Outcome outcome = Outcome::Success;
    Treatment treatment = Treatment::Unverified;
    QString evidenceId;
    std::uint32_t sourceFile = 0, sourceLine = 0;
};

enum class EvidenceStatus : std::int8_t { Verified, Unverified, Superseded };
const char *evidenceStatusName(EvidenceStatus s);
bool parseEvidenceStatus(std::string_view text, EvidenceStatus *out);

/** One evidence-register entry (formats.md §9, seed 000). */
struct EvidenceEntry
{
    QString evidenceId, assumption, area, owner, sourceUrlOrTicket;
    QDate accessedOn;
    QString statementOrScreenshotRef, screenshotSha256, dependentSystem, fallbackBehavior;
    QDate nextReviewOn;
    EvidenceStatus status = EvidenceStatus::Unverified;
    QString notes;
    std::uint32_t sourceFile = 0, sourceLine = 0;
};

/** One business-unit count (formats.md §10). */
struct BusinessUnitRow
{
    QDate date;
    QString workload, unitName;
    Decimal count;
    std::uint32_t sourceFile = 0, sourceLine = 0;
};

} // namespace tl
