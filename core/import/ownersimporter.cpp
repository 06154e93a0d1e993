// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/tabularfields.h"

#include <QHash>
#include <QHostAddress>

namespace tl::importers {

namespace {

const char kRuleForm[] = "expected \"direct\" or \"shared:<group>=<weight>;<group>=<weight>…\"";

// `direct`, or `shared:g1=w1;g2=w2`: the weights are exact decimals (never doubles) because
// the split of a cost must add up to the cost to the last digit (formats.md §7).
std::vector<OwnerRow::Share> parseRule(const ImportContext &ctx, std::string_view rule, qint64 line)
{
    std::vector<OwnerRow::Share> shares;
    if (ImportContext::isNull(rule) || tabular::equalsNoCase(rule, "direct"))
        return shares;
    const auto bad = [&](const QString &why) {
        ctx.fail(line, QStringLiteral("allocation_rule"),
                 QStringLiteral("%1 in %2; %3").arg(why, tabular::shown(rule), QString::fromUtf8(kRuleForm)));
    };
    if (rule.size() < 7 || !tabular::equalsNoCase(rule.substr(0, 7), "shared:"))
        bad(QStringLiteral("unknown rule"));
    std::string_view rest = rule.substr(7);
    while (!rest.empty()) {
        const std::size_t semi = rest.find(';');
        const std::string_view part = tabular::trimmed(rest.substr(0, semi));
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        if (part.empty())
            continue; // "a=1;b=1;" ends with an empty part: harmless
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos)
            bad(QStringLiteral("share %1 has no weight").arg(tabular::shown(part)));
        const std::string_view group = tabular::trimmed(part.substr(0, eq));
        const std::string_view weight = tabular::trimmed(part.substr(eq + 1));
        if (group.empty())
            bad(QStringLiteral("share %1 has no group").arg(tabular::shown(part)));
        Decimal w;
        const Decimal::ParseResult pr = Decimal::parse(weight, &w);
        if (!pr.ok)
            bad(QStringLiteral("weight of %1: %2").arg(ImportContext::qstr(group), pr.error));
        if (w.signum() <= 0)
            bad(QStringLiteral("weight of %1 must be positive").arg(ImportContext::qstr(group)));
        const QString g = ImportContext::qstr(group);
        for (const auto &s : shares)
            if (s.group == g)
                bad(QStringLiteral("group %1 is listed twice").arg(g));
        shares.push_back({g, w});
    }
    if (shares.empty())
        bad(QStringLiteral("no shares"));
    return shares;
}

QStringList parseIps(const ImportContext &ctx, std::string_view v, qint64 line)
{
    QStringList ips;
    std::size_t i = 0;
    const auto isSep = [](char c) { return c == ';' || c == '|' || c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (i < v.size()) {
        while (i < v.size() && isSep(v[i]))
            ++i;
        std::size_t j = i;
        while (j < v.size() && !isSep(v[j]))
            ++j;
        if (j > i) {
            const QString ip = ImportContext::qstr(v.substr(i, j - i));
            const bool ok = ip.contains(QLatin1Char('/')) ? QHostAddress::parseSubnet(ip).second >= 0 : !QHostAddress(ip).isNull();
            if (!ok)
                ctx.fail(line, QStringLiteral("allowed_ips"),
                         QStringLiteral("expected IP addresses or CIDR blocks separated by ';', '|' or spaces, got %1").arg(tabular::shown(v.substr(i, j - i))));
            ips << ip;
        }
        i = j;
    }
    return ips;
}

} // namespace

// formats.md §7: who owns each key and how its cost is split.
//
// Decisions where the spec is silent: api_key_name is required (an owner row is found by it);
// a key listed twice is an error naming both lines; monthly_budget cannot be negative;
// allowed_ips entries must be IP addresses or CIDR blocks.
void ownersCsv(ImportContext &ctx)
{
    CsvReader r(ctx.bytes, ctx.fileName());
    const CsvHeader h(r);
    const int cKey = h.require("api_key_name");
    const int cGroup = h.index("owner_group"), cEnv = h.index("environment"), cWorkload = h.index("workload"),
              cCostCenter = h.index("cost_center"), cRule = h.index("allocation_rule"), cBudget = h.index("monthly_budget"),
              cCurrency = h.index("currency"), cIps = h.index("allowed_ips"), cKeyId = h.index("api_key_id");
    const int width = static_cast<int>(h.names().size());

    QHash<QString, qint64> seen;
    qint64 read = 0;
    while (r.next()) {
        ++read;
        tabular::checkWidth(ctx, r, width);
        const qint64 line = r.line();
        OwnerRow o;
        o.apiKeyName = ImportContext::qstr(tabular::requiredCell(ctx, r, cKey, "api_key_name"));
        if (const auto it = seen.constFind(o.apiKeyName); it != seen.constEnd())
            ctx.fail(line, QStringLiteral("api_key_name"),
                     QStringLiteral("key %1 already has an owner row on line %2").arg(o.apiKeyName).arg(it.value()));
        seen.insert(o.apiKeyName, line);
        o.ownerGroup = tabular::text(r, cGroup);
        o.environment = tabular::text(r, cEnv);
        o.workload = tabular::text(r, cWorkload);
        o.costCenter = tabular::text(r, cCostCenter);
        o.allocationRule = tabular::text(r, cRule);
        o.shares = parseRule(ctx, tabular::cell(r, cRule), line);
        o.monthlyBudget = ctx.decimal(tabular::cell(r, cBudget), line, "monthly_budget");
        if (o.monthlyBudget.known && o.monthlyBudget.value.isNegative())
            ctx.fail(line, QStringLiteral("monthly_budget"), QStringLiteral("a budget cannot be negative, got %1").arg(tabular::shown(tabular::cell(r, cBudget))));
        o.currency = tabular::text(r, cCurrency);
        o.allowedIps = parseIps(ctx, tabular::cell(r, cIps), line);
        o.apiKeyId = tabular::text(r, cKeyId);
        o.sourceFile = ctx.fileIndex;
        o.sourceLine = static_cast<std::uint32_t>(line);
        ctx.out.owners.push_back(std::move(o));
    }
    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = read;
}

} // namespace tl::importers
