// SPDX-License-Identifier: Apache-2.0
#include "core/store/workspacestore.h"

#include "core/import/importer.h"
#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"
#include "core/reconcile/reconciler.h"
#include "core/reconcile/resultwriter.h"
#include "core/store/migrations.h"
#include "core/util/osuser.h"
#include "core/util/timeutil.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QThread>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

namespace tl {

namespace {

// tests/core/store/tst_storesafety kills a process in the middle of an import: with
// TOKENLEDGER_TEST_STALL_BEFORE_COMMIT=FILE set, an import creates FILE and waits forever inside
// its open transaction, everything written but nothing committed. Unset in normal use.
void stallBeforeCommitForTests()
{
    const QString marker = qEnvironmentVariable("TOKENLEDGER_TEST_STALL_BEFORE_COMMIT");
    if (marker.isEmpty())
        return;
    QFile f(marker);
    if (f.open(QIODevice::WriteOnly))
        f.close();
    for (;;)
        QThread::sleep(1);
}

QAtomicInteger<quint64> g_connSeq;

QString sqlError(const QSqlQuery &q)
{
    return q.lastError().text();
}

/** Runs a prepared query that looks up one row and moves to it; false with *error set (the SQL error, or missing()) when there is none. */
template <typename Missing>
bool execOne(QSqlQuery &q, Missing missing, QString *error)
{
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    if (!q.next()) {
        *error = missing();
        return false;
    }
    return true;
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString evidenceColumn(const QString &field)
{
    // field names equal column names (formats.md §9); whitelisted before use in SQL
    return field;
}

QJsonObject optionsToJson(const ImportOptions &o)
{
    QJsonObject j;
    j.insert(QStringLiteral("kind"), QString::fromLatin1(ledgerKindName(o.kind)));
    if (!o.format.isEmpty())
        j.insert(QStringLiteral("format"), o.format);
    if (o.observedAt != kNoTime)
        j.insert(QStringLiteral("observed_at"), timeutil::formatUtc(o.observedAt));
    if (!o.assumeTz.isEmpty())
        j.insert(QStringLiteral("assume_tz"), o.assumeTz);
    if (o.dayTz != QLatin1String("UTC"))
        j.insert(QStringLiteral("day_tz"), o.dayTz);
    if (o.quotaPerUsd != Decimal::fromInt(500000))
        j.insert(QStringLiteral("quota_per_usd"), o.quotaPerUsd.toString());
    if (o.upstreamRatio.known)
        j.insert(QStringLiteral("upstream_ratio"), o.upstreamRatio.value.toString());
    if (!o.snapshotId.isEmpty())
        j.insert(QStringLiteral("snapshot_id"), o.snapshotId);
    return j;
}

} // namespace

WorkspaceStore::WorkspaceStore()
{
    m_conn = QStringLiteral("tl_workspace_%1").arg(++g_connSeq);
    m_user = OsUser::name(); // $USER, $LOGNAME, the account of the uid, or "unknown"
}

WorkspaceStore::~WorkspaceStore()
{
    close();
}

void WorkspaceStore::close()
{
    if (QSqlDatabase::contains(m_conn)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_conn, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_conn);
    }
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
}

bool WorkspaceStore::isOpen() const
{
    return QSqlDatabase::contains(m_conn) && QSqlDatabase::database(m_conn, false).isOpen();
}

QString WorkspaceStore::now() const
{
    return isoNow();
}

bool WorkspaceStore::exec(const QString &sql, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    if (!q.exec(sql)) {
        if (error)
            *error = QStringLiteral("%1 (in: %2)").arg(sqlError(q), sql.left(80));
        return false;
    }
    return true;
}

bool WorkspaceStore::open(const QString &pathOrUrl, QString *error, int targetVersion)
{
    close();
    if (pathOrUrl.trimmed().isEmpty()) {
        *error = QStringLiteral("no workspace named: give a NAME.tlw path or a postgresql://user@host:port/db URL");
        return false;
    }
    const bool isUrl = pathOrUrl.startsWith(QLatin1String("postgresql://")) || pathOrUrl.startsWith(QLatin1String("postgres://"));
    m_postgres = isUrl;
    if (isUrl) {
        const QUrl url(pathOrUrl);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_conn);
        if (!db.isValid()) {
            *error = QStringLiteral("the PostgreSQL driver (QPSQL) is not available");
            QSqlDatabase::removeDatabase(m_conn);
            return false;
        }
        db.setHostName(url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
        if (!db.open()) {
            *error = QStringLiteral("cannot connect to %1: %2").arg(url.toString(QUrl::RemovePassword), db.lastError().text());
            close();
            return false;
        }
    } else {
        QString path = pathOrUrl;
        if (!path.endsWith(QLatin1String(".tlw")))
            path += QLatin1String(".tlw");
        path = QFileInfo(path).absoluteFilePath();
        m_lock = std::make_unique<QLockFile>(path + QLatin1String(".lock"));
        m_lock->setStaleLockTime(0); // only a dead owner makes a lock stale
        if (!m_lock->tryLock(0)) {
            qint64 pid = 0;
            QString host, app;
            if (m_lock->error() == QLockFile::LockFailedError && m_lock->getLockInfo(&pid, &host, &app))
                *error = QStringLiteral("%1 is in use by %2@%3 (%4)").arg(path).arg(pid).arg(host, app);
            else
                *error = QStringLiteral("%1 is in use (cannot take %1.lock)").arg(path);
            m_lock.reset();
            return false;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_conn);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            *error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
            close();
            return false;
        }
        QString e;
        if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"), &e) || !exec(QStringLiteral("PRAGMA foreign_keys=ON"), &e)
            || !exec(QStringLiteral("PRAGMA busy_timeout=5000"), &e)) {
            *error = QStringLiteral("cannot open %1: %2").arg(path, e);
            close();
            return false;
        }
    }
    if (!migrate(targetVersion, error)) {
        close();
        return false;
    }
    return true;
}

