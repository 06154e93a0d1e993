// SPDX-License-Identifier: Apache-2.0
// A packet made from the public example verifies with the application and with standard tools
// (unzip, minisign, sha256sum), and fails after one byte changes anywhere that matters.
#include "core/packet/minisign.h"
#include "core/packet/packetexporter.h"
#include "core/packet/packetverifier.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/util/sha256.h"

#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;

class TestPacket : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_zip;
    QString m_bag;
    MinisignPublicKey m_pub;
    QString m_pubPath;
    QMap<QString, QByteArray> m_files; // inside the bag folder

    static int run(const QString &program, const QStringList &args, const QString &cwd, QByteArray *output = nullptr)
    {
        QProcess p;
        p.setWorkingDirectory(cwd);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        if (output)
            *output = p.readAll();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    // The auditor's chain of packet.md with standard tools only, run in BAGDIR: the signature
    // (minisign -V), both SHA-256 manifests (sha256sum --strict -c), then completeness (every
    // file under data/ is listed). Returns the first step that fails, or an empty string.
    QString auditorChain(const QString &bagDir) const
    {
        const QString minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
        const QString sha256sum = QStandardPaths::findExecutable(QStringLiteral("sha256sum"));
        QByteArray out;
        if (run(minisign, {QStringLiteral("-V"), QStringLiteral("-p"), m_pubPath, QStringLiteral("-m"), QStringLiteral("tagmanifest-sha256.txt")}, bagDir, &out) != 0)
            return QStringLiteral("minisign -V");
        if (run(sha256sum, {QStringLiteral("--strict"), QStringLiteral("-c"), QStringLiteral("tagmanifest-sha256.txt")}, bagDir, &out) != 0)
            return QStringLiteral("sha256sum -c tagmanifest-sha256.txt");
        if (run(sha256sum, {QStringLiteral("--strict"), QStringLiteral("-c"), QStringLiteral("manifest-sha256.txt")}, bagDir, &out) != 0)
            return QStringLiteral("sha256sum -c manifest-sha256.txt");
        // diff <(cut -d' ' -f3- manifest-sha256.txt | LC_ALL=C sort) <(find data -type f | LC_ALL=C sort)
        QFile manifest(bagDir + QStringLiteral("/manifest-sha256.txt"));
        if (!manifest.open(QIODevice::ReadOnly))
            return QStringLiteral("completeness");
        QStringList listed;
        for (const QByteArray &line : manifest.readAll().split('\n'))
            if (!line.isEmpty())
                listed << QString::fromUtf8(line.mid(line.indexOf("  ") + 2));
        QStringList found;
        QDirIterator it(bagDir + QStringLiteral("/data"), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next().mid(bagDir.size() + 1);
        std::sort(listed.begin(), listed.end());
        std::sort(found.begin(), found.end());
        return listed == found ? QString() : QStringLiteral("completeness");
    }

    // One tampering of the bag's files, as named by the data rows below.
    QMap<QString, QByteArray> tampered(const QString &how) const
    {
        QMap<QString, QByteArray> f = m_files;
        if (how == QLatin1String("payload")) {
            QByteArray &b = f[QStringLiteral("data/results/summary.json")];
            b[10] = b[10] == 'x' ? 'y' : 'x';
        } else if (how == QLatin1String("rehash")) {
            QByteArray &b = f[QStringLiteral("data/results/summary.json")];
            b[10] = b[10] == 'x' ? 'y' : 'x';
            QByteArray m = f.value(QStringLiteral("manifest-sha256.txt"));
            const QByteArray oldHash = Sha256::hex(m_files.value(QStringLiteral("data/results/summary.json"))).toLatin1();
            m.replace(oldHash, Sha256::hex(b).toLatin1());
            f.insert(QStringLiteral("manifest-sha256.txt"), m);
        } else if (how == QLatin1String("add")) {
            f.insert(QStringLiteral("data/results/extra.csv"), "a,b\n");
        } else if (how == QLatin1String("remove")) {
            f.remove(QStringLiteral("data/results/variance.csv"));
        } else if (how == QLatin1String("baginfo")) {
            f[QStringLiteral("bag-info.txt")].replace("Source-Organization: acct-redacted", "Source-Organization: acct-redactee");
        } else if (how == QLatin1String("tagmanifest")) {
            f[QStringLiteral("tagmanifest-sha256.txt")].append("\n");
        } else if (how == QLatin1String("nosig")) {
            f.remove(QStringLiteral("tagmanifest-sha256.txt.minisig"));
        }
        return f;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Job job = Job::load(QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json"));
        LedgerSet set;
        JobRunner::load(job, set, true);
        const ReconcileResult result = Reconciler::run(job, set);
        const auto k = Minisign::generate(QByteArray());
        QString error;
        const MinisignSecretKey sk = Minisign::loadSecretKey(k.secretKeyText, QByteArray(), &error);
        QVERIFY(sk.isValid());
        QVERIFY(Minisign::loadPublicKey(k.publicKeyText, &m_pub, &error));
        m_pubPath = m_dir.filePath(QStringLiteral("key.pub"));
        QFile pf(m_pubPath);
        QVERIFY(pf.open(QIODevice::WriteOnly));
        pf.write(k.publicKeyText);
        pf.close();
        PacketOptions po;
        po.outDir = m_dir.filePath(QStringLiteral("out"));
        po.preparer = QStringLiteral("test");
        po.createdAt = 1780272000LL * 1000000; // 2026-06-01T00:00:00Z
        m_zip = PacketExporter::write(job, set, result, sk, po, &error);
        QVERIFY2(!m_zip.isEmpty(), qPrintable(error));
        QCOMPARE(QFileInfo(m_zip).fileName(), QStringLiteral("PKT-acct-redacted-2026-05-001.zip"));
        m_bag = QStringLiteral("PKT-acct-redacted-2026-05-001");
        QMap<QString, QByteArray> all;
        QVERIFY(PacketVerifier::readZip(m_zip, &all, &error));
        for (auto it = all.cbegin(); it != all.cend(); ++it)
            m_files.insert(it.key().mid(m_bag.size() + 1), it.value());
    }

    void layoutIsAsSpecified()
    {
        for (const char *f : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt",
                              "tagmanifest-sha512.txt", "tagmanifest-sha256.txt.minisig", "data/packet.json", "data/period/period.json",
                              "data/inputs/register.csv", "data/results/summary.json", "data/results/lines.csv", "data/results/variance.csv",
                              "data/results/focus.csv", "data/results/exclusions.csv", "data/evidence/register.csv", "data/tool/version.json"})
            QVERIFY2(m_files.contains(QLatin1String(f)), f);
        QVERIFY(m_files.contains(QStringLiteral("data/report/report.html")) || m_files.contains(QStringLiteral("data/report/report.pdf")));
        QCOMPARE(m_files.value(QStringLiteral("bagit.txt")), QByteArray("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"));
        const QByteArray info = m_files.value(QStringLiteral("bag-info.txt"));
        QVERIFY(info.contains("External-Identifier: PKT-acct-redacted-2026-05-001\n"));
        QVERIFY(info.contains("Source-Organization: acct-redacted\n"));
        QVERIFY(info.contains("Packet-Period: 2026-05\n"));
        QVERIFY(info.contains("Bagging-Date: 2026-06-01\n"));
        // Stored names use only [A-Za-z0-9._-].
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            for (QChar c : it.key())
                QVERIFY2(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('/'), qPrintable(it.key()));
        // The stored client log is the redacted copy; the register keeps both hashes.
        const QByteArray reg = m_files.value(QStringLiteral("data/inputs/register.csv"));
        QVERIFY(reg.startsWith("stored_name,original_name,kind,format,imported_at,size_received,sha256_received,size_stored,sha256_stored,redactions"));
        QVERIFY(reg.contains(",client.csv,client,request_log_csv,"));
        const QByteArray packetJson = m_files.value(QStringLiteral("data/packet.json"));
        QVERIFY(packetJson.contains("\"reviewer_signoff\": \"not signed off\""));
        QVERIFY(packetJson.contains("\"decision\": \"warn\""));
    }

    void noSecretEntersThePacket()
    {
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            QVERIFY2(!it.value().contains("sk-abcdefghijklmnopqrstuvwxyz0123"), qPrintable(it.key()));
        // The raw client.csv held 13 copies of the key; the stored copy holds the token instead.
        QByteArray stored;
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            if (it.key().startsWith(QLatin1String("data/inputs/raw/")) && it.key().endsWith(QLatin1String("client.csv")))
                stored = it.value();
        QVERIFY(!stored.isEmpty());
        QVERIFY(stored.contains("debug key key#"));
    }

    void verifiesWithTheApplication()
    {
        const PacketVerification v = PacketVerifier::verifyZip(m_zip, m_pub);
        QVERIFY2(v.ok, qPrintable(v.firstFailure));
        QCOMPARE(v.packetId, m_bag);
        QVERIFY(v.trustedComment.startsWith(QStringLiteral("packet=PKT-acct-redacted-2026-05-001 period=2026-05 decision=warn signed=2026-06-01T00:00:00Z")));
    }

    void verifiesWithStandardTools()
    {
        const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
        const QString minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
        const QString sha256sum = QStandardPaths::findExecutable(QStringLiteral("sha256sum"));
        if (unzip.isEmpty() || minisign.isEmpty() || sha256sum.isEmpty())
            QSKIP("unzip, minisign or sha256sum missing");
        const QString v = m_dir.filePath(QStringLiteral("v"));
        QVERIFY(QDir().mkpath(v));
        QByteArray out;
        QCOMPARE(run(unzip, {QStringLiteral("-q"), m_zip, QStringLiteral("-d"), v}, v, &out), 0);
        const QString bag = v + QLatin1Char('/') + m_bag;
        QCOMPARE(auditorChain(bag), QString());
    }

    // The same tamperings, written out as an auditor would find them after unzip, each stop the
    // standard tools' chain at the step that guards them.
    void tamperingFailsWithStandardTools_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("failingStep");
        QTest::newRow("payload byte") << "payload" << "sha256sum -c manifest-sha256.txt";
        QTest::newRow("manifest re-hashed, not re-signed") << "rehash" << "sha256sum -c tagmanifest-sha256.txt";
        QTest::newRow("file added") << "add" << "completeness";
        QTest::newRow("file removed") << "remove" << "sha256sum -c manifest-sha256.txt";
        QTest::newRow("bag-info edited") << "baginfo" << "sha256sum -c tagmanifest-sha256.txt";
        QTest::newRow("tag manifest edited") << "tagmanifest" << "minisign -V";
        QTest::newRow("signature removed") << "nosig" << "minisign -V";
    }

    void tamperingFailsWithStandardTools()
    {
        QFETCH(QString, how);
        QFETCH(QString, failingStep);
        if (QStandardPaths::findExecutable(QStringLiteral("minisign")).isEmpty() || QStandardPaths::findExecutable(QStringLiteral("sha256sum")).isEmpty())
            QSKIP("minisign or sha256sum missing");
        const QString bag = m_dir.filePath(QStringLiteral("t-") + how);
        const QMap<QString, QByteArray> f = tampered(how);
        for (auto it = f.cbegin(); it != f.cend(); ++it) {
            const QString path = bag + QLatin1Char('/') + it.key();
            QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QCOMPARE(out.write(it.value()), it.value().size());
        }
        QCOMPARE(auditorChain(bag), failingStep);
    }

    void tamperingFails_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("expected");
        QTest::newRow("payload byte") << "payload" << "manifest-sha256.txt: checksum mismatch for data/results/summary.json";
        QTest::newRow("manifest re-hashed, not re-signed") << "rehash" << "tagmanifest-sha256.txt: checksum mismatch for manifest-sha256.txt";
        QTest::newRow("file added") << "add" << "extra file: data/results/extra.csv (not in manifest-sha256.txt)";
        QTest::newRow("file removed") << "remove" << "missing file: data/results/variance.csv (listed in manifest-sha256.txt)";
        QTest::newRow("bag-info edited") << "baginfo" << "tagmanifest-sha256.txt: checksum mismatch for bag-info.txt";
        QTest::newRow("tag manifest edited") << "tagmanifest" << "signature: signature verification failed: the signed file was changed or the key does not match";
        QTest::newRow("signature removed") << "nosig" << "missing file: tagmanifest-sha256.txt.minisig";
    }

    void tamperingFails()
    {
        QFETCH(QString, how);
        QFETCH(QString, expected);
        const QMap<QString, QByteArray> f = tampered(how);
        const PacketVerification v = PacketVerifier::verifyFiles(m_bag, f, m_pub);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstFailure, expected);
    }

    // Through the real zip and the command line: one changed byte makes `verify` exit non-zero.
    void cliVerifyFailsOnATamperedZip()
    {
        const QString cli = QStringLiteral(TL_BIN_DIR "/tokenledger-cli");
        if (!QFile::exists(cli))
            QSKIP("tokenledger-cli not built");
        QByteArray out;
        QCOMPARE(run(cli, {QStringLiteral("verify"), m_zip, QStringLiteral("--pubkey"), m_pubPath}, m_dir.path(), &out), 0);
        const QString zipTool = QStandardPaths::findExecutable(QStringLiteral("zip"));
        const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
        if (zipTool.isEmpty() || unzip.isEmpty())
            QSKIP("zip/unzip missing");
        const QString t = m_dir.filePath(QStringLiteral("t"));
        QVERIFY(QDir().mkpath(t));
        QCOMPARE(run(unzip, {QStringLiteral("-q"), m_zip, QStringLiteral("-d"), t}, t, &out), 0);
        QFile lines(t + QLatin1Char('/') + m_bag + QStringLiteral("/data/results/lines.csv"));
        QVERIFY(lines.open(QIODevice::ReadWrite));
        QByteArray b = lines.readAll();
        b[b.size() - 2] = b[b.size() - 2] == '1' ? '2' : '1';
        lines.seek(0);
        lines.write(b);
        lines.close();
        const QString tampered = m_dir.filePath(QStringLiteral("tampered.zip"));
        QCOMPARE(run(zipTool, {QStringLiteral("-q"), QStringLiteral("-r"), tampered, m_bag}, t, &out), 0);
        QCOMPARE(run(cli, {QStringLiteral("verify"), tampered, QStringLiteral("--pubkey"), m_pubPath}, m_dir.path(), &out), 2);
        QVERIFY2(out.contains("manifest-sha256.txt: checksum mismatch for data/results/lines.csv"), out.constData());
    }
};

QTEST_GUILESS_MAIN(TestPacket)
#include "tst_packet.moc"
