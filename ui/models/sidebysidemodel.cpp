// SPDX-License-Identifier: Apache-2.0
#include "ui/models/sidebysidemodel.h"

#include "core/model/outcome.h"
#include "ui/models/displayformat.h"
#include "ui/models/ledgercolors.h"
#include "ui/models/ledgerfiltermatcher.h"

#include <QFont>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace tl {

namespace {

QColor absentBackground()
{
    return QColor(0xEE, 0xF0, 0xF3);
}

QColor differenceBackground()
{
    return QColor(0xFF, 0xD5, 0x80);
}

bool numeric(SideBySideModel::Field f)
{
    using M = SideBySideModel;
    switch (f) {
    case M::ClientAttempt: case M::ClientInput: case M::ClientOutput: case M::ClientCost:
    case M::GatewayInput: case M::GatewayOutput: case M::GatewayCost:
    case M::ProviderInput: case M::ProviderOutput: case M::ProviderCost:
    case M::ClientAttempts: case M::ClientBillable: case M::ClientRetries: case M::ClientQuarantined: case M::ClientEstimated:
    case M::GatewayAttempts: case M::GatewayCostSum: case M::ProviderRequests: case M::ProviderAmount: case M::CellVariance:
    case M::FinanceAmount:
        return true;
    default: return false;
    }
}

QString money(Decimal d)
{
    return DisplayFormat::exact(d, 2);
}

// "05-12 12:12:23": the year is the period's; the tooltip has the full time.
QString shortTime(UtcMicros t)
{
    return DisplayFormat::timestamp(t).mid(5);
}

// The other side's time relative to the client's: "+1.0 s", "-2 min".
QString offset(UtcMicros other, UtcMicros client)
{
    if (other == kNoTime || client == kNoTime)
        return DisplayFormat::unknown();
    const double s = static_cast<double>(other - client) / 1e6;
    const QString sign = s < 0 ? QStringLiteral("\u2212") : QStringLiteral("+");
    const double a = std::abs(s);
    if (a < 60)
        return sign + QLocale().toString(a, 'f', a < 10 ? 1 : 0) + QStringLiteral(" s");
    if (a < 3600)
        return sign + QLocale().toString(a / 60, 'f', 0) + QStringLiteral(" min");
    return sign + QLocale().toString(a / 3600, 'f', 1) + QStringLiteral(" h");
}

} // namespace

SideBySideModel::SideBySideModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    buildColumns();
}

void SideBySideModel::setWorkspace(std::shared_ptr<const Workspace> ws)
{
    beginResetModel();
    m_ws = std::move(ws);
    m_filter = LedgerFilter();
    buildColumns();
    rebuild();
    endResetModel();
    emit viewChanged();
}

void SideBySideModel::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    beginResetModel();
    m_mode = mode;
    m_sortField = mode == Mode::ByRequest ? ClientTime : CellKey;
    m_sortOrder = Qt::AscendingOrder;
    buildColumns();
    rebuild();
    endResetModel();
    emit viewChanged();
}

void SideBySideModel::setFilter(const LedgerFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    rebuild();
    endResetModel();
    emit viewChanged();
}

SideBySideModel::Side SideBySideModel::sideOf(Field f)
{
    switch (f) {
    case ClientTime: case ClientRequest: case ClientAttempt: case ClientKey: case ClientModel: case ClientInput:
    case ClientOutput: case ClientCost: case ClientOutcome:
    case ClientAttempts: case ClientBillable: case ClientRetries: case ClientQuarantined: case ClientEstimated:
        return Side::Client;
    case GatewayTime: case GatewayModel: case GatewayInput: case GatewayOutput: case GatewayCost:
    case GatewayAttempts: case GatewayCostSum:
        return Side::Gateway;
    case ProviderTime: case ProviderModel: case ProviderInput: case ProviderOutput: case ProviderCost:
    case ProviderRequests: case ProviderAmount:
        return Side::Provider;
    case FinanceDocument: case FinanceType: case FinanceAmount:
        return Side::Finance;
    default: return Side::None;
    }
}

QColor SideBySideModel::sideColor(Side side)
{
    switch (side) {
    case Side::Client: return QColor(0xD6, 0xE4, 0xF5);
    case Side::Gateway: return QColor(0xD9, 0xD4, 0xEC);
    case Side::Provider: return QColor(0xD5, 0xEE, 0xDC);
    case Side::Finance: return QColor(0xF1, 0xE2, 0xC9);
    case Side::None: break;
    }
    return QColor();
}

