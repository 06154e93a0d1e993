// SPDX-License-Identifier: Apache-2.0
#include "ui/models/evidencevalidator.h"

#include "core/store/workspacestore.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace tl {

namespace {

QString tr(const char *s)
{
    return QCoreApplication::translate("tl::EvidenceValidator", s);
}

QDate parseDate(const QString &text, bool *ok)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QDate d = shape.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
    *ok = d.isValid();
    return d;
}

} // namespace

QStringList EvidenceValidator::fields()
{
    return WorkspaceStore::evidenceFields();
}

QString EvidenceValidator::label(const QString &field)
{
    static const char *const labels[][2] = {
        {"evidence_id", "Evidence id"},
        {"assumption", "Assumption"},
        {"area", "Area"},
        {"owner", "Owner"},
        {"source_url_or_ticket", "Source URL or ticket"},
        {"accessed_on", "Accessed on"},
        {"statement_or_screenshot_ref", "Statement or screenshot"},
        {"screenshot_sha256", "Screenshot SHA-256"},
        {"dependent_system", "Dependent system"},
        {"fallback_behavior", "Fallback behavior"},
        {"next_review_on", "Next review on"},
        {"status", "Status"},
        {"notes", "Notes"},
    };
    for (const auto &l : labels)
        if (field == QLatin1String(l[0]))
            return tr(l[1]);
    return field;
}

QStringList EvidenceValidator::areas()
{
    return {QStringLiteral("endpoint"), QStringLiteral("auth"), QStringLiteral("request_fields"), QStringLiteral("response_fields"),
            QStringLiteral("error_behavior"), QStringLiteral("rate_limit"), QStringLiteral("billing"), QStringLiteral("pricing"),
            QStringLiteral("support"), QStringLiteral("unit_metric"), QStringLiteral("allocation")};
}

bool EvidenceValidator::isUrlOrTicket(const QString &text)
{
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) || t.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        const QUrl url(t, QUrl::StrictMode);
        return url.isValid() && !url.host().isEmpty() && url.host().contains(QLatin1Char('.')) && !t.contains(QLatin1Char(' '));
    }
    // A ticket: a project key and a number (FIN-123, SUPPORT-1, ops_desk-42) or a bare #123.
    static const QRegularExpression ticket(QStringLiteral("^(?:[A-Za-z][A-Za-z0-9_]*-\\d+|#\\d+)$"));
    return ticket.match(t).hasMatch();
}

QString EvidenceValidator::checkField(const QString &field, const QString &value, const QDate &today)
{
    const QString v = value.trimmed();
    const QString name = label(field);
    if (field == QLatin1String("evidence_id")) {
        if (v.isEmpty())
            return tr("%1 is required.").arg(name);
        if (v.contains(QRegularExpression(QStringLiteral("\\s"))))
            return tr("%1 cannot contain spaces; got \u201c%2\u201d.").arg(name, v);
    } else if (field == QLatin1String("assumption")) {
        if (v.isEmpty())
            return tr("%1 is required: say what is assumed.").arg(name);
    } else if (field == QLatin1String("owner")) {
        if (v.isEmpty())
            return tr("%1 is required: who answers for this entry and its review.").arg(name);
    } else if (field == QLatin1String("area")) {
        if (!v.isEmpty() && !areas().contains(v))
            return tr("%1 must be one of %2; got \u201c%3\u201d.").arg(name, areas().join(QStringLiteral(", ")), v);
    } else if (field == QLatin1String("source_url_or_ticket")) {
        if (!v.isEmpty() && !isUrlOrTicket(v))
            return tr("%1 must be an http(s) URL or a ticket id such as FIN-123; got \u201c%2\u201d.").arg(name, v);
    } else if (field == QLatin1String("accessed_on") || field == QLatin1String("next_review_on")) {
        if (v.isEmpty())
            return QString();
        bool ok = false;
        const QDate d = parseDate(v, &ok);
        if (!ok)
            return tr("%1 must be a date YYYY-MM-DD; got \u201c%2\u201d.").arg(name, v);
        if (field == QLatin1String("accessed_on") && today.isValid() && d > today)
            return tr("%1 cannot be in the future (today is %2).").arg(name, today.toString(Qt::ISODate));
    } else if (field == QLatin1String("screenshot_sha256")) {
        static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
        if (!v.isEmpty() && !hex.match(v).hasMatch())
            return tr("%1 must be 64 hex digits; got \u201c%2\u201d.").arg(name, v);
    } else if (field == QLatin1String("status")) {
        if (v != QLatin1String("verified") && v != QLatin1String("unverified") && v != QLatin1String("superseded"))
            return tr("%1 must be verified, unverified or superseded; got \u201c%2\u201d.").arg(name, v);
    }
    return QString();
}

std::vector<EvidenceValidator::Problem> EvidenceValidator::validate(const QStringList &values, const QDate &today, const QStringList &takenIds)
{
    std::vector<Problem> out;
    const QStringList f = fields();
    auto value = [&](const char *name) { return values.value(static_cast<int>(f.indexOf(QLatin1String(name)))).trimmed(); };
    for (int i = 0; i < f.size(); ++i) {
        const QString m = checkField(f[i], values.value(i), today);
        if (!m.isEmpty())
            out.push_back({f[i], m});
    }
    const QString id = value("evidence_id");
    if (!id.isEmpty() && takenIds.contains(id))
        out.push_back({QStringLiteral("evidence_id"), tr("Evidence id %1 is already used by another entry.").arg(id)});
    bool okA = false, okN = false;
    const QDate accessed = parseDate(value("accessed_on"), &okA);
    const QDate next = parseDate(value("next_review_on"), &okN);
    if (okA && okN && next <= accessed)
        out.push_back({QStringLiteral("next_review_on"),
                       tr("Next review on (%1) must come after Accessed on (%2).").arg(next.toString(Qt::ISODate), accessed.toString(Qt::ISODate))});
    if (value("status") == QLatin1String("verified")) {
        if (value("source_url_or_ticket").isEmpty())
            out.push_back({QStringLiteral("source_url_or_ticket"), tr("A verified entry needs its source: a URL or a ticket id.")});
        if (value("accessed_on").isEmpty())
            out.push_back({QStringLiteral("accessed_on"), tr("A verified entry needs the date its source was read.")});
        if (value("next_review_on").isEmpty())
            out.push_back({QStringLiteral("next_review_on"), tr("A verified entry needs a next review date.")});
    }
    return out;
}

QStringList EvidenceValidator::valuesOf(const EvidenceEntry &e)
{
    QStringList v;
    for (const QString &f : fields())
        v << WorkspaceStore::evidenceField(e, f);
    return v;
}

} // namespace tl
