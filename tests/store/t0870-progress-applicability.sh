#!/usr/bin/env bash
# The dashboard's "values per department" (kh_store_cycle_progress) owes a
# value only where the leaf applies to the unit's township type (SPEC
# §11.11): on every backend, `kaohe cycle progress` of the Beijing sample —
# four types with leaves weighted 0 in some of them — equals an independent
# count made here from the bundle's CSV files (which would differ from
# "leaves × units": the script checks that some leaf does not apply).
. "$(dirname "$0")/lib.sh"
B=$TMPROOT/bj
[ -d "$B" ] || "$KAOHE" sample --preset beijing --seed 1 -o "$B" >/dev/null

expected() {
    python3 - "$B" <<'PY'
import csv, sys, collections
d = sys.argv[1]
rd = lambda f: list(csv.DictReader(open(d + "/" + f, encoding="utf-8-sig")))
ind, units, vals = rd("indicators.csv"), rd("units.csv"), rd("values.csv")
by = {r["code"]: r for r in ind}
def applies(code, cat):
    while code:
        r = by[code]
        if r["kind"] not in ("bonus", "penalty", "veto") and float(r.get("weight." + cat) or 0) <= 0:
            return False
        code = r["parent"]
    return True
cat = {u["code"]: u["category"] for u in units}
want, done = collections.Counter(), collections.Counter()
for r in ind:
    if r["kind"] == "quant":
        for u in units:
            want[r["department"]] += applies(r["code"], u["category"])
for v in vals:
    r = by[v["indicator"]]
    if v.get("period", "Y") in ("Y", "") and r["kind"] == "quant" and applies(r["code"], cat[v["unit"]]):
        done[r["department"]] += 1
skipped = sum(1 for r in ind if r["kind"] == "quant" for u in units if not applies(r["code"], u["category"]))
assert skipped > 0, "the sample must have leaves that do not apply somewhere"
for k in sorted(want):
    print("%s %d %d" % (k, done[k], want[k]))
PY
}

body() {
    kh init >/dev/null
    kh import "$B" >/dev/null
    expected >"$WORK/want.txt" || fail "independent count"
    kh cycle progress 2024 | awk '$1 == "values" {print $2, $3, $5}' | sort >"$WORK/got.txt"
    sort "$WORK/want.txt" | diff - "$WORK/got.txt" >&2 || fail "values progress differs from the independent count"
    [ -s "$WORK/got.txt" ] || fail "no values rows"
}
for_each_backend body
