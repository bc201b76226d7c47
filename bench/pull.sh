#!/usr/bin/env bash
# `stratactl pull --plain-http` against `ctr images pull --plain-http`: wall time and peak RSS of
# pulling and unpacking (overlayfs) one generated image of ~200 MB in 6 layers (random bytes,
# base64 text, repetitive text and small files: partly compressible) from a private plain-HTTP
# registry into a private containerd. Every pull starts from a freshly wiped containerd root
# (containerd 1.6 shares blobs across namespaces), checked empty before and complete after.
# ROUNDS rounds, alternating which tool goes first; prints per-round figures, medians, the
# ratio ctr/stratactl (target >= 1.2) and stratactl's peak RSS (target < 100 MB).
# Then the same image out and in: `stratactl export` vs `ctr images export` of the pulled image,
# and `stratactl import` vs `ctr images import` (with unpack) of ctr's archive into a fresh
# containerd, medians of ROUNDS each (target >= 1.0x).
#
#   bench/pull.sh [BUILD_DIR] [ROUNDS]     (as root; BUILD_DIR with app/stratactl, e.g. build/default)
#
# Everything lives under /tmp/strata-bench-pull (never the system containerd); the registry,
# containerd and any mount under it are stopped/unmounted on exit, bulky data is removed, logs kept.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(realpath -m -- "${1:-$here/build/default}")
rounds=${2:-5}
dir=/tmp/strata-bench-pull
ctd=$dir/ctd
sock=$ctd/containerd.sock
ns=bench
snapshotter=overlayfs
stratactl=$build/app/stratactl
layers=6

[[ -x $stratactl ]] || { echo "pull: $stratactl missing; build first (cmake --build $build --target stratactl)" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "pull: needs root (a private containerd)" >&2; exit 1; }
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "pull: ROUNDS must be a positive number" >&2; exit 2; }
for tool in ctr containerd umoci skopeo docker-registry curl /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || { echo "pull: '$tool' not found (scripts/install-deps.sh)" >&2; exit 1; }
done

