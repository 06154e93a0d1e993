// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/packet/packetexporter.h"
#include "ui/dialogs/packetsource.h"

#include <QDialog>
#include <QFutureWatcher>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
QT_END_NAMESPACE

namespace tl {

class PassphraseKeychain;

/**
 * Export Packet (packet.md): the signing key and its passphrase, the reviewer's sign-off (a
 * review record file, as the Sign-off dialog saves it) or "not signed off", who prepared it, and
 * where the packet goes (a folder, or a .zip file). Export unlocks the key (scrypt: seconds),
 * loads the inputs again with their stored copies, renders the PDF report and writes and signs
 * the packet, all on a worker thread (QtConcurrent) with a progress bar and Cancel; the window
 * stays responsive and nothing is written until the packet is complete. Where the build has
 * qtkeychain, "Remember the passphrase" (off by default, a setting) keeps it in the system
 * keychain per key file and fills it in next time.
 */
class ExportPacketDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExportPacketDialog(PacketSource source, QWidget *parent = nullptr);
    ~ExportPacketDialog() override;

    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *passphraseEdit() const { return m_passphrase; }
    /** Null when the build has no keychain support. */
    QCheckBox *rememberBox() const { return m_remember; }
    QRadioButton *notSignedOffButton() const { return m_notSignedOff; }
    QRadioButton *signedOffButton() const { return m_signedOff; }
    QLineEdit *signoffEdit() const { return m_signoff; }
    QLineEdit *preparerEdit() const { return m_preparer; }
    QLineEdit *outputEdit() const { return m_output; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *exportButton() const { return m_export; }
    bool isRunning() const { return m_watcher.isRunning(); }
    /** The packet written by the last export (empty: none yet, or it failed). */
    QString writtenPath() const { return m_written; }
    /** The report renderer (default: the PDF report). */
    void setReportRenderer(PacketReportRenderer renderer) { m_renderer = std::move(renderer); }

    struct Outcome
    {
        bool ok = false;
        QString path, packetId, error, decision;
        bool provisional = false, signedOff = false;
    };

public slots:
    /** Checks the form and starts the export (no-op while one runs). */
    void start();

signals:
    /** An export ended: ok with the packet's path, or not with the reason (canceled included). */
    void exportFinished(bool ok, const QString &pathOrError);

protected:
    void reject() override;

private:
    void browseKey();
    void browseSignoff();
    void browseOutput();
    void updateState();
    void onFinished();
    void setBusy(bool busy);
    void showStatus(const QString &text, bool error);

    PacketSource m_source;
    PacketReportRenderer m_renderer;
    QLineEdit *m_key, *m_passphrase, *m_signoff, *m_preparer, *m_output;
    QLabel *m_keyHint, *m_status;
    QRadioButton *m_notSignedOff, *m_signedOff;
    QPushButton *m_keyBrowse, *m_signoffBrowse, *m_outputBrowse, *m_export;
    QProgressBar *m_progress;
    QCheckBox *m_remember = nullptr;
    PassphraseKeychain *m_keychain;
    QString m_keychainFilled; ///< the key file whose remembered passphrase was asked for
    QDialogButtonBox *m_buttons;
    QFutureWatcher<Outcome> m_watcher;
    QString m_written;
};

} // namespace tl
