// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace tl {

/** The pages of the workbench, in tab order. */
enum class WorkbenchPage { Overview = 0, Ledgers, Variance, Keys, Owners, Alerts, Evidence, Prices, Mappings, Count };

} // namespace tl
