// SPDX-License-Identifier: Apache-2.0
// Issue #4, Safety: a process killed in the middle of an import leaves the workspace as it was,
// and while it holds the workspace a second process gets "in use by PID@HOST" instead of a
// second writer. The import runs in a real tokenledger-cli process that stops inside its open
// transaction (TOKENLEDGER_TEST_STALL_BEFORE_COMMIT), so the kill lands mid-import every time.
#include "core/store/workspacestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace tl;

class TestStoreSafety : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    // A client log of N rows (formats.md §1b), big enough that the import has real work to lose.
    QString writeClientLog(int rows)
    {
        const QString path = m_tmp.filePath(QStringLiteral("client.csv"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        QByteArray out = "request_id,attempt,timestamp_utc,account_ref,api_key_name,service,model_requested,input_tokens,output_tokens\n";
        for (int i = 0; i < rows; ++i)
            out += "req-" + QByteArray::number(i) + ",1,2026-05-" + QByteArray::number(1 + i % 28).rightJustified(2, '0')
                + "T10:00:00Z,acct-1,key-" + QByteArray::number(i % 7) + ",svc,gpt-4o," + QByteArray::number(100 + i % 50) + ",20\n";
        f.write(out);
        return path;
    }

    static StoredPeriod may()
    {
        StoredPeriod p;
        p.label = QStringLiteral("2026-05");
        p.startUtc = QStringLiteral("2026-05-01T00:00:00Z");
        p.endUtc = QStringLiteral("2026-06-01T00:00:00Z");
        p.accountRef = QStringLiteral("acct-1");
        p.currency = QStringLiteral("USD");
        return p;
    }

    static QString integrityCheck(const QString &path)
    {
        QString result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("integrity"));
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next())
                    result = q.value(0).toString();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("integrity"));
        return result;
    }

private slots:
    void killedImportLeavesWorkspaceAsItWas()
    {
        QVERIFY(m_tmp.isValid());
        const QString where = m_tmp.filePath(QStringLiteral("team.tlw"));
        const QString client = writeClientLog(200000);
        QVERIFY(!client.isEmpty());
        QString e;
        {
            WorkspaceStore ws;
            QVERIFY2(ws.open(where, &e), qPrintable(e));
            QVERIFY2(ws.createPeriod(may(), &e), qPrintable(e));
        }
        const QByteArray before = [&] {
            QFile f(where);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(!before.isEmpty());

        const QString marker = m_tmp.filePath(QStringLiteral("stalled"));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TOKENLEDGER_TEST_STALL_BEFORE_COMMIT"), marker);
        child.setProcessEnvironment(env);
        child.start(QStringLiteral(TL_BIN_DIR "/tokenledger-cli"),
                    {QStringLiteral("--workspace"), where, QStringLiteral("import"), client, QStringLiteral("--kind"),
                     QStringLiteral("client"), QStringLiteral("--period"), QStringLiteral("2026-05")});
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
        QElapsedTimer t;
        t.start();
        while (!QFile::exists(marker) && t.elapsed() < 120000 && child.state() == QProcess::Running)
            QThread::msleep(20);
        QVERIFY2(QFile::exists(marker), qPrintable(QString::fromLocal8Bit(child.readAllStandardError())));

        // While the child holds the workspace, a second opener is told who has it.
        {
            WorkspaceStore other;
            QVERIFY(!other.open(where, &e));
            QVERIFY2(e.startsWith(where + QStringLiteral(" is in use by ")), qPrintable(e));
            QVERIFY2(e.contains(QStringLiteral("in use by %1@").arg(child.processId())), qPrintable(e));
            QVERIFY2(e.contains(QLatin1String("tokenledger-cli")), qPrintable(e));
        }

        child.kill(); // SIGKILL: no destructor, no rollback, the lock file left behind
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        // The workspace opens again (the dead process's lock is stale), holds nothing of the
        // killed import, is intact, and takes the same import afterwards.
        WorkspaceStore ws;
        QVERIFY2(ws.open(where, &e), qPrintable(e));
        QCOMPARE(ws.inputs(QStringLiteral("2026-05")).size(), std::size_t(0));
        ws.close();
        QCOMPARE(integrityCheck(where), QStringLiteral("ok"));
        QVERIFY2(ws.open(where, &e), qPrintable(e));
        ImportOptions o;
        o.kind = LedgerKind::Client;
        ImportReport r;
        QVERIFY2(ws.importFile(QStringLiteral("2026-05"), client, o, &r, &e), qPrintable(e));
        QCOMPARE(r.rowsAccepted, qint64(200000));
        QCOMPARE(ws.inputs(QStringLiteral("2026-05")).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestStoreSafety)
#include "tst_storesafety.moc"
