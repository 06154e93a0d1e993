// SPDX-License-Identifier: Apache-2.0
#include "ui/document/workspaceloader.h"

#include "core/import/importerror.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/util/timeutil.h"

#include <QCoreApplication>
#include <QStringList>

namespace tl {

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
    ws->result = Reconciler::run(ws->job, ws->set);
    check();
    ws->pricer = std::make_unique<Pricer>(ws->set, ws->job.period.snapshotId);
    const UtcMicros asOf = ws->result.controls.asOf != kNoTime ? ws->result.controls.asOf : ws->result.period.end;
    ws->asOf = asOf == kNoTime ? QDate() : timeutil::dateFromDay(timeutil::utcDay(asOf));
    if (progress)
        progress(steps, steps, QCoreApplication::translate("tl::WorkspaceLoader", "Done"));
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
