#!/usr/bin/env bash
# Screenshots of Strata's main views for the README: a private containerd with the demo images
# (scripts/test-containerd.sh, namespace strata-test), Strata under Xvfb, one PNG per page
# (ImageMagick's import), the Layer ordering help and the first-run panel. The containerd is
# stopped afterwards.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
screen=1280x800

usage() {
    cat <<EOF
Usage: screenshots.sh OUTDIR [STRATA]

  OUTDIR   where the PNGs go (created): images.png, layer-stack.png, runs.png, atlas.png (each
           page whose tab exists), help-layer-ordering.png, first-run.png
  STRATA   the strata binary (default $root/build/default/app/strata)

Needs root (private containerd), xvfb-run, xdotool and ImageMagick (scripts/install-deps.sh).

Environment:
  STRATA_SHOTS_DIR   the private containerd's directory (default /tmp/strata-shots)
EOF
}

die() { echo "screenshots: error: $*" >&2; exit 1; }
say() { echo "screenshots: $*" >&2; }

# Runs inside Xvfb: drives one Strata process per scene with xdotool.
inside() {
    local out=$1 strata=$2 address=$3
    local pid wid

    launch() {
        "$strata" "$@" >"$out/.strata.log" 2>&1 &
        pid=$!
        wid=$(timeout 30 xdotool search --sync --onlyvisible --name '^Strata' | head -n 1) \
            || die "no Strata window appeared; log: $(cat "$out/.strata.log")"
        # No window manager under Xvfb: place the window ourselves and give it the keyboard.
        xdotool windowmove "$wid" 0 0 windowsize "$wid" ${screen%x*} ${screen#*x}
        xdotool windowfocus --sync "$wid"
    }
    finish() {
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    }
    # Some content on a page before its picture, where that takes a few clicks. Coordinates
    # fit the 1280x800 layout; a miss only leaves the page as it opened.
    stage() {
        case $1 in
            runs)
                xdotool mousemove 500 64 click 1
                xdotool type --delay 20 strata.test/three:latest
                xdotool key Tab
                xdotool type --delay 20 'cat /strata/shadowed.txt'
                xdotool key Return
                sleep 3
                ;;
            atlas)
                xdotool mousemove 120 135 click 1
                xdotool key Right Down
                ;;
        esac
    }
    shoot() {
        sleep "${2:-1.5}"
        import -window root "$out/$1.png"
        say "wrote $out/$1.png"
    }

    launch --address "$address" --namespace strata-test
    shoot images 4
    local previous page key
    previous=$(md5sum <"$out/images.png")
    # Tab mnemonics; a page that is not there leaves the previous picture, which is dropped.
    for page in layer-stack:alt+l runs:alt+r atlas:alt+a; do
        key=${page#*:}
        page=${page%%:*}
        xdotool key "$key"
        stage "$page"
        shoot "$page" 2
        if [[ $(md5sum <"$out/$page.png") == "$previous" ]]; then
            say "no change after $key: no $page page, dropping $page.png"
            rm -f "$out/$page.png"
        else
            previous=$(md5sum <"$out/$page.png")
        fi
    done
    xdotool key alt+h l
    shoot help-layer-ordering 2
    finish

    launch --address unix:///run/strata-screenshots/nothing-here.sock --namespace default
    shoot first-run 4
    finish
    rm -f "$out/.strata.log"
}

if [[ ${1:-} == --inside ]]; then
    shift
    inside "$@"
    exit 0
fi
if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi
[[ $# -eq 1 || $# -eq 2 ]] || { usage >&2; exit 2; }
out=$(realpath -m -- "$1")
strata=$(realpath -m -- "${2:-$root/build/default/app/strata}")
[[ -x $strata ]] || die "$strata is not an executable; build the strata target or pass its path."
[[ $(id -u) -eq 0 ]] || die "the private containerd needs root (run with sudo)."
for tool in xvfb-run:xvfb xdotool:xdotool import:imagemagick md5sum:coreutils; do
    command -v "${tool%%:*}" >/dev/null 2>&1 \
        || die "'${tool%%:*}' not found. Run scripts/install-deps.sh (Debian package: ${tool#*:})."
done

dir=${STRATA_SHOTS_DIR:-/tmp/strata-shots}
mkdir -p "$out"
# Recent addresses and window state go to a throwaway config, not the user's.
config=$(mktemp -d /tmp/strata-shots-config.XXXXXX)
cleanup() {
    bash "$here/test-containerd.sh" down "$dir" >/dev/null 2>&1 || true
    rm -rf "$config"
}
trap cleanup EXIT

bash "$here/test-containerd.sh" up "$dir" >&2 || die "the private containerd did not come up (see above)."
env -u QT_QPA_PLATFORM XDG_CONFIG_HOME="$config" LC_ALL=C.UTF-8 xvfb-run -a -s "-screen 0 ${screen}x24" \
    bash "${BASH_SOURCE[0]}" --inside "$out" "$strata" "unix://$dir/containerd.sock"
say "done: $(cd "$out" && ls -- *.png | tr '\n' ' ')"
