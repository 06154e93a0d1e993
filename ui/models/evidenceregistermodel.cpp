// SPDX-License-Identifier: Apache-2.0
#include "ui/models/evidenceregistermodel.h"

#include "core/model/outcome.h"
#include "ui/document/evidenceregister.h"
#include "ui/models/displayformat.h"
#include "ui/models/evidencereview.h"
#include "ui/models/evidencevalidator.h"
#include "ui/models/ledgercolors.h"

#include <QMap>

namespace tl {

EvidenceRegisterModel::EvidenceRegisterModel(EvidenceRegister *evidence, QObject *parent)
    : QAbstractTableModel(parent)
    , m_evidence(evidence)
{
    // The table leads with what a reviewer scans for; the long texts come last.
    m_columns = {QStringLiteral("review"), QStringLiteral("evidence_id"), QStringLiteral("status"), QStringLiteral("next_review_on"),
                 QStringLiteral("owner"), QStringLiteral("area"), QStringLiteral("assumption"), QStringLiteral("source_url_or_ticket"),
                 QStringLiteral("accessed_on"), QStringLiteral("used_by"), QStringLiteral("dependent_system"),
                 QStringLiteral("fallback_behavior"), QStringLiteral("statement_or_screenshot_ref"), QStringLiteral("screenshot_sha256"),
                 QStringLiteral("notes"), QStringLiteral("row_version")};
    connect(evidence, &EvidenceRegister::aboutToReset, this, [this] { beginResetModel(); });
    connect(evidence, &EvidenceRegister::wasReset, this, [this] { endResetModel(); });
    connect(evidence, &EvidenceRegister::entryChanged, this, [this](int row) {
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    });
    connect(evidence, &EvidenceRegister::entryInserted, this, [this](int row) {
        beginInsertRows(QModelIndex(), row, row);
        endInsertRows();
    });
    connect(evidence, &EvidenceRegister::entryRemoved, this, [this](int row) {
        beginRemoveRows(QModelIndex(), row, row);
        endRemoveRows();
    });
}

void EvidenceRegisterModel::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    beginResetModel();
    m_asOf = ws ? ws->asOf : QDate();
    m_uses.clear();
    if (ws) {
        // Price rows per snapshot and evidence id, in file order.
        QMap<QPair<QString, QString>, int> prices;
        QStringList order;
        for (const PriceRow &p : ws->set.prices) {
            if (p.evidenceId.isEmpty())
                continue;
            const auto k = qMakePair(p.evidenceId, p.snapshotId);
            if (!prices.contains(k))
                order << p.evidenceId + QLatin1Char('\n') + p.snapshotId;
            prices[k] += 1;
        }
        for (const QString &o : std::as_const(order)) {
            const QString id = o.section(QLatin1Char('\n'), 0, 0), snap = o.section(QLatin1Char('\n'), 1);
            const int n = prices.value(qMakePair(id, snap));
            m_uses[id].push_back({tr("price snapshot %1 (%2)").arg(snap, n == 1 ? tr("1 row") : tr("%1 rows").arg(n)),
                                  QStringLiteral("snapshot:") + snap});
        }
        for (const PolicyRow &p : ws->set.policy)
            if (!p.evidenceId.isEmpty())
                m_uses[p.evidenceId].push_back({tr("billing policy: %1 \u2192 %2")
                                                    .arg(DisplayFormat::words(outcomeName(p.outcome)), DisplayFormat::words(treatmentName(p.treatment))),
                                                QStringLiteral("outcome:") + QString::fromLatin1(outcomeName(p.outcome))});
    }
    endResetModel();
}

QStringList EvidenceRegisterModel::usedBy(const QString &id) const
{
    QStringList out;
    for (const Use &u : m_uses.value(id))
        out << u.text;
    return out;
}

QString EvidenceRegisterModel::usedByHtml(const QString &id) const
{
    QStringList out;
    for (const Use &u : m_uses.value(id))
        out << QStringLiteral("<a href='%1'>%2</a>").arg(u.link.toHtmlEscaped(), u.text.toHtmlEscaped());
    return out.join(QStringLiteral("<br>"));
}

int EvidenceRegisterModel::columnOf(const QString &field) const
{
    return static_cast<int>(m_columns.indexOf(field));
}

int EvidenceRegisterModel::rowOf(const QString &id) const
{
    return m_evidence->indexOf(id);
}

int EvidenceRegisterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_evidence->count();
}

int EvidenceRegisterModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    // The row version means something only in a store.
    return static_cast<int>(m_columns.size()) - (m_evidence->isStoreBacked() ? 0 : 1);
}

QVariant EvidenceRegisterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EvidenceEntry &e = m_evidence->entry(index.row());
    const QString column = m_columns.at(index.column());
    const EvidenceReview::State state = EvidenceReview::state(e, m_asOf);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (column == QLatin1String("review"))
            return EvidenceReview::stateText(state);
        if (column == QLatin1String("used_by"))
            return usedBy(e.evidenceId).join(QStringLiteral("; "));
        if (column == QLatin1String("row_version"))
            return m_evidence->rowVersion(index.row());
        return m_evidence->value(index.row(), column);
    case Qt::BackgroundRole:
        if (state == EvidenceReview::Overdue)
            return LedgerColors::overdueBackground();
        if (state == EvidenceReview::DueSoon)
            return LedgerColors::dueSoonBackground();
        return {};
    case Qt::ForegroundRole:
        if (state == EvidenceReview::Superseded)
            return LedgerColors::mutedText();
        if (state == EvidenceReview::Overdue || state == EvidenceReview::DueSoon)
            return LedgerColors::onTintText();
        return {};
    case Qt::ToolTipRole:
        if (column == QLatin1String("review"))
            return tr("Next review %1, judged as of %2").arg(DisplayFormat::date(e.nextReviewOn), DisplayFormat::date(m_asOf));
        if (column == QLatin1String("assumption") || column == QLatin1String("notes") || column == QLatin1String("source_url_or_ticket"))
            return m_evidence->value(index.row(), column);
        return {};
    case Qt::TextAlignmentRole:
        if (column == QLatin1String("row_version"))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole: return e.evidenceId;
    case ReviewStateRole: return static_cast<int>(state);
    default: return {};
    }
}

QVariant EvidenceRegisterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_columns.size())
        return {};
    const QString c = m_columns.at(section);
    if (c == QLatin1String("review"))
        return tr("Review");
    if (c == QLatin1String("used_by"))
        return tr("Used by");
    if (c == QLatin1String("row_version"))
        return tr("Row version");
    return EvidenceValidator::label(c);
}

} // namespace tl
