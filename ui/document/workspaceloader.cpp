// SPDX-License-Identifier: Apache-2.0
#include "ui/document/workspaceloader.h"

#include "core/import/importerror.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/store/workspacestore.h"
#include "core/util/timeutil.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>

namespace tl {

void WorkspaceLoader::finish(Workspace &ws)
{
    ws.result = Reconciler::run(ws.job, ws.set);
    ws.alignment = LedgerAlignment::build(ws.job, ws.set, ws.result);
    ws.pricer = std::make_unique<Pricer>(ws.set, ws.job.period.snapshotId);
    const UtcMicros asOf = ws.result.controls.asOf != kNoTime ? ws.result.controls.asOf : ws.result.period.end;
    ws.asOf = asOf == kNoTime ? QDate() : timeutil::dateFromDay(timeutil::utcDay(asOf));
}

std::shared_ptr<Workspace> WorkspaceLoader::load(const QString &jobPath, const Progress &progress, const IsCanceled &isCanceled)
{
    auto check = [&isCanceled] {
        if (isCanceled && isCanceled())
            throw Canceled();
    };
    auto ws = std::make_shared<Workspace>();
    ws->job = Job::load(jobPath);
    check();

    // The names in the order JobRunner reads them, so that progress can say what comes next.
    QStringList names;
    if (ws->job.inlineUsage)
        names << ws->job.displayName;
    for (const JobInput &in : ws->job.inputs)
        names << in.options.displayName;
    const int steps = static_cast<int>(names.size()) + 1; // + reconcile
    auto announce = [&](int done) {
        if (!progress)
            return;
        if (done < names.size())
            progress(done, steps, QCoreApplication::translate("tl::WorkspaceLoader", "Importing %1 of %2: %3")
                                      .arg(done + 1).arg(names.size()).arg(names.at(done)));
        else
            progress(done, steps, QCoreApplication::translate("tl::WorkspaceLoader", "Reconciling %1 client rows")
                                      .arg(ws->set.client.size()));
    };
    announce(0);
    // The progress callback runs after each file; a cancel request stops before the next one
    // (each import is a transaction, so nothing half-read is left behind).
    JobRunner::load(ws->job, ws->set, false, [&](int done, int, const QString &) {
        check();
        announce(done);
    });
    check();
    finish(*ws);
    check();
    if (progress)
        progress(steps, steps, QCoreApplication::translate("tl::WorkspaceLoader", "Done"));
    return ws;
}

bool WorkspaceLoader::isStoreLocation(const QString &path)
{
    return path.endsWith(QLatin1String(".tlw"), Qt::CaseInsensitive) || path.startsWith(QLatin1String("postgres://"))
        || path.startsWith(QLatin1String("postgresql://"));
}

std::shared_ptr<Workspace> WorkspaceLoader::loadStore(const QString &location, const QString &period, const Progress &progress,
                                                      const IsCanceled &isCanceled)
{
    auto check = [&isCanceled] {
        if (isCanceled && isCanceled())
            throw Canceled();
    };
    auto say = [&progress](int step, const QString &text) {
        if (progress)
            progress(step, 4, text);
    };
    const QString name = location.contains(QLatin1String("://")) ? location.section(QLatin1Char('@'), -1) : QFileInfo(location).fileName();
    say(0, QCoreApplication::translate("tl::WorkspaceLoader", "Opening %1").arg(name));
    WorkspaceStore store;
    QString error;
    if (!store.open(location, &error))
        throw std::runtime_error(error.toStdString());
    const std::vector<StoredPeriod> periods = store.periods(&error);
    if (!error.isEmpty())
        throw std::runtime_error(error.toStdString());
    if (periods.empty())
        throw std::runtime_error(QCoreApplication::translate("tl::WorkspaceLoader",
                                                            "%1 has no period yet: create one (tokenledger-cli --workspace %1 periods create …) "
                                                            "and import its files")
                                     .arg(name)
                                     .toStdString());
    const StoredPeriod *chosen = nullptr;
    for (const StoredPeriod &p : periods)
        if (period.isEmpty() ? (!chosen || p.startUtc > chosen->startUtc) : p.label == period)
            chosen = &p;
    if (!chosen)
        throw std::runtime_error(QCoreApplication::translate("tl::WorkspaceLoader", "%1 has no period %2").arg(name, period).toStdString());
    check();
    auto ws = std::make_shared<Workspace>();
    ws->storeLocation = location;
    ws->periodLabel = chosen->label;
    ws->storedPeriods = periods;
    // The inputs the editors edit come from the same read as the job (another user may replace one meanwhile).
    if (!store.buildJobJson(chosen->label, &ws->storedJobJson, &error, &ws->storedInputs))
        throw std::runtime_error(error.toStdString());
    say(1, QCoreApplication::translate("tl::WorkspaceLoader", "Importing the stored inputs of %1").arg(chosen->label));
    if (!store.loadJob(ws->storedJobJson, &ws->job, &ws->set, false, &error))
        throw std::runtime_error(error.toStdString());
    // What the input editors edit: the bytes of the reference tables (storedInputs is in job.inputs' order).
    ws->periodFrozenAt = chosen->frozenAt;
    ws->storedRuns = store.runs(chosen->label, &error);
    if (!error.isEmpty())
        throw std::runtime_error(error.toStdString());
    for (StoredRun &run : ws->storedRuns) { // what the sidebar lists, not the bytes
        run.jobJson.clear();
        run.summaryJson.clear();
    }
    for (const StoredInput &in : ws->storedInputs)
        if (in.kind == QLatin1String("owners") || in.kind == QLatin1String("mapping") || in.kind == QLatin1String("policy")
            || in.kind == QLatin1String("prices"))
            ws->storedBytes.insert(in.sha256Stored, store.fileBytes(in.sha256Stored));
    store.close();
    ws->job.path = location;
    ws->job.displayName = QStringLiteral("%1 · %2").arg(name, chosen->label);
    check();
    say(2, QCoreApplication::translate("tl::WorkspaceLoader", "Reconciling %1 client rows").arg(ws->set.client.size()));
    finish(*ws);
    check();
    say(4, QCoreApplication::translate("tl::WorkspaceLoader", "Done"));
    return ws;
}

QString WorkspaceLoader::errorMessage(const std::exception &e)
{
    if (const auto *ie = dynamic_cast<const ImportError *>(&e))
        return ie->toString();
    if (const auto *re = dynamic_cast<const ReconcileError *>(&e))
        return re->message();
    if (dynamic_cast<const DecimalOverflow *>(&e))
        return QCoreApplication::translate("tl::WorkspaceLoader", "an amount is out of range: %1").arg(QString::fromUtf8(e.what()));
    return QString::fromUtf8(e.what());
}

} // namespace tl
