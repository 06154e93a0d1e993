// SPDX-License-Identifier: Apache-2.0
#include "core/money/decimal.h"

#include <algorithm>
#include <cstring>

namespace tl {

namespace {

using U128 = unsigned __int128;
using I128 = __int128;

constexpr I128 kMax = static_cast<I128>((~static_cast<U128>(0)) >> 1);

U128 pow10u(int n)
{
    U128 r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

const U128 kOne = pow10u(Decimal::Scale);

struct U256
{
    U128 hi = 0;
    U128 lo = 0;
};

U256 mul128(U128 a, U128 b)
{
    const std::uint64_t a0 = static_cast<std::uint64_t>(a), a1 = static_cast<std::uint64_t>(a >> 64);
    const std::uint64_t b0 = static_cast<std::uint64_t>(b), b1 = static_cast<std::uint64_t>(b >> 64);
    const U128 p00 = static_cast<U128>(a0) * b0;
    const U128 p01 = static_cast<U128>(a0) * b1;
    const U128 p10 = static_cast<U128>(a1) * b0;
    const U128 p11 = static_cast<U128>(a1) * b1;
    const U128 mid = (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
    U256 r;
    r.lo = (mid << 64) | static_cast<std::uint64_t>(p00);
    r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return r;
}

bool lessEq256(const U256 &a, const U256 &b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo <= b.lo);
}

// Binary long division of a 256-bit magnitude by a 128-bit one. Slow but only used
// where a general quotient is needed (allocation weights, percentages).
void divmod256(U256 n, U128 d, U256 *q, U128 *rem)
{
    U256 quot;
    U256 r; // remainder, always < d so it fits in 129 bits; kept as 256 for the shift
    for (int i = 255; i >= 0; --i) {
        // r = r << 1 | bit i of n
        r.hi = (r.hi << 1) | (r.lo >> 127);
        r.lo <<= 1;
        const U128 bit = i >= 128 ? (n.hi >> (i - 128)) & 1 : (n.lo >> i) & 1;
        r.lo |= bit;
        const U256 dd{0, d};
        if (lessEq256(dd, r)) {
            // r -= d
            const U128 lo = r.lo - d;
            r.hi -= (r.lo < d) ? 1 : 0;
            r.lo = lo;
            if (i >= 128)
                quot.hi |= static_cast<U128>(1) << (i - 128);
            else
                quot.lo |= static_cast<U128>(1) << i;
        }
    }
    *q = quot;
    *rem = r.lo;
}

// Whether to add one to |q| given the remainder of |n| / |d| and the result's sign.
bool roundUpMagnitude(U128 q, U128 rem, U128 d, bool negative, RoundingMode mode)
{
    if (rem == 0)
        return false;
    switch (mode) {
    case RoundingMode::Down:
        return false;
    case RoundingMode::Up:
        return true;
    case RoundingMode::Floor:
        return negative;
    case RoundingMode::Ceiling:
        return !negative;
    case RoundingMode::HalfUp:
        return rem >= d - rem;
    case RoundingMode::HalfEven: {
        const U128 other = d - rem;
        if (rem > other)
            return true;
        if (rem < other)
            return false;
        return (q & 1) != 0;
    }
    }
    return false;
}

I128 fromMagnitude(U128 mag, bool negative)
{
    if (negative) {
        if (mag > static_cast<U128>(kMax) + 1)
            throw DecimalOverflow("decimal overflow");
        if (mag == static_cast<U128>(kMax) + 1)
            throw DecimalOverflow("decimal overflow"); // keep the range symmetric
        return -static_cast<I128>(mag);
    }
    if (mag > static_cast<U128>(kMax))
        throw DecimalOverflow("decimal overflow");
    return static_cast<I128>(mag);
}

U128 magnitude(I128 v)
{
    return v < 0 ? static_cast<U128>(0) - static_cast<U128>(v) : static_cast<U128>(v);
}

// n / d for a divisor of 64 bits: four 128-by-64 limb divisions (each quotient limb fits: r < d).
void divmod256by64(U256 n, std::uint64_t d, U256 *q, std::uint64_t *rem)
{
    const std::uint64_t limbs[4] = {static_cast<std::uint64_t>(n.hi >> 64), static_cast<std::uint64_t>(n.hi),
                                    static_cast<std::uint64_t>(n.lo >> 64), static_cast<std::uint64_t>(n.lo)};
    std::uint64_t out[4];
    std::uint64_t r = 0;
    for (int i = 0; i < 4; ++i) {
#if defined(__x86_64__)
        std::uint64_t quot, rr;
        __asm__("divq %4" : "=a"(quot), "=d"(rr) : "a"(limbs[i]), "d"(r), "rm"(d));
        out[i] = quot;
        r = rr;
#else
        const U128 cur = (static_cast<U128>(r) << 64) | limbs[i];
        out[i] = static_cast<std::uint64_t>(cur / d);
        r = static_cast<std::uint64_t>(cur % d);
#endif
    }
    q->hi = (static_cast<U128>(out[0]) << 64) | out[1];
    q->lo = (static_cast<U128>(out[2]) << 64) | out[3];
    *rem = r;
}

constexpr std::uint64_t kScale64 = 1000000000000000000ULL; // 10^18

// Divides the 256-bit magnitude n by d with the rounding mode; the quotient must fit.
I128 divideRounded(U256 n, U128 d, bool negative, RoundingMode mode, bool *inexact)
{
    U256 q;
    U128 rem = 0;
    if (n.hi == 0) {
        // The product fits in 128 bits: one native division.
        q.hi = 0;
        q.lo = n.lo / d;
        rem = n.lo % d;
    } else if ((d >> 64) == 0) {
        // A divisor of 64 bits (10^18 in every multiplication): limb division.
        std::uint64_t r = 0;
        divmod256by64(n, static_cast<std::uint64_t>(d), &q, &r);
        rem = r;
    } else if (d % kScale64 == 0 && (d / kScale64) >> 64 == 0) {
        // A whole-number divisor b (raw b × 10^18, e.g. a unit basis of 10^6 tokens): divide by
        // 10^18, then by b. floor(floor(n / a) / b) = floor(n / (a b)), and the remainder is
        // r1 + a r2 (< a b = d).
        const std::uint64_t b64 = static_cast<std::uint64_t>(d / kScale64);
        U256 q1;
        std::uint64_t r1 = 0, r2 = 0;
        divmod256by64(n, kScale64, &q1, &r1);
        divmod256by64(q1, b64, &q, &r2);
        rem = static_cast<U128>(r1) + static_cast<U128>(kScale64) * r2;
    } else {
        divmod256(n, d, &q, &rem);
    }
    if (q.hi != 0)
        throw DecimalOverflow("decimal overflow");
    U128 mag = q.lo;
    if (inexact)
        *inexact = rem != 0;
    if (roundUpMagnitude(mag, rem, d, negative, mode))
        ++mag;
    return fromMagnitude(mag, negative);
}

} // namespace

bool parseRoundingMode(std::string_view name, RoundingMode *out)
{
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return c == '_' ? '-' : static_cast<char>(std::tolower(c)); });
    static const std::pair<const char *, RoundingMode> names[] = {
        {"half-even", RoundingMode::HalfEven}, {"half-up", RoundingMode::HalfUp},
        {"down", RoundingMode::Down},         {"up", RoundingMode::Up},
        {"floor", RoundingMode::Floor},       {"ceiling", RoundingMode::Ceiling},
        {"truncate", RoundingMode::Down},     {"bankers", RoundingMode::HalfEven},
    };
    for (const auto &[text, mode] : names) {
        if (n == text) {
            *out = mode;
            return true;
        }
    }
    return false;
}

