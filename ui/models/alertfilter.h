// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"

namespace tl {

/**
 * The Ledgers filter that shows an alert's evidence rows: its client, gateway and provider
 * per-request rows as the filter's row sets (the side-by-side view by request shows each
 * request they belong to), else its provider day rows (key·day view). A filter holds one kind
 * of provider row: day rows beside per-request records are counted as not shown.
 */
class AlertFilter
{
public:
    struct Coverage
    {
        qint64 client = 0, gateway = 0, providerDaily = 0, providerRequests = 0;
        qint64 notShown = 0; ///< evidence rows the filter cannot express (said so, never silently dropped)
        qint64 shown() const { return client + gateway + providerDaily + providerRequests - notShown; }
    };

    static LedgerFilter build(const Workspace &ws, const Alert &alert, Coverage *coverage = nullptr);
    /** "ip_outside_allowlist · k1: 12 rows" (says so when the alert holds only its first rows). */
    static QString label(const Alert &alert);
};

} // namespace tl
