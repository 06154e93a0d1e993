// SPDX-License-Identifier: Apache-2.0
// A scripted HTTP/1.1 server on 127.0.0.1 for the fetch tests: no test reaches the internet.
// Each connection carries one request (Connection: close); answers come from a queue or a handler.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <utility>

namespace tltest {

struct FakeRequest
{
    QByteArray method, target, body;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case

    QByteArray path() const { return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')); }
    QUrlQuery query() const { return QUrlQuery(QUrl(QString::fromLatin1(target)).query()); }
    QString param(const QString &name) const { return query().queryItemValue(name, QUrl::FullyDecoded); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

struct FakeResponse
{
    enum class Mode { Normal, Hang, CloseEarly };
    int status = 200;
    QByteArray reason = "OK";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Mode mode = Mode::Normal;

    static FakeResponse json(int status, const QByteArray &reason, const QByteArray &body)
    {
        FakeResponse r;
        r.status = status;
        r.reason = reason;
        r.body = body;
        return r;
    }
    static FakeResponse ok(const QByteArray &body) { return json(200, "OK", body); }
    static FakeResponse hang()
    {
        FakeResponse r;
        r.mode = Mode::Hang;
        return r;
    }
};

class FakeHttpServer
{
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    FakeHttpServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(&m_server); // hanging sockets live until the server goes
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { onData(s); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void enqueue(const FakeResponse &r) { m_queue << r; }
    void setHandler(Handler h) { m_handler = std::move(h); }
    void close() { m_server.close(); }

    QList<FakeRequest> requests;

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype headEnd = buf.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        FakeRequest req;
        const QList<QByteArray> lines = buf.left(headEnd).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        req.method = first.value(0);
        req.target = first.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            req.headers.insert(name, lines[i].mid(colon + 1).trimmed());
            if (name == "content-length")
                length = lines[i].mid(colon + 1).trimmed().toLongLong();
        }
        if (buf.size() < headEnd + 4 + length)
            return;
        req.body = buf.mid(headEnd + 4, length);
        m_buffers.remove(s);
        requests << req;

        FakeResponse r;
        if (m_handler)
            r = m_handler(req);
        else if (!m_queue.isEmpty())
            r = m_queue.takeFirst();
        else
            r = FakeResponse::json(599, "No Answer Scripted", "{}");
        if (r.mode == FakeResponse::Mode::Hang)
            return;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + r.reason + "\r\n";
        out += "Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n";
        const qsizetype announced = r.mode == FakeResponse::Mode::CloseEarly ? r.body.size() + 100 : r.body.size();
        out += "Content-Length: " + QByteArray::number(announced) + "\r\n";
        for (const auto &[name, value] : r.headers)
            out += name + ": " + value + "\r\n";
        out += "\r\n" + r.body;
        s->write(out);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<FakeResponse> m_queue;
    Handler m_handler;
};

} // namespace tltest
