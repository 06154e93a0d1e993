// SPDX-License-Identifier: Apache-2.0
// tokenledger-cli fetch cometapi|newapi: download provider usage live and keep it as an observation.
#include "app/cli/fetchcommand.h"

#include "app/cli/commands.h"
#include "core/fetch/cometapiquotaclient.h"
#include "core/fetch/newapilogclient.h"
#include "core/fetch/observationfile.h"
#include "core/fetch/secretsource.h"
#include "core/store/workspacestore.h"
#include "core/util/sha256.h"
#include "core/util/timeutil.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTimeZone>

namespace tl::cli {

namespace {

const char kFetchUsage[] =
    "usage: tokenledger-cli fetch cometapi [--start YYYY-MM-DD --end YYYY-MM-DD] [--base-url URL]\n"
    "                                      (--key-file FILE | --keychain NAME) --out FILE.json\n"
    "       tokenledger-cli fetch newapi --base-url URL --user-id ID (--token-file FILE | --keychain NAME)\n"
    "                                    --start UTC --end UTC --out FILE.json [--first-page 0|1]\n"
    "  common: [--workspace W --period L] [--timeout SECONDS] [--attempts N] [--insecure-http]\n";

int usage(const QString &error = QString())
{
    if (!error.isEmpty())
        err() << "tokenledger-cli: " << error << '\n';
    err() << kFetchUsage;
    return 3;
}

QString summaryText(const FetchResult &r, const QString &key)
{
    const QJsonValue v = r.summaryValue(key);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(static_cast<qint64>(v.toDouble()));
    return QStringLiteral("(none)");
}

/** Checks the period before anything is fetched: it must exist and be open. */
bool checkPeriod(WorkspaceStore &ws, const Args &a)
{
    if (g_workspace.isEmpty())
        return true;
    if (!a.options.contains(QStringLiteral("period"))) {
        err() << "tokenledger-cli: storing a fetch in a workspace needs --period LABEL\n";
        return false;
    }
    if (!openWorkspace(ws))
        return false;
    StoredPeriod p;
    QString error;
    if (!ws.period(a.options.value(QStringLiteral("period")), &p, &error)) {
        err() << "tokenledger-cli: " << error << '\n';
        return false;
    }
    if (p.frozen()) {
        err() << "tokenledger-cli: period " << p.label << " is frozen (since " << p.frozenAt << "): it takes no new inputs; nothing was fetched\n";
        return false;
    }
    return true;
}

/** Writes --out (file + sidecar) and stores into --workspace; prints what was done. */
int keep(const FetchResult &r, const Args &a, WorkspaceStore &ws, const QString &defaultName)
{
    const QString outPath = a.options.value(QStringLiteral("out"));
    QString error;
    if (!outPath.isEmpty()) {
        if (!ObservationFile::write(r, outPath, &error))
            return fail(error + QStringLiteral("; nothing was written"));
        out() << "wrote " << outPath << " (" << r.body.size() << " bytes, sha256 " << Sha256::hex(r.body) << ") and "
              << ObservationFile::sidecarPath(outPath) << '\n';
    }
    if (!g_workspace.isEmpty()) {
        ImportOptions o;
        o.kind = LedgerKind::Provider;
        o.format = r.format;
        o.observedAt = r.observedAt;
        o.displayName = outPath.isEmpty() ? defaultName : QFileInfo(outPath).fileName();
        ImportReport report;
        const QString period = a.options.value(QStringLiteral("period"));
        if (!ws.importBytes(period, r.body, o, &report, &error))
            return fail(error + (outPath.isEmpty() ? QStringLiteral("; the workspace is unchanged")
                                               : QStringLiteral("; %1 was written, the workspace is unchanged").arg(outPath)));
        out() << "stored in period " << period << " as " << report.sha256Stored << " (observed_at " << timeutil::formatUtc(r.observedAt) << ")\n";
    }
    if (!outPath.isEmpty())
        out() << "import it with: " << ObservationFile::importCommand(r, outPath) << '\n';
    return 0;
}

bool commonChecks(const Args &a)
{
    if (!a.options.contains(QStringLiteral("out")) && g_workspace.isEmpty()) {
        usage(QStringLiteral("say where the answer goes: --out FILE.json and/or --workspace W --period L"));
        return false;
    }
    return true;
}

bool baseUrlOption(const Args &a, QUrl *url)
{
    if (!a.options.contains(QStringLiteral("base-url")))
        return true;
    *url = QUrl(a.options.value(QStringLiteral("base-url")), QUrl::StrictMode);
    if (!url->isValid()) {
        err() << "tokenledger-cli: --base-url: not a URL\n";
        return false;
    }
    return true;
}

int fetchCometApi(const Args &a)
{
    if (!commonChecks(a))
        return 3;
    const QString start = a.options.value(QStringLiteral("start")), end = a.options.value(QStringLiteral("end"));
    QString error;
    // A malformed window is refused before the key is even read, and nothing is sent.
    if (!CometApiQuotaClient::validateWindow(start, end, &error))
        return fail(QStringLiteral("%1: %2").arg(QString::fromLatin1(CometApiQuotaClient::kWhat), error));
    CometApiQuotaClient client;
    QUrl base = CometApiQuotaClient::defaultBaseUrl();
    HttpRetryPolicy policy;
    QByteArray key;
    if (!baseUrlOption(a, &base) || !retryOptions(a, &policy) || !readSecret(a, QStringLiteral("key-file"), QStringLiteral("keychain"), &key))
        return 3;
    WorkspaceStore ws;
    if (!checkPeriod(ws, a))
        return 3;
    client.setBaseUrl(base);
    client.setKey(key);
    client.setRetryPolicy(policy);
    client.setAllowInsecureHttp(a.flags.contains(QStringLiteral("insecure-http")));
    QObject::connect(&client, &CometApiQuotaClient::progress, &progressLine);
    const FetchResult r = client.fetch(start, end);
    if (!r.ok())
        return fail(r.message + QStringLiteral("; nothing was written"));

    out() << CometApiQuotaClient::kWhat << ": "
          << (start.isEmpty() ? QStringLiteral("no dates (lifetime totals)") : QStringLiteral("%1 to %2").arg(start, end))
          << ", observed at " << timeutil::formatUtc(r.observedAt) << " (" << r.attempts << " HTTP attempt" << (r.attempts == 1 ? "" : "s") << ")\n";
    out() << "total_quota " << summaryText(r, QStringLiteral("total_quota")) << ", total_used_quota "
          << summaryText(r, QStringLiteral("total_used_quota")) << ", request_count " << summaryText(r, QStringLiteral("request_count")) << '\n';
    const qint64 entries = static_cast<qint64>(r.summaryValue(QStringLiteral("daily_quota_entries")).toDouble());
    const qsizetype dates = r.summaryValue(QStringLiteral("daily_quota_dates")).toArray().size();
    if (start.isEmpty())
        out() << "daily_quota: not asked for (no dates)\n";
    else if (entries == 0)
        out() << "daily_quota: none (no activity in the window)\n";
    else
        out() << "daily_quota: " << dates << " date(s), " << entries << " entr" << (entries == 1 ? "y" : "ies") << '\n';
    const QJsonArray outside = r.summaryValue(QStringLiteral("daily_quota_dates_outside_window")).toArray();
    if (!outside.isEmpty())
        err() << "tokenledger-cli: warning: daily_quota has " << outside.size() << " date(s) outside the window asked for\n";
    return keep(r, a, ws, QStringLiteral("cometapi-quota-%1.json").arg(start.isEmpty() ? QStringLiteral("totals") : start + QLatin1Char('_') + end));
}

bool utcOption(const Args &a, const QString &name, UtcMicros *value)
{
    const QByteArray t = a.options.value(name).toUtf8();
    QString why;
    const QTimeZone utc = QTimeZone::utc();
    if (t.isEmpty()) {
        err() << "tokenledger-cli: --" << name << " UTC is required (e.g. 2026-05-01T00:00:00Z)\n";
        return false;
    }
    if (!timeutil::parseTimestamp(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), &utc, value, &why)) {
        err() << "tokenledger-cli: --" << name << ": " << why << '\n';
        return false;
    }
    return true;
}

int fetchNewApi(const Args &a)
{
    if (!commonChecks(a))
        return 3;
    if (!a.options.contains(QStringLiteral("base-url")) || !a.options.contains(QStringLiteral("user-id")))
        return usage(QStringLiteral("fetch newapi needs --base-url URL and --user-id ID"));
    UtcMicros start = kNoTime, end = kNoTime;
    if (!utcOption(a, QStringLiteral("start"), &start) || !utcOption(a, QStringLiteral("end"), &end))
        return 3;
    if (end <= start)
        return fail(QStringLiteral("%1: --end must be after --start (the window is [start, end))").arg(QString::fromLatin1(NewApiLogClient::kWhat)));
    NewApiLogClient client;
    QUrl base;
    HttpRetryPolicy policy;
    QByteArray token;
    if (!baseUrlOption(a, &base) || !retryOptions(a, &policy) || !readSecret(a, QStringLiteral("token-file"), QStringLiteral("keychain"), &token))
        return 3;
    if (a.options.contains(QStringLiteral("first-page"))) {
        const QString p = a.options.value(QStringLiteral("first-page"));
        if (p != QLatin1String("0") && p != QLatin1String("1"))
            return usage(QStringLiteral("--first-page is 1 (new-api) or 0 (one-api)"));
        client.setFirstPage(p.toInt());
    }
    WorkspaceStore ws;
    if (!checkPeriod(ws, a))
        return 3;
    client.setBaseUrl(base);
    client.setUserId(a.options.value(QStringLiteral("user-id")));
    client.setAccessToken(token);
    client.setRetryPolicy(policy);
    client.setAllowInsecureHttp(a.flags.contains(QStringLiteral("insecure-http")));
    QObject::connect(&client, &NewApiLogClient::progress, &progressLine);
    const FetchResult r = client.fetch(start, end);
    if (!r.ok())
        return fail(r.message + QStringLiteral("; nothing was written"));
    out() << NewApiLogClient::kWhat << ": [" << timeutil::formatUtc(start) << ", " << timeutil::formatUtc(end) << ") as start_timestamp "
          << summaryText(r, QStringLiteral("start_timestamp")) << ", end_timestamp " << summaryText(r, QStringLiteral("end_timestamp"))
          << ", observed at " << timeutil::formatUtc(r.observedAt) << '\n';
    out() << summaryText(r, QStringLiteral("pages")) << " page(s), " << summaryText(r, QStringLiteral("logs")) << " log(s) (the server reported "
          << summaryText(r, QStringLiteral("total_reported")) << "), " << summaryText(r, QStringLiteral("repeated_across_pages"))
          << " repeated across pages, " << r.attempts << " HTTP attempt" << (r.attempts == 1 ? "" : "s") << '\n';
    return keep(r, a, ws, QStringLiteral("newapi-logs-%1.json").arg(summaryText(r, QStringLiteral("start_timestamp"))));
}

} // namespace

