// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/exportpacketdialog.h"

#include "ui/dialogs/fieldrow.h"
#include "ui/dialogs/passphrasekeychain.h"
#include "core/packet/minisign.h"
#include "core/packet/reviewrecord.h"
#include "ui/document/workspaceloader.h"
#include "ui/report/pdfreport.h"

#include <QCoreApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace tl {

namespace {

struct Request
{
    PacketSource source;
    QByteArray keyText, passphrase;
    PacketOptions options;
};

QString tr(const char *text)
{
    return QCoreApplication::translate("tl::ExportPacketDialog", text);
}

void exportPacket(QPromise<ExportPacketDialog::Outcome> &promise, Request rq)
{
    ExportPacketDialog::Outcome out;
    promise.setProgressRange(0, 4);
    promise.setProgressValueAndText(0, tr("Unlocking the signing key\u2026"));
    QString error;
    const MinisignSecretKey key = Minisign::loadSecretKey(rq.keyText, rq.passphrase, &error);
    rq.passphrase.fill('\0');
    if (!key.isValid()) {
        out.error = tr("The signing key cannot be used: %1").arg(error);
        promise.addResult(out);
        return;
    }
    if (promise.isCanceled())
        return;
    promise.setProgressValueAndText(1, tr("Reading the inputs with their stored copies and reconciling\u2026"));
    Job job;
    LedgerSet set;
    ReconcileResult result;
    try {
        rq.source.load(&job, &set, &result);
    } catch (const std::exception &e) {
        out.error = WorkspaceLoader::errorMessage(e);
        promise.addResult(out);
        return;
    }
    if (promise.isCanceled())
        return;
    if (rq.options.renderReport) {
        const PacketReportRenderer render = rq.options.renderReport;
        rq.options.renderReport = [&promise, render](const ReconcileResult &r, const LedgerSet &s, const PacketReportContext &c, QString *e) {
            promise.setProgressValueAndText(2, tr("Rendering the report\u2026"));
            QByteArray pdf = render(r, s, c, e);
            promise.setProgressValueAndText(3, tr("Writing and signing the packet\u2026"));
            return pdf;
        };
    }
    promise.setProgressValueAndText(2, tr("Writing and signing the packet\u2026"));
    out.path = PacketExporter::write(job, set, result, key, rq.options, &error, &out.packetId);
    out.ok = !out.path.isEmpty();
    out.error = error;
    out.decision = QString::fromLatin1(decisionName(result.decision));
    out.provisional = result.provisional;
    out.signedOff = rq.options.signedOff;
    promise.setProgressValueAndText(4, out.ok ? tr("Done") : tr("Failed"));
    promise.addResult(out);
}

} // namespace

