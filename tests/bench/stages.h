// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace tl::bench {

/**
 * Runs one job's stages in this process and returns them as one JSON object: import (the
 * job's inputs through JobRunner, with a breakdown of hashing, the redaction scan and the
 * line count on the client file), a stand-alone pricing pass, the reconcile (which prices
 * again, inside), writing the outputs, and with ui the ledger view (building the model,
 * filtering and sorting every line); each with wall seconds and its own peak RSS, plus the
 * bytes held per attempt after the import.
 */
QByteArray runStages(const QString &jobPath, const QString &outDir, bool ui);

} // namespace tl::bench
