// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importoptions.h"
#include "core/import/importreport.h"
#include "core/model/referencetables.h"

#include <QByteArray>
#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QLockFile;
class QSqlQuery;

namespace tl {

class Job;
class LedgerSet;

/** A reconciliation period as stored (reconciliation.md, Period). Times are ISO UTC strings. */
struct StoredPeriod
{
    qint64 id = 0;
    QString label, startUtc, endUtc, accountRef, currency = QStringLiteral("USD");
    QJsonObject controls; ///< the job's "controls" object (reconciliation.md, Decision)
    QString frozenAt;     ///< empty = open
    bool frozen() const { return !frozenAt.isEmpty(); }
};

struct StoredInput
{
    qint64 seq = 0;
    QString sha256Stored, originalName, kind, format;
    QJsonObject options; ///< the job-input object (formats.md §1c) minus path
    QString addedBy, addedAt;
    qint64 supersededBy = 0; ///< the seq of the input that replaced this one (0: current)
};

/** Which of a period's inputs to list. */
enum class InputScope {
    Current, ///< what a run uses: every input not superseded
    All      ///< with the superseded ones, in seq order (the period's input history)
};

/**
 * One input saveInputs() writes: bytes, their import options (displayName is the name it is
 * stored under), and the seq of the current input of the same kind it replaces (0: a new input).
 */
struct InputChange
{
    QByteArray raw;
    ImportOptions options;
    qint64 supersedes = 0;
};

struct StoredRun
{
    qint64 id = 0;
    QString periodLabel, createdAt, decision;
    QByteArray jobJson, summaryJson;
    QStringList inputHashes;
    qint64 rerunOf = 0;
};

/** One evidence entry (formats.md §9) with its optimistic-concurrency row version. */
struct StoredEvidence
{
    EvidenceEntry entry;
    qint64 rowVersion = 0;
};

struct EvidenceChange
{
    QString evidenceId, changedBy, changedAt, field, oldValue, newValue;
};

/**
 * The workspace: one SQLite file NAME.tlw (default) or a PostgreSQL database (a
 * postgresql://user@host:port/db URL) holding periods, imported files, runs, the evidence
 * register with its history, sign-offs and packets. Every change is one transaction.
 * Methods return false / empty and set *error on failure; nothing is half-written.
 */
class WorkspaceStore
{
public:
    static constexpr int kSchemaVersion = 3;

    WorkspaceStore();
    ~WorkspaceStore();
    WorkspaceStore(const WorkspaceStore &) = delete;
    WorkspaceStore &operator=(const WorkspaceStore &) = delete;

    /** Opens (creating and migrating as needed). targetVersion < kSchemaVersion: for migration tests only. */
    bool open(const QString &pathOrUrl, QString *error, int targetVersion = kSchemaVersion);
    void close();
    bool isOpen() const;
    bool isPostgres() const { return m_postgres; }
    QString connectionName() const { return m_conn; }
    int schemaVersion() const;
    /** Who changes are recorded as (default: $USER or "unknown"). */
    void setUser(const QString &user) { m_user = user; }
    QString user() const { return m_user; }

    // Periods
    bool createPeriod(const StoredPeriod &p, QString *error);
    std::vector<StoredPeriod> periods(QString *error = nullptr) const;
    bool period(const QString &label, StoredPeriod *out, QString *error) const;
    bool freezePeriod(const QString &label, QString *error);

