#!/bin/bash
# t0403-concordance — kaohe concordance on Shrout & Fleiss (1979) Table 2 as a bundle;
# the deprecated spelling `kaohe agreement BUNDLE` still works, with a note.
set -eu
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
B="$KH_SRC/tests/analysis/shrout-fleiss"
"$KAOHE" --lang en concordance "$B" -o "$T/o" > "$T/out" || fail "run"
grep -q "J3 (judges, A2)" "$T/out" || fail "flagged rater not listed: $(cat "$T/out")"
head -1 "$T/o/concordance_items.csv" | grep -qx "group,item,ratee_kind,status,raters,ratees,raters_total,ratees_total,kendall_w,chi2,icc21,mean" || fail "items header"
head -1 "$T/o/concordance_raters.csv" | grep -qx "group,item,rater,ratees,mean,leniency,spearman,flag" || fail "raters header"
python3 - "$T/o" <<'PY' || fail "values"
import csv,sys
it=list(csv.DictReader(open(sys.argv[1]+"/concordance_items.csv")))
a1=[r for r in it if r["item"]=="A1"][0]
assert round(float(a1["icc21"]),2)==0.29 and a1["raters"]=="4" and a1["ratees"]=="6", a1
assert abs(float(a1["kendall_w"])-2874/3240)<1e-15
ra=list(csv.DictReader(open(sys.argv[1]+"/concordance_raters.csv")))
assert [r["rater"] for r in ra if r["flag"]]==["J3"]
PY
"$KAOHE" concordance --json "$B" -o "$T/o2" | python3 -c '
import json,sys
o=json.load(sys.stdin)
assert o["flagged"][0]["rater"]=="J3" and o["flagged"][0]["reason"]=="negative_correlation"
assert o["items"][0]["status"]=="ok"
' || fail "json"
cmp "$T/o/concordance_items.csv" "$T/o2/concordance_items.csv" || fail "not reproducible"
# blocks too small are reported, not computed
"$KAOHE" --lang en concordance "$KH_SRC/tests/golden/04-ratings/bundle" -o "$T/o3" | grep -q "not computed" || fail "small blocks"
grep -q "too_few_ratees" "$T/o3/concordance_items.csv" || fail "status"
set +e; "$KAOHE" concordance "$B" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "missing -o rc $rc"
# the old spelling: same analysis, old file names, a deprecation note on stderr (zh and en)
"$KAOHE" --lang en agreement "$B" -o "$T/old" >/dev/null 2>"$T/err" || fail "old spelling runs"
grep -q "now kaohe concordance" "$T/err" || fail "no deprecation note: $(cat "$T/err")"
"$KAOHE" agreement "$B" -o "$T/old2" >/dev/null 2>"$T/err2" || fail "old spelling runs (zh)"
grep -q "已改名为 kaohe concordance" "$T/err2" || fail "no Chinese deprecation note"
cmp "$T/o/concordance_items.csv" "$T/old/agreement_items.csv" || fail "old spelling gives other results"
cmp "$T/o/concordance_raters.csv" "$T/old/agreement_raters.csv" || fail "old spelling gives other raters"
# agreement without a subcommand or bundle is a usage error, not the analysis
set +e; "$KAOHE" agreement 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "bare agreement rc $rc"
echo ok