mounted_under() { awk -v d="$dir/" '{ p = $5; gsub(/\\040/, " ", p); if (index(p "/", d) == 1) print p }' /proc/self/mountinfo; }
unmount_all() {
    local m
    while IFS= read -r m; do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "pull: could not unmount $m" >&2
    done < <(mounted_under | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
}
cleanup() {
    bash "$here/scripts/private-containerd.sh" stop "$ctd" >/dev/null 2>&1 || true
    bash "$here/scripts/private-registry.sh" stop "$dir/reg" >/dev/null 2>&1 || true
    unmount_all
    [[ -z $(mounted_under) ]] || echo "pull: mounts left under $dir:" $(mounted_under) >&2
    rm -rf "$ctd/root" "$ctd/state" "$ctd/tmp" "$dir/reg/plain/data" "$dir/reg/secure/data" "$dir/oci" "$dir/gen"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "load average at start: $(uptime | sed 's/.*load average: //')   ($(nproc) CPUs)"
echo "ctr: $(ctr --version | awk '{print $3}')   stratactl: $stratactl"

# A fresh private containerd: stopped, root/state/tmp wiped, started, and checked empty.
fresh_containerd() {
    bash "$here/scripts/private-containerd.sh" stop "$ctd" >/dev/null 2>&1 || true
    unmount_all
    rm -rf "$ctd/root" "$ctd/state" "$ctd/tmp"
    sync
    bash "$here/scripts/private-containerd.sh" start "$ctd" 2>"$dir/start.log" || { cat "$dir/start.log" >&2; exit 1; }
    local blobs=$ctd/root/io.containerd.content.v1.content/blobs/sha256
    if [[ -n $(ctr -a "$sock" -n "$ns" content ls -q) || -n $(ctr -a "$sock" -n "$ns" snapshots --snapshotter "$snapshotter" ls | tail -n +2) \
          || ( -d $blobs && -n $(ls -A "$blobs") ) || -n $(ctr -a "$sock" namespaces ls -q) ]]; then
        echo "pull: the fresh containerd is not empty" >&2; exit 1
    fi
}

# ---- the image ------------------------------------------------------------------------------
# Layer i (1..6): rand.bin (random, incompressible), b64.txt (base64 of random: ~25% smaller
# gzipped), text.txt (repeated lines: compresses ~100x) and small/ (300 files of 1..8 KiB).
rm -rf "$dir/gen" "$dir/oci"
mkdir -p "$dir/gen"
gen_start=$(date +%s)
tar_bytes=0
case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
umoci init --layout "$dir/oci"
umoci new --image "$dir/oci:big"
for ((i = 1; i <= layers; i++)); do
    t=$dir/gen/l$i
    mkdir -p "$t/bench/l$i/small"
    mb=$((8 + 2 * i)) # random MiB in this layer: 10..20
    head -c $((mb << 20)) /dev/urandom >"$t/bench/l$i/rand.bin"
    head -c $((6 << 20)) /dev/urandom | base64 >"$t/bench/l$i/b64.txt"
    { yes "layer $i: strata pull bench, a line of repetitive and easily compressed text" || true; } | head -c $((12 << 20)) >"$t/bench/l$i/text.txt"
    for ((f = 0; f < 300; f++)); do
        head -c $((1024 + (f * 97 % 8) * 1024)) /dev/urandom >"$t/bench/l$i/small/f$f"
    done
    tar -C "$t" --create --file "$dir/gen/l$i.tar" --format=gnu --sort=name --owner=0 --group=0 --numeric-owner bench
    tar_bytes=$((tar_bytes + $(stat -c %s "$dir/gen/l$i.tar")))
    umoci raw add-layer --image "$dir/oci:big" --history.created_by="strata bench layer $i" "$dir/gen/l$i.tar"
    rm -rf "$t" "$dir/gen/l$i.tar"
done
umoci config --image "$dir/oci:big" --os=linux --architecture="$arch" --config.cmd=/bin/true
umoci gc --layout "$dir/oci"
raw_mb=$(( $(du -sb "$dir/oci/blobs" | cut -f1) >> 20 ))

reg=$(bash "$here/scripts/private-registry.sh" start "$dir/reg")
plain=$(sed -n 's/^PLAIN=//p' <<<"$reg")
ref=$plain/bench/big:latest
skopeo copy --quiet --insecure-policy --dest-tls-verify=false "oci:$dir/oci:big" "docker://$ref"
echo "image: $ref, $layers layers, ${raw_mb} MiB of blobs (gzip), $((tar_bytes >> 20)) MiB of layer tars; built and pushed in $(( $(date +%s) - gen_start )) s"

# ---- the rounds -----------------------------------------------------------------------------
# run_pull TOOL LOG: one pull into a fresh containerd; sets secs, rss_mb and keys (sorted
# committed snapshot names, i.e. chain IDs) and checks the image is complete and unpacked.
run_pull() {
    local tool=$1 log=$2 start end
    local -a cmd
    case $tool in
        ctr) cmd=(ctr -a "$sock" -n "$ns" images pull --plain-http --snapshotter "$snapshotter" "$ref") ;;
        stratactl) cmd=("$stratactl" --address "unix://$sock" --namespace "$ns" --snapshotter "$snapshotter" pull --plain-http "$ref") ;;
    esac
    fresh_containerd
    start=$(date +%s.%N)
    /usr/bin/time -f %M -o "$dir/rss" "${cmd[@]}" >"$log" 2>&1 || { echo "pull: $tool failed:" >&2; tail -n 20 "$log" >&2; exit 1; }
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    rss_mb=$(awk '{ v = $1 } END { printf "%.0f", v / 1024 }' "$dir/rss")
    keys=$(ctr -a "$sock" -n "$ns" snapshots --snapshotter "$snapshotter" ls | awk 'NR > 1 && $NF == "Committed" { print $1 }' | sort)
    local n_snap n_blobs
    n_snap=$(grep -c . <<<"$keys" || true)
    n_blobs=$(ctr -a "$sock" -n "$ns" content ls -q | grep -c . || true)
    ctr -a "$sock" -n "$ns" images ls -q | grep -qxF "$ref" || { echo "pull: $tool recorded no image $ref" >&2; exit 1; }
    [[ $n_snap -eq $layers && $n_blobs -eq $((layers + 2)) ]] \
        || { echo "pull: after $tool: $n_snap committed snapshots, $n_blobs blobs (want $layers, $((layers + 2)))" >&2; exit 1; }
}

declare -a ctr_s=() ctl_s=() ctr_rss=() ctl_rss=()
printf '%-6s %-10s %12s %12s %14s %14s %7s\n' round first "ctr s" "stratactl s" "ctr RSS MiB" "stratactl MiB" ratio
for ((r = 1; r <= rounds; r++)); do
    if (( r % 2 )); then order=(ctr stratactl); else order=(stratactl ctr); fi
    for tool in "${order[@]}"; do
        run_pull "$tool" "$dir/$tool.$r.log"
        if [[ $tool == ctr ]]; then
            ctr_s+=("$secs"); ctr_rss+=("$rss_mb"); ctr_keys=$keys
        else
            ctl_s+=("$secs"); ctl_rss+=("$rss_mb"); ctl_keys=$keys
        fi
    done
    [[ $ctr_keys == "$ctl_keys" ]] || { echo "pull: round $r: ctr and stratactl committed different snapshots" >&2; exit 1; }
    printf '%-6s %-10s %12s %12s %14s %14s %7s\n' "$r" "${order[0]}" "${ctr_s[-1]}" "${ctl_s[-1]}" "${ctr_rss[-1]}" "${ctl_rss[-1]}" \
        "$(awk -v c="${ctr_s[-1]}" -v s="${ctl_s[-1]}" 'BEGIN { printf "%.2f", (s > 0 ? c / s : 0) }')"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
