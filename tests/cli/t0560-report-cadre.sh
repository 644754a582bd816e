#!/usr/bin/env bash
# kaohe report cadre (pdf-report.h): the cadre forms of golden 07.  One
# combined PDF for --all -o FILE.pdf with one outline entry per cadre, A4,
# Noto Sans CJK SC embedded; every cadre's name unbroken with its score
# (round2) and grade as in results_cadres.csv; the vote counts of C2 (5 of 8
# at 优秀/称职, the vote_caution case); a folder of one PDF per cadre for
# --all -o DIR (and unit cards combined the same way); an unknown cadre exits
# 2 and leaves no file.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1717200000   # 2024-06-01
g="$KH_SRC/tests/golden/07-cadres/bundle"
"$KAOHE" eval "$g" -o "$TMP/out" --quiet
check "combined PDF" "$KAOHE" report cadre "$g" --all -o "$TMP/c.pdf"
n=$(($(wc -l <"$g/cadres.csv") - 1))
pages=$(pdfinfo "$TMP/c.pdf" | awk '/^Pages:/ {print $2}')
check "one page per cadre ($n)" test "$pages" -eq "$n"
check "every page is A4" test "$(pdfinfo -f 1 -l "$pages" "$TMP/c.pdf" | grep -c 'size: *595.276 x 841.89 pts (A4)')" -eq "$pages"
check "Noto Sans CJK SC embedded" bash -c "pdffonts '$TMP/c.pdf' | grep -E 'NotoSansCJKsc-(Regular|Bold)' | grep -q ' yes yes '"
check "no other font" test "$(pdffonts "$TMP/c.pdf" | tail -n +3 | grep -vc NotoSansCJKsc)" -eq 0
check "one bookmark per cadre" test "$(grep -a -c '/Dest' "$TMP/c.pdf")" -eq "$n"
for i in $(seq 1 "$pages"); do
  pdftotext -f "$i" -l "$i" "$TMP/c.pdf" - | tr -d ' \n' >"$TMP/page$i.txt"
  check "page $i: number" grep -q "第${i}页/共${pages}页" "$TMP/page$i.txt"
  check "page $i: date of computation" grep -q "计算日期：2024-06-01" "$TMP/page$i.txt"
done
pdftotext -layout "$TMP/c.pdf" "$TMP/c.txt"
check "names, scores and grades as in results_cadres.csv" python3 - "$TMP/c.pdf" "$TMP/out" "$g" <<'PY'
import csv, math, subprocess, sys
pdf, out, g = sys.argv[1:]
names = {r["code"]: r["name"] for r in csv.DictReader(open(g + "/cadres.csv", encoding="utf-8-sig"))}
res = list(csv.DictReader(open(out + "/results_cadres.csv")))
for i, r in enumerate(res, 1):    # one page per cadre, in cadres.csv order
    page = subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-"],
                          capture_output=True, text=True).stdout
    code = r["cadre"]
    assert "%s（%s）" % (names[code], code) in page, code
    r2 = math.floor(100 * float(r["score"]) + 0.5 + 1e-9) / 100
    assert "%.2f" % r2 in page, (code, r["score"])
    assert r["grade"] in page.split("考核等次")[1].split()[:8], (code, r["grade"])
PY
# C2: leaders 0 优秀 2 称职 0 基本称职 2 不称职; peers 0/3/1/0 (ratings.csv)
pdftotext -layout -f 2 -l 2 "$TMP/c.pdf" "$TMP/c2.txt"
check "C2 votes per group" bash -c "grep -Eq 'leaders 上级领导 +0.6 +0 +2 +0 +2 +4' '$TMP/c2.txt' && grep -Eq 'peers 班子成员 +0.4 +0 +3 +1 +0 +4' '$TMP/c2.txt' && grep -Eq '全部 +0 +5 +1 +2 +8' '$TMP/c2.txt'"
check "C2 vote flag in words" grep -q "建议诫勉谈话" "$TMP/c2.txt"

check "two codes" "$KAOHE" report cadre "$g" C3 C5 -o "$TMP/two.pdf"
check "two codes: two pages" test "$(pdfinfo "$TMP/two.pdf" | awk '/^Pages:/ {print $2}')" -eq 2
check "--all -o DIR" "$KAOHE" report cadre "$g" --all -o "$TMP/dir"
check "one file per cadre" test "$(ls "$TMP/dir" | grep -c '\.pdf$')" -eq "$n"
# the same -o rule for unit cards: --all with a .pdf path is one bookmarked file
check "unit --all -o FILE.pdf" "$KAOHE" report unit "$g" --all -o "$TMP/units.pdf"
check "unit: one bookmark per unit" test "$(grep -a -c '/Dest' "$TMP/units.pdf")" -eq "$(($(wc -l <"$g/units.csv") - 1))"
check "--lang en" "$KAOHE" --lang en report cadre "$g" C1 -o "$TMP/en.pdf"
check "English heading" bash -c "pdftotext '$TMP/en.pdf' - | grep -q 'Cadre Assessment Form'"

"$KAOHE" report cadre "$g" C1 NOPE -o "$TMP/x.pdf" 2>"$TMP/err"; st=$?
check "unknown cadre: exit 2" test "$st" -eq 2
check "unknown cadre: named" grep -q "没有干部 NOPE" "$TMP/err"
check "unknown cadre: no file" test ! -e "$TMP/x.pdf" -a ! -e "$TMP/x.pdf.tmp"
check_status 2 "no code" "$KAOHE" report cadre "$g" -o "$TMP/x.pdf" 2>/dev/null
finish
