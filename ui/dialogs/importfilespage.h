// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/importrunner.h"

#include <QWizardPage>

QT_BEGIN_NAMESPACE
class QDateEdit;
class QGroupBox;
class QLabel;
class QLineEdit;
class QTableWidget;
QT_END_NAMESPACE

namespace tl {

/**
 * The wizard's first page: the files, each with its ledger kind and format (detected from its
 * name and first bytes by the core's FormatRegistry, changeable) and, for provider files, when
 * the observation was taken. With no workspace open it also names the new workspace and period.
 * Into a workspace store or a job file, a file may replace an input of its kind (column
 * "Replaces"): an owners table, mapping or policy replaces the current one by default, since two
 * of them would both count; every other kind is added beside the others by default.
 */
class ImportFilesPage : public QWizardPage
{
    Q_OBJECT

public:
    enum Column { FileColumn, KindColumn, FormatColumn, ObservedColumn, ReplacesColumn, SizeColumn, ColumnCount };

    explicit ImportFilesPage(ImportTarget target, QWidget *parent = nullptr);

    void addFiles(const QStringList &paths);
    void removeFile(int row);
    int fileCount() const;
    QString path(int row) const;
    QString kind(int row) const;
    QString format(int row) const;
    /** Whether the format of row was detected (not chosen by hand). */
    bool detected(int row) const;
    void setKind(int row, const QString &kind);
    void setFormat(int row, const QString &format);
    void setObservedAt(int row, const QString &utc);
    /** The input row replaces (store: its seq; job: its number), 0: added; setReplaces(row, 0) adds it instead. */
    qint64 replaces(int row) const;
    bool setReplaces(int row, qint64 seq);
    QTableWidget *table() const { return m_table; }

    /** New workspace only: where it is written and its period. */
    void setNewWorkspace(const QString &path, const QDate &month, const QString &account, const QString &currency = QStringLiteral("USD"));

    ImportTarget target() const;
    /** The files as import requests; false with *error naming the row that is not ready. */
    bool requests(std::vector<ImportRequest> *out, QString *error) const;

    bool isComplete() const override;
    bool validatePage() override;

private:
    void detect(int row);
    void fillReplaces(int row);
    void updateStatus();

    ImportTarget m_target;
    QTableWidget *m_table;
    QLabel *m_status;
    QGroupBox *m_newBox = nullptr;
    QLineEdit *m_newPath = nullptr;
    QDateEdit *m_month = nullptr;
    QLineEdit *m_account = nullptr;
    QLineEdit *m_currency = nullptr;
};

} // namespace tl
