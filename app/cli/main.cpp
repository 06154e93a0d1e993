// SPDX-License-Identifier: Apache-2.0
// tokenledger-cli: the command line over the core. Every command is a thin call into core/, one file per command.
#include "app/cli/cliio.h"
#include "app/cli/clireport.h"
#include "app/cli/commands.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <exception>
#include <memory>

using namespace tl;
using namespace tl::cli;

namespace {

const char kUsage[] =
    "usage: tokenledger-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  reconcile JOB.json --out DIR   run a reconciliation job; writes summary.json, lines.csv,\n"
    "                                 variance.csv, exclusions.csv and counts.csv into DIR\n"
    "                                 exit 0 pass, 1 warn, 2 fail, 3 the job could not run\n"
    "  import FILE --kind KIND [--format FORMAT] [--assume-tz ZONE] [--day-tz ZONE]\n"
    "         [--observed-at UTC] [--quota-per-usd N] [--ratio R] [--json]\n"
    "                                 import one file and print its import report\n"
    "                                 exit 0 clean, 1 rows quarantined, 3 rejected\n"
    "  packet JOB.json --out DIR|PKT.zip --key KEY.key [--signoff REVIEW.json] [--preparer NAME]\n"
    "                                 reconcile and write a signed packet DIR/PKT-<account>-<period>-<seq>.zip\n"
    "                                 (or PKT.zip); with --workspace, --run ID instead of JOB.json packs a stored run\n"
    "                                 (passphrase: --passphrase-file FILE, or - for stdin, or TOKENLEDGER_PASSPHRASE)\n"
    "  export JOB.json --as csv|xlsx|focus|html|pdf --out FILE\n"
    "                                 the reconciled ledger (CSV, XLSX), FOCUS 1.2 CSV or the report;\n"
    "                                 with --workspace, --run ID instead of JOB.json exports a stored run\n"
    "  verify PACKET.zip --pubkey KEY.pub\n"
    "                                 verify a packet: signature, manifests, no missing or extra file\n"
    "                                 exit 0 only when all hold\n"
    "  keygen --out KEY [--passphrase-file FILE | --unencrypted]   (KEY, mode 0600, and KEY.pub)\n"
    "                                 make a minisign key pair (secret key scrypt-protected)\n"
    "  guardrails JOB.json --as litellm-json|litellm-yaml --out FILE [--budget-duration 1mo]\n"
    "         [--deny MODEL[,MODEL...]] [--restrict-to-used-models]\n"
    "                                 the budgets and model denylist as LiteLLM /key/update bodies\n"
    "  demo DIR [--seed N]            write the demo workspace (a realistic month) and its job.json\n"
    "  formats                        list the formats the importers read\n"
    "  version                        print the version\n"
    "\n"
    "workspace commands (--workspace PATH.tlw or postgresql://user@host:port/db, anywhere on the line):\n"
    "  periods list | create --label L --start UTC --end UTC --account A [--currency USD] [--controls JOB.json]\n"
    "          | freeze LABEL           the periods; a frozen period takes no new inputs\n"
    "  import FILE --kind KIND --period L [options as above] [--replaces N]\n"
    "                                 import into the workspace (stored bytes + report, one transaction);\n"
    "                                 --replaces N: the file takes the place of current input N of its kind\n"
    "  inputs --period L [--all] [--json]\n"
    "                                 the inputs a run of the period uses; --all adds the replaced ones\n"
    "  reconcile --period L [--out DIR]\n"
    "                                 reconcile the period's stored inputs; stores the run\n"
    "  runs list [--period L] | show ID [--job] | rerun ID\n"
    "  evidence list | add --file ENTRY.json | edit ID --field F --value V --expect-version N\n"
    "           | export FILE.csv | due [--days N] [--as-of YYYY-MM-DD] | history ID\n"
    "\n"
    "fetching usage live (the key from a file or the keychain, never the command line; exit 0 ok, 3 failed):\n"
    "  fetch cometapi [--start DATE --end DATE] [--base-url URL] (--key-file FILE | --keychain NAME) --out FILE.json\n"
    "                                 CometAPI's /user/quota as received, with FILE.json.observed (observed_at)\n"
    "  fetch newapi --base-url URL --user-id ID (--token-file FILE | --keychain NAME) --start UTC --end UTC --out FILE.json\n"
    "                                 new-api's /api/log/self, every page, as one newapi_logs file\n"
    "        (both: [--workspace W --period L] stores it as an input; [--timeout S] [--attempts N])\n"
    "  smoke-test --key-file F --query-key-name N --chat-key-file F --model M --start D --end D\n"
    "             --empty-start D --empty-end D --reviewer NAME --out RECORD.json\n"
    "                                 seed 004's smoke test; writes its review record; exit 0 pass, 1 warn, 2 fail\n";

struct Command
{
    const char *name;
    int (*run)(const QStringList &args);
};

const Command kCommands[] = {
    {"reconcile", cmdReconcile},
    {"import", cmdImport},
    {"inputs", cmdInputs},
    {"packet", cmdPacket},
    {"export", cmdExport},
    {"verify", cmdVerify},
    {"keygen", cmdKeygen},
    {"demo", cmdDemo},
    {"formats", cmdFormats},
    {"periods", cmdPeriods},
    {"runs", cmdRuns},
    {"evidence", cmdEvidence},
    {"guardrails", cmdGuardrails},
    {"fetch", cmdFetch},
    {"smoke-test", cmdSmokeTest},
};

} // namespace

int main(int argc, char **argv)
{
    // A QGuiApplication on the offscreen platform for the commands that render the PDF report.
    const std::unique_ptr<QCoreApplication> app = createApplication(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenledger-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENLEDGER_VERSION));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args[0] == QLatin1String("--help") || args[0] == QLatin1String("-h") || args[0] == QLatin1String("help")) {
        out() << kUsage;
        return args.isEmpty() ? 3 : 0;
    }
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--workspace") && i + 1 < args.size()) {
            g_workspace = args[i + 1];
            args.remove(i, 2);
            break;
        }
        if (args[i].startsWith(QLatin1String("--workspace="))) {
            g_workspace = args[i].mid(12);
            args.remove(i);
            break;
        }
    }
    if (args.isEmpty()) {
        out() << kUsage;
        return 3;
    }
    const QString cmd = args.takeFirst();
    int rc = 3;
    // One place turns the core's errors (ImportError names file, line and column) into exit 3.
    try {
        const auto it = std::find_if(std::begin(kCommands), std::end(kCommands), [&](const Command &c) { return cmd == QLatin1String(c.name); });
        if (it != std::end(kCommands)) {
            rc = it->run(args);
        } else if (cmd == QLatin1String("version") || cmd == QLatin1String("--version")) {
            out() << "tokenledger " << TOKENLEDGER_VERSION << " (" << TOKENLEDGER_COMMIT << ")\n";
            rc = 0;
        } else {
            err() << "tokenledger-cli: unknown command '" << cmd << "'\n" << kUsage;
            rc = 3;
        }
    } catch (const std::exception &e) {
        err() << "tokenledger-cli: " << QString::fromUtf8(e.what()) << '\n';
        rc = 3;
    }
    out().flush();
    err().flush();
    return rc;
}
