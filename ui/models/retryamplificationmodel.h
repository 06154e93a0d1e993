// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/allocationtablemodel.h"

#include <QStringList>

#include <vector>

namespace tl {

/**
 * Retry amplification (seed 001: cost per business transaction and per attempt, apart): per
 * workload as the core computed it (summary.json `retry_amplification`), or per API key by the
 * same core analysis (RetryAnalyzer) with each key taken as its own group. Requests are
 * distinct request ids (business transactions), retries are attempts after the first.
 */
class RetryAmplificationModel : public AllocationTableModel
{
    Q_OBJECT

public:
    enum class Mode { ByWorkload, ByKey };
    enum Column {
        Group = 0, ///< the workload, or the key
        Other,     ///< the workload's keys, or the key's workload
        Requests,
        Attempts,
        Retries,
        Fallbacks,
        RequestsWithRetries,
        AttemptsPerRequest,
        Estimated,
        RetryCost,
        CostPerRequest,
        CostPerAttempt,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, ExactRole };

    explicit RetryAmplificationModel(QObject *parent = nullptr);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /** Only these keys (an owner's keys; by workload: the workloads with one of them); `all`: every row. */
    void setKeys(const QStringList &keys, bool all);
    const RetryStats *stats(int row) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return static_cast<int>(m_rows.size()); }
    void workspaceChanged() override;
    QVariant headerText(int column) const override;
    QVariant headerToolTip(int column) const override;
    bool rightAligned(int column) const override { return column > Other; }

private:
    void rebuild();
    const std::vector<RetryStats> &source() const;

    Mode m_mode = Mode::ByWorkload;
    QStringList m_keys;
    bool m_all = true;
    std::vector<RetryStats> m_byKey; ///< computed on first use per workspace
    bool m_byKeyBuilt = false;
    std::vector<int> m_rows;
};

} // namespace tl
