#!/bin/bash
# t0403-agreement — kaohe agreement on Shrout & Fleiss (1979) Table 2 as a bundle.
set -eu
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
B="$KH_SRC/tests/analysis/shrout-fleiss"
"$KAOHE" --lang en agreement "$B" -o "$T/o" > "$T/out" || fail "run"
grep -q "J3 (judges, A2)" "$T/out" || fail "flagged rater not listed: $(cat "$T/out")"
head -1 "$T/o/agreement_items.csv" | grep -qx "group,item,ratee_kind,status,raters,ratees,raters_total,ratees_total,kendall_w,chi2,icc21,mean" || fail "items header"
head -1 "$T/o/agreement_raters.csv" | grep -qx "group,item,rater,ratees,mean,leniency,spearman,flag" || fail "raters header"
python3 - "$T/o" <<'PY' || fail "values"
import csv,sys
it=list(csv.DictReader(open(sys.argv[1]+"/agreement_items.csv")))
a1=[r for r in it if r["item"]=="A1"][0]
assert round(float(a1["icc21"]),2)==0.29 and a1["raters"]=="4" and a1["ratees"]=="6", a1
assert abs(float(a1["kendall_w"])-2874/3240)<1e-15
ra=list(csv.DictReader(open(sys.argv[1]+"/agreement_raters.csv")))
assert [r["rater"] for r in ra if r["flag"]]==["J3"]
PY
"$KAOHE" agreement --json "$B" -o "$T/o2" | python3 -c '
import json,sys
o=json.load(sys.stdin)
assert o["flagged"][0]["rater"]=="J3" and o["flagged"][0]["reason"]=="negative_correlation"
assert o["items"][0]["status"]=="ok"
' || fail "json"
cmp "$T/o/agreement_items.csv" "$T/o2/agreement_items.csv" || fail "not reproducible"
# blocks too small are reported, not computed
"$KAOHE" --lang en agreement "$KH_SRC/tests/golden/04-ratings/bundle" -o "$T/o3" | grep -q "not computed" || fail "small blocks"
grep -q "too_few_ratees" "$T/o3/agreement_items.csv" || fail "status"
set +e; "$KAOHE" agreement "$B" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "missing -o rc $rc"
echo ok
