// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importreport.h"
#include "core/model/attempttable.h"
#include "core/model/providertables.h"
#include "core/model/referencetables.h"
#include "core/model/stringpool.h"

#include <memory>
#include <vector>

namespace tl {

/** The ledger a file feeds (formats.md: the `kind` of a job input). */
enum class LedgerKind : std::int8_t { Client, Gateway, Provider, Finance, Prices, Mapping, Owners, Policy, Evidence, Units };
const char *ledgerKindName(LedgerKind k);
/** Accepts the kind names, and `invoice` for finance. */
bool parseLedgerKind(std::string_view text, LedgerKind *out);

/** Rows of any kind, as one import produces them (then merged into a LedgerSet). */
struct LedgerData
{
    AttemptTable attempts; ///< client or gateway rows, by the import's kind
    std::vector<ProviderObservation> observations;
    ProviderDailyTable providerDaily;
    ProviderRequestTable providerRequests;
    std::vector<FinanceLine> finance;
    std::vector<PriceRow> prices;
    std::vector<SkippedPrice> skippedPrices;
    std::vector<MappingRow> mappings;
    std::vector<OwnerRow> owners;
    std::vector<PolicyRow> policy;
    std::vector<EvidenceEntry> evidence;
    std::vector<BusinessUnitRow> units;
};

/** One imported file as registered (packet.md, data/inputs/register.csv). */
struct SourceFile
{
    ImportReport report;
    QString storedPath; ///< where the stored copy lives (empty when kept only in memory)
    UtcMicros observedAt = kNoTime; ///< provider inputs: when the observation was taken
    QByteArray storedBytes; ///< the stored copy, when kept in memory
};

/**
 * Everything loaded for one reconciliation: the four ledgers kept apart, the reference
 * tables, and the register of source files. Every row carries its source file index and
 * line. String columns share one pool.
 */
class LedgerSet
{
public:
    LedgerSet();

    StringPool &pool() { return *m_pool; }
    const StringPool &pool() const { return *m_pool; }

    /** Index the next file will get (rows of an import carry it). */
    std::uint32_t nextFileIndex() const { return static_cast<std::uint32_t>(files.size()); }
    /** Adds a successfully imported file's rows; the file gets index nextFileIndex(). */
    void add(LedgerKind kind, SourceFile file, LedgerData &&data);

    std::vector<SourceFile> files;
    AttemptTable client, gateway;
    std::vector<ProviderObservation> observations;
    ProviderDailyTable providerDaily;
    ProviderRequestTable providerRequests;
    std::vector<FinanceLine> finance;
    std::vector<PriceRow> prices;
    std::vector<SkippedPrice> skippedPrices;
    std::vector<MappingRow> mappings;
    std::vector<OwnerRow> owners;
    std::vector<PolicyRow> policy;
    std::vector<EvidenceEntry> evidence;
    std::vector<BusinessUnitRow> units;

private:
    std::unique_ptr<StringPool> m_pool;
};

} // namespace tl
