// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/importwizard.h"

#include "ui/dialogs/importfilespage.h"
#include "ui/dialogs/importpreviewpage.h"
#include "ui/dialogs/importrunpage.h"
#include "ui/document/workspacedocument.h"

#include <QFileInfo>

namespace tl {

namespace {

ImportTarget targetOf(const WorkspaceDocument *doc)
{
    ImportTarget t;
    const auto ws = doc->workspace();
    if (!ws) {
        t.kind = ImportTarget::Kind::NewStore;
    } else if (ws->fromStore()) {
        t.kind = ImportTarget::Kind::Store;
        t.location = ws->storeLocation;
        t.period = ws->periodLabel;
        t.current = ws->storedInputs;
    } else {
        t.kind = ImportTarget::Kind::JobFile;
        t.location = ws->job.path;
        for (std::size_t i = 0; i < ws->job.inputs.size(); ++i) {
            const JobInput &in = ws->job.inputs[i];
            StoredInput s;
            s.seq = static_cast<qint64>(i) + 1;
            s.kind = QString::fromLatin1(ledgerKindName(in.options.kind));
            s.format = in.options.format;
            s.originalName = QFileInfo(in.path).fileName();
            t.current.push_back(s);
        }
    }
    return t;
}

} // namespace

ImportWizard::ImportWizard(WorkspaceDocument *document, QWidget *parent)
    : QWizard(parent)
    , m_doc(document)
    , m_files(new ImportFilesPage(targetOf(document)))
    , m_preview(new ImportPreviewPage)
    , m_run(new ImportRunPage(document))
{
    setWindowTitle(tr("Import files"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, false);
    setPage(FilesPage, m_files);
    setPage(PreviewPage, m_preview);
    setPage(RunPage, m_run);
    resize(900, 620);
}

ImportTarget ImportWizard::target() const
{
    return m_files->target();
}

std::vector<ImportRequest> ImportWizard::requests() const
{
    std::vector<ImportRequest> out;
    QString error;
    m_files->requests(&out, &error);
    return out;
}

void ImportWizard::reject()
{
    // Closing while the import runs stops it first: nothing is left half-done behind the window.
    if (m_run->isRunning()) {
        m_run->cancel();
        m_run->future().waitForFinished();
    }
    QWizard::reject();
}

} // namespace tl
