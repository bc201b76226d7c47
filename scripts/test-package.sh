#!/usr/bin/env bash
# Builds the Debian package in a configured build directory and checks it as a user would get it:
# unpacked into a fresh root (dpkg -x), both programs start from there without the build tree,
# the desktop entry and AppStream metainfo validate, the man pages render without warnings and
# dependencies came from shlibdeps. Registered with ctest as `package.deb` (installer/).
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: test-package.sh BUILD_DIR

  BUILD_DIR   a configured Strata build directory (Linux); the .deb is built there with cpack
              into BUILD_DIR/package and unpacked into a temporary directory that is removed
              afterwards (KEEP_ROOT=1 keeps it and prints its path)
EOF
}

die() { echo "test-package: FAILED: $*" >&2; exit 1; }
say() { echo "test-package: $*"; }

if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi
[[ $# -eq 1 ]] || { usage >&2; exit 2; }
build=$(realpath -- "$1")
[[ -f $build/CPackConfig.cmake ]] || die "$build has no CPackConfig.cmake; configure it with cmake first."

for tool in cpack:cmake dpkg-deb:dpkg dpkg-shlibdeps:dpkg-dev desktop-file-validate:desktop-file-utils \
    appstreamcli:appstream groff:groff-base file:file readelf:binutils; do
    command -v "${tool%%:*}" >/dev/null 2>&1 \
        || die "'${tool%%:*}' not found. Run scripts/install-deps.sh (Debian package: ${tool#*:})."
done

root=$(mktemp -d /tmp/strata-package.XXXXXX)
if [[ ${KEEP_ROOT:-0} == 1 ]]; then
    trap 'say "unpacked root kept in $root"' EXIT
else
    trap 'rm -rf "$root"' EXIT
fi

say "building the package in $build/package"
cmake --build "$build" --target strata stratactl strata_man
rm -f "$build"/package/*.deb
(cd "$build" && cpack -G DEB -B "$build/package" >"$build/package.log" 2>&1) \
    || { tail -n 40 "$build/package.log" >&2; die "cpack failed (log: $build/package.log)."; }
debs=("$build"/package/*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || die "expected one .deb in $build/package, found: ${debs[*]}"
deb=${debs[0]}
say "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

field() { dpkg-deb -f "$deb" "$1"; }
version=$(field Version)
[[ -n $version ]] || die "the package has no Version field."
depends=$(field Depends)
say "Depends: $depends"
# shlibdeps found the shared libraries the binaries really link; these three must be among them.
for lib in libqt6widgets6 'libgrpc\+\+' libprotobuf; do
    grep -Eq "(^|, )$lib" <<<"$depends" || die "Depends lacks $lib: '$depends'"
done
grep -q containerd <<<"$(field Suggests)" || die "Suggests does not name containerd: '$(field Suggests)'"

dpkg -x "$deb" "$root"
say "unpacked into $root"
while IFS= read -r path; do
    [[ $path == ./usr/* || $path == ./ || $path == ./usr/ ]] || die "the package installs outside /usr: $path"
done < <(dpkg-deb --fsys-tarfile "$deb" | tar -t)

# Programs run from the unpacked root with the environment cleared of build-tree hints.
for bin in strata stratactl; do
    [[ -x $root/usr/bin/$bin ]] || die "usr/bin/$bin is missing or not executable."
    if readelf -d "$root/usr/bin/$bin" | grep -E 'R(UN)?PATH' | grep -qF "$build"; then
        die "usr/bin/$bin still has an RPATH into the build tree."
    fi
done
# stdout only: Qt may warn on stderr about the environment (XDG_RUNTIME_DIR under ctest).
out=$(env -u LD_LIBRARY_PATH -u STRATA_SCRIPTS QT_QPA_PLATFORM=offscreen "$root/usr/bin/strata" --version 2>"$root/strata.err") \
    || die "strata --version failed: $out $(cat "$root/strata.err")"
[[ $out == "Strata $version" ]] || die "strata --version printed '$out', expected 'Strata $version'."
say "strata --version: $out"
out=$(env -u LD_LIBRARY_PATH "$root/usr/bin/stratactl" --version 2>"$root/stratactl.err") \
    || die "stratactl --version failed: $out $(cat "$root/stratactl.err")"
[[ $out == "stratactl $version" ]] || die "stratactl --version printed '$out', expected 'stratactl $version'."
say "stratactl --version: $out"

share=$root/usr/share
desktop=$share/applications/org.strata.Strata.desktop
metainfo=$share/metainfo/org.strata.Strata.metainfo.xml
[[ -f $desktop ]] || die "no desktop entry at usr/share/applications/org.strata.Strata.desktop"
desktop-file-validate "$desktop" || die "desktop-file-validate rejected the desktop entry."
[[ -f $metainfo ]] || die "no AppStream metainfo at usr/share/metainfo/org.strata.Strata.metainfo.xml"
appstreamcli validate --no-net "$metainfo" || die "appstreamcli rejected the metainfo."
grep -q "<release version=\"$version\"" "$metainfo" || die "the metainfo names no release $version."

[[ -f $share/icons/hicolor/scalable/apps/org.strata.Strata.svg ]] || die "no scalable icon."
for size in 16 22 24 32 48 64 128 256; do
    png=$share/icons/hicolor/${size}x${size}/apps/org.strata.Strata.png
    file -b "$png" 2>/dev/null | grep -q "PNG image data, $size x $size" \
        || die "icon $png is missing or not a ${size}x${size} PNG."
done

for page in strata stratactl; do
    man=$share/man/man1/$page.1.gz
    [[ -f $man ]] || die "no man page usr/share/man/man1/$page.1.gz"
    warnings=$(zcat "$man" | groff -man -ww -z 2>&1)
    [[ -z $warnings ]] || die "groff warns about $page.1: $warnings"
    zcat "$man" | grep -q '^\.SH EXIT STATUS' || [[ $page == strata ]] || die "$page.1 has no EXIT STATUS section."
done

for script in private-containerd.sh build-test-images.sh; do
    [[ -x $share/strata/scripts/$script ]] || die "usr/share/strata/scripts/$script is missing or not executable."
done

say "OK: $(basename "$deb") installs and runs from a fresh root"
