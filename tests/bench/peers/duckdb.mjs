// SPDX-License-Identifier: Apache-2.0
// Benchmark peer: the same month in DuckDB (@duckdb/node-api), as a user would reconcile it
// by hand: read the files, GROUP BY key/day/model with an exact DECIMAL cost, join with the
// provider's daily quota and classify the mismatches. Never a dependency of TokenLedger.
// usage: node duckdb.mjs DATA_DIR csv|jsonl THREADS   → one JSON object on stdout
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';

const [dir, format, threads = '2'] = process.argv.slice(2);
const file = (name) => join(dir, name).replaceAll("'", "''");

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await instance.connect();
const run = (sql) => con.run(sql);
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();

const clientColumns = `{
  'request_id':'VARCHAR','attempt':'INTEGER','timestamp_utc':'TIMESTAMPTZ','account_ref':'VARCHAR',
  'api_key_name':'VARCHAR','service':'VARCHAR','environment':'VARCHAR','model_requested':'VARCHAR',
  'model_billed':'VARCHAR','role':'VARCHAR','http_status':'SMALLINT','outcome':'VARCHAR','stream':'BOOLEAN',
  'client_timeout':'BOOLEAN','stream_cancelled':'BOOLEAN','cache_hit':'BOOLEAN','input_tokens':'BIGINT',
  'output_tokens':'BIGINT','cached_input_tokens':'BIGINT','cache_write_tokens':'BIGINT','reasoning_tokens':'BIGINT',
  'response_id':'VARCHAR','cost_center':'VARCHAR','owner':'VARCHAR','source_ip':'VARCHAR','notes':'VARCHAR'}`;

const version = (await rows('SELECT version() AS v'))[0].v;
const t0 = performance.now();

// --- read -------------------------------------------------------------------------------------
if (format === 'csv') {
  await run(`CREATE TABLE client AS SELECT * FROM read_csv('${file('client.csv')}', header=true, auto_detect=false,
             delim=',', quote='"', escape='"', columns=${clientColumns})`);
} else {
  await run(`CREATE TABLE client AS SELECT * FROM read_json('${file('client.jsonl')}', format='newline_delimited',
             columns=${clientColumns})`);
}
await run(`CREATE TABLE prices AS SELECT * FROM read_csv('${file('prices.csv')}', header=true, auto_detect=false, columns={
  'snapshot_id':'VARCHAR','source_url':'VARCHAR','accessed_at':'VARCHAR','captured_by':'VARCHAR','price_kind':'VARCHAR',
  'currency':'VARCHAR','billable_model':'VARCHAR','billing_category':'VARCHAR','unit_basis':'VARCHAR',
  'input_price':'DECIMAL(18,6)','output_price':'DECIMAL(18,6)','cached_input_price':'DECIMAL(18,6)',
  'cache_write_price':'DECIMAL(18,6)','reasoning_price':'DECIMAL(18,6)','per_call_price':'DECIMAL(18,6)',
  'upstream_ratio':'DECIMAL(8,4)','valid_from':'DATE','valid_to':'DATE','tier_min_input_tokens':'BIGINT',
  'minimum_charge':'DECIMAL(18,6)','evidence_id':'VARCHAR','notes':'VARCHAR'})`);
await run(`CREATE TABLE mapping AS SELECT * FROM read_csv('${file('mapping.csv')}', header=true, all_varchar=true)`);
await run(`CREATE TABLE policy AS SELECT * FROM read_csv('${file('policy.csv')}', header=true, all_varchar=true)`);
await run(`CREATE TABLE quota AS
  WITH doc AS (SELECT content::JSON AS j FROM read_text('${file('quota-2026-06-03.json')}'))
  SELECT d.key::DATE AS day, e.value->>'token_name' AS api_key_name,
         (e.value->>'quota_used')::DECIMAL(18,6) AS quota_used, (e.value->>'request_count')::BIGINT AS requests
  FROM doc, json_each(j, '$.daily_quota') d, json_each(d.value) e`);
const t1 = performance.now();

