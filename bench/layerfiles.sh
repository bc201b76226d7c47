#!/usr/bin/env bash
# stratactl files' per-layer work (bench_layerfiles: TarChanges + MergedTree) beside the tool a
# user would reach for, `tar -tvzf`, on one generated layer of FILES small files in nested
# directories (gzip). Prints both figures; the blob is deleted afterwards.
# Usage: bench/layerfiles.sh BUILD_DIR [FILES]   (BUILD_DIR: a build with bench_layerfiles, e.g. build/default)
set -euo pipefail
build=${1:?usage: layerfiles.sh BUILD_DIR [FILES]}
count=${2:-100000}
bench="$build/bench/bench_layerfiles"
[[ -x $bench ]] || { echo "layerfiles: $bench not built (cmake --build $build --target bench_layerfiles)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree"
python3 - "$work/tree" "$count" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    d = os.path.join(root, "d%03d" % (i % 1000), "e%02d" % (i % 37))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d" % i), "w") as f:
        f.write("x" * (i % 200))
PY
tar -C "$work/tree" -czf "$work/layer.tar.gz" .
echo "layer: $count files, $(du -h "$work/layer.tar.gz" | cut -f1) gzip"
start=$(date +%s%N)
tar -tvzf "$work/layer.tar.gz" >/dev/null
echo "tar -tvzf  $(( ($(date +%s%N) - start) / 1000000 )) ms  peak RSS $(( $(/usr/bin/time -f %M tar -tvzf "$work/layer.tar.gz" 2>&1 >/dev/null) / 1024 )) MiB"
"$bench" "$work/layer.tar.gz" 3
