// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/store/workspacestore.h"

using namespace tl;

namespace tl::cli {

int cmdRuns(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("period")}, &a, &error) || a.positional.isEmpty())
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W runs list|show ID|rerun ID") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    const QString sub = a.positional[0];
    if (sub == QLatin1String("list")) {
        for (const StoredRun &r : ws.runs(a.options.value(QStringLiteral("period")), &error))
            out() << r.id << '\t' << r.periodLabel << '\t' << r.createdAt << '\t' << r.decision << '\t' << r.inputHashes.size()
                  << " input(s)" << (r.rerunOf ? QStringLiteral("\trerun of %1").arg(r.rerunOf) : QString()) << '\n';
        return error.isEmpty() ? 0 : fail(error);
    }
    if ((sub == QLatin1String("show") || sub == QLatin1String("rerun")) && a.positional.size() == 2) {
        bool ok = false;
        qint64 id = a.positional[1].toLongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("expected a run id, got '%1'").arg(a.positional[1]));
        if (sub == QLatin1String("rerun")) {
            const qint64 again = ws.rerun(id, &error);
            if (again <= 0)
                return fail(error);
            StoredRun a0, a1;
            ws.run(id, &a0, &error);
            ws.run(again, &a1, &error);
            out() << "run " << again << " (rerun of " << id << "): summary.json "
                  << (a0.summaryJson == a1.summaryJson ? "identical" : "DIFFERS") << '\n';
            return a0.summaryJson == a1.summaryJson ? 0 : 2;
        }
        StoredRun r;
        if (!ws.run(id, &r, &error))
            return fail(error);
        if (a.flags.contains(QStringLiteral("job"))) {
            out() << QString::fromUtf8(r.jobJson);
            return 0;
        }
        out() << QString::fromUtf8(r.summaryJson);
        return 0;
    }
    return fail(QStringLiteral("usage: tokenledger-cli --workspace W runs list|show ID|rerun ID"));
}

} // namespace tl::cli
