// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/import/importer.h"
#include "core/store/workspacestore.h"
#include "core/util/timeutil.h"

#include <QFileInfo>
#include <QJsonDocument>

using namespace tl;

namespace tl::cli {

int cmdImport(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("kind"), QStringLiteral("format"), QStringLiteral("assume-tz"),
                                  QStringLiteral("day-tz"), QStringLiteral("observed-at"), QStringLiteral("quota-per-usd"),
                                  QStringLiteral("ratio"), QStringLiteral("snapshot-id"), QStringLiteral("account-ref"), QStringLiteral("period"),
                                  QStringLiteral("replaces")};
    if (!parseArgs(args, valued, &a, &error) || a.positional.size() != 1 || !a.options.contains(QStringLiteral("kind"))) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli import FILE --kind KIND [--format FORMAT] [--json] [--period L [--replaces N]]") : error) << '\n';
        return 3;
    }
    ImportOptions o;
    const QByteArray kind = a.options.value(QStringLiteral("kind")).toUtf8();
    if (!parseLedgerKind(std::string_view(kind.constData(), static_cast<std::size_t>(kind.size())), &o.kind)) {
        err() << "tokenledger-cli: unknown kind '" << a.options.value(QStringLiteral("kind"))
              << "' (client, gateway, provider, finance, invoice, prices, mapping, owners, policy, evidence, units)\n";
        return 3;
    }
    o.format = a.options.value(QStringLiteral("format"));
    o.assumeTz = a.options.value(QStringLiteral("assume-tz"));
    if (a.options.contains(QStringLiteral("day-tz")))
        o.dayTz = a.options.value(QStringLiteral("day-tz"));
    o.snapshotId = a.options.value(QStringLiteral("snapshot-id"));
    o.accountRef = a.options.value(QStringLiteral("account-ref"));
    auto decimalOption = [&](const QString &name, Decimal *outValue) {
        const QByteArray t = a.options.value(name).toUtf8();
        const auto r = Decimal::parse(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), outValue);
        if (!r.ok)
            err() << "tokenledger-cli: --" << name << ": " << r.error << '\n';
        return r.ok;
    };
    if (a.options.contains(QStringLiteral("quota-per-usd")) && !decimalOption(QStringLiteral("quota-per-usd"), &o.quotaPerUsd))
        return 3;
    if (a.options.contains(QStringLiteral("ratio"))) {
        if (!decimalOption(QStringLiteral("ratio"), &o.upstreamRatio.value))
            return 3;
        o.upstreamRatio.known = true;
    }
    if (a.options.contains(QStringLiteral("observed-at"))) {
        const QByteArray t = a.options.value(QStringLiteral("observed-at")).toUtf8();
        QString why;
        if (!timeutil::parseTimestamp(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), nullptr, &o.observedAt, &why)) {
            err() << "tokenledger-cli: --observed-at: " << why << '\n';
            return 3;
        }
    }
    if (g_workspace.isEmpty() && (a.options.contains(QStringLiteral("replaces")) || a.options.contains(QStringLiteral("period")))) {
        err() << "tokenledger-cli: --period and --replaces name a workspace's period and input: add --workspace W\n";
        return 3;
    }
    if (!g_workspace.isEmpty()) {
        if (!a.options.contains(QStringLiteral("period"))) {
            err() << "tokenledger-cli: import into a workspace needs --period LABEL\n";
            return 3;
        }
        WorkspaceStore ws;
        ImportReport r;
        qint64 replaces = 0, newSeq = 0;
        if (a.options.contains(QStringLiteral("replaces"))) {
            bool ok = false;
            replaces = a.options.value(QStringLiteral("replaces")).toLongLong(&ok);
            if (!ok || replaces <= 0) {
                err() << "tokenledger-cli: --replaces takes the number of a current input of the period (see: inputs --period L)\n";
                return 3;
            }
        }
        bool stored = ws.open(g_workspace, &error);
        if (stored && replaces > 0) {
            // The edited file takes the place of input N: one transaction, N kept in the history.
            QByteArray raw;
            std::vector<ImportReport> reports;
            std::vector<qint64> seqs;
            o.displayName = QFileInfo(a.positional[0]).fileName();
            stored = readFile(a.positional[0], &raw, &error)
                  && ws.saveInputs(a.options.value(QStringLiteral("period")), {InputChange{raw, o, replaces}}, &reports, &error, &seqs);
            if (stored) {
                r = reports.front();
                newSeq = seqs.front();
            }
        } else if (stored) {
            stored = ws.importFile(a.options.value(QStringLiteral("period")), a.positional[0], o, &r, &error);
        }
        if (!stored) {
            err() << "tokenledger-cli: " << error << '\n';
            return 3;
        }
        if (a.flags.contains(QStringLiteral("json")))
            out() << QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented));
        else
            out() << r.toText();
        out() << "stored in period " << a.options.value(QStringLiteral("period")) << " as " << r.sha256Stored;
        if (replaces > 0)
            out() << ", input " << newSeq << " (replaces input " << replaces << ", kept in the period's history)";
        out() << '\n';
        if (o.kind == LedgerKind::Evidence)
            out() << "evidence register: " << ws.lastEvidenceAdded() << " entr" << (ws.lastEvidenceAdded() == 1 ? "y" : "ies")
                  << " added, " << ws.lastEvidenceKept() << " already there (kept as they are)\n";
        return r.quarantinedTotal() > 0 ? 1 : 0;
    }
    {
        LedgerSet set;
        const ImportReport r = Importer::importFile(a.positional[0], o, set);
        if (a.flags.contains(QStringLiteral("json")))
            out() << QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Indented));
        else
            out() << r.toText();
        return r.quarantinedTotal() > 0 ? 1 : 0;
    }
}

} // namespace tl::cli
