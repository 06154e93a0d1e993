// SPDX-License-Identifier: Apache-2.0
#include "core/reconcile/reconcileresult.h"

namespace tl {

const char *quarantineName(Quarantine q)
{
    switch (q) {
    case Quarantine::None: return "";
    case Quarantine::UnknownModel: return "unknown_model";
    case Quarantine::MissingUsage: return "missing_usage";
    case Quarantine::Duplicate: return "duplicate";
    }
    return "";
}

const char *varianceCategoryName(VarianceCategory c)
{
    switch (c) {
    case VarianceCategory::None: return "";
    case VarianceCategory::MissingInClient: return "missing_in_client";
    case VarianceCategory::MissingInProvider: return "missing_in_provider";
    case VarianceCategory::RetryAmplification: return "retry_amplification";
    case VarianceCategory::TimeoutAmbiguity: return "timeout_ambiguity";
    case VarianceCategory::MissingUsage: return "missing_usage";
    case VarianceCategory::ModelDrift: return "model_drift";
    case VarianceCategory::TokenDifference: return "token_difference";
    case VarianceCategory::PriceDrift: return "price_drift";
    case VarianceCategory::PostingDelay: return "posting_delay";
    case VarianceCategory::WindowMismatch: return "window_mismatch";
    case VarianceCategory::Rounding: return "rounding";
    case VarianceCategory::UnverifiedOutcome: return "unverified_outcome";
    case VarianceCategory::Unexplained: return "unexplained";
    }
    return "";
}

const char *decisionName(Decision d)
{
    switch (d) {
    case Decision::Pass: return "pass";
    case Decision::Warn: return "warn";
    case Decision::Fail: return "fail";
    }
    return "fail";
}

} // namespace tl
