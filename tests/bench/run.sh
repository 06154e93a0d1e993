#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The benchmark's one command (tests/bench/README.md):
#   bash tests/bench/run.sh [tokenledger-bench run options, e.g. --sizes 1000000 --rounds 3]
# Installs the peers if missing (sqlite3 and node from Debian; DuckDB's @duckdb/node-api from npm
# into tests/bench/node_modules, never a dependency of TokenLedger), builds tokenledger-bench and
# tokenledger-cli if needed, then generates the months and runs everything, interleaved.
# BUILD_DIR (default: build) and BENCH_WORK (default: $BUILD_DIR/bench-work) can be overridden.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build}
case "$build" in /*) ;; *) build=$root/$build ;; esac
work=${BENCH_WORK:-$build/bench-work}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
    echo "== installing the DuckDB peer (@duckdb/node-api) into $here/node_modules"
    (cd "$here" && npm install --no-audit --no-fund --loglevel=error)
fi

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    echo "== configuring $build"
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
echo "== building tokenledger-bench and tokenledger-cli in $build"
cmake --build "$build" -j "$(nproc)" --target tokenledger-bench tokenledger-cli >/dev/null

mkdir -p "$work"
exec "$build/bin/tokenledger-bench" run --work "$work" --cli "$build/bin/tokenledger-cli" \
    --peers-dir "$here/peers" --node-dir "$here" --out "$work/results.md" "$@"
