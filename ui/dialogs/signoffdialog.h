// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/packet/reviewrecord.h"
#include "ui/document/workspace.h"

#include <QDialog>
#include <QHash>

#include <memory>

QT_BEGIN_NAMESPACE
class QFormLayout;
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

class WorkspaceStore;

/**
 * The finance reviewer's sign-off of a period: reviewer, role, decision, notes and follow-up
 * owner up front, the rest of the review record (reconciliation.md, Review record: the logging
 * fields of seeds 002–004) below, prefilled from the workspace where it knows them. Save writes
 * the review record JSON that `tokenledger-cli packet --signoff` reads and, when the workspace is
 * a store, records the sign-off against the period's stored run (storing the run first when
 * the period has none for its current inputs).
 */
class SignOffDialog : public QDialog
{
    Q_OBJECT

public:
    SignOffDialog(std::shared_ptr<const Workspace> ws, WorkspaceStore *store, QWidget *parent = nullptr);

    /** The editor of a review-record field (QLineEdit, QComboBox, QPlainTextEdit or QDateEdit). */
    QWidget *editor(const QString &field) const { return m_editors.value(field); }
    void setValue(const QString &field, const QString &value);
    QString value(const QString &field) const;
    /** Where save() writes without asking (tests; default: ask, next to the job or workspace). */
    void setOutputPath(const QString &path) { m_outputPath = path; }
    QString outputPath() const { return m_outputPath; }
    /** What is wrong with the form, one message per line; empty when it can be saved. */
    QStringList problems() const;
    /** The record as it would be saved (fields that do not apply are null). */
    QJsonObject recordJson() const;
    QLabel *messageLabel() const { return m_message; }
    /** The stored run the sign-off was recorded against (0: none). */
    qint64 runId() const { return m_runId; }

public slots:
    /** Checks, writes the JSON (and the store's sign-off); accepts the dialog on success. */
    bool save();

private:
    void addField(QFormLayout *form, const QString &field, QWidget *editor, bool required = false);
    void prefill();

    std::shared_ptr<const Workspace> m_ws;
    WorkspaceStore *m_store;
    QHash<QString, QWidget *> m_editors;
    QLabel *m_message;
    QPushButton *m_save;
    QString m_outputPath;
    qint64 m_runId = 0;
};

} // namespace tl
