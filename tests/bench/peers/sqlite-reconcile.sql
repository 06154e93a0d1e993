-- SPDX-License-Identifier: Apache-2.0
-- Benchmark peer (sqlite3 shell), after the client table is read: the reference tables and the
-- provider's daily quota, then GROUP BY key/day/model with the cost in integer micro-dollars
-- (sqlite has no exact decimal: each line is rounded half-up to a micro-dollar), then the
-- client-vs-provider join per key and day with the mismatches classified.
.import --csv prices.csv prices_raw
CREATE TABLE p AS SELECT billable_model, billing_category, valid_from, nullif(valid_to, '') AS valid_to,
  CAST(round(nullif(input_price, '') * 1000000) AS INTEGER) AS in_micro,
  CAST(round(nullif(output_price, '') * 1000000) AS INTEGER) AS out_micro,
  CAST(round(coalesce(nullif(cached_input_price, ''), nullif(input_price, '')) * 1000000) AS INTEGER) AS cached_micro,
  CAST(round(coalesce(nullif(cache_write_price, ''), nullif(input_price, '')) * 1000000) AS INTEGER) AS write_micro,
  CAST(round(coalesce(nullif(reasoning_price, ''), nullif(output_price, '')) * 1000000) AS INTEGER) AS reason_micro,
  CAST(round(nullif(per_call_price, '') * 1000000) AS INTEGER) AS call_micro,
  CAST(round(coalesce(nullif(upstream_ratio, ''), 1) * 10000) AS INTEGER) AS ratio_e4
FROM prices_raw WHERE snapshot_id = 'snap-2026-05';
.import --csv mapping.csv mapping
.import --csv policy.csv policy
CREATE TABLE quota AS SELECT d.key AS day, e.value ->> '$.token_name' AS api_key_name,
  CAST(round((e.value ->> '$.quota_used') * 1000000) AS INTEGER) AS quota_micro, e.value ->> '$.request_count' AS requests
FROM json_each(readfile('quota-2026-06-03.json'), '$.daily_quota') d, json_each(d.value) e;
SELECT 'mark|read|' || ((julianday('now') - 2440587.5) * 86400.0);

CREATE TABLE agg AS
WITH c AS (
  SELECT *, CASE WHEN cache_hit THEN 'cached_response'
                 WHEN outcome IS NOT NULL THEN outcome
                 WHEN http_status IS NULL THEN CASE WHEN client_timeout THEN 'client_timeout' ELSE 'network_error' END
                 WHEN http_status BETWEEN 200 AND 299 THEN
                   CASE WHEN stream_cancelled THEN 'stream_cancelled' WHEN stream THEN 'success_stream' ELSE 'success' END
                 WHEN http_status = 429 THEN 'rate_limited'
                 WHEN http_status >= 500 THEN 'server_error'
                 ELSE 'client_error' END AS oc
  FROM client WHERE ts >= '2026-05-01 00:00:00' AND ts < '2026-06-01 00:00:00'
    -- a repeated (request_id, attempt) is a duplicate log line: count it once
    AND rowid IN (SELECT min(rowid) FROM client GROUP BY request_id, attempt)),
l AS (
  SELECT c.api_key_name, substr(c.ts, 1, 10) AS day, coalesce(c.model_billed, m.billable_model) AS billable_model,
    c.attempt, c.oc,
    coalesce(pol.treatment, CASE WHEN c.oc IN ('success', 'success_stream') THEN 'billable'
                                 WHEN c.oc = 'not_sent' THEN 'non_billable' ELSE 'unverified' END) AS treatment,
    c.input_tokens, c.output_tokens, c.cached_input_tokens, c.reasoning_tokens, p.billable_model IS NOT NULL AS known_model,
    CASE WHEN p.billing_category = 'per_call' THEN (p.call_micro * p.ratio_e4 + 5000) / 10000
         WHEN c.input_tokens IS NULL OR c.output_tokens IS NULL THEN NULL
         ELSE (((c.input_tokens - coalesce(c.cached_input_tokens, 0) - coalesce(c.cache_write_tokens, 0)) * p.in_micro
               + coalesce(c.cached_input_tokens, 0) * p.cached_micro + coalesce(c.cache_write_tokens, 0) * p.write_micro
               + (c.output_tokens - coalesce(c.reasoning_tokens, 0)) * p.out_micro
               + coalesce(c.reasoning_tokens, 0) * p.reason_micro) * p.ratio_e4 + 5000000000) / 10000000000
    END AS cost_micro
  FROM c
  LEFT JOIN mapping m ON m.requested_model = c.model_requested AND m.role = 'primary'
  LEFT JOIN policy pol ON pol.outcome = c.oc
  LEFT JOIN p ON p.billable_model = coalesce(c.model_billed, m.billable_model)
             AND c.ts >= p.valid_from AND (p.valid_to IS NULL OR c.ts < p.valid_to))
SELECT api_key_name, day, billable_model,
  count(*) AS attempts, sum(attempt > 1) AS retries,
  sum(treatment = 'billable' AND known_model AND cost_micro IS NOT NULL) AS billable,
  sum(NOT known_model) AS unknown_model,
  sum(treatment = 'billable' AND known_model AND cost_micro IS NULL) AS missing_usage,
  sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
  sum(cached_input_tokens) AS cached_tokens, sum(reasoning_tokens) AS reasoning_tokens,
  coalesce(sum(CASE WHEN treatment = 'billable' THEN cost_micro END), 0) AS estimated_billable_micro,
  coalesce(sum(CASE WHEN treatment = 'unverified' THEN cost_micro END), 0) AS estimated_unverified_micro
FROM l GROUP BY api_key_name, day, billable_model;
SELECT 'result|requests|' || count(DISTINCT request_id) FROM client;
SELECT 'result|duplicates|' || count(*) FROM (SELECT 1 FROM client GROUP BY request_id, attempt HAVING count(*) > 1);
SELECT 'mark|group|' || ((julianday('now') - 2440587.5) * 86400.0);

CREATE TABLE recon AS
WITH ck AS (SELECT api_key_name, day, sum(billable) AS billable, sum(estimated_billable_micro) AS estimated
            FROM agg GROUP BY api_key_name, day),
j AS (SELECT coalesce(ck.api_key_name, q.api_key_name) AS api_key_name, coalesce(ck.day, q.day) AS day,
             ck.billable, ck.estimated, q.requests, q.quota_micro,
             coalesce(q.quota_micro, 0) - coalesce(ck.estimated, 0) AS variance_micro
      FROM ck FULL OUTER JOIN quota q ON q.api_key_name = ck.api_key_name AND q.day = ck.day)
SELECT j.*, CASE
    WHEN j.api_key_name NOT IN (SELECT api_key_name FROM ck) THEN 'missing_in_client'
    WHEN j.quota_micro IS NULL THEN 'missing_in_provider'
    WHEN j.estimated IS NULL THEN 'missing_in_client'
    WHEN abs(j.variance_micro) <= j.requests THEN 'match'
    WHEN j.requests > j.billable THEN 'extra_provider_requests'
    WHEN j.requests < j.billable THEN 'fewer_provider_requests'
    ELSE 'amount_differs' END AS class
FROM j;
SELECT 'class|' || class || '|' || count(*) FROM recon GROUP BY class ORDER BY class;
SELECT 'result|billable_micro|' || sum(estimated_billable_micro) FROM agg;
SELECT 'result|provider_micro|' || sum(quota_micro) FROM quota;
SELECT 'mark|end|' || ((julianday('now') - 2440587.5) * 86400.0);
