#!/usr/bin/env bash
# Workflow rules of SPEC §9.1 enforced with clear messages; users and roles.
. "$(dirname "$0")/lib.sh"

body() {
    kh init >/dev/null
    kh init >/dev/null   # idempotent
    expect_fail "no cycle NOPE" kh cycle show NOPE
    KAOHE_NEW_PASSWORD=viewerpass kh user add vera --role viewer >/dev/null
    expect_fail "already exists" kh user add vera --role viewer
    expect_fail "--role" kh user add x
    KAOHE_PASSWORD=viewerpass kh cycle list --user vera >/dev/null || fail "viewer can list"
    expect_fail "(role viewer) may not add users: only role admin may" env KAOHE_PASSWORD=viewerpass "$KAOHE" --lang en user add y --role unit --db "$DB" --user vera
    expect_fail "wrong user name or password" env KAOHE_PASSWORD=nope "$KAOHE" --lang en cycle list --db "$DB" --user vera
    # once admin has a password, anonymous use stops
    KAOHE_NEW_PASSWORD=adminpass1 kh user passwd admin >/dev/null
    expect_fail "use --user" kh cycle list
    KAOHE_PASSWORD=adminpass1 kh cycle list --user admin >/dev/null || fail "admin with password"
    [ "$(sql "SELECT pwhash FROM users WHERE name = 'admin'" | cut -c1-10)" = '$argon2id$' ] || fail "argon2id hash"
    kh audit verify >/dev/null 2>&1 && fail "anonymous verify must need --user now" || true
    KAOHE_PASSWORD=adminpass1 kh audit verify --user admin | grep -q intact || fail "chain"
}

for_each_backend body
