#!/usr/bin/env bash
# Audit chain: intact after normal use; `audit verify` names the first record
# that was changed, removed, or inserted behind kaohe's back (SPEC §9.5);
# and it names the first stored file whose rows were changed, removed or
# inserted behind kaohe's back (seals, src/store/store-seal.c), while every
# change made through kaohe keeps the seals valid.
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

# One out-of-band change per run of verify, each undone before the next.
body_seals() {
    local G=$KH_SRC/tests/golden
    kh init >/dev/null
    kh import "$G/03-transforms-target-tracking/bundle" >/dev/null
    kh import "$G/07-cadres/bundle" --cycle C07 >/dev/null
    kh compute W03 >/dev/null
    kh audit verify | grep -q "stored data matches its seals" || fail "seals after import and compute"
    # changes made through kaohe keep them valid: a value updated in place,
    # a value for a new period (inserted at the end)
    local u=T1 l=P.01 p=Q4
    kh track W03 T1 P.01 Y 11 >/dev/null
    kh track W03 "$u" "$l" "$p" 1.5 >/dev/null
    kh audit verify | grep -q "stored data matches its seals" || fail "seals after tracked values"
    local v
    v=$(sql "SELECT value FROM indicator_values WHERE unit = '$u' AND indicator = '$l' AND period = '$p'")
    [ "$v" = 1.5 ] || fail "tracked value not stored ($v)"
    # 1. a cell changed
    sql "UPDATE indicator_values SET value = '99' WHERE unit = '$u' AND indicator = '$l' AND period = '$p'"
    expect_fail "cycle W03, values.csv (table indicator_values) does not match the digest" kh audit verify
    expect_fail "stored data does NOT match its seals" kh audit verify
    sql "UPDATE indicator_values SET value = '1.5' WHERE unit = '$u' AND indicator = '$l' AND period = '$p'"
    kh audit verify | grep -q "stored data matches its seals" || fail "restored value not accepted"
    # 2. two rows swapping places (the order is part of the file)
    sql "UPDATE units SET ord = -ord WHERE ord IN (1, 2) AND cycle_id = (SELECT id FROM cycles WHERE code = 'W03')"
    sql "UPDATE units SET ord = CASE ord WHEN -1 THEN 2 ELSE 1 END WHERE ord < 0"
    expect_fail "units.csv (table units) does not match" kh audit verify
    sql "UPDATE units SET ord = -ord WHERE ord IN (1, 2) AND cycle_id = (SELECT id FROM cycles WHERE code = 'W03')"
    sql "UPDATE units SET ord = CASE ord WHEN -1 THEN 2 ELSE 1 END WHERE ord < 0"
    kh audit verify >/dev/null || fail "swapped back"
    # a database from before seals (schema 12): the upgrade seals what it holds
    sql "ALTER TABLE cycle_files DROP COLUMN seal"
    sql "DELETE FROM schema_version WHERE version = 13"
    kh audit verify | grep -q "stored data matches its seals" || fail "seals after the upgrade"
    [ "$(sql "SELECT COUNT(*) FROM cycle_files WHERE length(seal) <> 32")" = 0 ] || fail "unsealed files after the upgrade"
    # 3. a result row removed
    sql "DELETE FROM results_units WHERE ord = 2 AND cycle_id = (SELECT id FROM cycles WHERE code = 'W03')"
    expect_fail "results_units.csv (table results_units) has 2 rows where kaohe recorded 3" kh audit verify
    kh compute W03 >/dev/null 2>&1 || true
    # 4. rows inserted into a table for a file the cycle never had
    sql "INSERT INTO adjustments (cycle_id, ord, subject, indicator, amount, reason) SELECT id, 1, 'T1', '', '5', 'x' FROM cycles WHERE code = 'W03'"
    expect_fail "cycle W03 has 1 rows in table adjustments but kaohe never wrote adjustments.csv" kh audit verify
    sql "DELETE FROM adjustments WHERE cycle_id = (SELECT id FROM cycles WHERE code = 'W03')"
    kh audit verify >/dev/null || fail "after removing the inserted rows"
    # 5. a weight of the indicator tree (stored apart from indicators.csv's rows)
    sql "UPDATE indicator_weights SET weight = '0.9' WHERE ord = 3 AND cycle_id = (SELECT id FROM cycles WHERE code = 'C07')"
    expect_fail "cycle C07, indicators.csv (table indicators) does not match" kh audit verify
    # in Chinese too
    local out
    out=$("$KAOHE" audit verify --db "$DB" 2>&1) && fail "zh verify passed"
    grep -q "存储的数据与摘要不符" <<<"$out" || fail "no Chinese message: $out"
}

for_each_backend body
for_each_backend body_tail
for_each_backend body_seals