QString SideBySideModel::sideName(Side side)
{
    switch (side) {
    case Side::Client: return tr("Client");
    case Side::Gateway: return tr("Gateway");
    case Side::Provider: return tr("Provider");
    case Side::Finance: return tr("Finance");
    case Side::None: break;
    }
    return QString();
}

void SideBySideModel::buildColumns()
{
    m_columns.clear();
    const LedgerAlignment *a = m_ws ? &m_ws->alignment : nullptr;
    m_columns.push_back(State);
    if (m_mode == Mode::ByRequest) {
            m_columns.insert(m_columns.end(), {ClientTime, ClientRequest, ClientKey, ClientModel, ClientInput, ClientOutput, ClientCost});
        if (!a || a->hasGateway)
            m_columns.insert(m_columns.end(), {GatewayTime, GatewayModel, GatewayInput, GatewayOutput, GatewayCost});
        if (!a || a->hasProviderRequests)
            m_columns.insert(m_columns.end(), {ProviderTime, ProviderModel, ProviderInput, ProviderOutput, ProviderCost});
        // The client's outcome last: it explains a row, the columns before it compare the ledgers.
        m_columns.push_back(ClientOutcome);
    } else {
        m_columns.insert(m_columns.end(), {CellKey, CellDay, CellOwner, ClientAttempts, ClientBillable, ClientRetries,
                                           ClientQuarantined, ClientEstimated});
        if (!a || a->hasGateway)
            m_columns.insert(m_columns.end(), {GatewayAttempts, GatewayCostSum});
        m_columns.insert(m_columns.end(), {ProviderRequests, ProviderAmount, CellVariance});
        if (!a || a->hasFinance)
            m_columns.insert(m_columns.end(), {FinanceDocument, FinanceType, FinanceAmount});
    }
}

int SideBySideModel::columnOf(Field field) const
{
    const auto it = std::find(m_columns.begin(), m_columns.end(), field);
    return it == m_columns.end() ? -1 : static_cast<int>(it - m_columns.begin());
}

int SideBySideModel::totalRows() const
{
    if (!m_ws)
        return 0;
    return static_cast<int>(m_mode == Mode::ByRequest ? m_ws->alignment.requests.size() : m_ws->alignment.days.size());
}

int SideBySideModel::rowOfAligned(int alignedRow) const
{
    if (alignedRow < 0 || static_cast<std::size_t>(alignedRow) >= m_rowOfAligned.size())
        return -1;
    return m_rowOfAligned[static_cast<std::size_t>(alignedRow)];
}

MatchState SideBySideModel::stateAt(int row) const
{
    const auto i = static_cast<std::size_t>(alignedRowAt(row));
    return m_mode == Mode::ByRequest ? m_ws->alignment.requests.state[i] : m_ws->alignment.days.state[i];
}

