#!/usr/bin/env bash
# Atlas at scale: a private containerd filled with COUNT snapshots in chains of depth up to
# DEPTH, then bench_atlas measures connect -> fully populated model and peak RSS.
#
#   bench/atlas.sh BUILD_DIR [DIR] [COUNT] [DEPTH]
#
# DIR (default /tmp/strata-atlas-bench) keeps the filled store between runs: a second run only
# measures. Set ATLAS_BENCH_KEEP=0 to stop the containerd afterwards (it is kept by default so
# the numbers can be re-measured).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -ge 1 ]] || { sed -n '2,10p' "$0" >&2; exit 2; }
build=$1
dir=${2:-/tmp/strata-atlas-bench}
count=${3:-5000}
depth=${4:-50}
ns=strata-bench
bench=$build/bench/bench_atlas
[[ -x $bench ]] || { echo "atlas.sh: $bench not built (cmake --build $build --target bench_atlas)" >&2; exit 1; }

bash "$here/scripts/private-containerd.sh" start "$dir" >&2
address=unix://$dir/containerd.sock
have=$(ctr --address "$dir/containerd.sock" -n "$ns" snapshots ls 2>/dev/null | tail -n +2 | wc -l)
if (( have < count )); then
    echo "atlas.sh: filling $count snapshots (have $have)..." >&2
    start=$(date +%s)
    "$bench" fill "$address" "$ns" "$count" "$depth"
    echo "atlas.sh: filled in $(( $(date +%s) - start )) s" >&2
fi
"$bench" measure "$address" "$ns"
if [[ ${ATLAS_BENCH_KEEP:-1} == 0 ]]; then
    bash "$here/scripts/private-containerd.sh" stop "$dir" >&2
fi
