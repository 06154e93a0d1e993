// SPDX-License-Identifier: Apache-2.0
#include "core/fetch/urlredaction.h"

#include "core/import/secretredactor.h"

#include <QUrl>
#include <QUrlQuery>

namespace tl {

QString UrlRedaction::token(const QByteArray &secret)
{
    return QString::fromLatin1(SecretRedactor::tokenFor(std::string_view(secret.constData(), static_cast<std::size_t>(secret.size()))));
}

bool UrlRedaction::isCredentialParameter(const QString &name)
{
    const QString n = name.toLower();
    return n == QLatin1String("key") || n == QLatin1String("api_key") || n == QLatin1String("apikey")
        || n == QLatin1String("access_token") || n == QLatin1String("token");
}

QString UrlRedaction::displayUrl(const QUrl &url)
{
    QString s = url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemovePassword | QUrl::FullyEncoded);
    if (!url.hasQuery())
        return s;
    QStringList parts;
    const QUrlQuery q(url);
    for (const auto &[name, value] : q.queryItems(QUrl::FullyEncoded)) {
        if (isCredentialParameter(QUrl::fromPercentEncoding(name.toUtf8())))
            parts << name + QLatin1Char('=') + token(QUrl::fromPercentEncoding(value.toUtf8()).toUtf8());
        else
            parts << name + QLatin1Char('=') + value;
    }
    return s + QLatin1Char('?') + parts.join(QLatin1Char('&'));
}

QString UrlRedaction::scrub(QString text, const QList<QByteArray> &secrets)
{
    for (const QByteArray &secret : secrets) {
        if (secret.isEmpty())
            continue;
        const QString t = token(secret);
        text.replace(QString::fromUtf8(secret), t);
        const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(secret));
        if (encoded != secret)
            text.replace(QString::fromLatin1(encoded), t, Qt::CaseInsensitive);
    }
    return text;
}

QByteArray UrlRedaction::scrub(QByteArray data, const QList<QByteArray> &secrets, qint64 *count)
{
    qint64 n = 0;
    for (const QByteArray &secret : secrets) {
        if (secret.isEmpty())
            continue;
        const QByteArray t = token(secret).toLatin1();
        const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(secret));
        n += data.count(secret);
        data.replace(secret, t);
        if (encoded != secret) {
            n += data.count(encoded);
            data.replace(encoded, t);
        }
    }
    if (count)
        *count = n;
    return data;
}

} // namespace tl
