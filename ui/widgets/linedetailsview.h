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

    /** Shows an aligned request row (LedgerAlignment::requests): each ledger's side with its source. */
    void showRequestRow(const std::shared_ptr<const Workspace> &ws, int alignedRow);
    /** Shows a key·day or invoice row (LedgerAlignment::days) with the provider rows behind it. */
    void showDayRow(const std::shared_ptr<const Workspace> &ws, int alignedRow);

    static QString lineHtml(const Workspace &ws, int line);
    static QString requestRowHtml(const Workspace &ws, int alignedRow);
    static QString dayRowHtml(const Workspace &ws, int alignedRow);
};

} // namespace tl
