#!/usr/bin/env bash
# The run console under a flood, headless: bench_console runs a container writing each SIZE
# bytes of 81-byte lines into a ConsoleView through RunController, and prints throughput, the
# longest event-loop stall (5 ms heartbeat) and peak RSS. Two sizes side by side show whether
# memory is bounded by the scrollback cap or grows with the output.
#
#   bench/console.sh BUILD_DIR [DIR] [SCROLLBACK_LINES] [SIZE...]
#
# DIR (default /tmp/strata-console-bench) holds a private containerd; the test images are
# imported into namespace strata-bench when missing. SIZE defaults to 50000000 200000000.
# Set CONSOLE_BENCH_KEEP=0 to stop the containerd afterwards.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -ge 1 ]] || { sed -n '2,11p' "$0" >&2; exit 2; }
build=$1
dir=${2:-/tmp/strata-console-bench}
scrollback=${3:-10000}
shift $(( $# < 3 ? $# : 3 ))
sizes=("$@")
(( ${#sizes[@]} )) || sizes=(50000000 200000000)
ns=strata-bench
image=strata.test/one:latest
bench=$build/bench/bench_console
[[ -x $bench ]] || { echo "console.sh: $bench not built (cmake --build $build --target bench_console)" >&2; exit 1; }

bash "$here/scripts/private-containerd.sh" start "$dir" >&2
sock=$dir/containerd.sock
if ! ctr --address "$sock" -n "$ns" images ls -q 2>/dev/null | grep -qxF "$image"; then
    bash "$here/scripts/build-test-images.sh" "$sock" "$ns" >&2
fi
status=0
for size in "${sizes[@]}"; do
    echo "== $size bytes"
    QT_QPA_PLATFORM=offscreen "$bench" "unix://$sock" "$ns" "$size" "$scrollback" "$image" 2> >(grep -v propagateSizeHints >&2) || status=$?
done
if [[ ${CONSOLE_BENCH_KEEP:-1} == 0 ]]; then
    bash "$here/scripts/private-containerd.sh" stop "$dir" >&2
fi
exit $status
