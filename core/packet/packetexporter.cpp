// SPDX-License-Identifier: Apache-2.0
#include "core/packet/packetexporter.h"

#include "core/export/focusexporter.h"
#include "core/export/htmlreport.h"
#include "core/packet/bagbuilder.h"
#include "core/reconcile/resultwriter.h"
#include "core/util/jsonwriter.h"
#include "core/util/timeutil.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonDocument>
#include <QSysInfo>

#include <sodium.h>

namespace tl {

namespace {

QByteArray csvRow(const QStringList &fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        const QByteArray f = fields[i].toUtf8();
        ResultWriter::csvField(out, std::string_view(f.constData(), static_cast<std::size_t>(f.size())));
    }
    out += '\n';
    return out;
}

QByteArray evidenceCsv(const LedgerSet &set)
{
    QByteArray out = csvRow({QStringLiteral("evidence_id"), QStringLiteral("assumption"), QStringLiteral("area"), QStringLiteral("owner"),
                             QStringLiteral("source_url_or_ticket"), QStringLiteral("accessed_on"), QStringLiteral("statement_or_screenshot_ref"),
                             QStringLiteral("screenshot_sha256"), QStringLiteral("dependent_system"), QStringLiteral("fallback_behavior"),
                             QStringLiteral("next_review_on"), QStringLiteral("status"), QStringLiteral("notes")});
    for (const EvidenceEntry &e : set.evidence)
        out += csvRow({e.evidenceId, e.assumption, e.area, e.owner, e.sourceUrlOrTicket, e.accessedOn.toString(Qt::ISODate),
                       e.statementOrScreenshotRef, e.screenshotSha256, e.dependentSystem, e.fallbackBehavior,
                       e.nextReviewOn.toString(Qt::ISODate), QString::fromLatin1(evidenceStatusName(e.status)), e.notes});
    return out;
}

} // namespace

QString PacketExporter::periodLabel(const Period &period)
{
    const QDate s = timeutil::dateFromDay(timeutil::utcDay(period.start));
    const QDate e = timeutil::dateFromDay(timeutil::utcDay(period.end));
    const bool midnight = period.start % 86400000000LL == 0 && period.end % 86400000000LL == 0;
    if (midnight && s.day() == 1 && e == s.addMonths(1))
        return s.toString(QStringLiteral("yyyy-MM"));
    return s.toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('_') + e.toString(QStringLiteral("yyyyMMdd"));
}

QString PacketExporter::nextPacketId(const Period &period, const QString &outDir)
{
    const QString account = BagBuilder::safeName(period.accountRef.isEmpty() ? QStringLiteral("account") : period.accountRef);
    const QString base = QStringLiteral("PKT-%1-%2-").arg(account, periodLabel(period));
    for (int seq = 1;; ++seq) {
        const QString id = base + QStringLiteral("%1").arg(seq, 3, 10, QLatin1Char('0'));
        if (!QFile::exists(QDir(outDir).filePath(id + QStringLiteral(".zip"))))
            return id;
    }
}

