// SPDX-License-Identifier: Apache-2.0
#include "core/import/importers.h"

#include "core/import/csvreader.h"
#include "core/import/tabularfields.h"

#include <QStringList>

#include <array>

namespace tl::importers {

namespace {
QString treatmentNames()
{
    QStringList names;
    for (int i = 0; i < TreatmentCount; ++i)
        names << QLatin1String(treatmentName(static_cast<Treatment>(i)));
    return names.join(QStringLiteral(", "));
}
} // namespace

// formats.md §8: one treatment per outcome class; a class without a row keeps the default
// of reconciliation.md. Two rows for one class would make the treatment depend on row
// order, so that is an error naming both lines.
void billingPolicyCsv(ImportContext &ctx)
{
    CsvReader r(ctx.bytes, ctx.fileName());
    const CsvHeader h(r);
    const int cOutcome = h.require("outcome");
    const int cTreatment = h.require("treatment");
    const int cEvidence = h.index("evidence_id");
    const int width = static_cast<int>(h.names().size());

    std::array<qint64, OutcomeCount> seenOn{};
    qint64 read = 0;
    while (r.next()) {
        ++read;
        tabular::checkWidth(ctx, r, width);
        const qint64 line = r.line();
        PolicyRow p;
        p.outcome = tabular::outcome(ctx, tabular::requiredCell(ctx, r, cOutcome, "outcome"), line, "outcome");
        const std::string_view t = tabular::requiredCell(ctx, r, cTreatment, "treatment");
        if (!parseTreatment(t, &p.treatment))
            ctx.fail(line, QStringLiteral("treatment"),
                     QStringLiteral("unknown treatment %1; expected one of %2").arg(tabular::shown(t), treatmentNames()));
        qint64 &seen = seenOn[static_cast<std::size_t>(p.outcome)];
        if (seen != 0)
            ctx.fail(line, QStringLiteral("outcome"),
                     QStringLiteral("outcome class %1 already has a policy row on line %2; give each class one row")
                         .arg(QLatin1String(outcomeName(p.outcome)))
                         .arg(seen));
        seen = line;
        p.evidenceId = tabular::text(r, cEvidence);
        p.sourceFile = ctx.fileIndex;
        p.sourceLine = static_cast<std::uint32_t>(line);
        ctx.out.policy.push_back(std::move(p));
    }
    ctx.report.rowsRead = read;
    ctx.report.rowsAccepted = read;
}

} // namespace tl::importers
