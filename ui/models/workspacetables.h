// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/reconcile/reconcileresult.h"
#include "ui/document/workspace.h"

#include <memory>

namespace tl {

class ColumnTableModel;

/**
 * Fills ColumnTableModels with the workspace's reference tables and summaries: which columns,
 * how each cell reads the core's data, how rows are coloured. A null workspace gives the
 * columns with no rows.
 */
class WorkspaceTables
{
public:
    using WorkspacePtr = std::shared_ptr<const Workspace>;

    static void prices(ColumnTableModel *model, const WorkspacePtr &ws);
    static void mappings(ColumnTableModel *model, const WorkspacePtr &ws);
    static void owners(ColumnTableModel *model, const WorkspacePtr &ws);
    static void evidence(ColumnTableModel *model, const WorkspacePtr &ws);
    static void outcomes(ColumnTableModel *model, const WorkspacePtr &ws);
    static void keys(ColumnTableModel *model, const WorkspacePtr &ws);
    static void models(ColumnTableModel *model, const WorkspacePtr &ws);
    /** All categories in report order (row = category value). */
    static void varianceCategories(ColumnTableModel *model, const WorkspacePtr &ws);
    /** The attributed items, of one category or (category < 0) all; SourceRowRole = item index. */
    static void varianceItems(ColumnTableModel *model, const WorkspacePtr &ws, int category = -1);

    /** One line a finance reviewer can read: what a variance category means. */
    static QString categoryDescription(VarianceCategory c);
    /** "Missing usage" */
    static QString categoryTitle(VarianceCategory c);
    /** "file.csv:12" */
    static QString sourceText(const Workspace &ws, std::uint32_t file, std::uint32_t line);
};

} // namespace tl
