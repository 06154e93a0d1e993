// SPDX-License-Identifier: Apache-2.0
#include "ui/models/ledgerlinesmodel.h"

#include "core/model/outcome.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"
#include "ui/models/ledgerfiltermatcher.h"

#include <QColor>

#include <algorithm>

namespace tl {


LedgerLinesModel::LedgerLinesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LedgerLinesModel::setWorkspace(std::shared_ptr<const Workspace> ws)
{
    beginResetModel();
    m_ws = std::move(ws);
    m_filter = LedgerFilter();
    rebuild();
    endResetModel();
    emit viewChanged();
}

void LedgerLinesModel::setFilter(const LedgerFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    rebuild();
    endResetModel();
    emit viewChanged();
}

int LedgerLinesModel::totalLines() const
{
    return m_ws ? static_cast<int>(m_ws->result.lineRow.size()) : 0;
}

int LedgerLinesModel::rowOfLine(int line) const
{
    if (line < 0 || static_cast<std::size_t>(line) >= m_rowOfLine.size())
        return -1;
    return m_rowOfLine[static_cast<std::size_t>(line)];
}

bool LedgerLinesModel::costCounts(int line) const
{
    const ReconcileResult &r = m_ws->result;
    const auto li = static_cast<std::size_t>(line);
    const auto t = static_cast<tl::Treatment>(r.lineTreatment[li]);
    return r.lineQuarantine[li] == Quarantine::None && (t == tl::Treatment::Billable || t == tl::Treatment::Partial);
}

Decimal LedgerLinesModel::visibleEstimate(qint64 *unknownCost) const
{
    Decimal sum;
    qint64 unknown = 0;
    if (m_ws) {
        const ReconcileResult &r = m_ws->result;
        for (int line : m_view) {
            const auto li = static_cast<std::size_t>(line);
            const auto t = static_cast<tl::Treatment>(r.lineTreatment[li]);
            const bool billable = t == tl::Treatment::Billable || t == tl::Treatment::Partial;
            // Billable lines that could not be priced have an unknown cost, never zero.
            const Quarantine q = r.lineQuarantine[li];
            if (billable && (q == Quarantine::MissingUsage || q == Quarantine::UnknownModel))
                ++unknown;
            else if (costCounts(line) && r.lineCostKnown[li])
                sum += r.lineCost[li];
        }
    }
    if (unknownCost)
        *unknownCost = unknown;
    return sum;
}

void LedgerLinesModel::rebuild()
{
    m_view.clear();
    m_rowOfLine.clear();
    if (!m_ws)
        return;
    const ReconcileResult &r = m_ws->result;
    const std::size_t lines = r.lineRow.size();
    const LedgerFilterMatcher match(*m_ws, m_filter);
    const LedgerAlignment &a = m_ws->alignment;
    const bool rowSet = match.hasRowSet();
    m_view.reserve(lines);
    for (std::size_t li = 0; li < lines; ++li) {
        if (!match.line(li))
            continue;
        if (rowSet && !match.lineRowMarked(li)) {
            // A variance item's provider records count for the line they joined.
            const std::int32_t ar = li < a.lineRequestRow.size() ? a.lineRequestRow[li] : -1;
            const std::int32_t pv = ar >= 0 ? a.requests.provider[static_cast<std::size_t>(ar)] : -1;
            if (!(m_filter.providerRowsAreRequests && pv >= 0 && match.providerRowMarked(static_cast<std::size_t>(pv))))
                continue;
        }
        m_view.push_back(static_cast<int>(li));
    }
    sortView();
}

void LedgerLinesModel::sortView()
{
    m_rowOfLine.assign(m_ws ? m_ws->result.lineRow.size() : 0, -1);
    if (!m_ws || m_view.empty()) {
        return;
    }
    const ReconcileResult &r = m_ws->result;
    const AttemptTable &c = m_ws->set.client;
    const StringPool &pool = m_ws->set.pool();
    const bool desc = m_sortOrder == Qt::DescendingOrder;
    auto sortBy = [&](auto key) {
        std::stable_sort(m_view.begin(), m_view.end(), [&](int a, int b) {
            return desc ? key(b) < key(a) : key(a) < key(b);
        });
    };
    auto rowOf = [&r](int li) { return r.lineRow[static_cast<std::size_t>(li)]; };
    auto str = [&pool](StringPool::Id id) { return pool.view(id); };
    switch (m_sortColumn) {
    case Time: sortBy([&](int li) { return c.timestamp[rowOf(li)]; }); break;
    case RequestId: sortBy([&](int li) { return std::make_pair(str(c.requestId[rowOf(li)]), c.attempt[rowOf(li)]); }); break;
    case Attempt: sortBy([&](int li) { return c.attempt[rowOf(li)]; }); break;
    case ApiKey: sortBy([&](int li) { return str(c.apiKey[rowOf(li)]); }); break;
    case ModelRequested: sortBy([&](int li) { return str(c.modelRequested[rowOf(li)]); }); break;
    case BillableModel: sortBy([&](int li) { return str(r.lineBillableModel[static_cast<std::size_t>(li)]); }); break;
    case Outcome: sortBy([&](int li) { return r.lineOutcome[static_cast<std::size_t>(li)]; }); break;
    case Treatment: sortBy([&](int li) { return r.lineTreatment[static_cast<std::size_t>(li)]; }); break;
    case InputTokens: sortBy([&](int li) { return c.inputTokens[rowOf(li)]; }); break;
    case CachedTokens: sortBy([&](int li) { return c.cachedTokens[rowOf(li)]; }); break;
    case OutputTokens: sortBy([&](int li) { return c.outputTokens[rowOf(li)]; }); break;
    case ReasoningTokens: sortBy([&](int li) { return c.reasoningTokens[rowOf(li)]; }); break;
    case Cost:
        sortBy([&](int li) {
            const auto i = static_cast<std::size_t>(li);
            return std::make_pair(r.lineCostKnown[i] ? 1 : 0, r.lineCost[i].raw());
        });
        break;
    case Status: sortBy([&](int li) { return static_cast<int>(r.lineQuarantine[static_cast<std::size_t>(li)]); }); break;
    case Category: sortBy([&](int li) { return static_cast<int>(r.lineCategory[static_cast<std::size_t>(li)]); }); break;
    case Source:
        sortBy([&](int li) { return std::make_pair(c.sourceFile[rowOf(li)], c.sourceLine[rowOf(li)]); });
        break;
    default: break;
    }
    for (std::size_t i = 0; i < m_view.size(); ++i)
        m_rowOfLine[static_cast<std::size_t>(m_view[i])] = static_cast<int>(i);
}

void LedgerLinesModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> lines;
    lines.reserve(static_cast<std::size_t>(before.size()));
    for (const QModelIndex &i : before)
        lines.push_back(i.isValid() ? lineAt(i.row()) : -1);
    m_sortColumn = column;
    m_sortOrder = order;
    sortView();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype k = 0; k < before.size(); ++k) {
        const int line = lines[static_cast<std::size_t>(k)];
        after << (line < 0 ? QModelIndex() : index(rowOfLine(line), before[k].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int LedgerLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_view.size());
}

int LedgerLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LedgerLinesModel::statusText(std::int8_t quarantine)
{
    const auto q = static_cast<Quarantine>(quarantine);
    if (q == Quarantine::None)
        return QString();
    return tr("quarantined: %1").arg(DisplayFormat::words(quarantineName(q)));
}

QVariant LedgerLinesModel::data(const QModelIndex &index, int role) const
{
    if (!m_ws || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReconcileResult &r = m_ws->result;
    const AttemptTable &c = m_ws->set.client;
    const StringPool &pool = m_ws->set.pool();
    const int line = lineAt(index.row());
    const auto li = static_cast<std::size_t>(line);
    const std::uint32_t row = r.lineRow[li];
    const Quarantine q = r.lineQuarantine[li];
    const VarianceCategory cat = r.lineCategory[li];
    const auto treatment = static_cast<tl::Treatment>(r.lineTreatment[li]);
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Time: return DisplayFormat::timestamp(c.timestamp[row]);
        case RequestId: return pool.string(c.requestId[row]);
        case Attempt: return c.attempt[row];
        case ApiKey: return pool.string(c.apiKey[row]);
        case ModelRequested: return pool.string(c.modelRequested[row]);
        case BillableModel: return r.lineBillableModel[li] ? pool.string(r.lineBillableModel[li]) : DisplayFormat::unknown();
        case Outcome: return DisplayFormat::words(outcomeName(static_cast<tl::Outcome>(r.lineOutcome[li])));
        case Treatment: return DisplayFormat::words(treatmentName(treatment));
        case InputTokens: return DisplayFormat::count(c.inputTokens[row]);
        case CachedTokens: return DisplayFormat::count(c.cachedTokens[row]);
        case OutputTokens: return DisplayFormat::count(c.outputTokens[row]);
        case ReasoningTokens: return DisplayFormat::count(c.reasoningTokens[row]);
        case Cost: return r.lineCostKnown[li] ? DisplayFormat::exact(r.lineCost[li], 2) : DisplayFormat::unknown();
        case Status: return statusText(static_cast<std::int8_t>(q));
        case Category: return cat == VarianceCategory::None ? QString() : DisplayFormat::words(varianceCategoryName(cat));
        case Source: {
            const std::uint32_t f = c.sourceFile[row];
            const QString name = f < m_ws->set.files.size() ? m_ws->set.files[f].report.fileName : QString();
            return QStringLiteral("%1:%2").arg(name).arg(c.sourceLine[row]);
        }
        default: return {};
        }
    case Qt::TextAlignmentRole:
        switch (column) {
        case Attempt: case InputTokens: case CachedTokens: case OutputTokens: case ReasoningTokens: case Cost:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default: return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::BackgroundRole:
        if (q != Quarantine::None)
            return LedgerColors::quarantineBackground();
        if (cat != VarianceCategory::None)
            return LedgerColors::categoryBackground(cat);
        return {};
    case Qt::ForegroundRole:
        if (column == Cost && (!r.lineCostKnown[li] || !costCounts(line)))
            return LedgerColors::mutedText();
        if (q != Quarantine::None || cat != VarianceCategory::None)
            return LedgerColors::onTintText();
        return {};
    case Qt::ToolTipRole:
        if (column == Cost) {
            if (q == Quarantine::MissingUsage)
                return tr("Cost unknown (not zero): the attempt has no token usage.");
            if (q != Quarantine::None)
                return tr("Not priced: %1").arg(statusText(static_cast<std::int8_t>(q)));
            if (!r.lineCostKnown[li])
                return tr("No cost: outcome treated as %1.").arg(DisplayFormat::words(treatmentName(treatment)));
            if (!costCounts(line))
                return tr("Estimated, but not in the billable total: outcome treated as %1.")
                    .arg(DisplayFormat::words(treatmentName(treatment)));
            return tr("Estimated from the client's tokens and the price snapshot (exact, unrounded).");
        }
        if (column == Source) {
            const std::uint32_t f = c.sourceFile[row];
            return f < m_ws->set.files.size() ? QStringLiteral("%1, line %2").arg(m_ws->set.files[f].report.path).arg(c.sourceLine[row])
                                              : QVariant();
        }
        if (column == Status && q != Quarantine::None)
            return tr("Quarantined rows are kept out of the estimate and listed for review.");
        return {};
    case LineRole: return line;
    case ClientRowRole: return static_cast<qulonglong>(row);
    default: return {};
    }
}

QVariant LedgerLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    const QString currency = m_ws ? m_ws->result.period.currency : QString();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Time: return tr("Time (UTC)");
        case RequestId: return tr("Request");
        case Attempt: return tr("Attempt");
        case ApiKey: return tr("API key");
        case ModelRequested: return tr("Model requested");
        case BillableModel: return tr("Billable model");
        case Outcome: return tr("Outcome");
        case Treatment: return tr("Treatment");
        case InputTokens: return tr("Input tokens");
        case CachedTokens: return tr("Cached");
        case OutputTokens: return tr("Output tokens");
        case ReasoningTokens: return tr("Reasoning");
        case Cost: return currency.isEmpty() ? tr("Estimated cost") : tr("Estimated cost (%1)").arg(currency);
        case Status: return tr("Status");
        case Category: return tr("Variance category");
        case Source: return tr("Source");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (section) {
        case Attempt: case InputTokens: case CachedTokens: case OutputTokens: case ReasoningTokens: case Cost:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default: return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role == Qt::ToolTipRole && section == Cost)
        return tr("Estimated: the client's token usage priced with the snapshot. Exact values, not rounded.");
    return {};
}

} // namespace tl
