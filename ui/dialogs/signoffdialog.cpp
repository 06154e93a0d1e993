// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/signoffdialog.h"

#include "core/store/workspacestore.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QVBoxLayout>

namespace tl {

namespace {

QComboBox *choice(const QStringList &items, bool editable = false)
{
    auto *b = new QComboBox;
    b->setEditable(editable);
    b->addItems(items);
    return b;
}

const QStringList &yesNo()
{
    static const QStringList v = {QString(), QStringLiteral("yes"), QStringLiteral("no")};
    return v;
}

QString label(const QString &field)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("review_date"), "Review date"},
        {QStringLiteral("reviewer"), "Reviewer"},
        {QStringLiteral("reviewer_role"), "Role"},
        {QStringLiteral("source_urls_checked"), "Sources checked (one per line)"},
        {QStringLiteral("ledger_period"), "Ledger period"},
        {QStringLiteral("request_time_utc"), "Request time (UTC)"},
        {QStringLiteral("workload_label"), "Workload"},
        {QStringLiteral("owner_group"), "Owner group"},
        {QStringLiteral("environment"), "Environment"},
        {QStringLiteral("request_owner"), "Request owner"},
        {QStringLiteral("request_result"), "Request result"},
        {QStringLiteral("status_class"), "Status class"},
        {QStringLiteral("usage_evidence_present"), "Usage evidence present"},
        {QStringLiteral("pricing_reference_checked"), "Pricing reference checked"},
        {QStringLiteral("evidence_attached"), "Evidence attached"},
        {QStringLiteral("allocation_rule"), "Allocation rule"},
        {QStringLiteral("unit_metric_name"), "Unit metric"},
        {QStringLiteral("decision"), "Decision"},
        {QStringLiteral("result"), "Result"},
        {QStringLiteral("follow_up_owner"), "Follow-up owner"},
        {QStringLiteral("notes"), "Notes"},
    };
    return QCoreApplication::translate("tl::SignOffDialog", labels.value(field, ""));
}

} // namespace

