// SPDX-License-Identifier: Apache-2.0
#include "core/reconcile/decisionmaker.h"

#include "core/util/timeutil.h"

#include <QHash>

namespace tl {

bool DecisionMaker::isMaterial(Decimal amount, Decimal estimatedBillable, const JobControls &controls)
{
    const Decimal a = amount.abs();
    if (a > controls.varianceThresholdAbsolute)
        return true;
    if (estimatedBillable.isZero())
        return false;
    // |amount| > percent/100 × |estimated|, compared without division.
    return a.mulInt(100) > controls.varianceThresholdPercent.mul(estimatedBillable.abs());
}

void DecisionMaker::decide(ReconcileResult &res, const LedgerSet &set, const Input &in)
{
    const JobControls &k = res.controls;
    auto rowsOf = [&res](const std::vector<std::uint32_t> &lines) {
        std::vector<std::uint32_t> rows;
        rows.reserve(lines.size());
        for (std::uint32_t li : lines)
            rows.push_back(res.lineRow[li]);
        return rows;
    };
    auto addReason = [&res](const char *code, Decision level, const QString &detail, qint64 rows,
                            std::vector<std::uint32_t> clientRows = {}, QStringList entries = {}) {
        DecisionReason r;
        r.code = QString::fromLatin1(code);
        r.level = level;
        r.detail = detail;
        r.rows = rows;
        r.clientRows = std::move(clientRows);
        r.entries = std::move(entries);
        res.reasons.push_back(std::move(r));
    };

    if (!in.unknownModelLines.empty()) {
        QStringList models = in.unknownModels;
        models.sort();
        addReason("unknown_model", k.failOnUnknownModel ? Decision::Fail : Decision::Warn,
                  QStringLiteral("%1 attempt(s) use a model with no mapping or no price (%2); they are quarantined, not priced")
                      .arg(in.unknownModelLines.size())
                      .arg(models.join(QStringLiteral(", "))),
                  static_cast<qint64>(in.unknownModelLines.size()), rowsOf(in.unknownModelLines), models);
    }
    if (!in.missingUsageLines.empty())
        addReason("missing_usage", k.failOnMissingTokenUsage ? Decision::Fail : Decision::Warn,
                  QStringLiteral("%1 billable attempt(s) have no token usage (e.g. a stream read without include_usage); their cost is unknown, not zero")
                      .arg(in.missingUsageLines.size()),
                  static_cast<qint64>(in.missingUsageLines.size()), rowsOf(in.missingUsageLines));
    if (!in.duplicateLines.empty())
        addReason("duplicate", Decision::Warn,
                  QStringLiteral("%1 row(s) repeat a request_id and attempt already seen; the repeats are quarantined")
                      .arg(in.duplicateLines.size()),
                  static_cast<qint64>(in.duplicateLines.size()), rowsOf(in.duplicateLines));

    // Evidence behind the snapshots used and the policy.
    QHash<QString, const EvidenceEntry *> evidence;
    for (const EvidenceEntry &e : set.evidence)
        evidence.insert(e.evidenceId, &e);
    QSet<QString> snapshotEvidence;
    QStringList unverified;
    QSet<QString> seenSnapshots;
    for (const PriceRow &p : set.prices) {
        StringPool::Id sid = set.pool().find(std::string_view(p.snapshotId.toUtf8().constData()));
        if (!in.usedSnapshots.contains(sid) || seenSnapshots.contains(p.snapshotId + QLatin1Char('\x1f') + p.evidenceId))
            continue;
        seenSnapshots.insert(p.snapshotId + QLatin1Char('\x1f') + p.evidenceId);
        const EvidenceEntry *e = p.evidenceId.isEmpty() ? nullptr : evidence.value(p.evidenceId);
        if (!e || e->status != EvidenceStatus::Verified) {
            const QString why = p.evidenceId.isEmpty() ? QStringLiteral("%1 (no evidence_id)").arg(p.snapshotId)
                : !e ? QStringLiteral("%1 (evidence %2 is not in the register)").arg(p.snapshotId, p.evidenceId)
                     : QStringLiteral("%1 (evidence %2 is %3)").arg(p.snapshotId, p.evidenceId, QString::fromLatin1(evidenceStatusName(e->status)));
            if (!unverified.contains(why))
                unverified << why;
        } else {
            snapshotEvidence.insert(p.evidenceId);
        }
    }
    if (!unverified.isEmpty()) {
        unverified.sort();
        addReason("unverified_pricing", k.failOnUnverifiedPricing ? Decision::Fail : Decision::Warn,
                  QStringLiteral("price snapshot not backed by a verified evidence entry: %1").arg(unverified.join(QStringLiteral("; "))),
                  unverified.size(), {}, unverified);
    }
    QSet<QString> behind = snapshotEvidence;
    for (const PolicyRow &p : set.policy)
        if (!p.evidenceId.isEmpty())
            behind.insert(p.evidenceId);
    QStringList overdue;
    const QDate asOf = timeutil::dateFromDay(timeutil::utcDay(k.asOf));
    for (const QString &id : behind) {
        const EvidenceEntry *e = evidence.value(id);
        if (e && e->nextReviewOn.isValid() && e->nextReviewOn < asOf)
            overdue << QStringLiteral("%1 (review was due %2)").arg(id, e->nextReviewOn.toString(Qt::ISODate));
    }
    if (!overdue.isEmpty()) {
        overdue.sort();
        addReason("evidence_overdue", Decision::Warn,
                  QStringLiteral("evidence behind the pricing or policy is past its review date: %1").arg(overdue.join(QStringLiteral("; "))),
                  overdue.size(), {}, overdue);
    }

    if (!res.providerReported.known) {
        addReason("no_provider_data", Decision::Warn,
                  QStringLiteral("no provider figure for the period: the estimate cannot be reconciled (a lifetime total_used_quota is not the period's)"),
                  0);
    } else {
        const UtcMicros window = k.postingWindowHours * 3600LL * 1000000LL;
        if (res.observedAt == kNoTime || res.observedAt < res.period.end + window) {
            res.provisional = true;
            addReason("provider_not_final", Decision::Warn,
                      res.observedAt == kNoTime
                          ? QStringLiteral("the provider observation has no observed_at time; figures are provisional")
                          : QStringLiteral("provider data observed %1, less than %2 h after the period end: figures are provisional")
                                .arg(timeutil::formatUtc(res.observedAt))
                                .arg(k.postingWindowHours),
                      0);
        }
        const Decimal unexplained = res.varianceByCategory[static_cast<std::size_t>(VarianceCategory::Unexplained)];
        if (isMaterial(unexplained, res.estimatedBillable, k)) {
            std::vector<std::uint32_t> rows;
            for (const VarianceItem &v : res.variance_items)
                if (v.category == VarianceCategory::Unexplained)
                    rows.insert(rows.end(), v.clientRows.begin(), v.clientRows.end());
            addReason("unexplained_variance", Decision::Fail,
                      QStringLiteral("%1 of the variance is unexplained, above the threshold (%2% or %3)")
                          .arg(unexplained.toString(), k.varianceThresholdPercent.toString(), k.varianceThresholdAbsolute.toString()),
                      res.varianceRowsByCategory[static_cast<std::size_t>(VarianceCategory::Unexplained)], rows);
        } else if (isMaterial(res.variance.value, res.estimatedBillable, k)) {
            QStringList parts;
            for (int i = 0; i < VarianceCategoryCount; ++i) {
                const Decimal &a = res.varianceByCategory[static_cast<std::size_t>(i)];
                if (!a.isZero())
                    parts << QStringLiteral("%1 %2").arg(QString::fromLatin1(varianceCategoryName(static_cast<VarianceCategory>(i))), a.toString());
            }
            qint64 rows = 0;
            for (qint64 r : res.varianceRowsByCategory)
                rows += r;
            addReason("explained_variance", Decision::Warn,
                      QStringLiteral("variance %1 is above the threshold (%2% or %3) and explained: %4")
                          .arg(res.variance.value.toString(), k.varianceThresholdPercent.toString(), k.varianceThresholdAbsolute.toString(),
                               parts.join(QStringLiteral(", "))),
                      rows);
        }
    }

    res.decision = Decision::Pass;
    for (const DecisionReason &r : res.reasons)
        if (r.level > res.decision)
            res.decision = r.level;
    // Reasons in a stable order: the most severe first, then by code.
    std::stable_sort(res.reasons.begin(), res.reasons.end(), [](const DecisionReason &a, const DecisionReason &b) {
        return a.level != b.level ? a.level > b.level : a.code < b.code;
    });
}

} // namespace tl
