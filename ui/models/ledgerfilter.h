// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace tl {

/**
 * What the Ledgers page shows: every criterion narrows the rows. One filter serves the client
 * lines and the side-by-side views alike; criteria a row cannot answer (the outcome of a
 * provider record the client never logged) exclude it.
 */
struct LedgerFilter
{
    static constexpr int Any = -100;
    static constexpr int AnyDay = std::numeric_limits<int>::min();
    enum class Status { Any, Quarantined, UnknownModel, MissingUsage, Duplicate, Priced, WithVariance };

    QString apiKey;           ///< empty: any key
    QString model;            ///< billable or requested model; empty: any
    QString owner;            ///< owner group (owners table, else the row's owner); empty: any
    int day = AnyDay;         ///< DayNumber (UTC day of the row; the provider's day for key·day rows), or AnyDay
    int outcome = Any;        ///< Outcome value, or Any
    int category = Any;       ///< VarianceCategory value (-1 none), or Any
    Status status = Status::Any;
    int matchState = Any;     ///< MatchState value, or Any
    QString text;             ///< substring of request/response id, key, model, service, owner
    /** Only these client rows (indices into LedgerSet::client), e.g. a decision reason's. */
    std::shared_ptr<const std::vector<std::uint32_t>> rows;
    /** And these provider rows (a variance item's): indices into providerRequests or providerDaily. */
    std::shared_ptr<const std::vector<std::uint32_t>> providerRows;
    bool providerRowsAreRequests = false;
    /** And these gateway rows (indices into LedgerSet::gateway), e.g. an alert's: shown by request. */
    std::shared_ptr<const std::vector<std::uint32_t>> gatewayRows;
    QString rowsLabel;        ///< says where `rows` came from ("missing_usage: 1 row")

    bool hasRowSet() const { return rows || providerRows || gatewayRows; }
    bool isEmpty() const
    {
        return apiKey.isEmpty() && model.isEmpty() && owner.isEmpty() && day == AnyDay && outcome == Any && category == Any
            && status == Status::Any && matchState == Any && text.isEmpty() && !hasRowSet();
    }
};

} // namespace tl
