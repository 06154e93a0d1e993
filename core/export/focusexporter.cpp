// SPDX-License-Identifier: Apache-2.0
#include "core/export/focusexporter.h"

#include "core/export/ownerdirectory.h"
#include "core/pricing/pricer.h"
#include "core/reconcile/resultwriter.h"
#include "core/util/jsonwriter.h"
#include "core/util/timeutil.h"

#include <array>
#include <map>
#include <tuple>

namespace tl {

namespace {

// FOCUS 1.2, in the order of focus_1.2_columns.csv (the specification's column list).
constexpr std::array<const char *, 57> kColumns = {
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingAccountType",
    "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "CapacityReservationId",
    "CapacityReservationStatus", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
    "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId",
    "CommitmentDiscountName", "CommitmentDiscountQuantity", "CommitmentDiscountStatus",
    "CommitmentDiscountType", "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
    "ContractedUnitPrice", "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ListCost", "ListUnitPrice",
    "PricingCategory", "PricingCurrency", "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
    "PricingCurrencyListUnitPrice", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
    "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName",
    "ServiceSubcategory", "SkuId", "SkuMeter", "SkuPriceDetails", "SkuPriceId", "SubAccountId",
    "SubAccountName", "SubAccountType", "Tags",
};

// The index of a column by its id, checked at compile time (a typo fails the build).
constexpr int col(std::string_view id)
{
    for (std::size_t i = 0; i < kColumns.size(); ++i)
        if (std::string_view(kColumns[i]) == id)
            return static_cast<int>(i);
    throw "unknown FOCUS column";
}

// The columns this exporter fills; every other one stays null.
enum Col : int {
    BilledCost = col("BilledCost"),
    BillingAccountId = col("BillingAccountId"),
    BillingAccountName = col("BillingAccountName"),
    BillingAccountType = col("BillingAccountType"),
    BillingCurrency = col("BillingCurrency"),
    BillingPeriodEnd = col("BillingPeriodEnd"),
    BillingPeriodStart = col("BillingPeriodStart"),
    ChargeCategory = col("ChargeCategory"),
    ChargeClass = col("ChargeClass"),
    ChargeDescription = col("ChargeDescription"),
    ChargeFrequency = col("ChargeFrequency"),
    ChargePeriodEnd = col("ChargePeriodEnd"),
    ChargePeriodStart = col("ChargePeriodStart"),
    ConsumedQuantity = col("ConsumedQuantity"),
    ConsumedUnit = col("ConsumedUnit"),
    ContractedCost = col("ContractedCost"),
    ContractedUnitPrice = col("ContractedUnitPrice"),
    EffectiveCost = col("EffectiveCost"),
    InvoiceId = col("InvoiceId"),
    InvoiceIssuerName = col("InvoiceIssuerName"),
    ListCost = col("ListCost"),
    ListUnitPrice = col("ListUnitPrice"),
    PricingCategory = col("PricingCategory"),
    PricingQuantity = col("PricingQuantity"),
    PricingUnit = col("PricingUnit"),
    ProviderName = col("ProviderName"),
    PublisherName = col("PublisherName"),
    ServiceCategory = col("ServiceCategory"),
    ServiceName = col("ServiceName"),
    ServiceSubcategory = col("ServiceSubcategory"),
    SkuId = col("SkuId"),
    SkuMeter = col("SkuMeter"),
    SkuPriceDetails = col("SkuPriceDetails"),
    SkuPriceId = col("SkuPriceId"),
    SubAccountId = col("SubAccountId"),
    SubAccountName = col("SubAccountName"),
    SubAccountType = col("SubAccountType"),
    Tags = col("Tags"),
};
static_assert(Tags == static_cast<int>(kColumns.size()) - 1);

using Row = std::array<QByteArray, kColumns.size()>;

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

QByteArray bytes(std::string_view v)
{
    return QByteArray(v.data(), static_cast<qsizetype>(v.size()));
}

QByteArray dec(Decimal d)
{
    return QByteArray::fromStdString(d.toStdString());
}

void appendRow(QByteArray &out, const Row &row)
{
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0)
            out += ',';
        ResultWriter::csvField(out, sv(row[i]));
    }
    out += '\n';
}

QByteArray unitName(std::int64_t unit)
{
    if (unit == 1)
        return "Tokens";
    return QByteArray::number(static_cast<qlonglong>(unit)) + " Tokens";
}

const char *unitBasisName(std::int64_t unit)
{
    switch (unit) {
    case 1: return "per_token";
    case 1000: return "per_1k";
    case 1000000: return "per_1m";
    }
    return "";
}

