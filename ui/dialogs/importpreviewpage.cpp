// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/importpreviewpage.h"

#include "core/import/csvreader.h"
#include "core/import/formatregistry.h"
#include "ui/dialogs/importfilespage.h"
#include "ui/dialogs/importwizard.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tl {

ImportPreviewPage::ImportPreviewPage(QWidget *parent)
    : QWizardPage(parent)
    , m_file(new QComboBox)
    , m_format(new QLabel)
    , m_stack(new QStackedWidget)
    , m_table(new QTableWidget)
    , m_text(new QPlainTextEdit)
{
    setTitle(tr("Preview"));
    setSubTitle(tr("The first %1 rows of each file. Go back to change a file's ledger or format.").arg(PreviewRows));
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("File:")));
    row->addWidget(m_file, 1);
    layout->addLayout(row);
    m_format->setWordWrap(true);
    m_format->setTextFormat(Qt::RichText);
    layout->addWidget(m_format);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_text->setFont(mono);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_text);
    layout->addWidget(m_stack, 1);
    connect(m_file, &QComboBox::currentIndexChanged, this, &ImportPreviewPage::showFile);
}

void ImportPreviewPage::initializePage()
{
    const ImportFilesPage *files = static_cast<ImportWizard *>(wizard())->filesPage();
    const QSignalBlocker block(m_file);
    m_file->clear();
    for (int r = 0; r < files->fileCount(); ++r)
        m_file->addItem(QFileInfo(files->path(r)).fileName());
    m_file->setCurrentIndex(0);
    showFile(0);
}

void ImportPreviewPage::showFile(int row)
{
    const ImportFilesPage *files = static_cast<ImportWizard *>(wizard())->filesPage();
    if (row < 0 || row >= files->fileCount())
        return;
    const QString path = files->path(row);
    const FormatInfo *f = FormatRegistry::find(files->format(row));
    m_format->setText(tr("<b>%1</b> into the <b>%2</b> ledger%3%4")
                          .arg(files->format(row).toHtmlEscaped(), files->kind(row).toHtmlEscaped(),
                               f ? QStringLiteral(" \u2014 %1 (formats.md \u00A7%2)").arg(f->description.toHtmlEscaped(), f->section) : QString(),
                               files->detected(row) ? tr(", detected from its content") : tr(", chosen by hand")));
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        m_text->setPlainText(tr("Cannot read %1: %2").arg(path, in.errorString()));
        m_stack->setCurrentWidget(m_text);
        return;
    }
    // Enough bytes for the preview rows; the importer reads the whole file later.
    const QByteArray data = in.read(256 * 1024);
    const bool csv = files->format(row).endsWith(QLatin1String("_csv")) || path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    if (csv) {
        try {
            CsvReader reader(data, QFileInfo(path).fileName());
            m_table->clear();
            m_table->setRowCount(0);
            int record = 0;
            while (record <= PreviewRows && reader.next()) {
                QStringList cells;
                for (int i = 0; i < reader.size(); ++i)
                    cells << QString::fromUtf8(reader.field(i).data(), static_cast<qsizetype>(reader.field(i).size()));
                if (record == 0) {
                    m_table->setColumnCount(static_cast<int>(cells.size()));
                    m_table->setHorizontalHeaderLabels(cells);
                } else {
                    m_table->insertRow(record - 1);
                    for (int c = 0; c < cells.size() && c < m_table->columnCount(); ++c)
                        m_table->setItem(record - 1, c, new QTableWidgetItem(cells[c]));
                    m_table->setVerticalHeaderItem(record - 1, new QTableWidgetItem(QString::number(reader.line())));
                }
                ++record;
            }
            m_table->resizeColumnsToContents();
            m_stack->setCurrentWidget(m_table);
            return;
        } catch (const std::exception &) {
            // Not CSV after all: show the text, the import will say what is wrong and where.
        }
    }
    QString text;
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    if (!doc.isNull() && data.size() < 256 * 1024)
        text = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    else
        text = QString::fromUtf8(data);
    m_text->setPlainText(text.section(QLatin1Char('\n'), 0, 80));
    m_stack->setCurrentWidget(m_text);
}

} // namespace tl
