#!/usr/bin/env bash
# Changing weights of a stored cycle (store-scheme.h), on every backend: the preview is exactly
# what compute then stores (composites to the bit, ranks, grades), nothing is written without
# --apply, a change that does not validate is refused with the reader's located diagnostic and
# writes nothing, each changed cell is audited with before and after, an export carries the new
# weight, and after setup the scheme is fixed (previews still work).
. "$(dirname "$0")/lib.sh"
G=$KH_SRC/tests/golden/05-ranking-quota-veto/bundle

body() {
    kh init >/dev/null
    kh import "$G" --cycle G5 >/dev/null
    cat0=$(sed -n 1p "$G/indicators.csv" | tr , '\n' | grep '^weight\.' | head -1 | cut -d. -f2)
    leaf=$(python3 -c 'import csv, sys; print(next(r["code"] for r in csv.DictReader(open(sys.argv[1])) if r["kind"] == "quant"))' "$G/indicators.csv")
    [ -n "$cat0" ] && [ -n "$leaf" ] || fail "golden 05 has a weight column and a quant leaf"
    kh compute G5 >/dev/null
    kh results G5 units >"$WORK/before.csv"
    audit0=$(sql "SELECT COUNT(*) FROM audit")
    kh export G5 "$WORK/stored" >/dev/null

    # preview: a big weight on one leaf moves something, writes nothing
    kh scheme G5 "$leaf:$cat0=50" >"$WORK/preview.csv" || fail "preview"
    [ "$(head -1 "$WORK/preview.csv")" = "unit,category,composite_before,composite_after,rank_before,rank_after,grade_before,grade_after" ] \
        || fail "preview header"
    [ "$(sql "SELECT COUNT(*) FROM audit")" = "$audit0" ] || fail "a preview is not audited as a change"
    python3 - "$WORK/before.csv" "$WORK/preview.csv" <<'PY' || fail "preview 'before' = stored results"
import csv, sys
st = {r["unit"]: r for r in csv.DictReader(open(sys.argv[1]))}
pv = list(csv.DictReader(open(sys.argv[2])))
assert len(pv) == len(st), (len(pv), len(st))
for r in pv:
    s = st[r["unit"]]
    assert r["composite_before"] == s["composite"] and r["rank_before"] == s["rank_category"] \
        and r["grade_before"] == s["grade"], (r, s)
assert any(r["composite_before"] != r["composite_after"] for r in pv), "the change moves no composite"
PY
    kh export G5 "$WORK/unchanged" >/dev/null
    cmp -s "$WORK/stored/indicators.csv" "$WORK/unchanged/indicators.csv" || fail "a preview writes nothing"

    # invalid: refused, located, nothing written
    expect_fail "indicators.csv:" kh scheme G5 "$leaf:$cat0=abc" --apply
    expect_fail "does not validate; nothing was changed" kh scheme G5 "$leaf:$cat0=-1" --apply
    expect_fail "has no indicator NOPE" kh scheme G5 "NOPE:$cat0=1"
    expect_fail "has no category ZZ" kh scheme G5 "$leaf:ZZ=1"
    expect_fail "is not INDICATOR:CATEGORY=WEIGHT" kh scheme G5 "$leaf=1"
    [ "$(sql "SELECT COUNT(*) FROM audit WHERE entity = 'scheme'")" = 0 ] || fail "refused changes are not stored"

    # apply: the preview's "after" is what compute stores
    kh scheme G5 "$leaf:$cat0=50" --apply >"$WORK/applied.csv" 2>"$WORK/applied.err" || fail "apply"
    grep -q "1 weights changed" "$WORK/applied.err" || fail "one cell changed: $(cat "$WORK/applied.err")"
    cmp -s "$WORK/preview.csv" "$WORK/applied.csv" || fail "apply prints the same preview"
    [ "$(sql "SELECT COUNT(*) FROM audit WHERE entity = 'scheme' AND \"key\" = 'G5/$leaf/$cat0'")" = 1 ] \
        || fail "the changed cell is audited once"
    sql "SELECT before_json || after_json FROM audit WHERE entity = 'scheme'" | grep -q '"weight":"1"}{"weight":"50"}' || fail "audit carries the weight before and after"
    kh scheme G5 "$leaf:$cat0=50" --apply >/dev/null 2>"$WORK/again.err"
    grep -q "0 weights changed" "$WORK/again.err" || fail "the same weight again changes nothing"
    kh compute G5 >/dev/null
    kh results G5 units >"$WORK/after.csv"
    python3 - "$WORK/after.csv" "$WORK/preview.csv" <<'PY' || fail "compute = preview 'after'"
import csv, sys
st = {r["unit"]: r for r in csv.DictReader(open(sys.argv[1]))}
for r in csv.DictReader(open(sys.argv[2])):
    s = st[r["unit"]]
    assert r["composite_after"] == s["composite"] and r["rank_after"] == s["rank_category"] \
        and r["grade_after"] == s["grade"], (r, s)
PY
    kh export G5 "$WORK/changed" >/dev/null
    python3 - "$WORK/changed/indicators.csv" "$leaf" "$cat0" <<'PY' || fail "export carries the weight"
import csv, sys
r = next(r for r in csv.DictReader(open(sys.argv[1])) if r["code"] == sys.argv[2])
assert r["weight." + sys.argv[3]] == "50", r
PY

    # after setup: fixed, but previews still allowed
    kh cycle advance G5 >/dev/null
    expect_fail "may not change indicator weights there; allowed only in setup" kh scheme G5 "$leaf:$cat0=1" --apply
    kh scheme G5 "$leaf:$cat0=1" >/dev/null || fail "preview outside setup"
    kh audit verify | grep -q "stored data matches its seals" || fail "seals after weight changes"
}
for_each_backend body
