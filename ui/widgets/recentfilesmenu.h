// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMenu>
#include <QStringList>

namespace tl {

/**
 * File ▸ Open Recent: the jobs and workspaces opened last, newest first, kept in QSettings
 * ("recentFiles"). A PostgreSQL workspace URL is listed like a file; a file that is gone is
 * shown disabled rather than offered. Choosing one asks the window to open it.
 */
class RecentFilesMenu : public QMenu
{
    Q_OBJECT

public:
    static constexpr int MaxEntries = 8;

    explicit RecentFilesMenu(QWidget *parent = nullptr);

    /** Puts a path at the top of the list (and saves the list). */
    void add(const QString &path);
    QStringList paths() const;
    void clearList();

signals:
    void fileChosen(const QString &path);

private:
    void save(const QStringList &paths);
    void rebuild();
};

} // namespace tl