int WorkspaceStore::schemaVersion() const
{
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    if (!q.exec(QStringLiteral("SELECT version FROM schema_version")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

bool WorkspaceStore::migrate(int targetVersion, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_conn, false);
    const bool hasTable = db.tables().contains(QStringLiteral("schema_version"));
    if (!hasTable) {
        if (!db.transaction() || !exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"), error)
            || !exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"), error) || !db.commit()) {
            db.rollback();
            if (error && error->isEmpty())
                *error = db.lastError().text();
            return false;
        }
    }
    int current = schemaVersion();
    if (current > kSchemaVersion) {
        *error = QStringLiteral("this workspace has schema version %1, newer than this TokenLedger understands (%2); "
                                "open it with a newer TokenLedger (it was not changed)")
                     .arg(current)
                     .arg(kSchemaVersion);
        return false;
    }
    const std::vector<QStringList> steps = store::migrations(m_postgres);
    while (current < targetVersion) {
        const int next = current + 1;
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        QString e;
        bool ok = true;
        for (const QString &sql : steps[static_cast<std::size_t>(next - 1)]) {
            if (!exec(sql, &e)) {
                ok = false;
                break;
            }
        }
        // the version row moves only if it is still where we read it (another process migrating)
        if (ok) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("UPDATE schema_version SET version = ? WHERE version = ?"));
            q.addBindValue(next);
            q.addBindValue(current);
            ok = q.exec() && q.numRowsAffected() == 1;
            if (!ok)
                e = q.lastError().text().isEmpty() ? QStringLiteral("the schema was migrated concurrently") : q.lastError().text();
        }
        if (!ok || !db.commit()) {
            db.rollback();
            *error = QStringLiteral("migration to schema version %1 failed: %2").arg(next).arg(e);
            return false;
        }
        current = next;
    }
    return true;
}

// ---- periods ----------------------------------------------------------------

bool WorkspaceStore::createPeriod(const StoredPeriod &p, QString *error)
{
    UtcMicros s = 0, e = 0;
    QString why;
    const QByteArray st = p.startUtc.toUtf8(), en = p.endUtc.toUtf8();
    if (!timeutil::parseTimestamp(std::string_view(st.constData(), std::size_t(st.size())), nullptr, &s, &why)) {
        *error = QStringLiteral("start: %1").arg(why);
        return false;
    }
    if (!timeutil::parseTimestamp(std::string_view(en.constData(), std::size_t(en.size())), nullptr, &e, &why)) {
        *error = QStringLiteral("end: %1").arg(why);
        return false;
    }
    if (e <= s) {
        *error = QStringLiteral("the period's end must be after its start");
        return false;
    }
    if (p.label.isEmpty()) {
        *error = QStringLiteral("a period needs a label");
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_conn, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO periods (label, start_utc, end_utc, account_ref, currency, created_by, created_at, controls_json)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(p.label);
    q.addBindValue(timeutil::formatUtc(s));
    q.addBindValue(timeutil::formatUtc(e));
    q.addBindValue(p.accountRef);
    q.addBindValue(p.currency.isEmpty() ? QStringLiteral("USD") : p.currency);
    q.addBindValue(m_user);
    q.addBindValue(now());
    q.addBindValue(QString::fromUtf8(QJsonDocument(p.controls).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        *error = QStringLiteral("cannot create period %1: %2").arg(p.label, sqlError(q));
        return false;
    }
    return true;
}

namespace {
StoredPeriod periodFrom(const QSqlQuery &q)
{
    StoredPeriod p;
    p.id = q.value(0).toLongLong();
    p.label = q.value(1).toString();
    p.startUtc = q.value(2).toString();
    p.endUtc = q.value(3).toString();
    p.accountRef = q.value(4).toString();
    p.currency = q.value(5).toString();
    p.frozenAt = q.value(6).toString();
    p.controls = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
    return p;
}
const char kPeriodCols[] = "SELECT id, label, start_utc, end_utc, account_ref, currency, frozen_at, controls_json FROM periods";
} // namespace

std::vector<StoredPeriod> WorkspaceStore::periods(QString *error) const
{
    std::vector<StoredPeriod> out;
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    if (!q.exec(QLatin1String(kPeriodCols) + QLatin1String(" ORDER BY start_utc, label"))) {
        if (error)
            *error = sqlError(q);
        return out;
    }
    while (q.next())
        out.push_back(periodFrom(q));
    return out;
}

bool WorkspaceStore::period(const QString &label, StoredPeriod *out, QString *error) const
{
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QLatin1String(kPeriodCols) + QLatin1String(" WHERE label = ?"));
    q.addBindValue(label);
    if (!execOne(q, [&label] { return QStringLiteral("no period '%1' in this workspace").arg(label); }, error))
        return false;
    *out = periodFrom(q);
    return true;
}

bool WorkspaceStore::freezePeriod(const QString &label, QString *error)
{
    StoredPeriod p;
    if (!period(label, &p, error))
        return false;
    if (p.frozen()) {
        *error = QStringLiteral("period %1 is already frozen (since %2)").arg(label, p.frozenAt);
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QStringLiteral("UPDATE periods SET frozen_at = ? WHERE id = ? AND frozen_at IS NULL"));
    q.addBindValue(now());
    q.addBindValue(p.id);
    if (!q.exec() || q.numRowsAffected() != 1) {
        *error = QStringLiteral("cannot freeze %1: %2").arg(label, sqlError(q));
        return false;
    }
    return true;
}

// ---- inputs -----------------------------------------------------------------

bool WorkspaceStore::importFile(const QString &periodLabel, const QString &path, ImportOptions options, ImportReport *report, QString *error)
{
    if (options.displayName.isEmpty())
        options.displayName = QFileInfo(path).fileName();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(options.displayName, f.errorString());
        return false;
    }
    return importBytes(periodLabel, f.readAll(), options, report, error);
}