const char *roundingModeName(RoundingMode mode)
{
    switch (mode) {
    case RoundingMode::HalfEven: return "half-even";
    case RoundingMode::HalfUp: return "half-up";
    case RoundingMode::Down: return "down";
    case RoundingMode::Up: return "up";
    case RoundingMode::Floor: return "floor";
    case RoundingMode::Ceiling: return "ceiling";
    }
    return "half-even";
}

Decimal Decimal::fromInt(std::int64_t value)
{
    return Decimal::fromRaw(static_cast<I128>(value) * static_cast<I128>(kOne));
}

Decimal Decimal::fromScaled(std::int64_t value, int scale)
{
    if (scale < 0 || scale > Scale)
        throw std::invalid_argument("scale out of range");
    return Decimal::fromRaw(static_cast<I128>(value) * static_cast<I128>(pow10u(Scale - scale)));
}

Decimal::ParseResult Decimal::parse(std::string_view text, Decimal *out, Excess excess)
{
    ParseResult res;
    auto fail = [&res](const char *why) {
        res.ok = false;
        res.error = QString::fromLatin1(why);
        return res;
    };
    std::size_t i = 0;
    const std::size_t n = text.size();
    if (n == 0)
        return fail("empty value, expected a decimal number");
    bool negative = false;
    if (text[i] == '+' || text[i] == '-') {
        negative = text[i] == '-';
        ++i;
    }
    // Integer and fraction digits; trailing fractional zeros are dropped so that long
    // zero tails do not overflow the accumulator.
    std::string_view intPart, fracPart;
    const std::size_t intStart = i;
    while (i < n && text[i] >= '0' && text[i] <= '9')
        ++i;
    intPart = text.substr(intStart, i - intStart);
    if (i < n && text[i] == '.') {
        ++i;
        const std::size_t fracStart = i;
        while (i < n && text[i] >= '0' && text[i] <= '9')
            ++i;
        fracPart = text.substr(fracStart, i - fracStart);
    }
    if (intPart.empty() && fracPart.empty()) {
        std::string lower(text.substr(intStart));
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        if (lower.rfind("nan", 0) == 0)
            return fail("NaN is not a number, expected a decimal number");
        if (lower.rfind("inf", 0) == 0)
            return fail("infinity is not a number, expected a decimal number");
        return fail("expected a decimal number such as 12.5 or 1.5e-7");
    }
    long long exponent = 0;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool expNeg = false;
        if (i < n && (text[i] == '+' || text[i] == '-')) {
            expNeg = text[i] == '-';
            ++i;
        }
        const std::size_t expStart = i;
        while (i < n && text[i] >= '0' && text[i] <= '9') {
            if (exponent < 100000)
                exponent = exponent * 10 + (text[i] - '0');
            ++i;
        }
        if (i == expStart)
            return fail("exponent without digits, expected a decimal number such as 1.5e-7");
        if (expNeg)
            exponent = -exponent;
    }
    if (i != n) {
        if (text[i] == ',')
            return fail("comma in number: use '.' as the decimal point and no thousands separators");
        return fail("unexpected characters, expected a decimal number such as 12.5 or 1.5e-7");
    }
    // The value is the digit string intPart||fracPart times 10^pointExp. Work on its
    // significant digits only (leading and trailing zeros stripped), so that any number of
    // zeros, and any number of excess digits under Excess::RoundHalfEven, is handled exactly
    // without overflowing an accumulator.
    const std::size_t total = intPart.size() + fracPart.size();
    auto digitAt = [&](std::size_t k) -> unsigned {
        const char c = k < intPart.size() ? intPart[k] : fracPart[k - intPart.size()];
        return static_cast<unsigned>(c - '0');
    };
    std::size_t first = 0;
    while (first < total && digitAt(first) == 0)
        ++first;
    U128 mag = 0;
    if (first < total) {
        std::size_t last = total;
        while (digitAt(last - 1) == 0)
            --last;
        const long long sigCount = static_cast<long long>(last - first);
        // raw = significant digits * 10^shift
        const long long shift = Scale + exponent - static_cast<long long>(fracPart.size())
            + static_cast<long long>(total - last);
        // Accumulates n significant digits; false when they do not fit 128 bits.
        auto accumulate = [&](long long n, U128 *v) -> bool {
            U128 acc = 0;
            const U128 umax = ~static_cast<U128>(0);
            for (long long k = 0; k < n; ++k) {
                const unsigned dgt = digitAt(first + static_cast<std::size_t>(k));
                if (acc > (umax - dgt) / 10)
                    return false;
                acc = acc * 10 + dgt;
            }
            *v = acc;
            return true;
        };
        if (shift >= 0) {
            // kMax has 39 digits: anything longer is out of range.
            if (sigCount + shift > 39)
                return fail("number out of range");
            U128 sig = 0;
            if (!accumulate(sigCount, &sig))
                return fail("number out of range");
            const U256 prod = mul128(sig, pow10u(static_cast<int>(shift)));
            if (prod.hi != 0 || prod.lo > static_cast<U128>(kMax))
                return fail("number out of range");
            mag = prod.lo;
        } else {
            // The last significant digit lies past the scale (it is not zero: zeros were stripped).
            if (excess == Excess::Reject)
                return fail("more than 18 fractional digits");
            const long long keep = sigCount + shift; // significant digits at or above the scale
            if (keep > 39)
                return fail("number out of range");
            U128 q = 0;
            if (keep > 0 && !accumulate(keep, &q))
                return fail("number out of range");
            bool up = false;
            if (keep >= 0) {
                const unsigned dropped = digitAt(first + static_cast<std::size_t>(keep));
                const bool moreAfter = sigCount > keep + 1; // the last digit is non-zero
                up = dropped > 5 || (dropped == 5 && (moreAfter || (q & 1) != 0));
            } // keep < 0: less than a tenth of the last unit, rounds to zero
            if (up) {
                if (q == ~static_cast<U128>(0))
                    return fail("number out of range");
                ++q;
            }
            if (q > static_cast<U128>(kMax))
                return fail("number out of range");
            mag = q;
            res.rounded = true;
        }
    }
    const I128 raw = negative ? -static_cast<I128>(mag) : static_cast<I128>(mag);
    if (out)
        *out = Decimal::fromRaw(raw);
    res.ok = true;
    return res;
}

