#!/usr/bin/env bash
# Installs everything Strata needs to build and test on Debian 12, from Debian's own archive.
# Fast when nothing is missing: dpkg is asked first, apt only runs for missing packages.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libgl-dev
    libgrpc++-dev protobuf-compiler protobuf-compiler-grpc libprotobuf-dev
    nlohmann-json3-dev libarchive-dev
    # containerd's API protos
    golang-github-containerd-containerd-dev
    # the private containerd and the offline test images
    containerd runc umoci busybox-static
    # the private registry (plain HTTP, and HTTPS with a made CA and htpasswd)
    docker-registry skopeo apache2-utils openssl curl
    # GUI tests and screenshots
    xvfb xauth imagemagick xdotool
    # packaging checks
    file dpkg-dev desktop-file-utils appstream
    # fuzzing (libFuzzer runtime)
    clang libclang-rt-14-dev
)

usage() {
    cat <<EOF
Usage: install-deps.sh [--check]

Installs the Debian packages Strata needs (apt-get, with sudo when not root):
  ${packages[*]}

  --check   only list missing packages; exit 1 if any are missing

Environment:
  STRATA_SKIP_DEPS=1   do nothing (for machines managed by other means)
EOF
}

die() { echo "install-deps: error: $*" >&2; exit 1; }
say() { echo "install-deps: $*"; }

check_only=0
case ${1:-} in
    -h | --help) usage; exit 0 ;;
    --check) check_only=1 ;;
    "") ;;
    *) usage >&2; exit 2 ;;
esac

if [[ ${STRATA_SKIP_DEPS:-0} == 1 ]]; then
    say "STRATA_SKIP_DEPS=1: skipping"
    exit 0
fi

command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script supports Debian/Ubuntu only."

missing=()
for p in "${packages[@]}"; do
    if [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true) != "install ok installed" ]]; then
        missing+=("$p")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    say "all ${#packages[@]} packages present"
    exit 0
fi
say "missing: ${missing[*]}"
[[ $check_only == 0 ]] || exit 1

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "not root and sudo is not installed; run this script as root."
    sudo=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)

# The archive mirror occasionally fails a request; a second try is usually enough.
attempt=1
until "${apt[@]}" update; do
    (( attempt < 3 )) || die "apt-get update failed $attempt times; check the network and /etc/apt/sources.list."
    attempt=$((attempt + 1))
    sleep 5
done
"${apt[@]}" install -y "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"

still=()
for p in "${missing[@]}"; do
    [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true) == "install ok installed" ]] || still+=("$p")
done
[[ ${#still[@]} -eq 0 ]] || die "still not installed after apt-get: ${still[*]}"
say "installed: ${missing[*]}"