bool WorkspaceStore::importBytes(const QString &periodLabel, const QByteArray &raw, ImportOptions options, ImportReport *report, QString *error)
{
    std::vector<ImportReport> reports;
    if (!saveInputs(periodLabel, {InputChange{raw, std::move(options), 0}}, &reports, error))
        return false;
    if (report)
        *report = reports.front();
    return true;
}

bool WorkspaceStore::saveInputs(const QString &periodLabel, const std::vector<InputChange> &changes, std::vector<ImportReport> *reports,
                                QString *error, std::vector<qint64> *seqs)
{
    StoredPeriod p;
    if (!period(periodLabel, &p, error))
        return false;
    if (p.frozen()) {
        *error = QStringLiteral("period %1 is frozen (since %2): it takes no new inputs; a correction belongs in a new period or run")
                     .arg(periodLabel, p.frozenAt);
        return false;
    }
    if (changes.empty()) {
        *error = QStringLiteral("nothing to store");
        return false;
    }
    for (std::size_t i = 0; i < changes.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (changes[i].supersedes > 0 && changes[i].supersedes == changes[j].supersedes) {
                *error = QStringLiteral("%1 and %2 both replace input %3: one input takes its place")
                             .arg(changes[j].options.displayName, changes[i].options.displayName)
                             .arg(changes[i].supersedes);
                return false;
            }
    // Every change is imported first, in memory: one refusal and nothing is written.
    struct Prepared
    {
        ImportOptions options;
        ImportReport report;
        QByteArray stored;
        std::vector<EvidenceEntry> evidence;
        qint64 supersedes = 0;
    };
    std::vector<Prepared> prepared;
    prepared.reserve(changes.size());
    for (const InputChange &c : changes) {
        Prepared pr;
        pr.options = c.options;
        pr.options.accountRef = p.accountRef;
        pr.options.currency = p.currency;
        pr.supersedes = c.supersedes;
        LedgerSet set;
        try {
            pr.report = Importer::importBytes(c.raw, pr.options, set, true);
        } catch (const ImportError &e) {
            *error = e.toString();
            return false;
        } catch (const std::exception &e) {
            *error = QString::fromUtf8(e.what());
            return false;
        }
        pr.stored = set.files.at(0).storedBytes;
        pr.options.format = pr.report.format;
        pr.evidence = std::move(set.evidence);
        prepared.push_back(std::move(pr));
    }

    QSqlDatabase db = QSqlDatabase::database(m_conn, false);
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QString failedName = prepared.front().options.displayName;
    auto fail = [&](const QString &why) {
        db.rollback();
        *error = QStringLiteral("%1: not stored: %2").arg(failedName, why);
        return false;
    };
    QSqlQuery q(db);
    // Re-checked inside the transaction: the period may have been frozen meanwhile. On PostgreSQL
    // the row lock makes the writers of one period take turns (so two never take the same seq)
    // and waits for a freeze in progress; SQLite has one writer at a time already.
    q.prepare(m_postgres ? QStringLiteral("SELECT frozen_at FROM periods WHERE id = ? FOR UPDATE")
                         : QStringLiteral("SELECT frozen_at FROM periods WHERE id = ?"));
    q.addBindValue(p.id);
    if (!q.exec() || !q.next())
        return fail(sqlError(q));
    if (!q.value(0).isNull() && !q.value(0).toString().isEmpty())
        return fail(QStringLiteral("period %1 was frozen").arg(periodLabel));
    int added = 0, kept = 0;
    std::vector<qint64> newSeqs;
    for (const Prepared &pr : prepared) {
        const ImportReport &r = pr.report;
        failedName = pr.options.displayName;
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM files WHERE sha256 = ?"));
        q.addBindValue(r.sha256Stored);
        if (!q.exec() || !q.next())
            return fail(sqlError(q));
        if (q.value(0).toLongLong() == 0) {
            q.prepare(QStringLiteral("INSERT INTO files (sha256, bytes, sha256_received, size_received, size_stored, original_name, kind,"
                                     " format, report_json, redactions, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(r.sha256Stored);
            q.addBindValue(pr.stored);
            q.addBindValue(r.sha256Received);
            q.addBindValue(r.sizeReceived);
            q.addBindValue(r.sizeStored);
            q.addBindValue(pr.options.displayName);
            q.addBindValue(r.kind);
            q.addBindValue(r.format);
            q.addBindValue(QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact)));
            q.addBindValue(r.redactions);
            q.addBindValue(m_user);
            q.addBindValue(now());
            if (!q.exec())
                return fail(sqlError(q));
        }
        q.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM period_inputs WHERE period_id = ?"));
        q.addBindValue(p.id);
        if (!q.exec() || !q.next())
            return fail(sqlError(q));
        const qint64 seq = q.value(0).toLongLong();
        if (pr.supersedes > 0) {
            // The input replaced must be current and of the same kind.
            q.prepare(QStringLiteral("SELECT f.kind, i.original_name, i.superseded_by FROM period_inputs i JOIN files f ON f.sha256 = i.file_sha256"
                                     " WHERE i.period_id = ? AND i.seq = ?"));
            q.addBindValue(p.id);
            q.addBindValue(pr.supersedes);
            if (!q.exec())
                return fail(sqlError(q));
            if (!q.next())
                return fail(QStringLiteral("period %1 has no input %2 to replace").arg(periodLabel).arg(pr.supersedes));
            const QString oldKind = q.value(0).toString(), oldName = q.value(1).toString();
            const qint64 by = q.value(2).isNull() ? 0 : q.value(2).toLongLong();
            if (oldKind != r.kind)
                return fail(QStringLiteral("input %1 (%2) is of kind %3, not %4: an input is replaced only by one of its kind")
                                .arg(pr.supersedes).arg(oldName, oldKind, r.kind));
            QSqlQuery u(db);
            u.prepare(QStringLiteral("UPDATE period_inputs SET superseded_by = ? WHERE period_id = ? AND seq = ? AND superseded_by IS NULL"));
            u.addBindValue(seq);
            u.addBindValue(p.id);
            u.addBindValue(pr.supersedes);
            if (!u.exec())
                return fail(sqlError(u));
            if (by > 0 || u.numRowsAffected() != 1) {
                // Someone else replaced it first: say by what, who and when.
                QString who;
                q.prepare(QStringLiteral("SELECT n.seq, n.added_by, n.added_at FROM period_inputs o JOIN period_inputs n"
                                         " ON n.period_id = o.period_id AND n.seq = o.superseded_by WHERE o.period_id = ? AND o.seq = ?"));
                q.addBindValue(p.id);
                q.addBindValue(pr.supersedes);
                if (q.exec() && q.next())
                    who = QStringLiteral(" by input %1 (%2, %3)").arg(q.value(0).toLongLong()).arg(q.value(1).toString(), q.value(2).toString());
                return fail(QStringLiteral("input %1 (%2) was replaced meanwhile%3; reload the period and edit its current input")
                                .arg(pr.supersedes).arg(oldName, who));
            }
        }
        newSeqs.push_back(seq);
        q.prepare(QStringLiteral("INSERT INTO period_inputs (period_id, seq, file_sha256, original_name, options_json, added_by, added_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(p.id);
        q.addBindValue(seq);
        q.addBindValue(r.sha256Stored);
        q.addBindValue(pr.options.displayName);
        q.addBindValue(QString::fromUtf8(QJsonDocument(optionsToJson(pr.options)).toJson(QJsonDocument::Compact)));
        q.addBindValue(m_user);
        q.addBindValue(now());
        if (!q.exec())
            return fail(sqlError(q));
        if (pr.options.kind == LedgerKind::Evidence) {
            for (const EvidenceEntry &e : pr.evidence) {
                q.prepare(QStringLiteral("SELECT COUNT(*) FROM evidence WHERE evidence_id = ?"));
                q.addBindValue(e.evidenceId);
                if (!q.exec() || !q.next())
                    return fail(sqlError(q));
                if (q.value(0).toLongLong() > 0) {
                    ++kept;
                    continue;
                }
                QString why;
                if (!insertEvidence(q, e, QStringLiteral("created from %1").arg(pr.options.displayName), &why))
                    return fail(why);
                ++added;
            }
        }
    }
    stallBeforeCommitForTests();
    if (!db.commit())
        return fail(db.lastError().text());
    m_lastEvidenceAdded = added;
    m_lastEvidenceKept = kept;
    if (reports) {
        reports->clear();
        for (const Prepared &pr : prepared)
            reports->push_back(pr.report);
    }
    if (seqs)
        *seqs = std::move(newSeqs);
    return true;
}

std::vector<StoredInput> WorkspaceStore::inputs(const QString &periodLabel, QString *error, InputScope scope) const
{
    std::vector<StoredInput> out;
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QStringLiteral("SELECT i.seq, i.file_sha256, i.original_name, f.kind, f.format, i.options_json, i.added_by, i.added_at,"
                             " i.superseded_by FROM period_inputs i"
                             " JOIN periods p ON p.id = i.period_id JOIN files f ON f.sha256 = i.file_sha256"
                             " WHERE p.label = ?%1 ORDER BY i.seq")
                  .arg(scope == InputScope::Current ? QStringLiteral(" AND i.superseded_by IS NULL") : QString()));
    q.addBindValue(periodLabel);
    if (!q.exec()) {
        if (error)
            *error = sqlError(q);
        return out;
    }
    while (q.next()) {
        StoredInput in;
        in.seq = q.value(0).toLongLong();
        in.sha256Stored = q.value(1).toString();
        in.originalName = q.value(2).toString();
        in.kind = q.value(3).toString();
        in.format = q.value(4).toString();
        in.options = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
        in.addedBy = q.value(6).toString();
        in.addedAt = q.value(7).toString();
        in.supersededBy = q.value(8).isNull() ? 0 : q.value(8).toLongLong();
        out.push_back(in);
    }
    return out;
}

QByteArray WorkspaceStore::fileBytes(const QString &sha256Stored) const
{
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QStringLiteral("SELECT bytes FROM files WHERE sha256 = ?"));
    q.addBindValue(sha256Stored);
    if (q.exec() && q.next())
        return q.value(0).toByteArray();
    return {};
}

// ---- runs -------------------------------------------------------------------

bool WorkspaceStore::buildJobJson(const QString &periodLabel, QByteArray *out, QString *error, std::vector<StoredInput> *inputsUsed) const
{
    StoredPeriod p;
    if (!period(periodLabel, &p, error))
        return false;
    QString e;
    const std::vector<StoredInput> ins = inputs(periodLabel, &e);
    if (!e.isEmpty()) {
        *error = e;
        return false;
    }
    if (ins.empty()) {
        *error = QStringLiteral("period %1 has no inputs; import some first").arg(periodLabel);
        return false;
    }
    QJsonObject root;
    QJsonObject period;
    period.insert(QStringLiteral("start_utc"), p.startUtc);
    period.insert(QStringLiteral("end_utc"), p.endUtc);
    period.insert(QStringLiteral("account_ref"), p.accountRef);
    period.insert(QStringLiteral("currency"), p.currency);
    root.insert(QStringLiteral("reconciliation_period"), period);
    root.insert(QStringLiteral("controls"), p.controls);
    QJsonArray arr;
    for (const StoredInput &in : ins) {
        QJsonObject o = in.options;
        o.insert(QStringLiteral("path"), in.originalName);
        o.insert(QStringLiteral("sha256"), in.sha256Stored);
        arr.append(o);
    }
    root.insert(QStringLiteral("inputs"), arr);
    *out = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (inputsUsed)
        *inputsUsed = ins;
    return true;
}

bool WorkspaceStore::loadJob(const QByteArray &jobJson, Job *job, LedgerSet *set, bool keepStored, QString *error) const
{
    try {
        *job = Job::fromJson(jobJson, QStringLiteral("workspace job"), QString());
        const QJsonArray arr = QJsonDocument::fromJson(jobJson).object().value(QLatin1String("inputs")).toArray();
        for (std::size_t i = 0; i < job->inputs.size(); ++i) {
            const QString sha = arr.at(qsizetype(i)).toObject().value(QLatin1String("sha256")).toString();
            QSqlQuery q(QSqlDatabase::database(m_conn, false));
            q.prepare(QStringLiteral("SELECT bytes, sha256_received, size_received, redactions FROM files WHERE sha256 = ?"));
            q.addBindValue(sha);
            if (!q.exec() || !q.next()) {
                *error = QStringLiteral("stored file %1 (%2) is missing from the workspace").arg(sha, job->inputs[i].options.displayName);
                return false;
            }
            Importer::importBytes(q.value(0).toByteArray(), job->inputs[i].options, *set, keepStored);
            // the register shows the file as it was received, as a run from the original files would
            ImportReport &rep = set->files.back().report;
            rep.sha256Received = q.value(1).toString();
            rep.sizeReceived = q.value(2).toLongLong();
            rep.redactions = q.value(3).toLongLong();
        }
        return true;
    } catch (const ImportError &e) {
        *error = e.toString();
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
    }
    return false;
}

bool WorkspaceStore::reconcileJob(const QByteArray &jobJson, QByteArray *summary, QString *decision, QString *error, const QString &outDir) const
{
    try {
        Job job;
        LedgerSet set;
        if (!loadJob(jobJson, &job, &set, false, error))
            return false;
        const ReconcileResult result = Reconciler::run(job, set);
        *summary = ResultWriter::summaryJson(result, set);
        *decision = QString::fromLatin1(decisionName(result.decision));
        if (!outDir.isEmpty() && !ResultWriter::writeAll(result, set, outDir, error))
            return false;
        return true;
    } catch (const ImportError &e) {
        *error = e.toString();
    } catch (const ReconcileError &e) {
        *error = e.message();
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
    }
    return false;
}

namespace {
qint64 insertRun(QSqlDatabase db, qint64 periodId, const QString &user, const QByteArray &job, const QByteArray &summary,
                 const QString &decision, qint64 rerunOf, QString *error)
{
    QJsonArray hashes;
    for (const QJsonValue &v : QJsonDocument::fromJson(job).object().value(QLatin1String("inputs")).toArray())
        hashes.append(v.toObject().value(QLatin1String("sha256")));
    if (!db.transaction()) {
        *error = db.lastError().text();
        return 0;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO runs (period_id, created_at, created_by, job_json, inputs_json, summary_json, decision, rerun_of)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(periodId);
    q.addBindValue(isoNow());
    q.addBindValue(user);
    q.addBindValue(QString::fromUtf8(job));
    q.addBindValue(QString::fromUtf8(QJsonDocument(hashes).toJson(QJsonDocument::Compact)));
    q.addBindValue(summary);
    q.addBindValue(decision);
    q.addBindValue(rerunOf > 0 ? QVariant(rerunOf) : QVariant(QMetaType(QMetaType::LongLong)));
    if (!q.exec()) {
        *error = sqlError(q);
        db.rollback();
        return 0;
    }
    qint64 id = 0;
    if (q.next())
        id = q.value(0).toLongLong();
    else
        id = q.lastInsertId().toLongLong();
    q.finish();
    if (id <= 0 || !db.commit()) {
        *error = QStringLiteral("cannot store the run: %1").arg(db.lastError().text());
        db.rollback();
        return 0;
    }
    return id;
}
} // namespace

qint64 WorkspaceStore::runReconciliation(const QString &periodLabel, QString *error, QString outDir)
{
    StoredPeriod p;
    if (!period(periodLabel, &p, error))
        return 0;
    QByteArray job, summary;
    QString decision;
    if (!buildJobJson(periodLabel, &job, error) || !reconcileJob(job, &summary, &decision, error, outDir))
        return 0;
    return insertRun(QSqlDatabase::database(m_conn, false), p.id, m_user, job, summary, decision, 0, error);
}

qint64 WorkspaceStore::rerun(qint64 runId, QString *error)
{
    StoredRun r;
    if (!run(runId, &r, error))
        return 0;
    StoredPeriod p;
    if (!period(r.periodLabel, &p, error))
        return 0;
    QByteArray summary;
    QString decision;
    if (!reconcileJob(r.jobJson, &summary, &decision, error))
        return 0;
    return insertRun(QSqlDatabase::database(m_conn, false), p.id, m_user, r.jobJson, summary, decision, runId, error);
}

namespace {
const char kRunCols[] = "SELECT r.id, p.label, r.created_at, r.decision, r.job_json, r.summary_json, r.inputs_json, r.rerun_of"
                        " FROM runs r JOIN periods p ON p.id = r.period_id";
StoredRun runFrom(const QSqlQuery &q)
{
    StoredRun r;
    r.id = q.value(0).toLongLong();
    r.periodLabel = q.value(1).toString();
    r.createdAt = q.value(2).toString();
    r.decision = q.value(3).toString();
    r.jobJson = q.value(4).toString().toUtf8();
    r.summaryJson = q.value(5).toByteArray();
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array())
        r.inputHashes << v.toString();
    r.rerunOf = q.value(7).toLongLong();
    return r;
}
} // namespace

std::vector<StoredRun> WorkspaceStore::runs(const QString &periodLabel, QString *error) const
{
    std::vector<StoredRun> out;
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QLatin1String(kRunCols) + (periodLabel.isEmpty() ? QString() : QStringLiteral(" WHERE p.label = ?"))
              + QLatin1String(" ORDER BY r.id"));
    if (!periodLabel.isEmpty())
        q.addBindValue(periodLabel);
    if (!q.exec()) {
        if (error)
            *error = sqlError(q);
        return out;
    }
    while (q.next())
        out.push_back(runFrom(q));
    return out;
}

