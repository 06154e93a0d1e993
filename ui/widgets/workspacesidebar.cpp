// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/workspacesidebar.h"

#include "ui/models/displayformat.h"
#include "ui/models/evidencereview.h"
#include "ui/models/ledgercolors.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace tl {

namespace {

enum Role { PageRole = Qt::UserRole + 1, FileRole, PeriodRole };

QIcon dot(const QColor &c)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(c);
    p.setPen(c.darker(130));
    p.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pm);
}

} // namespace

WorkspaceSidebar::WorkspaceSidebar(QWidget *parent)
    : QTreeWidget(parent)
{
    setHeaderHidden(true);
    setColumnCount(1);
    setRootIsDecorated(true);
    setUniformRowHeights(false);
    setTextElideMode(Qt::ElideMiddle);
    setMinimumWidth(240);
    setIndentation(14);
    // Only a user's click or Enter navigates: focus alone (which makes the first item current)
    // must not switch pages.
    auto navigate = [this](QTreeWidgetItem *item) {
        if (!item)
            return;
        const QVariant page = item->data(0, PageRole);
        if (page.isValid())
            emit pageRequested(static_cast<WorkbenchPage>(page.toInt()));
        // Once per choice: a double-click is a click and an activation (a period that failed to
        // open can be chosen again a moment later).
        const QVariant period = item->data(0, PeriodRole);
        if (period.isValid() && period.toString() != m_currentPeriod
            && (period.toString() != m_requestedPeriod || !m_requestedAt.isValid() || m_requestedAt.elapsed() > 1000)) {
            m_requestedPeriod = period.toString();
            m_requestedAt.start();
            emit periodRequested(m_requestedPeriod);
        }
    };
    connect(this, &QTreeWidget::itemClicked, this, navigate);
    connect(this, &QTreeWidget::itemActivated, this, [this, navigate](QTreeWidgetItem *item) {
        navigate(item);
        const QVariant file = item->data(0, FileRole);
        if (file.isValid())
            emit inputActivated(file.toInt());
    });
    setWorkspace(nullptr);
}

QTreeWidgetItem *WorkspaceSidebar::addItem(QTreeWidgetItem *parent, const QString &text, WorkbenchPage page)
{
    auto *item = new QTreeWidgetItem(parent, QStringList{text});
    item->setData(0, PageRole, static_cast<int>(page));
    return item;
}

QTreeWidgetItem *WorkspaceSidebar::itemForPage(WorkbenchPage page) const
{
    QTreeWidgetItem *root = topLevelItem(0);
    for (int i = 0; root && i < root->childCount(); ++i) {
        QTreeWidgetItem *item = root->child(i);
        const QVariant p = item->data(0, PageRole);
        if (p.isValid() && p.toInt() == static_cast<int>(page))
            return item;
    }
    return nullptr;
}

void WorkspaceSidebar::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    const QSignalBlocker block(this);
    clear();
    m_runs = nullptr;
    m_requestedPeriod.clear();
    auto *root = new QTreeWidgetItem(this, QStringList{tr("Workspace")});
    QFont bold = root->font(0);
    bold.setBold(true);
    root->setFont(0, bold);
    if (!ws) {
        auto *hint = new QTreeWidgetItem(root, QStringList{tr("No job open.\nFile \u25B8 Open job\u2026")});
        hint->setForeground(0, LedgerColors::mutedText());
        expandAll();
        return;
    }
    const ReconcileResult &r = ws->result;
    root->setText(0, tr("Workspace: %1").arg(QFileInfo(ws->job.path).dir().dirName()));
    root->setToolTip(0, ws->job.path);
    root->setData(0, PageRole, static_cast<int>(WorkbenchPage::Overview));

    auto *period = addItem(root, tr("Period %1 \u2014 %2")
                                     .arg(DisplayFormat::period(r.period.start, r.period.end),
                                          QString::fromLatin1(decisionName(r.decision)).toUpper()),
                           WorkbenchPage::Overview);
    period->setIcon(0, dot(LedgerColors::decisionBackground(r.decision)));
    period->setToolTip(0, tr("%1 to %2 (UTC)").arg(DisplayFormat::timestamp(r.period.start), DisplayFormat::timestamp(r.period.end)));
    m_currentPeriod = ws->periodLabel;
    if (ws->fromStore())
        addPeriods(root, *ws);

    auto *inputs = new QTreeWidgetItem(root, QStringList{tr("Inputs (%1)").arg(ws->set.files.size())});
    for (std::size_t i = 0; i < ws->set.files.size(); ++i) {
        const ImportReport &rep = ws->set.files[i].report;
        const QString line2 = tr("%1 \u00B7 %2").arg(rep.kind, rep.format);
        const QString line3 = tr("%1 rows \u00B7 sha256 %2").arg(DisplayFormat::count(rep.rowsAccepted), rep.sha256Received.left(8));
        auto *item = new QTreeWidgetItem(inputs, QStringList{rep.fileName + QLatin1Char('\n') + line2 + QLatin1Char('\n') + line3});
        item->setData(0, FileRole, static_cast<int>(i));
        if (rep.kind == QLatin1String("client"))
            item->setData(0, PageRole, static_cast<int>(WorkbenchPage::Ledgers));
        item->setToolTip(0, QStringLiteral("<pre>%1</pre>").arg(rep.toText().toHtmlEscaped()));
    }

    const EvidenceReview::Counts due = EvidenceReview::count(ws->set.evidence, ws->asOf);
    QString evidenceText = tr("Evidence (%1)").arg(ws->set.evidence.size());
    if (due.overdue > 0 || due.dueSoon > 0)
        evidenceText += QLatin1Char('\n') + tr("%1 overdue \u00B7 %2 due soon").arg(due.overdue).arg(due.dueSoon);
    else if (!ws->set.evidence.empty())
        evidenceText += QLatin1Char('\n') + tr("none overdue");
    auto *evidence = addItem(root, evidenceText, WorkbenchPage::Evidence);
    if (due.overdue > 0)
        evidence->setIcon(0, dot(LedgerColors::decisionBackground(Decision::Fail)));
    else if (due.dueSoon > 0)
        evidence->setIcon(0, dot(LedgerColors::dueSoonBackground().darker(140)));

    addItem(root, tr("Prices (%1)").arg(ws->set.prices.size()), WorkbenchPage::Prices);
    addItem(root, tr("Mappings (%1)").arg(ws->set.mappings.size()), WorkbenchPage::Mappings);
    addItem(root, tr("Owners (%1)").arg(ws->set.owners.size()), WorkbenchPage::Owners);

    // The alerts: how many, and the worst of them as the dot.
    const std::vector<Alert> &alerts = r.allocation.alerts;
    qint64 critical = 0;
    for (const Alert &a : alerts)
        if (a.severity == QLatin1String("critical"))
            ++critical;
    QString alertText = tr("Alerts (%1)").arg(alerts.size());
    if (critical > 0)
        alertText += QLatin1Char('\n') + tr("%1 critical \u00B7 %2 warning").arg(critical).arg(static_cast<qint64>(alerts.size()) - critical);
    else if (alerts.empty())
        alertText += QLatin1Char('\n') + tr("none");
    auto *alertItem = addItem(root, alertText, WorkbenchPage::Alerts);
    alertItem->setToolTip(0, tr("Budgets, spikes, retries and unknown billing behaviour (Alerts page)"));
    if (critical > 0)
        alertItem->setIcon(0, dot(LedgerColors::decisionBackground(Decision::Fail)));
    else if (!alerts.empty())
        alertItem->setIcon(0, dot(LedgerColors::decisionBackground(Decision::Warn)));
    expandAll();
}

