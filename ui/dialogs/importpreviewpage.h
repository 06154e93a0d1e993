// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableWidget;
QT_END_NAMESPACE

namespace tl {

/** The wizard's second page: the first rows of each file as the chosen format reads them. */
class ImportPreviewPage : public QWizardPage
{
    Q_OBJECT

public:
    static constexpr int PreviewRows = 20;

    explicit ImportPreviewPage(QWidget *parent = nullptr);
    void initializePage() override;
    /** Shows file `row` of the first page. */
    void showFile(int row);

    QTableWidget *table() const { return m_table; }
    QPlainTextEdit *text() const { return m_text; }
    QLabel *formatLabel() const { return m_format; }

private:
    QComboBox *m_file;
    QLabel *m_format;
    QStackedWidget *m_stack;
    QTableWidget *m_table;
    QPlainTextEdit *m_text;
};

} // namespace tl
