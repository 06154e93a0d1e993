// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/referencetables.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <vector>

namespace tl {

/**
 * The rules an evidence-register entry (formats.md §9) must meet before the editor saves it,
 * with messages that say which field, what was wrong and what is expected: an id, an
 * assumption and an owner are required; the source is an http(s) URL or a ticket id; dates are
 * YYYY-MM-DD, accessed on or before today, reviewed after access; a verified entry names its
 * source, when it was read and when it is next reviewed.
 */
class EvidenceValidator
{
public:
    struct Problem
    {
        QString field;   ///< the §9 field name
        QString message; ///< for people
    };

    /** The §9 field names, in the spec's order. */
    static QStringList fields();
    /** "Source URL or ticket" */
    static QString label(const QString &field);
    /** The areas of §9. */
    static QStringList areas();
    /** Problems with the text of one field as typed (format only), empty when fine. */
    static QString checkField(const QString &field, const QString &value, const QDate &today);
    /**
     * Every problem of an entry given as field texts; `takenIds` are the ids of the other
     * entries (an id must be unique). Empty when the entry can be saved.
     */
    static std::vector<Problem> validate(const QStringList &values, const QDate &today, const QStringList &takenIds = {});
    /** True for an http(s) URL with a host, or a ticket id (FIN-123, SUPPORT-1, #123). */
    static bool isUrlOrTicket(const QString &text);
    /** The field texts of an entry, in fields() order (dates as YYYY-MM-DD). */
    static QStringList valuesOf(const EvidenceEntry &e);
};

} // namespace tl
