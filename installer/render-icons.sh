#!/usr/bin/env bash
# Renders the committed icon PNGs (hicolor sizes and the Windows .ico) from
# resources/icons/org.strata.Strata.svg. The PNGs are committed so that building and packaging
# need no SVG renderer; run this after editing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin) and ImageMagick's convert (imagemagick).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
icons=$root/resources/icons
svg=$icons/org.strata.Strata.svg
sizes=(16 22 24 32 48 64 128 256)

die() { echo "render-icons: error: $*" >&2; exit 1; }
command -v rsvg-convert >/dev/null 2>&1 || die "rsvg-convert not found (Debian package: librsvg2-bin)."
command -v /usr/bin/convert >/dev/null 2>&1 || die "ImageMagick's convert not found (Debian package: imagemagick)."

for s in "${sizes[@]}"; do
    out=$icons/hicolor/${s}x${s}/apps/org.strata.Strata.png
    mkdir -p "$(dirname "$out")"
    rsvg-convert -w "$s" -h "$s" "$svg" -o "$out"
done
# -strip keeps timestamps out of the files, so re-rendering an unchanged SVG changes nothing.
for s in "${sizes[@]}"; do
    f=$icons/hicolor/${s}x${s}/apps/org.strata.Strata.png
    /usr/bin/convert "$f" -strip "$f"
done
/usr/bin/convert $(for s in 16 24 32 48 64 256; do echo "$icons/hicolor/${s}x${s}/apps/org.strata.Strata.png"; done) \
    "$icons/org.strata.Strata.ico"
echo "render-icons: wrote ${#sizes[@]} PNGs and org.strata.Strata.ico under $icons"