Decimal Decimal::fromString(std::string_view text)
{
    Decimal d;
    const ParseResult r = parse(text, &d);
    if (!r.ok)
        throw std::invalid_argument(std::string(text) + ": " + r.error.toStdString());
    return d;
}

Decimal Decimal::operator-() const
{
    if (m_raw == -kMax - 1)
        throw DecimalOverflow("decimal overflow");
    return Decimal::fromRaw(-m_raw);
}

Decimal Decimal::operator+(Decimal other) const
{
    I128 r;
    if (__builtin_add_overflow(m_raw, other.m_raw, &r) || r == -kMax - 1)
        throw DecimalOverflow("decimal overflow");
    return Decimal::fromRaw(r);
}

Decimal Decimal::operator-(Decimal other) const
{
    I128 r;
    if (__builtin_sub_overflow(m_raw, other.m_raw, &r) || r == -kMax - 1)
        throw DecimalOverflow("decimal overflow");
    return Decimal::fromRaw(r);
}

Decimal Decimal::mulInt(std::int64_t factor) const
{
    I128 r;
    if (__builtin_mul_overflow(m_raw, static_cast<I128>(factor), &r) || r == -kMax - 1)
        throw DecimalOverflow("decimal overflow");
    return Decimal::fromRaw(r);
}

