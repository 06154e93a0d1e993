// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/fetchdialog.h"

#include "core/fetch/cometapiquotaclient.h"
#include "core/fetch/newapilogclient.h"
#include "core/fetch/observationfile.h"
#include "core/fetch/secretsource.h"
#include "core/util/timeutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tl {

namespace {

QWidget *withBrowse(QLineEdit *edit, QWidget *parent, const std::function<void()> &browse)
{
    auto *row = new QWidget(parent);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(edit, 1);
    auto *b = new QPushButton(QObject::tr("Browse\u2026"), row);
    QObject::connect(b, &QPushButton::clicked, row, browse);
    h->addWidget(b);
    return row;
}

UtcMicros dayStartUtc(const QDate &d)
{
    return timeutil::dayStart(timeutil::dayFromDate(d));
}

} // namespace

FetchDialog::FetchDialog(QWidget *parent)
    : QDialog(parent), m_source(new QComboBox(this)), m_baseUrl(new QLineEdit(this)), m_keyFile(new QLineEdit(this)),
      m_userId(new QLineEdit(this)), m_output(new QLineEdit(this)), m_keyLabel(new QLabel(this)), m_userLabel(new QLabel(tr("User id:"), this)),
      m_noDates(new QCheckBox(tr("No dates: lifetime totals only (no daily_quota)"), this)), m_start(new QDateEdit(this)),
      m_end(new QDateEdit(this)), m_fetch(new QPushButton(tr("&Fetch"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)), m_status(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Fetch provider usage"));
    m_source->addItem(tr("CometAPI usage query (/user/quota)"));
    m_source->addItem(tr("new-api logs (/api/log/self)"));
    m_userId->setPlaceholderText(tr("the numeric id on the account page"));
    m_keyFile->setPlaceholderText(tr("a file holding the key on its first line"));
    for (QDateEdit *e : {m_start, m_end}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        e->setCalendarPopup(true);
    }
    const QDate today = QDateTime::currentDateTimeUtc().date();
    m_start->setDate(QDate(today.year(), today.month(), 1));
    m_end->setDate(today);
    m_output->setPlaceholderText(tr("where the answer is saved, e.g. cometapi-2026-05.json"));

    auto *form = new QFormLayout;
    form->addRow(tr("Source:"), m_source);
    form->addRow(tr("Base URL:"), m_baseUrl);
    form->addRow(m_keyLabel, withBrowse(m_keyFile, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Key file"));
        if (!f.isEmpty())
            m_keyFile->setText(f);
    }));
    form->addRow(m_userLabel, m_userId);
    form->addRow(QString(), m_noDates);
    form->addRow(tr("From (UTC day):"), m_start);
    form->addRow(tr("To (UTC day, included):"), m_end);
    form->addRow(tr("Save as:"), withBrowse(m_output, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save the answer as"), m_output->text(), tr("JSON (*.json)"));
        if (!f.isEmpty())
            m_output->setText(f);
    }));

    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_status->setReadOnly(true);
    m_status->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // redacted URLs have no spaces
    m_status->setFixedHeight(m_status->fontMetrics().lineSpacing() * 5 + 12);
    m_status->setFrameShape(QFrame::NoFrame);
    m_status->setBackgroundRole(QPalette::Window);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_fetch, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    m_fetch->setDefault(true);
    connect(m_fetch, &QPushButton::clicked, this, &FetchDialog::startFetch);
    connect(m_cancel, &QPushButton::clicked, this, &FetchDialog::reject);

    auto *v = new QVBoxLayout(this);
    v->addLayout(form);
    v->addWidget(m_progress);
    v->addWidget(m_status);
    v->addWidget(buttons);

    connect(m_source, &QComboBox::currentIndexChanged, this, &FetchDialog::updateSourceFields);
    connect(m_noDates, &QCheckBox::toggled, this, &FetchDialog::updateSourceFields);
    updateSourceFields();
    resize(560, sizeHint().height());
}

FetchDialog::~FetchDialog()
{
    // stop quietly: nothing is reported to a dialog that is going away
    for (QObject *client : std::initializer_list<QObject *>{m_comet, m_newapi})
        if (client)
            client->disconnect(this);
    cancelFetch();
}

bool FetchDialog::isFetching() const
{
    return (m_comet && m_comet->isBusy()) || (m_newapi && m_newapi->isBusy());
}

void FetchDialog::updateSourceFields()
{
    const bool comet = m_source->currentIndex() == CometApi;
    m_keyLabel->setText(comet ? tr("Query key file:") : tr("Access token file:"));
    m_userLabel->setVisible(!comet);
    m_userId->setVisible(!comet);
    m_noDates->setVisible(comet);
    const bool dates = !comet || !m_noDates->isChecked();
    m_start->setEnabled(dates);
    m_end->setEnabled(dates);
    const QString cometDefault = CometApiQuotaClient::defaultBaseUrl().toString();
    if (comet && m_baseUrl->text().isEmpty())
        m_baseUrl->setText(cometDefault);
    else if (!comet && m_baseUrl->text() == cometDefault)
        m_baseUrl->clear();
    m_baseUrl->setPlaceholderText(comet ? cometDefault : tr("https://your-new-api.example"));
}

void FetchDialog::setBusy(bool busy)
{
    m_fetch->setEnabled(!busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_source, m_baseUrl, m_keyFile, m_userId, m_noDates, m_start, m_end, m_output})
        w->setEnabled(!busy);
    if (!busy)
        updateSourceFields();
    m_cancel->setText(busy ? tr("Cancel") : tr("Close"));
    if (busy) {
        m_progress->setRange(0, 0); // busy until the first page says how many there are
    } else {
        m_progress->setRange(0, 1);
        m_progress->setValue(m_result.ok() ? 1 : 0);
    }
}

