#!/usr/bin/env bash
# The fault soak: containerd restarted RESTARTS times (clean stop and SIGKILL alternating)
# under Strata, twice. First the GUI (bench_soak: the main window offscreen on the Atlas page, a
# run in flight at each restart); then stratactl (a `folders` listing and a `run --rm` at each
# restart). Prints per round what survived, then the totals: restarts survived, leftovers
# (Strata's containers, snapshots and leases still there), the longest event-loop stall and
# the GUI's RSS at start and end.
#
#   bench/soak.sh BUILD_DIR [DIR] [RESTARTS]
#
# DIR (default /tmp/strata-soak) holds a private containerd, stopped afterwards; the test
# images are imported into namespace strata-bench.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -ge 1 ]] || { sed -n '2,12p' "$0" >&2; exit 2; }
build=$1
dir=${2:-/tmp/strata-soak}
restarts=${3:-20}
ns=strata-bench
image=strata.test/one:latest
script=$here/scripts/private-containerd.sh
sock=$dir/containerd.sock
for bin in bench/bench_soak app/stratactl; do
    [[ -x $build/$bin ]] || { echo "soak.sh: $build/$bin not built" >&2; exit 1; }
done

bash "$script" start "$dir" >&2
trap 'bash "$script" stop "$dir" >/dev/null 2>&1 || true' EXIT
if ! ctr --address "$sock" -n "$ns" images ls -q 2>/dev/null | grep -qxF "$image"; then
    bash "$here/scripts/build-test-images.sh" "$sock" "$ns" >&2
fi

# Strata's own things left in the namespace: containers and snapshots named strata-*, and
# strata-* leases.
leftovers() {
    {
        ctr --address "$sock" -n "$ns" containers ls -q
        ctr --address "$sock" -n "$ns" snapshots ls | awk 'NR > 1 { print $1 }'
        ctr --address "$sock" -n "$ns" leases ls | awk 'NR > 1 { print $1 }'
    } 2>/dev/null | grep '^strata-' | sort -u >"$dir/leftovers" || true
    echo "$(wc -l <"$dir/leftovers") $(tr '\n' ' ' <"$dir/leftovers")"
}

echo "== GUI"
status=0
QT_QPA_PLATFORM=offscreen "$build/bench/bench_soak" "unix://$sock" "$ns" "$dir" "$restarts" "$image" "$script" \
    2> >(grep -v propagateSizeHints >&2) || status=$?
echo "gui: Strata's leftovers in the namespace afterwards: $(leftovers)"

echo "== stratactl"
ctl() { "$build/app/stratactl" --address "unix://$sock" --namespace "$ns" "$@"; }
survived=0 folders_ok=0 runs_ok=0
for ((i = 1; i <= restarts; i++)); do
    ctl run --rm "$image" "strata-soak-ctl-$i" -- sh -c "sleep 3; echo soak-$i" >"$dir/run.out" 2>"$dir/run.err" &
    run=$!
    sleep 1
    pid=$(cat "$dir/containerd.pid")
    if ((i % 2 == 0)); then kill -KILL "$pid"; else kill -TERM "$pid"; fi
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    bash "$script" start "$dir" >/dev/null 2>&1
    if ctl version >/dev/null 2>&1; then survived=$((survived + 1)); fi
    if ctl --json folders >/dev/null 2>"$dir/folders.err"; then folders_ok=$((folders_ok + 1)); fi
    rc=0; wait "$run" || rc=$?
    if [[ $rc == 0 ]] && grep -qx "soak-$i" "$dir/run.out"; then
        runs_ok=$((runs_ok + 1)); note=ok
    else
        note="FAILED (exit $rc: $(tr '\n' ' ' <"$dir/run.err" | cut -c1-160))"
    fi
    echo "round $i ($( ((i % 2 == 0)) && echo SIGKILL || echo SIGTERM )): run $note"
done
echo "stratactl: restarts survived $survived/$restarts, folders listings ok $folders_ok/$restarts," \
     "runs ok $runs_ok/$restarts, Strata's leftovers in the namespace afterwards: $(leftovers)"
exit $status
