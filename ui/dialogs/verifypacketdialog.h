// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/packet/packetverifier.h"

#include <QDialog>
#include <QFutureWatcher>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

/**
 * Verify Packet (packet.md, Verification): a packet zip and the signer's public key, obtained
 * out of band. Verify checks the signature and its trusted comment, both tag manifests, both
 * payload manifests, that no file is missing or extra, and Payload-Oxum, on a worker thread,
 * then lists each check that held and, in red, the first one that failed.
 */
class VerifyPacketDialog : public QDialog
{
    Q_OBJECT

public:
    explicit VerifyPacketDialog(QWidget *parent = nullptr);
    ~VerifyPacketDialog() override;

    QLineEdit *packetEdit() const { return m_packet; }
    QLineEdit *publicKeyEdit() const { return m_pubkey; }
    QListWidget *checkList() const { return m_checks; }
    QLabel *verdictLabel() const { return m_verdict; }
    QPushButton *verifyButton() const { return m_verify; }
    bool isRunning() const { return m_watcher.isRunning(); }
    /** The last verification's outcome (ok false and no checks before the first). */
    PacketVerification result() const { return m_result; }

public slots:
    void start();

signals:
    void verified(bool ok);

private:
    void updateState();
    void onFinished();

    QLineEdit *m_packet, *m_pubkey;
    QPushButton *m_verify;
    QListWidget *m_checks;
    QLabel *m_verdict;
    QFutureWatcher<PacketVerification> m_watcher;
    PacketVerification m_result;
};

} // namespace tl
