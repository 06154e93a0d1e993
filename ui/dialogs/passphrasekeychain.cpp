// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/passphrasekeychain.h"

#include <QFileInfo>
#include <QSettings>

#ifdef TOKENLEDGER_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace tl {

namespace {
const char kService[] = "TokenLedger signing key";
const char kSetting[] = "packet/rememberPassphrase";
} // namespace

PassphraseKeychain::PassphraseKeychain(QObject *parent)
    : QObject(parent)
{
}

bool PassphraseKeychain::available()
{
#ifdef TOKENLEDGER_KEYCHAIN
    return true;
#else
    return false;
#endif
}

bool PassphraseKeychain::enabled()
{
    return available() && QSettings().value(QLatin1String(kSetting), false).toBool();
}

void PassphraseKeychain::setEnabled(bool on)
{
    QSettings().setValue(QLatin1String(kSetting), on);
}

QString PassphraseKeychain::entryName(const QString &keyFile)
{
    return QFileInfo(keyFile).absoluteFilePath();
}

void PassphraseKeychain::read(const QString &keyFile, std::function<void(const QString &)> done)
{
#ifdef TOKENLEDGER_KEYCHAIN
    if (!enabled()) {
        done(QString());
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(QLatin1String(kService), this);
    job->setAutoDelete(true);
    job->setKey(entryName(keyFile));
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        done(j->error() == QKeychain::NoError ? static_cast<QKeychain::ReadPasswordJob *>(j)->textData() : QString());
    });
    job->start();
#else
    Q_UNUSED(keyFile);
    done(QString());
#endif
}

void PassphraseKeychain::write(const QString &keyFile, const QString &passphrase)
{
#ifdef TOKENLEDGER_KEYCHAIN
    if (!enabled() || passphrase.isEmpty())
        return;
    auto *job = new QKeychain::WritePasswordJob(QLatin1String(kService), this);
    job->setAutoDelete(true);
    job->setKey(entryName(keyFile));
    job->setTextData(passphrase);
    job->start();
#else
    Q_UNUSED(keyFile);
    Q_UNUSED(passphrase);
#endif
}

void PassphraseKeychain::forget(const QString &keyFile)
{
#ifdef TOKENLEDGER_KEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(QLatin1String(kService), this);
    job->setAutoDelete(true);
    job->setKey(entryName(keyFile));
    job->start();
#else
    Q_UNUSED(keyFile);
#endif
}

} // namespace tl
