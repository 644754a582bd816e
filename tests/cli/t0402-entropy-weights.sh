#!/bin/bash
# t0402-entropy-weights — kaohe entropy (file and --from), kaohe weights combine.
set -eu
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# binary entropy: column A shares (1/4, 3/4) -> e = H(1/4) = 0.811278; B constant -> 0
printf 'unit,A,B\nu1,1,5\nu2,3,5\n' > "$T/d.csv"
"$KAOHE" entropy --json --normalise none "$T/d.csv" | python3 -c '
import json,sys
o=json.load(sys.stdin); c=o["criteria"]
assert abs(c[0]["entropy"]-0.8112781244591328)<1e-15 and c[0]["weight"]==1, c
assert c[1]["entropy"]==1 and c[1]["weight"]==0 and o["units"]==2 and o["normalise"]=="none"
' || fail "binary entropy"

# cost column and -o weight file, summing to 1
printf 'unit,A,B,C\nu1,1,10,1\nu2,2,30,1\nu3,3,20,4\n' > "$T/e.csv"
"$KAOHE" entropy "$T/e.csv" --cost B -o "$T/obj.csv" >/dev/null || fail "entropy cost"
head -1 "$T/obj.csv" | grep -qx "code,weight" || fail "weight file header"
python3 -c "
import csv,sys
r=list(csv.DictReader(open('$T/obj.csv')))
assert abs(sum(float(x['weight']) for x in r)-1)<1e-12
assert abs(float(r[0]['weight'])-float(r[1]['weight']))<1e-15
" || fail "weights sum"

# bad input: exit 2 naming file:line:column
printf 'unit,A,B\nu1,1,x\nu2,3,5\n' > "$T/bad.csv"
set +e
msg=$("$KAOHE" entropy "$T/bad.csv" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && echo "$msg" | grep -q "bad.csv:2:B:" || fail "bad cell: $rc $msg"
printf 'unit,A\nu1,1\n' > "$T/one.csv"
set +e; "$KAOHE" entropy "$T/one.csv" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "m=1 rc $rc"
printf 'unit,A,B\nu1,1,5\nu2,1,5\n' > "$T/flat.csv"
set +e; "$KAOHE" entropy "$T/flat.csv" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "all constant rc $rc"
set +e; "$KAOHE" entropy "$T/e.csv" --cost Z 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "unknown --cost rc $rc"

# --from a bundle
"$KAOHE" entropy --json --from "$KH_SRC/tests/golden/01-quant-aggregation/bundle" --node A \
    --category "$(sed -n 2p "$KH_SRC/tests/golden/01-quant-aggregation/bundle/categories.csv" | cut -d, -f1)" \
    > "$T/from.json" 2>"$T/from.err" || { rc=$?; [ $rc -eq 2 ] || fail "from rc $rc: $(cat "$T/from.err")"; }

# combine
printf 'code,weight\nA,50\nB,30\nC,20\n' > "$T/subj.csv"
printf 'code,weight\nC,0.6\nA,0.2\nB,0.2\n' > "$T/obj2.csv"
"$KAOHE" weights combine --alpha 0.5 "$T/subj.csv" "$T/obj2.csv" --json -o "$T/comb.csv" | python3 -c '
import json,sys
o=json.load(sys.stdin); w={c["code"]:c["weight"] for c in o["criteria"]}
assert abs(w["A"]-0.35)<1e-15 and abs(w["B"]-0.25)<1e-15 and abs(w["C"]-0.4)<1e-15, w
assert [c["code"] for c in o["criteria"]]==["A","B","C"]
' || fail "combine"
grep -qx "C,0.40000000000000002" "$T/comb.csv" || grep -q "^C,0.4" "$T/comb.csv" || fail "combine -o"
printf 'code,weight\nA,1\nB,1\n' > "$T/short.csv"
set +e; "$KAOHE" weights combine "$T/subj.csv" "$T/short.csv" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "mismatched codes rc $rc"
set +e; "$KAOHE" weights combine --alpha 2 "$T/subj.csv" "$T/obj2.csv" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "alpha 2 rc $rc"
echo ok
