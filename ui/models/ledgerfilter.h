// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace tl {

/** What the Ledgers page shows: every criterion narrows the reconciled lines. */
struct LedgerFilter
{
    static constexpr int Any = -100;
    enum class Status { Any, Quarantined, UnknownModel, MissingUsage, Duplicate, Priced, WithVariance };

    QString apiKey;           ///< empty: any key
    int outcome = Any;        ///< Outcome value, or Any
    int category = Any;       ///< VarianceCategory value (-1 none), or Any
    Status status = Status::Any;
    QString text;             ///< substring of request/response id, key, model, service, owner
    /** Only these client rows (indices into LedgerSet::client), e.g. a decision reason's. */
    std::shared_ptr<const std::vector<std::uint32_t>> rows;
    QString rowsLabel;        ///< says where `rows` came from ("missing_usage: 1 row")

    bool isEmpty() const
    {
        return apiKey.isEmpty() && outcome == Any && category == Any && status == Status::Any && text.isEmpty() && !rows;
    }
};

} // namespace tl
