#!/usr/bin/env bash
# Audit chain: intact after normal use; `audit verify` names the first record
# that was changed, removed, or inserted behind kaohe's back (SPEC §9.5).
. "$(dirname "$0")/lib.sh"

body() {
    kh init >/dev/null
    kh user add alice --role unit --unit U1 >/dev/null
    kh user add bob --role viewer >/dev/null
    kh user disable bob >/dev/null
    kh user enable bob >/dev/null
    kh audit verify | grep -q "intact: 5 records" || fail "fresh chain not intact"
    local saved
    # 1. changed
    sql "UPDATE audit SET after_json = replace(after_json, 'viewer', 'admin') WHERE seq = 3"
    expect_fail "first bad record 3" kh audit verify
    expect_fail "was changed" kh audit verify
    sql "UPDATE audit SET after_json = replace(after_json, '\"role\":\"admin\"', '\"role\":\"viewer\"') WHERE seq = 3"
    kh audit verify | grep -q intact || fail "restored chain not intact"
    # 2. removed (middle, then last)
    saved=$(sql "SELECT hash FROM audit WHERE seq = 2")
    sql "DELETE FROM audit WHERE seq = 2"
    expect_fail "record 2 is missing" kh audit verify
    # 3. inserted out of band (at the end, with a plausible-looking row)
    sql "INSERT INTO audit (seq, at, usr, action, entity, \"key\", before_json, after_json, reason, prev_hash, hash) SELECT 2, at, usr, action, entity, \"key\", before_json, after_json, reason, prev_hash, 'x' FROM audit WHERE seq = 1"
    expect_fail "first bad record 2" kh audit verify
    sql "DELETE FROM audit WHERE seq = 2"
}

body_tail() {
    kh init >/dev/null
    kh user add carol --role rater --rater R1 >/dev/null
    kh user disable carol >/dev/null
    # removing the last record keeps a valid-looking chain: the head catches it
    sql "DELETE FROM audit WHERE seq = 3"
    expect_fail "missing (removed)" kh audit verify
    # appending a record whose hash is computed correctly is still caught by the head
    sql "INSERT INTO audit SELECT 3, at, usr, action, entity, \"key\", before_json, after_json, reason, prev_hash, hash FROM audit WHERE seq = 2"
    expect_fail "record 3" kh audit verify
}

for_each_backend body
for_each_backend body_tail
