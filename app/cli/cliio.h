// SPDX-License-Identifier: Apache-2.0
// Shared plumbing of tokenledger-cli's commands: output streams, option parsing, the workspace flag.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace tl {
class WorkspaceStore;
}

namespace tl::cli {

QTextStream &out();
QTextStream &err();

/// --workspace PATH_OR_URL, taken off the command line anywhere it appears; empty when absent.
extern QString g_workspace;

struct Args
{
    QStringList positional;
    QHash<QString, QString> options; ///< --name VALUE or --name=VALUE for the names a command says take values
    QSet<QString> flags;             ///< every other --name
};

/// Splits ARGS into positionals, valued options and flags; false (with *error) when a valued option lacks its value.
bool parseArgs(const QStringList &args, const QSet<QString> &valueOptions, Args *a, QString *error);
bool readFile(const QString &path, QByteArray *out, QString *error);
/// The signing passphrase: first line of --passphrase-file (`-` reads standard input), else TOKENLEDGER_PASSPHRASE.
bool passphrase(const Args &a, QByteArray *out, QString *error);
/// Opens g_workspace, printing the reason on stderr when it cannot.
bool openWorkspace(WorkspaceStore &ws);
/// Prints "tokenledger-cli: ERROR" on stderr and returns exit code 3.
int fail(const QString &error);

} // namespace tl::cli
