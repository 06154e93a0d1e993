// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <functional>

namespace tl {

/**
 * Makes the bundled demo workspace (`tokenledger --demo`): the month core/demo generates, written
 * into a folder, then stored as a .tlw workspace with one period, every input imported and the
 * evidence register filled from the demo's evidence file, as a team would set it up with the
 * command line. Reuses the workspace when it is already there. Runs on any thread, no QObject.
 */
class DemoInstaller
{
public:
    using Progress = std::function<void(const QString &text)>;

    /** The app-data folder (or a temporary one when that is not writable). */
    static QString defaultDirectory();
    /** Returns the .tlw path in *tlwPath; false with *error. */
    static bool install(const QString &dir, QString *tlwPath, QString *error, const Progress &progress = {});
    /**
     * Stores a job as a workspace: a period from the job's period and controls (label YYYY-MM
     * for a calendar month), each input imported with the job's options, and the job's
     * evidence entries added to the register.
     */
    static bool storeFromJob(const QString &jobPath, const QString &tlwPath, QString *error, const Progress &progress = {});
};

} // namespace tl
