# Sourced by the set-up scripts that need root (a private containerd, real containers).
# Run as root they go on; run as a user they re-execute themselves through sudo, keeping the
# environment (DISPLAY, XAUTHORITY, CONTAINERD_ADDRESS, STRATA_*), so the README's commands need
# no "sudo" in front and work on a machine that has no sudo installed when the user is root.
as_root() {
    [[ $(id -u) -eq 0 ]] && return 0
    command -v sudo >/dev/null 2>&1 \
        || { echo "$(basename "$0"): error: needs root and sudo is not installed; run it as root." >&2; exit 1; }
    exec sudo --preserve-env "$0" "$@"
}