m_ctr=$(median "${ctr_s[@]}"); m_ctl=$(median "${ctl_s[@]}")
m_ctr_rss=$(median "${ctr_rss[@]}"); m_ctl_rss=$(median "${ctl_rss[@]}")
max_ctl_rss=$(printf '%s\n' "${ctl_rss[@]}" | sort -n | tail -n 1)
printf '%-17s %12s %12s %14.0f %14.0f %7s\n' median "$m_ctr" "$m_ctl" "$m_ctr_rss" "$m_ctl_rss" \
    "$(awk -v c="$m_ctr" -v s="$m_ctl" 'BEGIN { printf "%.2f", (s > 0 ? c / s : 0) }')"
awk -v c="$m_ctr" -v s="$m_ctl" -v m="$max_ctl_rss" -v mb="$raw_mb" 'BEGIN {
    printf "ratio ctr/stratactl of medians: %.2fx (target >= 1.2); stratactl %.0f MiB/s of gzip blobs\n", (s > 0 ? c / s : 0), (s > 0 ? mb / s : 0)
    printf "stratactl peak RSS: max %d MiB over the rounds (target < 100 MB)\n", m }'

# ---- export and import ----------------------------------------------------------------------
# time_cmd LOG CMD...: sets secs and rss_mb.
time_cmd() {
    local log=$1 start end; shift
    start=$(date +%s.%N)
    /usr/bin/time -f %M -o "$dir/rss" "$@" >"$log" 2>&1 || { echo "pull: $* failed:" >&2; tail -n 20 "$log" >&2; exit 1; }
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    rss_mb=$(awk '{ v = $1 } END { printf "%.0f", v / 1024 }' "$dir/rss")
}
archive_phase() {
    local what=$1; shift
    local -a c=() s=() cr=() sr=()
    for ((r = 1; r <= rounds; r++)); do
        if (( r % 2 )); then order=(ctr stratactl); else order=(stratactl ctr); fi
        for tool in "${order[@]}"; do
            "$@" "$tool" "$r"
            if [[ $tool == ctr ]]; then c+=("$secs"); cr+=("$rss_mb"); else s+=("$secs"); sr+=("$rss_mb"); fi
        done
    done
    printf '%-8s ctr %6s s %5s MiB   stratactl %6s s %5s MiB   ratio ctr/stratactl %s (target >= 1.0)\n' "$what" \
        "$(median "${c[@]}")" "$(median "${cr[@]}")" "$(median "${s[@]}")" "$(median "${sr[@]}")" \
        "$(awk -v a="$(median "${c[@]}")" -v b="$(median "${s[@]}")" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }')"
}
export_once() {
    rm -f "$dir/out.tar"
    case $1 in
        ctr) time_cmd "$dir/export.$1.$2.log" ctr -a "$sock" -n "$ns" images export "$dir/out.tar" "$ref" ;;
        stratactl) time_cmd "$dir/export.$1.$2.log" "$stratactl" --address "unix://$sock" --namespace "$ns" export "$dir/out.tar" "$ref" ;;
    esac
    tar -tf "$dir/out.tar" | grep -qx index.json || { echo "pull: $1's export has no index.json" >&2; exit 1; }
}
import_once() {
    fresh_containerd
    case $1 in
        ctr) time_cmd "$dir/import.$1.$2.log" ctr -a "$sock" -n "$ns" images import --snapshotter "$snapshotter" "$dir/archive.tar" ;;
        stratactl) time_cmd "$dir/import.$1.$2.log" "$stratactl" --address "unix://$sock" --namespace "$ns" --snapshotter "$snapshotter" import "$dir/archive.tar" ;;
    esac
    local n_snap
    n_snap=$(ctr -a "$sock" -n "$ns" snapshots --snapshotter "$snapshotter" ls | awk 'NR > 1 && $NF == "Committed"' | grep -c . || true)
    [[ $n_snap -eq $layers ]] || { echo "pull: $1 import left $n_snap committed snapshots (want $layers)" >&2; exit 1; }
}
ctr -a "$sock" -n "$ns" images export "$dir/archive.tar" "$ref"
echo "archive: $(( $(stat -c %s "$dir/archive.tar") >> 20 )) MiB (ctr's export of $ref)"
archive_phase export export_once
archive_phase import import_once
rm -f "$dir/archive.tar" "$dir/out.tar"
echo "load average at end: $(uptime | sed 's/.*load average: //')"
