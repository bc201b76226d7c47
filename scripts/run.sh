#!/usr/bin/env bash
# Builds Strata (preset default) and starts the GUI against a containerd: the system one when it
# answers, else a private demo instance in /tmp/strata-demo with the test images imported into
# namespace "default".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
demo_dir=/tmp/strata-demo

usage() {
    cat <<EOF
Usage: run.sh [strata arguments...]

Installs dependencies, builds the default preset and runs
  build/default/app/strata --address unix://<socket> --namespace default [strata arguments...]

The socket is \${CONTAINERD_ADDRESS:-/run/containerd/containerd.sock} when a containerd answers
there; otherwise a private containerd is started in $demo_dir (stop it with
scripts/private-containerd.sh stop $demo_dir) and strata.test/one:latest and
strata.test/three:latest are imported into its namespace "default".

Environment:
  CONTAINERD_ADDRESS   containerd socket to try first
  STRATA_SKIP_DEPS=1   skip the package check
EOF
}

die() { echo "run.sh: error: $*" >&2; exit 1; }
say() { echo "run.sh: $*" >&2; }

if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi
source "$root/scripts/lib/as-root.sh"
as_root "$@"

cd "$root"
bash scripts/install-deps.sh >&2 || die "installing dependencies failed (see above)."
cmake --preset default >&2 || die "cmake configure failed (see above)."
cmake --build --preset default --target strata >&2 || die "the build failed (see above)."

address=${CONTAINERD_ADDRESS:-/run/containerd/containerd.sock}
address=${address#unix://}
if [[ -S $address ]] && timeout 5 ctr --address "$address" version >/dev/null 2>&1; then
    say "using the containerd at $address"
else
    say "no containerd answers at $address; starting a private demo instance in $demo_dir"
    bash scripts/private-containerd.sh start "$demo_dir" || die "could not start the demo containerd (see above)."
    address=$demo_dir/containerd.sock
    bash scripts/build-test-images.sh "$address" default >/dev/null \
        || die "importing the demo images failed (see above)."
    say "demo images strata.test/one:latest and strata.test/three:latest are in namespace default"
fi

exec "$root/build/default/app/strata" --address "unix://$address" --namespace default "$@"
