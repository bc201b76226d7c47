#!/usr/bin/env bash
# Builds the bbolt reader's libFuzzer target with clang in build/fuzz and runs it.
# Usage: scripts/fuzz-bolt.sh [SECONDS]   (default 60)
# Seeds: small files from fuzz_bolt_seeds plus the real fixtures in tests/fixtures/bolt.
# Findings (crash-*, timeout-*, oom-*) land in build/fuzz/fuzz-bolt-findings/.
set -euo pipefail

seconds=${1:-60}
src=$(cd "$(dirname "$0")/.." && pwd)
build=$src/build/fuzz
corpus=$build/fuzz-bolt-corpus
seeds=$build/fuzz-bolt-seeds
findings=$build/fuzz-bolt-findings

CXX=clang++ CC=clang cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTRATA_FUZZ=ON -DSTRATA_BUILD_BENCH=OFF > /dev/null
cmake --build "$build" --target fuzz_bolt fuzz_bolt_seeds

mkdir -p "$corpus" "$seeds" "$findings"
"$build/tests/fuzz/fuzz_bolt_seeds" "$seeds"
cp "$src"/tests/fixtures/bolt/*.db "$seeds/"

cd "$findings"
"$build/tests/fuzz/fuzz_bolt" -max_total_time="$seconds" -max_len=600000 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$corpus" "$seeds"
