#!/usr/bin/env bash
# Full check from a clean clone: dependencies, configure, build, every test suite.
# This is what CI runs (.ci/run). Integration and GUI suites get their private containerd from
# the containerd_up/containerd_down ctest fixture (scripts/test-containerd.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
    cat <<'EOF'
Usage: test.sh [PRESET]

  PRESET   a CMake preset from CMakePresets.json: asan (default) or default

Runs scripts/install-deps.sh, cmake --preset PRESET, cmake --build --preset PRESET and
ctest --preset PRESET, then prints a summary. Exits non-zero if any step fails.
Needs root (the test fixture runs a private containerd): started as a user, it re-runs itself
through sudo.

Environment:
  STRATA_TEST_JOBS   parallel ctest jobs (default 2; containerd suites are serialised anyway)
  STRATA_SKIP_DEPS=1 skip the package check
EOF
}

if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi
source "$root/scripts/lib/as-root.sh"
as_root "$@"
[[ $# -le 1 ]] || { usage >&2; exit 2; }
preset=${1:-asan}
case $preset in
    asan | default) ;;
    *) echo "test.sh: error: unknown preset '$preset' (use asan or default)" >&2; exit 2 ;;
esac

cd "$root"
build_dir=$root/build/$preset
steps=()
results=()
times=()
ctest_line=""

summary() {
    echo
    echo "==================== Strata test summary (preset $preset) ===================="
    local i
    for i in "${!steps[@]}"; do
        printf '  %-12s %-8s %5ss\n' "${steps[$i]}" "${results[$i]}" "${times[$i]}"
    done
    [[ -n $ctest_line ]] && echo "  ctest: $ctest_line"
    if [[ -f $build_dir/test-containerd/containerd.log ]]; then
        echo "  containerd log: $build_dir/test-containerd/containerd.log"
    fi
    echo "=============================================================================="
}

# step NAME COMMAND...: runs and records one step; stops everything on failure.
step() {
    local name=$1 start=$SECONDS rc=0
    shift
    echo
    echo "==> [$name] $*"
    "$@" || rc=$?
    steps+=("$name")
    times+=($((SECONDS - start)))
    if [[ $rc -eq 0 ]]; then
        results+=(ok)
    else
        results+=("FAILED($rc)")
        summary
        echo "test.sh: step '$name' failed (exit $rc)." >&2
        [[ -n $ctest_line ]] && echo "$ctest_line"
        exit 1
    fi
}

run_ctest() {
    local log=$build_dir/ctest.log rc=0
    ctest --preset "$preset" --no-tests=error --parallel "${STRATA_TEST_JOBS:-2}" 2>&1 | tee "$log" || rc=$?
    ctest_line=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
    return $rc
}

step deps bash "$root/scripts/install-deps.sh"
step configure cmake --preset "$preset"
step build cmake --build --preset "$preset"
step test run_ctest
summary
# The runner's own closing line last, so whoever reads the tail sees the test count.
echo "$ctest_line"
