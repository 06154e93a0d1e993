// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/newsnapshotdialog.h"

#include <QDate>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace tl {

namespace {

bool isDate(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return re.match(s).hasMatch() && QDate::fromString(s, Qt::ISODate).isValid();
}

} // namespace

NewSnapshotDialog::NewSnapshotDialog(const NewSnapshotFields &initial, const QStringList &existingIds, QWidget *parent)
    : QDialog(parent)
    , m_existing(existingIds)
    , m_id(new QLineEdit(initial.snapshotId))
    , m_accessed(new QLineEdit(initial.accessedAt))
    , m_captured(new QLineEdit(initial.capturedBy))
    , m_validFrom(new QLineEdit(initial.validFrom))
    , m_error(new QLabel)
{
    setWindowTitle(tr("New price snapshot"));
    m_accessed->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    m_validFrom->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #B0222A;"));
    m_error->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("Snapshot id:"), m_id);
    form->addRow(tr("Observed (accessed_at):"), m_accessed);
    form->addRow(tr("Captured by:"), m_captured);
    form->addRow(tr("Effective from (valid_from):"), m_validFrom);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewSnapshotDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewSnapshotDialog::reject);
    auto *layout = new QVBoxLayout(this);
    auto *about = new QLabel(tr("A used snapshot is immutable (formats.md \u00A75): its rows are copied into a new snapshot "
                                "with this id, observed and effective dates, to be edited and saved beside the job."));
    about->setWordWrap(true);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

NewSnapshotFields NewSnapshotDialog::fields() const
{
    return {m_id->text().trimmed(), m_accessed->text().trimmed(), m_captured->text().trimmed(), m_validFrom->text().trimmed()};
}

QString NewSnapshotDialog::problem(const NewSnapshotFields &f, const QStringList &existingIds)
{
    static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (f.snapshotId.isEmpty())
        return tr("The snapshot id is required.");
    if (!idRe.match(f.snapshotId).hasMatch())
        return tr("The snapshot id \u201c%1\u201d may hold only letters, digits, '.', '_' and '-' (it names the file).").arg(f.snapshotId);
    if (existingIds.contains(f.snapshotId))
        return tr("The job already has a snapshot \u201c%1\u201d: a new snapshot needs a new id.").arg(f.snapshotId);
    if (!isDate(f.accessedAt))
        return tr("The observed date (accessed_at) \u201c%1\u201d is not a date (YYYY-MM-DD).").arg(f.accessedAt);
    if (f.capturedBy.isEmpty())
        return tr("Say who captured the prices (captured_by).");
    if (!isDate(f.validFrom))
        return tr("The effective date (valid_from) \u201c%1\u201d is not a date (YYYY-MM-DD).").arg(f.validFrom);
    return QString();
}

void NewSnapshotDialog::accept()
{
    const QString why = problem(fields(), m_existing);
    m_error->setText(why);
    m_error->setVisible(!why.isEmpty());
    if (why.isEmpty())
        QDialog::accept();
}

} // namespace tl
