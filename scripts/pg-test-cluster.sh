#!/usr/bin/env bash
# pg-test-cluster.sh — start a throwaway PostgreSQL cluster for tests.
#
#   scripts/pg-test-cluster.sh start DIR   initdb + pg_ctl in DIR (as user postgres when run as root),
#                                          trust auth on 127.0.0.1 only, a free port; prints the URL
#   scripts/pg-test-cluster.sh stop DIR    stop it (the caller removes DIR)
#
# fsync is off (tests need no durability, and it is faster) unless PG_FSYNC=on (bench/submit.sh
# measures durable commits).
#
# Exit 0 with the URL on stdout, or non-zero with the reason on stderr.
set -euo pipefail
cmd=${1:?usage: pg-test-cluster.sh start|stop DIR}
dir=${2:?usage: pg-test-cluster.sh start|stop DIR}
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bindir/initdb" ] || { echo "pg-test-cluster: no initdb found (install postgresql)" >&2; exit 3; }

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi
    else
        "$@"
    fi
}

case "$cmd" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 4; }
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=${PG_FSYNC:-off}" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 5; }
    echo "$port" >"$dir/port"
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -d "$dir/data" ] && as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    ;;
*)
    echo "usage: pg-test-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
