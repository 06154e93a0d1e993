// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace tl::bench {

/** Wall-clock seconds (monotonic). */
double nowSeconds();
/** CPU seconds (user + system) this process has used: less sensitive than wall time to other load. */
double cpuSeconds();
/** A field of /proc/self/status in kB ("VmHWM", "VmRSS"), or -1. */
long statusKb(const char *field);
/** Resets the peak resident set (VmHWM) to the current RSS, so a stage's own peak can be read. */
bool resetPeak();
/** Returns freed heap to the system, so that VmRSS shows what is held. */
void trimHeap();

/** What a child process cost: wall time, peak RSS (ru_maxrss) and how it ended. */
struct ChildRun
{
    double wallSeconds = 0;
    long maxRssKb = 0;
    double cpuSeconds = 0; ///< user + system of the child (more than wall when it runs threads)
    int exitCode = -1; ///< -1: did not start or was killed
    QString stdoutPath;
};

/**
 * Runs argv[0] (searched in PATH) with stdout to stdoutPath and stdin from stdinPath (empty:
 * /dev/null), in cwd (empty: ours); waits with wait4 for its rusage. stderr is inherited.
 */
ChildRun runChild(const QStringList &argv, const QString &stdoutPath, const QString &stdinPath = QString(),
                  const QString &cwd = QString());

} // namespace tl::bench
