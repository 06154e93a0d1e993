// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/store/workspacestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace tl;

namespace tl::cli {

// tokenledger-cli --workspace W inputs --period L [--all] [--json]: the inputs a run of the period
// uses, in order; --all adds the replaced ones (the period's input history).
int cmdInputs(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("period")}, &a, &error) || !a.positional.isEmpty() || !a.options.contains(QStringLiteral("period")))
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W inputs --period L [--all] [--json]") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    const QString label = a.options.value(QStringLiteral("period"));
    StoredPeriod p;
    if (!ws.period(label, &p, &error))
        return fail(error);
    const std::vector<StoredInput> list =
        ws.inputs(label, &error, a.flags.contains(QStringLiteral("all")) ? InputScope::All : InputScope::Current);
    if (!error.isEmpty())
        return fail(error);
    if (a.flags.contains(QStringLiteral("json"))) {
        QJsonArray arr;
        for (const StoredInput &in : list) {
            QJsonObject o{{QStringLiteral("seq"), in.seq},
                          {QStringLiteral("kind"), in.kind},
                          {QStringLiteral("format"), in.format},
                          {QStringLiteral("name"), in.originalName},
                          {QStringLiteral("sha256"), in.sha256Stored},
                          {QStringLiteral("options"), in.options},
                          {QStringLiteral("added_by"), in.addedBy},
                          {QStringLiteral("added_at"), in.addedAt}};
            if (in.supersededBy > 0)
                o.insert(QStringLiteral("superseded_by"), in.supersededBy);
            arr.append(o);
        }
        out() << QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Indented));
        return 0;
    }
    for (const StoredInput &in : list) {
        out() << in.seq << '\t' << in.kind << '\t' << in.format << '\t' << in.originalName << '\t' << in.sha256Stored.left(12) << '\t'
              << in.addedBy << ' ' << in.addedAt;
        if (in.supersededBy > 0)
            out() << "\treplaced by " << in.supersededBy;
        out() << '\n';
    }
    if (list.empty())
        out() << "period " << label << " has no inputs yet\n";
    return 0;
}

} // namespace tl::cli
