// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"
#include "ui/models/ledgerfilter.h"

#include <cstdint>
#include <vector>

namespace tl {

/**
 * A LedgerFilter compiled against one workspace: strings are looked up once (keys, models and
 * owners become pool ids, the search text a per-string hit table), so that testing a row is a
 * few array reads. Used by every ledger view, so that one filter bar means the same everywhere.
 */
class LedgerFilterMatcher
{
public:
    LedgerFilterMatcher(const Workspace &ws, const LedgerFilter &filter);

    /** A client line (index into the result's line columns) passes every criterion but the row
     *  set (rows / providerRows), which the views test per aligned row. The match state is the
     *  line's request row's (checkMatchState false: a key·day view tests its cell's instead). */
    bool line(std::size_t li, bool checkMatchState = true) const;
    /** The filter names a set of rows (a reason's, a variance item's). */
    bool hasRowSet() const { return m_filter.hasRowSet(); }
    /** The line's client row is in the filter's rows. */
    bool lineRowMarked(std::size_t li) const;
    /** A gateway or provider record without a client line: key, model, owner, day and text only;
     *  a criterion only a client line can answer (outcome, category, status, client rows) fails it. */
    bool record(StringPool::Id key, StringPool::Id model, DayNumber day, std::initializer_list<StringPool::Id> texts) const;
    /** Provider row i of the filter's providerRows. */
    bool providerRowMarked(std::size_t i) const { return i < m_providerMark.size() && m_providerMark[i]; }
    bool hasProviderRows() const { return !m_providerMark.empty(); }
    /** Gateway row i (LedgerSet::gateway) is in the filter's gatewayRows. */
    bool gatewayRowMarked(std::size_t i) const { return i < m_gatewayMark.size() && m_gatewayMark[i]; }
    bool keyPasses(StringPool::Id key) const { return !m_byKey || key == m_key; }
    bool dayPasses(DayNumber day) const { return m_filter.day == LedgerFilter::AnyDay || day == m_filter.day; }
    /** The key's owner group (owners table) is the filter's owner. */
    bool ownerPassesForKey(StringPool::Id key) const;
    bool textHit(StringPool::Id id) const { return m_byText && id < m_textMatch.size() && m_textMatch[id]; }
    bool byText() const { return m_byText; }
    /** Criteria only a client line can answer are set (outcome, category, status). */
    bool needsLine() const;
    /** Any criterion that looks inside a key·day cell (model, outcome, category, status, match, text, rows). */
    bool needsCellContent() const;
    const LedgerFilter &filter() const { return m_filter; }

private:
    const Workspace &m_ws;
    LedgerFilter m_filter;
    bool m_byKey = false, m_byModel = false, m_byOwner = false, m_byText = false;
    StringPool::Id m_key = 0, m_model = 0, m_ownerId = 0;
    std::int32_t m_ownerIndex = -1;
    std::vector<std::uint8_t> m_rowMark, m_providerMark, m_gatewayMark, m_textMatch;
};

} // namespace tl
