// SPDX-License-Identifier: Apache-2.0
#include "core/packet/minisign.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;

class TestMinisign : public QObject
{
    Q_OBJECT

private:
    static bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static int run(const QString &program, const QStringList &args, QByteArray *output = nullptr)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        if (output)
            *output = p.readAll();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private slots:
    void signAndVerifyRoundTrip()
    {
        const auto k = Minisign::generate("correct horse", Minisign::KdfStrength::Interactive);
        QString error;
        const MinisignSecretKey sk = Minisign::loadSecretKey(k.secretKeyText, "correct horse", &error);
        QVERIFY2(sk.isValid(), qPrintable(error));
        MinisignPublicKey pk;
        QVERIFY(Minisign::loadPublicKey(k.publicKeyText, &pk, &error));
        QCOMPARE(pk.keyIdHex(), k.keyIdHex);
        const QByteArray data = "8c1e…  data/results/summary.json\n";
        const QByteArray sig = Minisign::sign(sk, data, QStringLiteral("packet=PKT-x period=2026-05 decision=warn"));
        const MinisignVerification v = Minisign::verify(pk, data, sig);
        QVERIFY2(v.ok, qPrintable(v.error));
        QCOMPARE(v.trustedComment, QStringLiteral("packet=PKT-x period=2026-05 decision=warn"));
    }

    void wrongPassphraseIsRefused()
    {
        const auto k = Minisign::generate("right", Minisign::KdfStrength::Interactive);
        QVERIFY(Minisign::secretKeyIsEncrypted(k.secretKeyText));
        QString error;
        const MinisignSecretKey sk = Minisign::loadSecretKey(k.secretKeyText, "wrong", &error);
        QVERIFY(!sk.isValid());
        QCOMPARE(error, QStringLiteral("wrong passphrase for this key"));
        const MinisignSecretKey none = Minisign::loadSecretKey(k.secretKeyText, QByteArray(), &error);
        QVERIFY(!none.isValid());
        QCOMPARE(error, QStringLiteral("the secret key is protected by a passphrase"));
    }

    void tamperingFails_data()
    {
        QTest::addColumn<int>("what");
        QTest::newRow("data byte") << 0;
        QTest::newRow("trusted comment") << 1;
        QTest::newRow("other key") << 2;
    }

    void tamperingFails()
    {
        QFETCH(int, what);
        const auto k = Minisign::generate(QByteArray());
        QString error;
        const MinisignSecretKey sk = Minisign::loadSecretKey(k.secretKeyText, QByteArray(), &error);
        QVERIFY(sk.isValid());
        MinisignPublicKey pk;
        QVERIFY(Minisign::loadPublicKey(k.publicKeyText, &pk, &error));
        QByteArray data = "abc\n";
        QByteArray sig = Minisign::sign(sk, data, QStringLiteral("packet=P decision=pass"));
        QString expected;
        if (what == 0) {
            data[1] = 'x';
            expected = QStringLiteral("signature verification failed: the signed file was changed or the key does not match");
        } else if (what == 1) {
            sig.replace("decision=pass", "decision=fail");
            expected = QStringLiteral("the trusted comment was changed (global signature verification failed)");
        } else {
            const auto other = Minisign::generate(QByteArray());
            QVERIFY(Minisign::loadPublicKey(other.publicKeyText, &pk, &error));
            expected = QStringLiteral("signed with key %1, not with the given key %2").arg(k.keyIdHex, other.keyIdHex);
        }
        const MinisignVerification v = Minisign::verify(pk, data, sig);
        QVERIFY(!v.ok);
        QCOMPARE(v.error, expected);
    }

    // Our signatures verify with the real minisign, and a key made by minisign signs here.
    void interoperatesWithMinisign()
    {
        const QString minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
        if (minisign.isEmpty())
            QSKIP("minisign is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString data = dir.filePath(QStringLiteral("tagmanifest-sha256.txt"));
        QVERIFY(writeFile(data, "0123  bagit.txt\n"));

        // Ours -> minisign -V.
        const auto k = Minisign::generate("pw", Minisign::KdfStrength::Interactive);
        QString error;
        const MinisignSecretKey sk = Minisign::loadSecretKey(k.secretKeyText, "pw", &error);
        QVERIFY(sk.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("ours.pub")), k.publicKeyText));
        QVERIFY(writeFile(data + QStringLiteral(".minisig"), Minisign::sign(sk, readFile(data), QStringLiteral("packet=T"))));
        QByteArray out;
        QCOMPARE(run(minisign, {QStringLiteral("-V"), QStringLiteral("-p"), dir.filePath(QStringLiteral("ours.pub")), QStringLiteral("-m"), data}, &out), 0);
        QVERIFY2(out.contains("Trusted comment: packet=T"), out.constData());

        // minisign -G -W (unencrypted) -> we sign -> minisign verifies; we verify minisign's own signature.
        const QString mkey = dir.filePath(QStringLiteral("m.key")), mpub = dir.filePath(QStringLiteral("m.pub"));
        QCOMPARE(run(minisign, {QStringLiteral("-G"), QStringLiteral("-W"), QStringLiteral("-s"), mkey, QStringLiteral("-p"), mpub}, &out), 0);
        const MinisignSecretKey msk = Minisign::loadSecretKey(readFile(mkey), QByteArray(), &error);
        QVERIFY2(msk.isValid(), qPrintable(error));
        QVERIFY(writeFile(data + QStringLiteral(".minisig"), Minisign::sign(msk, readFile(data), QStringLiteral("packet=M"))));
        QCOMPARE(run(minisign, {QStringLiteral("-V"), QStringLiteral("-p"), mpub, QStringLiteral("-m"), data}, &out), 0);
        QVERIFY(QFile::remove(data + QStringLiteral(".minisig")));
        QCOMPARE(run(minisign, {QStringLiteral("-S"), QStringLiteral("-s"), mkey, QStringLiteral("-m"), data, QStringLiteral("-t"), QStringLiteral("by minisign")}, &out), 0);
        MinisignPublicKey mpk;
        QVERIFY(Minisign::loadPublicKey(readFile(mpub), &mpk, &error));
        const MinisignVerification v = Minisign::verify(mpk, readFile(data), readFile(data + QStringLiteral(".minisig")));
        QVERIFY2(v.ok, qPrintable(v.error));
        QCOMPARE(v.trustedComment, QStringLiteral("by minisign"));
    }
};

QTEST_GUILESS_MAIN(TestMinisign)
#include "tst_minisign.moc"
