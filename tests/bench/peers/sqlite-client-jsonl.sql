-- SPDX-License-Identifier: Apache-2.0
-- Benchmark peer (sqlite3 shell): read the client's request log (JSON Lines) into a typed table:
-- each line is imported as one text column, then taken apart with the JSON functions.
.bail on
.mode list
.separator "|" "\n"
SELECT 'mark|start|' || ((julianday('now') - 2440587.5) * 86400.0);
CREATE TABLE client_raw(j TEXT);
.separator "\t" "\n"
.import client.jsonl client_raw
.separator "|" "\n"
CREATE TABLE client AS SELECT
  j ->> '$.request_id' AS request_id, j ->> '$.attempt' AS attempt, datetime(j ->> '$.timestamp_utc') AS ts,
  j ->> '$.api_key_name' AS api_key_name, j ->> '$.service' AS service, j ->> '$.model_requested' AS model_requested,
  j ->> '$.model_billed' AS model_billed, j ->> '$.http_status' AS http_status, j ->> '$.outcome' AS outcome,
  j ->> '$.stream' AS stream, j ->> '$.client_timeout' AS client_timeout, j ->> '$.stream_cancelled' AS stream_cancelled,
  j ->> '$.cache_hit' AS cache_hit, j ->> '$.input_tokens' AS input_tokens, j ->> '$.output_tokens' AS output_tokens,
  j ->> '$.cached_input_tokens' AS cached_input_tokens, j ->> '$.cache_write_tokens' AS cache_write_tokens,
  j ->> '$.reasoning_tokens' AS reasoning_tokens, j ->> '$.response_id' AS response_id
FROM client_raw;
DROP TABLE client_raw;
