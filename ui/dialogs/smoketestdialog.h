// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/fetch/httpretrypolicy.h"
#include "core/fetch/smoketestrecord.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

class CometApiSmokeTest;

/**
 * Seed 004's CometAPI smoke test, guided: the two key files, the model, a window with activity
 * and one without, the reviewer; Run goes through the seven checks with a progress bar and a
 * log (Cancel stops it and writes nothing), and ends in the review record, saved as JSON where
 * the reviewer says. core/fetch/README.md lists the checks and the record's fields.
 */
class SmokeTestDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SmokeTestDialog(QWidget *parent = nullptr);
    ~SmokeTestDialog() override;

    QLineEdit *edit(const QString &name) const; ///< query_base, query_key_file, query_key_name, api_base, chat_key_file, model, reviewer, record
    QDateEdit *date(const QString &name) const; ///< start, end, empty_start, empty_end
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QPlainTextEdit *log() const { return m_log; }
    QLabel *decisionLabel() const { return m_decision; }
    void setRetryPolicy(const HttpRetryPolicy &policy) { m_policy = policy; }
    bool isRunning() const;
    const SmokeTestRecord &record() const { return m_record; }

public slots:
    void run();

signals:
    /** The record was saved at path. */
    void recorded(const QString &path);

protected:
    void reject() override;

private:
    void onFinished(const SmokeTestRecord &r);
    void setBusy(bool busy);
    void say(const QString &line);

    QHash<QString, QLineEdit *> m_edits;
    QHash<QString, QDateEdit *> m_dates;
    QPushButton *m_run, *m_cancel;
    QProgressBar *m_progress;
    QPlainTextEdit *m_log;
    QLabel *m_decision;
    CometApiSmokeTest *m_test;
    HttpRetryPolicy m_policy;
    SmokeTestRecord m_record;
    QString m_recordPath;
};

} // namespace tl