void WorkspaceSidebar::addPeriods(QTreeWidgetItem *root, const Workspace &ws)
{
    // Every period of the store (the shown one first in bold; a frozen one takes no new inputs).
    if (ws.storedPeriods.size() > 1) {
        auto *periods = new QTreeWidgetItem(root, QStringList{tr("Periods (%1)").arg(ws.storedPeriods.size())});
        std::vector<StoredPeriod> newestFirst = ws.storedPeriods;
        std::stable_sort(newestFirst.begin(), newestFirst.end(),
                         [](const StoredPeriod &a, const StoredPeriod &b) { return a.startUtc > b.startUtc; });
        for (const StoredPeriod &p : newestFirst) {
            QString text = p.label;
            if (p.frozen())
                text += QLatin1Char(' ') + tr("\u00B7 frozen");
            auto *item = new QTreeWidgetItem(periods, QStringList{text});
            item->setData(0, PeriodRole, p.label);
            item->setToolTip(0, tr("%1 to %2 (UTC), account %3%4")
                                    .arg(p.startUtc, p.endUtc, p.accountRef,
                                         p.frozen() ? tr("; frozen since %1").arg(p.frozenAt) : QString()));
            if (p.label == ws.periodLabel) {
                QFont f = item->font(0);
                f.setBold(true);
                item->setFont(0, f);
                item->setIcon(0, dot(LedgerColors::decisionBackground(ws.result.decision)));
            } else if (p.frozen()) {
                item->setForeground(0, LedgerColors::mutedText());
            }
        }
    }
    // The period's stored runs: what was reconciled, when, with what decision.
    m_runs = new QTreeWidgetItem(root, QStringList{QString()});
    m_runs->setToolTip(0, tr("Stored runs of %1 (tokenledger-cli runs list); a sign-off stores one").arg(ws.periodLabel));
    setRuns(ws.storedRuns);
}

void WorkspaceSidebar::setRuns(const std::vector<StoredRun> &runs)
{
    if (!m_runs)
        return;
    const QSignalBlocker block(this);
    qDeleteAll(m_runs->takeChildren());
    m_runs->setText(0, tr("Runs (%1)").arg(runs.size()));
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        QString text = tr("Run %1 \u00B7 %2").arg(it->id).arg(it->decision);
        QString when = it->createdAt.left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
        text += QLatin1Char('\n') + when + QStringLiteral(" UTC");
        if (it->rerunOf > 0)
            text += QLatin1Char(' ') + tr("\u00B7 re-run of %1").arg(it->rerunOf);
        auto *item = new QTreeWidgetItem(m_runs, QStringList{text});
        item->setToolTip(0, tr("%1 stored input(s) named by hash; created %2").arg(it->inputHashes.size()).arg(it->createdAt));
        for (Decision d : {Decision::Pass, Decision::Warn, Decision::Fail})
            if (it->decision == QLatin1String(decisionName(d)))
                item->setIcon(0, dot(LedgerColors::decisionBackground(d)));
    }
    m_runs->setExpanded(true);
}

} // namespace tl
