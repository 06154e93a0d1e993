// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace tl {

/** The pages of the workbench, in tab order. */
enum class WorkbenchPage { Overview = 0, Ledgers, Variance, Keys, Evidence, Prices, Mappings, Owners, Count };

} // namespace tl
