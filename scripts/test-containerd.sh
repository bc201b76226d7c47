#!/usr/bin/env bash
# The ctest fixture behind `containerd_up` / `containerd_down` (tests/CMakeLists.txt).
#
# up DIR:   stops any instance left in DIR, wipes its store so every test run starts from the
#           same state (the previous log is kept as containerd.log.prev), starts a private
#           containerd (scripts/private-containerd.sh), imports the test images into namespace
#           strata-test (scripts/build-test-images.sh) and proves that a container really runs on
#           them, then collects garbage so only the 4 image layer snapshots are on disk
#           (overlayfs folders 1 = one's layer, 2..4 = three's layers 1..3). A missing or
#           broken containerd is a failure, never a skip.
# down DIR: stops the instance; DIR stays for post-mortems.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
namespace=strata-test

usage() {
    cat <<EOF
Usage: test-containerd.sh up|down DIR

  up    fresh private containerd in DIR (socket DIR/containerd.sock), test images
        strata.test/one:latest and strata.test/three:latest imported into namespace
        '$namespace', smoke container checked
  down  stop that containerd (DIR and DIR/containerd.log are kept)

Environment:
  STRATA_TEST_IMAGE_CACHE   cache dir for the image archives (default: build-test-images.sh's)
EOF
}

die() { echo "test-containerd: FAILED: $*" >&2; exit 1; }
say() { echo "test-containerd: $*"; }

if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi
[[ $# -eq 2 ]] || { usage >&2; exit 2; }
cmd=$1
[[ -n $2 ]] || die "DIR must not be empty"
dir=$(realpath -m -- "$2")
sock=$dir/containerd.sock

log_tail() {
    if [[ -f $dir/containerd.log ]]; then
        echo "---- last lines of $dir/containerd.log" >&2
        tail -n 25 "$dir/containerd.log" >&2
    fi
}

# One container run on the three-layer image; prints the command's output.
run_smoke() {
    local id=$1
    shift
    timeout 60 ctr --address "$sock" -n "$namespace" run --rm strata.test/three:latest "$id" "$@"
}

up() {
    [[ $(id -u) -eq 0 ]] || die "the containerd fixture needs root (run ctest as root or with sudo)."
    bash "$here/private-containerd.sh" stop "$dir" >/dev/null 2>&1 || true
    if [[ -d $dir ]]; then
        if grep -qF " $dir/" /proc/self/mountinfo; then
            die "something is still mounted under $dir after stopping its containerd; unmount it and retry."
        fi
        [[ -f $dir/containerd.log ]] && mv -f "$dir/containerd.log" "$dir/containerd.log.prev"
        rm -rf --one-file-system "$dir/root" "$dir/state" "$dir/opt" "$dir/tmp"
    fi

    say "starting a private containerd in $dir"
    bash "$here/private-containerd.sh" start "$dir" \
        || die "the private containerd did not start (see above). Is containerd installed? Run scripts/install-deps.sh."

    say "importing test images into namespace $namespace"
    local -a cache=()
    [[ -n ${STRATA_TEST_IMAGE_CACHE:-} ]] && cache=("$STRATA_TEST_IMAGE_CACHE")
    bash "$here/build-test-images.sh" "$sock" "$namespace" "${cache[@]}" \
        || { log_tail; die "building or importing the test images failed (see above)."; }

    say "smoke test: running a container of strata.test/three:latest"
    local out
    out=$(run_smoke "smoke-$$" /bin/cat /strata/shadowed.txt 2>&1) \
        || { echo "$out" >&2; log_tail; die "ctr run on strata.test/three:latest failed."; }
    [[ $out == "layer 3" ]] \
        || die "/strata/shadowed.txt in strata.test/three reads '$out', expected 'layer 3' (layers applied in the wrong order?)"
    out=$(run_smoke "smoke-wh-$$" /bin/sh -c 'test ! -e /strata/doomed.txt && echo gone' 2>&1) \
        || { echo "$out" >&2; log_tail; die "/strata/doomed.txt is visible in strata.test/three: the layer-3 whiteout was not applied."; }
    [[ $out == gone ]] || die "whiteout check printed '$out', expected 'gone'"
    # Removed containers leave their snapshot folders until containerd's garbage collector
    # runs; deleting a lease with --sync runs it now, so every suite starts with exactly the
    # image layers on disk.
    local lease
    if ! lease=$(ctr --address "$sock" -n "$namespace" leases create) \
        || ! ctr --address "$sock" -n "$namespace" leases delete --sync "$lease"; then
        die "could not run containerd's garbage collector through a lease."
    fi
    say "ready: address unix://$sock, namespace $namespace"
}

down() {
    if [[ ! -d $dir ]]; then
        say "$dir does not exist; nothing to stop"
        return 0
    fi
    bash "$here/private-containerd.sh" stop "$dir"
    say "stopped; logs kept in $dir"
}

case $cmd in
    up) up ;;
    down) down ;;
    *) usage >&2; exit 2 ;;
esac