void FetchDialog::showStatus(const QString &text, bool error)
{
    m_status->setPlainText(text);
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::Text, QColor(0xb3, 0x26, 0x1e));
    m_status->setPalette(p);
}

QString FetchDialog::statusText() const
{
    return m_status->toPlainText();
}

void FetchDialog::startFetch()
{
    if (isFetching())
        return;
    m_result = FetchResult();
    m_outputPath = m_output->text().trimmed();
    if (m_outputPath.isEmpty()) {
        showStatus(tr("Say where the answer is saved."), true);
        return;
    }
    QByteArray secret;
    QString warning, error;
    if (!SecretSource::readFile(m_keyFile->text().trimmed(), &secret, &warning, &error)) {
        showStatus(error, true);
        return;
    }
    const QUrl base(m_baseUrl->text().trimmed(), QUrl::StrictMode);
    setBusy(true);
    showStatus(warning.isEmpty() ? tr("Fetching\u2026") : warning, false);
    if (m_source->currentIndex() == CometApi) {
        m_comet = new CometApiQuotaClient(this);
        m_comet->setBaseUrl(base);
        m_comet->setKey(secret);
        m_comet->setRetryPolicy(m_policy);
        connect(m_comet, &CometApiQuotaClient::progress, this, [this](const QString &m) { showStatus(m, false); });
        connect(m_comet, &CometApiQuotaClient::finished, this, &FetchDialog::onFinished);
        if (m_noDates->isChecked())
            m_comet->start();
        else
            m_comet->start(m_start->date().toString(Qt::ISODate), m_end->date().toString(Qt::ISODate));
    } else {
        m_newapi = new NewApiLogClient(this);
        m_newapi->setBaseUrl(base);
        m_newapi->setUserId(m_userId->text().trimmed());
        m_newapi->setAccessToken(secret);
        m_newapi->setRetryPolicy(m_policy);
        connect(m_newapi, &NewApiLogClient::progress, this, [this](const QString &m) { showStatus(m, false); });
        connect(m_newapi, &NewApiLogClient::pageFetched, this, [this](int pages, qint64 logs, qint64 total) {
            if (total > 0) {
                m_progress->setRange(0, static_cast<int>(std::min<qint64>(total, std::numeric_limits<int>::max())));
                m_progress->setValue(static_cast<int>(std::min(logs, total)));
            }
            showStatus(total >= 0 ? tr("%1 page(s), %2 of %3 logs").arg(pages).arg(logs).arg(total) : tr("%1 page(s), %2 logs").arg(pages).arg(logs),
                       false);
        });
        connect(m_newapi, &NewApiLogClient::finished, this, &FetchDialog::onFinished);
        // whole UTC days: [from 00:00, day after "to" 00:00)
        m_newapi->start(dayStartUtc(m_start->date()), dayStartUtc(m_end->date().addDays(1)));
    }
    secret.fill('\0');
}

void FetchDialog::cancelFetch()
{
    if (m_comet)
        m_comet->cancel();
    if (m_newapi)
        m_newapi->cancel();
}

void FetchDialog::onFinished(const FetchResult &r)
{
    m_result = r;
    // the clients go once they have reported; the key goes with them
    if (m_comet)
        m_comet->deleteLater();
    if (m_newapi)
        m_newapi->deleteLater();
    QString error;
    if (r.ok() && !ObservationFile::write(r, m_outputPath, &error)) {
        m_result.status = FetchResult::Status::MalformedResponse;
        m_result.message = error;
    }
    setBusy(false);
    if (!m_result.ok()) {
        showStatus(m_result.status == FetchResult::Status::Cancelled ? tr("Cancelled; nothing was written.")
                                                                     : tr("%1; nothing was written.").arg(m_result.message),
                   m_result.status != FetchResult::Status::Cancelled);
        return;
    }
    QString what;
    if (r.format == QLatin1String("cometapi_quota")) {
        const qint64 entries = static_cast<qint64>(r.summaryValue(QStringLiteral("daily_quota_entries")).toDouble());
        what = tr("total_quota %1, total_used_quota %2, request_count %3; daily_quota: %4")
                   .arg(r.summaryValue(QStringLiteral("total_quota")).toString(), r.summaryValue(QStringLiteral("total_used_quota")).toString(),
                        r.summaryValue(QStringLiteral("request_count")).toString(),
                        m_noDates->isChecked() ? tr("not asked for") : entries == 0 ? tr("none (no activity in the window)") : tr("%n entries", nullptr, static_cast<int>(entries)));
    } else {
        what = tr("%1 log(s) in %2 page(s)")
                   .arg(static_cast<qint64>(r.summaryValue(QStringLiteral("logs")).toDouble()))
                   .arg(static_cast<qint64>(r.summaryValue(QStringLiteral("pages")).toDouble()));
    }
    showStatus(tr("Saved %1 and %2 (observed at %3).\n%4\nImport it with File \u203a Import files, or: %5")
                   .arg(QFileInfo(m_outputPath).fileName(), QFileInfo(ObservationFile::sidecarPath(m_outputPath)).fileName(),
                        timeutil::formatUtc(r.observedAt), what, ObservationFile::importCommand(r, m_outputPath)),
               false);
    emit fetched(m_outputPath);
}

void FetchDialog::reject()
{
    if (isFetching()) {
        cancelFetch(); // first Cancel stops the fetch; the next closes
        return;
    }
    QDialog::reject();
}

} // namespace tl
