// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/store/workspacestore.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace tl;

namespace tl::cli {

int cmdPeriods(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("label"), QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("account"),
                                  QStringLiteral("currency"), QStringLiteral("controls")};
    if (!parseArgs(args, valued, &a, &error) || a.positional.isEmpty())
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W periods list|create|freeze") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    const QString sub = a.positional[0];
    if (sub == QLatin1String("list")) {
        for (const StoredPeriod &p : ws.periods(&error))
            out() << p.label << '\t' << p.startUtc << '\t' << p.endUtc << '\t' << p.accountRef << '\t' << p.currency << '\t'
                  << (p.frozen() ? QStringLiteral("frozen %1").arg(p.frozenAt) : QStringLiteral("open")) << '\t'
                  << ws.inputs(p.label).size() << " input(s)\n";
        return error.isEmpty() ? 0 : fail(error);
    }
    if (sub == QLatin1String("create")) {
        StoredPeriod p;
        p.label = a.options.value(QStringLiteral("label"));
        p.startUtc = a.options.value(QStringLiteral("start"));
        p.endUtc = a.options.value(QStringLiteral("end"));
        p.accountRef = a.options.value(QStringLiteral("account"));
        p.currency = a.options.value(QStringLiteral("currency"), QStringLiteral("USD"));
        if (p.label.isEmpty() || p.startUtc.isEmpty() || p.endUtc.isEmpty() || p.accountRef.isEmpty())
            return fail(QStringLiteral("usage: periods create --label L --start UTC --end UTC --account A [--currency USD] [--controls JOB.json]"));
        if (a.options.contains(QStringLiteral("controls"))) {
            QByteArray bytes;
            if (!readFile(a.options.value(QStringLiteral("controls")), &bytes, &error))
                return fail(error);
            const QJsonObject o = QJsonDocument::fromJson(bytes).object();
            p.controls = o.contains(QLatin1String("controls")) ? o.value(QLatin1String("controls")).toObject() : o;
        }
        if (!ws.createPeriod(p, &error))
            return fail(error);
        out() << "period " << p.label << " created\n";
        return 0;
    }
    if (sub == QLatin1String("freeze") && a.positional.size() == 2) {
        if (!ws.freezePeriod(a.positional[1], &error))
            return fail(error);
        out() << "period " << a.positional[1] << " frozen\n";
        return 0;
    }
    return fail(QStringLiteral("usage: tokenledger-cli --workspace W periods list|create|freeze LABEL"));
}

} // namespace tl::cli
