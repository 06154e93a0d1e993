// SPDX-License-Identifier: Apache-2.0
#include "ui/models/alertfilter.h"

#include "ui/models/displayformat.h"

#include <QCoreApplication>

#include <algorithm>

namespace tl {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("tl::AlertFilter", text, nullptr, n);
}

std::shared_ptr<const std::vector<std::uint32_t>> sortedUnique(std::vector<std::uint32_t> v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return std::make_shared<const std::vector<std::uint32_t>>(std::move(v));
}

} // namespace

QString AlertFilter::label(const Alert &alert)
{
    const qint64 held = static_cast<qint64>(alert.evidence.size());
    const QString rows = held < alert.rows
        ? tr("first %1 of %2 rows").arg(DisplayFormat::count(held), DisplayFormat::count(alert.rows))
        : (alert.rows == 1 ? tr("1 row") : tr("%1 rows").arg(DisplayFormat::count(alert.rows)));
    return QStringLiteral("%1 \u00B7 %2: %3").arg(alert.code, alert.subject, rows);
}

LedgerFilter AlertFilter::build(const Workspace &, const Alert &alert, Coverage *coverage)
{
    Coverage c;
    std::vector<std::uint32_t> client, requests, daily;
    std::vector<std::uint32_t> gateway;
    for (const EvidenceRow &e : alert.evidence) {
        switch (e.ledger) {
        case EvidenceLedger::Client:
            ++c.client;
            client.push_back(e.row);
            break;
        case EvidenceLedger::Gateway:
            ++c.gateway;
            gateway.push_back(e.row);
            break;
        case EvidenceLedger::ProviderRequest:
            ++c.providerRequests;
            requests.push_back(e.row);
            break;
        case EvidenceLedger::ProviderDaily:
            ++c.providerDaily;
            daily.push_back(e.row);
            break;
        }
    }
    LedgerFilter f;
    if (!client.empty())
        f.rows = sortedUnique(std::move(client));
    if (!gateway.empty())
        f.gatewayRows = sortedUnique(std::move(gateway));
    if (!requests.empty()) {
        f.providerRows = sortedUnique(std::move(requests));
        f.providerRowsAreRequests = true;
        c.notShown += c.providerDaily; // one kind of provider row per filter: the per-request records win
    } else if (!daily.empty()) {
        f.providerRows = sortedUnique(std::move(daily));
        f.providerRowsAreRequests = false;
    }
    f.rowsLabel = label(alert);
    if (coverage)
        *coverage = c;
    return f;
}

} // namespace tl
