// SPDX-License-Identifier: Apache-2.0
#include "ui/models/displayformat.h"

#include "core/util/timeutil.h"

#include <stdexcept>

namespace tl {

QString DisplayFormat::unknown()
{
    return QStringLiteral("\u2014");
}

QString DisplayFormat::localizeDigits(const QString &canonical, const QLocale &locale, bool plusSign)
{
    QStringView s(canonical);
    bool negative = false;
    if (s.startsWith(u'-')) {
        negative = true;
        s = s.mid(1);
    } else if (s.startsWith(u'+')) {
        s = s.mid(1);
    }
    const qsizetype dot = s.indexOf(u'.');
    const QStringView intPart = dot < 0 ? s : s.left(dot);
    const QStringView fracPart = dot < 0 ? QStringView() : s.mid(dot + 1);

    // Digits in the locale's own script when it has a single zero digit (e.g. Arabic-Indic).
    const QString zero = locale.zeroDigit();
    auto digit = [&zero](QChar c) -> QString {
        if (zero.size() == 1 && zero.at(0) != u'0' && c.isDigit())
            return QString(QChar(zero.at(0).unicode() + (c.unicode() - u'0')));
        return QString(c);
    };
    const QString group = locale.groupSeparator();
    QString out;
    out.reserve(canonical.size() + canonical.size() / 3 + 4);
    bool nonZero = false;
    for (QChar c : s)
        if (c.isDigit() && c != u'0')
            nonZero = true;
    if (negative && nonZero)
        out += locale.negativeSign();
    else if (plusSign && nonZero)
        out += locale.positiveSign();
    for (qsizetype i = 0; i < intPart.size(); ++i) {
        if (i > 0 && (intPart.size() - i) % 3 == 0)
            out += group;
        out += digit(intPart.at(i));
    }
    if (!fracPart.isEmpty()) {
        out += locale.decimalPoint();
        for (QChar c : fracPart)
            out += digit(c);
    }
    return out;
}

QString DisplayFormat::exact(Decimal d, int minDecimals, const QLocale &locale)
{
    QString s = d.toString();
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    const qsizetype have = dot < 0 ? 0 : s.size() - dot - 1;
    if (have < minDecimals) {
        if (dot < 0)
            s += QLatin1Char('.');
        s += QString(minDecimals - have, QLatin1Char('0'));
    }
    return localizeDigits(s, locale);
}

QString DisplayFormat::fixed(Decimal d, int decimals, RoundingMode mode, bool plusSign, const QLocale &locale)
{
    return localizeDigits(d.round(decimals, mode).toFixed(decimals), locale, plusSign);
}

QString DisplayFormat::amount(Decimal d, int maxDecimals, int minDecimals, const QLocale &locale)
{
    const QString s = d.toString();
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    const qsizetype have = dot < 0 ? 0 : s.size() - dot - 1;
    return have <= maxDecimals ? exact(d, minDecimals, locale) : fixed(d, maxDecimals, RoundingMode::HalfEven, false, locale);
}

QString DisplayFormat::money(Decimal d, const QString &currency, int decimals, RoundingMode mode, bool plusSign,
                             const QLocale &locale)
{
    const QString amount = fixed(d, decimals, mode, plusSign, locale);
    return currency.isEmpty() ? amount : currency + QChar(0x00A0) + amount;
}

QString DisplayFormat::money(const MaybeDecimal &d, const QString &currency, int decimals, RoundingMode mode,
                             bool plusSign, const QLocale &locale)
{
    return d.known ? money(d.value, currency, decimals, mode, plusSign, locale) : unknown();
}

QString DisplayFormat::percent(Decimal numerator, Decimal denominator, int decimals, bool plusSign, const QLocale &locale)
{
    if (denominator.isZero())
        return unknown();
    try {
        const Decimal p = numerator.mulInt(100).div(denominator);
        return fixed(p, decimals, RoundingMode::HalfEven, plusSign, locale) + locale.percent();
    } catch (const std::exception &) {
        return unknown();
    }
}

QString DisplayFormat::count(qint64 n, const QLocale &locale)
{
    if (n < 0)
        return unknown();
    return localizeDigits(QString::number(n), locale);
}

QString DisplayFormat::timestamp(UtcMicros t)
{
    if (t == kNoTime)
        return unknown();
    QString s = timeutil::formatUtc(t); // 2026-05-01T10:15:22[.ffffff]Z
    s.replace(10, 1, QLatin1Char(' '));
    if (s.endsWith(QLatin1Char('Z')))
        s.chop(1);
    return s;
}

QString DisplayFormat::day(DayNumber d)
{
    return timeutil::dayString(d);
}

QString DisplayFormat::date(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : unknown();
}

QString DisplayFormat::period(UtcMicros start, UtcMicros end, const QLocale &locale)
{
    if (start == kNoTime || end == kNoTime)
        return unknown();
    const QDate s = timeutil::dateFromDay(timeutil::utcDay(start));
    const QDate e = timeutil::dateFromDay(timeutil::utcDay(end));
    const bool midnight = start % 86400000000LL == 0 && end % 86400000000LL == 0;
    if (midnight && s.day() == 1 && e == s.addMonths(1))
        return QStringLiteral("%1 %2").arg(locale.standaloneMonthName(s.month()), QString::number(s.year()));
    return QStringLiteral("%1 \u2013 %2").arg(timeutil::formatUtc(start), timeutil::formatUtc(end));
}

QString DisplayFormat::words(const char *identifier)
{
    QString s = QString::fromLatin1(identifier);
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    return s;
}

} // namespace tl
