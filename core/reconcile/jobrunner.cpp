// SPDX-License-Identifier: Apache-2.0
#include "core/reconcile/jobrunner.h"

#include "core/import/importer.h"

namespace tl {

void JobRunner::load(const Job &job, LedgerSet &set, bool keepStored, const Progress &progress)
{
    const int total = static_cast<int>(job.inputs.size()) + (job.inlineUsage ? 1 : 0);
    int done = 0;
    if (job.inlineUsage) {
        ImportOptions o;
        o.kind = LedgerKind::Client;
        o.format = QStringLiteral("reconciliation_job_json");
        o.displayName = job.displayName;
        o.accountRef = job.period.accountRef;
        o.currency = job.period.currency;
        Importer::importBytes(job.bytes, o, set, keepStored);
        if (progress)
            progress(++done, total, job.displayName);
    }
    for (const JobInput &in : job.inputs) {
        Importer::importFile(in.path, in.options, set, keepStored);
        if (progress)
            progress(++done, total, in.options.displayName);
    }
}

} // namespace tl
