// SPDX-License-Identifier: Apache-2.0
#include "core/util/sha256.h"

#include <QFile>

#include <openssl/evp.h>

namespace tl {

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX *>(m_ctx), EVP_sha256(), nullptr);
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(m_ctx));
}

void Sha256::update(const char *data, std::size_t size)
{
    EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(m_ctx), data, size);
}

QByteArray Sha256::finish()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(m_ctx), md, &len);
    return QByteArray(reinterpret_cast<const char *>(md), static_cast<qsizetype>(len));
}

QByteArray Sha256::digest(std::string_view data)
{
    Sha256 h;
    h.update(data.data(), data.size());
    return h.finish();
}

QString Sha256::hex(std::string_view data)
{
    return QString::fromLatin1(digest(data).toHex());
}

QString Sha256::fileHex(const QString &path, qint64 *size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    Sha256 h;
    qint64 total = 0;
    QByteArray buf(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buf.data(), buf.size());
        if (n <= 0)
            break;
        h.update(buf.constData(), static_cast<std::size_t>(n));
        total += n;
    }
    if (size)
        *size = total;
    return QString::fromLatin1(h.finish().toHex());
}

} // namespace tl
