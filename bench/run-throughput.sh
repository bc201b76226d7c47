#!/usr/bin/env bash
# stratactl run against ctr run, side by side: a container writing BYTES (default 1 GiB) to
# stdout, redirected to /dev/null. Prints each tool's best wall time of ROUNDS and the ratio.
#
# Usage: bench/run-throughput.sh STRATACTL SOCKET [NAMESPACE] [IMAGE] [BYTES] [ROUNDS]
#   e.g. bench/run-throughput.sh build/run/app/stratactl build/run/test-containerd/containerd.sock
set -euo pipefail
stratactl=${1:?STRATACTL}
sock=${2:?SOCKET}
ns=${3:-strata-test}
image=${4:-strata.test/one:latest}
bytes=${5:-1073741824}
rounds=${6:-3}
cmd=(/bin/sh -c "head -c $bytes /dev/zero")

best() { # prints the best wall time in seconds of "$@" over the rounds
    local best=
    for ((i = 0; i < rounds; ++i)); do
        local start end t
        start=$(date +%s.%N)
        "$@" >/dev/null </dev/null
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc -l)
        if [[ -z $best ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
    done
    echo "$best"
}

n=0
ctr_run() { ctr --address "$sock" -n "$ns" run --rm "$image" "bench-ctr-$$-$((n++))" "${cmd[@]}"; }
strata_run() { "$stratactl" --address "unix://$sock" --namespace "$ns" run --rm "$image" "bench-strata-$$-$((n++))" -- "${cmd[@]}"; }

t_ctr=$(best ctr_run)
t_strata=$(best strata_run)
mib=$(echo "$bytes / 1048576" | bc -l)
printf 'bytes %d, best of %d\n' "$bytes" "$rounds"
printf 'ctr run       %.2f s  %.0f MiB/s\n' "$t_ctr" "$(echo "$mib / $t_ctr" | bc -l)"
printf 'stratactl run %.2f s  %.0f MiB/s\n' "$t_strata" "$(echo "$mib / $t_strata" | bc -l)"
printf 'ratio (ctr time / stratactl time) %.2fx\n' "$(echo "$t_ctr / $t_strata" | bc -l)"
