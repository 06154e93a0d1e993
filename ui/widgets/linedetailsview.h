// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QTextBrowser>

#include <memory>

namespace tl {

/**
 * The Details pane of a ledger line: the row's fields, its source file and line, and its price
 * lineage (the mapping row that chose the billable model, the snapshot and the price row, with
 * the evidence behind it).
 */
class LineDetailsView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit LineDetailsView(QWidget *parent = nullptr);
    /** Shows line (index into the result's line columns), or the hint when line < 0. */
    void showLine(const std::shared_ptr<const Workspace> &ws, int line);

    static QString lineHtml(const Workspace &ws, int line);
};

} // namespace tl
