// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cliio.h"
#include "app/cli/commands.h"
#include "core/import/formatregistry.h"

using namespace tl;

namespace tl::cli {

int cmdFormats(const QStringList &)
{
    out() << QStringLiteral("%1  %2  %3  %4\n").arg(QStringLiteral("format id"), -26).arg(QStringLiteral("§"), -4).arg(QStringLiteral("kinds"), -16).arg(QStringLiteral("description"));
    for (const FormatInfo &f : FormatRegistry::all()) {
        QStringList kinds;
        for (LedgerKind k : f.kinds)
            kinds << QString::fromLatin1(ledgerKindName(k));
        out() << QStringLiteral("%1  %2  %3  %4\n").arg(f.id, -26).arg(f.section, -4).arg(kinds.join(QLatin1Char(',')), -16).arg(f.description);
    }
    return 0;
}

} // namespace tl::cli
