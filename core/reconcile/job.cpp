// SPDX-License-Identifier: Apache-2.0
#include "core/reconcile/job.h"

#include "core/import/importerror.h"
#include "core/util/timeutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace tl {

namespace {

struct Reader
{
    QString file;

    [[noreturn]] void fail(const QString &path, const QString &message) const
    {
        throw ImportError(file, 0, path, message);
    }

    bool boolean(const QJsonObject &o, const char *key, const QString &path, bool def) const
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return def;
        if (!v.isBool())
            fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("expected true or false"));
        return v.toBool();
    }

    // A number or a decimal string, read exactly. JSON numbers come through QJsonDocument as
    // doubles; their shortest round-trip text is the text that was written for any value a
    // person writes in a job file (1.0, 0.5, 2.25), so nothing is lost in practice.
    Decimal decimal(const QJsonObject &o, const char *key, const QString &path, Decimal def) const
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return def;
        QByteArray text;
        if (v.isString())
            text = v.toString().toUtf8();
        else if (v.isDouble())
            text = QByteArray::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
        else
            fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("expected a decimal number"));
        Decimal d;
        const auto r = Decimal::parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), &d);
        if (!r.ok)
            fail(path + QLatin1Char('.') + QLatin1String(key), r.error);
        return d;
    }

    std::int64_t integer(const QJsonObject &o, const char *key, const QString &path, std::int64_t def) const
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return def;
        if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInteger()))
            fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("expected an integer"));
        return v.toInteger();
    }

    UtcMicros time(const QJsonObject &o, const char *key, const QString &path, bool required) const
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
            if (required)
                fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("required timestamp is missing"));
            return kNoTime;
        }
        if (!v.isString())
            fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("expected an ISO 8601 timestamp string"));
        const QByteArray t = v.toString().toUtf8();
        UtcMicros out = 0;
        QString why;
        if (!timeutil::parseTimestamp(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), nullptr, &out, &why))
            fail(path + QLatin1Char('.') + QLatin1String(key), why);
        return out;
    }
};

// The allocation's job controls (core/allocation/README.md): alert thresholds and the denylist.
void readAllocationSettings(const Reader &rd, const QJsonObject &c, const QString &cp, AllocationSettings *a)
{
    const auto positive = [&](const char *key, Decimal v) {
        if (v.signum() <= 0)
            rd.fail(cp + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be greater than 0"));
        return v;
    };
    const auto atLeast = [&](const char *key, std::int64_t v, std::int64_t min) {
        if (v < min)
            rd.fail(cp + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be at least %1").arg(min));
        return v;
    };
    a->spikeFactor = positive("alert_spike_factor", rd.decimal(c, "alert_spike_factor", cp, a->spikeFactor));
    a->spikeBaselineDays = atLeast("alert_spike_baseline_days", rd.integer(c, "alert_spike_baseline_days", cp, a->spikeBaselineDays), 1);
    a->spikeMinBaselineDays =
        atLeast("alert_spike_min_baseline_days", rd.integer(c, "alert_spike_min_baseline_days", cp, a->spikeMinBaselineDays), 1);
    a->spikeMinCount = atLeast("alert_spike_min_count", rd.integer(c, "alert_spike_min_count", cp, a->spikeMinCount), 0);
    a->budgetProjectedPercent =
        positive("alert_budget_projected_percent", rd.decimal(c, "alert_budget_projected_percent", cp, a->budgetProjectedPercent));
    if (c.contains(QLatin1String("alert_variance_growth_percent")))
        a->varianceGrowthPercent = {rd.decimal(c, "alert_variance_growth_percent", cp, Decimal()), true};
    if (c.contains(QLatin1String("alert_variance_growth_absolute")))
        a->varianceGrowthAbsolute = {rd.decimal(c, "alert_variance_growth_absolute", cp, Decimal()), true};
    a->noveltyBaselineDays = atLeast("alert_novelty_baseline_days", rd.integer(c, "alert_novelty_baseline_days", cp, a->noveltyBaselineDays), 1);
    const QJsonValue deny = c.value(QLatin1String("model_denylist"));
    if (!deny.isUndefined() && !deny.isNull()) {
        if (!deny.isArray())
            rd.fail(cp + QStringLiteral(".model_denylist"), QStringLiteral("expected an array of model names"));
        const QJsonArray arr = deny.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            if (!arr.at(i).isString() || arr.at(i).toString().trimmed().isEmpty())
                rd.fail(cp + QStringLiteral(".model_denylist[%1]").arg(i), QStringLiteral("expected a model name"));
            a->modelDenylist << arr.at(i).toString().trimmed();
        }
    }
}

} // namespace

Job Job::load(const QString &path)
{
    QFile f(path);
    const QString name = QFileInfo(path).fileName();
    if (!f.open(QIODevice::ReadOnly))
        throw ImportError(name, 0, QString(), QStringLiteral("cannot open job file: %1").arg(f.errorString()));
    Job job = fromJson(f.readAll(), name, QFileInfo(path).absolutePath());
    job.path = QFileInfo(path).absoluteFilePath();
    return job;
}

