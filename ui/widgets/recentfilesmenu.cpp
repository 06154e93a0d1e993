// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/recentfilesmenu.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace tl {

namespace {

const QString kKey = QStringLiteral("recentFiles");

bool isUrl(const QString &path)
{
    return path.startsWith(QLatin1String("postgres://")) || path.startsWith(QLatin1String("postgresql://"));
}

} // namespace

RecentFilesMenu::RecentFilesMenu(QWidget *parent)
    : QMenu(tr("Open &Recent"), parent)
{
    // Built when shown, so that files removed meanwhile are shown as gone.
    connect(this, &QMenu::aboutToShow, this, &RecentFilesMenu::rebuild);
    rebuild();
}

QStringList RecentFilesMenu::paths() const
{
    return QSettings().value(kKey).toStringList();
}

void RecentFilesMenu::save(const QStringList &paths)
{
    QSettings settings;
    settings.setValue(kKey, paths);
    settings.sync();
    rebuild();
}

void RecentFilesMenu::add(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString entry = isUrl(path) ? path : QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > MaxEntries)
        list.removeLast();
    save(list);
}

void RecentFilesMenu::clearList()
{
    save({});
}

void RecentFilesMenu::rebuild()
{
    clear();
    const QStringList list = paths();
    int n = 0;
    for (const QString &path : list) {
        ++n;
        const QString shown = isUrl(path) ? path : QDir::toNativeSeparators(path);
        // &1 … &8: the number is the accelerator.
        QAction *a = addAction(QStringLiteral("&%1 %2").arg(n).arg(QString(shown).replace(QLatin1Char('&'), QStringLiteral("&&"))));
        a->setData(path);
        a->setToolTip(shown);
        if (!isUrl(path) && !QFileInfo::exists(path)) {
            a->setEnabled(false);
            a->setText(a->text() + QStringLiteral(" ") + tr("(not found)"));
        }
        connect(a, &QAction::triggered, this, [this, path] { emit fileChosen(path); });
    }
    if (list.isEmpty()) {
        QAction *none = addAction(tr("No recent files"));
        none->setEnabled(false);
    } else {
        addSeparator();
        addAction(tr("&Clear the list"), this, &RecentFilesMenu::clearList);
    }
}

} // namespace tl
