#!/usr/bin/env bash
# Compile-checks Strata's Windows-only code on Linux with mingw-w64, and optionally runs the
# named-pipe self-tests (the containerd relay, a task's stdio pipes) under wine. CMake never builds model/sources/platform/windows off Windows,
# so this is the only thing that keeps it compiling here.
#
#   scripts/check-windows-compile.sh [--run] [BUILD_DIR]
#
#   BUILD_DIR  where objects and the .exe go (default: <repo>/build/win/mingw)
#   --run      also run tests/windows/pipebridge_selftest.exe and taskpipes_selftest.exe under
#              wine (exit code 0 only when both pass)
#
# Steps:
#   1. win32error.cpp, pipeconnection.cpp, pipebridge.cpp, stdiopipes.cpp, pipedrain.cpp (pure Win32 + std):
#      full compile, -Wall -Wextra -Werror.
#   2. piperelay.cpp, taskpipes.cpp, taskpipereader.cpp and the Q_OS_WIN branches of
#      model/sources/client/client.cpp and model/services/run/runengine.cpp, runcontroller.cpp: syntax check against
#      the HOST's Qt 6 and gRPC headers (-Werror too). Catches C++ and API mistakes, not
#      differences in how Qt/gRPC are configured on a real Windows build. Skipped with a notice
#      when those headers are missing.
#   3. Links the self-tests (static, so wine needs no mingw DLLs).
#
# Needs: apt-get install -y mingw-w64 (provides x86_64-w64-mingw32-g++-posix); for --run also
# apt-get install -y wine64 wine.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run=0
build=""
for arg in "$@"; do
    case "$arg" in
        --run) run=1 ;;
        -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) build="$arg" ;;
    esac
done
build="${build:-$repo/build/win/mingw}"
mkdir -p "$build"
# Absolute: wine wants WINEPREFIX so, and the tests run from inside it.
build="$(cd "$build" && pwd)"

cxx=x86_64-w64-mingw32-g++-posix
if ! command -v "$cxx" >/dev/null; then
    echo "error: $cxx not found; install it with: apt-get install -y mingw-w64" >&2
    exit 2
fi

flags=(-std=c++20 -Wall -Wextra -Werror -O2 -I"$repo/model/domain" -I"$repo/model/sources" -I"$repo/model/services")
win="$repo/model/sources/platform/windows"
core=(win32error pipeconnection pipebridge stdiopipes pipedrain)

echo "== compiling the pure Win32 core with $cxx"
for name in "${core[@]}"; do
    "$cxx" "${flags[@]}" -c "$win/$name.cpp" -o "$build/$name.o"
    echo "   ok  model/sources/platform/windows/$name.cpp"
done

echo "== syntax-checking the Qt side against the host's Qt 6 and gRPC headers"
qt="$(qmake6 -query QT_INSTALL_HEADERS 2>/dev/null || true)"
qt="${qt:-/usr/include/x86_64-linux-gnu/qt6}"
if [[ -f "$qt/QtCore/QString" && -d /usr/include/grpcpp ]]; then
    # Only these trees from /usr/include: its libc headers must not shadow mingw's.
    hostinc="$build/host-include"
    mkdir -p "$hostinc"
    for dir in grpcpp grpc grpc++ absl google nlohmann; do
        if [[ -e "/usr/include/$dir" ]]; then ln -sfn "/usr/include/$dir" "$hostinc/$dir"; fi
    done
    # -Wno-attributes: the host's Qt headers mix dllimport declarations with Linux-configured
    # ones for a few qHash overloads; that mismatch is theirs, not ours.
    qtflags=(-fsyntax-only -Wno-attributes -DQT_NO_KEYWORDS -I"$qt" -I"$qt/QtCore" -isystem "$hostinc")
    for name in piperelay taskpipes taskpipereader; do
        "$cxx" "${flags[@]}" "${qtflags[@]}" "$win/$name.cpp"
        echo "   ok  model/sources/platform/windows/$name.cpp"
    done
    "$cxx" "${flags[@]}" "${qtflags[@]}" "$repo/model/sources/client/client.cpp"
    echo "   ok  model/sources/client/client.cpp (Q_OS_WIN branch)"
    # The run engine on the named-pipe stdio (run/taskstdio.h's Windows branch).
    for name in runengine runcontroller; do
        "$cxx" "${flags[@]}" "${qtflags[@]}" "$repo/model/services/run/$name.cpp"
        echo "   ok  model/services/run/$name.cpp (Q_OS_WIN branch)"
    done
else
    echo "   skipped: no Qt 6 headers at $qt or no /usr/include/grpcpp"
fi

link() { # NAME OBJECT... -- extra libraries
    local name="$1"; shift
    local objs=()
    while [[ "$1" != -- ]]; do objs+=("$build/$1.o"); shift; done
    shift
    echo "== linking tests/windows/$name.exe"
    "$cxx" "${flags[@]}" -municode "$repo/tests/windows/$name.cpp" "${objs[@]}" -static "$@" -o "$build/$name.exe"
    echo "   ok  $build/$name.exe"
}
link pipebridge_selftest win32error pipeconnection pipebridge -- -lws2_32 -liphlpapi
link taskpipes_selftest win32error stdiopipes pipedrain --

if (( run )); then
    if ! command -v wine >/dev/null; then
        echo "error: wine not found; install it with: apt-get install -y wine64 wine" >&2
        exit 2
    fi
    export WINEPREFIX="$build/wineprefix" WINEDEBUG=-all
    # The first run creates the prefix; its chatter goes to stderr and is not the test's.
    cd "$build"
    failed=0
    for name in pipebridge_selftest taskpipes_selftest; do
        echo "== running $name under wine"
        timeout 600 wine "$build/$name.exe" || failed=1
    done
    exit "$failed"
fi
