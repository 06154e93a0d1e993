// SPDX-License-Identifier: Apache-2.0
#include "core/import/importer.h"

#include "core/import/formatregistry.h"
#include "core/import/importcontext.h"
#include "core/import/secretredactor.h"
#include "core/util/sha256.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <future>
#include <vector>

namespace tl {

ImportReport Importer::importFile(const QString &path, ImportOptions options, LedgerSet &set, bool keepStored)
{
    if (options.displayName.isEmpty())
        options.displayName = QFileInfo(path).fileName();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw ImportError(options.displayName, 0, QString(), QStringLiteral("cannot open: %1").arg(f.errorString()));
    QByteArray raw;
    if (f.size() > 0) {
        uchar *m = f.map(0, f.size());
        if (m)
            raw = QByteArray::fromRawData(reinterpret_cast<const char *>(m), static_cast<qsizetype>(f.size()));
        else
            raw = f.readAll();
    }
    ImportReport r = importBytes(raw, options, set, keepStored);
    r.path = QFileInfo(path).absoluteFilePath();
    set.files.back().report.path = r.path;
    return r;
}

ImportReport Importer::importBytes(const QByteArray &raw, ImportOptions options, LedgerSet &set, bool keepStored)
{
    if (options.displayName.isEmpty())
        options.displayName = QStringLiteral("(input)");
    ImportReport report;
    report.fileName = options.displayName;
    report.kind = QString::fromLatin1(ledgerKindName(options.kind));
    report.sizeReceived = raw.size();
    // Large files are hashed on a second thread while they are scanned and parsed
    // (architecture.md: hashing overlaps parsing). The futures finish before raw goes away.
    constexpr qsizetype kAsyncHashBytes = 1 << 20;
    const auto hashOf = [](const QByteArray &bytes) {
        if (bytes.size() < kAsyncHashBytes) {
            std::promise<QString> p;
            p.set_value(Sha256::hex(bytes));
            return p.get_future();
        }
        return std::async(std::launch::async, [&bytes] { return Sha256::hex(bytes); });
    };
    std::future<QString> receivedHash = hashOf(raw);

    const FormatInfo *format = nullptr;
    if (options.format.isEmpty()) {
        format = FormatRegistry::detect(raw, options.displayName, options.kind);
        if (!format)
            throw ImportError(options.displayName, 0, QString(),
                              QStringLiteral("cannot tell the format of this file; name one with --format (see `tokenledger-cli formats`)"));
        report.formatDetected = true;
    } else {
        format = FormatRegistry::find(options.format);
        if (!format)
            throw ImportError(options.displayName, 0, QString(),
                              QStringLiteral("unknown format '%1' (see `tokenledger-cli formats`)").arg(options.format));
    }
    if (!format->kinds.contains(options.kind)) {
        QStringList kinds;
        for (LedgerKind k : format->kinds)
            kinds << QString::fromLatin1(ledgerKindName(k));
        throw ImportError(options.displayName, 0, QString(),
                          QStringLiteral("format %1 cannot feed the %2 ledger (it feeds: %3)")
                              .arg(format->id, QString::fromLatin1(ledgerKindName(options.kind)), kinds.join(QStringLiteral(", "))));
    }
    options.format = format->id;
    report.format = format->id;

    qint64 redactions = 0;
    const QByteArray redacted = SecretRedactor::redact(raw, &redactions);
    report.redactions = redactions;
    if (redactions > 0)
        report.notes << QStringLiteral("%1 secret value(s) replaced by key# tokens; the stored copy is the redacted one").arg(redactions);

    std::future<QString> redactedHash;
    if (redactions > 0)
        redactedHash = hashOf(redacted);

    LedgerData data;
    ImportContext ctx(redacted, options, set.pool(), set.nextFileIndex(), report, data);
    format->import(ctx);

    // Duplicates the file itself shows (same request_id and attempt twice).
    if (data.attempts.size() > 0) {
        // (request id, attempt) as one 64-bit key; sorted, a duplicate is an equal neighbour
        // (a sort is cache-friendly where a hash set of millions of nodes is not).
        std::vector<std::uint64_t> keys(data.attempts.size());
        for (std::size_t i = 0; i < keys.size(); ++i)
            keys[i] = (static_cast<std::uint64_t>(data.attempts.requestId[i]) << 32) | static_cast<std::uint32_t>(data.attempts.attempt[i]);
        std::sort(keys.begin(), keys.end());
        qint64 dups = 0;
        for (std::size_t i = 1; i < keys.size(); ++i)
            dups += keys[i] == keys[i - 1] ? 1 : 0;
        if (dups > 0) {
            report.quarantined[QStringLiteral("duplicate")] += dups;
            report.rowsAccepted -= dups;
        }
    }

    const QByteArray &stored = ctx.hasRewrittenStored ? ctx.rewrittenStored : redacted;
    report.sizeStored = stored.size();
    report.sha256Received = receivedHash.get();
    if (stored.constData() == raw.constData() && stored.size() == raw.size())
        report.sha256Stored = report.sha256Received;
    else if (!ctx.hasRewrittenStored && redactedHash.valid())
        report.sha256Stored = redactedHash.get();
    else
        report.sha256Stored = Sha256::hex(stored);

    SourceFile sf;
    sf.report = report;
    sf.observedAt = options.observedAt;
    if (keepStored) {
        sf.storedBytes = stored;
        sf.storedBytes.detach(); // raw may be a mapping that goes away with the file
    }
    set.add(options.kind, std::move(sf), std::move(data));
    return report;
}

} // namespace tl
