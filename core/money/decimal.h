// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tl {

/** How a value is rounded to a number of fractional digits. */
enum class RoundingMode { HalfEven, HalfUp, Down, Up, Floor, Ceiling };

/** Parses "half-even", "half_up", "down", ... Returns false for an unknown name. */
bool parseRoundingMode(std::string_view name, RoundingMode *out);
const char *roundingModeName(RoundingMode mode);

/** Thrown when a result does not fit the type: overflow is an error, never a wrap. */
class DecimalOverflow : public std::overflow_error
{
public:
    using std::overflow_error::overflow_error;
};

/**
 * An exact decimal: a signed 128-bit integer scaled by 10^18.
 *
 * The range is about ±1.7·10^20 with 18 fractional digits. It is built only from text and
 * integers, never from binary floating point. Addition, subtraction and multiplication by
 * integers are exact or throw DecimalOverflow. Multiplication and division of two decimals
 * round half-even at the 18th digit (the result says when it had to). Formatting for people
 * belongs in the UI; toString() is the canonical machine form.
 */
class Decimal
{
public:
    static constexpr int Scale = 18;
    using Raw = __int128;

    /** What parse() does with digits beyond the 18th fractional one. */
    enum class Excess { Reject, RoundHalfEven };

    struct ParseResult
    {
        bool ok = false;
        bool rounded = false; ///< digits past the scale were rounded away (Excess::RoundHalfEven)
        QString error;        ///< why it failed: names the expected form
    };

    constexpr Decimal() = default;

    static Decimal fromRaw(Raw raw) { Decimal d; d.m_raw = raw; return d; }
    static Decimal fromInt(std::int64_t value);
    /** value / 10^scale exactly, e.g. fromScaled(25, 1) = 2.5. */
    static Decimal fromScaled(std::int64_t value, int scale);

    /**
     * Parses a decimal string or JSON number: optional sign, digits, optional fraction,
     * optional exponent ("1.5e-7", "1E+3", "-0"). Refuses NaN, infinities, thousands
     * separators, commas as decimal points, empty text and values out of range.
     */
    static ParseResult parse(std::string_view text, Decimal *out, Excess excess = Excess::Reject);
    /** parse() for trusted text (tests, constants); throws std::invalid_argument on error. */
    static Decimal fromString(std::string_view text);

    Raw raw() const { return m_raw; }
    bool isZero() const { return m_raw == 0; }
    bool isNegative() const { return m_raw < 0; }
    int signum() const { return m_raw < 0 ? -1 : (m_raw > 0 ? 1 : 0); }

    Decimal operator-() const;
    Decimal abs() const { return m_raw < 0 ? -*this : *this; }
    Decimal operator+(Decimal other) const;
    Decimal operator-(Decimal other) const;
    Decimal &operator+=(Decimal other) { *this = *this + other; return *this; }
    Decimal &operator-=(Decimal other) { *this = *this - other; return *this; }

    /** Exact product with an integer (token counts). */
    Decimal mulInt(std::int64_t factor) const;
    /** Product rounded half-even at the scale; *inexact is set when digits were dropped. */
    Decimal mul(Decimal other, bool *inexact = nullptr) const;
    /** Quotient rounded with mode at the scale; throws std::domain_error on division by zero. */
    Decimal div(Decimal other, RoundingMode mode = RoundingMode::HalfEven, bool *inexact = nullptr) const;
    Decimal divInt(std::int64_t divisor, RoundingMode mode = RoundingMode::HalfEven, bool *inexact = nullptr) const;

    /** Rounds to `scale` fractional digits (0..18) with the given mode. */
    Decimal round(int scale, RoundingMode mode = RoundingMode::HalfEven) const;

    /** Canonical text: no exponent, no trailing fractional zeros, "0" for zero. */
    std::string toStdString() const;
    /** Room format() needs: a sign, 39 integer digits, a point and 18 fraction digits. */
    static constexpr std::size_t kFormatBufferSize = 64;
    /** Writes toStdString()'s text into buf (kFormatBufferSize bytes) without allocating; returns its length. */
    std::size_t format(char *buf) const;
    QString toString() const { return QString::fromStdString(toStdString()); }
    /**
     * Exactly `scale` fractional digits (0..18). Meant for values already rounded to `scale`
     * with an explicit mode; any further digits are rounded half-even, never cut off.
     */
    std::string toFixedStdString(int scale) const;
    QString toFixed(int scale) const { return QString::fromStdString(toFixedStdString(scale)); }

    friend bool operator==(Decimal a, Decimal b) { return a.m_raw == b.m_raw; }
    friend auto operator<=>(Decimal a, Decimal b) { return a.m_raw <=> b.m_raw; }

private:
    Raw m_raw = 0;
};

/** An optional decimal: "unknown" is never zero. */
struct MaybeDecimal
{
    Decimal value;
    bool known = false;
};

} // namespace tl
