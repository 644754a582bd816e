#!/usr/bin/env bash
# kaohe report district: the summary of the Beijing sample names every unit
# with its rank in its type, composite (round2, two decimals) and grade as in
# results_units.csv on one line, draws a quota line per type with the
# engine's number of top-grade places, counts grades against that quota, and
# carries the cycle, date and page numbers on every page.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1717200000
"$KAOHE" sample --preset beijing --seed 1 -o "$TMP/bj" >/dev/null
"$KAOHE" eval "$TMP/bj" -o "$TMP/out" --quiet
check "district summary" "$KAOHE" report district "$TMP/bj" -o "$TMP/d.pdf"
pages=$(pdfinfo "$TMP/d.pdf" | awk '/^Pages:/ {print $2}')
check "several pages" test "$pages" -ge 2
check "every page is A4" test "$(pdfinfo -f 1 -l "$pages" "$TMP/d.pdf" | grep -c 'size: *595.276 x 841.89 pts (A4)')" -eq "$pages"
check "Noto Sans CJK SC embedded" bash -c "pdffonts '$TMP/d.pdf' | grep -q 'NotoSansCJKsc-Regular .* yes yes '"
for i in $(seq 1 "$pages"); do
  t=$(pdftotext -f "$i" -l "$i" "$TMP/d.pdf" - | tr -d ' \n')
  case $t in *"第${i}页/共${pages}页"*) ok ;; *) fail "page $i: number" ;; esac
  case $t in *"考核周期2024"*"计算日期：2024-06-01"* | *"计算日期：2024-06-01"*"考核周期2024"*) ok ;; *) fail "page $i: cycle and date" ;; esac
done
pdftotext -layout "$TMP/d.pdf" "$TMP/d.txt"
check "every unit: rank, name, composite, grade as in results_units.csv" python3 - "$TMP/d.txt" "$TMP/out" "$TMP/bj" <<'PY'
import csv, math, sys, collections
lines = open(sys.argv[1]).read().splitlines()
units = {r["code"]: r for r in csv.DictReader(open(sys.argv[3] + "/units.csv", encoding="utf-8-sig"))}
res = list(csv.DictReader(open(sys.argv[2] + "/results_units.csv")))
cfg = dict(csv.reader(open(sys.argv[3] + "/cycle.csv", encoding="utf-8-sig")))
quota = float(cfg["team_top_quota"])
top = cfg["team_thresholds"].split(";")[0].split("=")[0]
r2 = lambda x: math.floor(100 * float(x) + 0.5 + 1e-9) / 100
for r in res:
    want = [r["rank_category"], r["unit"], units[r["unit"]]["name"], "%.2f" % r2(r["composite"]),
            r["rank_overall"], r["grade"]]
    hit = [l for l in lines if l.split()[:6] == want[:3] + [units[r["unit"]]["district"]] + want[3:5]
           and want[5] in l.split()]
    assert len(hit) == 1, (want, hit)
n = collections.Counter(r["category"] for r in res)
tops = collections.Counter(r["category"] for r in res if r["grade"] == top)
text = "\n".join(lines).replace(" ", "")
for cat, k in n.items():
    places = max(1, math.floor(quota * k + 1e-9))
    assert ("“%s”等次名额线：%d个" % (top, places)) in text, (cat, places)
    assert ("%d/%d" % (tops[cat], places)) in text, (cat, tops[cat], places)
PY
check "vetoes listed" bash -c "grep -c '一票否决：V' '$TMP/d.txt' | grep -qv '^0$'"
finish
