// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/attempttable.h"
#include "core/model/providertables.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <string_view>

namespace tl {

/** Calendar helpers on UTC microseconds; no QDateTime on hot paths. */
namespace timeutil {

DayNumber daysFromCivil(int y, unsigned m, unsigned d);
void civilFromDays(DayNumber z, int *y, unsigned *m, unsigned *d);
inline DayNumber utcDay(UtcMicros t)
{
    const std::int64_t day = 86400000000LL;
    return static_cast<DayNumber>(t >= 0 ? t / day : (t - day + 1) / day);
}
inline UtcMicros dayStart(DayNumber d) { return static_cast<UtcMicros>(d) * 86400000000LL; }
DayNumber dayFromDate(const QDate &date);
QDate dateFromDay(DayNumber d);
/** "YYYY-MM-DD" */
QString dayString(DayNumber d);

/**
 * Parses an ISO 8601 timestamp: `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]]` followed by `Z`,
 * `±HH:MM`, `±HHMM` or `±HH`; a bare `YYYY-MM-DD` is midnight. Without a zone the text is
 * read in *assumeTz, and is an error when assumeTz is null. A wall time repeated by a DST
 * switch is its first occurrence; one skipped by a switch is read with the offset before it
 * (as Python's zoneinfo does). On error returns false and sets *error to the expected form.
 */
bool parseTimestamp(std::string_view text, const QTimeZone *assumeTz, UtcMicros *out, QString *error);
/** Parses `YYYY-MM-DD` strictly. */
bool parseDate(std::string_view text, QDate *out);
/** `2026-05-01T10:15:22Z`, with `.ffffff` only when the fraction is not zero. */
QString formatUtc(UtcMicros t);
/**
 * Resolves an IANA zone name or "UTC"/"Z"/"+08:00"/"+0800"/"+08"; returns false (and leaves
 * *out alone) for an unknown zone or a malformed or out-of-range (beyond ±14:00) offset.
 */
bool zoneFromName(const QString &name, QTimeZone *out);
/** The calendar day of t in zone tz (UTC fast path). */
DayNumber dayInZone(UtcMicros t, const QTimeZone &tz);

} // namespace timeutil
} // namespace tl