/** Tags as FOCUS KeyValueFormat: a JSON object; keys with no value are left out, no keys = null. */
QByteArray tagsJson(const QString &costCenter, const QString &owner)
{
    if (costCenter.isEmpty() && owner.isEmpty())
        return {};
    JsonWriter w(0);
    w.beginObject();
    if (!costCenter.isEmpty())
        w.field("cost_center", costCenter);
    if (!owner.isEmpty())
        w.field("owner", owner);
    w.endObject();
    return w.data();
}

QByteArray skuPriceId(const PriceRow &p)
{
    QByteArray id = p.snapshotId.toUtf8() + ':' + p.billableModel.toUtf8();
    if (p.tierMinInputTokens >= 0)
        id += ":above_" + QByteArray::number(static_cast<qlonglong>(p.tierMinInputTokens));
    return id;
}

/** The list prices of one snapshot row, per PricingUnit, as exact strings. */
QByteArray skuPriceDetails(const PriceRow &p)
{
    JsonWriter w(0);
    w.beginObject();
    w.field("BillingCategory", p.category == BillingCategory::PerCall ? "per_call" : "token");
    if (p.category == BillingCategory::Token)
        w.field("UnitBasis", unitBasisName(p.unit));
    if (!p.priceKind.isEmpty())
        w.field("PriceKind", p.priceKind);
    const auto price = [&w](const char *key, const MaybeDecimal &m) {
        if (m.known)
            w.field(key, QString::fromStdString(m.value.toStdString()));
    };
    if (p.category == BillingCategory::Token) {
        price("ListInputPrice", p.inputPrice);
        price("ListCachedInputPrice", p.cachedInputPrice);
        price("ListCacheWritePrice", p.cacheWritePrice);
        price("ListOutputPrice", p.outputPrice);
        price("ListReasoningPrice", p.reasoningPrice);
    } else {
        price("ListPerCallPrice", p.perCallPrice);
    }
    price("UpstreamRatio", p.upstreamRatio);
    price("MinimumCharge", p.minimumCharge);
    if (p.tierMinInputTokens >= 0)
        w.field("TierMinInputTokens", static_cast<long long>(p.tierMinInputTokens));
    w.field("PriceSnapshot", p.snapshotId);
    w.endObject();
    return w.data();
}

QByteArray requests(qint64 n)
{
    return QByteArray::number(static_cast<qlonglong>(n)) + (n == 1 ? " billable request" : " billable requests");
}

/** One usage row in the making: a billable model × key × UTC day (× pricing kind). */
struct UsageGroup
{
    StringPool::Id model = 0, key = 0;
    DayNumber day = 0;
    bool perCall = false;
    Decimal billed, list;
    qint64 tokens = 0, calls = 0;
    int priceRow = -1;
    bool mixedPriceRows = false;
    bool listFromFloor = false; ///< a minimum charge set some attempt's cost
    StringPool::Id clientCostCenter = 0, clientOwner = 0;
    bool mixedCostCenter = false, mixedOwner = false;
};

void noteId(StringPool::Id v, StringPool::Id *slot, bool *mixed, bool first)
{
    if (first)
        *slot = v;
    else if (*slot != v)
        *mixed = true;
}

} // namespace

QStringList FocusExporter::columns()
{
    QStringList out;
    for (const char *c : kColumns)
        out << QString::fromLatin1(c);
    return out;
}

QString FocusExporter::providerName(const LedgerSet &set)
{
    for (const SourceFile &f : set.files) {
        if (f.report.kind != QLatin1String("provider"))
            continue;
        const QString &fmt = f.report.format;
        if (fmt == QLatin1String("cometapi_quota"))
            return QStringLiteral("CometAPI");
        if (fmt.startsWith(QLatin1String("openai_")))
            return QStringLiteral("OpenAI");
        if (fmt.startsWith(QLatin1String("openrouter_")))
            return QStringLiteral("OpenRouter");
    }
    return QStringLiteral("CometAPI");
}

