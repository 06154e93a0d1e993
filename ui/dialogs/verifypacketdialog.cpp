// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/verifypacketdialog.h"

#include "core/packet/minisign.h"
#include "ui/dialogs/fieldrow.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace tl {

namespace {

const QColor kOk(0x2e, 0x7d, 0x32), kFailed(0xb3, 0x26, 0x1e);

PacketVerification verify(const QString &zip, const QByteArray &pubText)
{
    PacketVerification v;
    MinisignPublicKey key;
    QString error;
    if (!Minisign::loadPublicKey(pubText, &key, &error)) {
        v.firstFailure = QCoreApplication::translate("tl::VerifyPacketDialog", "public key: %1").arg(error);
        return v;
    }
    return PacketVerifier::verifyZip(zip, key);
}

} // namespace

VerifyPacketDialog::VerifyPacketDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Verify Packet"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Checks a signed packet against the signer's public key: the signature and its trusted comment, "
                                "both tag manifests, both payload manifests, that no file is missing or extra, and Payload-Oxum. "
                                "Take the public key from its owner, not from the packet."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_packet = new QLineEdit;
    m_packet->setPlaceholderText(tr("PKT-\u2026.zip"));
    auto *browsePacket = new QPushButton(tr("Browse\u2026"));
    form->addRow(tr("&Packet:"), FieldRow::create(m_packet, browsePacket));
    m_pubkey = new QLineEdit;
    m_pubkey->setPlaceholderText(tr("minisign public key (.pub)"));
    auto *browseKey = new QPushButton(tr("Browse\u2026"));
    form->addRow(tr("Public &key:"), FieldRow::create(m_pubkey, browseKey));
    layout->addLayout(form);

    m_verdict = new QLabel;
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_verdict);
    m_checks = new QListWidget;
    m_checks->setSelectionMode(QAbstractItemView::NoSelection);
    m_checks->setWordWrap(true);
    layout->addWidget(m_checks, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_verify = buttons->addButton(tr("&Verify"), QDialogButtonBox::AcceptRole);
    m_verify->setDefault(true);
    layout->addWidget(buttons);

    connect(m_verify, &QPushButton::clicked, this, &VerifyPacketDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &VerifyPacketDialog::reject);
    connect(browsePacket, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Packet"), QFileInfo(m_packet->text()).absolutePath(), tr("Packets (*.zip)"));
        if (!f.isEmpty())
            m_packet->setText(f);
    });
    connect(browseKey, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Public key"), QFileInfo(m_pubkey->text()).absolutePath(),
                                                       tr("minisign public keys (*.pub);;All files (*)"));
        if (!f.isEmpty())
            m_pubkey->setText(f);
    });
    for (QLineEdit *e : {m_packet, m_pubkey})
        connect(e, &QLineEdit::textChanged, this, &VerifyPacketDialog::updateState);
    connect(&m_watcher, &QFutureWatcher<PacketVerification>::finished, this, &VerifyPacketDialog::onFinished);
    updateState();
    resize(640, 420);
}

VerifyPacketDialog::~VerifyPacketDialog()
{
    if (m_watcher.isRunning())
        m_watcher.waitForFinished();
}

void VerifyPacketDialog::updateState()
{
    m_verify->setEnabled(!m_watcher.isRunning() && !m_packet->text().isEmpty() && !m_pubkey->text().isEmpty());
}

void VerifyPacketDialog::start()
{
    if (m_watcher.isRunning())
        return;
    QFile f(m_pubkey->text());
    if (!f.open(QIODevice::ReadOnly)) {
        m_verdict->setStyleSheet(QStringLiteral("color: #b3261e;"));
        m_verdict->setText(tr("Cannot read the public key %1: %2").arg(m_pubkey->text(), f.errorString()));
        return;
    }
    m_checks->clear();
    m_verdict->setStyleSheet(QString());
    m_verdict->setText(tr("Verifying %1\u2026").arg(QFileInfo(m_packet->text()).fileName()));
    m_watcher.setFuture(QtConcurrent::run(&verify, m_packet->text(), f.readAll()));
    updateState();
}

void VerifyPacketDialog::onFinished()
{
    m_result = m_watcher.future().result();
    m_checks->clear();
    for (const QString &c : std::as_const(m_result.checks)) {
        auto *item = new QListWidgetItem(QStringLiteral("\u2714  ") + c, m_checks);
        item->setForeground(kOk);
    }
    if (!m_result.ok) {
        auto *item = new QListWidgetItem(QStringLiteral("\u2718  ") + m_result.firstFailure, m_checks);
        item->setForeground(kFailed);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        m_checks->scrollToItem(item);
        m_verdict->setStyleSheet(QStringLiteral("color: #b3261e; font-weight: bold;"));
        m_verdict->setText(tr("Verification failed: %1").arg(m_result.firstFailure));
    } else {
        m_verdict->setStyleSheet(QStringLiteral("color: #2e7d32; font-weight: bold;"));
        m_verdict->setText(tr("Verified %1: %2 payload files, %3 bytes, signed by key %4; nothing missing, nothing extra, nothing changed.")
                               .arg(m_result.packetId, QLocale().toString(m_result.payloadFiles), QLocale().toString(m_result.payloadBytes),
                                    m_result.keyIdHex));
    }
    updateState();
    emit verified(m_result.ok);
}

} // namespace tl