    // Inputs: runs the Importer; the stored bytes and report are written in one transaction.
    // An evidence file (kind evidence) also seeds the register in that transaction: entries whose
    // evidence_id the register lacks are added (history "created from FILE"); entries already
    // there are kept as they are, since the register, with its history, is the living copy.
    bool importFile(const QString &periodLabel, const QString &path, ImportOptions options, ImportReport *report, QString *error);
    bool importBytes(const QString &periodLabel, const QByteArray &raw, ImportOptions options, ImportReport *report, QString *error);
    /**
     * Stores several inputs in one transaction: each is imported first (nothing is written when
     * one is refused), then stored; an input with `supersedes` replaces that current input of the
     * same kind, which stays in the history (superseded_by) and leaves the period's job. When the
     * input to replace was replaced meanwhile (by another user), nothing is written and *error says
     * by which input, who and when. reports and seqs (optional) receive one report and the new
     * input's seq per change. On PostgreSQL the period's row is locked for the transaction, so
     * writers of one period (and a freeze) take turns.
     */
    bool saveInputs(const QString &periodLabel, const std::vector<InputChange> &changes, std::vector<ImportReport> *reports, QString *error,
                    std::vector<qint64> *seqs = nullptr);
    std::vector<StoredInput> inputs(const QString &periodLabel, QString *error = nullptr, InputScope scope = InputScope::Current) const;
    /** Of the last evidence file imported: entries added to the register, and entries it already had. */
    int lastEvidenceAdded() const { return m_lastEvidenceAdded; }
    int lastEvidenceKept() const { return m_lastEvidenceKept; }
    QByteArray fileBytes(const QString &sha256Stored) const;

    // Runs
    /**
     * The job JSON (formats.md §1c shape, inputs carrying sha256) the period's current inputs
     * make; inputsUsed (optional) receives those inputs, in the job's order, from the same read.
     */
    bool buildJobJson(const QString &periodLabel, QByteArray *out, QString *error, std::vector<StoredInput> *inputsUsed = nullptr) const;
    /** Reconciles the period's stored inputs, stores the run; returns its id (0 on error). */
    qint64 runReconciliation(const QString &periodLabel, QString *error, QString outDir = QString());
    /** Re-runs a stored run's job from the stored bytes; stores a new run (rerun_of). */
    qint64 rerun(qint64 runId, QString *error);
    /**
     * Loads a job JSON built by buildJobJson from the stored bytes into *set, the register
     * showing each file as received (as a run from the original files would). keepStored keeps
     * the stored copies in memory, as a packet needs. Throws nothing; false with *error set.
     */
    bool loadJob(const QByteArray &jobJson, Job *job, LedgerSet *set, bool keepStored, QString *error) const;
    /** Runs a job JSON built by buildJobJson against stored bytes (no writes). */
    bool reconcileJob(const QByteArray &jobJson, QByteArray *summary, QString *decision, QString *error, const QString &outDir = QString()) const;
    std::vector<StoredRun> runs(const QString &periodLabel = QString(), QString *error = nullptr) const;
    bool run(qint64 id, StoredRun *out, QString *error) const;

    // Evidence register
    bool addEvidence(const EvidenceEntry &e, QString *error);
    std::vector<StoredEvidence> evidence(QString *error = nullptr) const;
    bool evidenceEntry(const QString &id, StoredEvidence *out, QString *error) const;
    /** Sets one §9 field; fails with "changed by someone else" when the row version moved on. */
    bool editEvidence(const QString &id, const QString &field, const QString &value, qint64 expectedRowVersion, QString *error);
    std::vector<EvidenceChange> evidenceHistory(const QString &id, QString *error = nullptr) const;
    /** Entries whose next_review_on is before asOf + withinDays (or missing). */
    std::vector<StoredEvidence> dueEvidence(const QDate &asOf, int withinDays, QString *error = nullptr) const;
    QByteArray evidenceCsv(QString *error = nullptr) const;
    static QStringList evidenceFields();
    static QString evidenceField(const EvidenceEntry &e, const QString &field);
    static bool setEvidenceField(EvidenceEntry &e, const QString &field, const QString &value, QString *error);

    // Sign-offs and packets
    bool addSignoff(qint64 runId, const QString &role, const QString &name, const QString &decision, const QString &note, QString *error);
    bool addPacket(const QString &packetId, qint64 runId, const QString &sha256, const QString &signerKeyId, QString *error);

    /** Row count of a table (tests: an aborted import leaves these unchanged). */
    qint64 rowCount(const QString &table) const;

private:
    bool migrate(int targetVersion, QString *error);
    bool exec(const QString &sql, QString *error);
    QString now() const;
    /** INSERTs one register entry and its "created" history row, inside the caller's transaction. */
    bool insertEvidence(QSqlQuery &q, const EvidenceEntry &e, const QString &how, QString *error);

    QString m_conn, m_user;
    int m_lastEvidenceAdded = 0, m_lastEvidenceKept = 0;
    bool m_postgres = false;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace tl