SignOffDialog::SignOffDialog(std::shared_ptr<const Workspace> ws, WorkspaceStore *store, QWidget *parent)
    : QDialog(parent)
    , m_ws(std::move(ws))
    , m_store(store)
    , m_message(new QLabel)
{
    setWindowTitle(tr("Sign off the period"));
    auto *layout = new QVBoxLayout(this);
    auto *head = new QLabel;
    head->setWordWrap(true);
    head->setTextFormat(Qt::RichText);
    if (m_ws) {
        const ReconcileResult &r = m_ws->result;
        const QColor c = LedgerColors::decisionBackground(r.decision);
        head->setText(tr("<b>%1 \u00B7 %2 \u00B7 %3</b> &nbsp; the engine decided "
                         "<span style='background:%4;color:white;padding:1px 4px'><b>%5</b></span> with %6. "
                         "Your sign-off records what you checked and who owns what is left; "
                         "it goes into the packet (<code>--signoff</code>)%7.")
                          .arg(DisplayFormat::period(r.period.start, r.period.end), r.period.accountRef.toHtmlEscaped(), r.period.currency,
                               c.name(), QString::fromLatin1(decisionName(r.decision)).toUpper(),
                               r.reasons.size() == 1 ? tr("1 reason") : tr("%1 reasons").arg(r.reasons.size()),
                               m_store ? tr(" and into the workspace") : QString()));
    }
    layout->addWidget(head);

    // What the reviewer decides, up front.
    auto *main = new QGroupBox(tr("Sign-off"));
    auto *mf = new QFormLayout(main);
    auto *date = new QDateEdit(QDate::currentDate());
    date->setCalendarPopup(true);
    date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    addField(mf, QStringLiteral("reviewer"), new QLineEdit, true);
    addField(mf, QStringLiteral("reviewer_role"),
             choice({QStringLiteral("finance-reviewer"), QStringLiteral("budget-operator"), QStringLiteral("budget-owner"),
                     QStringLiteral("auditor")},
                    true),
             true);
    addField(mf, QStringLiteral("review_date"), date, true);
    addField(mf, QStringLiteral("decision"), choice({QStringLiteral("pass"), QStringLiteral("warn"), QStringLiteral("fail")}), true);
    auto *notes = new QPlainTextEdit;
    notes->setTabChangesFocus(true);
    notes->setPlaceholderText(tr("What was verified, what was not, and why the decision"));
    notes->setFixedHeight(notes->fontMetrics().lineSpacing() * 4 + 12);
    addField(mf, QStringLiteral("notes"), notes);
    addField(mf, QStringLiteral("follow_up_owner"), new QLineEdit);
    qobject_cast<QLineEdit *>(editor(QStringLiteral("follow_up_owner")))->setPlaceholderText(tr("who owns the next check (required unless pass)"));

    // The rest of the review record (seeds 002–004), prefilled where the workspace knows it.
    auto *more = new QGroupBox(tr("Review record (seeds 002\u2013004): leave empty what does not apply"));
    auto *xf = new QFormLayout(more);
    auto *sources = new QPlainTextEdit;
    sources->setTabChangesFocus(true);
    sources->setFixedHeight(sources->fontMetrics().lineSpacing() * 3 + 12);
    addField(xf, QStringLiteral("source_urls_checked"), sources);
    addField(xf, QStringLiteral("ledger_period"), new QLineEdit);
    addField(xf, QStringLiteral("pricing_reference_checked"), choice(yesNo()));
    addField(xf, QStringLiteral("usage_evidence_present"), choice(yesNo()));
    addField(xf, QStringLiteral("evidence_attached"), choice(yesNo()));
    addField(xf, QStringLiteral("owner_group"), new QLineEdit);
    addField(xf, QStringLiteral("workload_label"), new QLineEdit);
    addField(xf, QStringLiteral("environment"), choice({QString(), QStringLiteral("prod"), QStringLiteral("staging"), QStringLiteral("test")}, true));
    addField(xf, QStringLiteral("allocation_rule"), new QLineEdit);
    addField(xf, QStringLiteral("unit_metric_name"), new QLineEdit);
    addField(xf, QStringLiteral("request_time_utc"), new QLineEdit);
    addField(xf, QStringLiteral("request_owner"), new QLineEdit);
    addField(xf, QStringLiteral("request_result"), choice({QString(), QStringLiteral("pass"), QStringLiteral("fail")}));
    addField(xf, QStringLiteral("status_class"), new QLineEdit);
    addField(xf, QStringLiteral("result"), choice({QString(), QStringLiteral("pass"), QStringLiteral("fail")}));
    auto *scroll = new QScrollArea;
    scroll->setWidget(more);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    layout->addWidget(main);
    layout->addWidget(scroll, 1);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setStyleSheet(QStringLiteral("QLabel { background: #F8D7DA; color: #5C0A10; border: 1px solid #E4A1A8; padding: 6px; }"));
    m_message->hide();
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_save = buttons->addButton(tr("Save sign-off\u2026"), QDialogButtonBox::AcceptRole);
    m_save->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_save, &QPushButton::clicked, this, &SignOffDialog::save);
    layout->addWidget(buttons);
    prefill();
    resize(620, 760);
}

void SignOffDialog::addField(QFormLayout *form, const QString &field, QWidget *editor, bool required)
{
    editor->setObjectName(field);
    m_editors.insert(field, editor);
    form->addRow(label(field) + (required ? QStringLiteral(" *") : QString()), editor);
}

void SignOffDialog::setValue(const QString &field, const QString &value)
{
    QWidget *w = m_editors.value(field);
    if (auto *l = qobject_cast<QLineEdit *>(w)) {
        l->setText(value);
    } else if (auto *t = qobject_cast<QPlainTextEdit *>(w)) {
        t->setPlainText(value);
    } else if (auto *d = qobject_cast<QDateEdit *>(w)) {
        d->setDate(QDate::fromString(value, Qt::ISODate));
    } else if (auto *b = qobject_cast<QComboBox *>(w)) {
        const int i = b->findText(value);
        if (i >= 0)
            b->setCurrentIndex(i);
        else if (b->isEditable())
            b->setEditText(value);
    }
}

