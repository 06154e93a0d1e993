// SPDX-License-Identifier: Apache-2.0
#include "core/allocation/sharesplitter.h"

#include <stdexcept>

namespace tl {

namespace {

using U128 = unsigned __int128;
using I128 = __int128;

struct U256
{
    U128 hi = 0, lo = 0;
};

U128 magnitude(I128 v)
{
    return v < 0 ? static_cast<U128>(0) - static_cast<U128>(v) : static_cast<U128>(v);
}

U256 mul128(U128 a, U128 b)
{
    const std::uint64_t a0 = static_cast<std::uint64_t>(a), a1 = static_cast<std::uint64_t>(a >> 64);
    const std::uint64_t b0 = static_cast<std::uint64_t>(b), b1 = static_cast<std::uint64_t>(b >> 64);
    const U128 p00 = static_cast<U128>(a0) * b0, p01 = static_cast<U128>(a0) * b1;
    const U128 p10 = static_cast<U128>(a1) * b0, p11 = static_cast<U128>(a1) * b1;
    const U128 mid = (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
    U256 r;
    r.lo = (mid << 64) | static_cast<std::uint64_t>(p00);
    r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return r;
}

// Quotient of a 256-bit magnitude by a 128-bit one, rounded toward zero. Shift-subtract: slow,
// but called a handful of times per key (one per share), never per attempt.
U256 div256(U256 n, U128 d)
{
    U256 q;
    U128 rHi = 0, rLo = 0; // remainder < d, kept on 129 bits
    for (int i = 255; i >= 0; --i) {
        rHi = (rHi << 1) | (rLo >> 127);
        rLo = (rLo << 1) | (i >= 128 ? (n.hi >> (i - 128)) & 1 : (n.lo >> i) & 1);
        if (rHi != 0 || rLo >= d) {
            rLo -= d; // wraps correctly when rHi was 1
            rHi = 0;
            if (i >= 128)
                q.hi |= static_cast<U128>(1) << (i - 128);
            else
                q.lo |= static_cast<U128>(1) << i;
        }
    }
    return q;
}

} // namespace

Decimal ShareSplitter::mulDivTruncated(Decimal a, Decimal b, Decimal c)
{
    if (c.isZero())
        throw std::domain_error("division by zero");
    const bool negative = (a.signum() * b.signum() * c.signum()) < 0;
    const U256 q = div256(mul128(magnitude(a.raw()), magnitude(b.raw())), magnitude(c.raw()));
    const U128 maxMag = (~static_cast<U128>(0)) >> 1;
    if (q.hi != 0 || q.lo > maxMag)
        throw DecimalOverflow("decimal overflow");
    const I128 v = static_cast<I128>(q.lo);
    return Decimal::fromRaw(negative ? -v : v);
}

std::vector<Decimal> ShareSplitter::split(Decimal amount, const std::vector<Decimal> &weights)
{
    std::vector<Decimal> parts;
    if (weights.empty())
        return parts;
    Decimal total;
    for (const Decimal &w : weights)
        total += w;
    parts.reserve(weights.size());
    Decimal sum;
    for (const Decimal &w : weights) {
        parts.push_back(mulDivTruncated(amount, w, total));
        sum += parts.back();
    }
    parts.front() += amount - sum;
    return parts;
}

std::vector<std::int64_t> ShareSplitter::split(std::int64_t count, const std::vector<Decimal> &weights)
{
    std::vector<std::int64_t> parts;
    if (weights.empty())
        return parts;
    Decimal total;
    for (const Decimal &w : weights)
        total += w;
    const Decimal one = Decimal::fromInt(1);
    std::int64_t sum = 0;
    for (const Decimal &w : weights) {
        // trunc(count × w / total) as a whole number: the raw quotient of count×w / (total×10^18).
        const Decimal q = mulDivTruncated(Decimal::fromInt(count), w, total);
        const std::int64_t whole = static_cast<std::int64_t>(q.raw() / one.raw());
        parts.push_back(whole);
        sum += whole;
    }
    parts.front() += count - sum;
    return parts;
}

} // namespace tl
