// SPDX-License-Identifier: Apache-2.0
#include "ui/models/retryamplificationmodel.h"

#include "core/allocation/keydirectory.h"
#include "core/allocation/retryanalyzer.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"

namespace tl {

RetryAmplificationModel::RetryAmplificationModel(QObject *parent)
    : AllocationTableModel(ColumnCount, parent)
{
}

void RetryAmplificationModel::workspaceChanged()
{
    m_byKey.clear();
    m_byKeyBuilt = false;
    m_keys.clear();
    m_all = true;
    rebuild();
}

void RetryAmplificationModel::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    beginResetModel();
    m_mode = mode;
    rebuild();
    endResetModel();
}

void RetryAmplificationModel::setKeys(const QStringList &keys, bool all)
{
    beginResetModel();
    m_keys = keys;
    m_all = all;
    rebuild();
    endResetModel();
}

const std::vector<RetryStats> &RetryAmplificationModel::source() const
{
    static const std::vector<RetryStats> none;
    if (!m_ws)
        return none;
    return m_mode == Mode::ByWorkload ? m_ws->result.allocation.retries : m_byKey;
}

void RetryAmplificationModel::rebuild()
{
    m_rows.clear();
    if (!m_ws)
        return;
    if (m_mode == Mode::ByKey && !m_byKeyBuilt) {
        // The core's own analysis with every key as its own group: the same counting rules
        // (duplicates left out, quarantined attempts counted without cost) as per workload.
        const KeyDirectory dir(m_ws->result, m_ws->set);
        std::vector<KeyAllocation> keys = dir.keys();
        for (KeyAllocation &k : keys)
            k.workload = k.apiKeyName;
        m_byKey = RetryAnalyzer::analyze(m_ws->result, m_ws->set, keys, dir.lineSlot());
        m_byKeyBuilt = true;
    }
    const std::vector<RetryStats> &src = source();
    for (std::size_t i = 0; i < src.size(); ++i) {
        bool keep = m_all;
        for (const QString &k : src[i].keys)
            keep = keep || m_keys.contains(k);
        if (keep)
            m_rows.push_back(static_cast<int>(i));
    }
}

const RetryStats *RetryAmplificationModel::stats(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &source()[static_cast<std::size_t>(m_rows[static_cast<std::size_t>(row)])];
}

QVariant RetryAmplificationModel::data(const QModelIndex &index, int role) const
{
    const RetryStats *s = index.isValid() ? stats(index.row()) : nullptr;
    if (!s)
        return {};
    const int col = index.column();
    const bool unmapped = s->workload == QLatin1String(kUnmappedGroup);
    auto otherText = [this, s]() -> QString {
        if (m_mode == Mode::ByWorkload)
            return s->keys.join(QStringLiteral(", "));
        for (const KeyAllocation &k : m_ws->result.allocation.keys)
            if (k.apiKeyName == s->workload)
                return k.workload.isEmpty() ? QString::fromLatin1(kUnmappedGroup) : k.workload;
        return QString::fromLatin1(kUnmappedGroup);
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case Group: return s->workload;
        case Other: return otherText();
        case Requests: return DisplayFormat::count(s->requests);
        case Attempts: return DisplayFormat::count(s->attempts);
        case Retries: return DisplayFormat::count(s->retries);
        case Fallbacks: return DisplayFormat::count(s->fallbacks);
        case RequestsWithRetries: return DisplayFormat::count(s->requestsWithRetries);
        case AttemptsPerRequest: return s->attemptsPerRequest.known ? DisplayFormat::fixed(s->attemptsPerRequest.value, 3) : DisplayFormat::unknown();
        case Estimated: return DisplayFormat::amount(s->estimatedCost);
        case RetryCost:
            return s->estimatedCost.isZero() ? DisplayFormat::amount(s->retryEstimatedCost)
                                             : QStringLiteral("%1 (%2)").arg(DisplayFormat::amount(s->retryEstimatedCost),
                                                                             DisplayFormat::percent(s->retryEstimatedCost, s->estimatedCost, 1));
        case CostPerRequest: return amountText(s->costPerRequest, 6);
        case CostPerAttempt: return amountText(s->costPerAttempt, 6);
        }
        break;
    case ExactRole:
        switch (col) {
        case AttemptsPerRequest: return exactText(s->attemptsPerRequest);
        case Estimated: return s->estimatedCost.toString();
        case RetryCost: return s->retryEstimatedCost.toString();
        case CostPerRequest: return exactText(s->costPerRequest);
        case CostPerAttempt: return exactText(s->costPerAttempt);
        default: break;
        }
        break;
    case SortRole:
        switch (col) {
        case Group: return unmapped ? QStringLiteral("\uFFFF") : s->workload;
        case Requests: return s->requests;
        case Attempts: return s->attempts;
        case Retries: return s->retries;
        case Fallbacks: return s->fallbacks;
        case RequestsWithRetries: return s->requestsWithRetries;
        case AttemptsPerRequest: return sortKey(s->attemptsPerRequest);
        case Estimated: return sortKey(s->estimatedCost);
        case RetryCost: return sortKey(s->retryEstimatedCost);
        case CostPerRequest: return sortKey(s->costPerRequest);
        case CostPerAttempt: return sortKey(s->costPerAttempt);
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole: return alignment(col);
    case Qt::FontRole:
        if (unmapped && col == Group)
            return italicFont();
        break;
    case Qt::ForegroundRole:
        if (col == Other)
            return LedgerColors::mutedText();
        break;
    case Qt::ToolTipRole: {
        const QString exact = data(index, ExactRole).toString();
        if (!exact.isEmpty())
            return DisplayFormat::localizeDigits(exact);
        if (col == Other)
            return otherText();
        break;
    }
    default: break;
    }
    return {};
}

QVariant RetryAmplificationModel::headerText(int column) const
{
    const QString cur = currency();
    const bool byKey = m_mode == Mode::ByKey;
    switch (column) {
    case Group: return byKey ? tr("API key") : tr("Workload");
    case Other: return byKey ? tr("Workload") : tr("Keys");
    case Requests: return tr("Requests");
    case Attempts: return tr("Attempts");
    case Retries: return tr("Retries");
    case Fallbacks: return tr("Fallbacks");
    case RequestsWithRetries: return tr("Requests retried");
    case AttemptsPerRequest: return tr("Attempts per request");
    case Estimated: return cur.isEmpty() ? tr("Estimated") : QStringLiteral("%1 (%2)").arg(tr("Estimated"), cur);
    case RetryCost: return tr("Spent on retries");
    case CostPerRequest: return tr("Per request");
    case CostPerAttempt: return tr("Per attempt");
    }
    return {};
}

QVariant RetryAmplificationModel::headerToolTip(int column) const
{
    switch (column) {
    case Requests: return tr("Business transactions: distinct request ids");
    case Attempts: return tr("API attempts (duplicate log lines are not attempts; quarantined attempts count, without cost)");
    case Retries: return tr("Attempts after the first of their request");
    case Fallbacks: return tr("Attempts whose role is fallback");
    case RequestsWithRetries: return tr("Requests with at least one retry");
    case RetryCost: return tr("The estimated cost of the attempts after the first, and its share of the estimate");
    case CostPerRequest: return tr("Estimated cost per business transaction");
    case CostPerAttempt: return tr("Estimated cost per API attempt");
    default: return {};
    }
}

} // namespace tl
