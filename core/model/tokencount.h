// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>

namespace tl {

/**
 * A token count as an attempt column stores it: 32 bits instead of 64 (an attempt's counts are
 * far below 2^31; the importers reject a larger one with its file and line). It reads as a
 * std::int64_t, so arithmetic on counts stays 64-bit exactly as before; -1 (kUnknown) is kept.
 */
class TokenCount
{
public:
    static constexpr std::int64_t kMax = std::numeric_limits<std::int32_t>::max();

    TokenCount() = default;
    /** n must be in [-1, kMax] (AttemptTable::append checks). */
    explicit constexpr TokenCount(std::int64_t n) : m_value(static_cast<std::int32_t>(n)) {}
    constexpr operator std::int64_t() const { return m_value; }
    static constexpr bool fits(std::int64_t n) { return n >= -1 && n <= kMax; }

private:
    std::int32_t m_value = -1;
};

} // namespace tl
