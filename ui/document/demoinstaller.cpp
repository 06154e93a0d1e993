// SPDX-License-Identifier: Apache-2.0
#include "ui/document/demoinstaller.h"

#include "core/demo/demoworkspace.h"
#include "core/import/importer.h"
#include "core/reconcile/job.h"
#include "core/store/workspacestore.h"
#include "core/util/timeutil.h"
#include "core/util/osuser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace tl {

namespace {

QString tr(const char *s)
{
    return QCoreApplication::translate("tl::DemoInstaller", s);
}

} // namespace

QString DemoInstaller::defaultDirectory()
{
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (!data.isEmpty() && QDir().mkpath(data))
        return QDir(data).filePath(QStringLiteral("demo-workspace"));
    return QDir(QDir::tempPath()).filePath(QStringLiteral("tokenledger-demo"));
}

bool DemoInstaller::install(const QString &dir, QString *tlwPath, QString *error, const Progress &progress)
{
    const QDir d(dir);
    *tlwPath = d.filePath(QStringLiteral("demo.tlw"));
    if (QFileInfo::exists(*tlwPath))
        return true;
    if (!QDir().mkpath(dir)) {
        *error = tr("cannot create %1").arg(dir);
        return false;
    }
    if (progress)
        progress(tr("Generating the demo month (May 2026)"));
    const QString files = d.filePath(QStringLiteral("inputs"));
    if (!DemoWorkspace::write(files, 20260531u, error))
        return false;
    // Built under another name and renamed at the end, so that a half-made workspace is never reused.
    const QString partial = d.filePath(QStringLiteral("demo.partial.tlw"));
    QFile::remove(partial);
    if (!storeFromJob(QDir(files).filePath(QStringLiteral("job.json")), partial, error, progress)) {
        QFile::remove(partial);
        return false;
    }
    QFile::remove(partial + QStringLiteral("-wal"));
    QFile::remove(partial + QStringLiteral("-shm"));
    if (!QFile::rename(partial, *tlwPath)) {
        *error = tr("cannot rename %1 to %2").arg(partial, *tlwPath);
        return false;
    }
    return true;
}

bool DemoInstaller::storeFromJob(const QString &jobPath, const QString &tlwPath, QString *error, const Progress &progress)
{
    try {
        const Job job = Job::load(jobPath);
        QFile f(jobPath);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = tr("cannot read %1").arg(jobPath);
            return false;
        }
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject rp = o.value(QLatin1String("reconciliation_period")).toObject();
        StoredPeriod p;
        p.startUtc = rp.value(QLatin1String("start_utc")).toString();
        p.endUtc = rp.value(QLatin1String("end_utc")).toString();
        p.accountRef = rp.value(QLatin1String("account_ref")).toString();
        p.currency = rp.value(QLatin1String("currency")).toString(QStringLiteral("USD"));
        p.controls = o.value(QLatin1String("controls")).toObject();
        const QDate start = timeutil::dateFromDay(timeutil::utcDay(job.period.start));
        const QDate end = timeutil::dateFromDay(timeutil::utcDay(job.period.end));
        p.label = start.day() == 1 && end == start.addMonths(1) ? start.toString(QStringLiteral("yyyy-MM"))
                                                                : QStringLiteral("%1..%2").arg(start.toString(Qt::ISODate), end.toString(Qt::ISODate));
        WorkspaceStore store;
        store.setUser(OsUser::name());
        if (!store.open(tlwPath, error) || !store.createPeriod(p, error))
            return false;
        int i = 0;
        for (const JobInput &in : job.inputs) {
            ++i;
            if (progress)
                progress(tr("Importing %1 of %2: %3").arg(i).arg(job.inputs.size()).arg(in.options.displayName));
            ImportReport rep;
            // An evidence file also fills the register (WorkspaceStore::importBytes).
            if (!store.importFile(p.label, in.path, in.options, &rep, error))
                return false;
        }
        store.close();
        return true;
    } catch (const ImportError &e) {
        *error = e.toString();
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
    }
    return false;
}

} // namespace tl
