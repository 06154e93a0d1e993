// SPDX-License-Identifier: Apache-2.0
#include "ui/models/ledgerlinesmodel.h"

#include "core/model/outcome.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"
#include "ui/models/ledgerfiltermatcher.h"
#include "ui/models/viewsorter.h"

#include <QColor>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <tuple>

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
    const bool providerRowsAreRequests = m_filter.providerRowsAreRequests;
    auto collect = [&](std::size_t from, std::size_t to, std::vector<int> &out) {
        for (std::size_t li = from; li < to; ++li) {
            if (!match.line(li))
                continue;
            if (rowSet && !match.lineRowMarked(li)) {
                // A variance item's provider records count for the line they joined.
                const std::int32_t ar = li < a.lineRequestRow.size() ? a.lineRequestRow[li] : -1;
                const std::int32_t pv = ar >= 0 ? a.requests.provider[static_cast<std::size_t>(ar)] : -1;
                if (!(providerRowsAreRequests && pv >= 0 && match.providerRowMarked(static_cast<std::size_t>(pv))))
                    continue;
            }
            out.push_back(static_cast<int>(li));
        }
    };
    m_view.reserve(lines);
    // Millions of lines: the second half on another thread (the matcher and the workspace are
    // only read), appended in order, so the view is the same as from one pass.
    constexpr std::size_t kParallelFrom = 1 << 16;
    if (lines >= kParallelFrom && QThreadPool::globalInstance()->maxThreadCount() > 1) {
        const std::size_t mid = lines / 2;
        std::vector<int> second;
        second.reserve(lines - mid);
        QFuture<void> other = QtConcurrent::run([&] { collect(mid, lines, second); });
        collect(0, mid, m_view);
        other.waitForFinished();
        m_view.insert(m_view.end(), second.begin(), second.end());
    } else {
        collect(0, lines, m_view);
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
    const std::size_t n = m_view.size();
    // One integer key per visible line, gathered once; ViewSorter reorders the view by it
    // stably, so ties keep the current order (as a std::stable_sort with the column's
    // comparator did). Descending is the complemented key: ties still keep their order.
    std::vector<std::uint64_t> keys(n);
    auto rowOf = [&r](int li) { return r.lineRow[static_cast<std::size_t>(li)]; };
    auto byValue = [&](auto value) {
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = ViewSorter::signedKey(static_cast<std::int64_t>(value(m_view[i])));
    };
    // Strings sort by their bytes: by the rank of each distinct pooled string.
    auto byString = [&](auto idOf, auto low) {
        std::vector<StringPool::Id> ids(n);
        for (std::size_t i = 0; i < n; ++i)
            ids[i] = idOf(m_view[i]);
        const std::vector<std::uint32_t> rank = ViewSorter::stringRanks(pool, ids);
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = (static_cast<std::uint64_t>(rank[ids[i]]) << 32) | low(m_view[i]);
    };
    auto none = [](int) { return std::uint32_t(0); };
    switch (m_sortColumn) {
    case Time: byValue([&](int li) { return c.timestamp[rowOf(li)]; }); break;
    case RequestId:
        byString([&](int li) { return c.requestId[rowOf(li)]; },
                 [&](int li) { return static_cast<std::uint32_t>(c.attempt[rowOf(li)]) ^ 0x80000000u; });
        break;
    case Attempt: byValue([&](int li) { return c.attempt[rowOf(li)]; }); break;
    case ApiKey: byString([&](int li) { return c.apiKey[rowOf(li)]; }, none); break;
    case ModelRequested: byString([&](int li) { return c.modelRequested[rowOf(li)]; }, none); break;
    case BillableModel: byString([&](int li) { return r.lineBillableModel[static_cast<std::size_t>(li)]; }, none); break;
    case Outcome: byValue([&](int li) { return r.lineOutcome[static_cast<std::size_t>(li)]; }); break;
    case Treatment: byValue([&](int li) { return r.lineTreatment[static_cast<std::size_t>(li)]; }); break;
    case InputTokens: byValue([&](int li) { return c.inputTokens[rowOf(li)]; }); break;
    case CachedTokens: byValue([&](int li) { return c.cachedTokens[rowOf(li)]; }); break;
    case OutputTokens: byValue([&](int li) { return c.outputTokens[rowOf(li)]; }); break;
    case ReasoningTokens: byValue([&](int li) { return c.reasoningTokens[rowOf(li)]; }); break;
    case Cost:
        if (!costKeys(keys)) {
            // Costs too far apart for one 64-bit key: (known, exact amount) pairs, still contiguous.
            struct Keyed { Decimal::Raw raw; int line; bool known; };
            std::vector<Keyed> keyed(n);
            for (std::size_t i = 0; i < n; ++i) {
                const auto li = static_cast<std::size_t>(m_view[i]);
                keyed[i] = {r.lineCost[li].raw(), m_view[i], r.lineCostKnown[li] != 0};
            }
            std::stable_sort(keyed.begin(), keyed.end(), [desc](const Keyed &a, const Keyed &b) {
                return desc ? std::tie(b.known, b.raw) < std::tie(a.known, a.raw) : std::tie(a.known, a.raw) < std::tie(b.known, b.raw);
            });
            for (std::size_t i = 0; i < n; ++i)
                m_view[i] = keyed[i].line;
            keys.clear();
        }
        break;
    case Status: byValue([&](int li) { return static_cast<int>(r.lineQuarantine[static_cast<std::size_t>(li)]); }); break;
    case Category: byValue([&](int li) { return static_cast<int>(r.lineCategory[static_cast<std::size_t>(li)]); }); break;
    case Source:
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t row = rowOf(m_view[i]);
            keys[i] = (static_cast<std::uint64_t>(c.sourceFile[row]) << 32) | c.sourceLine[row];
        }
        break;
    default: keys.clear(); break;
    }
    if (keys.size() == n) {
        if (desc)
            for (std::uint64_t &k : keys)
                k = ~k;
        ViewSorter::sortByKeys(m_view, keys);
    }
    for (std::size_t i = 0; i < m_view.size(); ++i)
        m_rowOfLine[static_cast<std::size_t>(m_view[i])] = static_cast<int>(i);
}

bool LedgerLinesModel::costKeys(std::vector<std::uint64_t> &keys) const
{
    // The order is (known, exact amount): unknown costs before every known one when ascending.
    // When the amounts span less than 2^63 units, known on top of (amount - least) is one
    // 64-bit key with that order.
    const ReconcileResult &r = m_ws->result;
    Decimal::Raw lo = r.lineCost[static_cast<std::size_t>(m_view[0])].raw(), hi = lo;
    for (const int li : m_view) {
        const Decimal::Raw v = r.lineCost[static_cast<std::size_t>(li)].raw();
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    using Unsigned = unsigned __int128;
    constexpr std::uint64_t top = std::uint64_t(1) << 63;
    if (static_cast<Unsigned>(hi) - static_cast<Unsigned>(lo) >= top)
        return false;
    for (std::size_t i = 0; i < m_view.size(); ++i) {
        const auto li = static_cast<std::size_t>(m_view[i]);
        const auto offset = static_cast<std::uint64_t>(static_cast<Unsigned>(r.lineCost[li].raw()) - static_cast<Unsigned>(lo));
        keys[i] = (r.lineCostKnown[li] ? top : 0) | offset;
    }
    return true;
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
