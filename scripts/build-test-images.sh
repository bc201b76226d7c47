#!/usr/bin/env bash
# Builds Strata's test images offline (busybox-static + GNU tar + umoci) and imports them into a
# containerd namespace, unpacked for the overlayfs snapshotter.
#
# Images (platform linux/<host arch>, Cmd ["/bin/sh"], Env PATH=<standard path>):
#
#   strata.test/one:latest     1 layer, "base":
#       bin/busybox (static), bin/<applet> -> busybox for every applet (sh, echo, cat, ls, ...),
#       etc/passwd (root, nobody), etc/group (root, nogroup), empty dev/ proc/ sys/ root/ tmp/
#
#   strata.test/three:latest   3 layers:
#       layer 1: base + strata/doomed.txt = "from layer 1\n"   (no strata/shadowed.txt)
#       layer 2: strata/ + strata/shadowed.txt = "layer 2\n"
#       layer 3: strata/ + strata/shadowed.txt = "layer 3\n" + strata/.wh.doomed.txt (OCI
#                whiteout: the container sees no /strata/doomed.txt)
#   A container of `three` therefore sees /strata/shadowed.txt = "layer 3" and no doomed.txt.
#   The script checks this in the built blobs (tar -t / tar -xO of each layer) before importing.
#
# Reproducibility: every tar entry has uid/gid 0, mtime 2024-01-01T00:00:00Z and sorted names;
# umoci's gzip output and the config/manifest JSON are deterministic, so two builds from the same
# busybox binary give the same layer, config and manifest digests (checked by building twice).
# A different busybox package version changes the base layer digests. The OCI archives are
# cached under CACHE_DIR/<key>, where the key hashes this script, the busybox binary and the tool
# versions, so a change to any of them rebuilds.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: build-test-images.sh ADDRESS NAMESPACE [CACHE_DIR]

  ADDRESS     containerd socket: /path/containerd.sock or unix:///path/containerd.sock
  NAMESPACE   containerd namespace to import into (created if missing)
  CACHE_DIR   where the OCI archives are kept
              (default ${XDG_CACHE_HOME:-$HOME/.cache}/strata/test-images)

Imports strata.test/one:latest and strata.test/three:latest (see the script header for their
exact layer contents) and prints the imported image names, one per line, on stdout.
Re-running is safe: an existing image of the same name is replaced by the identical one.
EOF
}

die() { echo "build-test-images: error: $*" >&2; exit 1; }
say() { echo "build-test-images: $*" >&2; }

if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi
[[ $# -eq 2 || $# -eq 3 ]] || { usage >&2; exit 2; }
address=${1#unix://}
namespace=$2
cache_root=${3:-${XDG_CACHE_HOME:-$HOME/.cache}/strata/test-images}
[[ -n $address && -n $namespace ]] || die "ADDRESS and NAMESPACE must not be empty"

busybox=/bin/busybox
epoch=1704067200
created=2024-01-01T00:00:00Z
path_env=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

for tool in umoci:umoci tar:tar sha256sum:coreutils ctr:containerd; do
    command -v "${tool%%:*}" >/dev/null 2>&1 \
        || die "'${tool%%:*}' not found. Run scripts/install-deps.sh (Debian package: ${tool#*:})."
done
[[ -x $busybox ]] || die "$busybox not found. Run scripts/install-deps.sh (Debian package: busybox-static)."
if ldd "$busybox" >/dev/null 2>&1; then
    die "$busybox is dynamically linked and would not run inside an image without libc. Install busybox-static."
fi

case $(uname -m) in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    armv7l) arch=arm ;;
    i?86) arch=386 ;;
    ppc64le) arch=ppc64le ;;
    s390x) arch=s390x ;;
    riscv64) arch=riscv64 ;;
    *) die "unsupported host architecture $(uname -m)" ;;
esac

umask 022
[[ -S $address ]] || die "no containerd socket at $address. Start one first, e.g. scripts/private-containerd.sh start DIR."

# ---- building -------------------------------------------------------------------------------

# A deterministic uncompressed layer tar of the given top-level entries of a directory.
make_tar() {
    local src=$1 out=$2
    shift 2
    tar -C "$src" --create --file "$out" --format=gnu --sort=name \
        --owner=0 --group=0 --numeric-owner --mtime="@$epoch" "$@"
}

make_base() {
    local r=$1 applet
    mkdir -p "$r"/{bin,dev,etc,proc,root,sys,tmp}
    chmod 0700 "$r/root"
    chmod 1777 "$r/tmp"
    install -m 0755 "$busybox" "$r/bin/busybox"
    for applet in $("$busybox" --list); do
        [[ $applet == busybox || -e $r/bin/$applet ]] || ln -s busybox "$r/bin/$applet"
    done
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$r/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$r/etc/group"
    chmod 0644 "$r/etc/passwd" "$r/etc/group"
}

add_layer() {
    local layout=$1 tar=$2 what=$3
    umoci raw add-layer --image "$layout:latest" \
        --history.created="$created" --history.created_by="$what" "$tar"
}

finish_image() {
    local layout=$1 archive=$2
    umoci config --image "$layout:latest" --no-history --created="$created" \
        --architecture="$arch" --os=linux --config.cmd=/bin/sh --config.env="$path_env"
    umoci gc --layout "$layout"
    tar -C "$layout" --create --file "$archive" --format=gnu --sort=name \
        --owner=0 --group=0 --numeric-owner --mtime="@$epoch" oci-layout index.json blobs
}

new_layout() {
    umoci init --layout "$1"
    umoci new --image "$1:latest"
}

