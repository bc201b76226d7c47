#!/usr/bin/env bash
# The ctest fixture behind `registry_up` / `registry_down` (tests/CMakeLists.txt).
#
# up DIR SOCKET:  starts the two private registries of scripts/private-registry.sh in DIR with
#                 empty storage, and pushes into both (with skopeo) the test images that the
#                 private containerd at SOCKET holds in namespace strata-test:
#
#                   strata/one:latest     strata.test/one (1 layer)
#                   strata/three:latest   strata.test/three (3 layers)
#                   strata/multi:latest   an OCI index of two manifests: one's for the host
#                                         platform, three's listed as linux/<another arch>
#                   strata/fresh:latest   three plus a fourth layer of 1 MiB of new random bytes,
#                                         made at each start: containerd shares blobs between
#                                         namespaces, so only a layer no namespace holds is
#                                         really downloaded by a pull
#
#                 Writes DIR/env (see private-registry.sh) plus OTHER_PLATFORM=linux/<arch> and
#                 FRESH_LAYER=<digest of fresh's fourth layer>.
#                 A missing registry, skopeo or image is a failure, never a skip.
# down DIR:       stops the registries; DIR and their logs stay.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
namespace=strata-test

usage() {
    cat <<'EOF'
Usage: test-registry.sh up DIR SOCKET
       test-registry.sh down DIR
EOF
}

die() { echo "test-registry: FAILED: $*" >&2; exit 1; }
say() { echo "test-registry: $*"; }

if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi
[[ $# -ge 2 ]] || { usage >&2; exit 2; }
cmd=$1
dir=$(realpath -m -- "$2")

host_arch() {
    case $(uname -m) in
        x86_64) echo amd64 ;;
        aarch64) echo arm64 ;;
        *) uname -m ;;
    esac
}

# push SOURCE NAME: into both registries
push() {
    local source=$1 name=$2
    # shellcheck disable=SC1091
    source "$dir/env"
    skopeo copy -q --all --dest-tls-verify=false "$source" "docker://$PLAIN/strata/$name:latest" \
        || die "skopeo could not push $name to the plain registry at $PLAIN"
    skopeo copy -q --all --dest-cert-dir="$dir/skopeo-certs" --dest-creds="$USER:$PASSWORD" \
        "$source" "docker://$SECURE/strata/$name:latest" \
        || die "skopeo could not push $name to the secure registry at $SECURE"
}

# descriptor LAYOUT: the manifest descriptor of an exported single-image layout, as JSON
descriptor() {
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["manifests"][0]; print(json.dumps({k: m[k] for k in ("mediaType","digest","size")}))' \
        "$1/index.json"
}

# Two single-platform layouts merged into one layout whose index lists both platforms.
make_multi() {
    local one=$1 three=$2 multi=$3 other=$4 arch
    arch=$(host_arch)
    rm -rf "$multi"
    mkdir -p "$multi/blobs/sha256"
    cp -n "$one"/blobs/sha256/* "$three"/blobs/sha256/* "$multi/blobs/sha256/"
    echo '{"imageLayoutVersion":"1.0.0"}' >"$multi/oci-layout"
    local index digest size
    index=$(python3 - "$(descriptor "$one")" "$(descriptor "$three")" "$arch" "$other" <<'EOF'
import json, sys
one, three, arch, other = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
one["platform"] = {"os": "linux", "architecture": arch}
three["platform"] = {"os": "linux", "architecture": other}
print(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                  "manifests": [one, three]}, separators=(",", ":")))
EOF
)
    digest=$(printf '%s' "$index" | sha256sum | cut -d' ' -f1)
    size=$(printf '%s' "$index" | wc -c)
    printf '%s' "$index" >"$multi/blobs/sha256/$digest"
    printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' \
        "$digest" "$size" >"$multi/index.json"
}

# Three's layout plus a layer no containerd has seen.
make_fresh() {
    local three=$1 fresh=$2 work
    work=$(mktemp -d)
    rm -rf "$fresh"
    cp -r "$three" "$fresh"
    mkdir -p "$work/strata"
    head -c 1048576 /dev/urandom >"$work/strata/noise.bin"
    tar -C "$work" -cf "$work/layer.tar" --owner=0 --group=0 --numeric-owner strata
    umoci raw add-layer --image "$fresh:latest" --history.created_by="strata/fresh noise" "$work/layer.tar" \
        || die "umoci could not add a layer to $fresh"
    rm -rf "$work"
}

up() {
    local sock=$1
    command -v skopeo >/dev/null 2>&1 || die "'skopeo' not found. Run scripts/install-deps.sh."
    command -v python3 >/dev/null 2>&1 || die "'python3' not found. Run scripts/install-deps.sh."
    command -v umoci >/dev/null 2>&1 || die "'umoci' not found. Run scripts/install-deps.sh."
    bash "$here/private-registry.sh" stop "$dir" >/dev/null 2>&1 || true
    rm -rf "$dir/plain/data" "$dir/secure/data" "$dir/images"
    bash "$here/private-registry.sh" start "$dir" >/dev/null || die "the private registries did not start (see above)."
    mkdir -p "$dir/skopeo-certs" "$dir/images"
    cp "$dir/ca.crt" "$dir/skopeo-certs/ca.crt"

    local other=arm64
    [[ $(host_arch) == arm64 ]] && other=amd64
    for name in one three; do
        local archive=$dir/images/$name.oci.tar
        ctr --address "$sock" -n "$namespace" images export "$archive" "strata.test/$name:latest" \
            || die "could not export strata.test/$name:latest from the containerd at $sock (is containerd_up done?)"
        mkdir -p "$dir/images/$name"
        tar -C "$dir/images/$name" -xf "$archive"
        push "oci:$dir/images/$name" "$name"
    done
    make_multi "$dir/images/one" "$dir/images/three" "$dir/images/multi" "$other"
    push "oci:$dir/images/multi:latest" multi
    make_fresh "$dir/images/three" "$dir/images/fresh"
    push "oci:$dir/images/fresh:latest" fresh
    python3 - "$dir/images/fresh" >>"$dir/env" <<'EOF'
import json, sys
layout = sys.argv[1]
manifest = json.load(open(layout + "/index.json"))["manifests"][0]["digest"]
layers = json.load(open(layout + "/blobs/sha256/" + manifest.split(":")[1]))["layers"]
print("FRESH_LAYER=" + layers[-1]["digest"])
EOF
    echo "OTHER_PLATFORM=linux/$other" >>"$dir/env"
    say "registries ready:"
    cat "$dir/env"
}

case $cmd in
    up)
        [[ $# -eq 3 ]] || { usage >&2; exit 2; }
        up "${3#unix://}"
        ;;
    down) bash "$here/private-registry.sh" stop "$dir" ;;
    *) usage >&2; exit 2 ;;
esac
