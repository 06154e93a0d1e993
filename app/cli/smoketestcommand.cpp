// SPDX-License-Identifier: Apache-2.0
// tokenledger-cli smoke-test: seed 004's CometAPI smoke test, ending in its review record.
#include "app/cli/commands.h"
#include "app/cli/fetchcommand.h"
#include "core/fetch/cometapismoketest.h"
#include "core/fetch/observationfile.h"

namespace tl::cli {

namespace {

const char kSmokeUsage[] =
    "usage: tokenledger-cli smoke-test (--key-file FILE | --keychain NAME) --query-key-name NAME\n"
    "         (--chat-key-file FILE | --chat-keychain NAME) --model MODEL --start DATE --end DATE\n"
    "         --empty-start DATE --empty-end DATE --reviewer NAME --out RECORD.json\n"
    "         [--base-url URL] [--api-base URL] [--malformed-date TEXT] [--window-out FILE.json]\n"
    "         [--timeout SECONDS] [--attempts N] [--insecure-http]\n"
    "  exit 0 pass, 1 warn, 2 fail (the record is written in all three), 3 the test could not run\n";

int usage(const QString &error = QString())
{
    if (!error.isEmpty())
        err() << "tokenledger-cli: " << error << '\n';
    err() << kSmokeUsage;
    return 3;
}

} // namespace

int cmdSmokeTest(const QStringList &args)
{
    Args a;
    QString error;
    const QSet<QString> valued = {QStringLiteral("key-file"), QStringLiteral("keychain"), QStringLiteral("query-key-name"),
                                  QStringLiteral("chat-key-file"), QStringLiteral("chat-keychain"), QStringLiteral("model"),
                                  QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("empty-start"), QStringLiteral("empty-end"),
                                  QStringLiteral("reviewer"), QStringLiteral("out"), QStringLiteral("base-url"), QStringLiteral("api-base"),
                                  QStringLiteral("malformed-date"), QStringLiteral("window-out"), QStringLiteral("timeout"),
                                  QStringLiteral("attempts")};
    if (!parseArgs(args, valued, &a, &error))
        return usage(error);
    if (!refuseInlineSecrets(a))
        return 3;
    if (!a.positional.isEmpty() || !a.options.contains(QStringLiteral("out")))
        return usage();

    SmokeTestConfig c;
    c.queryKeyName = a.options.value(QStringLiteral("query-key-name"));
    c.model = a.options.value(QStringLiteral("model"));
    c.startDate = a.options.value(QStringLiteral("start"));
    c.endDate = a.options.value(QStringLiteral("end"));
    c.emptyStartDate = a.options.value(QStringLiteral("empty-start"));
    c.emptyEndDate = a.options.value(QStringLiteral("empty-end"));
    c.reviewer = a.options.value(QStringLiteral("reviewer"));
    c.allowInsecureHttp = a.flags.contains(QStringLiteral("insecure-http"));
    if (a.options.contains(QStringLiteral("malformed-date")))
        c.malformedDate = a.options.value(QStringLiteral("malformed-date"));
    for (const auto &[opt, url] : {std::pair{QStringLiteral("base-url"), &c.queryBase}, std::pair{QStringLiteral("api-base"), &c.apiBase}}) {
        if (a.options.contains(opt)) {
            *url = QUrl(a.options.value(opt), QUrl::StrictMode);
            if (!url->isValid())
                return fail(QStringLiteral("--%1: not a URL").arg(opt));
        }
    }
    if (!retryOptions(a, &c.policy))
        return 3;
    // Check everything that needs no key first, so a typo costs no key lookup.
    c.queryKey = "unread";
    c.chatKey = "unread";
    if (!CometApiSmokeTest::validate(c, &error))
        return usage(error);
    if (!readSecret(a, QStringLiteral("key-file"), QStringLiteral("keychain"), &c.queryKey)
        || !readSecret(a, QStringLiteral("chat-key-file"), QStringLiteral("chat-keychain"), &c.chatKey))
        return 3;

    CometApiSmokeTest test;
    QObject::connect(&test, &CometApiSmokeTest::progress, &progressLine);
    QObject::connect(&test, &CometApiSmokeTest::stepStarted, [](int step, int steps, const QString &what) {
        progressLine(QStringLiteral("smoke test %1/%2: %3").arg(step).arg(steps).arg(what));
    });
    const SmokeTestRecord r = test.run(c);
    if (!r.completed)
        return fail(QStringLiteral("smoke test did not complete: %1; no record was written").arg(r.error));

    for (const SmokeTestCheck &check : r.checks)
        out() << check.result.toUpper() << ' ' << check.name << ": " << check.detail << '\n';
    out() << "decision: " << r.decision << " (" << r.notes << ")\n";
    const QString path = a.options.value(QStringLiteral("out"));
    if (!r.write(path, &error))
        return fail(error);
    out() << "wrote " << path << '\n';
    if (a.options.contains(QStringLiteral("window-out"))) {
        const QString w = a.options.value(QStringLiteral("window-out"));
        if (!test.windowResult().ok())
            err() << "tokenledger-cli: the window's fetch failed; " << w << " was not written\n";
        else if (!ObservationFile::write(test.windowResult(), w, &error))
            return fail(error);
        else
            out() << "wrote " << w << " and " << ObservationFile::sidecarPath(w) << '\n';
    }
    return r.decision == QLatin1String("pass") ? 0 : r.decision == QLatin1String("warn") ? 1 : 2;
}

} // namespace tl::cli
