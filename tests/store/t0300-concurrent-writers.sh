#!/usr/bin/env bash
# Two (here three) processes writing at once lose nothing: every user added by
# every writer is there and the audit chain never forks (kh_store_tx retries
# SQLite busy and PostgreSQL serialization failures in one place).
. "$(dirname "$0")/lib.sh"

body() {
    kh init >/dev/null
    local pids=()
    for w in a b c; do
        ( for i in $(seq 1 25); do kh user add "$w$i" --role viewer >/dev/null || exit 1; done ) &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || fail "a writer failed"; done
    [ "$(sql "SELECT COUNT(*) FROM users")" = 76 ] || fail "lost users: $(sql "SELECT COUNT(*) FROM users")"
    [ "$(sql "SELECT COUNT(*) FROM audit")" = 76 ] || fail "lost audit records"
    kh audit verify | grep -q "intact: 76 records" || fail "chain forked"
}

for_each_backend body
