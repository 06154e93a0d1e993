// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importoptions.h"
#include "core/import/importreport.h"
#include "core/store/workspacestore.h"

#include <QString>

#include <functional>
#include <vector>

namespace tl {

/** One file to import and how to read it. */
struct ImportRequest
{
    QString path;
    ImportOptions options;
    /**
     * The input of the same kind this file takes the place of (0: added beside the others): in a
     * store the current input's seq, in a job file the input's number in the job (1-based).
     */
    qint64 replaces = 0;
};

/** Where the files go. */
struct ImportTarget
{
    enum class Kind {
        Check,    ///< read them only (the reports)
        JobFile,  ///< read them, then add them to a job file's inputs
        Store,    ///< import them into a period of a workspace store
        NewStore, ///< create a .tlw workspace with one period, then import into it
    };
    Kind kind = Kind::Check;
    QString location;   ///< the job file, or the store (.tlw path or URL)
    QString period;     ///< Store: the period's label
    StoredPeriod newPeriod; ///< NewStore: the period to create
    /** What a file may replace: a store period's current inputs, or a job file's inputs (seq = number in the job). */
    std::vector<StoredInput> current;
};

/** What an import did: a report per file read, or the error that stopped it. */
struct ImportOutcome
{
    std::vector<ImportReport> reports;
    QString error;     ///< names the file and the line, as the importer says it
    bool canceled = false;
    int imported = 0;  ///< files added to the target (the store keeps each file's import)
};

/**
 * Imports files the way the import wizard asks, on any thread and touching no QObject: each
 * file through the core's Importer (all or nothing per file), progress after each, a cancel
 * request honoured before the next file. Into a job file the inputs are added only when every
 * file was read; into a store each file is its own transaction (the outcome says how many were
 * stored before a cancel or an error).
 */
class ImportRunner
{
public:
    using Progress = std::function<void(int done, int total, const QString &text)>;
    using IsCanceled = std::function<bool()>;

    static ImportOutcome run(const std::vector<ImportRequest> &files, const ImportTarget &target, const Progress &progress = {},
                             const IsCanceled &isCanceled = {});
    /** Adds inputs to a job file, or puts them in place of the input they replace (paths relative to it when below its folder); false with *error. */
    static bool addInputsToJob(const QString &jobPath, const std::vector<ImportRequest> &files, QString *error);
};

} // namespace tl
