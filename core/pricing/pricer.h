// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/money/decimal.h"

#include <QHash>
#include <QString>

#include <vector>

namespace tl {

/** The price of one attempt, with its lineage (which mapping and price row). */
struct PriceResult
{
    enum Status { Priced, UnknownModel, MissingUsage };
    Status status = UnknownModel;
    StringPool::Id billableModel = 0;
    int priceRow = -1;   ///< index into LedgerSet::prices
    int mappingRow = -1; ///< index into LedgerSet::mappings (-1: model_billed given or no mapping)
    MaybeDecimal cost;   ///< unrounded; unknown when status != Priced
};

/**
 * Prices attempts from the mapping and the dated snapshots (reconciliation.md, Pricing one
 * attempt). Built once per run; lookups are hash probes on interned ids, so pricing is a
 * linear pass. A snapshot with two rows for one model and tier valid at once is an error
 * reported by validate().
 */
class Pricer
{
public:
    Pricer(const LedgerSet &set, const QString &periodSnapshotId);

    /** Problems found in the tables (overlapping rows): empty when usable. */
    const QStringList &errors() const { return m_errors; }

    /** Resolves the billable model and the price row valid at time t. */
    PriceResult resolve(StringPool::Id modelRequested, StringPool::Id modelBilled, UtcMicros t, std::int64_t inputTokens) const;
    /**
     * Cost of an attempt on a resolved row. needTokens: the attempt is billable or partial, so
     * a token-billed row with unknown input or output gives MissingUsage.
     */
    void price(PriceResult &r, std::int64_t input, std::int64_t cached, std::int64_t cacheWrite,
               std::int64_t output, std::int64_t reasoning, bool needTokens, bool billable) const;

    /** The cost formula on one row (no minimum charge), exact. */
    static Decimal tokenCost(const PriceRow &row, std::int64_t input, std::int64_t cached, std::int64_t cacheWrite,
                             std::int64_t output, std::int64_t reasoning);

private:
    struct ModelRows
    {
        std::vector<int> rows; // indices into prices, any snapshot
    };
    const LedgerSet &m_set;
    StringPool::Id m_periodSnapshot = 0;
    QHash<StringPool::Id, std::vector<int>> m_mappingsByRequested; // pool id of requested model
    QHash<quint64, std::vector<int>> m_pricesBySnapshotModel;       // (snapshot id << 32) | model id
    QHash<StringPool::Id, std::vector<int>> m_pricesByModel;
    std::vector<StringPool::Id> m_mappingBillable, m_mappingSnapshot;
    QStringList m_errors;
};

} // namespace tl