QMap<QString, QByteArray> PacketExporter::payload(const Job &job, const LedgerSet &set, const ReconcileResult &result,
                                                  const QString &packetId, const QString &keyIdHex, const PacketOptions &options,
                                                  const QString &createdAt)
{
    QMap<QString, QByteArray> files;
    QMap<QString, QString> roles;

    // Inputs as stored, with the register that ties them to what was received.
    QByteArray reg = csvRow({QStringLiteral("stored_name"), QStringLiteral("original_name"), QStringLiteral("kind"), QStringLiteral("format"),
                             QStringLiteral("imported_at"), QStringLiteral("size_received"), QStringLiteral("sha256_received"),
                             QStringLiteral("size_stored"), QStringLiteral("sha256_stored"), QStringLiteral("redactions"),
                             QStringLiteral("dropped_text_fields")});
    for (std::size_t i = 0; i < set.files.size(); ++i) {
        const SourceFile &f = set.files[i];
        const QString stored = QStringLiteral("%1_%2").arg(i + 1, 3, 10, QLatin1Char('0')).arg(BagBuilder::safeName(QFileInfo(f.report.fileName).fileName()));
        const QString path = QStringLiteral("inputs/raw/") + stored;
        files.insert(path, f.storedBytes);
        roles.insert(QStringLiteral("input:") + stored, path);
        reg += csvRow({stored, f.report.fileName, f.report.kind, f.report.format, createdAt, QString::number(f.report.sizeReceived),
                       f.report.sha256Received, QString::number(f.report.sizeStored), f.report.sha256Stored,
                       QString::number(f.report.redactions), QString::number(f.report.droppedTextFields)});
        const QString kind = f.report.kind;
        if (kind == QLatin1String("prices") || kind == QLatin1String("mapping") || kind == QLatin1String("policy"))
            files.insert(kind + QLatin1Char('/') + stored, f.storedBytes);
    }
    files.insert(QStringLiteral("inputs/register.csv"), reg);

    // The period.
    {
        JsonWriter w;
        w.beginObject();
        w.field("start_utc", timeutil::formatUtc(job.period.start));
        w.field("end_utc", timeutil::formatUtc(job.period.end));
        w.field("account_ref", job.period.accountRef);
        w.field("currency", job.period.currency);
        w.fieldOrNull("environment", job.period.environment);
        w.fieldOrNull("invoice_id", job.period.invoiceId);
        w.fieldOrNull("snapshot_id", job.period.snapshotId);
        w.field("as_of", timeutil::formatUtc(job.controls.asOf));
        w.key("controls");
        w.beginObject();
        w.fieldBool("fail_on_unknown_model", job.controls.failOnUnknownModel);
        w.fieldBool("fail_on_missing_token_usage", job.controls.failOnMissingTokenUsage);
        w.fieldBool("fail_on_unverified_pricing", job.controls.failOnUnverifiedPricing);
        w.field("variance_threshold_percent", job.controls.varianceThresholdPercent.toString());
        w.field("variance_threshold_absolute", job.controls.varianceThresholdAbsolute.toString());
        w.field("posting_window_hours", static_cast<long long>(job.controls.postingWindowHours));
        w.field("rounding_mode", roundingModeName(job.controls.roundingMode));
        w.field("rounding_scale", job.controls.roundingScale);
        w.endObject();
        w.endObject();
        files.insert(QStringLiteral("period/period.json"), w.data());
    }

    // Results.
    files.insert(QStringLiteral("results/summary.json"), ResultWriter::summaryJson(result, set));
    files.insert(QStringLiteral("results/lines.csv"), ResultWriter::linesCsv(result, set));
    files.insert(QStringLiteral("results/variance.csv"), ResultWriter::varianceCsv(result, set));
    files.insert(QStringLiteral("results/exclusions.csv"), ResultWriter::exclusionsCsv(result, set));
    files.insert(QStringLiteral("results/counts.csv"), ResultWriter::countsCsv(result, set));
    files.insert(QStringLiteral("results/focus.csv"), FocusExporter::focusCsv(result, set));
    files.insert(QStringLiteral("evidence/register.csv"), evidenceCsv(set));
    if (!options.reportPdf.isEmpty()) {
        files.insert(QStringLiteral("report/report.pdf"), options.reportPdf);
    } else {
        HtmlReportPacketInfo info;
        info.packetId = packetId;
        info.createdAt = createdAt;
        info.signerKeyId = keyIdHex;
        info.preparer = options.preparer;
        info.signedOff = options.signedOff;
        if (options.signedOff)
            info.signoff = options.signoff.toJson();
        files.insert(QStringLiteral("report/report.html"), HtmlReport::html(result, set, packetId, HtmlReport::Charts::InlineSvg, &info));
    }

    // The tool.
    {
        JsonWriter w;
        w.beginObject();
        w.field("application", "tokenledger");
        w.field("version", TOKENLEDGER_VERSION);
        w.field("commit", TOKENLEDGER_COMMIT);
        w.field("qt", QString::fromLatin1(qVersion()));
        w.field("libsodium", sodium_version_string());
        w.field("os", QSysInfo::prettyProductName());
        w.endObject();
        files.insert(QStringLiteral("tool/version.json"), w.data());
    }

    for (auto it = files.cbegin(); it != files.cend(); ++it)
        if (!it.key().startsWith(QLatin1String("inputs/raw/")))
            roles.insert(it.key().section(QLatin1Char('/'), 0, 0) + QLatin1Char(':') + it.key().section(QLatin1Char('/'), 1), QStringLiteral("data/") + it.key());
    JsonWriter w;
    w.beginObject();
    w.field("packet_id", packetId);
    w.field("format", "tokenledger-packet/1");
    w.field("period", periodLabel(job.period));
    w.field("start_utc", timeutil::formatUtc(job.period.start));
    w.field("end_utc", timeutil::formatUtc(job.period.end));
    w.field("account_ref", job.period.accountRef);
    w.field("currency", job.period.currency);
    w.field("created_at", createdAt);
    w.fieldOrNull("preparer", options.preparer);
    w.key("reviewer_signoff");
    if (options.signedOff)
        w.raw(QJsonDocument(options.signoff.toJson()).toJson(QJsonDocument::Compact).toStdString());
    else
        w.string(std::string_view("not signed off"));
    w.field("decision", decisionName(result.decision));
    w.fieldBool("provisional", result.provisional);
    w.field("signer_key_id", keyIdHex);
    w.key("index");
    w.beginObject();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        w.field(it.key().toStdString(), it.value());
    w.endObject();
    w.endObject();
    files.insert(QStringLiteral("packet.json"), w.data());
    return files;
}