ExportPacketDialog::ExportPacketDialog(PacketSource source, QWidget *parent)
    : QDialog(parent)
    , m_source(std::move(source))
    , m_renderer(&PdfReport::render)
    , m_keychain(new PassphraseKeychain(this))
{
    setWindowTitle(tr("Export Packet"));
    auto *layout = new QVBoxLayout(this);

    QString what = tr("A signed packet of the period: the inputs as stored, the price snapshot, mapping and policy used, the "
                      "results, a FOCUS 1.2 CSV, the evidence register and the PDF report, as a BagIt bag whose manifest is "
                      "signed with your key (minisign). Anyone with your public key can check it, with or without TokenLedger.");
    if (m_source.isValid()) {
        const Workspace &ws = m_source.workspace();
        what.prepend(QStringLiteral("<b>%1</b> \u00b7 %2 \u00b7 decision <b>%3</b>%4<br/>")
                         .arg(ws.job.displayName.toHtmlEscaped(), PacketExporter::periodLabel(ws.job.period),
                              QString::fromLatin1(decisionName(ws.result.decision)),
                              ws.result.provisional ? tr(" (provisional)") : QString()));
    }
    auto *intro = new QLabel(what);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addSpacing(4);

    auto *keyBox = new QGroupBox(tr("Signing key"));
    auto *keyForm = new QFormLayout(keyBox);
    m_key = new QLineEdit;
    m_key->setPlaceholderText(tr("minisign secret key (tokenledger-cli keygen, or minisign -G)"));
    m_keyBrowse = new QPushButton(tr("Browse\u2026"));
    keyForm->addRow(tr("&Key file:"), FieldRow::create(m_key, m_keyBrowse));
    m_passphrase = new QLineEdit;
    m_passphrase->setEchoMode(QLineEdit::Password);
    keyForm->addRow(tr("&Passphrase:"), m_passphrase);
    if (PassphraseKeychain::available()) {
        m_remember = new QCheckBox(tr("&Remember the passphrase in the system keychain"));
        m_remember->setChecked(PassphraseKeychain::enabled());
        keyForm->addRow(QString(), m_remember);
    }
    m_keyHint = new QLabel;
    m_keyHint->setWordWrap(true);
    m_keyHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    keyForm->addRow(QString(), m_keyHint);
    layout->addWidget(keyBox);

    auto *signBox = new QGroupBox(tr("Reviewer's sign-off"));
    auto *signForm = new QFormLayout(signBox);
    m_notSignedOff = new QRadioButton(tr("&Not signed off (the packet and its report say so)"));
    m_signedOff = new QRadioButton(tr("Signed off with a &review record:"));
    m_notSignedOff->setChecked(true);
    m_signoff = new QLineEdit;
    m_signoff->setPlaceholderText(tr("review record JSON (Period \u2192 Sign off\u2026 saves one)"));
    m_signoffBrowse = new QPushButton(tr("Browse\u2026"));
    signForm->addRow(m_notSignedOff);
    signForm->addRow(m_signedOff);
    signForm->addRow(QString(), FieldRow::create(m_signoff, m_signoffBrowse));
    m_preparer = new QLineEdit(qEnvironmentVariable("USER"));
    signForm->addRow(tr("Prepared &by:"), m_preparer);
    layout->addWidget(signBox);

    auto *outBox = new QGroupBox(tr("Packet"));
    auto *outForm = new QFormLayout(outBox);
    m_output = new QLineEdit(QDir(m_source.isValid() ? m_source.suggestedFolder() : QDir::homePath()).filePath(QStringLiteral("packets")));
    m_output->setToolTip(tr("A folder (the packet is named PKT-<account>-<period>-<seq>.zip in it) or a .zip file"));
    m_outputBrowse = new QPushButton(tr("Browse\u2026"));
    outForm->addRow(tr("&Save to:"), FieldRow::create(m_output, m_outputBrowse));
    auto *outHint = new QLabel(tr("A folder (the packet gets the next free name PKT-\u2026-NNN.zip) or a .zip file."));
    outHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    outForm->addRow(QString(), outHint);
    layout->addWidget(outBox);

    m_progress = new QProgressBar;
    m_progress->setRange(0, 4);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_export = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setDefault(true);
    layout->addWidget(m_buttons);

    connect(m_export, &QPushButton::clicked, this, &ExportPacketDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportPacketDialog::reject);
    connect(m_keyBrowse, &QPushButton::clicked, this, &ExportPacketDialog::browseKey);
    connect(m_signoffBrowse, &QPushButton::clicked, this, &ExportPacketDialog::browseSignoff);
    connect(m_outputBrowse, &QPushButton::clicked, this, &ExportPacketDialog::browseOutput);
    for (QLineEdit *e : {m_key, m_signoff, m_output})
        connect(e, &QLineEdit::textChanged, this, &ExportPacketDialog::updateState);
    connect(m_signedOff, &QRadioButton::toggled, this, &ExportPacketDialog::updateState);
    if (m_remember)
        connect(m_remember, &QCheckBox::toggled, this, [this](bool on) {
            PassphraseKeychain::setEnabled(on);
            if (!on && !m_key->text().isEmpty())
                m_keychain->forget(m_key->text());
        });
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressTextChanged, this, [this](const QString &t) { showStatus(t, false); });
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ExportPacketDialog::onFinished);
    updateState();
    resize(640, sizeHint().height());
}

ExportPacketDialog::~ExportPacketDialog()
{
    // The worker holds references into the promise only; wait so it never outlives the dialog's watcher.
    if (m_watcher.isRunning()) {
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
}

void ExportPacketDialog::browseKey()
{
    const QString f = QFileDialog::getOpenFileName(this, tr("Signing key"), QFileInfo(m_key->text()).absolutePath(),
                                                   tr("minisign secret keys (*.key);;All files (*)"));
    if (!f.isEmpty())
        m_key->setText(f);
}

void ExportPacketDialog::browseSignoff()
{
    const QString f = QFileDialog::getOpenFileName(this, tr("Review record"), QFileInfo(m_signoff->text()).absolutePath(),
                                                   tr("Review records (*.json);;All files (*)"));
    if (!f.isEmpty()) {
        m_signoff->setText(f);
        m_signedOff->setChecked(true);
    }
}

void ExportPacketDialog::browseOutput()
{
    const QString f = QFileDialog::getSaveFileName(this, tr("Save the packet as"), m_output->text(), tr("Packets (*.zip)"), nullptr,
                                                   QFileDialog::DontConfirmOverwrite);
    if (!f.isEmpty())
        m_output->setText(f.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive) ? f : f + QStringLiteral(".zip"));
}