Job Job::fromJson(const QByteArray &json, const QString &displayName, const QString &baseDir)
{
    Job job;
    job.displayName = displayName;
    job.bytes = json;
    Reader rd{displayName};
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const qint64 line = json.left(pe.offset).count('\n') + 1;
        throw ImportError(displayName, line, QString(), QStringLiteral("not valid JSON: %1").arg(pe.errorString()));
    }
    if (!doc.isObject())
        rd.fail(QStringLiteral("$"), QStringLiteral("expected a JSON object with reconciliation_period"));
    const QJsonObject root = doc.object();
    const QJsonValue pv = root.value(QLatin1String("reconciliation_period"));
    if (!pv.isObject())
        rd.fail(QStringLiteral("$.reconciliation_period"), QStringLiteral("required object is missing"));
    const QJsonObject p = pv.toObject();
    const QString pp = QStringLiteral("$.reconciliation_period");
    job.period.start = rd.time(p, "start_utc", pp, true);
    job.period.end = rd.time(p, "end_utc", pp, true);
    if (job.period.end <= job.period.start)
        rd.fail(pp + QStringLiteral(".end_utc"), QStringLiteral("end_utc must be after start_utc"));
    job.period.accountRef = p.value(QLatin1String("account_ref")).toString();
    if (p.contains(QLatin1String("currency")))
        job.period.currency = p.value(QLatin1String("currency")).toString();
    job.period.environment = p.value(QLatin1String("environment")).toString();
    job.period.invoiceId = p.value(QLatin1String("invoice_id")).toString();
    job.period.snapshotId = p.value(QLatin1String("snapshot_id")).toString();
    for (const QJsonValue &m : p.value(QLatin1String("models")).toArray())
        job.period.models << m.toString();

    const QJsonObject c = root.value(QLatin1String("controls")).toObject();
    const QString cp = QStringLiteral("$.controls");
    JobControls &k = job.controls;
    k.failOnUnknownModel = rd.boolean(c, "fail_on_unknown_model", cp, true);
    k.failOnMissingTokenUsage = rd.boolean(c, "fail_on_missing_token_usage", cp, true);
    k.failOnUnverifiedPricing = rd.boolean(c, "fail_on_unverified_pricing", cp, true);
    k.varianceThresholdPercent = rd.decimal(c, "variance_threshold_example_percent", cp, k.varianceThresholdPercent);
    k.varianceThresholdPercent = rd.decimal(c, "variance_threshold_percent", cp, k.varianceThresholdPercent);
    k.varianceThresholdAbsolute = rd.decimal(c, "variance_threshold_absolute", cp, k.varianceThresholdAbsolute);
    k.postingWindowHours = rd.integer(c, "posting_window_hours", cp, 48);
    if (k.postingWindowHours < 0)
        rd.fail(cp + QStringLiteral(".posting_window_hours"), QStringLiteral("must not be negative"));
    k.asOf = rd.time(c, "as_of", cp, false);
    if (k.asOf == kNoTime)
        k.asOf = job.period.end;
    const QJsonValue rm = c.value(QLatin1String("rounding_mode"));
    if (rm.isString()) {
        const QByteArray t = rm.toString().toUtf8();
        if (!parseRoundingMode(std::string_view(t.constData(), static_cast<std::size_t>(t.size())), &k.roundingMode))
            rd.fail(cp + QStringLiteral(".rounding_mode"), QStringLiteral("expected half-even, half-up, down, up, floor or ceiling"));
    }
    k.roundingScale = static_cast<int>(rd.integer(c, "rounding_scale", cp, 2));
    if (k.roundingScale < 0 || k.roundingScale > 18)
        rd.fail(cp + QStringLiteral(".rounding_scale"), QStringLiteral("expected 0 to 18"));
    k.matchWindowSeconds = rd.integer(c, "match_window_seconds", cp, 120);
    readAllocationSettings(rd, c, cp, &k.allocation);

    const QJsonValue inputs = root.value(QLatin1String("inputs"));
    if (!inputs.isUndefined()) {
        if (!inputs.isArray())
            rd.fail(QStringLiteral("$.inputs"), QStringLiteral("expected an array of inputs"));
        const QJsonArray arr = inputs.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QString ip = QStringLiteral("$.inputs[%1]").arg(i);
            const QJsonObject o = arr.at(i).toObject();
            JobInput in;
            const QByteArray kind = o.value(QLatin1String("kind")).toString().toUtf8();
            if (!parseLedgerKind(std::string_view(kind.constData(), static_cast<std::size_t>(kind.size())), &in.options.kind))
                rd.fail(ip + QStringLiteral(".kind"), QStringLiteral("expected client, gateway, provider, finance (or invoice), prices, mapping, owners, policy, evidence or units"));
            in.options.format = o.value(QLatin1String("format")).toString();
            const QString rel = o.value(QLatin1String("path")).toString();
            if (rel.isEmpty())
                rd.fail(ip + QStringLiteral(".path"), QStringLiteral("required path is missing"));
            in.path = QDir(baseDir).absoluteFilePath(rel);
            in.options.displayName = rel;
            in.options.observedAt = rd.time(o, "observed_at", ip, false);
            in.options.assumeTz = o.value(QLatin1String("assume_tz")).toString();
            if (o.contains(QLatin1String("day_tz")))
                in.options.dayTz = o.value(QLatin1String("day_tz")).toString();
            if (o.contains(QLatin1String("quota_per_usd")))
                in.options.quotaPerUsd = rd.decimal(o, "quota_per_usd", ip, in.options.quotaPerUsd);
            if (o.contains(QLatin1String("upstream_ratio")))
                in.options.upstreamRatio = {rd.decimal(o, "upstream_ratio", ip, Decimal()), true};
            in.options.snapshotId = o.value(QLatin1String("snapshot_id")).toString();
            in.options.accountRef = job.period.accountRef;
            in.options.currency = job.period.currency;
            job.inputs.push_back(std::move(in));
        }
    }
    job.inlineUsage = root.contains(QLatin1String("usage_rows"));
    if (job.inputs.empty() && !job.inlineUsage)
        rd.fail(QStringLiteral("$"), QStringLiteral("the job has neither inputs nor usage_rows"));
    return job;
}

} // namespace tl
