// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/ledgerset.h"
#include "core/packet/minisign.h"
#include "core/packet/reviewrecord.h"
#include "core/reconcile/job.h"
#include "core/reconcile/reconcileresult.h"

#include <QMap>
#include <QString>

#include <functional>

namespace tl {

/** What the packet tells its report beyond the reconciliation: who, when, which packet. */
struct PacketReportContext
{
    QString packetId, periodLabel, createdAt, signerKeyId, preparer;
    bool signedOff = false;
    ReviewRecord signoff;
};

/**
 * Renders data/report/report.pdf. The core stays free of Qt Gui: the UI's report library
 * (ui/report, PdfReport::render) supplies it. Returns the PDF, or empty bytes with *error set.
 */
using PacketReportRenderer = std::function<QByteArray(const ReconcileResult &, const LedgerSet &, const PacketReportContext &, QString *error)>;

/** What a packet needs beyond the reconciliation itself. */
struct PacketOptions
{
    /** The folder the packet goes to, as <outDir>/<packet id>.zip ... */
    QString outDir;
    /** ... or, when set, this exact file (its base name is the packet id when it is one, PKT-…). */
    QString outFile;
    QString preparer;
    bool signedOff = false;
    ReviewRecord signoff;
    /** Renders the PDF report once the packet id is known; without it the packet holds report.html. */
    PacketReportRenderer renderReport;
    /** A report already rendered (PDF); used when renderReport is not set. */
    QByteArray reportPdf;
    /** Fixed creation time for reproducible tests (default: now, UTC). */
    UtcMicros createdAt = kNoTime;
};

/**
 * Assembles and signs the reconciliation packet (packet.md): the inputs as stored, the
 * snapshot, mapping and policy used, the results, FOCUS rows, exclusions, the evidence
 * register, the report and the tool's version, as a BagIt bag signed with minisign.
 * The LedgerSet must have been loaded with keepStored = true.
 */
class PacketExporter
{
public:
    /** PKT-<account>-<period>-<seq>, with seq the next free number in outDir. */
    static QString nextPacketId(const Period &period, const QString &outDir);
    /** The payload files (path under data/ → bytes). */
    static QMap<QString, QByteArray> payload(const Job &job, const LedgerSet &set, const ReconcileResult &result,
                                             const QString &packetId, const QString &keyIdHex, const PacketOptions &options,
                                             const QString &createdAt);
    /** Writes <outDir>/<packetId>.zip (or outFile); returns its path, or an empty string with *error set. */
    static QString write(const Job &job, const LedgerSet &set, const ReconcileResult &result, const MinisignSecretKey &key,
                         const PacketOptions &options, QString *error, QString *packetId = nullptr);
    /** The period as written in packet names: 2026-05 for a calendar month, else start_end dates. */
    static QString periodLabel(const Period &period);
};

} // namespace tl
