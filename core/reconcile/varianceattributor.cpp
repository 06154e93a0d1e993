// SPDX-License-Identifier: Apache-2.0
#include "core/reconcile/varianceattributor.h"

#include "core/util/timeutil.h"

#include <QDateTime>

#include <cstring>
#include <tuple>

namespace tl {

void VarianceAttributor::add(VarianceCategory c, StringPool::Id key, DayNumber day, Decimal amount,
                             std::vector<std::uint32_t> lines, std::vector<std::uint32_t> providerRows,
                             bool providerRowsAreRequests)
{
    if (amount.isZero() && lines.empty() && providerRows.empty())
        return;
    for (std::uint32_t li : lines)
        m_result.lineCategory[li] = c;
    VarianceItem item;
    item.category = c;
    item.apiKey = key;
    item.day = day;
    item.amount = amount;
    item.clientRows.reserve(lines.size());
    for (std::uint32_t li : lines)
        item.clientRows.push_back(m_result.lineRow[li]);
    item.providerRows = std::move(providerRows);
    item.providerRowsAreRequests = providerRowsAreRequests;
    m_result.variance_items.push_back(std::move(item));
}

bool VarianceAttributor::inPostingWindow(DayNumber day, const Context &ctx) const
{
    if (ctx.observedAt == kNoTime)
        return false;
    // The day's end (in the provider's zone) falls after the start of the posting window
    // before the observation: the provider may not show that day's usage yet.
    const QDateTime end(timeutil::dateFromDay(day + 1), QTime(0, 0), ctx.dayTz);
    const UtcMicros dayEnd = end.toMSecsSinceEpoch() * 1000;
    return dayEnd > ctx.observedAt - ctx.postingWindowMicros;
}

void VarianceAttributor::attributeDaily(std::vector<KeyDayCell> &cells, const Context &ctx)
{
    for (KeyDayCell &cell : cells) {
        const Decimal providerAmount = cell.hasProvider ? cell.provider : Decimal();
        Decimal residual = providerAmount - cell.estimated;
        const std::vector<std::uint32_t> noLines;

        // A key the client never used in the period: all of it is usage the client did not log.
        if (!ctx.clientKeys.contains(cell.key)) {
            add(VarianceCategory::MissingInClient, cell.key, cell.day, residual, {}, cell.providerRows);
            continue;
        }
        // Nothing reported for the day: late posting when inside the window, else missing.
        if (!cell.hasProvider) {
            if (!residual.isZero() || !cell.billable.empty())
                add(inPostingWindow(cell.day, ctx) ? VarianceCategory::PostingDelay : VarianceCategory::MissingInProvider,
                    cell.key, cell.day, residual, cell.billable);
            continue;
        }
        const qint64 n = cell.providerRequests;
        const Decimal tolerance = ctx.toleranceUnit.mulInt(std::max<qint64>(n, 1));
        if (residual.abs() <= tolerance) {
            if (!residual.isZero())
                add(VarianceCategory::Rounding, cell.key, cell.day, residual, {}, cell.providerRows);
            continue;
        }
        qint64 excess = n >= 0 ? n - static_cast<qint64>(cell.billable.size()) : 0;
        if (residual.signum() > 0 && excess > 0) {
            // The provider counted more requests than the client priced: charge them to the
            // client lines it may have billed, most likely first.
            static const VarianceCategory kinds[4] = {VarianceCategory::MissingUsage, VarianceCategory::TimeoutAmbiguity,
                                                      VarianceCategory::UnverifiedOutcome, VarianceCategory::RetryAmplification};
            struct Take
            {
                int kind;
                std::uint32_t line;
                bool known;
                Decimal estimate;
            };
            std::vector<Take> taken;
            for (int k = 0; k < 4 && excess > 0; ++k) {
                for (std::uint32_t li : cell.candidates[static_cast<std::size_t>(k)]) {
                    if (excess == 0)
                        break;
                    taken.push_back({k, li, m_result.lineCostKnown[li] != 0, m_result.lineCost[li]});
                    --excess;
                }
            }
            std::array<Decimal, 4> amount{};
            std::array<std::vector<std::uint32_t>, 4> lines;
            int unknownCount = 0;
            for (const Take &t : taken) {
                lines[static_cast<std::size_t>(t.kind)].push_back(t.line);
                if (!t.known) {
                    ++unknownCount;
                    continue;
                }
                const Decimal part = std::min(t.estimate, residual);
                if (part.signum() > 0) {
                    amount[static_cast<std::size_t>(t.kind)] += part;
                    residual -= part;
                }
            }
            // Lines with no cost of their own share what is left, by count; the remainder of
            // the integer split goes to the first, so the parts add up exactly.
            if (unknownCount > 0 && residual.signum() > 0 && excess == 0) {
                const Decimal share = residual.divInt(unknownCount, RoundingMode::Down);
                Decimal given;
                bool first = true;
                std::size_t firstKind = 0;
                for (const Take &t : taken) {
                    if (t.known)
                        continue;
                    if (first) {
                        firstKind = static_cast<std::size_t>(t.kind);
                        first = false;
                    }
                    amount[static_cast<std::size_t>(t.kind)] += share;
                    given += share;
                }
                amount[firstKind] += residual - given;
                residual = Decimal();
            } else if (unknownCount > 0 && residual.signum() > 0) {
                // Still more provider requests than candidates: the unknown-cost lines get an
                // equal share of what is left per remaining request, the rest is missing in client.
                const Decimal share = residual.divInt(unknownCount + excess, RoundingMode::Down);
                for (const Take &t : taken) {
                    if (t.known)
                        continue;
                    amount[static_cast<std::size_t>(t.kind)] += share;
                    residual -= share;
                }
            }
            for (std::size_t k = 0; k < 4; ++k)
                if (!lines[k].empty())
                    add(kinds[k], cell.key, cell.day, amount[k], lines[k]);
            if (residual.signum() > 0 && excess > 0) {
                add(VarianceCategory::MissingInClient, cell.key, cell.day, residual, {}, cell.providerRows);
                residual = Decimal();
            }
        } else if (residual.signum() > 0 && excess > 0) {
            add(VarianceCategory::MissingInClient, cell.key, cell.day, residual, {}, cell.providerRows);
            residual = Decimal();
        } else if (residual.signum() < 0 && excess < 0) {
            // The provider shows fewer requests than the client priced.
            add(inPostingWindow(cell.day, ctx) ? VarianceCategory::PostingDelay : VarianceCategory::MissingInProvider,
                cell.key, cell.day, residual, cell.billable, cell.providerRows);
            residual = Decimal();
        }
        if (!residual.isZero()) {
            if (residual.abs() <= tolerance)
                add(VarianceCategory::Rounding, cell.key, cell.day, residual, {}, cell.providerRows);
            else if (excess == 0)
                // Same requests, different money: the provider's rate differs from the snapshot.
                add(VarianceCategory::PriceDrift, cell.key, cell.day, residual, cell.billable, cell.providerRows);
            else
                add(VarianceCategory::Unexplained, cell.key, cell.day, residual, cell.billable, cell.providerRows);
        }
    }
}

void VarianceAttributor::attributeRequests(const std::vector<RequestPair> &pairs, const std::vector<std::uint32_t> &unmatchedBillable,
                                           const std::vector<std::uint8_t> &retried, const Context &ctx)
{
    struct Acc
    {
        Decimal amount;
        std::vector<std::uint32_t> lines, records;
    };
    // (category, key, day) -> accumulated item, in first-seen order for determinism.
    QHash<QByteArray, std::size_t> index;
    std::vector<std::tuple<VarianceCategory, StringPool::Id, DayNumber>> keys;
    std::vector<Acc> accs;
    auto acc = [&](VarianceCategory c, StringPool::Id key, DayNumber day) -> Acc & {
        QByteArray k(sizeof(int) * 3, Qt::Uninitialized);
        const int parts[3] = {static_cast<int>(c), static_cast<int>(key), static_cast<int>(day)};
        std::memcpy(k.data(), parts, sizeof parts);
        auto it = index.find(k);
        if (it == index.end()) {
            it = index.insert(k, accs.size());
            keys.emplace_back(c, key, day);
            accs.emplace_back();
        }
        return accs[it.value()];
    };
    auto put = [&](VarianceCategory c, const RequestPair &p, Decimal amount) {
        Acc &a = acc(c, p.key, p.day);
        a.amount += amount;
        if (p.line >= 0)
            a.lines.push_back(static_cast<std::uint32_t>(p.line));
        a.records.push_back(p.record);
    };
    const Decimal tolerance = ctx.toleranceUnit;
    for (const RequestPair &p : pairs) {
        if (p.line < 0) {
            put(VarianceCategory::MissingInClient, p, p.providerCost);
            continue;
        }
        const std::uint32_t li = static_cast<std::uint32_t>(p.line);
        const Quarantine q = m_result.lineQuarantine[li];
        const Treatment t = static_cast<Treatment>(m_result.lineTreatment[li]);
        const Outcome o = static_cast<Outcome>(m_result.lineOutcome[li]);
        const bool billable = q == Quarantine::None && (t == Treatment::Billable || t == Treatment::Partial);
        const Decimal clientCost = billable && m_result.lineCostKnown[li] ? m_result.lineCost[li] : Decimal();
        const Decimal d = p.providerCost - clientCost;
        if (q == Quarantine::MissingUsage) {
            put(VarianceCategory::MissingUsage, p, d);
        } else if (q == Quarantine::UnknownModel) {
            put(VarianceCategory::ModelDrift, p, d);
        } else if (!billable) {
            if (o == Outcome::ClientTimeout)
                put(VarianceCategory::TimeoutAmbiguity, p, d);
            else if (t == Treatment::Unverified)
                put(VarianceCategory::UnverifiedOutcome, p, d);
            else if (retried[li])
                put(VarianceCategory::RetryAmplification, p, d);
            else
                put(VarianceCategory::Unexplained, p, d);
        } else if (d.isZero()) {
            continue;
        } else if (d.abs() <= tolerance) {
            put(VarianceCategory::Rounding, p, d);
        } else if (p.modelDiffers) {
            put(VarianceCategory::ModelDrift, p, d);
        } else if (p.tokensDiffer && p.costAtProviderTokens.known) {
            // The tokens explain what the snapshot prices; any rest is the rate.
            const Decimal tokenPart = p.costAtProviderTokens.value - clientCost;
            put(VarianceCategory::TokenDifference, p, tokenPart);
            const Decimal rest = d - tokenPart;
            if (!rest.isZero())
                put(rest.abs() <= tolerance ? VarianceCategory::Rounding : VarianceCategory::PriceDrift, p, rest);
        } else {
            put(VarianceCategory::PriceDrift, p, d);
        }
    }
    for (std::uint32_t li : unmatchedBillable) {
        const std::uint32_t row = m_result.lineRow[li];
        Q_UNUSED(row);
        RequestPair p;
        p.line = static_cast<std::int32_t>(li);
        p.key = 0;
        const Decimal cost = m_result.lineCostKnown[li] ? m_result.lineCost[li] : Decimal();
        p.day = m_lineDay ? (*m_lineDay)[li] : 0;
        p.key = m_lineKey ? (*m_lineKey)[li] : 0;
        Acc &a = acc(inPostingWindow(p.day, ctx) ? VarianceCategory::PostingDelay : VarianceCategory::MissingInProvider, p.key, p.day);
        a.amount -= cost;
        a.lines.push_back(li);
    }
    for (std::size_t i = 0; i < accs.size(); ++i) {
        const auto &[c, key, day] = keys[i];
        add(c, key, day, accs[i].amount, std::move(accs[i].lines), std::move(accs[i].records), true);
    }
}

void VarianceAttributor::pairWindowMismatch()
{
    // Residuals of opposite sign on adjacent days of one key are usage the provider booked
    // on the neighbouring day (another zone or aggregation window): move the matched part.
    auto isMovable = [](VarianceCategory c) {
        return c == VarianceCategory::Unexplained || c == VarianceCategory::MissingInProvider || c == VarianceCategory::MissingInClient;
    };
    auto &items = m_result.variance_items;
    QHash<quint64, std::vector<std::size_t>> byKeyDay;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (isMovable(items[i].category))
            byKeyDay[(static_cast<quint64>(items[i].apiKey) << 32) | static_cast<std::uint32_t>(items[i].day)].push_back(i);
    std::vector<VarianceItem> moved;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!isMovable(items[i].category) || items[i].amount.isZero())
            continue;
        const quint64 next = (static_cast<quint64>(items[i].apiKey) << 32) | static_cast<std::uint32_t>(items[i].day + 1);
        const auto it = byKeyDay.constFind(next);
        if (it == byKeyDay.cend())
            continue;
        for (std::size_t j : it.value()) {
            VarianceItem &a = items[i];
            VarianceItem &b = items[j];
            if (a.amount.isZero() || b.amount.isZero() || a.amount.signum() == b.amount.signum())
                continue;
            const Decimal m = std::min(a.amount.abs(), b.amount.abs());
            const Decimal ma = a.amount.signum() > 0 ? m : -m;
            a.amount -= ma;
            b.amount += ma;
            VarianceItem wa;
            wa.category = VarianceCategory::WindowMismatch;
            wa.apiKey = a.apiKey;
            wa.day = a.day;
            wa.amount = ma;
            wa.clientRows = a.clientRows;
            wa.providerRows = a.providerRows;
            VarianceItem wb = wa;
            wb.day = b.day;
            wb.amount = -ma;
            wb.clientRows = b.clientRows;
            wb.providerRows = b.providerRows;
            moved.push_back(std::move(wa));
            moved.push_back(std::move(wb));
        }
    }
    for (auto &m : moved)
        items.push_back(std::move(m));
    std::erase_if(items, [&isMovable](const VarianceItem &v) { return v.amount.isZero() && isMovable(v.category); });
}

} // namespace tl