QString SignOffDialog::value(const QString &field) const
{
    QWidget *w = m_editors.value(field);
    if (auto *l = qobject_cast<QLineEdit *>(w))
        return l->text().trimmed();
    if (auto *t = qobject_cast<QPlainTextEdit *>(w))
        return t->toPlainText().trimmed();
    if (auto *d = qobject_cast<QDateEdit *>(w))
        return d->date().toString(Qt::ISODate);
    if (auto *b = qobject_cast<QComboBox *>(w))
        return b->currentText().trimmed();
    return QString();
}

void SignOffDialog::prefill()
{
    QSettings settings;
    setValue(QStringLiteral("reviewer"), settings.value(QStringLiteral("signoff/reviewer")).toString());
    const QString role = settings.value(QStringLiteral("signoff/role")).toString();
    if (!role.isEmpty())
        setValue(QStringLiteral("reviewer_role"), role);
    if (!m_ws)
        return;
    const ReconcileResult &r = m_ws->result;
    setValue(QStringLiteral("decision"), QString::fromLatin1(decisionName(r.decision)));
    setValue(QStringLiteral("ledger_period"), m_ws->periodLabel.isEmpty() ? DisplayFormat::period(r.period.start, r.period.end) : m_ws->periodLabel);
    // Sources: the price snapshot's pages and the evidence entries' URLs, each once.
    QStringList urls;
    for (const PriceRow &p : m_ws->set.prices)
        if (p.sourceUrl.startsWith(QLatin1String("http")) && !urls.contains(p.sourceUrl))
            urls << p.sourceUrl;
    for (const EvidenceEntry &e : m_ws->set.evidence)
        if (e.sourceUrlOrTicket.startsWith(QLatin1String("http")) && !urls.contains(e.sourceUrlOrTicket))
            urls << e.sourceUrlOrTicket;
    setValue(QStringLiteral("source_urls_checked"), urls.join(QLatin1Char('\n')));
    bool verifiedPricing = !m_ws->set.prices.empty();
    for (const PriceRow &p : m_ws->set.prices) {
        bool backed = false;
        for (const EvidenceEntry &e : m_ws->set.evidence)
            backed = backed || (e.evidenceId == p.evidenceId && e.status == EvidenceStatus::Verified);
        verifiedPricing = verifiedPricing && backed;
    }
    setValue(QStringLiteral("pricing_reference_checked"), verifiedPricing ? QStringLiteral("yes") : QStringLiteral("no"));
    setValue(QStringLiteral("usage_evidence_present"), r.providerReported.known ? QStringLiteral("yes") : QStringLiteral("no"));
    setValue(QStringLiteral("result"), r.decision == Decision::Fail ? QStringLiteral("fail") : QStringLiteral("pass"));
    if (!r.period.environment.isEmpty())
        setValue(QStringLiteral("environment"), r.period.environment);
}

QStringList SignOffDialog::problems() const
{
    QStringList out;
    if (value(QStringLiteral("reviewer")).isEmpty())
        out << tr("Reviewer is required: a sign-off names who reviewed.");
    if (value(QStringLiteral("reviewer_role")).isEmpty())
        out << tr("Role is required (finance-reviewer, budget-operator, \u2026).");
    const QString decision = value(QStringLiteral("decision"));
    if (decision != QLatin1String("pass") && decision != QLatin1String("warn") && decision != QLatin1String("fail"))
        out << tr("Decision must be pass, warn or fail.");
    if (decision != QLatin1String("pass") && value(QStringLiteral("follow_up_owner")).isEmpty())
        out << tr("Follow-up owner is required when the decision is %1: who owns the next check.").arg(decision);
    if (m_ws) {
        const QString engine = QString::fromLatin1(decisionName(m_ws->result.decision));
        if (decision != engine && value(QStringLiteral("notes")).isEmpty())
            out << tr("Notes are required when your decision (%1) differs from the engine's (%2): say why.").arg(decision, engine);
    }
    const QString when = value(QStringLiteral("request_time_utc"));
    if (!when.isEmpty() && !QDateTime::fromString(when, Qt::ISODate).isValid())
        out << tr("Request time (UTC) must be an ISO time such as 2026-07-03T00:00:00Z; got \u201c%1\u201d.").arg(when);
    return out;
}

