// SPDX-License-Identifier: Apache-2.0
#include "core/import/tabularfields.h"

#include "core/util/timeutil.h"

#include <QStringList>

namespace tl::tabular {

std::string_view trimmed(std::string_view v)
{
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
        v.remove_suffix(1);
    return v;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto x = static_cast<unsigned char>(a[i]);
        const auto y = static_cast<unsigned char>(b[i]);
        if (x != y && std::tolower(x) != std::tolower(y))
            return false;
    }
    return true;
}

void checkWidth(const ImportContext &ctx, const CsvReader &reader, int headerWidth)
{
    if (reader.size() != headerWidth)
        ctx.fail(reader.line(), QString(),
                 QStringLiteral("expected %1 fields as in the header, got %2").arg(headerWidth).arg(reader.size()));
}

QString text(const CsvReader &reader, int index)
{
    const std::string_view v = cell(reader, index);
    return ImportContext::isNull(v) ? QString() : ImportContext::qstr(v);
}

std::string_view requiredCell(const ImportContext &ctx, const CsvReader &reader, int index, const char *column)
{
    const std::string_view v = cell(reader, index);
    if (ImportContext::isNull(v))
        ctx.fail(reader.line(), QLatin1String(column), QStringLiteral("a value is required here, got an empty cell"));
    return v;
}

QString outcomeNames()
{
    QStringList names;
    for (int i = 0; i < OutcomeCount; ++i)
        names << QLatin1String(outcomeName(static_cast<Outcome>(i)));
    return names.join(QStringLiteral(", "));
}

Outcome outcome(const ImportContext &ctx, std::string_view v, qint64 line, const char *column)
{
    Outcome o = Outcome::Unknown;
    if (!parseOutcome(v, &o))
        ctx.fail(line, QLatin1String(column),
                 QStringLiteral("unknown outcome class %1; expected one of %2").arg(shown(v), outcomeNames()));
    return o;
}

std::int8_t role(const ImportContext &ctx, std::string_view v, qint64 line, const char *column)
{
    if (ImportContext::isNull(v))
        return 0;
    if (equalsNoCase(v, "primary"))
        return 1;
    if (equalsNoCase(v, "fallback"))
        return 2;
    ctx.fail(line, QLatin1String(column), QStringLiteral("expected primary or fallback, got %1").arg(shown(v)));
}

QString shown(std::string_view v)
{
    QString s = QString::fromUtf8(v.data(), static_cast<qsizetype>(std::min<std::size_t>(v.size(), 60)));
    if (v.size() > 60)
        s += QStringLiteral("…");
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString bound(UtcMicros t)
{
    return t == kNoTime ? QStringLiteral("open") : timeutil::formatUtc(t);
}

} // namespace tl::tabular
