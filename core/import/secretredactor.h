// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace tl {

/**
 * Finds values that look like API keys and replaces each with a stable token (formats.md,
 * Secrets): `sk-` followed by 20 or more key characters, the value of a `key=` pair, and the
 * credential of an `Authorization` header or field. The token is `key#` plus the first 12 hex
 * digits of the SHA-256 of the secret text itself, so the same key always gets the same token
 * and an auditor holding the key can match it.
 */
class SecretRedactor
{
public:
    /** Returns the redacted copy of data; *count is the number of values replaced. */
    static QByteArray redact(const QByteArray &data, qint64 *count);
    /** The token for one secret text. */
    static QByteArray tokenFor(std::string_view secret);
    /** True when text contains something redact() would replace. */
    static bool containsSecret(const QByteArray &data);
};

} // namespace tl