Decimal Decimal::mul(Decimal other, bool *inexact) const
{
    const bool negative = (m_raw < 0) != (other.m_raw < 0);
    const U256 prod = mul128(magnitude(m_raw), magnitude(other.m_raw));
    return Decimal::fromRaw(divideRounded(prod, kOne, negative && m_raw != 0 && other.m_raw != 0,
                                          RoundingMode::HalfEven, inexact));
}

Decimal Decimal::div(Decimal other, RoundingMode mode, bool *inexact) const
{
    if (other.m_raw == 0)
        throw std::domain_error("division by zero");
    const bool negative = (m_raw < 0) != (other.m_raw < 0) && m_raw != 0;
    const U256 num = mul128(magnitude(m_raw), kOne);
    return Decimal::fromRaw(divideRounded(num, magnitude(other.m_raw), negative, mode, inexact));
}

Decimal Decimal::divInt(std::int64_t divisor, RoundingMode mode, bool *inexact) const
{
    if (divisor == 0)
        throw std::domain_error("division by zero");
    const bool negative = (m_raw < 0) != (divisor < 0) && m_raw != 0;
    const U128 d = divisor < 0 ? static_cast<U128>(-static_cast<I128>(divisor)) : static_cast<U128>(divisor);
    const U128 mag = magnitude(m_raw);
    U128 q = mag / d;
    const U128 rem = mag % d;
    if (inexact)
        *inexact = rem != 0;
    if (roundUpMagnitude(q, rem, d, negative, mode))
        ++q;
    return Decimal::fromRaw(fromMagnitude(q, negative));
}

