// SPDX-License-Identifier: Apache-2.0
// Export Packet and Verify Packet, driven like a user would, offscreen: the export runs off the
// GUI thread with progress and writes a packet that verifies; the Verify dialog lists the checks
// and shows the first failure of a tampered packet in red. With TL_SCREENSHOTS=DIR set, the
// dialogs are saved there as PNG (QWidget::grab) for review.
#include "core/packet/minisign.h"
#include "core/packet/packetverifier.h"
#include "ui/dialogs/exportpacketdialog.h"
#include "ui/dialogs/packetsource.h"
#include "ui/dialogs/verifypacketdialog.h"
#include "ui/document/workspaceloader.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;

class TestPacketDialogs : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const Workspace> m_ws;
    QString m_key, m_pub, m_packet;

    static void shot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("TL_SCREENSHOTS");
        if (!dir.isEmpty())
            w->grab().save(QDir(dir).filePath(name));
    }

    static bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = WorkspaceLoader::load(QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json"));
        QVERIFY(m_ws);
        // A passphrase-protected key with light scrypt limits (the tests' keys; keygen uses minisign's).
        const Minisign::GeneratedKey k = Minisign::generate("correct horse", Minisign::KdfStrength::Interactive);
        m_key = m_dir.filePath(QStringLiteral("team.key"));
        m_pub = m_dir.filePath(QStringLiteral("team.pub"));
        QVERIFY(writeFile(m_key, k.secretKeyText));
        QVERIFY(writeFile(m_pub, k.publicKeyText));
    }

    void exportWritesAVerifiedPacket()
    {
        QString error;
        PacketSource source = PacketSource::fromWorkspace(m_ws, nullptr, &error);
        QVERIFY2(source.isValid(), qPrintable(error));
        ExportPacketDialog dlg(std::move(source));
        dlg.show();
        QVERIFY(!dlg.exportButton()->isEnabled()); // no key yet
        dlg.keyEdit()->setText(m_key);
        QVERIFY(dlg.passphraseEdit()->isEnabled());
        dlg.outputEdit()->setText(m_dir.filePath(QStringLiteral("out/may.zip")));
        QVERIFY(dlg.notSignedOffButton()->isChecked());
        QVERIFY(dlg.exportButton()->isEnabled());
        shot(&dlg, QStringLiteral("export-packet-dialog.png"));

        // A wrong passphrase is named, and nothing is written.
        dlg.passphraseEdit()->setText(QStringLiteral("wrong"));
        QSignalSpy finished(&dlg, &ExportPacketDialog::exportFinished);
        QTest::mouseClick(dlg.exportButton(), Qt::LeftButton);
        QVERIFY(dlg.isRunning() || finished.count() == 1);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY2(dlg.statusLabel()->text().startsWith(QLatin1String("The signing key cannot be used:")), qPrintable(dlg.statusLabel()->text()));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("out/may.zip"))));

        dlg.passphraseEdit()->setText(QStringLiteral("correct horse"));
        QTest::mouseClick(dlg.exportButton(), Qt::LeftButton);
        QVERIFY(!dlg.keyEdit()->isEnabled() || finished.count() == 2); // inputs locked while it runs
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
        m_packet = dlg.writtenPath();
        QCOMPARE(m_packet, QFileInfo(m_dir.filePath(QStringLiteral("out/may.zip"))).absoluteFilePath());
        QCOMPARE(dlg.progressBar()->value(), dlg.progressBar()->maximum());
        QVERIFY(dlg.statusLabel()->text().contains(QLatin1String("PKT-acct-redacted-2026-05-001")));
        QVERIFY(dlg.statusLabel()->text().contains(QLatin1String("not signed off")));
        QVERIFY(dlg.keyEdit()->isEnabled());
        shot(&dlg, QStringLiteral("export-packet-dialog-done.png"));

        MinisignPublicKey pub;
        QFile pf(m_pub);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        QVERIFY(Minisign::loadPublicKey(pf.readAll(), &pub, &error));
        const PacketVerification v = PacketVerifier::verifyZip(m_packet, pub);
        QVERIFY2(v.ok, qPrintable(v.firstFailure));
        QMap<QString, QByteArray> files;
        QVERIFY(PacketVerifier::readZip(m_packet, &files, &error));
        QVERIFY(files.value(QStringLiteral("PKT-acct-redacted-2026-05-001/data/report/report.pdf")).startsWith("%PDF-"));
    }

    void verifyListsTheChecks()
    {
        QVERIFY(!m_packet.isEmpty());
        VerifyPacketDialog dlg;
        dlg.show();
        QVERIFY(!dlg.verifyButton()->isEnabled());
        dlg.packetEdit()->setText(m_packet);
        dlg.publicKeyEdit()->setText(m_pub);
        QSignalSpy done(&dlg, &VerifyPacketDialog::verified);
        QTest::mouseClick(dlg.verifyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
        QVERIFY(done.at(0).at(0).toBool());
        QCOMPARE(dlg.checkList()->count(), 7); // signature, comment, 2 tag manifests, 2 manifests, oxum
        for (int i = 0; i < dlg.checkList()->count(); ++i)
            QVERIFY(dlg.checkList()->item(i)->text().startsWith(QStringLiteral("\u2714")));
        QVERIFY(dlg.verdictLabel()->text().startsWith(QLatin1String("Verified PKT-acct-redacted-2026-05-001")));
        shot(&dlg, QStringLiteral("verify-packet-dialog.png"));
    }

    void verifyShowsTheFirstFailureInRed()
    {
        // One byte of the zip's stored data changed (the zip stores entries uncompressed or
        // deflated; flipping a byte near the end hits the last payload or the directory).
        QByteArray zip;
        {
            QFile f(m_packet);
            QVERIFY(f.open(QIODevice::ReadOnly));
            zip = f.readAll();
        }
        // Flip a byte inside data/results/summary.json's entry: find its local header.
        const qsizetype at = zip.indexOf("data/results/summary.json");
        QVERIFY(at > 0);
        zip[at + 200] = char(zip[at + 200] ^ 0x20);
        const QString tampered = m_dir.filePath(QStringLiteral("tampered.zip"));
        QVERIFY(writeFile(tampered, zip));
        VerifyPacketDialog dlg;
        dlg.show();
        dlg.packetEdit()->setText(tampered);
        dlg.publicKeyEdit()->setText(m_pub);
        QSignalSpy done(&dlg, &VerifyPacketDialog::verified);
        QTest::mouseClick(dlg.verifyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
        QVERIFY(!done.at(0).at(0).toBool());
        QListWidgetItem *last = dlg.checkList()->item(dlg.checkList()->count() - 1);
        QVERIFY(last->text().startsWith(QStringLiteral("\u2718")));
        QCOMPARE(last->foreground().color(), QColor(0xb3, 0x26, 0x1e));
        QVERIFY(dlg.verdictLabel()->text().startsWith(QLatin1String("Verification failed: ")));
        QCOMPARE(dlg.verdictLabel()->text().mid(21), dlg.result().firstFailure);
        shot(&dlg, QStringLiteral("verify-packet-dialog-failed.png"));
    }
};

QTEST_MAIN(TestPacketDialogs)
#include "tst_packetdialogs.moc"
