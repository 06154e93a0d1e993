// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/referencetables.h"

#include <QDate>

#include <vector>

namespace tl {

/**
 * When an evidence entry is due for review (seed 000: every assumption has a next review
 * date): overdue when next_review_on is before the as-of day, due soon within 30 days after.
 * Superseded entries are history and never due.
 */
class EvidenceReview
{
public:
    enum State { Current, DueSoon, Overdue, NoReviewDate, Superseded };
    static constexpr int DueSoonDays = 30;

    static State state(const EvidenceEntry &e, const QDate &asOf);
    static QString stateText(State s);

    struct Counts
    {
        int overdue = 0, dueSoon = 0;
    };
    static Counts count(const std::vector<EvidenceEntry> &entries, const QDate &asOf);
};

} // namespace tl