void SideBySideModel::rebuild()
{
    m_view.clear();
    m_visibleStates.fill(0);
    if (!m_ws)
        return;
    const Workspace &ws = *m_ws;
    const LedgerAlignment &a = ws.alignment;
    const LedgerFilterMatcher match(ws, m_filter);
    const int wantState = m_filter.matchState;
    const bool rowSet = match.hasRowSet();
    const ReconcileResult &r = ws.result;

    if (m_mode == Mode::ByRequest) {
        const LedgerAlignment::RequestRows &q = a.requests;
        const AttemptTable &g = ws.set.gateway;
        const ProviderRequestTable &p = ws.set.providerRequests;
        m_view.reserve(q.size());
        for (std::size_t i = 0; i < q.size(); ++i) {
            if (wantState != LedgerFilter::Any && static_cast<int>(q.state[i]) != wantState)
                continue;
            const std::int32_t line = q.line[i], gw = q.gateway[i], pv = q.provider[i];
            // In the row set through its provider record or its gateway row (an alert's gateway rows).
            const bool pvMarked = (m_filter.providerRowsAreRequests && pv >= 0 && match.providerRowMarked(static_cast<std::size_t>(pv)))
                || (gw >= 0 && match.gatewayRowMarked(static_cast<std::size_t>(gw)));
            if (line >= 0) {
                const auto li = static_cast<std::size_t>(line);
                if (!match.line(li, false))
                    continue;
                if (rowSet && !match.lineRowMarked(li) && !pvMarked)
                    continue;
            } else {
                if (rowSet && !pvMarked)
                    continue;
                const StringPool::Id rid = gw >= 0 ? g.requestId[static_cast<std::size_t>(gw)] : (pv >= 0 ? p.requestId[static_cast<std::size_t>(pv)] : 0);
                const StringPool::Id resp = gw >= 0 ? g.responseId[static_cast<std::size_t>(gw)] : (pv >= 0 ? p.responseId[static_cast<std::size_t>(pv)] : 0);
                if (!match.record(q.key[i], q.model[i], q.day[i], {rid, resp}))
                    continue;
            }
            m_view.push_back(static_cast<int>(i));
            ++m_visibleStates[static_cast<std::size_t>(q.state[i])];
        }
    } else {
        const LedgerAlignment::DayRows &d = a.days;
        // Criteria that look inside a cell pass it when one of its lines (or, for a variance
        // item, one of its provider rows) passes them.
        std::vector<std::uint8_t> content;
        const bool byContent = match.needsCellContent();
        if (byContent) {
            content.assign(d.size(), 0);
            for (std::size_t li = 0; li < r.lineRow.size(); ++li) {
                const std::int32_t cell = li < a.lineDayRow.size() ? a.lineDayRow[li] : -1;
                if (cell < 0 || content[static_cast<std::size_t>(cell)])
                    continue;
                if (match.line(li, false) && (!rowSet || match.lineRowMarked(li)))
                    content[static_cast<std::size_t>(cell)] = 1;
            }
            if (match.hasProviderRows() && !m_filter.providerRowsAreRequests) {
                for (std::size_t i = 0; i < a.dailyDayRow.size(); ++i)
                    if (a.dailyDayRow[i] >= 0 && match.providerRowMarked(i))
                        content[static_cast<std::size_t>(a.dailyDayRow[i])] = 1;
            }
            if (match.hasProviderRows() && m_filter.providerRowsAreRequests) {
                for (std::size_t li = 0; li < a.lineRequestRow.size(); ++li) {
                    const std::int32_t ar = a.lineRequestRow[li];
                    const std::int32_t pv = ar >= 0 ? a.requests.provider[static_cast<std::size_t>(ar)] : -1;
                    if (pv >= 0 && match.providerRowMarked(static_cast<std::size_t>(pv)) && a.lineDayRow[li] >= 0)
                        content[static_cast<std::size_t>(a.lineDayRow[li])] = 1;
                }
            }
            // A text that names the key itself passes the key's cells without criteria on lines.
            if (match.byText() && !match.needsLine() && !rowSet && m_filter.model.isEmpty()) {
                for (std::size_t i = 0; i < d.size(); ++i)
                    if (match.textHit(d.key[i]))
                        content[i] = 1;
            }
        }
        m_view.reserve(d.size());
        for (std::size_t i = 0; i < d.size(); ++i) {
            if (wantState != LedgerFilter::Any && static_cast<int>(d.state[i]) != wantState)
                continue;
            if (!match.keyPasses(d.key[i]) || !match.dayPasses(d.day[i]) || !match.ownerPassesForKey(d.key[i]))
                continue;
            if (d.finance[i] >= 0) {
                // Finance lines answer key, day, owner and text (document, description, model).
                if (match.needsLine() || rowSet || !m_filter.model.isEmpty())
                    continue;
                if (match.byText()) {
                    const FinanceLine &f = ws.set.finance[static_cast<std::size_t>(d.finance[i])];
                    const QString t = m_filter.text.trimmed();
                    if (!f.documentId.contains(t, Qt::CaseInsensitive) && !f.description.contains(t, Qt::CaseInsensitive)
                        && !f.model.contains(t, Qt::CaseInsensitive) && !f.apiKeyName.contains(t, Qt::CaseInsensitive))
                        continue;
                }
            } else if (byContent && !content[i]) {
                continue;
            }
            m_view.push_back(static_cast<int>(i));
            ++m_visibleStates[static_cast<std::size_t>(d.state[i])];
        }
    }
    sortView();
}

