// SPDX-License-Identifier: Apache-2.0
#include "core/model/referencetables.h"

#include <algorithm>
#include <string>

namespace tl {

namespace {
std::string lower(std::string_view t)
{
    std::string s(t);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
} // namespace

const char *financeLineTypeName(FinanceLineType t)
{
    switch (t) {
    case FinanceLineType::Usage: return "usage";
    case FinanceLineType::Credit: return "credit";
    case FinanceLineType::Discount: return "discount";
    case FinanceLineType::Tax: return "tax";
    case FinanceLineType::Topup: return "topup";
    case FinanceLineType::Refund: return "refund";
    case FinanceLineType::Adjustment: return "adjustment";
    case FinanceLineType::Fx: return "fx";
    }
    return "usage";
}

bool parseFinanceLineType(std::string_view text, FinanceLineType *out)
{
    const std::string t = lower(text);
    for (int i = 0; i <= static_cast<int>(FinanceLineType::Fx); ++i) {
        if (t == financeLineTypeName(static_cast<FinanceLineType>(i))) {
            *out = static_cast<FinanceLineType>(i);
            return true;
        }
    }
    return false;
}

const char *evidenceStatusName(EvidenceStatus s)
{
    switch (s) {
    case EvidenceStatus::Verified: return "verified";
    case EvidenceStatus::Unverified: return "unverified";
    case EvidenceStatus::Superseded: return "superseded";
    }
    return "unverified";
}

bool parseEvidenceStatus(std::string_view text, EvidenceStatus *out)
{
    const std::string t = lower(text);
    for (int i = 0; i <= static_cast<int>(EvidenceStatus::Superseded); ++i) {
        if (t == evidenceStatusName(static_cast<EvidenceStatus>(i))) {
            *out = static_cast<EvidenceStatus>(i);
            return true;
        }
    }
    return false;
}

} // namespace tl