void ExportPacketDialog::updateState()
{
    const bool busy = m_watcher.isRunning();
    // An unencrypted key (minisign -W) needs no passphrase: say so instead of asking.
    QByteArray keyText;
    QFile kf(m_key->text());
    const bool keyReadable = !m_key->text().isEmpty() && kf.open(QIODevice::ReadOnly) && !(keyText = kf.read(4096)).isEmpty();
    const bool encrypted = !keyReadable || Minisign::secretKeyIsEncrypted(keyText);
    m_passphrase->setEnabled(!busy && encrypted);
    if (m_key->text().isEmpty())
        m_keyHint->setText(tr("The key unlocks on a worker thread; it takes a few seconds (scrypt)."));
    else if (!keyReadable)
        m_keyHint->setText(tr("Cannot read %1.").arg(m_key->text()));
    else if (!encrypted)
        m_keyHint->setText(tr("This key is not encrypted: no passphrase needed."));
    else
        m_keyHint->setText(tr("The key unlocks on a worker thread; it takes a few seconds (scrypt)."));
    // A remembered passphrase fills in once per key file (only when the user turned that on).
    if (keyReadable && encrypted && m_passphrase->text().isEmpty() && m_keychainFilled != m_key->text() && PassphraseKeychain::enabled()) {
        m_keychainFilled = m_key->text();
        const QString asked = m_key->text();
        m_keychain->read(asked, [this, asked](const QString &passphrase) {
            if (!passphrase.isEmpty() && m_key->text() == asked && m_passphrase->text().isEmpty())
                m_passphrase->setText(passphrase);
        });
    }
    m_signoff->setEnabled(!busy && m_signedOff->isChecked());
    m_signoffBrowse->setEnabled(!busy);
    m_export->setEnabled(!busy && m_source.isValid() && keyReadable && !m_output->text().trimmed().isEmpty()
                         && (!m_signedOff->isChecked() || !m_signoff->text().isEmpty()));
}

void ExportPacketDialog::setBusy(bool busy)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_key, m_keyBrowse, m_notSignedOff, m_signedOff, m_preparer, m_output, m_outputBrowse})
        w->setEnabled(!busy);
    if (m_remember)
        m_remember->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Close)->setText(busy ? tr("Cancel") : tr("Close"));
    updateState();
}

void ExportPacketDialog::showStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #b3261e;") : QString());
    m_status->setText(text);
}

void ExportPacketDialog::start()
{
    if (m_watcher.isRunning() || !m_source.isValid())
        return;
    Request rq;
    rq.source = m_source;
    QString error;
    QFile kf(m_key->text());
    if (!kf.open(QIODevice::ReadOnly)) {
        showStatus(tr("Cannot read the key %1: %2").arg(m_key->text(), kf.errorString()), true);
        return;
    }
    rq.keyText = kf.readAll();
    rq.passphrase = m_passphrase->text().toUtf8();
    if (m_signedOff->isChecked()) {
        QFile sf(m_signoff->text());
        if (!sf.open(QIODevice::ReadOnly)) {
            showStatus(tr("Cannot read the review record %1: %2").arg(m_signoff->text(), sf.errorString()), true);
            return;
        }
        if (!ReviewRecord::fromJson(sf.readAll(), QFileInfo(m_signoff->text()).fileName(), &rq.options.signoff, &error)) {
            showStatus(error, true);
            return;
        }
        rq.options.signedOff = true;
    }
    const QString target = m_output->text().trimmed();
    if (target.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive)) {
        if (QFileInfo::exists(target)) {
            showStatus(tr("%1 exists already: choose another name or a folder.").arg(target), true);
            return;
        }
        rq.options.outFile = target;
    } else {
        rq.options.outDir = target;
    }
    rq.options.preparer = m_preparer->text().trimmed();
    rq.options.renderReport = m_renderer;
    m_written.clear();
    m_progress->setValue(0);
    showStatus(tr("Starting\u2026"), false);
    m_watcher.setFuture(QtConcurrent::run(&exportPacket, std::move(rq)));
    setBusy(true);
}

void ExportPacketDialog::onFinished()
{
    setBusy(false);
    const QFuture<Outcome> f = m_watcher.future();
    if (f.isCanceled() || f.resultCount() == 0) {
        m_progress->setValue(0);
        showStatus(tr("Canceled: no packet was written."), true);
        emit exportFinished(false, tr("canceled"));
        return;
    }
    const Outcome out = f.result();
    if (!out.ok) {
        m_progress->setValue(0);
        showStatus(out.error, true);
        emit exportFinished(false, out.error);
        return;
    }
    m_written = out.path;
    if (m_remember && m_remember->isChecked() && m_passphrase->isEnabled())
        m_keychain->write(m_key->text(), m_passphrase->text());
    m_progress->setValue(m_progress->maximum());
    showStatus(tr("Wrote %1 (%2: decision %3%4, %5). Publish your public key out of band; the packet's recipient verifies "
                  "it with File \u2192 Verify Packet or tokenledger-cli verify.")
                   .arg(QDir::toNativeSeparators(out.path), out.packetId, out.decision,
                        out.provisional ? tr(", provisional") : QString(),
                        out.signedOff ? tr("signed off") : tr("not signed off")),
               false);
    emit exportFinished(true, out.path);
}

void ExportPacketDialog::reject()
{
    if (m_watcher.isRunning()) {
        // Cancel stops between steps; the dialog stays until the worker has let go.
        m_watcher.cancel();
        showStatus(tr("Canceling\u2026"), false);
        return;
    }
    QDialog::reject();
}

} // namespace tl