Decimal Decimal::round(int scale, RoundingMode mode) const
{
    if (scale < 0 || scale > Scale)
        throw std::invalid_argument("rounding scale must be between 0 and 18");
    if (scale == Scale)
        return *this;
    const U128 unit = pow10u(Scale - scale);
    const bool negative = m_raw < 0;
    const U128 mag = magnitude(m_raw);
    U128 q = mag / unit;
    const U128 rem = mag % unit;
    if (roundUpMagnitude(q, rem, unit, negative, mode))
        ++q;
    const U256 back = mul128(q, unit);
    if (back.hi != 0)
        throw DecimalOverflow("decimal overflow");
    return Decimal::fromRaw(fromMagnitude(back.lo, negative && q != 0));
}

namespace {
std::string magnitudeDigits(U128 v)
{
    if (v == 0)
        return "0";
    char buf[48];
    int pos = 48;
    while (v != 0) {
        buf[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    }
    return std::string(buf + pos, buf + 48);
}
} // namespace

std::size_t Decimal::format(char *buf) const
{
    const U128 mag = magnitude(m_raw);
    U128 ip = mag / kOne;
    auto fp = static_cast<std::uint64_t>(mag % kOne);
    char *p = buf;
    if (m_raw < 0)
        *p++ = '-';
    char digits[48];
    int pos = 48;
    while ((ip >> 64) != 0) {
        digits[--pos] = static_cast<char>('0' + static_cast<int>(ip % 10));
        ip /= 10;
    }
    auto small = static_cast<std::uint64_t>(ip);
    do {
        digits[--pos] = static_cast<char>('0' + static_cast<int>(small % 10));
        small /= 10;
    } while (small != 0);
    std::memcpy(p, digits + pos, static_cast<std::size_t>(48 - pos));
    p += 48 - pos;
    if (fp != 0) {
        char frac[Scale];
        for (int i = Scale - 1; i >= 0; --i) {
            frac[i] = static_cast<char>('0' + static_cast<int>(fp % 10));
            fp /= 10;
        }
        int n = Scale;
        while (frac[n - 1] == '0')
            --n;
        *p++ = '.';
        std::memcpy(p, frac, static_cast<std::size_t>(n));
        p += n;
    }
    return static_cast<std::size_t>(p - buf);
}

std::string Decimal::toStdString() const
{
    char buf[kFormatBufferSize];
    return std::string(buf, format(buf));
}

std::string Decimal::toFixedStdString(int scale) const
{
    if (scale < 0 || scale > Scale)
        throw std::invalid_argument("scale must be between 0 and 18");
    // Cutting digits off would round toward zero silently (and print -0.001 as "-0.00"):
    // a value with more digits is rounded half-even, the type's default, instead.
    const Decimal v = round(scale, RoundingMode::HalfEven);
    const U128 mag = magnitude(v.m_raw);
    const U128 ip = mag / kOne;
    const U128 fp = mag % kOne;
    std::string s = v.m_raw < 0 ? "-" : "";
    s += magnitudeDigits(ip);
    if (scale > 0) {
        std::string frac = magnitudeDigits(fp);
        frac.insert(0, static_cast<std::size_t>(Scale) - frac.size(), '0');
        s += '.';
        s += frac.substr(0, static_cast<std::size_t>(scale));
    }
    return s;
}

} // namespace tl
