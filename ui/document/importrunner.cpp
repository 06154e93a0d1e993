// SPDX-License-Identifier: Apache-2.0
#include "ui/document/importrunner.h"

#include "core/import/importer.h"
#include "core/util/timeutil.h"
#include "core/model/ledgerset.h"
#include "core/util/osuser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace tl {

namespace {

QString tr(const char *s)
{
    return QCoreApplication::translate("tl::ImportRunner", s);
}

} // namespace

ImportOutcome ImportRunner::run(const std::vector<ImportRequest> &files, const ImportTarget &target, const Progress &progress,
                                const IsCanceled &isCanceled)
{
    ImportOutcome out;
    const int n = static_cast<int>(files.size());
    auto say = [&](int done, const QString &text) {
        if (progress)
            progress(done, n, text);
    };
    WorkspaceStore store;
    store.setUser(OsUser::name());
    const bool toStore = target.kind == ImportTarget::Kind::Store || target.kind == ImportTarget::Kind::NewStore;
    QString period = target.period;
    if (toStore) {
        say(0, tr("Opening %1").arg(QFileInfo(target.location).fileName()));
        if (!store.open(target.location, &out.error))
            return out;
        if (target.kind == ImportTarget::Kind::NewStore) {
            period = target.newPeriod.label;
            StoredPeriod existing;
            QString ignored;
            if (!store.period(period, &existing, &ignored) && !store.createPeriod(target.newPeriod, &out.error))
                return out;
        }
    }
    LedgerSet scratch;
    for (int i = 0; i < n; ++i) {
        if (isCanceled && isCanceled()) {
            out.canceled = true;
            return out;
        }
        const ImportRequest &f = files[static_cast<std::size_t>(i)];
        const qint64 size = QFileInfo(f.path).size();
        say(i, tr("Importing %1 of %2: %3 (%4 KB)").arg(i + 1).arg(n).arg(QFileInfo(f.path).fileName()).arg((size + 1023) / 1024));
        try {
            if (toStore) {
                ImportReport rep;
                if (f.replaces > 0) {
                    // It takes the place of the period's current input of its kind (kept in the history).
                    QFile in(f.path);
                    if (!in.open(QIODevice::ReadOnly)) {
                        out.error = tr("%1: cannot open: %2").arg(f.options.displayName, in.errorString());
                        return out;
                    }
                    std::vector<ImportReport> reps;
                    if (!store.saveInputs(period, {InputChange{in.readAll(), f.options, f.replaces}}, &reps, &out.error))
                        return out;
                    rep = reps.front();
                } else if (!store.importFile(period, f.path, f.options, &rep, &out.error)) {
                    return out;
                }
                out.reports.push_back(rep);
                ++out.imported;
            } else {
                out.reports.push_back(Importer::importFile(f.path, f.options, scratch));
            }
        } catch (const ImportError &e) {
            out.error = e.toString();
            return out;
        } catch (const std::exception &e) {
            out.error = QStringLiteral("%1: %2").arg(QFileInfo(f.path).fileName(), QString::fromUtf8(e.what()));
            return out;
        }
    }
    if (isCanceled && isCanceled()) {
        out.canceled = true;
        return out;
    }
    if (target.kind == ImportTarget::Kind::JobFile) {
        say(n, tr("Adding the inputs to %1").arg(QFileInfo(target.location).fileName()));
        if (!addInputsToJob(target.location, files, &out.error))
            return out;
        out.imported = n;
    }
    say(n, tr("Done"));
    return out;
}

bool ImportRunner::addInputsToJob(const QString &jobPath, const std::vector<ImportRequest> &files, QString *error)
{
    QFile in(jobPath);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(jobPath, in.errorString());
        return false;
    }
    QJsonParseError pe;
    QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = tr("%1 is not a job file: %2").arg(jobPath, pe.errorString());
        return false;
    }
    QJsonObject job = doc.object();
    QJsonArray inputs = job.value(QLatin1String("inputs")).toArray();
    const QDir base = QFileInfo(jobPath).absoluteDir();
    for (const ImportRequest &f : files) {
        const QString rel = base.relativeFilePath(QFileInfo(f.path).absoluteFilePath());
        QJsonObject o;
        o.insert(QStringLiteral("kind"), QString::fromLatin1(ledgerKindName(f.options.kind)));
        o.insert(QStringLiteral("format"), f.options.format);
        o.insert(QStringLiteral("path"), rel.startsWith(QLatin1String("..")) ? QFileInfo(f.path).absoluteFilePath() : rel);
        if (f.options.observedAt != kNoTime)
            o.insert(QStringLiteral("observed_at"), timeutil::formatUtc(f.options.observedAt));
        if (!f.options.assumeTz.isEmpty())
            o.insert(QStringLiteral("assume_tz"), f.options.assumeTz);
        if (!f.options.dayTz.isEmpty() && f.options.dayTz != QLatin1String("UTC"))
            o.insert(QStringLiteral("day_tz"), f.options.dayTz);
        // In place of input N (1-based) of the same kind: it leaves the job, its file stays where it is.
        if (f.replaces > 0) {
            const qsizetype at = static_cast<qsizetype>(f.replaces) - 1;
            LedgerKind kind = LedgerKind::Client;
            const QByteArray k = at < inputs.size() ? inputs[at].toObject().value(QLatin1String("kind")).toString().toLatin1() : QByteArray();
            if (at >= inputs.size() || !parseLedgerKind(std::string_view(k.constData(), static_cast<std::size_t>(k.size())), &kind)
                || kind != f.options.kind) {
                *error = tr("%1 was to replace input %2 of %3, which is no %4 input (the job changed meanwhile?); the job was not changed")
                             .arg(f.options.displayName)
                             .arg(f.replaces)
                             .arg(QFileInfo(jobPath).fileName(), QString::fromLatin1(ledgerKindName(f.options.kind)));
                return false;
            }
            inputs[at] = o;
        } else {
            inputs.append(o);
        }
    }
    job.insert(QStringLiteral("inputs"), inputs);
    QSaveFile out(jobPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(job).toJson(QJsonDocument::Indented)) < 0 || !out.commit()) {
        *error = tr("cannot write %1: %2").arg(jobPath, out.errorString());
        return false;
    }
    return true;
}

} // namespace tl
