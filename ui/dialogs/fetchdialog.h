// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/fetch/fetchresult.h"
#include "core/fetch/httpretrypolicy.h"

#include <QDialog>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

class CometApiQuotaClient;
class NewApiLogClient;

/**
 * Fetch provider usage live (issue #7): CometAPI's usage query service or a new-api instance's
 * logs for a window of whole UTC days, saved as FILE + FILE.observed (core/fetch/README.md).
 * The key is read from a file when Fetch is pressed and held only for the fetch. The fetch runs
 * asynchronously: the progress bar shows pages (new-api) or a busy bar, the status line shows
 * retries, and Cancel stops it; a cancelled or failed fetch writes nothing.
 */
class FetchDialog : public QDialog
{
    Q_OBJECT

public:
    enum Source { CometApi = 0, NewApi = 1 };

    explicit FetchDialog(QWidget *parent = nullptr);
    ~FetchDialog() override;

    QComboBox *sourceBox() const { return m_source; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QLineEdit *keyFileEdit() const { return m_keyFile; }
    QLineEdit *userIdEdit() const { return m_userId; }
    QCheckBox *noDatesBox() const { return m_noDates; }
    QDateEdit *startEdit() const { return m_start; }
    QDateEdit *endEdit() const { return m_end; }
    QLineEdit *outputEdit() const { return m_output; }
    QPushButton *fetchButton() const { return m_fetch; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    /** The status: progress, retries, the outcome or why it failed (wraps long URLs anywhere). */
    QPlainTextEdit *statusView() const { return m_status; }
    QString statusText() const;

    void setRetryPolicy(const HttpRetryPolicy &policy) { m_policy = policy; }
    bool isFetching() const;
    const FetchResult &lastResult() const { return m_result; }

public slots:
    void startFetch();
    void cancelFetch();

signals:
    /** A fetch was saved at path (with path.observed beside it). */
    void fetched(const QString &path);

protected:
    void reject() override;

private:
    void onFinished(const FetchResult &r);
    void updateSourceFields();
    void setBusy(bool busy);
    void showStatus(const QString &text, bool error);

    QComboBox *m_source;
    QLineEdit *m_baseUrl, *m_keyFile, *m_userId, *m_output;
    QLabel *m_keyLabel, *m_userLabel;
    QCheckBox *m_noDates;
    QDateEdit *m_start, *m_end;
    QPushButton *m_fetch, *m_cancel;
    QProgressBar *m_progress;
    QPlainTextEdit *m_status;
    HttpRetryPolicy m_policy;
    QPointer<CometApiQuotaClient> m_comet;
    QPointer<NewApiLogClient> m_newapi;
    FetchResult m_result;
    QString m_outputPath;
};

} // namespace tl
