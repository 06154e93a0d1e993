// SPDX-License-Identifier: Apache-2.0
// Plumbing shared by `fetch` and `smoke-test`: credentials from files or the keychain, retry options.
#pragma once

#include "app/cli/cliio.h"

#include <QByteArray>
#include <QString>

namespace tl {
class HttpRetryPolicy;
}

namespace tl::cli {

/** Refuses a credential given on the command line (--key, --token, …), without echoing it. */
bool refuseInlineSecrets(const Args &a);
/** The credential from --FILEOPT FILE (`-`: standard input) or --KEYCHAINOPT NAME; prints the reason when neither works. */
bool readSecret(const Args &a, const QString &fileOpt, const QString &keychainOpt, QByteArray *secret);
/** --timeout SECONDS and --attempts N onto a policy; prints the reason when malformed. */
bool retryOptions(const Args &a, HttpRetryPolicy *policy);
/** A progress line on stderr, flushed at once. */
void progressLine(const QString &message);

} // namespace tl::cli
