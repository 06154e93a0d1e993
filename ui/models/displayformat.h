// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/attempttable.h"
#include "core/model/providertables.h"
#include "core/money/decimal.h"

#include <QDate>
#include <QLocale>
#include <QString>

namespace tl {

/**
 * Turns exact values into text for people, in the locale's digits and separators. Amounts are
 * formatted from the Decimal's own digit string (never through a double), then localized:
 * thousands grouped, the locale's decimal point and signs. Unknown values are "—", never 0.
 */
class DisplayFormat
{
public:
    /** The text shown for an unknown value. */
    static QString unknown();

    /** Localizes a canonical decimal string ("-1234.5") without changing its digits. */
    static QString localizeDigits(const QString &canonical, const QLocale &locale = QLocale(), bool plusSign = false);
    /** The exact value, trailing zeros removed but at least minDecimals shown ("0.0143664"). */
    static QString exact(Decimal d, int minDecimals = 2, const QLocale &locale = QLocale());
    /** Rounded to `decimals` with mode ("10.81"); plusSign writes "+0.01" for positive values. */
    static QString fixed(Decimal d, int decimals, RoundingMode mode = RoundingMode::HalfEven,
                         bool plusSign = false, const QLocale &locale = QLocale());
    /** The exact value when it has at most maxDecimals digits after the point (at least
     *  minDecimals shown), else rounded half-even to maxDecimals: "4.0019" for 4.001866…, "0.0028". */
    static QString amount(Decimal d, int maxDecimals = 4, int minDecimals = 2, const QLocale &locale = QLocale());
    /** fixed() with the currency code in front: "USD 10.81", "USD +0.01". */
    static QString money(Decimal d, const QString &currency, int decimals, RoundingMode mode = RoundingMode::HalfEven,
                         bool plusSign = false, const QLocale &locale = QLocale());
    static QString money(const MaybeDecimal &d, const QString &currency, int decimals,
                         RoundingMode mode = RoundingMode::HalfEven, bool plusSign = false,
                         const QLocale &locale = QLocale());
    /** numerator / denominator × 100 with `decimals` digits and "%"; "—" when the denominator is 0. */
    static QString percent(Decimal numerator, Decimal denominator, int decimals = 2, bool plusSign = false,
                           const QLocale &locale = QLocale());
    /** A count with thousands separators; negative (unknown) counts give "—". */
    static QString count(qint64 n, const QLocale &locale = QLocale());

    /** "2026-05-01 00:43:07" (UTC). */
    static QString timestamp(UtcMicros t);
    /** "2026-05-01". */
    static QString day(DayNumber d);
    static QString date(const QDate &d);
    /** "May 2026" for a whole calendar month, else "2026-05-01 – 2026-05-14". */
    static QString period(UtcMicros start, UtcMicros end, const QLocale &locale = QLocale());
    /** Outcome/treatment/category identifiers for people: "client_timeout" → "client timeout". */
    static QString words(const char *identifier);
};

} // namespace tl
