// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "core/store/workspacestore.h"

#include <QFile>

namespace tl::cli {

QString g_workspace;

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

bool parseArgs(const QStringList &args, const QSet<QString> &valueOptions, Args *a, QString *error)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &s = args[i];
        if (s.startsWith(QLatin1String("--"))) {
            QString name = s.mid(2);
            QString value;
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
                a->options.insert(name, value);
                continue;
            }
            if (valueOptions.contains(name)) {
                if (i + 1 >= args.size()) {
                    *error = QStringLiteral("option --%1 needs a value").arg(name);
                    return false;
                }
                a->options.insert(name, args[++i]);
            } else {
                a->flags.insert(name);
            }
        } else {
            a->positional << s;
        }
    }
    return true;
}

bool readFile(const QString &path, QByteArray *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    *out = f.readAll();
    return true;
}

// The passphrase: the first line of --passphrase-file (`-`: standard input), else TOKENLEDGER_PASSPHRASE.
bool passphrase(const Args &a, QByteArray *out, QString *error)
{
    if (a.options.contains(QStringLiteral("passphrase-file"))) {
        QByteArray text;
        const QString file = a.options.value(QStringLiteral("passphrase-file"));
        if (file == QLatin1String("-")) {
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly)) {
                *error = QStringLiteral("standard input: cannot read the passphrase");
                return false;
            }
            text = in.readLine();
        } else if (!readFile(file, &text, error)) {
            return false;
        }
        *out = text.split('\n').value(0);
        if (out->endsWith('\r'))
            out->chop(1);
        return true;
    }
    *out = qgetenv("TOKENLEDGER_PASSPHRASE");
    return true;
}

bool openWorkspace(WorkspaceStore &ws)
{
    if (g_workspace.isEmpty()) {
        err() << "tokenledger-cli: this command needs --workspace PATH.tlw or a postgresql:// URL\n";
        return false;
    }
    QString error;
    if (!ws.open(g_workspace, &error)) {
        err() << "tokenledger-cli: " << error << '\n';
        return false;
    }
    return true;
}

int fail(const QString &error)
{
    err() << "tokenledger-cli: " << error << '\n';
    return 3;
}

} // namespace tl::cli
