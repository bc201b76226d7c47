#!/usr/bin/env bash
# Issue 2's measurement: `stratactl --json folders` (which also resolves every folder number,
# through one temporary view per chain tip) against `ctr snapshots ls` (keys only), on the same
# store of COUNT committed snapshots in chains of DEPTH, side by side in one run.
#
#   bench/folders.sh [BUILD_DIR] [COUNT] [DEPTH] [RUNS]
#
# Uses its own private containerd under /tmp/strata-bench-folders (never the system one).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build/default}
count=${2:-2000}
depth=${3:-50}
runs=${4:-10}
dir=/tmp/strata-bench-folders
sock=$dir/containerd.sock

for bin in stratactl; do
    [[ -x $build/app/$bin ]] || { echo "bench: $build/app/$bin missing; build first (cmake --build --preset default)" >&2; exit 1; }
done
[[ -x $build/bench/bench_fillsnapshots ]] || { echo "bench: $build/bench/bench_fillsnapshots missing" >&2; exit 1; }

bash "$here/scripts/private-containerd.sh" start "$dir" >/dev/null
trap 'bash "$here/scripts/private-containerd.sh" stop "$dir" >/dev/null 2>&1 || true' EXIT
"$build/bench/bench_fillsnapshots" "unix://$sock" bench overlayfs "$count" "$depth"

# Mean wall time of a command over $runs runs, in milliseconds.
mean_ms() {
    local start end
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null; done
    end=$(date +%s%N)
    echo $(( (end - start) / runs / 1000000 ))
}

"$build/app/stratactl" --address "unix://$sock" --namespace bench --json folders >/tmp/strata-bench-folders.json
resolved=$(grep -c '"id": "[0-9]' /tmp/strata-bench-folders.json || true)
ctr_ms=$(mean_ms ctr --address "$sock" -n bench snapshots ls)
db_ms=$(mean_ms "$build/app/stratactl" --address "unix://$sock" --namespace bench --json folders --db auto)
api_ms=$(mean_ms "$build/app/stratactl" --address "unix://$sock" --namespace bench --json folders --db off)
echo "snapshots: $count in chains of $depth; folders resolved by stratactl: $resolved"
echo "ctr snapshots ls:                        ${ctr_ms} ms (mean of $runs)"
echo "stratactl --json folders (metadata.db):  ${db_ms} ms (mean of $runs)"
echo "stratactl --json folders --db off (API): ${api_ms} ms (mean of $runs; one temporary view per chain tip)"
awk -v a="$db_ms" -v c="$api_ms" -v b="$ctr_ms" 'BEGIN {
    printf "ratio to ctr: %.2fx with metadata.db, %.2fx through the API (target <= 2x)\n", (b > 0 ? a / b : 0), (b > 0 ? c / b : 0) }'
