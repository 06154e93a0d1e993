// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"
#include "core/reconcile/reconcileresult.h"

#include <stdexcept>

namespace tl {

/** A reconciliation that cannot run (e.g. a snapshot with two rows valid at once). */
class ReconcileError : public std::runtime_error
{
public:
    explicit ReconcileError(const QString &message) : std::runtime_error(message.toStdString()), m_message(message) {}
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

/**
 * Runs one reconciliation over loaded ledgers (reconciliation.md): classifies and prices
 * every client attempt in the period, compares counts, tokens and cost with the gateway and
 * provider ledgers, explains the variance by category, rolls up finance and decides
 * pass/warn/fail with reasons. Pure: the same inputs give the same result.
 */
class Reconciler
{
public:
    static ReconcileResult run(const Job &job, LedgerSet &set);
};

} // namespace tl