bool WorkspaceStore::run(qint64 id, StoredRun *out, QString *error) const
{
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QLatin1String(kRunCols) + QLatin1String(" WHERE r.id = ?"));
    q.addBindValue(id);
    if (!execOne(q, [id] { return QStringLiteral("no run %1 in this workspace").arg(id); }, error))
        return false;
    *out = runFrom(q);
    return true;
}

// ---- evidence ---------------------------------------------------------------

QStringList WorkspaceStore::evidenceFields()
{
    return {QStringLiteral("evidence_id"), QStringLiteral("assumption"), QStringLiteral("area"), QStringLiteral("owner"),
            QStringLiteral("source_url_or_ticket"), QStringLiteral("accessed_on"), QStringLiteral("statement_or_screenshot_ref"),
            QStringLiteral("screenshot_sha256"), QStringLiteral("dependent_system"), QStringLiteral("fallback_behavior"),
            QStringLiteral("next_review_on"), QStringLiteral("status"), QStringLiteral("notes")};
}

QString WorkspaceStore::evidenceField(const EvidenceEntry &e, const QString &f)
{
    if (f == QLatin1String("evidence_id")) return e.evidenceId;
    if (f == QLatin1String("assumption")) return e.assumption;
    if (f == QLatin1String("area")) return e.area;
    if (f == QLatin1String("owner")) return e.owner;
    if (f == QLatin1String("source_url_or_ticket")) return e.sourceUrlOrTicket;
    if (f == QLatin1String("accessed_on")) return e.accessedOn.isValid() ? e.accessedOn.toString(Qt::ISODate) : QString();
    if (f == QLatin1String("statement_or_screenshot_ref")) return e.statementOrScreenshotRef;
    if (f == QLatin1String("screenshot_sha256")) return e.screenshotSha256;
    if (f == QLatin1String("dependent_system")) return e.dependentSystem;
    if (f == QLatin1String("fallback_behavior")) return e.fallbackBehavior;
    if (f == QLatin1String("next_review_on")) return e.nextReviewOn.isValid() ? e.nextReviewOn.toString(Qt::ISODate) : QString();
    if (f == QLatin1String("status")) return QString::fromLatin1(evidenceStatusName(e.status));
    if (f == QLatin1String("notes")) return e.notes;
    return {};
}

