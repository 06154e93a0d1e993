// SPDX-License-Identifier: Apache-2.0
// The commands of tokenledger-cli, one per file; main.cpp dispatches on the first word.
#pragma once

#include <QStringList>

namespace tl::cli {

int cmdReconcile(const QStringList &args);
int cmdReconcileWorkspace(const QStringList &args);
int cmdImport(const QStringList &args);
int cmdInputs(const QStringList &args);
int cmdKeygen(const QStringList &args);
int cmdPacket(const QStringList &args);
int cmdExport(const QStringList &args);
int cmdVerify(const QStringList &args);
int cmdDemo(const QStringList &args);
int cmdFormats(const QStringList &args);
int cmdPeriods(const QStringList &args);
int cmdRuns(const QStringList &args);
int cmdEvidence(const QStringList &args);
int cmdGuardrails(const QStringList &args);
int cmdFetch(const QStringList &args);
int cmdSmokeTest(const QStringList &args);

} // namespace tl::cli
