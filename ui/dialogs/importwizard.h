// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/importrunner.h"

#include <QWizard>

namespace tl {

class ImportFilesPage;
class ImportPreviewPage;
class ImportRunPage;
class WorkspaceDocument;

/**
 * Import through a wizard: pick files (kind and format detected from their first bytes,
 * changeable), preview the first rows of each, then import them off the GUI thread with a
 * progress bar and Cancel, and read each file's import report. The files go into the open
 * workspace's period, or are added to the open job's inputs; with nothing open, a new .tlw
 * workspace with one period is created for them. The document reloads when it is done.
 */
class ImportWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { FilesPage, PreviewPage, RunPage };

    explicit ImportWizard(WorkspaceDocument *document, QWidget *parent = nullptr);

    WorkspaceDocument *document() const { return m_doc; }
    /** Where the files go, as the first page settles it. */
    ImportTarget target() const;
    std::vector<ImportRequest> requests() const;
    ImportFilesPage *filesPage() const { return m_files; }
    ImportPreviewPage *previewPage() const { return m_preview; }
    ImportRunPage *runPage() const { return m_run; }

    void reject() override;

private:
    WorkspaceDocument *m_doc;
    ImportFilesPage *m_files;
    ImportPreviewPage *m_preview;
    ImportRunPage *m_run;
};

} // namespace tl
