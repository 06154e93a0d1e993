// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/allocation/guardrailexporter.h"
#include "ui/document/workspace.h"

#include <QDialog>

#include <memory>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

/**
 * "Export guardrails…": the period's budgets and model denylist as LiteLLM key-management
 * configuration (core/allocation/README.md, "Guardrails"), JSON or YAML, with the options of
 * `tokenledger-cli guardrails` (budget duration, more denied models, allowlists for every key)
 * and a preview of exactly the bytes that will be written. The file is written atomically
 * (QSaveFile): a failed save leaves any earlier file as it was.
 */
class GuardrailExportDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Format { LiteLlmJson = 0, LiteLlmYaml };

    GuardrailExportDialog(std::shared_ptr<const Workspace> ws, QWidget *parent = nullptr);

    void setFormat(Format format);
    Format format() const;
    void setBudgetDuration(const QString &duration);
    void setDeniedModels(const QString &commaSeparated);
    void setRestrictToUsedModels(bool on);
    /** Where save() writes without asking (tests; default: ask, next to the job). */
    void setOutputPath(const QString &path);
    QString outputPath() const;

    /** The options as the form has them; *error says what is wrong (then false). */
    bool options(GuardrailOptions *out, QString *error) const;
    /** The bytes save() would write (empty when the form is not valid). */
    QByteArray document() const;
    QPlainTextEdit *preview() const { return m_preview; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *summaryLabel() const { return m_summary; }

    /** Writes `bytes` to path atomically (QSaveFile); *error names the file and the reason. */
    static bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error);

public slots:
    /** Checks the form, asks for a file when none is set, writes it; accepts the dialog on success. */
    bool save();

private:
    void updatePreview();

    std::shared_ptr<const Workspace> m_ws;
    QComboBox *m_format;
    QLineEdit *m_duration;
    QLineEdit *m_deny;
    QCheckBox *m_restrict;
    QLineEdit *m_path;
    QPlainTextEdit *m_preview;
    QLabel *m_summary;
    QLabel *m_message;
    QPushButton *m_save;
};

} // namespace tl
