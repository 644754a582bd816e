#!/usr/bin/env bash
# Year over year (FORMATS.md `previous`): a cycle naming its previous cycle
# takes empty growth baselines from that cycle's year-end values when it is
# computed, on every backend.  Hand computation (growth x = 100·(v − b)/|b|,
# minmax lo=−50 hi=50 → score = x + 50):
#   A: row with empty baseline, b = 200 (2023)  v = 230  x = 15   score 65
#   B: no targets.csv row,      b = 50 (2023)   v = 40   x = −20  score 30
#   C: baseline given (50) wins over 2023's 999 v = 60   x = 20   score 70
. "$(dirname "$0")/lib.sh"

Y=$TMPROOT/yoy
if [ ! -d "$Y" ]; then
    mkdir -p "$Y/y1" "$Y/y2" "$Y/y3"
    printf 'code,name\nU,城市\n' >"$Y/y1/categories.csv"
    printf 'code,name,district,category\nA,甲,D,U\nB,乙,D,U\nC,丙,D,U\n' >"$Y/y1/units.csv"
    printf 'code,parent,name,kind,measure,direction,method,params,missing,department,raters,scale,weight.U\nX,,经济,node,,,,,,,,,1\nG,X,收入增长,quant,%%,benefit,minmax,transform=growth;lo=-50;hi=50,,,,,1\n' >"$Y/y1/indicators.csv"
    printf 'key,value\ncode,C2023\n' >"$Y/y1/cycle.csv"
    printf 'unit,indicator,target,baseline,status\nA,G,,100,\nB,G,,100,\nC,G,,100,\n' >"$Y/y1/targets.csv"
    printf 'unit,indicator,period,value,source\nA,G,Y,200,\nB,G,Y,50,\nC,G,Y,999,\n' >"$Y/y1/values.csv"
    for d in y2 y3; do cp "$Y"/y1/{categories,units,indicators}.csv "$Y/$d/"; done
    printf 'key,value\ncode,C2024\nprevious,C2023\n' >"$Y/y2/cycle.csv"
    printf 'unit,indicator,target,baseline,status\nA,G,,,\nC,G,,50,\n' >"$Y/y2/targets.csv"
    printf 'unit,indicator,period,value,source\nA,G,Y,230,\nB,G,Y,40,\nC,G,Y,60,\n' >"$Y/y2/values.csv"
    printf 'key,value\ncode,C2025\nprevious,C2024\n' >"$Y/y3/cycle.csv"
    printf 'unit,indicator,period,value,source\nA,G,Y,1,\nB,G,Y,1,\nC,G,Y,1,\nA,G,Q1,1,\n' >"$Y/y3/values.csv"
fi

body() {
    kh init >/dev/null
    # without a database the bundle is incomplete
    if "$KAOHE" eval "$Y/y2" -o ev0 >/dev/null 2>&1; then fail "eval accepted empty baselines"; fi
    kh import "$Y/y2" >/dev/null || fail "import with empty baselines and previous"
    expect_fail "previous cycle C2023 is not in the database" kh compute C2024
    kh import "$Y/y1" >/dev/null
    kh compute C2024 >/dev/null || fail "compute C2024"
    [ "$(sql "SELECT unit || ':' || value || ':' || score FROM results_nodes r JOIN cycles c ON c.id = r.cycle_id WHERE c.code = 'C2024' AND node = 'G' ORDER BY r.ord" | tr '\n' ' ')" \
        = "A:15:65 B:-20:30 C:20:70 " ] || fail "year-over-year results"
    # the export carries the filled baselines: eval alone gives the same results
    kh export C2024 ex >/dev/null
    grep -qx "A,G,,200," ex/targets.csv && grep -qx "B,G,,50," ex/targets.csv && grep -qx "C,G,,50," ex/targets.csv \
        || fail "exported baselines: $(cat ex/targets.csv)"
    "$KAOHE" eval ex -o ev >/dev/null || fail "eval of the export"
    for f in ev/*.csv; do cmp "$f" "ex/$(basename "$f")" || fail "compute ≠ eval: $f"; done
    # a correction of last year's value reaches this year's baseline
    kh track C2023 A G Y 115 >/dev/null
    kh compute C2024 >/dev/null
    [ "$(sql "SELECT value FROM results_nodes r JOIN cycles c ON c.id = r.cycle_id WHERE c.code = 'C2024' AND unit = 'A' AND node = 'G'")" = 100 ] \
        || fail "corrected baseline not used"
    # a previous cycle without the value is a located error
    kh import "$Y/y3" >/dev/null
    kh track C2024 B G Y "" >/dev/null 2>&1 && fail "empty value accepted" || true
    kh audit verify >/dev/null || fail "seals before the out-of-band change"
    sql "UPDATE indicator_values SET value = '' WHERE unit = 'B' AND period = 'Y' AND cycle_id = (SELECT id FROM cycles WHERE code = 'C2024')"
    expect_fail "cycle C2024, values.csv (table indicator_values) does not match" kh audit verify
    expect_fail "unit B, leaf G: empty growth baseline and no year-end value in the previous cycle C2024" kh compute C2025
}

for_each_backend body