void SideBySideModel::sortView()
{
    m_rowOfAligned.assign(static_cast<std::size_t>(totalRows()), -1);
    if (!m_ws || m_view.empty())
        return;
    const Workspace &ws = *m_ws;
    const LedgerAlignment &a = ws.alignment;
    const ReconcileResult &r = ws.result;
    const AttemptTable &c = ws.set.client;
    const AttemptTable &g = ws.set.gateway;
    const ProviderRequestTable &p = ws.set.providerRequests;
    const StringPool &pool = ws.set.pool();
    const bool desc = m_sortOrder == Qt::DescendingOrder;
    auto sortBy = [&](auto key) {
        std::stable_sort(m_view.begin(), m_view.end(), [&](int x, int y) { return desc ? key(y) < key(x) : key(x) < key(y); });
    };
    auto str = [&pool](StringPool::Id id) { return pool.view(id); };
    const std::int64_t none = std::numeric_limits<std::int64_t>::min();
    // Amounts: unknown ones first (ascending), then by value.
    auto amount = [&](auto get) {
        sortBy([&, get](int i) {
            const MaybeDecimal m = get(i);
            return std::make_pair(m.known ? 1 : 0, m.known ? m.value.raw() : Decimal::Raw(0));
        });
    };

    if (m_mode == Mode::ByRequest) {
        const LedgerAlignment::RequestRows &q = a.requests;
        auto row = [&](int i) { return r.lineRow[static_cast<std::size_t>(q.line[static_cast<std::size_t>(i)])]; };
        auto hasLine = [&](int i) { return q.line[static_cast<std::size_t>(i)] >= 0; };
        auto gw = [&](int i) { return q.gateway[static_cast<std::size_t>(i)]; };
        auto pv = [&](int i) { return q.provider[static_cast<std::size_t>(i)]; };
        auto ln = [&](int i) { return q.line[static_cast<std::size_t>(i)]; };
        // A column of the side's record (side: ln, gw or pv); rows without one sort first.
        auto tokens = [&](auto side, const auto &column) {
            sortBy([&, side](int i) -> std::int64_t { return side(i) < 0 ? none : std::int64_t(column[static_cast<std::size_t>(side(i))]); });
        };
        // at(k): the amount of row k of that side's ledger, known or not.
        auto cost = [&](auto side, auto at) {
            amount([&, side, at](int i) {
                const std::int32_t k = side(i);
                return k < 0 ? MaybeDecimal{} : at(static_cast<std::size_t>(k));
            });
        };
        switch (m_sortField) {
        case State: sortBy([&](int i) { return std::make_pair(static_cast<int>(q.state[static_cast<std::size_t>(i)]), q.time[static_cast<std::size_t>(i)]); }); break;
        case ClientTime: case GatewayTime: case ProviderTime: sortBy([&](int i) { return q.time[static_cast<std::size_t>(i)]; }); break;
        case ClientRequest:
            sortBy([&](int i) {
                if (hasLine(i))
                    return std::make_pair(str(c.requestId[row(i)]), c.attempt[row(i)]);
                return std::make_pair(std::string_view(gw(i) >= 0 ? str(g.requestId[static_cast<std::size_t>(gw(i))]) : std::string_view()), 0);
            });
            break;
        case ClientAttempt: sortBy([&](int i) { return hasLine(i) ? c.attempt[row(i)] : 0; }); break;
        case ClientKey: sortBy([&](int i) { return str(q.key[static_cast<std::size_t>(i)]); }); break;
        case ClientModel: case GatewayModel: case ProviderModel: sortBy([&](int i) { return str(q.model[static_cast<std::size_t>(i)]); }); break;
        case ClientInput: sortBy([&](int i) -> std::int64_t { return hasLine(i) ? std::int64_t(c.inputTokens[row(i)]) : none; }); break;
        case ClientOutput: sortBy([&](int i) -> std::int64_t { return hasLine(i) ? std::int64_t(c.outputTokens[row(i)]) : none; }); break;
        case ClientCost: cost(ln, [&](std::size_t k) { return MaybeDecimal{r.lineCost[k], r.lineCostKnown[k] != 0}; }); break;
        case ClientOutcome:
            sortBy([&](int i) {
                const std::int32_t li = ln(i);
                return li < 0 ? -2 : static_cast<int>(r.lineOutcome[static_cast<std::size_t>(li)]);
            });
            break;
        case GatewayInput: tokens(gw, g.inputTokens); break;
        case GatewayOutput: tokens(gw, g.outputTokens); break;
        case GatewayCost:
            cost(gw, [&](std::size_t k) { return g.reportedCostKnown(k) ? MaybeDecimal{g.reportedCostAt(k), true} : MaybeDecimal{}; });
            break;
        case ProviderInput: tokens(pv, p.inputTokens); break;
        case ProviderOutput: tokens(pv, p.outputTokens); break;
        case ProviderCost: cost(pv, [&](std::size_t k) { return MaybeDecimal{p.cost[k], p.costKnown[k] != 0}; }); break;
        default: break;
        }
    } else {
        const LedgerAlignment::DayRows &d = a.days;
        auto dc = [&](int i) -> const DayCount * {
            const std::int32_t k = d.dayCount[static_cast<std::size_t>(i)];
            return k < 0 ? nullptr : &r.dayCounts[static_cast<std::size_t>(k)];
        };
        auto count = [&](auto member) {
            sortBy([&, member](int i) { return dc(i) ? dc(i)->*member : none; });
        };
        switch (m_sortField) {
        case State: sortBy([&](int i) { return static_cast<int>(d.state[static_cast<std::size_t>(i)]); }); break;
        // Invoice lines after the key·day rows, whichever way.
        case CellKey:
            sortBy([&](int i) {
                const auto k = static_cast<std::size_t>(i);
                return std::make_tuple(d.finance[k] >= 0, str(d.key[k]), d.day[k]);
            });
            break;
        case CellDay:
            sortBy([&](int i) {
                const auto k = static_cast<std::size_t>(i);
                return std::make_tuple(d.finance[k] >= 0, d.day[k], str(d.key[k]));
            });
            break;
        case CellOwner:
            sortBy([&](int i) {
                const StringPool::Id k = d.key[static_cast<std::size_t>(i)];
                const std::int32_t o = k < a.keyOwner.size() ? a.keyOwner[k] : -1;
                return o;
            });
            break;
        case ClientAttempts: count(&DayCount::clientAttempts); break;
        case ClientBillable: count(&DayCount::clientBillable); break;
        case GatewayAttempts: count(&DayCount::gatewayAttempts); break;
        case ProviderRequests: count(&DayCount::providerRequests); break;
        case ClientRetries: sortBy([&](int i) { return d.retries[static_cast<std::size_t>(i)]; }); break;
        case ClientQuarantined: sortBy([&](int i) { return d.quarantined[static_cast<std::size_t>(i)]; }); break;
        case ClientEstimated: amount([&](int i) { return dc(i) ? MaybeDecimal{dc(i)->estimated, true} : MaybeDecimal{}; }); break;
        case ProviderAmount: amount([&](int i) { return dc(i) ? dc(i)->provider : MaybeDecimal{}; }); break;
        case GatewayCostSum:
            amount([&](int i) {
                const auto k = static_cast<std::size_t>(i);
                return MaybeDecimal{d.gatewayCost[k], d.gatewayCostKnown[k] != 0};
            });
            break;
        case CellVariance:
            amount([&](int i) {
                const auto k = static_cast<std::size_t>(i);
                return MaybeDecimal{d.variance[k], d.varianceKnown[k] != 0};
            });
            break;
        case FinanceDocument: case FinanceType: case FinanceAmount:
            amount([&](int i) {
                const std::int32_t f = d.finance[static_cast<std::size_t>(i)];
                return f < 0 ? MaybeDecimal{} : MaybeDecimal{ws.set.finance[static_cast<std::size_t>(f)].amount, true};
            });
            break;
        default: break;
        }
    }
    for (std::size_t i = 0; i < m_view.size(); ++i)
        m_rowOfAligned[static_cast<std::size_t>(m_view[i])] = static_cast<int>(i);
}

void SideBySideModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount())
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> aligned;
    aligned.reserve(static_cast<std::size_t>(before.size()));
    for (const QModelIndex &i : before)
        aligned.push_back(i.isValid() ? alignedRowAt(i.row()) : -1);
    m_sortField = fieldAt(column);
    m_sortOrder = order;
    sortView();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype k = 0; k < before.size(); ++k) {
        const int al = aligned[static_cast<std::size_t>(k)];
        after << (al < 0 ? QModelIndex() : index(rowOfAligned(al), before[k].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int SideBySideModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_view.size());
}

int SideBySideModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

bool SideBySideModel::sideMissing(Side side, int aligned) const
{
    const LedgerAlignment &a = m_ws->alignment;
    const auto i = static_cast<std::size_t>(aligned);
    if (m_mode == Mode::ByRequest) {
        switch (side) {
        case Side::Client: return a.requests.line[i] < 0;
        case Side::Gateway: return a.requests.gateway[i] < 0;
        case Side::Provider: return a.requests.provider[i] < 0;
        default: return false;
        }
    }
    // An invoice line has no client, gateway or provider side, and a key·day row no finance
    // side: not applicable is not a gap.
    const std::int32_t k = a.days.dayCount[i];
    if (side == Side::Finance || k < 0)
        return false;
    const DayCount &dc = m_ws->result.dayCounts[static_cast<std::size_t>(k)];
    switch (side) {
    case Side::Client: return dc.clientAttempts == 0;
    case Side::Gateway: return dc.gatewayAttempts == 0;
    case Side::Provider: return !dc.provider.known && dc.providerRequests < 0;
    default: return false;
    }
}

bool SideBySideModel::differs(Field f, int aligned) const
{
    if (m_mode != Mode::ByRequest)
        return f == CellVariance && m_ws->alignment.days.state[static_cast<std::size_t>(aligned)] == MatchState::AmountDifference;
    const std::uint8_t diff = m_ws->alignment.requests.diff[static_cast<std::size_t>(aligned)];
    switch (f) {
    case GatewayModel: return diff & LedgerAlignment::GatewayModel;
    case GatewayInput: case GatewayOutput: return diff & LedgerAlignment::GatewayTokens;
    case ProviderModel: return diff & LedgerAlignment::ProviderModel;
    case ProviderInput: case ProviderOutput: return diff & LedgerAlignment::ProviderTokens;
    default: return false;
    }
}

QVariant SideBySideModel::display(Field f, int aligned) const
{
    const Workspace &ws = *m_ws;
    const LedgerAlignment &a = ws.alignment;
    const ReconcileResult &r = ws.result;
    const AttemptTable &c = ws.set.client;
    const AttemptTable &g = ws.set.gateway;
    const ProviderRequestTable &p = ws.set.providerRequests;
    const StringPool &pool = ws.set.pool();
    const auto i = static_cast<std::size_t>(aligned);

    if (f == State)
        return MatchStates::shortTitle(m_mode == Mode::ByRequest ? a.requests.state[i] : a.days.state[i]);

    if (m_mode == Mode::ByRequest) {
        const std::int32_t line = a.requests.line[i], gw = a.requests.gateway[i], pv = a.requests.provider[i];
        const Side side = sideOf(f);
        if ((side == Side::Client && line < 0) || (side == Side::Gateway && gw < 0) || (side == Side::Provider && pv < 0))
            return QVariant();
        const auto li = static_cast<std::size_t>(std::max(line, 0));
        const std::size_t row = line >= 0 ? r.lineRow[li] : 0;
        const auto gi = static_cast<std::size_t>(std::max(gw, 0));
        const auto pi = static_cast<std::size_t>(std::max(pv, 0));
        switch (f) {
        case ClientTime: return shortTime(c.timestamp[row]);
        case ClientRequest:
            return c.attempt[row] > 1 ? QStringLiteral("%1 #%2").arg(pool.string(c.requestId[row])).arg(c.attempt[row])
                                      : pool.string(c.requestId[row]);
        case ClientAttempt: return c.attempt[row];
        case ClientKey: return pool.string(c.apiKey[row]);
        case ClientModel: return r.lineBillableModel[li] ? pool.string(r.lineBillableModel[li]) : pool.string(c.modelRequested[row]);
        case ClientInput: return DisplayFormat::count(c.inputTokens[row]);
        case ClientOutput: return DisplayFormat::count(c.outputTokens[row]);
        case ClientCost: return r.lineCostKnown[li] ? money(r.lineCost[li]) : DisplayFormat::unknown();
        case ClientOutcome: {
            const QString o = DisplayFormat::words(outcomeName(static_cast<Outcome>(r.lineOutcome[li])));
            const auto q = r.lineQuarantine[li];
            return q == Quarantine::None ? o : tr("%1 (quarantined: %2)").arg(o, DisplayFormat::words(quarantineName(q)));
        }
        case GatewayTime: return line >= 0 ? offset(g.timestamp[gi], c.timestamp[row]) : shortTime(g.timestamp[gi]);
        case GatewayModel: return pool.string(g.modelBilled[gi] ? g.modelBilled[gi] : g.modelRequested[gi]);
        case GatewayInput: return DisplayFormat::count(g.inputTokens[gi]);
        case GatewayOutput: return DisplayFormat::count(g.outputTokens[gi]);
        case GatewayCost: return g.reportedCostKnown(gi) ? money(g.reportedCostAt(gi)) : DisplayFormat::unknown();
        case ProviderTime: return line >= 0 ? offset(p.timestamp[pi], c.timestamp[row]) : shortTime(p.timestamp[pi]);
        case ProviderModel: return pool.string(p.upstreamModel[pi] ? p.upstreamModel[pi] : p.model[pi]);
        case ProviderInput: return DisplayFormat::count(p.inputTokens[pi]);
        case ProviderOutput: return DisplayFormat::count(p.outputTokens[pi]);
        case ProviderCost: return p.costKnown[pi] ? money(p.cost[pi]) : DisplayFormat::unknown();
        default: return QVariant();
        }
    }

    const LedgerAlignment::DayRows &d = a.days;
    const std::int32_t k = d.dayCount[i];
    const std::int32_t fi = d.finance[i];
    switch (f) {
    case CellKey: return d.key[i] ? pool.string(d.key[i]) : (fi >= 0 ? tr("(account)") : QString());
    case CellDay: return d.day[i] == LedgerAlignment::NoDay ? DisplayFormat::unknown() : DisplayFormat::day(d.day[i]);
    case CellOwner: {
        const StringPool::Id key = d.key[i];
        const std::int32_t o = key < a.keyOwner.size() ? a.keyOwner[key] : -1;
        return o >= 0 ? a.owners.at(o) : QString();
    }
    default: break;
    }
    if (fi >= 0) {
        const FinanceLine &fl = ws.set.finance[static_cast<std::size_t>(fi)];
        switch (f) {
        case FinanceDocument: return fl.documentId;
        case FinanceType: return fl.description.isEmpty() ? DisplayFormat::words(financeLineTypeName(fl.lineType))
                                                          : QStringLiteral("%1: %2").arg(DisplayFormat::words(financeLineTypeName(fl.lineType)), fl.description);
        case FinanceAmount: return money(fl.amount);
        default: return QVariant();
        }
    }
    if (k < 0)
        return QVariant();
    const DayCount &dc = r.dayCounts[static_cast<std::size_t>(k)];
    switch (f) {
    case ClientAttempts: return DisplayFormat::count(dc.clientAttempts);
    case ClientBillable: return DisplayFormat::count(dc.clientBillable);
    case ClientRetries: return DisplayFormat::count(d.retries[i]);
    case ClientQuarantined: return DisplayFormat::count(d.quarantined[i]);
    case ClientEstimated: return dc.clientAttempts > 0 ? money(dc.estimated) : QString();
    case GatewayAttempts: return DisplayFormat::count(dc.gatewayAttempts);
    case GatewayCostSum: return d.gatewayCostKnown[i] ? money(d.gatewayCost[i]) : QString();
    case ProviderRequests: return dc.providerRequests < 0 ? QString() : DisplayFormat::count(dc.providerRequests);
    case ProviderAmount: return dc.provider.known ? money(dc.provider.value) : DisplayFormat::unknown();
    case CellVariance: return d.varianceKnown[i] ? DisplayFormat::localizeDigits(d.variance[i].toString(), QLocale(), true) : QString();
    default: return QVariant();
    }
}

QVariant SideBySideModel::data(const QModelIndex &index, int role) const
{
    if (!m_ws || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int aligned = alignedRowAt(index.row());
    const Field f = fieldAt(index.column());
    const Side side = sideOf(f);
    const auto i = static_cast<std::size_t>(aligned);
    const MatchState state = m_mode == Mode::ByRequest ? m_ws->alignment.requests.state[i] : m_ws->alignment.days.state[i];

    switch (role) {
    case Qt::DisplayRole: return display(f, aligned);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(numeric(f) ? (Qt::AlignRight | Qt::AlignVCenter) : (Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::BackgroundRole: {
        if (side != Side::None && sideMissing(side, aligned))
            return absentBackground();
        if (differs(f, aligned))
            return differenceBackground();
        const QColor tint = MatchStates::background(state);
        return tint.isValid() ? QVariant(tint) : QVariant();
    }
    case Qt::ForegroundRole:
        if (state == MatchState::NotBilled)
            return LedgerColors::mutedText();
        return LedgerColors::onTintText();
    case Qt::FontRole:
        if (differs(f, aligned) || f == State) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (f == State)
            return QStringLiteral("<b>%1</b>: %2").arg(MatchStates::title(state), MatchStates::description(state));
        if (side != Side::None && sideMissing(side, aligned))
            return tr("Nothing in the %1 ledger for this row.").arg(sideName(side).toLower());
        if (differs(f, aligned))
            return tr("Differs from the client's value.");
        if (m_mode == Mode::ByRequest && (f == ClientTime || f == GatewayTime || f == ProviderTime)) {
            const auto &q = m_ws->alignment.requests;
            const std::int32_t k = f == ClientTime ? q.line[i] : f == GatewayTime ? q.gateway[i] : q.provider[i];
            if (k < 0)
                return {};
            const auto kk = static_cast<std::size_t>(k);
            const UtcMicros t = f == ClientTime ? m_ws->set.client.timestamp[m_ws->result.lineRow[kk]]
                : f == GatewayTime              ? m_ws->set.gateway.timestamp[kk]
                                                : m_ws->set.providerRequests.timestamp[kk];
            return f == ClientTime || q.line[i] < 0 ? tr("%1 UTC").arg(DisplayFormat::timestamp(t))
                                                    : tr("%1 UTC, relative to the client's time").arg(DisplayFormat::timestamp(t));
        }
        if (f == ClientRequest)
            return display(f, aligned);
        if (f == ClientCost || f == ClientEstimated)
            return tr("Estimated: the client's usage priced with the snapshot, exact.");
        if (f == ProviderCost || f == ProviderAmount)
            return tr("Provider-reported (reconciled), exact.");
        if (f == CellVariance)
            return tr("Provider-reported minus estimated for this key and day: the sum of its attributed variance items.");
        return {};
    case StateRole: return static_cast<int>(state);
    case AlignedRowRole: return aligned;
    case LineRole: return m_mode == Mode::ByRequest ? m_ws->alignment.requests.line[i] : -1;
    case SideRole: return static_cast<int>(side);
    case GroupStartRole: return index.column() > 0 && sideOf(fieldAt(index.column() - 1)) != side;
    case SideMissingRole: return side != Side::None && sideMissing(side, aligned);
    case DifferenceRole: return differs(f, aligned);
    default: return {};
    }
}

QVariant SideBySideModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (section < 0 || section >= columnCount())
        return {};
    const Field f = fieldAt(section);
    const Side side = sideOf(f);
    const QString cur = m_ws ? m_ws->result.period.currency : QString();
    auto name = [&]() -> QString {
        switch (f) {
        case State: return tr("Match");
        case ClientTime: return tr("Time (UTC)");
        case GatewayTime: case ProviderTime: return tr("Time \u0394");
        case ClientRequest: return tr("Request");
        case ClientAttempt: return tr("Att.");
        case ClientKey: return tr("API key");
        case ClientModel: return tr("Billable model");
        case GatewayModel: case ProviderModel: return tr("Model");
        case ClientInput: case GatewayInput: case ProviderInput: return tr("In");
        case ClientOutput: case GatewayOutput: case ProviderOutput: return tr("Out");
        case ClientCost: return tr("Estimated");
        case ClientOutcome: return tr("Outcome");
        case GatewayCost: return tr("Own cost");
        case ProviderCost: return tr("Cost (reconciled)");
        case CellKey: return tr("API key");
        case CellDay: return tr("Day");
        case CellOwner: return tr("Owner");
        case ClientAttempts: return tr("Attempts");
        case ClientBillable: return tr("Billable");
        case ClientRetries: return tr("Retries");
        case ClientQuarantined: return tr("Quarant.");
        case ClientEstimated: return tr("Estimated");
        case GatewayAttempts: return tr("Attempts");
        case GatewayCostSum: return tr("Own cost");
        case ProviderRequests: return tr("Requests");
        case ProviderAmount: return tr("Reconciled");
        case CellVariance: return tr("Variance");
        case FinanceDocument: return tr("Document");
        case FinanceType: return tr("Line");
        case FinanceAmount: return tr("Amount");
        default: return QString();
        }
    };
    switch (role) {
    case Qt::DisplayRole: {
        const QString n = name();
        if (side == Side::None)
            return f == CellVariance ? QStringLiteral("\n%1 (%2)").arg(n, cur) : QStringLiteral("\n%1").arg(n);
        const bool money = f == ClientCost || f == GatewayCost || f == ProviderCost || f == ClientEstimated || f == GatewayCostSum
            || f == ProviderAmount || f == FinanceAmount;
        return QStringLiteral("%1\n%2").arg(sideName(side), money && !cur.isEmpty() ? QStringLiteral("%1 (%2)").arg(n, cur) : n);
    }
    case Qt::BackgroundRole: {
        const QColor c = sideColor(side);
        return c.isValid() ? QVariant(c) : QVariant();
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(numeric(f) ? (Qt::AlignRight | Qt::AlignVCenter) : (Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        if (f == State)
            return tr("How the ledgers agree on this row: matched, missing on one side, a token or model difference, a retry, "
                      "a quarantined line.");
        if (side == Side::Finance)
            return tr("Invoice and statement lines: per document, listed at their document date.");
        return {};
    case SideRole: return static_cast<int>(side);
    default: return {};
    }
}

} // namespace tl
