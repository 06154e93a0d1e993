// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QUrl;

namespace tl {

/**
 * Keeps credentials out of every message, progress line and file the fetchers produce.
 *
 * A secret is replaced by the redaction token of formats.md (Secrets): `key#` + the first 12
 * hex digits of the SHA-256 of the secret text, the same token the importers write, so an
 * auditor holding the key can still tell which key was used. displayUrl() shows a URL with
 * the values of its credential parameters (`key`, `api_key`, `access_token`, `token`) and any
 * user-info password replaced; scrub() replaces every given secret, as written and
 * percent-encoded, in any text: Qt Network's error strings quote the full request URL.
 */
class UrlRedaction
{
public:
    /** The redaction token for one secret. */
    static QString token(const QByteArray &secret);
    /** The URL for messages, with credential values replaced by their tokens (not a usable URL). */
    static QString displayUrl(const QUrl &url);
    /** text with every occurrence of each secret (raw or percent-encoded) replaced by its token. */
    static QString scrub(QString text, const QList<QByteArray> &secrets);
    /** data with every occurrence of each secret replaced by its token; *count (if given) gets the replacements. */
    static QByteArray scrub(QByteArray data, const QList<QByteArray> &secrets, qint64 *count = nullptr);
    /** True when a query parameter of this name carries a credential. */
    static bool isCredentialParameter(const QString &name);
};

} // namespace tl
