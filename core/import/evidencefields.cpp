// SPDX-License-Identifier: Apache-2.0
#include "core/import/evidencefields.h"

#include "core/import/tabularfields.h"

#include <algorithm>

namespace tl::evidence {

const std::array<const char *, FieldCount> kFieldNames = {
    "evidence_id", "assumption", "area", "owner", "source_url_or_ticket", "accessed_on", "statement_or_screenshot_ref",
    "screenshot_sha256", "dependent_system", "fallback_behavior", "next_review_on", "status", "notes",
};

bool isRequired(int field)
{
    return field == EvidenceId || field == Assumption || field == Owner || field == Status;
}

int fieldForName(std::string_view name)
{
    for (int f = 0; f < FieldCount; ++f)
        if (tabular::equalsNoCase(name, kFieldNames[static_cast<std::size_t>(f)]))
            return f;
    return -1;
}

namespace {
// An ImportContext helper takes the column as a C string; JSON paths are built per entry.
const char *cstr(const QByteArray &b) { return b.constData(); }
} // namespace

EvidenceEntry makeEntry(const ImportContext &ctx, const std::array<std::string_view, FieldCount> &raw, qint64 line,
                        const std::function<QString(int)> &label, bool json)
{
    std::array<std::string_view, FieldCount> v;
    for (int f = 0; f < FieldCount; ++f) {
        v[static_cast<std::size_t>(f)] = tabular::trimmed(raw[static_cast<std::size_t>(f)]);
        if (isRequired(f) && ImportContext::isNull(v[static_cast<std::size_t>(f)]))
            ctx.fail(line, label(f), json ? QStringLiteral("a value is required here, got none") : QStringLiteral("a value is required here, got an empty cell"));
    }
    const auto text = [&v](Field f) {
        const std::string_view s = v[static_cast<std::size_t>(f)];
        return ImportContext::isNull(s) ? QString() : ImportContext::qstr(s);
    };

    EvidenceEntry e;
    e.evidenceId = text(EvidenceId);
    e.assumption = text(Assumption);
    e.owner = text(Owner);
    e.sourceUrlOrTicket = text(SourceUrlOrTicket);
    e.statementOrScreenshotRef = text(StatementOrScreenshotRef);
    e.dependentSystem = text(DependentSystem);
    e.fallbackBehavior = text(FallbackBehavior);
    e.notes = text(Notes);

    const std::string_view area = v[Area];
    if (!ImportContext::isNull(area)) {
        static const char *const areas[] = {"endpoint", "auth", "request_fields", "response_fields", "error_behavior", "rate_limit",
                                            "billing", "pricing", "support", "unit_metric", "allocation"};
        if (std::none_of(std::begin(areas), std::end(areas), [area](const char *a) { return tabular::equalsNoCase(area, a); }))
            ctx.fail(line, label(Area),
                     QStringLiteral("unknown area %1; expected one of endpoint, auth, request_fields, response_fields, error_behavior, "
                                    "rate_limit, billing, pricing, support, unit_metric, allocation")
                         .arg(tabular::shown(area)));
        e.area = ImportContext::qstr(area).toLower();
    }

    const std::string_view sha = v[ScreenshotSha256];
    if (!ImportContext::isNull(sha)) {
        if (sha.size() != 64 || !std::all_of(sha.begin(), sha.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
            ctx.fail(line, label(ScreenshotSha256), QStringLiteral("expected 64 hex digits (a SHA-256), got %1").arg(tabular::shown(sha)));
        e.screenshotSha256 = ImportContext::qstr(sha).toLower();
    }

    e.accessedOn = ctx.date(v[AccessedOn], line, cstr(label(AccessedOn).toUtf8()));
    e.nextReviewOn = ctx.date(v[NextReviewOn], line, cstr(label(NextReviewOn).toUtf8()));

    const std::string_view status = v[Status];
    if (!parseEvidenceStatus(status, &e.status))
        ctx.fail(line, label(Status), QStringLiteral("unknown status %1; expected verified, unverified or superseded").arg(tabular::shown(status)));
    return e;
}

} // namespace tl::evidence