bool WorkspaceStore::setEvidenceField(EvidenceEntry &e, const QString &f, const QString &v, QString *error)
{
    auto date = [&](QDate *d) {
        if (v.isEmpty()) {
            *d = QDate();
            return true;
        }
        const QDate x = QDate::fromString(v, Qt::ISODate);
        if (!x.isValid()) {
            *error = QStringLiteral("%1: expected a date YYYY-MM-DD, got '%2'").arg(f, v);
            return false;
        }
        *d = x;
        return true;
    };
    if (f == QLatin1String("evidence_id")) e.evidenceId = v;
    else if (f == QLatin1String("assumption")) e.assumption = v;
    else if (f == QLatin1String("area")) e.area = v;
    else if (f == QLatin1String("owner")) e.owner = v;
    else if (f == QLatin1String("source_url_or_ticket")) e.sourceUrlOrTicket = v;
    else if (f == QLatin1String("accessed_on")) return date(&e.accessedOn);
    else if (f == QLatin1String("statement_or_screenshot_ref")) e.statementOrScreenshotRef = v;
    else if (f == QLatin1String("screenshot_sha256")) e.screenshotSha256 = v;
    else if (f == QLatin1String("dependent_system")) e.dependentSystem = v;
    else if (f == QLatin1String("fallback_behavior")) e.fallbackBehavior = v;
    else if (f == QLatin1String("next_review_on")) return date(&e.nextReviewOn);
    else if (f == QLatin1String("status")) {
        const QByteArray t = v.toUtf8();
        if (!parseEvidenceStatus(std::string_view(t.constData(), std::size_t(t.size())), &e.status)) {
            *error = QStringLiteral("status: expected verified, unverified or superseded, got '%1'").arg(v);
            return false;
        }
    } else if (f == QLatin1String("notes")) e.notes = v;
    else {
        *error = QStringLiteral("unknown evidence field '%1' (fields: %2)").arg(f, evidenceFields().join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

bool WorkspaceStore::insertEvidence(QSqlQuery &q, const EvidenceEntry &e, const QString &how, QString *error)
{
    const QStringList fields = evidenceFields();
    QStringList marks;
    for (int i = 0; i < fields.size(); ++i)
        marks << QStringLiteral("?");
    q.prepare(QStringLiteral("INSERT INTO evidence (%1, row_version, created_by, created_at) VALUES (%2, 1, ?, ?)")
                  .arg(fields.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))));
    for (const QString &f : fields)
        q.addBindValue(evidenceField(e, f));
    q.addBindValue(m_user);
    q.addBindValue(now());
    if (!q.exec()) {
        *error = QStringLiteral("cannot add evidence %1: %2").arg(e.evidenceId, sqlError(q));
        return false;
    }
    q.prepare(QStringLiteral("INSERT INTO evidence_history (evidence_id, changed_by, changed_at, field, old_value, new_value)"
                             " VALUES (?, ?, ?, '*', NULL, ?)"));
    q.addBindValue(e.evidenceId);
    q.addBindValue(m_user);
    q.addBindValue(now());
    q.addBindValue(how);
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    return true;
}

bool WorkspaceStore::addEvidence(const EvidenceEntry &e, QString *error)
{
    if (e.evidenceId.isEmpty()) {
        *error = QStringLiteral("an evidence entry needs an evidence_id");
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_conn, false);
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    if (!insertEvidence(q, e, QStringLiteral("created"), error) || !db.commit()) {
        if (error->isEmpty())
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

namespace {
StoredEvidence evidenceFrom(const QSqlQuery &q, const QStringList &fields)
{
    StoredEvidence s;
    QString ignored;
    for (int i = 0; i < fields.size(); ++i)
        WorkspaceStore::setEvidenceField(s.entry, fields[i], q.value(i).toString(), &ignored);
    s.rowVersion = q.value(int(fields.size())).toLongLong();
    return s;
}
} // namespace

std::vector<StoredEvidence> WorkspaceStore::evidence(QString *error) const
{
    std::vector<StoredEvidence> out;
    const QStringList fields = evidenceFields();
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    if (!q.exec(QStringLiteral("SELECT %1, row_version FROM evidence ORDER BY evidence_id").arg(fields.join(QStringLiteral(", "))))) {
        if (error)
            *error = sqlError(q);
        return out;
    }
    while (q.next())
        out.push_back(evidenceFrom(q, fields));
    return out;
}

bool WorkspaceStore::evidenceEntry(const QString &id, StoredEvidence *out, QString *error) const
{
    const QStringList fields = evidenceFields();
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QStringLiteral("SELECT %1, row_version FROM evidence WHERE evidence_id = ?").arg(fields.join(QStringLiteral(", "))));
    q.addBindValue(id);
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    if (!q.next()) {
        *error = QStringLiteral("no evidence entry '%1'").arg(id);
        return false;
    }
    *out = evidenceFrom(q, fields);
    return true;
}

bool WorkspaceStore::editEvidence(const QString &id, const QString &field, const QString &value, qint64 expectedRowVersion, QString *error)
{
    if (field == QLatin1String("evidence_id") || !evidenceFields().contains(field)) {
        *error = QStringLiteral("cannot edit field '%1' (editable: %2)")
                     .arg(field, evidenceFields().mid(1).join(QStringLiteral(", ")));
        return false;
    }
    StoredEvidence cur;
    if (!evidenceEntry(id, &cur, error))
        return false;
    EvidenceEntry next = cur.entry;
    if (!setEvidenceField(next, field, value, error))
        return false;
    const QString oldValue = evidenceField(cur.entry, field), newValue = evidenceField(next, field);
    QSqlDatabase db = QSqlDatabase::database(m_conn, false);
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    // read the old value inside the transaction so the history is exact
    q.prepare(QStringLiteral("SELECT %1, row_version FROM evidence WHERE evidence_id = ?").arg(evidenceColumn(field)));
    q.addBindValue(id);
    QString before = oldValue;
    if (q.exec() && q.next())
        before = q.value(0).toString();
    q.prepare(QStringLiteral("UPDATE evidence SET %1 = ?, row_version = row_version + 1 WHERE evidence_id = ? AND row_version = ?")
                  .arg(evidenceColumn(field)));
    q.addBindValue(newValue);
    q.addBindValue(id);
    q.addBindValue(expectedRowVersion);
    if (!q.exec()) {
        *error = sqlError(q);
        db.rollback();
        return false;
    }
    if (q.numRowsAffected() != 1) {
        db.rollback();
        StoredEvidence now_;
        QString e;
        evidenceEntry(id, &now_, &e);
        *error = QStringLiteral("evidence %1 was changed by someone else (row version is now %2, you expected %3); reload and edit again")
                     .arg(id)
                     .arg(now_.rowVersion)
                     .arg(expectedRowVersion);
        return false;
    }
    q.prepare(QStringLiteral("INSERT INTO evidence_history (evidence_id, changed_by, changed_at, field, old_value, new_value)"
                             " VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(m_user);
    q.addBindValue(now());
    q.addBindValue(field);
    q.addBindValue(before);
    q.addBindValue(newValue);
    if (!q.exec() || !db.commit()) {
        *error = sqlError(q);
        db.rollback();
        return false;
    }
    return true;
}

std::vector<EvidenceChange> WorkspaceStore::evidenceHistory(const QString &id, QString *error) const
{
    std::vector<EvidenceChange> out;
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QStringLiteral("SELECT evidence_id, changed_by, changed_at, field, old_value, new_value FROM evidence_history"
                             " WHERE evidence_id = ? ORDER BY id"));
    q.addBindValue(id);
    if (!q.exec()) {
        if (error)
            *error = sqlError(q);
        return out;
    }
    while (q.next())
        out.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                       q.value(4).toString(), q.value(5).toString()});
    return out;
}

std::vector<StoredEvidence> WorkspaceStore::dueEvidence(const QDate &asOf, int withinDays, QString *error) const
{
    std::vector<StoredEvidence> out;
    const QDate limit = asOf.addDays(withinDays);
    for (StoredEvidence &s : evidence(error)) {
        if (s.entry.status == EvidenceStatus::Superseded)
            continue;
        if (!s.entry.nextReviewOn.isValid() || s.entry.nextReviewOn <= limit)
            out.push_back(std::move(s));
    }
    return out;
}

QByteArray WorkspaceStore::evidenceCsv(QString *error) const
{
    QByteArray out;
    const QStringList fields = evidenceFields();
    for (int i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        out += fields[i].toUtf8();
    }
    out += ",row_version\r\n";
    for (const StoredEvidence &s : evidence(error)) {
        for (int i = 0; i < fields.size(); ++i) {
            if (i)
                out += ',';
            const QByteArray v = evidenceField(s.entry, fields[i]).toUtf8();
            ResultWriter::csvField(out, std::string_view(v.constData(), std::size_t(v.size())));
        }
        out += ',' + QByteArray::number(s.rowVersion) + "\r\n";
    }
    return out;
}

// ---- sign-offs and packets --------------------------------------------------

bool WorkspaceStore::addSignoff(qint64 runId, const QString &role, const QString &name, const QString &decision, const QString &note, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QStringLiteral("INSERT INTO signoffs (run_id, role, name, decision, note, signed_at) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(role);
    q.addBindValue(name);
    q.addBindValue(decision);
    q.addBindValue(note);
    q.addBindValue(now());
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    return true;
}

bool WorkspaceStore::addPacket(const QString &packetId, qint64 runId, const QString &sha256, const QString &signerKeyId, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    q.prepare(QStringLiteral("INSERT INTO packets (id, run_id, sha256, signer_key_id, created_at) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(packetId);
    q.addBindValue(runId > 0 ? QVariant(runId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(sha256);
    q.addBindValue(signerKeyId);
    q.addBindValue(now());
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    return true;
}

qint64 WorkspaceStore::rowCount(const QString &table) const
{
    static const QStringList known = {QStringLiteral("periods"), QStringLiteral("files"), QStringLiteral("period_inputs"),
                                      QStringLiteral("runs"), QStringLiteral("evidence"), QStringLiteral("evidence_history"),
                                      QStringLiteral("signoffs"), QStringLiteral("packets")};
    if (!known.contains(table))
        return -1;
    QSqlQuery q(QSqlDatabase::database(m_conn, false));
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

} // namespace tl
