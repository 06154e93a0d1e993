// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/guardrailexportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QToolButton>
#include <QVBoxLayout>

namespace tl {

GuardrailExportDialog::GuardrailExportDialog(std::shared_ptr<const Workspace> ws, QWidget *parent)
    : QDialog(parent)
    , m_ws(std::move(ws))
    , m_format(new QComboBox)
    , m_duration(new QLineEdit(QStringLiteral("1mo")))
    , m_deny(new QLineEdit)
    , m_restrict(new QCheckBox(tr("Give every key an allowlist of the models it used (minus the denied ones)")))
    , m_path(new QLineEdit)
    , m_preview(new QPlainTextEdit)
    , m_summary(new QLabel)
    , m_message(new QLabel)
    , m_save(nullptr)
{
    setWindowTitle(tr("Export guardrails"));
    m_format->addItem(tr("LiteLLM key management, JSON"), static_cast<int>(Format::LiteLlmJson));
    m_format->addItem(tr("LiteLLM key management, YAML"), static_cast<int>(Format::LiteLlmYaml));
    m_duration->setToolTip(tr("LiteLLM budget_duration: digits and s, m, h, d, w or mo (30d, 1mo)"));
    m_deny->setPlaceholderText(tr("model-a, model-b (besides the job's model_denylist and unpriced models)"));
    m_path->setPlaceholderText(tr("Choose a file\u2026"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setMinimumSize(560, 260);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #B0222A"));
    m_message->hide();

    auto *intro = new QLabel(tr("A hard budget stop belongs in the request path, not in a report: these are the keys' monthly "
                                "budgets (<code>max_budget</code>) and the model denylist as bodies for LiteLLM proxy's "
                                "<code>/key/update</code>. Review the file before applying it; core/allocation/README.md shows "
                                "how. LiteLLM counts spend with its own prices, so the budget stops at LiteLLM's estimate."));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    auto *browse = new QToolButton;
    browse->setText(tr("Browse\u2026"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Budget duration:"), m_duration);
    form->addRow(tr("Also deny:"), m_deny);
    form->addRow(QString(), m_restrict);
    form->addRow(tr("File:"), pathRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    m_save = buttons->button(QDialogButtonBox::Save);

    auto *v = new QVBoxLayout(this);
    v->addWidget(intro);
    v->addLayout(form);
    v->addWidget(m_summary);
    v->addWidget(m_preview, 1);
    v->addWidget(m_message);
    v->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &GuardrailExportDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QToolButton::clicked, this, [this] {
        const bool yaml = format() == Format::LiteLlmYaml;
        QString start = m_path->text();
        if (start.isEmpty() && m_ws && !m_ws->job.path.isEmpty())
            start = QFileInfo(m_ws->job.path).dir().filePath(yaml ? QStringLiteral("guardrails.yaml") : QStringLiteral("guardrails.json"));
        const QString path = QFileDialog::getSaveFileName(this, tr("Export guardrails"), start,
                                                          yaml ? tr("YAML (*.yaml *.yml)") : tr("JSON (*.json)"));
        if (!path.isEmpty())
            m_path->setText(path);
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // Keep the file's extension in step with the format.
        const QString p = m_path->text();
        const bool yaml = format() == Format::LiteLlmYaml;
        if (yaml && p.endsWith(QLatin1String(".json")))
            m_path->setText(p.chopped(5) + QStringLiteral(".yaml"));
        else if (!yaml && (p.endsWith(QLatin1String(".yaml")) || p.endsWith(QLatin1String(".yml"))))
            m_path->setText(p.left(p.lastIndexOf(QLatin1Char('.'))) + QStringLiteral(".json"));
        updatePreview();
    });
    connect(m_duration, &QLineEdit::textChanged, this, &GuardrailExportDialog::updatePreview);
    connect(m_deny, &QLineEdit::textChanged, this, &GuardrailExportDialog::updatePreview);
    connect(m_restrict, &QCheckBox::toggled, this, &GuardrailExportDialog::updatePreview);
    updatePreview();
    resize(720, 600);
}

void GuardrailExportDialog::setFormat(Format f)
{
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(f)));
}

GuardrailExportDialog::Format GuardrailExportDialog::format() const
{
    return static_cast<Format>(m_format->currentData().toInt());
}

void GuardrailExportDialog::setBudgetDuration(const QString &duration)
{
    m_duration->setText(duration);
}

void GuardrailExportDialog::setDeniedModels(const QString &commaSeparated)
{
    m_deny->setText(commaSeparated);
}

void GuardrailExportDialog::setRestrictToUsedModels(bool on)
{
    m_restrict->setChecked(on);
}

void GuardrailExportDialog::setOutputPath(const QString &path)
{
    m_path->setText(path);
}

QString GuardrailExportDialog::outputPath() const
{
    return m_path->text().trimmed();
}

bool GuardrailExportDialog::options(GuardrailOptions *out, QString *error) const
{
    GuardrailOptions o;
    o.budgetDuration = m_duration->text().trimmed();
    if (!GuardrailExporter::validDuration(o.budgetDuration)) {
        *error = tr("Budget duration: expected a LiteLLM duration such as 30d or 1mo, got \u201c%1\u201d.").arg(o.budgetDuration);
        return false;
    }
    for (const QString &m : m_deny->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!m.trimmed().isEmpty())
            o.deny << m.trimmed();
    o.restrictToUsedModels = m_restrict->isChecked();
    *out = o;
    return true;
}

QByteArray GuardrailExportDialog::document() const
{
    GuardrailOptions o;
    QString error;
    if (!m_ws || !options(&o, &error))
        return QByteArray();
    const GuardrailPlan plan = GuardrailExporter::plan(m_ws->result, m_ws->set, o);
    return format() == Format::LiteLlmYaml ? GuardrailExporter::liteLlmYaml(plan) : GuardrailExporter::liteLlmJson(plan);
}

void GuardrailExportDialog::updatePreview()
{
    GuardrailOptions o;
    QString error;
    if (!m_ws) {
        m_preview->clear();
        m_summary->clear();
        m_save->setEnabled(false);
        return;
    }
    if (!options(&o, &error)) {
        m_preview->clear();
        m_summary->setText(QStringLiteral("<span style='color:#B0222A'>%1</span>").arg(error.toHtmlEscaped()));
        m_save->setEnabled(false);
        return;
    }
    const GuardrailPlan plan = GuardrailExporter::plan(m_ws->result, m_ws->set, o);
    m_preview->setPlainText(QString::fromUtf8(format() == Format::LiteLlmYaml ? GuardrailExporter::liteLlmYaml(plan)
                                                                             : GuardrailExporter::liteLlmJson(plan)));
    qsizetype budgets = 0, restricted = 0, blocked = 0;
    for (const GuardrailKey &k : plan.keys) {
        budgets += k.monthlyBudget.known ? 1 : 0;
        restricted += k.restrict && !k.blocked ? 1 : 0;
        blocked += k.blocked ? 1 : 0;
    }
    QString text = tr("Keys: %1 with max_budget, %2 with a model allowlist, %3 blocked. Denied models: %4. Keys skipped: %5.")
              .arg(budgets)
              .arg(restricted)
              .arg(blocked)
              .arg(plan.denylist.size())
              .arg(plan.skipped.size());
    if (!plan.skipped.empty()) {
        QStringList why;
        for (const auto &s : plan.skipped)
            why << QStringLiteral("%1 (%2)").arg(s.apiKeyName.toHtmlEscaped(), s.reason.toHtmlEscaped());
        text += QStringLiteral("<br><span style='color:#6B7280'>%1</span>").arg(tr("Skipped: %1").arg(why.join(QStringLiteral("; "))));
    }
    m_summary->setText(text);
    m_save->setEnabled(true);
}

bool GuardrailExportDialog::writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    if (f.write(bytes) != bytes.size()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        f.cancelWriting();
        return false;
    }
    if (!f.commit()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

bool GuardrailExportDialog::save()
{
    m_message->hide();
    GuardrailOptions o;
    QString error;
    if (!m_ws)
        return false;
    if (!options(&o, &error)) {
        m_message->setText(error);
        m_message->show();
        return false;
    }
    QString path = outputPath();
    if (path.isEmpty()) {
        const bool yaml = format() == Format::LiteLlmYaml;
        const QString start = m_ws->job.path.isEmpty()
            ? QString()
            : QFileInfo(m_ws->job.path).dir().filePath(yaml ? QStringLiteral("guardrails.yaml") : QStringLiteral("guardrails.json"));
        path = QFileDialog::getSaveFileName(this, tr("Export guardrails"), start, yaml ? tr("YAML (*.yaml *.yml)") : tr("JSON (*.json)"));
        if (path.isEmpty())
            return false;
        m_path->setText(path);
    }
    if (!writeAtomically(path, document(), &error)) {
        m_message->setText(tr("The guardrails could not be written: %1").arg(error));
        m_message->show();
        return false;
    }
    accept();
    return true;
}

} // namespace tl
