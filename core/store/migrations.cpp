// SPDX-License-Identifier: Apache-2.0
#include "core/store/migrations.h"

namespace tl::store {

namespace {

// Dialect placeholders: %ID% an auto-increment primary key, %BLOB% a byte column.
QStringList dialect(const QStringList &steps, bool postgres)
{
    QStringList out;
    for (QString s : steps) {
        s.replace(QLatin1String("%ID%"), postgres ? QLatin1String("BIGSERIAL PRIMARY KEY") : QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        s.replace(QLatin1String("%BLOB%"), postgres ? QLatin1String("BYTEA") : QLatin1String("BLOB"));
        out << s;
    }
    return out;
}

} // namespace

std::vector<QStringList> migrations(bool postgres)
{
    std::vector<QStringList> v;
    // Version 1: the base schema.
    v.push_back(dialect({
        QStringLiteral("CREATE TABLE periods (id %ID%, label TEXT NOT NULL UNIQUE, start_utc TEXT NOT NULL, end_utc TEXT NOT NULL,"
                       " account_ref TEXT NOT NULL, currency TEXT NOT NULL DEFAULT 'USD', frozen_at TEXT,"
                       " created_by TEXT, created_at TEXT)"),
        QStringLiteral("CREATE TABLE files (sha256 TEXT PRIMARY KEY, bytes %BLOB% NOT NULL, sha256_received TEXT NOT NULL,"
                       " size_received BIGINT NOT NULL, size_stored BIGINT NOT NULL, original_name TEXT NOT NULL, kind TEXT NOT NULL,"
                       " format TEXT NOT NULL, report_json TEXT NOT NULL, redactions BIGINT NOT NULL DEFAULT 0,"
                       " imported_by TEXT, imported_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE period_inputs (period_id BIGINT NOT NULL REFERENCES periods(id), seq INTEGER NOT NULL,"
                       " file_sha256 TEXT NOT NULL REFERENCES files(sha256), original_name TEXT NOT NULL, options_json TEXT NOT NULL,"
                       " added_by TEXT, added_at TEXT NOT NULL, PRIMARY KEY (period_id, seq))"),
        QStringLiteral("CREATE TABLE runs (id %ID%, period_id BIGINT NOT NULL REFERENCES periods(id), created_at TEXT NOT NULL,"
                       " created_by TEXT, job_json TEXT NOT NULL, inputs_json TEXT NOT NULL, summary_json %BLOB% NOT NULL,"
                       " decision TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE evidence (evidence_id TEXT PRIMARY KEY, assumption TEXT, area TEXT, owner TEXT,"
                       " source_url_or_ticket TEXT, accessed_on TEXT, statement_or_screenshot_ref TEXT, screenshot_sha256 TEXT,"
                       " dependent_system TEXT, fallback_behavior TEXT, next_review_on TEXT, status TEXT NOT NULL, notes TEXT,"
                       " row_version BIGINT NOT NULL DEFAULT 1, created_by TEXT, created_at TEXT)"),
        QStringLiteral("CREATE TABLE evidence_history (id %ID%, evidence_id TEXT NOT NULL REFERENCES evidence(evidence_id),"
                       " changed_by TEXT, changed_at TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT)"),
        QStringLiteral("CREATE TABLE signoffs (id %ID%, run_id BIGINT NOT NULL REFERENCES runs(id), role TEXT NOT NULL,"
                       " name TEXT NOT NULL, decision TEXT NOT NULL, note TEXT, signed_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE packets (id TEXT PRIMARY KEY, run_id BIGINT REFERENCES runs(id), sha256 TEXT NOT NULL,"
                       " signer_key_id TEXT, created_at TEXT NOT NULL)"),
    }, postgres));
    // Version 2: the period carries the job controls; a run records which run it re-ran.
    v.push_back(dialect({
        QStringLiteral("ALTER TABLE periods ADD COLUMN controls_json TEXT NOT NULL DEFAULT '{}'"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN rerun_of BIGINT"),
        QStringLiteral("CREATE INDEX evidence_history_by_id ON evidence_history (evidence_id)"),
    }, postgres));
    // Version 3: an input can be replaced by a newer one of the same kind (an edited owners
    // table, mapping, policy): the old row stays, naming the seq that superseded it.
    v.push_back(dialect({
        QStringLiteral("ALTER TABLE period_inputs ADD COLUMN superseded_by INTEGER"),
    }, postgres));
    return v;
}

} // namespace tl::store
