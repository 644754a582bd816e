#!/usr/bin/env bash
# results_contributions.csv explains each composite (contributions.h): on every
# golden case and the Beijing sample, a unit's contributions add up to its
# composite to 1e-9, there is one row per leaf row of results_nodes.csv, and a
# weighted leaf contributes score × weight_global.
. "$(dirname "$0")/lib.sh"
"$KAOHE" sample --preset beijing --seed 1 -o "$TMP/bj" >/dev/null
for b in "$KH_SRC"/tests/golden/*/bundle "$TMP/bj"; do
  name=$(basename "$(dirname "$b")")/$(basename "$b")
  out="$TMP/out-${name//\//-}"
  "$KAOHE" eval "$b" -o "$out" --quiet 2>/dev/null || { fail "$name: eval"; continue; }
  check "$name: contributions explain the composite" python3 - "$out" "$b" <<'PY'
import csv, sys, collections
out, bundle = sys.argv[1], sys.argv[2]
kind = {r["code"]: r["kind"] for r in csv.DictReader(open(bundle + "/indicators.csv", encoding="utf-8-sig"))}
parents = {r["parent"] for r in csv.DictReader(open(bundle + "/indicators.csv", encoding="utf-8-sig"))}
total = collections.defaultdict(float)
contrib = {}
for r in csv.DictReader(open(out + "/results_contributions.csv")):
    total[r["unit"]] += float(r["contribution"])
    contrib[(r["unit"], r["leaf"])] = float(r["contribution"])
leafrows = 0
for r in csv.DictReader(open(out + "/results_nodes.csv")):
    if r["node"] in parents:
        continue
    leafrows += 1
    c = contrib[(r["unit"], r["node"])]
    if kind[r["node"]] in ("quant", "qual", "survey") and r["score"] and r["weight_global"]:
        assert abs(c - float(r["score"]) * float(r["weight_global"])) < 1e-12, (r, c)
assert leafrows == len(contrib), (leafrows, len(contrib))
for r in csv.DictReader(open(out + "/results_units.csv")):
    assert abs(total[r["unit"]] - float(r["composite"])) <= 1e-9, (r["unit"], total[r["unit"]], r["composite"])
PY
done
finish
