-- SPDX-License-Identifier: Apache-2.0
-- Benchmark peer (sqlite3 shell): read the client's request log (CSV) into a typed table.
.bail on
.mode list
.separator "|" "\n"
SELECT 'mark|start|' || ((julianday('now') - 2440587.5) * 86400.0);
.import --csv client.csv client_raw
CREATE TABLE client AS SELECT
  request_id, CAST(attempt AS INTEGER) AS attempt, datetime(timestamp_utc) AS ts, api_key_name, service,
  model_requested, nullif(model_billed, '') AS model_billed, CAST(nullif(http_status, '') AS INTEGER) AS http_status,
  nullif(outcome, '') AS outcome, stream = 'true' AS stream, client_timeout = 'true' AS client_timeout,
  stream_cancelled = 'true' AS stream_cancelled, cache_hit = 'true' AS cache_hit,
  CAST(nullif(input_tokens, '') AS INTEGER) AS input_tokens, CAST(nullif(output_tokens, '') AS INTEGER) AS output_tokens,
  CAST(nullif(cached_input_tokens, '') AS INTEGER) AS cached_input_tokens,
  CAST(nullif(cache_write_tokens, '') AS INTEGER) AS cache_write_tokens,
  CAST(nullif(reasoning_tokens, '') AS INTEGER) AS reasoning_tokens, nullif(response_id, '') AS response_id
FROM client_raw;
DROP TABLE client_raw;
