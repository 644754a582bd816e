#!/usr/bin/env bash
# bench/submit.sh — durable survey submissions per second (issue 9 item 6), measured with wrk
# against nginx serving a static file on the same machine in the same run.
#
# What: the Beijing sample (182 townships, seed 20240101) imported into a scratch database; 300,000
# invitations (three units × 100,000); kaohe serve (Release build, --threads 2) on 127.0.0.1; wrk
# -t2 -c100 for DURATION seconds (default 10), every request the POST of a different invitation's
# survey (bench/submit.lua), so every request is a durable submission: a response, a used token
# and an audit record committed before the thank-you page is sent (SQLite synchronous=FULL in WAL
# mode: an fsync per COMMIT).  Targets, one line each:
#   1. SQLite, group commit (the default of kaohe serve),
#   2. SQLite, --no-group-commit (one COMMIT per submission: what group commit saves),
#   3. PostgreSQL with fsync on, group commit (when the PostgreSQL server binaries are installed),
#   4. nginx serving the thank-you page as a static file (GET: the ceiling of this machine).
# After each kaohe run the database is checked: used invitations = stored responses ≥ the 200s wrk
# saw (a submission can be committed while wrk stops waiting for its answer, never the reverse).
# Prints req/s, p50/p90/p99 and the COMMITs the server counted.  Needs wrk and nginx-light
# (installed with apt-get when missing).  Nothing else may run on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
DURATION=${DURATION:-10}
KAOHE=${KAOHE:-build/kaohe}
[ -x "$KAOHE" ] || make build >/dev/null
for p in wrk nginx; do command -v $p >/dev/null || NEED="${NEED:-} $p"; done
if [ -n "${NEED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx-light >/dev/null
fi
W=$(mktemp -d /tmp/kh-submit-bench.XXXXXX)
chmod 755 "$W"   # the PostgreSQL cluster runs as user postgres
SERVE=
cleanup() {
    [ -n "$SERVE" ] && kill "$SERVE" 2>/dev/null || true
    nginx -c "$W/nginx.conf" -p "$W" -s stop 2>/dev/null || true
    [ -d "$W/pg" ] && PG_FSYNC=on "$root/scripts/pg-test-cluster.sh" stop "$W/pg" || true
    rm -rf "$W"
}
trap cleanup EXIT
"$KAOHE" sample --preset beijing --seed 20240101 -o "$W/bundle" >/dev/null

# prepare DB: a fresh store with the sample and 300,000 invitations in $W/tokens
prepare() {
    "$KAOHE" init --db "$1" >/dev/null
    "$KAOHE" import "$W/bundle" --db "$1" >/dev/null
    : >"$W/tokens"
    for u in BJ001 BJ002 BJ003; do
        "$KAOHE" invite 2024 --unit $u --channel phone --count 100000 --url http://x --db "$1" \
            | tail -n +2 | cut -d, -f3 | sed 's#.*/s/##' >>"$W/tokens"
    done
}
row() { printf '| %-44s | %9s | %8s | %8s | %8s | %s\n' "$@"; }
# measure NAME OUT: the wrk figures of OUT as a table row (with a note)
measure() {
    local out=$2
    row "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
        "$(awk '$1 == "90%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" "${3:-}"
}
# submit NAME DB [serve options]: one run of kaohe serve on DB
submit() {
    local name=$1 db=$2
    shift 2
    rm -f "$W/port"
    "$KAOHE" serve --db "$db" --listen 127.0.0.1:0 --port-file "$W/port" --threads 2 "$@" 2>"$W/serve.log" &
    SERVE=$!
    for _ in $(seq 100); do [ -s "$W/port" ] && break; sleep 0.1; done
    local out
    out=$(KH_TOKENS=$W/tokens KH_WRK_THREADS=2 wrk -t2 -c100 -d"${DURATION}s" --latency -s bench/submit.lua \
        "http://127.0.0.1:$(cat "$W/port")")
    kill -TERM "$SERVE"
    wait "$SERVE" || true
    SERVE=
    local n ok bad commits
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    ok=$((n - ${bad:-0}))
    commits=$(awk '/submissions in/ {print $6}' "$W/serve.log")
    local used resp
    if [[ $db == postgres* ]]; then
        used=$(psql -qAt "$db" -c "SELECT COUNT(*) FROM invitations WHERE used_at <> ''")
        resp=$(psql -qAt "$db" -c "SELECT COUNT(DISTINCT response) FROM responses WHERE response LIKE 'W%'")
    else
        used=$(sqlite3 "$db" "SELECT COUNT(*) FROM invitations WHERE used_at <> ''")
        resp=$(sqlite3 "$db" "SELECT COUNT(DISTINCT response) FROM responses WHERE response LIKE 'W%'")
    fi
    local verdict="ok"
    [ "$used" -eq "$resp" ] && [ "$resp" -ge "$ok" ] || verdict="MISMATCH"
    measure "$name" "$out" "$ok × 200 answered, $used used = $resp stored ($verdict); ${commits:-$resp} COMMITs"
    [ "$verdict" = ok ]
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(date -u +%Y-%m-%d); wrk -t2 -c100 -d${DURATION}s"
row target "req/s" p50 p90 p99 "checked"
row --- ---: ---: ---: ---: ---
prepare "$W/a.db"
cp "$W/a.db" "$W/b.db"
submit "kaohe, SQLite, group commit" "$W/a.db"
submit "kaohe, SQLite, --no-group-commit" "$W/b.db" --no-group-commit
if pgurl=$(PG_FSYNC=on "$root/scripts/pg-test-cluster.sh" start "$W/pg" 2>"$W/pg.err"); then
    prepare "$pgurl"
    submit "kaohe, PostgreSQL (fsync on), group commit" "$pgurl"
else
    echo "(PostgreSQL skipped: $(tail -1 "$W/pg.err"))"
fi
mkdir -p "$W/html"
printf '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>提交成功</title><h1>提交成功</h1><p>您的回答已保存。感谢您对乡镇工作的评价！</p></html>\n' >"$W/html/thanks.html"
cat >"$W/nginx.conf" <<CONF
daemon on; pid $W/nginx.pid; worker_processes 2; error_log $W/nginx.err;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:18096; root $W/html; } }
CONF
nginx -c "$W/nginx.conf" -p "$W"
measure "nginx: a static thank-you page (GET)" "$(wrk -t2 -c100 -d"${DURATION}s" --latency http://127.0.0.1:18096/thanks.html)"
