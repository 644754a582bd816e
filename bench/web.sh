#!/usr/bin/env bash
# bench/web.sh — requests per second and latency of kaohe serve (issue 8 item 7), measured with wrk
# against nginx serving a static file on the same machine in the same run.
#
# What: the Beijing sample (182 townships, seed 20240101) imported and computed in a scratch SQLite
# database; kaohe serve (Release build, --threads 2) on 127.0.0.1; wrk -t2 -c16 for DURATION seconds
# (default 10) on
#   1. the results page (/cycles/2024/results: the ranking of 182 units, HTML, ~150 KB),
#   2. a JSON read (/api/v1/cycles/2024),
#   3. an embedded static asset (/assets/app.css),
#   4. nginx serving the same results page saved as a static file (the ceiling of this machine).
# Authentication is an API token (Authorization: Bearer), so every request resumes a session in the
# store as a browser's would.  Prints one line per target: requests/s and latency p50/p90/p99.
# Needs wrk and nginx-light (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
KAOHE=${KAOHE:-build/kaohe}
[ -x "$KAOHE" ] || make build >/dev/null
for p in wrk nginx; do command -v $p >/dev/null || NEED="${NEED:-} $p"; done
if [ -n "${NEED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx-light >/dev/null
fi
W=$(mktemp -d /tmp/kh-web-bench.XXXXXX)
trap 'kill $SERVE 2>/dev/null || true; nginx -c "$W/nginx.conf" -p "$W" -s stop 2>/dev/null || true; rm -rf "$W"' EXIT
"$KAOHE" sample --preset beijing --seed 20240101 -o "$W/bundle" >/dev/null
"$KAOHE" init --db "$W/k.db" >/dev/null
"$KAOHE" import "$W/bundle" --db "$W/k.db" >/dev/null
"$KAOHE" compute 2024 --db "$W/k.db" >/dev/null
TOKEN=$("$KAOHE" user token admin --label bench --db "$W/k.db")
"$KAOHE" serve --db "$W/k.db" --listen 127.0.0.1:0 --port-file "$W/port" --threads 2 2>"$W/serve.log" &
SERVE=$!
for _ in $(seq 100); do [ -s "$W/port" ] && break; sleep 0.1; done
BASE="http://127.0.0.1:$(cat "$W/port")"
mkdir -p "$W/html"
curl -s -H "Authorization: Bearer $TOKEN" "$BASE/cycles/2024/results" >"$W/html/results.html"
cat >"$W/nginx.conf" <<CONF
daemon on; pid $W/nginx.pid; worker_processes 2; error_log $W/nginx.err;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:18095; root $W/html; } }
CONF
nginx -c "$W/nginx.conf" -p "$W"
run() {   # run NAME URL [auth]
    local out
    if [ "${3:-}" = auth ]; then
        out=$(wrk -t2 -c16 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$2")
    else
        out=$(wrk -t2 -c16 -d"${DURATION}s" --latency "$2")
    fi
    local rps p50 p90 p99 bytes
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    printf '| %-34s | %10s | %8s | %8s | %8s |\n' "$1" "$rps" "$p50" "$p90" "$p99"
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(date -u +%Y-%m-%d); wrk -t2 -c16 -d${DURATION}s"
echo "results page: $(wc -c <"$W/html/results.html") bytes"
printf '| %-34s | %10s | %8s | %8s | %8s |\n' target "req/s" p50 p90 p99
printf '| %-34s | %10s | %8s | %8s | %8s |\n' --- ---: ---: ---: ---:
run "kaohe: results page (182 units)" "$BASE/cycles/2024/results" auth
run "kaohe: JSON read /api/v1/cycles/2024" "$BASE/api/v1/cycles/2024" auth
run "kaohe: asset /assets/app.css" "$BASE/assets/app.css"
run "nginx: the results page, static" "http://127.0.0.1:18095/results.html"
