// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/clireport.h"
#include "app/cli/commands.h"
#include "app/cli/reconciledinput.h"
#include "core/export/focusexporter.h"
#include "core/export/htmlreport.h"
#include "core/export/ledgerexporter.h"
#include "core/packet/packetexporter.h"
#include "core/reconcile/resultwriter.h"

#include <QFileInfo>

using namespace tl;

namespace tl::cli {

namespace {

const char kExportUsage[] = "usage: tokenledger-cli export JOB.json --as csv|xlsx|focus|html|pdf --out FILE\n"
                            "       tokenledger-cli --workspace W export --run ID --as csv|xlsx|focus|html|pdf --out FILE";

} // namespace

int cmdExport(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("as"), QStringLiteral("out"), QStringLiteral("run")}, &a, &error)
        || (a.positional.size() != 1 && !a.options.contains(QStringLiteral("run"))) || !a.options.contains(QStringLiteral("as"))
        || !a.options.contains(QStringLiteral("out"))) {
        err() << (error.isEmpty() ? QString::fromLatin1(kExportUsage) : error) << '\n';
        return 3;
    }
    const QString as = a.options.value(QStringLiteral("as")).toLower();
    const QStringList kinds = {QStringLiteral("csv"), QStringLiteral("xlsx"), QStringLiteral("focus"), QStringLiteral("html"), QStringLiteral("pdf")};
    if (!kinds.contains(as))
        return fail(QStringLiteral("--as: expected one of %1, got '%2'").arg(kinds.join(QStringLiteral(", ")), a.options.value(QStringLiteral("as"))));
    if (as == QLatin1String("pdf") && !pdfReportAvailable())
        return fail(QStringLiteral("--as pdf: this build has no PDF report (built without the UI libraries); use --as html"));
    const QString path = a.options.value(QStringLiteral("out"));
    ReconciledInput in;
    if (!loadReconciled(a, false, &in, &error))
        return fail(error);
    const QString title = QStringLiteral("Reconciliation report %1 %2").arg(in.job.period.accountRef, PacketExporter::periodLabel(in.job.period));
    bool ok = false;
    qint64 rows = -1;
    if (as == QLatin1String("csv")) {
        ok = LedgerExporter::writeCsv(path, in.result, in.set, &error);
        rows = static_cast<qint64>(in.result.lineRow.size());
    } else if (as == QLatin1String("xlsx")) {
        ok = LedgerExporter::writeXlsx(path, in.result, in.set, &error);
        rows = static_cast<qint64>(in.result.lineRow.size());
    } else if (as == QLatin1String("focus")) {
        const QByteArray csv = FocusExporter::focusCsv(in.result, in.set);
        ok = ResultWriter::writeFile(path, csv, &error);
        rows = csv.count('\n') - 1;
    } else if (as == QLatin1String("html")) {
        ok = HtmlReport::write(path, in.result, in.set, title, &error);
    } else {
        PacketReportContext ctx;
        ctx.periodLabel = PacketExporter::periodLabel(in.job.period);
        ctx.preparer = qEnvironmentVariable("USER");
        const QByteArray pdf = pdfReportRenderer()(in.result, in.set, ctx, &error);
        ok = !pdf.isEmpty() && ResultWriter::writeFile(path, pdf, &error);
    }
    if (!ok)
        return fail(error);
    out() << path << '\n';
    if (rows >= 0)
        out() << rows << " row(s); decision: " << decisionName(in.result.decision) << '\n';
    else
        out() << "decision: " << decisionName(in.result.decision) << '\n';
    return 0;
}

} // namespace tl::cli