bool refuseInlineSecrets(const Args &a)
{
    for (const char *name : {"key", "token", "api-key", "access-token", "query-key", "chat-key"}) {
        const QString n = QString::fromLatin1(name);
        if (a.options.contains(n) || a.flags.contains(n)) {
            err() << "tokenledger-cli: --" << n << " is refused: a credential on the command line shows in ps and in the shell history; "
                  << "put it in a file (--key-file FILE, --token-file FILE, - for standard input) or the keychain (--keychain NAME)\n";
            return false;
        }
    }
    return true;
}

bool readSecret(const Args &a, const QString &fileOpt, const QString &keychainOpt, QByteArray *secret)
{
    QString error, warning;
    if (a.options.contains(fileOpt)) {
        if (!SecretSource::readFile(a.options.value(fileOpt), secret, &warning, &error)) {
            err() << "tokenledger-cli: " << error << '\n';
            return false;
        }
        if (!warning.isEmpty())
            err() << "tokenledger-cli: warning: " << warning << '\n';
        return true;
    }
    if (a.options.contains(keychainOpt)) {
        if (!SecretSource::readKeychain(a.options.value(keychainOpt), secret, &error)) {
            err() << "tokenledger-cli: " << error << '\n';
            return false;
        }
        return true;
    }
    err() << "tokenledger-cli: give the credential with --" << fileOpt << " FILE (- for standard input) or --" << keychainOpt << " NAME\n";
    return false;
}

