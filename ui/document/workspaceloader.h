// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QString>

#include <functional>
#include <memory>
#include <stdexcept>

namespace tl {

/**
 * Loads a job file into a Workspace: reads the job, imports every input (JobRunner) and
 * reconciles. Runs on any thread and touches no QObject. Throws ImportError, ReconcileError,
 * DecimalOverflow as the core does, and Canceled when isCanceled() says so between steps.
 */
class WorkspaceLoader
{
public:
    /** Thrown when the caller asked to stop; nothing was built. */
    class Canceled : public std::runtime_error
    {
    public:
        Canceled() : std::runtime_error("canceled") {}
    };

    /** step in [0, steps]; text says what is being done ("Importing 2 of 7: quota.json"). */
    using Progress = std::function<void(int step, int steps, const QString &text)>;
    using IsCanceled = std::function<bool()>;

    static std::shared_ptr<Workspace> load(const QString &jobPath, const Progress &progress = {},
                                           const IsCanceled &isCanceled = {});
    /**
     * Loads one period of a workspace store (a .tlw file or a PostgreSQL URL) as the command
     * line's `reconcile --period` does: the job the store builds from the period's inputs, each
     * input from its stored bytes. period empty: the latest period (by start). Opens its own
     * connection on the calling thread and closes it before returning.
     */
    static std::shared_ptr<Workspace> loadStore(const QString &location, const QString &period, const Progress &progress = {},
                                                const IsCanceled &isCanceled = {});
    /** A .tlw path or a postgres(ql):// URL. */
    static bool isStoreLocation(const QString &path);
    /** Reconciles a loaded workspace and builds what the views read (alignment, pricer, as-of day). */
    static void finish(Workspace &ws);
    /** Turns any exception the load can throw into the message shown to the user. */
    static QString errorMessage(const std::exception &e);
};

} // namespace tl
