#!/usr/bin/env bash
# kaohe report feedback (反馈报告, SPEC §9.6) and results_strengths.csv
# (strengths.h).  Bundle mode on golden 03: one gap recomputed by hand with
# awk from results_nodes.csv (w × (score − mean of the type)); the leaves of
# every unit's strengths and weaknesses in the PDF are those of
# results_strengths.csv, in order; "no previous cycle".  Stored mode: W04
# follows W03 (cycles.previous), the trend names W03's composite, and the
# rectification items recorded for W04 are listed with their state.
# An unknown unit exits 2 and leaves no file.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1717200000   # 2024-06-01
G0=$KH_SRC/tests/golden/03-transforms-target-tracking/bundle
"$KAOHE" eval "$G0" -o "$TMP/out" --quiet
S=$TMP/out/results_strengths.csv
check "results_strengths.csv header" test "$(head -1 "$S")" = "unit,kind,rank,leaf,gap,score,type_mean,weight_global"
# hand check: T1's first strength, gap = w × (s − mean over the units of T1's category)
row=$(awk -F, '$1=="T1" && $2=="strength" && $3==1' "$S")
leaf=$(echo "$row" | cut -d, -f4)
want=$(awk -F, -v leaf="$leaf" '
  FNR==1 {next}
  FILENAME ~ /units.csv$/ {cat[$1]=$2; next}
  $2==leaf && $4!="" {s[$1]=$4; w[$1]=$5}
  END {c=cat["T1"]; for (u in s) if (cat[u]==c) {sum+=s[u]; n++}; printf "%.9f", w["T1"]*(s["T1"]-sum/n)}' \
  "$TMP/out/results_units.csv" "$TMP/out/results_nodes.csv")
got=$(printf '%.9f' "$(echo "$row" | cut -d, -f5)")
check "hand-computed gap of T1/$leaf ($want)" test "$got" = "$want"
check "gaps: strengths > 0, weaknesses < 0" awk -F, 'NR>1 && (($2=="strength" && $5<=0) || ($2=="weakness" && $5>=0)) {bad=1} END {exit bad}' "$S"

check "feedback PDF (combined, --all)" "$KAOHE" report feedback "$G0" --all -o "$TMP/f.pdf"
n=$(($(wc -l <"$G0/units.csv") - 1))
check "one bookmark per unit" test "$(grep -a -c '/Dest' "$TMP/f.pdf")" -eq "$n"
check "Noto Sans CJK SC embedded" bash -c "pdffonts '$TMP/f.pdf' | grep -E 'NotoSansCJKsc-(Regular|Bold)' | grep -q ' yes yes '"
check "leaves as in results_strengths.csv" python3 - "$TMP/f.pdf" "$S" "$G0" <<'PY'
import csv, subprocess, sys
pdf, s, g = sys.argv[1:]
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
rows = list(csv.DictReader(open(s)))
units = [r["code"] for r in csv.DictReader(open(g + "/units.csv", encoding="utf-8-sig"))]
pages = text.split("\f")
for u in units:
    page = next(p for p in pages if ("单位：%s " % u) in p)
    for kind, title in (("strength", "优势指标"), ("weakness", "短板指标")):
        want = [r["leaf"] for r in rows if r["unit"] == u and r["kind"] == kind]
        part = page.split(title)[1].split("指标\n" if kind == "strength" else "二、")[0]
        got = [l.split()[1] for l in part.splitlines() if l.split() and l.split()[0].isdigit()]
        assert got == want, (u, kind, got, want)
PY
check "bundle mode: no previous cycle" bash -c "pdftotext '$TMP/f.pdf' - | grep -q 'no previous cycle'"

"$KAOHE" report feedback "$G0" T1 NOPE -o "$TMP/x.pdf" 2>"$TMP/err"; st=$?
check "unknown unit: exit 2" test "$st" -eq 2
check "unknown unit: no file" test ! -e "$TMP/x.pdf" -a ! -e "$TMP/x.pdf.tmp"

# stored: W03 final with a composite, W04 its successor with rectification items
DB=$TMP/k.db
k() { "$KAOHE" --lang en "$@" --db "$DB"; }
cp -r "$G0" "$TMP/w03" && cp -r "$G0" "$TMP/w04"
printf 'key,value\ncode,W04\nname,2025年度乡镇考核\nprevious,W03\n' >"$TMP/w04/cycle.csv"
k init >/dev/null
# to evaluation, compute, on to final (rectification items need a final cycle)
to_final() { for i in 1 2 3; do k cycle advance "$1" >/dev/null; done; k compute "$1" >/dev/null
             for i in 1 2 3; do k cycle advance "$1" >/dev/null; done; }
k import "$TMP/w03" >/dev/null && to_final W03
k import "$TMP/w04" >/dev/null && to_final W04
k rectify add W04 T1 '安全生产台账不全' --leaf A1.03 >/dev/null
k rectify add W04 T1 '已整改的问题' >/dev/null
k rectify close 2 --note '已建立制度' >/dev/null
check "stored results_strengths.csv = eval's" bash -c "'$KAOHE' --db '$DB' results W04 strengths | cmp -s - '$S'"
check "stored feedback PDF" "$KAOHE" --db "$DB" report feedback W04 T1 -o "$TMP/s.pdf"
pdftotext "$TMP/s.pdf" - | tr -d ' \n' >"$TMP/s.txt"
prev=$(k results W03 units | python3 -c '
import csv, math, sys
r = next(r for r in csv.DictReader(sys.stdin) if r["unit"] == "T1")
print("%.2f" % (math.floor(100 * float(r["composite"]) + 0.5 + 1e-9) / 100))')
check "trend names W03 and its composite ($prev)" grep -q "上期W03：综合得分${prev}" "$TMP/s.txt"
check "open rectification item listed" grep -q "安全生产台账不全" "$TMP/s.txt"
check "open item state" grep -q "未完成" "$TMP/s.txt"
check "closed item with its note" grep -q "已完成：已建立制度" "$TMP/s.txt"
finish
