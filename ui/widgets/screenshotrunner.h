// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/widgets/workbenchpage.h"

#include <QObject>
#include <QSize>
#include <QStringList>

#include <vector>

namespace tl {

class MainWindow;

/**
 * Opens a job in a window, waits for the load, and saves a grab of each requested page as PNG
 * (`tokenledger --screenshot OUT.png --page overview JOB.json`). Works offscreen
 * (QT_QPA_PLATFORM=offscreen), so the README's pictures come from the real window.
 */
class ScreenshotRunner : public QObject
{
    Q_OBJECT

public:
    ScreenshotRunner(MainWindow *window, const QString &outPath, std::vector<WorkbenchPage> pages, QObject *parent = nullptr);
    void start(const QString &jobPath);

    /** OUT.png for one page, OUT-<page>.png for several. */
    QString pathFor(WorkbenchPage page) const;

signals:
    void finished(int exitCode);

private:
    void capture();

    MainWindow *m_window;
    QString m_out;
    std::vector<WorkbenchPage> m_pages;
};

} // namespace tl
