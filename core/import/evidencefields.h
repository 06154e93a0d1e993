// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importcontext.h"

#include <array>
#include <functional>
#include <string_view>

namespace tl::evidence {

/** The fields of an evidence-register entry (formats.md §9), in the spec's order. */
enum Field : int {
    EvidenceId,
    Assumption,
    Area,
    Owner,
    SourceUrlOrTicket,
    AccessedOn,
    StatementOrScreenshotRef,
    ScreenshotSha256,
    DependentSystem,
    FallbackBehavior,
    NextReviewOn,
    Status,
    Notes,
    FieldCount
};

extern const std::array<const char *, FieldCount> kFieldNames;
bool isRequired(int field);
/** The field a header name or JSON key means (ASCII case-insensitive), or -1. */
int fieldForName(std::string_view name);

/**
 * Builds one entry from the text of its fields (empty = absent), shared by the CSV and the
 * JSON reader so both apply the same rules. `label(field)` names a field in messages (a
 * column name or a JSON path); `line` is the line the messages name.
 */
EvidenceEntry makeEntry(const ImportContext &ctx, const std::array<std::string_view, FieldCount> &values, qint64 line,
                        const std::function<QString(int)> &label, bool json);

} // namespace tl::evidence
