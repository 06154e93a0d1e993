// SPDX-License-Identifier: Apache-2.0
// A throwaway PostgreSQL 15 server for the tests that run on both store backends: initdb into a
// temporary folder (as the postgres user when root), pg_ctl start on a free loopback port, a fresh
// database per call of newDatabase(), pg_ctl stop at the end. Unavailable (with the reason) when
// Debian's postgresql 15 is not installed.
#pragma once

#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTemporaryDir>

#include <memory>

#include <unistd.h>

namespace tl::test {

class TempPostgres
{
public:
    ~TempPostgres() { stop(); }

    /** Starts the server; false with *error when it cannot. isInstalled() false: skip, not fail. */
    bool start(QString *error)
    {
        if (!isInstalled()) {
            *error = skipReason();
            return false;
        }
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        if (::geteuid() == 0 && QProcess::execute(QStringLiteral("chown"), {QStringLiteral("postgres"), m_dir->path()}) != 0) {
            *error = QStringLiteral("cannot chown %1 to postgres").arg(m_dir->path());
            return false;
        }
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("no free port");
            return false;
        }
        m_port = probe.serverPort();
        probe.close();
        const QString data = m_dir->filePath(QStringLiteral("data"));
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), data, QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-U"), QStringLiteral("tl"),
                  QStringLiteral("-E"), QStringLiteral("UTF8")},
                 error))
            return false;
        if (!run(QStringLiteral("pg_ctl"),
                 {QStringLiteral("-D"), data, QStringLiteral("-o"),
                  QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1").arg(m_port).arg(m_dir->path()), QStringLiteral("-l"),
                  m_dir->filePath(QStringLiteral("log")), QStringLiteral("-w"), QStringLiteral("start")},
                 error)) {
            QFile log(m_dir->filePath(QStringLiteral("log")));
            if (log.open(QIODevice::ReadOnly))
                *error += QString::fromUtf8(log.readAll());
            return false;
        }
        m_up = true;
        return true;
    }

    void stop()
    {
        if (!m_up)
            return;
        QString ignored;
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-m"), QStringLiteral("fast"),
             QStringLiteral("-w"), QStringLiteral("stop")},
            &ignored);
        m_up = false;
    }

    bool isUp() const { return m_up; }
    int port() const { return m_port; }
    static bool isInstalled() { return QFile::exists(binDir() + QStringLiteral("/initdb")); }
    static QString skipReason() { return QStringLiteral("PostgreSQL 15 is not installed (no %1/initdb)").arg(binDir()); }

    /** A new empty database; its postgresql:// URL (empty with *error on failure). */
    QString newDatabase(const QString &name, QString *error)
    {
        if (!exec(url(QStringLiteral("postgres")), QStringLiteral("CREATE DATABASE %1").arg(name), error))
            return QString();
        return url(name);
    }

    QString url(const QString &database) const
    {
        return QStringLiteral("postgresql://tl@127.0.0.1:%1/%2").arg(m_port).arg(database);
    }

    /** Runs one statement on a database of this server (or any workspace URL/.tlw path). */
    static bool exec(const QString &where, const QString &sql, QString *error)
    {
        static int seq = 0;
        const QString conn = QStringLiteral("tl_temppostgres_%1").arg(++seq);
        bool ok = false;
        {
            QSqlDatabase db;
            if (where.startsWith(QLatin1String("postgresql://"))) {
                const QUrl u(where);
                db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), conn);
                db.setHostName(u.host());
                db.setPort(u.port());
                db.setUserName(u.userName());
                db.setDatabaseName(u.path().mid(1));
            } else {
                db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
                db.setDatabaseName(where);
            }
            if (!db.open()) {
                *error = db.lastError().text();
            } else {
                QSqlQuery q(db);
                ok = q.exec(sql);
                if (!ok)
                    *error = q.lastError().text() + QStringLiteral(" in ") + sql;
                q.finish();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(conn);
        return ok;
    }

private:
    static QString binDir() { return QStringLiteral("/usr/lib/postgresql/15/bin"); }

    static bool run(const QString &tool, const QStringList &args, QString *output)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        if (::geteuid() == 0)
            p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), binDir() + QLatin1Char('/') + tool} + args);
        else
            p.start(binDir() + QLatin1Char('/') + tool, args);
        const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        *output = QString::fromLocal8Bit(p.readAll());
        return ok;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_port = 0;
    bool m_up = false;
};

} // namespace tl::test
