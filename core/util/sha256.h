// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <string_view>

namespace tl {

/** SHA-256 through OpenSSL's libcrypto (it uses the CPU's SHA extensions). */
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const char *data, std::size_t size);
    /** The 32-byte digest; the object is spent afterwards. */
    QByteArray finish();

    static QByteArray digest(std::string_view data);
    static QString hex(std::string_view data);
    static QString hex(const QByteArray &data) { return hex(std::string_view(data.constData(), static_cast<std::size_t>(data.size()))); }
    /** Hex of a file's contents, streamed; empty string when unreadable. */
    static QString fileHex(const QString &path, qint64 *size = nullptr);

private:
    void *m_ctx;
};

} // namespace tl
