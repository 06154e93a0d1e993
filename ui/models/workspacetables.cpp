// SPDX-License-Identifier: Apache-2.0
#include "ui/models/workspacetables.h"

#include "core/model/outcome.h"
#include "core/util/timeutil.h"
#include "ui/models/columntablemodel.h"
#include "ui/models/displayformat.h"
#include "ui/models/evidencereview.h"
#include "ui/models/ledgercolors.h"
#include "ui/models/spendseries.h"

#include <QCoreApplication>

#include <limits>

namespace tl {

namespace {

using Column = ColumnTableModel::Column;

QString tr(const char *text)
{
    return QCoreApplication::translate("tl::WorkspaceTables", text);
}

QVariant amountKey(Decimal d)
{
    return d.toString().toDouble(); // ordering only; the digits shown come from the Decimal
}

QVariant amountKey(const MaybeDecimal &d)
{
    return d.known ? amountKey(d.value) : QVariant(std::numeric_limits<double>::lowest());
}

QString maybeExact(const MaybeDecimal &d)
{
    return d.known ? DisplayFormat::exact(d.value, 2) : DisplayFormat::unknown();
}

QString priceText(const MaybeDecimal &d)
{
    return d.known ? DisplayFormat::localizeDigits(d.value.toString()) : DisplayFormat::unknown();
}

QString timeText(UtcMicros t)
{
    return t == kNoTime ? QString() : DisplayFormat::timestamp(t);
}

QString unitText(std::int64_t unit)
{
    switch (unit) {
    case 1: return tr("per token");
    case 1000: return tr("per 1K tokens");
    case 1000000: return tr("per 1M tokens");
    default: return QString::number(unit);
    }
}

QString withCurrency(const QString &header, const WorkspaceTables::WorkspacePtr &ws)
{
    return ws ? QStringLiteral("%1 (%2)").arg(header, ws->result.period.currency) : header;
}

Column text(const QString &header, ColumnTableModel::Cell cell)
{
    Column c;
    c.header = header;
    c.display = std::move(cell);
    return c;
}

Column number(const QString &header, ColumnTableModel::Cell cell, ColumnTableModel::Cell key, const QString &tip = {})
{
    Column c;
    c.header = header;
    c.display = std::move(cell);
    c.sortKey = std::move(key);
    c.numeric = true;
    c.headerToolTip = tip;
    return c;
}

std::size_t at(int row)
{
    return static_cast<std::size_t>(row);
}

} // namespace

QString WorkspaceTables::sourceText(const Workspace &ws, std::uint32_t file, std::uint32_t line)
{
    const QString name = file < ws.set.files.size() ? ws.set.files[file].report.fileName : QStringLiteral("?");
    return line ? QStringLiteral("%1:%2").arg(name).arg(line) : name;
}

void WorkspaceTables::prices(ColumnTableModel *model, const WorkspacePtr &ws)
{
    const std::vector<PriceRow> *rows = ws ? &ws->set.prices : nullptr;
    auto p = [rows](int r) -> const PriceRow & { return (*rows)[at(r)]; };
    std::vector<Column> cols;
    cols.push_back(text(tr("Snapshot"), [p](int r) { return p(r).snapshotId; }));
    cols.push_back(text(tr("Billable model"), [p](int r) { return p(r).billableModel; }));
    cols.push_back(text(tr("Billing"), [p](int r) {
        return p(r).category == BillingCategory::PerCall ? tr("per call") : tr("tokens");
    }));
    cols.push_back(text(tr("Unit"), [p](int r) { return p(r).category == BillingCategory::PerCall ? QString() : unitText(p(r).unit); }));
    auto price = [&](const QString &h, MaybeDecimal PriceRow::*field) {
        cols.push_back(number(h, [p, field](int r) { return priceText(p(r).*field); },
                              [p, field](int r) { return amountKey(p(r).*field); }));
    };
    price(tr("Input"), &PriceRow::inputPrice);
    price(tr("Output"), &PriceRow::outputPrice);
    price(tr("Cached input"), &PriceRow::cachedInputPrice);
    price(tr("Cache write"), &PriceRow::cacheWritePrice);
    price(tr("Reasoning"), &PriceRow::reasoningPrice);
    price(tr("Per call"), &PriceRow::perCallPrice);
    price(tr("Upstream ratio"), &PriceRow::upstreamRatio);
    price(tr("Minimum charge"), &PriceRow::minimumCharge);
    cols.push_back(text(tr("Currency"), [p](int r) { return p(r).currency; }));
    cols.push_back(text(tr("Valid from"), [p](int r) { return timeText(p(r).validFrom); }));
    cols.push_back(text(tr("Valid to"), [p](int r) { return timeText(p(r).validTo); }));
    cols.push_back(text(tr("Evidence"), [p](int r) { return p(r).evidenceId; }));
    cols.push_back(text(tr("Price source"), [p](int r) { return p(r).sourceUrl; }));
    cols.push_back(text(tr("Accessed"), [p](int r) { return p(r).accessedAt; }));
    cols.push_back(text(tr("Row source"), [ws, p](int r) { return sourceText(*ws, p(r).sourceFile, p(r).sourceLine); }));
    model->setContent(std::move(cols), rows ? static_cast<int>(rows->size()) : 0);
}

void WorkspaceTables::mappings(ColumnTableModel *model, const WorkspacePtr &ws)
{
    const std::vector<MappingRow> *rows = ws ? &ws->set.mappings : nullptr;
    auto m = [rows](int r) -> const MappingRow & { return (*rows)[at(r)]; };
    std::vector<Column> cols;
    cols.push_back(text(tr("Internal name"), [m](int r) { return m(r).internalName; }));
    cols.push_back(text(tr("Requested model"), [m](int r) { return m(r).requestedModel; }));
    cols.push_back(text(tr("Billable model"), [m](int r) { return m(r).billableModel; }));
    cols.push_back(text(tr("Snapshot"), [m](int r) { return m(r).snapshotId; }));
    cols.push_back(text(tr("Role"), [m](int r) {
        return m(r).role == 1 ? tr("primary") : m(r).role == 2 ? tr("fallback") : QString();
    }));
    cols.push_back(text(tr("Owner"), [m](int r) { return m(r).owner; }));
    cols.push_back(text(tr("Valid from"), [m](int r) { return timeText(m(r).validFrom); }));
    cols.push_back(text(tr("Valid to"), [m](int r) { return timeText(m(r).validTo); }));
    cols.push_back(text(tr("Row source"), [ws, m](int r) { return sourceText(*ws, m(r).sourceFile, m(r).sourceLine); }));
    model->setContent(std::move(cols), rows ? static_cast<int>(rows->size()) : 0);
}

void WorkspaceTables::owners(ColumnTableModel *model, const WorkspacePtr &ws)
{
    const std::vector<OwnerRow> *rows = ws ? &ws->set.owners : nullptr;
    auto o = [rows](int r) -> const OwnerRow & { return (*rows)[at(r)]; };
    std::vector<Column> cols;
    cols.push_back(text(tr("API key"), [o](int r) { return o(r).apiKeyName; }));
    cols.push_back(text(tr("Owner group"), [o](int r) { return o(r).ownerGroup; }));
    cols.push_back(text(tr("Environment"), [o](int r) { return o(r).environment; }));
    cols.push_back(text(tr("Workload"), [o](int r) { return o(r).workload; }));
    cols.push_back(text(tr("Cost center"), [o](int r) { return o(r).costCenter; }));
    cols.push_back(text(tr("Allocation"), [o](int r) { return o(r).allocationRule; }));
    cols.push_back(number(tr("Monthly budget"), [o](int r) { return maybeExact(o(r).monthlyBudget); },
                          [o](int r) { return amountKey(o(r).monthlyBudget); }));
    cols.push_back(text(tr("Currency"), [o](int r) { return o(r).currency; }));
    cols.push_back(text(tr("Allowed IPs"), [o](int r) { return o(r).allowedIps.join(QStringLiteral(", ")); }));
    cols.push_back(text(tr("Row source"), [ws, o](int r) { return sourceText(*ws, o(r).sourceFile, o(r).sourceLine); }));
    model->setContent(std::move(cols), rows ? static_cast<int>(rows->size()) : 0);
}

void WorkspaceTables::evidence(ColumnTableModel *model, const WorkspacePtr &ws)
{
    const std::vector<EvidenceEntry> *rows = ws ? &ws->set.evidence : nullptr;
    const QDate asOf = ws ? ws->asOf : QDate();
    auto e = [rows](int r) -> const EvidenceEntry & { return (*rows)[at(r)]; };
    std::vector<Column> cols;
    cols.push_back(text(tr("Evidence"), [e](int r) { return e(r).evidenceId; }));
    cols.push_back(text(tr("Assumption"), [e](int r) { return e(r).assumption; }));
    cols.push_back(text(tr("Area"), [e](int r) { return e(r).area; }));
    cols.push_back(text(tr("Owner"), [e](int r) { return e(r).owner; }));
    cols.push_back(text(tr("Status"), [e](int r) { return QString::fromLatin1(evidenceStatusName(e(r).status)); }));
    cols.push_back(text(tr("Next review"), [e](int r) { return DisplayFormat::date(e(r).nextReviewOn); }));
    cols.push_back(text(tr("Review"), [e, asOf](int r) { return EvidenceReview::stateText(EvidenceReview::state(e(r), asOf)); }));
    cols.push_back(text(tr("Accessed"), [e](int r) { return DisplayFormat::date(e(r).accessedOn); }));
    cols.push_back(text(tr("Source or ticket"), [e](int r) { return e(r).sourceUrlOrTicket; }));
    cols.push_back(text(tr("Dependent system"), [e](int r) { return e(r).dependentSystem; }));
    cols.push_back(text(tr("Fallback"), [e](int r) { return e(r).fallbackBehavior; }));
    cols.push_back(text(tr("Row source"), [ws, e](int r) { return sourceText(*ws, e(r).sourceFile, e(r).sourceLine); }));
    auto background = [e, asOf](int r) -> QVariant {
        switch (EvidenceReview::state(e(r), asOf)) {
        case EvidenceReview::Overdue: return LedgerColors::overdueBackground();
        case EvidenceReview::DueSoon: return LedgerColors::dueSoonBackground();
        default: return {};
        }
    };
    auto foreground = [e, asOf](int r) -> QVariant {
        switch (EvidenceReview::state(e(r), asOf)) {
        case EvidenceReview::Overdue: case EvidenceReview::DueSoon: return LedgerColors::onTintText();
        case EvidenceReview::Superseded: return LedgerColors::mutedText();
        default: return {};
        }
    };
    model->setContent(std::move(cols), rows ? static_cast<int>(rows->size()) : 0, background, foreground);
}

void WorkspaceTables::outcomes(ColumnTableModel *model, const WorkspacePtr &ws)
{
    // Outcomes that occur, in the enum's order; the treatment as the policy (or default) says.
    struct Row
    {
        Outcome outcome;
        Treatment treatment;
        qint64 attempts = 0;
        Decimal cost;
        QString evidence;
    };
    auto rows = std::make_shared<std::vector<Row>>();
    qint64 total = 0;
    if (ws) {
        const ReconcileResult &res = ws->result;
        std::array<Row, OutcomeCount> all{};
        for (int o = 0; o < OutcomeCount; ++o) {
            all[at(o)].outcome = static_cast<Outcome>(o);
            all[at(o)].treatment = defaultTreatment(static_cast<Outcome>(o));
            all[at(o)].attempts = res.byOutcome[at(o)];
        }
        for (const PolicyRow &p : ws->set.policy) {
            all[static_cast<std::size_t>(p.outcome)].treatment = p.treatment;
            all[static_cast<std::size_t>(p.outcome)].evidence = p.evidenceId;
        }
        for (std::size_t li = 0; li < res.lineRow.size(); ++li)
            if (res.lineCostKnown[li] && res.lineQuarantine[li] == Quarantine::None)
                all[static_cast<std::size_t>(res.lineOutcome[li])].cost += res.lineCost[li];
        for (const Row &r : all) {
            total += r.attempts;
            if (r.attempts > 0)
                rows->push_back(r);
        }
    }
    std::vector<Column> cols;
    cols.push_back(text(tr("Outcome"), [rows](int r) { return DisplayFormat::words(outcomeName((*rows)[at(r)].outcome)); }));
    cols.push_back(text(tr("Treatment"), [rows](int r) { return DisplayFormat::words(treatmentName((*rows)[at(r)].treatment)); }));
    cols.push_back(number(tr("Attempts"), [rows](int r) { return DisplayFormat::count((*rows)[at(r)].attempts); },
                          [rows](int r) { return (*rows)[at(r)].attempts; }));
    cols.push_back(number(tr("Share"), [rows, total](int r) {
        return DisplayFormat::percent(Decimal::fromInt((*rows)[at(r)].attempts), Decimal::fromInt(total), 1);
    }, [rows](int r) { return (*rows)[at(r)].attempts; }));
    cols.push_back(number(withCurrency(tr("Estimated"), ws), [rows](int r) {
        const Row &row = (*rows)[at(r)];
        return row.treatment == Treatment::NonBillable ? DisplayFormat::unknown() : DisplayFormat::exact(row.cost, 2);
    }, [rows](int r) { return amountKey((*rows)[at(r)].cost); },
                          tr("Estimated: priced lines of this outcome. Unverified outcomes are not in the billable total.")));
    Column evidence = text(tr("Evidence"), [rows](int r) { return (*rows)[at(r)].evidence; });
    evidence.headerToolTip = tr("The evidence entry behind the billing policy's treatment");
    cols.push_back(evidence);
    model->setContent(std::move(cols), static_cast<int>(rows->size()), {}, [rows](int r) -> QVariant {
        return (*rows)[at(r)].treatment == Treatment::Billable ? QVariant() : QVariant(LedgerColors::mutedText());
    });
}

void WorkspaceTables::keys(ColumnTableModel *model, const WorkspacePtr &ws)
{
    struct Row
    {
        const KeyTotals *totals;
        SpendSeries series;
    };
    auto rows = std::make_shared<std::vector<Row>>();
    if (ws)
        for (const KeyTotals &k : ws->result.byKey)
            rows->push_back({&k, SpendSeries::build(*ws, ws->set.pool().string(k.apiKey))});
    auto k = [rows](int r) -> const Row & { return (*rows)[at(r)]; };
    std::vector<Column> cols;
    cols.push_back(text(tr("API key"), [ws, k](int r) { return ws->set.pool().string(k(r).totals->apiKey); }));
    cols.push_back(text(tr("Owner group"), [k](int r) { return k(r).series.ownerGroup; }));
    cols.push_back(number(tr("Attempts"), [k](int r) { return DisplayFormat::count(k(r).totals->attempts); },
                          [k](int r) { return k(r).totals->attempts; }));
    cols.push_back(number(tr("Estimated"), [k](int r) { return DisplayFormat::exact(k(r).totals->estimatedCost, 2); },
                          [k](int r) { return amountKey(k(r).totals->estimatedCost); },
                          tr("Estimated from the client log and the price snapshot, in the period currency")));
    cols.push_back(number(tr("Provider, reconciled"), [k](int r) { return maybeExact(k(r).totals->providerReported); },
                          [k](int r) { return amountKey(k(r).totals->providerReported); },
                          tr("Reported by the provider; \u2014 when it reported nothing")));
    cols.push_back(number(tr("Variance"), [k](int r) {
        const MaybeDecimal &v = k(r).totals->variance;
        return v.known ? DisplayFormat::localizeDigits(v.value.toString(), QLocale(), true) : DisplayFormat::unknown();
    }, [k](int r) { return amountKey(k(r).totals->variance); }, tr("Provider-reported minus estimated")));
    cols.push_back(number(tr("Budget"), [k](int r) { return maybeExact(k(r).series.budget); },
                          [k](int r) { return amountKey(k(r).series.budget); }));
    cols.push_back(number(tr("Projected"), [k](int r) { return DisplayFormat::fixed(k(r).series.projected, 2); },
                          [k](int r) { return amountKey(k(r).series.projected); },
                          tr("The estimate projected in a straight line to the end of the period (estimated)")));
    cols.push_back(number(tr("Of budget"), [k](int r) {
        const SpendSeries &s = k(r).series;
        return s.budget.known ? DisplayFormat::percent(s.projected, s.budget.value, 1) : DisplayFormat::unknown();
    }, [k](int r) {
        const SpendSeries &s = k(r).series;
        return s.budget.known && !s.budget.value.isZero() ? amountKey(s.projected.mulInt(100).div(s.budget.value))
                                                          : QVariant(std::numeric_limits<double>::lowest());
    }, tr("Projected spend as a share of the monthly budget")));
    model->setContent(std::move(cols), static_cast<int>(rows->size()));
}

void WorkspaceTables::models(ColumnTableModel *model, const WorkspacePtr &ws)
{
    const std::vector<ModelTotals> *rows = ws ? &ws->result.byModel : nullptr;
    const Decimal total = ws ? ws->result.estimatedBillable : Decimal();
    auto m = [rows](int r) -> const ModelTotals & { return (*rows)[at(r)]; };
    std::vector<Column> cols;
    cols.push_back(text(tr("Billable model"), [ws, m](int r) { return ws->set.pool().string(m(r).model); }));
    cols.push_back(number(tr("Attempts"), [m](int r) { return DisplayFormat::count(m(r).attempts); }, [m](int r) { return m(r).attempts; }));
    cols.push_back(number(tr("Input tokens"), [m](int r) { return DisplayFormat::count(m(r).inputTokens); }, [m](int r) { return m(r).inputTokens; }));
    cols.push_back(number(tr("Output tokens"), [m](int r) { return DisplayFormat::count(m(r).outputTokens); }, [m](int r) { return m(r).outputTokens; }));
    cols.push_back(number(withCurrency(tr("Estimated"), ws), [m](int r) { return DisplayFormat::exact(m(r).estimatedCost, 2); },
                          [m](int r) { return amountKey(m(r).estimatedCost); }));
    cols.push_back(number(tr("Share"), [m, total](int r) { return DisplayFormat::percent(m(r).estimatedCost, total, 1); },
                          [m](int r) { return amountKey(m(r).estimatedCost); }));
    model->setContent(std::move(cols), rows ? static_cast<int>(rows->size()) : 0);
}

QString WorkspaceTables::categoryTitle(VarianceCategory c)
{
    QString s = DisplayFormat::words(varianceCategoryName(c));
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

QString WorkspaceTables::categoryDescription(VarianceCategory c)
{
    switch (c) {
    case VarianceCategory::MissingInClient: return tr("The provider charged usage the client log does not have.");
    case VarianceCategory::MissingInProvider: return tr("Client lines the provider did not report.");
    case VarianceCategory::RetryAmplification: return tr("Retried attempts the provider charged as well.");
    case VarianceCategory::TimeoutAmbiguity: return tr("Client timeouts the provider may have processed and charged.");
    case VarianceCategory::MissingUsage: return tr("Billable lines without token usage: their cost is unknown in the estimate.");
    case VarianceCategory::ModelDrift: return tr("Billed under another model than the mapping expects.");
    case VarianceCategory::TokenDifference: return tr("The provider counted different tokens than the client.");
    case VarianceCategory::PriceDrift: return tr("The provider's price differs from the snapshot.");
    case VarianceCategory::PostingDelay: return tr("Usage the provider had not posted yet when observed.");
    case VarianceCategory::WindowMismatch: return tr("Usage that landed on an adjacent day (time zone or cut-off).");
    case VarianceCategory::Rounding: return tr("Within the provider's published precision.");
    case VarianceCategory::UnverifiedOutcome: return tr("Outcomes whose billing is not verified (e.g. errors, cancels).");
    case VarianceCategory::Unexplained: return tr("Left over after every other explanation.");
    case VarianceCategory::None: break;
    }
    return QString();
}

void WorkspaceTables::varianceCategories(ColumnTableModel *model, const WorkspacePtr &ws)
{
    const Decimal variance = ws && ws->result.variance.known ? ws->result.variance.value : Decimal();
    const bool known = ws && ws->result.variance.known;
    auto cat = [](int r) { return static_cast<VarianceCategory>(r); };
    auto amount = [ws](int r) { return ws->result.varianceByCategory[at(r)]; };
    std::vector<Column> cols;
    Column title = text(tr("Category"), [cat](int r) { return categoryTitle(cat(r)); });
    title.sortKey = [](int r) { return r; };
    cols.push_back(title);
    cols.push_back(number(withCurrency(tr("Amount"), ws), [amount](int r) {
        return DisplayFormat::localizeDigits(amount(r).toString(), QLocale(), true);
    }, [amount](int r) { return amountKey(amount(r)); }, tr("Exact: the categories add up to the variance")));
    cols.push_back(number(tr("Rows"), [ws](int r) { return DisplayFormat::count(ws->result.varianceRowsByCategory[at(r)]); },
                          [ws](int r) { return ws->result.varianceRowsByCategory[at(r)]; },
                          tr("Client and provider rows behind the amount")));
    cols.push_back(number(tr("Of variance"), [amount, variance](int r) { return DisplayFormat::percent(amount(r), variance, 2, true); },
                          [amount](int r) { return amountKey(amount(r)); }));
    cols.push_back(text(tr("What it means"), [cat](int r) { return categoryDescription(cat(r)); }));
    const int n = known ? VarianceCategoryCount : 0;
    model->setContent(std::move(cols), n, [amount](int r) -> QVariant {
        return amount(r).isZero() ? QVariant() : QVariant(LedgerColors::categoryBackground(static_cast<VarianceCategory>(r)));
    }, [amount](int r) -> QVariant {
        return amount(r).isZero() ? LedgerColors::mutedText() : LedgerColors::onTintText();
    });
}

void WorkspaceTables::varianceItems(ColumnTableModel *model, const WorkspacePtr &ws, int category)
{
    auto rows = std::make_shared<std::vector<int>>();
    if (ws)
        for (std::size_t i = 0; i < ws->result.variance_items.size(); ++i)
            if (category < 0 || static_cast<int>(ws->result.variance_items[i].category) == category)
                rows->push_back(static_cast<int>(i));
    auto item = [ws, rows](int r) -> const VarianceItem & { return ws->result.variance_items[at((*rows)[at(r)])]; };
    std::vector<Column> cols;
    cols.push_back(text(tr("Category"), [item](int r) { return categoryTitle(item(r).category); }));
    cols.push_back(text(tr("API key"), [ws, item](int r) { return ws->set.pool().string(item(r).apiKey); }));
    cols.push_back(text(tr("Day"), [item](int r) { return DisplayFormat::day(item(r).day); }));
    cols.push_back(number(withCurrency(tr("Amount"), ws), [item](int r) {
        return DisplayFormat::localizeDigits(item(r).amount.toString(), QLocale(), true);
    }, [item](int r) { return amountKey(item(r).amount); }));
    cols.push_back(number(tr("Client rows"), [item](int r) { return DisplayFormat::count(static_cast<qint64>(item(r).clientRows.size())); },
                          [item](int r) { return static_cast<qlonglong>(item(r).clientRows.size()); }));
    cols.push_back(number(tr("Provider rows"), [item](int r) { return DisplayFormat::count(static_cast<qint64>(item(r).providerRows.size())); },
                          [item](int r) { return static_cast<qlonglong>(item(r).providerRows.size()); }));
    model->setContent(std::move(cols), static_cast<int>(rows->size()), [item](int r) -> QVariant {
        return LedgerColors::categoryBackground(item(r).category);
    }, [](int) -> QVariant { return LedgerColors::onTintText(); });
    model->setRowKey([rows](int r) -> QVariant { return (*rows)[at(r)]; });
}

} // namespace tl
