#!/usr/bin/env bash
# Two private registries (Debian's docker-registry, distribution 2.8) confined to one directory,
# both on 127.0.0.1, so pull tests and benches never need the network:
#
#   plain   plain HTTP, no auth
#   secure  HTTPS with a certificate signed by a CA made here, htpasswd basic auth
#
# Layout under DIR:
#   env                      shell lines: PLAIN=127.0.0.1:P1 SECURE=127.0.0.1:P2 CA=… USER=… PASSWORD=…
#   ca.crt ca.key            the CA (clients trust it with --ca-file DIR/ca.crt)
#   server.crt server.key    the secure registry's certificate (IP 127.0.0.1, DNS localhost)
#   htpasswd                 bcrypt entry for USER
#   plain/ secure/           config.yml, data/, registry.log, registry.pid per registry
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: private-registry.sh start|stop DIR

  start   start both registries (restarting any left in DIR); prints DIR/env on stdout
  stop    stop them; DIR and its logs are kept
EOF
}

die() { echo "private-registry: error: $*" >&2; exit 1; }

if [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi
[[ $# -eq 2 ]] || { usage >&2; exit 2; }
cmd=$1
[[ -n $2 ]] || die "DIR must not be empty"
dir=$(realpath -m -- "$2")
user=strata
password=strata-secret

for tool in docker-registry:docker-registry htpasswd:apache2-utils openssl:openssl; do
    command -v "${tool%%:*}" >/dev/null 2>&1 \
        || die "'${tool%%:*}' not found. Run scripts/install-deps.sh (Debian package: ${tool#*:})."
done

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 20000))
        if port_free "$p"; then echo "$p"; return; fi
    done
    die "no free TCP port found on 127.0.0.1"
}

stop_one() {
    local pidfile=$dir/$1/registry.pid pid
    [[ -f $pidfile ]] || return 0
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

make_certificates() {
    [[ -f $dir/server.crt ]] && return
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Strata test CA" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 3650 -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
    htpasswd -Bbn "$user" "$password" >"$dir/htpasswd"
}

# start_one NAME PORT EXTRA_YAML
start_one() {
    local name=$1 port=$2 extra=$3 d=$dir/$1
    mkdir -p "$d/data"
    cat >"$d/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $d/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: strata-private-registry
$extra
EOF
    setsid docker-registry serve "$d/config.yml" >"$d/registry.log" 2>&1 </dev/null &
    echo $! >"$d/registry.pid"
}

wait_up() {
    local url=$1 name=$2
    for _ in $(seq 1 100); do
        if curl -sk -o /dev/null "$url/v2/"; then return; fi
        sleep 0.1
    done
    tail -n 20 "$dir/$name/registry.log" >&2 || true
    die "the $name registry did not answer at $url"
}

case $cmd in
    start)
        command -v curl >/dev/null 2>&1 || die "'curl' not found (Debian package: curl)."
        mkdir -p "$dir"
        stop_one plain
        stop_one secure
        make_certificates
        plain=$(free_port)
        secure=$(free_port)
        [[ $plain != "$secure" ]] || secure=$(free_port)
        start_one plain "$plain" ""
        start_one secure "$secure" "  tls:
    certificate: $dir/server.crt
    key: $dir/server.key
auth:
  htpasswd:
    realm: strata-private-registry
    path: $dir/htpasswd"
        wait_up "http://127.0.0.1:$plain" plain
        wait_up "https://127.0.0.1:$secure" secure
        cat >"$dir/env" <<EOF
PLAIN=127.0.0.1:$plain
SECURE=127.0.0.1:$secure
CA=$dir/ca.crt
USER=$user
PASSWORD=$password
EOF
        cat "$dir/env"
        ;;
    stop)
        stop_one plain
        stop_one secure
        ;;
    *) usage >&2; exit 2 ;;
esac