// --- GROUP BY key/day/model with exact cost ------------------------------------------------------
// Per-token prices: list price × ratio ÷ unit, exact (DECIMAL(18,16) holds every one of them).
await run(`CREATE TABLE agg AS
  WITH p AS (
    SELECT billable_model, billing_category, valid_from, valid_to,
      CAST(input_price * coalesce(upstream_ratio, 1) * 0.000001 AS DECIMAL(18,16)) AS pin,
      CAST(output_price * coalesce(upstream_ratio, 1) * 0.000001 AS DECIMAL(18,16)) AS pout,
      CAST(coalesce(cached_input_price, input_price) * coalesce(upstream_ratio, 1) * 0.000001 AS DECIMAL(18,16)) AS pcached,
      CAST(coalesce(cache_write_price, input_price) * coalesce(upstream_ratio, 1) * 0.000001 AS DECIMAL(18,16)) AS pwrite,
      CAST(coalesce(reasoning_price, output_price) * coalesce(upstream_ratio, 1) * 0.000001 AS DECIMAL(18,16)) AS preason,
      CAST(per_call_price * coalesce(upstream_ratio, 1) AS DECIMAL(18,16)) AS pcall
    FROM prices WHERE snapshot_id = 'snap-2026-05'),
  c AS (
    SELECT *, timezone('UTC', timestamp_utc) AS ts,
      CASE WHEN cache_hit THEN 'cached_response'
           WHEN outcome IS NOT NULL THEN outcome
           WHEN http_status IS NULL THEN CASE WHEN client_timeout THEN 'client_timeout' ELSE 'network_error' END
           WHEN http_status BETWEEN 200 AND 299 THEN
             CASE WHEN stream_cancelled THEN 'stream_cancelled' WHEN stream THEN 'success_stream' ELSE 'success' END
           WHEN http_status = 429 THEN 'rate_limited'
           WHEN http_status >= 500 THEN 'server_error'
           ELSE 'client_error' END AS oc
    FROM client
    WHERE timestamp_utc >= TIMESTAMPTZ '2026-05-01 00:00:00+00' AND timestamp_utc < TIMESTAMPTZ '2026-06-01 00:00:00+00'
    -- a repeated (request_id, attempt) is a duplicate log line: count it once
    QUALIFY row_number() OVER (PARTITION BY request_id, attempt) = 1),
  l AS (
    SELECT c.api_key_name, CAST(c.ts AS DATE) AS day, coalesce(c.model_billed, m.billable_model) AS billable_model,
      c.attempt, c.oc,
      coalesce(pol.treatment, CASE WHEN c.oc IN ('success', 'success_stream') THEN 'billable'
                                   WHEN c.oc = 'not_sent' THEN 'non_billable' ELSE 'unverified' END) AS treatment,
      c.input_tokens, c.output_tokens, c.cached_input_tokens, c.reasoning_tokens, p.billable_model IS NOT NULL AS known_model,
      CASE WHEN p.billing_category = 'per_call' THEN p.pcall
           WHEN c.input_tokens IS NULL OR c.output_tokens IS NULL THEN NULL
           ELSE (c.input_tokens - coalesce(c.cached_input_tokens, 0) - coalesce(c.cache_write_tokens, 0)) * p.pin
              + coalesce(c.cached_input_tokens, 0) * p.pcached + coalesce(c.cache_write_tokens, 0) * p.pwrite
              + (c.output_tokens - coalesce(c.reasoning_tokens, 0)) * p.pout + coalesce(c.reasoning_tokens, 0) * p.preason
      END AS cost
    FROM c
    LEFT JOIN mapping m ON m.requested_model = c.model_requested AND m.role = 'primary'
    LEFT JOIN policy pol ON pol.outcome = c.oc
    LEFT JOIN p ON p.billable_model = coalesce(c.model_billed, m.billable_model)
               AND c.ts >= p.valid_from AND (p.valid_to IS NULL OR c.ts < p.valid_to))
  SELECT api_key_name, day, billable_model,
    count(*) AS attempts, count(*) FILTER (WHERE attempt > 1) AS retries,
    count(*) FILTER (WHERE treatment = 'billable' AND known_model AND cost IS NOT NULL) AS billable,
    count(*) FILTER (WHERE NOT known_model) AS unknown_model,
    count(*) FILTER (WHERE treatment = 'billable' AND known_model AND cost IS NULL) AS missing_usage,
    sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
    sum(cached_input_tokens) AS cached_tokens, sum(reasoning_tokens) AS reasoning_tokens,
    coalesce(sum(cost) FILTER (WHERE treatment = 'billable'), 0) AS estimated_billable,
    coalesce(sum(cost) FILTER (WHERE treatment = 'unverified'), 0) AS estimated_unverified
  FROM l GROUP BY ALL`);
const counts = (await rows(`SELECT
    (SELECT count(DISTINCT request_id) FROM client) AS requests,
    (SELECT count(*) FROM (SELECT request_id, attempt FROM client GROUP BY ALL HAVING count(*) > 1)) AS duplicates`))[0];
const t2 = performance.now();

// --- client-vs-provider join per key and day, classified ----------------------------------------
await run(`CREATE TABLE recon AS
  WITH ck AS (SELECT api_key_name, day, sum(billable) AS billable, sum(estimated_billable) AS estimated
              FROM agg GROUP BY ALL),
  keys AS (SELECT DISTINCT api_key_name FROM ck),
  j AS (SELECT coalesce(ck.api_key_name, q.api_key_name) AS api_key_name, coalesce(ck.day, q.day) AS day,
               ck.billable, ck.estimated, q.requests, q.quota_used,
               coalesce(q.quota_used, 0) - coalesce(ck.estimated, 0) AS variance
        FROM ck FULL OUTER JOIN quota q ON q.api_key_name = ck.api_key_name AND q.day = ck.day)
  SELECT j.*, CASE
      WHEN j.api_key_name NOT IN (SELECT api_key_name FROM keys) THEN 'missing_in_client'
      WHEN j.quota_used IS NULL THEN 'missing_in_provider'
      WHEN j.estimated IS NULL THEN 'missing_in_client'
      WHEN abs(j.variance) <= 0.0000005 * j.requests THEN 'match'
      WHEN j.requests > j.billable THEN 'extra_provider_requests'
      WHEN j.requests < j.billable THEN 'fewer_provider_requests'
      ELSE 'amount_differs' END AS class
  FROM j`);
const classes = await rows(`SELECT class, count(*) AS n FROM recon GROUP BY class ORDER BY class`);
const totals = (await rows(`SELECT (SELECT sum(estimated_billable) FROM agg) AS billable, (SELECT sum(quota_used) FROM quota) AS provider`))[0];
const t3 = performance.now();

const out = {
  version, threads: Number(threads), format,
  read_s: (t1 - t0) / 1000, group_s: (t2 - t1) / 1000, join_s: (t3 - t2) / 1000, total_s: (t3 - t0) / 1000,
  rows: Number((await rows('SELECT count(*) AS n FROM client'))[0].n),
  requests: Number(counts.requests), duplicates: Number(counts.duplicates),
  billable: String(totals.billable), provider: String(totals.provider),
  classes: Object.fromEntries(classes.map((r) => [r.class, Number(r.n)])),
};
process.stdout.write(JSON.stringify(out) + '\n');
