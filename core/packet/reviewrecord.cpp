// SPDX-License-Identifier: Apache-2.0
#include "core/packet/reviewrecord.h"

#include <QJsonDocument>

namespace tl {

const QStringList &ReviewRecord::fieldNames()
{
    static const QStringList names = {
        QStringLiteral("review_date"), QStringLiteral("reviewer"), QStringLiteral("reviewer_role"),
        QStringLiteral("source_urls_checked"), QStringLiteral("ledger_period"), QStringLiteral("request_time_utc"),
        QStringLiteral("workload_label"), QStringLiteral("owner_group"), QStringLiteral("environment"),
        QStringLiteral("request_owner"), QStringLiteral("request_result"), QStringLiteral("status_class"),
        QStringLiteral("usage_evidence_present"), QStringLiteral("pricing_reference_checked"),
        QStringLiteral("evidence_attached"), QStringLiteral("allocation_rule"), QStringLiteral("unit_metric_name"),
        QStringLiteral("decision"), QStringLiteral("result"), QStringLiteral("follow_up_owner"), QStringLiteral("notes"),
    };
    return names;
}

bool ReviewRecord::fromJson(const QByteArray &json, const QString &fileName, ReviewRecord *out, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2)").arg(fileName, pe.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!fieldNames().contains(it.key())) {
            *error = QStringLiteral("%1: $.%2: unknown review record field (expected one of: %3)")
                         .arg(fileName, it.key(), fieldNames().join(QStringLiteral(", ")));
            return false;
        }
    }
    if (o.value(QLatin1String("reviewer")).toString().isEmpty()) {
        *error = QStringLiteral("%1: $.reviewer: a sign-off names its reviewer").arg(fileName);
        return false;
    }
    const QString decision = o.value(QLatin1String("decision")).toString();
    if (!decision.isEmpty() && decision != QLatin1String("pass") && decision != QLatin1String("warn") && decision != QLatin1String("fail")) {
        *error = QStringLiteral("%1: $.decision: expected pass, warn or fail").arg(fileName);
        return false;
    }
    out->m_values = o;
    return true;
}

QJsonObject ReviewRecord::toJson() const
{
    QJsonObject o;
    for (const QString &f : fieldNames())
        o.insert(f, m_values.contains(f) ? m_values.value(f) : QJsonValue(QJsonValue::Null));
    return o;
}

} // namespace tl
