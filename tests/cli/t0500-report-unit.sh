#!/usr/bin/env bash
# kaohe report unit (pdf-report.h): report cards of the Beijing sample from a
# bundle folder.  The PDF is A4 on every page, embeds Noto Sans CJK SC, names
# the unit unbroken, shows its composite (round2, two decimals) and its ranks
# as in results_units.csv, the contributions' sum as its base, and on every
# page the cycle code, the date of computation and "第 n 页 / 共 m 页".  The
# same input and date give the same bytes; --lang en gives English headings.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1717200000   # 2024-06-01
"$KAOHE" sample --preset beijing --seed 1 -o "$TMP/bj" >/dev/null
"$KAOHE" eval "$TMP/bj" -o "$TMP/out" --quiet
check "two cards in one PDF" "$KAOHE" report unit "$TMP/bj" BJ001 BJ024 -o "$TMP/u.pdf"
pages=$(pdfinfo "$TMP/u.pdf" | awk '/^Pages:/ {print $2}')
check "at least one page per unit" test "$pages" -ge 2
check "every page is A4" test "$(pdfinfo -f 1 -l "$pages" "$TMP/u.pdf" | grep -c 'size: *595.276 x 841.89 pts (A4)')" -eq "$pages"
check "Noto Sans CJK SC embedded" bash -c "pdffonts '$TMP/u.pdf' | grep -E 'NotoSansCJKsc-(Regular|Bold)' | grep -q ' yes yes '"
check "no other font" test "$(pdffonts "$TMP/u.pdf" | tail -n +3 | grep -vc NotoSansCJKsc)" -eq 0
check "metadata title" bash -c "pdfinfo '$TMP/u.pdf' | grep -q '^Title: *单位考核报告'"

for i in $(seq 1 "$pages"); do
  pdftotext -f "$i" -l "$i" "$TMP/u.pdf" - | tr -d ' \n' >"$TMP/page$i.txt"
  check "page $i: number" grep -q "第${i}页/共${pages}页" "$TMP/page$i.txt"
  check "page $i: cycle" grep -q "考核周期2024" "$TMP/page$i.txt"
  check "page $i: date of computation" grep -q "计算日期：2024-06-01" "$TMP/page$i.txt"
done

pdftotext "$TMP/u.pdf" "$TMP/u.txt"
check "figures as in results_units.csv" python3 - "$TMP/u.txt" "$TMP/out" "$TMP/bj" <<'PY'
import csv, math, sys
text = open(sys.argv[1]).read()
flat = "".join(text.split())
units = {r["code"]: r for r in csv.DictReader(open(sys.argv[3] + "/units.csv", encoding="utf-8-sig"))}
res = {r["unit"]: r for r in csv.DictReader(open(sys.argv[2] + "/results_units.csv"))}
def r2(x):   # SPEC §6 round2
    return math.floor(100 * float(x) + 0.5 + 1e-9) / 100
size = {}
for r in res.values():
    size[r["category"]] = size.get(r["category"], 0) + 1
for code in ("BJ001", "BJ024"):
    r = res[code]
    assert units[code]["name"] in text, code          # the name unbroken
    assert "%.2f" % r2(r["composite"]) in text, (code, r["composite"])
    assert "%s/%d" % (r["rank_category"], size[r["category"]]) in flat, code
    assert "%s/%d" % (r["rank_overall"], len(res)) in flat, code
    assert r["grade"] in text
    assert "%.2f" % r2(r["base"]) in text
assert "一票否决" in text and "V3" in text      # BJ024 is vetoed (V3)
assert "满意度指数" in text
PY
pdftotext -layout "$TMP/u.pdf" "$TMP/u-layout.txt"
check "the leaf table's contributions add up to the base" python3 - "$TMP/u-layout.txt" "$TMP/out" <<'PY'
import csv, math, re, sys
sums = [l.split()[-1] for l in open(sys.argv[1]) if "指标贡献合计" in l]
base = {r["unit"]: float(r["base"]) for r in csv.DictReader(open(sys.argv[2] + "/results_units.csv"))}
want = ["%.2f" % (math.floor(100 * base[u] + 0.5 + 1e-9) / 100) for u in ("BJ001", "BJ024")]
assert sums == want, (sums, want)
PY

"$KAOHE" report unit "$TMP/bj" BJ001 BJ024 -o "$TMP/u2.pdf" 2>/dev/null
check "same input and date, same bytes" cmp -s "$TMP/u.pdf" "$TMP/u2.pdf"

check "--lang en" "$KAOHE" --lang en report unit "$TMP/bj" BJ001 -o "$TMP/en.pdf"
pdftotext "$TMP/en.pdf" "$TMP/en.txt"
check "English headings" grep -q "Unit Assessment Report" "$TMP/en.txt"
check "English page numbers" grep -q "Page 1 of" "$TMP/en.txt"
check "Chinese names stay" grep -q "南磨房乡" "$TMP/en.txt"

# --all: one PDF per unit, on a small golden bundle
g="$KH_SRC/tests/golden/05-ranking-quota-veto/bundle"
check "--all" "$KAOHE" report unit "$g" --all -o "$TMP/all"
n=$(($(wc -l <"$g/units.csv") - 1))
check "one file per unit" test "$(ls "$TMP/all" | grep -c '\.pdf$')" -eq "$n"
check "no temporary file left" test "$(ls "$TMP/all" | grep -vc '\.pdf$')" -eq 0
for f in "$TMP"/all/*.pdf; do
  code=$(basename "$f" .pdf)
  check "$code: its own card" bash -c "pdftotext '$f' - | grep -q '单位：$code'"
done
finish