bool retryOptions(const Args &a, HttpRetryPolicy *policy)
{
    if (a.options.contains(QStringLiteral("timeout"))) {
        bool ok = false;
        const double s = a.options.value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || s <= 0 || s > 3600) {
            err() << "tokenledger-cli: --timeout: expected seconds between 0 and 3600\n";
            return false;
        }
        policy->timeoutMs = static_cast<int>(s * 1000);
    }
    if (a.options.contains(QStringLiteral("attempts"))) {
        bool ok = false;
        const int n = a.options.value(QStringLiteral("attempts")).toInt(&ok);
        if (!ok || n < 1 || n > 10) {
            err() << "tokenledger-cli: --attempts: expected a number from 1 to 10\n";
            return false;
        }
        policy->maxAttempts = n;
    }
    return true;
}

void progressLine(const QString &message)
{
    err() << "tokenledger-cli: " << message << '\n';
    err().flush();
}

int cmdFetch(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("base-url"), QStringLiteral("key-file"),
                                  QStringLiteral("token-file"), QStringLiteral("keychain"), QStringLiteral("out"), QStringLiteral("period"),
                                  QStringLiteral("timeout"), QStringLiteral("attempts"), QStringLiteral("user-id"), QStringLiteral("first-page")};
    if (!parseArgs(args, valued, &a, &error))
        return usage(error);
    if (!refuseInlineSecrets(a))
        return 3;
    if (a.positional.size() != 1)
        return usage();
    if (a.positional[0] == QLatin1String("cometapi"))
        return fetchCometApi(a);
    if (a.positional[0] == QLatin1String("newapi"))
        return fetchNewApi(a);
    return usage(QStringLiteral("unknown source '%1' (cometapi, newapi)").arg(a.positional[0]));
}

} // namespace tl::cli
