#!/usr/bin/env bash
# Editing setup data row by row (store-setup.h), on every backend: a unit is added and renamed
# (one audit record each, before and after), a unit of an unknown category is refused with the
# bundle reader's located diagnostic and changes nothing, a unit that cadres name cannot be
# deleted (the validator says why), an unused one can, a category is added (its weight.<CAT> column
# copied from the first type's) and deleted again, a category is renamed and a rater added,
# an export carries the edits and imports again to the same bytes, and after
# setup every change is refused naming the state while listing still works.
. "$(dirname "$0")/lib.sh"
G=$KH_SRC/tests/golden/07-cadres/bundle

body() {
    kh init >/dev/null
    kh import "$G" --cycle G7 >/dev/null
    [ "$(kh setup list G7 units | head -1)" = "code,name,district,category,zone,kind" ] || fail "list: the writer's header"
    [ "$(kh setup list G7 units.csv | wc -l)" = 4 ] || fail "list: header and 3 units"
    expect_fail "is not an editable setup file" kh setup list G7 values

    # add, then rename (columns not named are kept)
    kh setup put G7 units code=T9 name=新镇 district=D1 category=U 2>"$WORK/put.err" || fail "add a unit"
    grep -q "1 rows changed" "$WORK/put.err" || fail "one row added"
    kh setup put G7 units code=T9 name=改名镇 2>/dev/null || fail "rename"
    kh setup list G7 units | grep -qx 'T9,改名镇,D1,U,,' || fail "renamed, other cells kept: $(kh setup list G7 units)"
    kh setup put G7 units code=T9 name=改名镇 2>"$WORK/same.err" || fail "same again"
    grep -q "0 rows changed" "$WORK/same.err" || fail "the same row again changes nothing"
    [ "$(sql "SELECT COUNT(*) FROM audit WHERE entity = 'setup' AND \"key\" = 'G7/units.csv/T9'")" = 2 ] || fail "two audit records"
    sql "SELECT action || ':' || COALESCE(before_json, 'null') || '>' || after_json FROM audit WHERE entity = 'setup' ORDER BY seq" >"$WORK/audit"
    grep -q '^insert:null>{"code":"T9","name":"新镇"' "$WORK/audit" || fail "insert audited: $(cat "$WORK/audit")"
    grep -q '^update:{"code":"T9","name":"新镇".*>{"code":"T9","name":"改名镇"' "$WORK/audit" || fail "update audited before/after"
    [ "$(sql "SELECT nrows FROM cycle_files c JOIN cycles y ON y.id = c.cycle_id WHERE y.code = 'G7' AND file = 'units.csv'")" = 4 ] \
        || fail "cycle_files counts the new row"

    # a bad category: located, nothing changed
    kh export G7 "$WORK/before" >/dev/null
    n0=$(sql "SELECT COUNT(*) FROM audit")
    expect_fail "units.csv:5:category" kh setup put G7 units code=T9 category=ZZ
    expect_fail "does not validate; nothing was changed" kh setup put G7 units code=T8 category=ZZ
    expect_fail "has no column colour" kh setup put G7 units code=T9 colour=red
    expect_fail "code=CODE is needed" kh setup put G7 units name=x
    [ "$(sql "SELECT COUNT(*) FROM audit")" = "$n0" ] || fail "refused changes write no audit"
    kh export G7 "$WORK/after" >/dev/null
    diff -r "$WORK/before" "$WORK/after" >/dev/null || fail "a refused change changes nothing"

    # delete: a unit that cadres name is refused by the validator; a cadre, then the unit
    expect_fail "cadres.csv:" kh setup delete G7 units T1
    expect_fail "has no row NOPE" kh setup delete G7 units NOPE
    kh setup delete G7 units T9 2>/dev/null || fail "delete an unused unit"
    kh setup list G7 units | grep -q '^T9,' && fail "T9 deleted"
    sql "SELECT action || ':' || before_json || '>' || COALESCE(after_json, 'null') FROM audit WHERE entity = 'setup' AND action = 'delete'" \
        | grep -q '^delete:{"code":"T9".*>null$' || fail "delete audited with after null"

    # a new township type brings its weight column (a copy of the first type's), goes with it
    kh export G7 "$WORK/pre-cat" >/dev/null
    kh setup put G7 categories code=N name=新类型 2>/dev/null || fail "add a category"
    kh export G7 "$WORK/cat" >/dev/null
    head -1 "$WORK/cat/indicators.csv" | grep -q ',weight\.U,weight\.N$' || fail "indicators.csv gains weight.N: $(head -1 "$WORK/cat/indicators.csv")"
    python3 - "$WORK/cat/indicators.csv" <<'PY' || fail "weight.N copies weight.U row by row"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert rows and all(r["weight.N"] == r["weight.U"] for r in rows), rows
PY
    [ "$(sql "SELECT action || ' ' || after_json FROM audit WHERE entity = 'scheme' AND \"key\" = 'G7/indicators.csv/weight.N'")" \
        = 'insert {"category":"N","copied_from":"U"}' ] || fail "the new column is audited with its source"
    kh setup put G7 units code=T3 category=N 2>/dev/null || fail "a unit moves to the new type"
    expect_fail "units.csv:4:category" kh setup delete G7 categories N
    kh setup put G7 units code=T3 category=U 2>/dev/null || fail "the unit moves back"
    kh setup delete G7 categories N 2>/dev/null || fail "delete the unused type"
    kh export G7 "$WORK/post-cat" >/dev/null
    diff -r "$WORK/pre-cat" "$WORK/post-cat" >/dev/null || fail "adding and deleting a type leaves the cycle as it was"
    [ "$(sql "SELECT COUNT(*) FROM audit WHERE entity = 'scheme' AND action = 'delete' AND \"key\" = 'G7/indicators.csv/weight.N'")" = 1 ] \
        || fail "the dropped column is audited"

    # edits survive export → import byte for byte
    kh setup put G7 categories code=U name=农业型 2>/dev/null || fail "rename a category"
    kh setup put G7 raters code=R99 name=新评价人 group=$(sed -n 2p "$G/raters.csv" | cut -d, -f3) 2>/dev/null || fail "add a rater"
    kh export G7 "$WORK/e1" >/dev/null
    grep -qx 'U,农业型' "$WORK/e1/categories.csv" || fail "export carries the category"
    grep -q '^R99,新评价人,' "$WORK/e1/raters.csv" || fail "export carries the rater"
    kh import "$WORK/e1" --cycle G7B >/dev/null
    kh export G7B "$WORK/e2" >/dev/null
    diff -r "$WORK/e1" "$WORK/e2" >/dev/null || fail "export → import → export is byte-identical"

    # outside setup: refused naming the state; listing still allowed
    kh cycle advance G7 >/dev/null
    expect_fail "allowed only in setup" kh setup put G7 units code=T2 name=x
    expect_fail "allowed only in setup" kh setup delete G7 raters R99
    kh setup list G7 units >/dev/null || fail "list outside setup"
    kh audit verify | grep -q "stored data matches its seals" || fail "seals after setup edits"
}
for_each_backend body
