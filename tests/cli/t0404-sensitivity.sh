#!/bin/bash
# t0404-sensitivity — kaohe sensitivity: shape, same seed -> identical bytes,
# another seed -> (almost surely) different, delta 0 -> the base ranking.
set -eu
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
B="$KH_SRC/tests/golden/05-ranking-quota-veto/bundle"
"$KAOHE" sensitivity "$B" --runs 300 --delta 0.3 --seed 11 -o "$T/a" >/dev/null || fail "run a"
"$KAOHE" sensitivity "$B" --runs 300 --delta 0.3 --seed 11 -o "$T/b" >/dev/null || fail "run b"
cmp "$T/a/results_stability.csv" "$T/b/results_stability.csv" || fail "same seed differs"
head -1 "$T/a/results_stability.csv" | grep -qx "unit,category,rank_base,rank_median,rank_p05,rank_p95,top_share,overlap,flip_share" || fail header
[ "$(($(wc -l < "$T/a/results_stability.csv") - 1))" -eq "$(($(grep -c . "$B/units.csv") - 1))" ] || fail "one row per unit"
"$KAOHE" sensitivity "$B" --runs 50 --delta 0 -o "$T/z" >/dev/null || fail "delta 0"
python3 - "$T/z/results_stability.csv" <<'PY' || fail "delta 0 not the base ranking"
import csv,sys
for r in csv.DictReader(open(sys.argv[1])):
    assert r["rank_base"]==r["rank_median"]==r["rank_p05"]==r["rank_p95"], r
    assert r["top_share"] in ("0","1")
PY
"$KAOHE" sensitivity --json "$B" --runs 20 -o "$T/j" | python3 -c '
import json,sys
o=json.load(sys.stdin); assert o["runs"]==20 and o["seed"]==1 and abs(o["delta"]-0.2)<1e-15 and len(o["units"])>0
' || fail json
set +e; "$KAOHE" sensitivity "$B" --runs 0 -o "$T/x" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "runs 0 rc $rc"
set +e; "$KAOHE" sensitivity "$B" --delta 1.5 -o "$T/x" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "delta rc $rc"
echo ok