QString FocusExporter::publisherName(std::string_view model, const QString &fallback)
{
    // "openai/gpt-4o" (OpenRouter's permaslugs) names its publisher's model after the slash.
    const std::size_t slash = model.rfind('/');
    if (slash != std::string_view::npos)
        model = model.substr(slash + 1);
    std::string m(model);
    for (char &ch : m)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto starts = [&m](std::string_view p) { return m.compare(0, p.size(), p) == 0; };
    // o1, o3, o4-mini …: a bare letter-digit family, so require the end or a dash after it.
    const auto family = [&m](std::string_view p) {
        return m.compare(0, p.size(), p) == 0 && (m.size() == p.size() || m[p.size()] == '-');
    };
    struct Prefix
    {
        const char *prefix;
        const char *publisher;
    };
    static const Prefix prefixes[] = {
        {"gpt-", "OpenAI"}, {"chatgpt", "OpenAI"}, {"text-embedding", "OpenAI"}, {"dall-e", "OpenAI"},
        {"whisper", "OpenAI"}, {"tts-", "OpenAI"}, {"davinci", "OpenAI"}, {"babbage", "OpenAI"},
        {"omni-moderation", "OpenAI"}, {"text-moderation", "OpenAI"}, {"sora", "OpenAI"},
        {"claude", "Anthropic"},
        {"gemini", "Google"}, {"gemma", "Google"}, {"imagen", "Google"}, {"veo", "Google"},
        {"deepseek", "DeepSeek"}, {"grok", "xAI"}, {"llama", "Meta"}, {"meta-llama", "Meta"},
        {"mistral", "Mistral AI"}, {"mixtral", "Mistral AI"}, {"codestral", "Mistral AI"},
        {"pixtral", "Mistral AI"}, {"magistral", "Mistral AI"},
        {"qwen", "Alibaba Cloud"}, {"qwq", "Alibaba Cloud"},
        {"mj_", "Midjourney"}, {"midjourney", "Midjourney"}, {"kling", "Kuaishou"}, {"suno", "Suno"},
        {"doubao", "ByteDance"}, {"glm", "Zhipu AI"}, {"chatglm", "Zhipu AI"}, {"kimi", "Moonshot AI"},
        {"moonshot", "Moonshot AI"}, {"flux", "Black Forest Labs"}, {"runway", "Runway"},
        {"command-", "Cohere"},
    };
    for (const Prefix &p : prefixes)
        if (starts(p.prefix))
            return QString::fromLatin1(p.publisher);
    for (const char *f : {"o1", "o3", "o4"})
        if (family(f))
            return QStringLiteral("OpenAI");
    return fallback;
}

