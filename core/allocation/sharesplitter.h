// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/money/decimal.h"

#include <cstdint>
#include <vector>

namespace tl {

/**
 * Splits an amount by weights so that the parts add up to it exactly (formats.md §7): each
 * part is amount × weight / Σweights rounded toward zero to the smallest unit (10^-18 for
 * money, 1 for counts), and what rounding left over goes to the first share listed.
 * Exact: the product and quotient are taken on 256 bits, never through binary floating point.
 */
class ShareSplitter
{
public:
    /** Parts of amount, one per weight (weights > 0); an empty weight list gives no parts. */
    static std::vector<Decimal> split(Decimal amount, const std::vector<Decimal> &weights);
    /** The same for a count: integer parts, the remainder to the first. */
    static std::vector<std::int64_t> split(std::int64_t count, const std::vector<Decimal> &weights);
    /** trunc(a × b / c) in units of 10^-18 (c ≠ 0), exact; throws DecimalOverflow when it does not fit. */
    static Decimal mulDivTruncated(Decimal a, Decimal b, Decimal c);
};

} // namespace tl
