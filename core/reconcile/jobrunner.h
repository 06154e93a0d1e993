// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"

#include <functional>

namespace tl {

/**
 * Loads a job's inputs into a LedgerSet, file by file through the Importer (each one an
 * all-or-nothing transaction); a job with inline `usage_rows` imports them from the job file.
 * Throws ImportError on the first bad input.
 */
class JobRunner
{
public:
    using Progress = std::function<void(int done, int total, const QString &file)>;
    static void load(const Job &job, LedgerSet &set, bool keepStored = false, const Progress &progress = {});
};

} // namespace tl