QByteArray FocusExporter::focusCsv(const ReconcileResult &r, const LedgerSet &set)
{
    const StringPool &pool = set.pool();
    const AttemptTable &c = set.client;
    const OwnerDirectory owners(set);
    const QByteArray provider = providerName(set).toUtf8();

    // Columns every row shares.
    Row common;
    QByteArray account = r.period.accountRef.toUtf8();
    if (account.isEmpty())
        for (const ProviderObservation &o : set.observations)
            if (!o.username.isEmpty()) {
                account = o.username.toUtf8();
                break;
            }
    if (account.isEmpty())
        account = "unknown";
    common[BillingAccountId] = account;
    common[BillingAccountName] = account;
    common[BillingAccountType] = "Billing Account";
    common[BillingCurrency] = r.period.currency.toUtf8();
    common[BillingPeriodStart] = timeutil::formatUtc(r.period.start).toLatin1();
    common[BillingPeriodEnd] = timeutil::formatUtc(r.period.end).toLatin1();
    common[InvoiceId] = r.period.invoiceId.toUtf8();
    common[InvoiceIssuerName] = provider;
    common[ProviderName] = provider;
    common[ServiceCategory] = "AI and Machine Learning";
    common[ServiceName] = "AI API";
    common[ServiceSubcategory] = "Generative AI";

    // --- Usage: the attempts counted in estimated_billable, by day, key and model. ----------
    using GroupKey = std::tuple<DayNumber, std::string_view, std::string_view, bool>;
    std::map<GroupKey, UsageGroup> groups;
    for (std::size_t li = 0; li < r.lineRow.size(); ++li) {
        if (r.lineQuarantine[li] != Quarantine::None || !r.lineCostKnown[li])
            continue;
        const Treatment t = static_cast<Treatment>(r.lineTreatment[li]);
        if (t != Treatment::Billable && t != Treatment::Partial)
            continue;
        const std::uint32_t row = r.lineRow[li];
        const int pi = r.linePriceRow[li];
        const PriceRow *price = pi >= 0 ? &set.prices[static_cast<std::size_t>(pi)] : nullptr;
        const bool perCall = price && price->category == BillingCategory::PerCall;
        const StringPool::Id model = r.lineBillableModel[li];
        const DayNumber day = timeutil::utcDay(c.timestamp[row]);
        const GroupKey gk{day, pool.view(c.apiKey[row]), pool.view(model), perCall};
        auto [it, inserted] = groups.try_emplace(gk);
        UsageGroup &g = it->second;
        if (inserted) {
            g.model = model;
            g.key = c.apiKey[row];
            g.day = day;
            g.perCall = perCall;
            g.priceRow = pi;
        } else if (g.priceRow != pi) {
            g.mixedPriceRows = true;
        }
        noteId(c.costCenter[row], &g.clientCostCenter, &g.mixedCostCenter, inserted);
        noteId(c.owner[row], &g.clientOwner, &g.mixedOwner, inserted);

        const Decimal cost = r.lineCost[li];
        g.billed += cost;
        g.calls += 1;
        const auto known = [](std::int64_t v) { return v < 0 ? 0 : v; };
        g.tokens += known(c.inputTokens[row]) + known(c.outputTokens[row]);

        // List cost: the same attempt without the upstream ratio. When a minimum charge set
        // the cost, that floor is the only price there is, so it is its own list price.
        Decimal list = cost;
        if (price) {
            PriceRow atList = *price;
            atList.upstreamRatio = {};
            Decimal withRatio, withoutRatio;
            if (perCall) {
                withoutRatio = price->perCallPrice.known ? price->perCallPrice.value : Decimal();
                withRatio = price->upstreamRatio.known ? withoutRatio.mul(price->upstreamRatio.value) : withoutRatio;
            } else {
                withRatio = Pricer::tokenCost(*price, c.inputTokens[row], c.cachedTokens[row], c.cacheWriteTokens[row],
                                              c.outputTokens[row], c.reasoningTokens[row]);
                withoutRatio = Pricer::tokenCost(atList, c.inputTokens[row], c.cachedTokens[row],
                                                 c.cacheWriteTokens[row], c.outputTokens[row], c.reasoningTokens[row]);
            }
            if (withRatio == cost)
                list = withoutRatio;
            else
                g.listFromFloor = true;
        }
        g.list += list;
    }

    QByteArray out;
    out.reserve(static_cast<qsizetype>(groups.size()) * 700 + 2048);
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
        if (i > 0)
            out += ',';
        out += kColumns[i];
    }
    out += '\n';

    for (const auto &[gk, g] : groups) {
        Row row = common;
        const std::string_view key = pool.view(g.key);
        const std::string_view model = pool.view(g.model);
        const PriceRow *price = (g.priceRow >= 0 && !g.mixedPriceRows) ? &set.prices[static_cast<std::size_t>(g.priceRow)] : nullptr;
        // Several price rows in one group (a tier boundary, a new snapshot row at midnight) may
        // differ in unit basis; PricingQuantity then falls back to plain tokens.
        std::int64_t unit = 1;
        if (!g.perCall && g.priceRow >= 0) {
            unit = set.prices[static_cast<std::size_t>(g.priceRow)].unit;
            if (g.mixedPriceRows)
                unit = 1;
        }

        row[BilledCost] = dec(g.billed);
        row[EffectiveCost] = row[BilledCost];
        row[ContractedCost] = row[BilledCost];
        row[ListCost] = dec(g.list);
        row[ChargeCategory] = "Usage";
        row[ChargeFrequency] = "Usage-Based";
        row[ChargePeriodStart] = timeutil::formatUtc(timeutil::dayStart(g.day)).toLatin1();
        row[ChargePeriodEnd] = timeutil::formatUtc(timeutil::dayStart(g.day + 1)).toLatin1();
        row[PricingCategory] = "Standard";
        row[PublisherName] = publisherName(model, QString::fromUtf8(provider)).toUtf8();
        row[SkuId] = bytes(model);
        row[SubAccountId] = bytes(key);
        row[SubAccountType] = "API Key";

        QByteArray description = bytes(model);
        if (g.perCall) {
            row[ConsumedQuantity] = QByteArray::number(static_cast<qlonglong>(g.calls));
            row[ConsumedUnit] = "Requests";
            row[PricingQuantity] = row[ConsumedQuantity];
            row[PricingUnit] = "Requests";
            row[SkuMeter] = "Requests";
            description += ": " + requests(g.calls);
            // One price explains the row only when every attempt paid it.
            if (price && price->perCallPrice.known && !g.listFromFloor) {
                const Decimal listUnit = price->perCallPrice.value;
                const Decimal contractedUnit = price->upstreamRatio.known ? listUnit.mul(price->upstreamRatio.value) : listUnit;
                if (listUnit.mulInt(g.calls) == g.list && contractedUnit.mulInt(g.calls) == g.billed) {
                    row[ListUnitPrice] = dec(listUnit);
                    row[ContractedUnitPrice] = dec(contractedUnit);
                }
            }
        } else {
            row[ConsumedQuantity] = QByteArray::number(static_cast<qlonglong>(g.tokens));
            row[ConsumedUnit] = "Tokens";
            row[PricingQuantity] = dec(Decimal::fromInt(g.tokens).divInt(unit));
            row[PricingUnit] = unitName(unit);
            row[SkuMeter] = "Tokens";
            description += ": " + row[ConsumedQuantity] + (g.tokens == 1 ? " token in " : " tokens in ") + requests(g.calls);
        }
        description += " on API key " + bytes(key) + ", estimated from the client ledger";
        if (price) {
            description += " at price snapshot " + price->snapshotId.toUtf8();
            row[SkuPriceId] = skuPriceId(*price);
            row[SkuPriceDetails] = skuPriceDetails(*price);
        }
        row[ChargeDescription] = description;

        // Owner and cost center: the owners table first, else what the client rows all say.
        const OwnerRow *o = owners.find(key);
        QString ownerGroup = o ? o->ownerGroup : QString();
        QString costCenter = o ? o->costCenter : QString();
        if (ownerGroup.isEmpty() && !g.mixedOwner)
            ownerGroup = pool.string(g.clientOwner);
        if (costCenter.isEmpty() && !g.mixedCostCenter)
            costCenter = pool.string(g.clientCostCenter);
        row[SubAccountName] = ownerGroup.toUtf8();
        row[Tags] = tagsJson(costCenter, ownerGroup);
        appendRow(out, row);
    }

    // --- Finance lines that are charges or credits of their own (formats.md §4). ------------
    for (const FinanceLine &l : set.finance) {
        const char *category = nullptr;
        switch (l.lineType) {
        case FinanceLineType::Credit:
        case FinanceLineType::Discount: category = "Credit"; break;
        case FinanceLineType::Tax: category = "Tax"; break;
        case FinanceLineType::Refund:
        case FinanceLineType::Adjustment:
        case FinanceLineType::Fx: category = "Adjustment"; break;
        case FinanceLineType::Usage:
        case FinanceLineType::Topup: break;
        }
        if (!category)
            continue;
        Row row = common;
        if (!l.currency.isEmpty())
            row[BillingCurrency] = l.currency.toUtf8();
        row[BilledCost] = dec(l.amount);
        row[EffectiveCost] = row[BilledCost];
        row[ContractedCost] = row[BilledCost]; // unrelated to unit prices: FOCUS says match BilledCost
        row[ListCost] = row[BilledCost];
        row[ChargeCategory] = category;
        row[ChargeFrequency] = "One-Time";
        QByteArray description = l.description.toUtf8();
        if (description.isEmpty())
            description = financeLineTypeName(l.lineType);
        row[ChargeDescription] = description;
        if (!l.documentId.isEmpty())
            row[InvoiceId] = l.documentId.toUtf8();

        // A line's own service period, else the billing period. period_end is a date the
        // line still covers unless it is exactly the billing period's exclusive end.
        UtcMicros start = r.period.start, end = r.period.end;
        if (l.periodStart.isValid())
            start = timeutil::dayStart(timeutil::dayFromDate(l.periodStart));
        if (l.periodEnd.isValid()) {
            const UtcMicros endDay = timeutil::dayStart(timeutil::dayFromDate(l.periodEnd));
            end = (endDay == r.period.end && endDay > start) ? endDay : timeutil::dayStart(timeutil::dayFromDate(l.periodEnd) + 1);
        }
        if (!l.periodStart.isValid() && l.periodEnd.isValid() && end <= start)
            start = end - 86400000000LL;
        row[ChargePeriodStart] = timeutil::formatUtc(start).toLatin1();
        row[ChargePeriodEnd] = timeutil::formatUtc(end).toLatin1();
        // A credit or refund for an earlier, already invoiced period is a correction.
        if (l.periodEnd.isValid() && end <= r.period.start)
            row[ChargeClass] = "Correction";

        if (!l.model.isEmpty()) {
            const QByteArray m = l.model.toUtf8();
            row[SkuId] = m;
            row[PublisherName] = publisherName(sv(m), QString::fromUtf8(provider)).toUtf8();
        } else {
            row[PublisherName] = provider;
        }
        if (!l.apiKeyName.isEmpty()) {
            row[SubAccountId] = l.apiKeyName.toUtf8();
            row[SubAccountType] = "API Key";
            const OwnerRow *o = owners.find(l.apiKeyName);
            if (o) {
                row[SubAccountName] = o->ownerGroup.toUtf8();
                row[Tags] = tagsJson(o->costCenter, o->ownerGroup);
            }
        }
        appendRow(out, row);
    }
    return out;
}

bool FocusExporter::write(const QString &path, const ReconcileResult &result, const LedgerSet &set, QString *error)
{
    return ResultWriter::writeFile(path, focusCsv(result, set), error);
}

} // namespace tl
