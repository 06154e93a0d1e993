// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/smoketestdialog.h"

#include "core/fetch/cometapismoketest.h"
#include "core/fetch/secretsource.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tl {

SmokeTestDialog::SmokeTestDialog(QWidget *parent)
    : QDialog(parent), m_run(new QPushButton(tr("&Run"), this)), m_cancel(new QPushButton(tr("Close"), this)),
      m_progress(new QProgressBar(this)), m_log(new QPlainTextEdit(this)), m_decision(new QLabel(this)),
      m_test(new CometApiSmokeTest(this))
{
    setWindowTitle(tr("CometAPI smoke test"));
    auto *form = new QFormLayout;
    auto addEdit = [&](const QString &name, const QString &label, const QString &text, const QString &hint) {
        auto *e = new QLineEdit(text, this);
        e->setPlaceholderText(hint);
        m_edits.insert(name, e);
        if (!name.endsWith(QLatin1String("_file")) && name != QLatin1String("record")) {
            form->addRow(label, e);
            return;
        }
        auto *row = new QWidget(this);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(e, 1);
        auto *browse = new QPushButton(tr("Browse\u2026"), row);
        connect(browse, &QPushButton::clicked, this, [this, e, name, label] {
            const QString f = name == QLatin1String("record")
                ? QFileDialog::getSaveFileName(this, label, e->text(), tr("JSON (*.json)"))
                : QFileDialog::getOpenFileName(this, label, e->text());
            if (!f.isEmpty())
                e->setText(f);
        });
        h->addWidget(browse);
        form->addRow(label, row);
    };
    auto addDate = [&](const QString &name, const QString &label, const QDate &d) {
        auto *e = new QDateEdit(d, this);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        e->setCalendarPopup(true);
        m_dates.insert(name, e);
        form->addRow(label, e);
    };
    const SmokeTestConfig defaults;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    addEdit(QStringLiteral("query_base"), tr("Query service:"), defaults.queryBase.toString(), QString());
    addEdit(QStringLiteral("query_key_file"), tr("Query key file:"), QString(), tr("the dedicated query key (quota 0), first line of a file"));
    addEdit(QStringLiteral("query_key_name"), tr("Query key name:"), QString(), tr("its name in the console, as recorded"));
    addEdit(QStringLiteral("api_base"), tr("API:"), defaults.apiBase.toString(), QString());
    addEdit(QStringLiteral("chat_key_file"), tr("Chat key file:"), QString(), tr("a key allowed one minimal request"));
    addEdit(QStringLiteral("model"), tr("Model:"), QString(), tr("e.g. gpt-4o-mini"));
    addDate(QStringLiteral("start"), tr("Window with activity, from:"), QDate(today.year(), today.month(), 1));
    addDate(QStringLiteral("end"), tr("to:"), today);
    addDate(QStringLiteral("empty_start"), tr("Window without activity, from:"), today.addYears(-7));
    addDate(QStringLiteral("empty_end"), tr("to:"), today.addYears(-7).addDays(30));
    addEdit(QStringLiteral("reviewer"), tr("Reviewer:"), QString(), QString());
    addEdit(QStringLiteral("record"), tr("Save the record as:"), QString(), tr("e.g. smoke-test-2026-06-05.json"));

    m_progress->setRange(0, CometApiSmokeTest::kSteps);
    m_progress->setValue(0);
    m_log->setReadOnly(true);
    m_log->setMinimumHeight(160);
    m_decision->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_run, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &SmokeTestDialog::run);
    connect(m_cancel, &QPushButton::clicked, this, &SmokeTestDialog::reject);

    auto *v = new QVBoxLayout(this);
    v->addLayout(form);
    v->addWidget(m_progress);
    v->addWidget(m_log, 1);
    v->addWidget(m_decision);
    v->addWidget(buttons);

    connect(m_test, &CometApiSmokeTest::stepStarted, this, [this](int step, int steps, const QString &what) {
        m_progress->setValue(step - 1);
        say(tr("%1/%2 %3").arg(step).arg(steps).arg(what));
    });
    connect(m_test, &CometApiSmokeTest::progress, this, [this](const QString &m) { say(QStringLiteral("    ") + m); });
    connect(m_test, &CometApiSmokeTest::finished, this, &SmokeTestDialog::onFinished);
    resize(600, 700);
}

SmokeTestDialog::~SmokeTestDialog()
{
    m_test->disconnect(this);
    m_test->cancel();
}

QLineEdit *SmokeTestDialog::edit(const QString &name) const
{
    return m_edits.value(name);
}

QDateEdit *SmokeTestDialog::date(const QString &name) const
{
    return m_dates.value(name);
}

bool SmokeTestDialog::isRunning() const
{
    return m_test->isBusy();
}

void SmokeTestDialog::say(const QString &line)
{
    m_log->appendPlainText(line);
}

void SmokeTestDialog::setBusy(bool busy)
{
    m_run->setEnabled(!busy);
    for (QWidget *w : m_edits)
        w->setEnabled(!busy);
    for (QWidget *w : m_dates)
        w->setEnabled(!busy);
    m_cancel->setText(busy ? tr("Cancel") : tr("Close"));
}

void SmokeTestDialog::run()
{
    if (isRunning())
        return;
    m_record = SmokeTestRecord();
    m_decision->clear();
    m_log->clear();
    m_progress->setValue(0);
    SmokeTestConfig c;
    auto text = [this](const char *name) { return m_edits.value(QString::fromLatin1(name))->text().trimmed(); };
    auto day = [this](const char *name) { return m_dates.value(QString::fromLatin1(name))->date().toString(Qt::ISODate); };
    c.queryBase = QUrl(text("query_base"), QUrl::StrictMode);
    c.apiBase = QUrl(text("api_base"), QUrl::StrictMode);
    c.queryKeyName = text("query_key_name");
    c.model = text("model");
    c.reviewer = text("reviewer");
    c.startDate = day("start");
    c.endDate = day("end");
    c.emptyStartDate = day("empty_start");
    c.emptyEndDate = day("empty_end");
    c.policy = m_policy;
    m_recordPath = text("record");
    QString error, warning;
    if (m_recordPath.isEmpty()) {
        m_decision->setText(tr("Say where the record is saved."));
        return;
    }
    if (!SecretSource::readFile(text("query_key_file"), &c.queryKey, &warning, &error)
        || !SecretSource::readFile(text("chat_key_file"), &c.chatKey, &warning, &error)) {
        m_decision->setText(error);
        return;
    }
    if (!warning.isEmpty())
        say(warning);
    setBusy(true);
    m_test->start(c);
}

void SmokeTestDialog::onFinished(const SmokeTestRecord &r)
{
    m_record = r;
    setBusy(false);
    if (!r.completed) {
        m_decision->setText(tr("The smoke test did not complete (%1); no record was written.").arg(r.error));
        return;
    }
    m_progress->setValue(CometApiSmokeTest::kSteps);
    for (const SmokeTestCheck &c : r.checks)
        say(QStringLiteral("%1 %2: %3").arg(c.result.toUpper(), c.name, c.detail));
    QString error;
    if (!r.write(m_recordPath, &error)) {
        m_decision->setText(tr("Decision: %1. The record could not be saved: %2").arg(r.decision, error));
        return;
    }
    m_decision->setText(tr("Decision: %1 (%2). Record saved as %3.").arg(r.decision, r.notes, m_recordPath));
    emit recorded(m_recordPath);
}

void SmokeTestDialog::reject()
{
    if (isRunning()) {
        m_test->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace tl