QJsonObject SignOffDialog::recordJson() const
{
    QJsonObject o;
    for (const QString &f : ReviewRecord::fieldNames()) {
        const QString v = value(f);
        if (v.isEmpty()) {
            o.insert(f, QJsonValue::Null);
        } else if (f == QLatin1String("source_urls_checked")) {
            QJsonArray a;
            for (const QString &line : v.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                if (!line.trimmed().isEmpty())
                    a.append(line.trimmed());
            o.insert(f, a);
        } else {
            o.insert(f, v);
        }
    }
    return o;
}

bool SignOffDialog::save()
{
    const QStringList wrong = problems();
    if (!wrong.isEmpty()) {
        QStringList esc;
        for (const QString &w : wrong)
            esc << w.toHtmlEscaped();
        m_message->setText(tr("<b>Not saved.</b><br>%1").arg(esc.join(QStringLiteral("<br>"))));
        m_message->show();
        return false;
    }
    // The record goes through the core's reader, so that what is saved is what the packet accepts.
    const QByteArray json = QJsonDocument(recordJson()).toJson(QJsonDocument::Indented);
    ReviewRecord record;
    QString error;
    if (!ReviewRecord::fromJson(json, QStringLiteral("sign-off"), &record, &error)) {
        m_message->setText(error.toHtmlEscaped());
        m_message->show();
        return false;
    }
    QString path = m_outputPath;
    if (path.isEmpty()) {
        QString dir;
        if (m_ws)
            dir = QFileInfo(m_ws->fromStore() && !m_ws->storeLocation.contains(QLatin1String("://")) ? m_ws->storeLocation : m_ws->job.path).absolutePath();
        const QString name = QStringLiteral("signoff-%1.json").arg(value(QStringLiteral("ledger_period")).replace(QLatin1Char(' '), QLatin1Char('-')));
        path = QFileDialog::getSaveFileName(this, tr("Save the sign-off"), dir.isEmpty() ? name : dir + QLatin1Char('/') + name,
                                            tr("Review record (*.json)"));
        if (path.isEmpty())
            return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(record.toJson()).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
        m_message->setText(tr("<b>Not saved.</b> Cannot write %1: %2").arg(path.toHtmlEscaped(), f.errorString().toHtmlEscaped()));
        m_message->show();
        return false;
    }
    m_outputPath = path;
    if (m_store && m_ws && m_ws->fromStore()) {
        // Against the stored run of exactly these inputs; store one when there is none yet.
        QApplication::setOverrideCursor(Qt::WaitCursor);
        for (const StoredRun &run : m_store->runs(m_ws->periodLabel, &error))
            if (run.jobJson == m_ws->storedJobJson)
                m_runId = run.id;
        error.clear();
        if (m_runId == 0)
            m_runId = m_store->runReconciliation(m_ws->periodLabel, &error);
        const bool ok = m_runId > 0
            && m_store->addSignoff(m_runId, record.value(QStringLiteral("reviewer_role")), record.value(QStringLiteral("reviewer")),
                                   record.value(QStringLiteral("decision")), record.value(QStringLiteral("notes")), &error);
        QApplication::restoreOverrideCursor();
        if (!ok) {
            m_message->setText(tr("<b>The review record was saved to %1, but not into the workspace:</b> %2")
                                   .arg(path.toHtmlEscaped(), error.toHtmlEscaped()));
            m_message->show();
            return false;
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("signoff/reviewer"), value(QStringLiteral("reviewer")));
    settings.setValue(QStringLiteral("signoff/role"), value(QStringLiteral("reviewer_role")));
    accept();
    return true;
}

} // namespace tl
