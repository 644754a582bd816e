#!/bin/bash
# t0401-ahp — kaohe ahp: Saaty's house example, JSON shape, experts pooled,
# defects named file:line:column with exit 2, --apply rewrites only the
# weight cells, refusal when CR >= 0.1 unless --force.
set -eu
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
D="$KH_SRC/tests/analysis"
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$KAOHE" --lang en ahp "$D/saaty-house.csv")
echo "$out" | grep -q "financing *0.333189" || fail "house weights: $out"
echo "$out" | grep -q "λmax = 9.668887" || fail "house lambda"
echo "$out" | grep -q "CR = 0.169087" || fail "house CR"

j=$("$KAOHE" ahp --json "$D/saaty-wealth.csv")
echo "$j" | python3 -c '
import json,sys
o=json.load(sys.stdin)
w=[round(c["weight"],3) for c in o["criteria"]]
assert w==[.427,.230,.021,.052,.052,.123,.094], w
assert round(o["lambda_max"],2)==7.61 and round(o["cr"],2)==0.08 and o["consistent"] is True
assert o["n"]==7 and o["experts"]==1 and o["ri"]==1.32 and o["applied"] is None
' || fail "wealth json"

# two experts: the same matrix twice, one with criteria reordered -> same weights
python3 - "$D/saaty-wealth.csv" "$T/perm.csv" <<'PY'
import sys
rows=[l.rstrip("\n").split(",") for l in open(sys.argv[1])]
codes=rows[0][1:]; m={r[0]:r[1:] for r in rows[1:]}
order=[6,2,0,5,1,4,3]
with open(sys.argv[2],"w") as f:
    f.write("," + ",".join(codes[i] for i in order) + "\n")
    for i in order:
        f.write(codes[i] + "," + ",".join(m[codes[i]][j] for j in order) + "\n")
PY
a=$("$KAOHE" ahp --json "$D/saaty-wealth.csv" | python3 -c 'import json,sys; print([round(c["weight"],12) for c in json.load(sys.stdin)["criteria"]])')
b=$("$KAOHE" ahp --json "$D/saaty-wealth.csv" "$T/perm.csv" | python3 -c 'import json,sys; o=json.load(sys.stdin); assert o["experts"]==2; print([round(c["weight"],12) for c in o["criteria"]])')
[ "$a" = "$b" ] || fail "pooled permuted expert: $a vs $b"

# defects: exit 2 naming file:line:column
set +e
msg=$("$KAOHE" --lang en ahp "$D/nonreciprocal.csv" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] || fail "nonreciprocal rc $rc"
echo "$msg" | grep -q "nonreciprocal.csv:4:C2:" || fail "nonreciprocal location: $msg"
set +e
msg=$("$KAOHE" ahp "$D/nonpositive.csv" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && echo "$msg" | grep -q "nonpositive.csv:2:C2:" || fail "nonpositive: $rc $msg"
set +e
msg=$("$KAOHE" ahp "$D/nonsquare.csv" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && echo "$msg" | grep -q "nonsquare.csv:2:" || fail "nonsquare: $rc $msg"

# --apply
cp -r "$KH_SRC/tests/golden/04-ratings/bundle" "$T/b"
printf ',A1.01,A1.02\nA1.01,1,3\nA1.02,1/3,1\n' > "$T/m.csv"
cp "$T/b/indicators.csv" "$T/before.csv"
"$KAOHE" ahp "$T/m.csv" --apply "$T/b" --node A1 --category U >/dev/null || fail "apply"
diff "$T/before.csv" "$T/b/indicators.csv" > "$T/diff" && fail "nothing changed"
[ "$(grep -c '^[<>]' "$T/diff")" -eq 4 ] || fail "more than the two weight rows changed: $(cat "$T/diff")"
grep -q '^A1.01,A1,.*,team,0.75$' "$T/b/indicators.csv" || fail "A1.01 weight: $(cat "$T/b/indicators.csv")"
grep -q '^A1.02,A1,.*,numeric,0.25$' "$T/b/indicators.csv" || fail "A1.02 weight"
# unknown child / missing child
printf ',A1.01,X\nA1.01,1,3\nX,1/3,1\n' > "$T/bad.csv"
set +e
"$KAOHE" ahp "$T/bad.csv" --apply "$T/b" --node A1 --category U 2>/dev/null; rc=$?
set -e
[ $rc -eq 2 ] || fail "unknown child rc $rc"
# inconsistent: refused (exit 1), file untouched; --force writes
printf ',A1.01,A1.02,A2\nA1.01,1,9,1/9\nA1.02,1/9,1,9\nA2,9,1/9,1\n' > "$T/inc.csv"
printf 'code,parent,name,kind,measure,direction,method,params,missing,department,raters,scale,weight.U\nA,,x,node,,,,,,,,,1\nA1.01,A,x,qual,,,,,,,,,1\nA1.02,A,x,qual,,,,,,,,,1\nA2,A,x,qual,,,,,,,,,1\n' > "$T/ind.csv"
mkdir -p "$T/c"; cp "$T/ind.csv" "$T/c/indicators.csv"
set +e
"$KAOHE" ahp "$T/inc.csv" --apply "$T/c" --node A --category U >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 1 ] || fail "inconsistent not refused: $rc"
cmp -s "$T/ind.csv" "$T/c/indicators.csv" || fail "refused apply changed the file"
"$KAOHE" ahp "$T/inc.csv" --apply "$T/c" --node A --category U --force >/dev/null || fail "force"
cmp -s "$T/ind.csv" "$T/c/indicators.csv" && fail "--force wrote nothing"
"$KAOHE" ahp --help | grep -q "判断矩阵" || fail "help zh"
"$KAOHE" --lang en ahp --help | grep -q "pairwise" || fail "help en"
echo ok
