// SPDX-License-Identifier: Apache-2.0
#include "ui/models/evidencereview.h"

#include <QCoreApplication>

namespace tl {

EvidenceReview::State EvidenceReview::state(const EvidenceEntry &e, const QDate &asOf)
{
    if (e.status == EvidenceStatus::Superseded)
        return Superseded;
    if (!e.nextReviewOn.isValid() || !asOf.isValid())
        return NoReviewDate;
    if (e.nextReviewOn < asOf)
        return Overdue;
    if (e.nextReviewOn <= asOf.addDays(DueSoonDays))
        return DueSoon;
    return Current;
}

QString EvidenceReview::stateText(State s)
{
    switch (s) {
    case Current: return QCoreApplication::translate("tl::EvidenceReview", "current");
    case DueSoon: return QCoreApplication::translate("tl::EvidenceReview", "review due within %1 days").arg(DueSoonDays);
    case Overdue: return QCoreApplication::translate("tl::EvidenceReview", "review overdue");
    case NoReviewDate: return QCoreApplication::translate("tl::EvidenceReview", "no review date");
    case Superseded: return QCoreApplication::translate("tl::EvidenceReview", "superseded");
    }
    return QString();
}

EvidenceReview::Counts EvidenceReview::count(const std::vector<EvidenceEntry> &entries, const QDate &asOf)
{
    Counts c;
    for (const EvidenceEntry &e : entries) {
        const State s = state(e, asOf);
        if (s == Overdue)
            ++c.overdue;
        else if (s == DueSoon)
            ++c.dueSoon;
    }
    return c;
}

} // namespace tl