QString PacketExporter::write(const Job &job, const LedgerSet &set, const ReconcileResult &result, const MinisignSecretKey &key,
                              const PacketOptions &options, QString *error, QString *packetId)
{
    for (const SourceFile &f : set.files) {
        if (f.storedBytes.isNull() && f.report.sizeStored > 0) {
            *error = QStringLiteral("internal error: the stored copy of %1 was not kept for the packet").arg(f.report.fileName);
            return QString();
        }
    }
    const QString outDir = options.outFile.isEmpty() ? options.outDir : QFileInfo(options.outFile).absolutePath();
    if (!QDir().mkpath(outDir)) {
        *error = QStringLiteral("cannot create %1").arg(outDir);
        return QString();
    }
    const UtcMicros now = options.createdAt != kNoTime ? options.createdAt : QDateTime::currentMSecsSinceEpoch() / 1000 * 1000000;
    const QString createdAt = timeutil::formatUtc(now);
    // A file named like a packet (PKT-…) names the packet; any other name gets the next free id.
    const QString base = options.outFile.isEmpty() ? QString() : QFileInfo(options.outFile).completeBaseName();
    const QString id = base.startsWith(QLatin1String("PKT-")) && BagBuilder::safeName(base) == base ? base : nextPacketId(job.period, outDir);
    const QString keyId = key.publicKey().keyIdHex();
    PacketOptions opts = options;
    if (opts.renderReport) {
        PacketReportContext ctx;
        ctx.packetId = id;
        ctx.periodLabel = periodLabel(job.period);
        ctx.createdAt = createdAt;
        ctx.signerKeyId = keyId;
        ctx.preparer = options.preparer;
        ctx.signedOff = options.signedOff;
        ctx.signoff = options.signoff;
        QString reportError;
        opts.reportPdf = opts.renderReport(result, set, ctx, &reportError);
        if (opts.reportPdf.isEmpty()) {
            *error = QStringLiteral("cannot render the report: %1").arg(reportError.isEmpty() ? QStringLiteral("no output") : reportError);
            return QString();
        }
    }
    BagBuilder bag(id);
    const QMap<QString, QByteArray> files = payload(job, set, result, id, keyId, opts, createdAt);
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        bag.addPayload(it.key(), it.value());
    bag.setSourceOrganization(job.period.accountRef);
    bag.addInfo(QStringLiteral("Packet-Format"), QStringLiteral("tokenledger-packet/1"));
    bag.addInfo(QStringLiteral("Packet-Period"), periodLabel(job.period));
    bag.addInfo(QStringLiteral("Signing-Key-Id"), keyId);
    const QString trusted = QStringLiteral("packet=%1 period=%2 decision=%3 signed=%4")
                                .arg(id, periodLabel(job.period), QString::fromLatin1(decisionName(result.decision)), createdAt);
    const QString path = options.outFile.isEmpty() ? QDir(outDir).filePath(id + QStringLiteral(".zip")) : QFileInfo(options.outFile).absoluteFilePath();
    if (!bag.writeZip(path, key, trusted, createdAt.left(10), error))
        return QString();
    if (packetId)
        *packetId = id;
    return path;
}

} // namespace tl
