// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/demo/demoworkspace.h"

using namespace tl;

namespace tl::cli {

int cmdDemo(const QStringList &args)
{
    Args a;
    QString error;
    if (!parseArgs(args, {QStringLiteral("seed")}, &a, &error) || a.positional.size() != 1) {
        err() << (error.isEmpty() ? QStringLiteral("usage: tokenledger-cli demo DIR [--seed N]") : error) << '\n';
        return 3;
    }
    bool ok = true;
    const quint32 seed = a.options.contains(QStringLiteral("seed")) ? a.options.value(QStringLiteral("seed")).toUInt(&ok) : 20260531u;
    if (!ok) {
        err() << "tokenledger-cli: --seed expects a non-negative integer\n";
        return 3;
    }
    if (!DemoWorkspace::write(a.positional[0], seed, &error)) {
        err() << "tokenledger-cli: " << error << '\n';
        return 3;
    }
    out() << "demo workspace written to " << a.positional[0] << "; run: tokenledger-cli reconcile " << a.positional[0] << "/job.json --out OUT\n";
    return 0;
}

} // namespace tl::cli