# Layer blob paths of the image tagged latest, base layer first.
layer_blobs() {
    local layout=$1 manifest
    manifest=$(grep -o '"digest":"sha256:[0-9a-f]*"' "$layout/index.json" | sed -n 1p | cut -d: -f3 | tr -d '"')
    # In a manifest the config descriptor comes first, then the layers in order.
    grep -o '"digest":"sha256:[0-9a-f]*"' "$layout/blobs/sha256/$manifest" | tail -n +2 \
        | cut -d: -f3 | tr -d '"' | sed "s|^|$layout/blobs/sha256/|"
}

expect_listing() {
    local blob=$1 label=$2 entry=$3 present=$4
    local listing
    listing=$(tar -tzf "$blob") || die "$label: $blob is not a readable gzip tar"
    if grep -qxF -- "$entry" <<<"$listing"; then
        [[ $present == yes ]] || die "$label unexpectedly contains $entry"
    else
        [[ $present == no ]] || die "$label lacks $entry"
    fi
}

expect_content() {
    local blob=$1 label=$2 entry=$3 want=$4
    [[ $(tar -xzOf "$blob" "$entry") == "$want" ]] || die "$label: $entry is not '$want'"
}

verify_one() {
    local -a blobs
    mapfile -t blobs < <(layer_blobs "$1")
    [[ ${#blobs[@]} -eq 1 ]] || die "strata.test/one has ${#blobs[@]} layers, expected 1"
    expect_listing "${blobs[0]}" "one layer 1" bin/busybox yes
    expect_listing "${blobs[0]}" "one layer 1" bin/sh yes
    expect_listing "${blobs[0]}" "one layer 1" etc/passwd yes
}

verify_three() {
    local -a blobs
    mapfile -t blobs < <(layer_blobs "$1")
    [[ ${#blobs[@]} -eq 3 ]] || die "strata.test/three has ${#blobs[@]} layers, expected 3"
    expect_listing "${blobs[0]}" "three layer 1" bin/busybox yes
    expect_listing "${blobs[0]}" "three layer 1" strata/doomed.txt yes
    expect_listing "${blobs[0]}" "three layer 1" strata/shadowed.txt no
    expect_content "${blobs[0]}" "three layer 1" strata/doomed.txt "from layer 1"
    expect_listing "${blobs[1]}" "three layer 2" strata/shadowed.txt yes
    expect_listing "${blobs[1]}" "three layer 2" bin/busybox no
    expect_content "${blobs[1]}" "three layer 2" strata/shadowed.txt "layer 2"
    expect_listing "${blobs[2]}" "three layer 3" strata/.wh.doomed.txt yes
    expect_listing "${blobs[2]}" "three layer 3" strata/doomed.txt no
    expect_content "${blobs[2]}" "three layer 3" strata/shadowed.txt "layer 3"
}

build_all() {
    local out=$1 work=$2

    make_base "$work/base"
    make_tar "$work/base" "$work/base.tar" bin dev etc proc root sys tmp
    new_layout "$work/one"
    add_layer "$work/one" "$work/base.tar" "strata: busybox base"
    verify_one "$work/one"
    finish_image "$work/one" "$out/one.tar"

    mkdir -p "$work/l1/strata" "$work/l2/strata" "$work/l3/strata"
    cp -a "$work/base/." "$work/l1/"
    printf 'from layer 1\n' >"$work/l1/strata/doomed.txt"
    printf 'layer 2\n' >"$work/l2/strata/shadowed.txt"
    printf 'layer 3\n' >"$work/l3/strata/shadowed.txt"
    : >"$work/l3/strata/.wh.doomed.txt"
    chmod 0644 "$work"/l?/strata/*.txt "$work/l3/strata/.wh.doomed.txt"
    make_tar "$work/l1" "$work/l1.tar" bin dev etc proc root strata sys tmp
    make_tar "$work/l2" "$work/l2.tar" strata
    make_tar "$work/l3" "$work/l3.tar" strata
    new_layout "$work/three"
    add_layer "$work/three" "$work/l1.tar" "strata: busybox base + /strata/doomed.txt"
    add_layer "$work/three" "$work/l2.tar" "strata: add /strata/shadowed.txt (layer 2)"
    add_layer "$work/three" "$work/l3.tar" "strata: overwrite shadowed.txt, delete doomed.txt"
    verify_three "$work/three"
    finish_image "$work/three" "$out/three.tar"
}

key=$( {
    sha256sum <"${BASH_SOURCE[0]}"
    sha256sum <"$busybox"
    umoci --version
    tar --version | head -n 1
    echo "$arch"
} | sha256sum | cut -c1-16)
cache=$cache_root/$key

mkdir -p "$cache_root"
# Several build trees may run their fixtures at once and share this cache.
exec 9>"$cache_root/.lock"
flock 9
if [[ ! -f $cache/three.tar || ! -f $cache/one.tar ]]; then
    say "building test images into $cache"
    tmp=$(mktemp -d "$cache_root/.build.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/out" "$tmp/work"
    build_all "$tmp/out" "$tmp/work" >&2
    # Other keys belong to other versions of this script or busybox, and other build dirs to
    # interrupted runs (a live builder would hold the lock): drop them.
    find "$cache_root" -mindepth 1 -maxdepth 1 -type d ! -name "$key" ! -path "$tmp" -exec rm -rf {} +
    rm -rf "$cache"
    mv "$tmp/out" "$cache"
else
    say "using cached test images in $cache"
fi
flock -u 9

# ---- importing ------------------------------------------------------------------------------

for name in one three; do
    ctr --address "$address" -n "$namespace" images import --snapshotter overlayfs \
        --base-name "strata.test/$name" "$cache/$name.tar" >&2 \
        || die "importing strata.test/$name:latest into $address (namespace $namespace) failed"
    echo "strata.test/$name:latest"
done
