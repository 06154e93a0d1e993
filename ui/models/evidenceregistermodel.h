// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QStringList>

#include <memory>

namespace tl {

class EvidenceRegister;

/**
 * The evidence register as a table: the review state, every field of formats.md §9, what uses
 * each entry (price snapshots, billing-policy rows) and, in a store, the row version. Rows past
 * their review date are red, due within 30 days amber (as of the period's as-of day). A view of
 * the EvidenceRegister: it follows its edits row by row.
 */
class EvidenceRegisterModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, ReviewStateRole };

    explicit EvidenceRegisterModel(EvidenceRegister *evidence, QObject *parent = nullptr);

    /** What depends on which entry, and the day reviews are judged on. */
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);
    QDate asOf() const { return m_asOf; }
    /** "price snapshot snap-2026-05 (4 rows)", "billing policy: success → billable" */
    QStringList usedBy(const QString &id) const;
    /** The same as links: "snapshot:ID", "outcome:NAME". */
    QString usedByHtml(const QString &id) const;
    /** The column of a §9 field. */
    int columnOf(const QString &field) const;
    int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Use
    {
        QString text, link;
    };

    EvidenceRegister *m_evidence;
    QStringList m_columns; ///< "review", the §9 fields, "used_by", "row_version"
    QDate m_asOf;
    QHash<QString, std::vector<Use>> m_uses;
};

} // namespace tl
