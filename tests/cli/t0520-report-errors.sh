#!/usr/bin/env bash
# kaohe report refuses clearly and leaves nothing behind: an unknown unit
# code, missing arguments, an invalid bundle.  From a stored cycle (SQLite):
# refused before compute, and after compute the card shows the stored
# composite of `kaohe results`.
. "$(dirname "$0")/lib.sh"
g="$KH_SRC/tests/golden/05-ranking-quota-veto/bundle"
u=$(sed -n 2p "$g/units.csv" | cut -d, -f1)

"$KAOHE" report unit "$g" "$u" NOPE -o "$TMP/x.pdf" 2>"$TMP/err"; st=$?
check "unknown unit: exit 2" test "$st" -eq 2
check "unknown unit: the code is named" grep -q "没有单位 NOPE" "$TMP/err"
check "unknown unit: no file" test ! -e "$TMP/x.pdf" -a ! -e "$TMP/x.pdf.tmp"
"$KAOHE" --lang en report unit "$g" NOPE -o "$TMP/x.pdf" 2>"$TMP/err"
check "unknown unit in English" grep -q "has no unit NOPE" "$TMP/err"
check_status 2 "no -o" "$KAOHE" report unit "$g" "$u" 2>/dev/null
check_status 2 "no code" "$KAOHE" report unit "$g" -o "$TMP/x.pdf" 2>/dev/null
check_status 2 "a cadre form without a code" "$KAOHE" report cadre "$g" -o "$TMP/x.pdf" 2>/dev/null
"$KAOHE" report scorecard "$g" -o "$TMP/x.pdf" 2>"$TMP/err"; st=$?
check "unknown report: exit 2" test "$st" -eq 2
check "… naming the kinds there are" grep -q "feedback" "$TMP/err"
check_status 2 "district takes no code" "$KAOHE" report district "$g" "$u" -o "$TMP/x.pdf" 2>/dev/null
check_status 2 "invalid bundle" "$KAOHE" report district "$KH_SRC/tests/bad/12-tree-cycle" -o "$TMP/x.pdf" 2>/dev/null
check "still no file" test ! -e "$TMP/x.pdf"
check_status 1 "unwritable output" "$KAOHE" report district "$g" -o "$TMP/no/such/dir/x.pdf" 2>/dev/null
check "nothing left in the output folder" test ! -e "$TMP/no"

# a stored cycle
db="$TMP/k.db"
"$KAOHE" --db "$db" init >/dev/null
"$KAOHE" --db "$db" import "$g" --cycle G5 >/dev/null
"$KAOHE" --db "$db" report unit G5 "$u" -o "$TMP/s.pdf" 2>"$TMP/err"; st=$?
check "not computed: refused" test "$st" -ne 0 -a ! -e "$TMP/s.pdf"
check "not computed: says so" grep -q "尚未计算" "$TMP/err"
"$KAOHE" --db "$db" compute G5 >/dev/null
check "stored cycle" "$KAOHE" --db "$db" report unit G5 "$u" -o "$TMP/s.pdf"
check "stored cycle: district" "$KAOHE" --db "$db" report district G5 -o "$TMP/sd.pdf"
want=$("$KAOHE" --db "$db" results G5 units | python3 -c '
import csv, math, sys
r = next(r for r in csv.DictReader(sys.stdin) if r["unit"] == sys.argv[1])
print("%.2f" % (math.floor(100 * float(r["composite"]) + 0.5 + 1e-9) / 100))' "$u")
pdftotext "$TMP/s.pdf" "$TMP/s.txt"
# pdf_has DESC GREP-ARGS... — like check, but a failure shows what was searched
pdf_has() {
  local d=$1; shift
  if grep -q "$@" "$TMP/s.txt"; then ok; else
    fail "$d (grep $* in the card's text; it reads:)"; sed 's/^/    | /' "$TMP/s.txt" >&2
  fi
}
pdf_has "stored composite on the card ($want)" -x -- "$want"
pdf_has "date of computation = computed_at" -- "计算日期：$(date -u +%Y)"
pdf_has "cycle code in the header" -- "考核周期 G5"
check_status 1 "unknown stored cycle" "$KAOHE" --db "$db" report district NOSUCH -o "$TMP/n.pdf" 2>/dev/null
finish
