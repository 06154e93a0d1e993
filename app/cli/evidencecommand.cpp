// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/store/workspacestore.h"
#include "core/reconcile/resultwriter.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace tl;

namespace tl::cli {

int cmdEvidence(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("file"), QStringLiteral("field"), QStringLiteral("value"),
                                  QStringLiteral("expect-version"), QStringLiteral("days"), QStringLiteral("as-of"), QStringLiteral("user")};
    if (!parseArgs(args, valued, &a, &error) || a.positional.isEmpty())
        return fail(error.isEmpty() ? QStringLiteral("usage: tokenledger-cli --workspace W evidence list|add|edit|export|due|history") : error);
    WorkspaceStore ws;
    if (!openWorkspace(ws))
        return 3;
    if (a.options.contains(QStringLiteral("user")))
        ws.setUser(a.options.value(QStringLiteral("user")));
    const QString sub = a.positional[0];
    auto print = [](const std::vector<StoredEvidence> &list) {
        for (const StoredEvidence &s : list)
            out() << s.entry.evidenceId << '\t' << WorkspaceStore::evidenceField(s.entry, QStringLiteral("status")) << '\t'
                  << WorkspaceStore::evidenceField(s.entry, QStringLiteral("next_review_on")) << '\t' << s.entry.owner << "\tv"
                  << s.rowVersion << '\t' << s.entry.assumption << '\n';
    };
    if (sub == QLatin1String("list")) {
        print(ws.evidence(&error));
        return error.isEmpty() ? 0 : fail(error);
    }
    if (sub == QLatin1String("add")) {
        QByteArray bytes;
        if (!a.options.contains(QStringLiteral("file")) || !readFile(a.options.value(QStringLiteral("file")), &bytes, &error))
            return fail(error.isEmpty() ? QStringLiteral("usage: evidence add --file ENTRY.json") : error);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
        if (pe.error != QJsonParseError::NoError)
            return fail(QStringLiteral("%1: not valid JSON: %2").arg(a.options.value(QStringLiteral("file")), pe.errorString()));
        QJsonArray list = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
        for (const QJsonValue &v : list) {
            EvidenceEntry e;
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                if (!WorkspaceStore::setEvidenceField(e, it.key(), it.value().toVariant().toString(), &error))
                    return fail(error);
            if (!ws.addEvidence(e, &error))
                return fail(error);
            out() << "evidence " << e.evidenceId << " added (row version 1)\n";
        }
        return 0;
    }
    if (sub == QLatin1String("edit") && a.positional.size() == 2) {
        bool ok = false;
        const qint64 v = a.options.value(QStringLiteral("expect-version")).toLongLong(&ok);
        if (!ok || !a.options.contains(QStringLiteral("field")) || !a.options.contains(QStringLiteral("value")))
            return fail(QStringLiteral("usage: evidence edit ID --field F --value V --expect-version N"));
        if (!ws.editEvidence(a.positional[1], a.options.value(QStringLiteral("field")), a.options.value(QStringLiteral("value")), v, &error))
            return fail(error);
        out() << "evidence " << a.positional[1] << " updated (row version " << v + 1 << ")\n";
        return 0;
    }
    if (sub == QLatin1String("history") && a.positional.size() == 2) {
        for (const EvidenceChange &c : ws.evidenceHistory(a.positional[1], &error))
            out() << c.changedAt << '\t' << c.changedBy << '\t' << c.field << '\t' << c.oldValue << " -> " << c.newValue << '\n';
        return error.isEmpty() ? 0 : fail(error);
    }
    if (sub == QLatin1String("export") && a.positional.size() == 2) {
        const QByteArray csv = ws.evidenceCsv(&error);
        if (!error.isEmpty())
            return fail(error);
        if (a.positional[1] == QLatin1String("-")) {
            out() << QString::fromUtf8(csv);
            return 0;
        }
        if (!ResultWriter::writeFile(a.positional[1], csv, &error))
            return fail(error);
        out() << "evidence register written to " << a.positional[1] << '\n';
        return 0;
    }
    if (sub == QLatin1String("due")) {
        const int days = a.options.value(QStringLiteral("days"), QStringLiteral("0")).toInt();
        QDate asOf = QDate::currentDate();
        if (a.options.contains(QStringLiteral("as-of"))) {
            asOf = QDate::fromString(a.options.value(QStringLiteral("as-of")), Qt::ISODate);
            if (!asOf.isValid())
                return fail(QStringLiteral("--as-of: expected YYYY-MM-DD"));
        }
        print(ws.dueEvidence(asOf, days, &error));
        return error.isEmpty() ? 0 : fail(error);
    }
    return fail(QStringLiteral("usage: tokenledger-cli --workspace W evidence list|add --file F|edit ID ...|export CSV|due [--days N]|history ID"));
}

} // namespace tl::cli
