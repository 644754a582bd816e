#!/usr/bin/env bash
# kaohe export CYCLE --xlsx: the results workbook read back with openpyxl (tests/cli/xlsx_check.py)
# equals the CSV export cell by cell, with Chinese (or English) sheet names and headers, formats,
# frozen headers and charts, on every golden case that computes; two exports are byte-identical; a
# cycle never computed, and an unwritable path, are refused with nothing left behind; and the checker
# itself fails on a workbook that differs; the workbook, read back as a bundle, evaluates to the same
# result files byte for byte.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3   # Debian's python3-openpyxl; a python3 earlier on PATH may lack it
$PY -c 'import openpyxl' 2>/dev/null || { fail "python3-openpyxl is missing (scripts/install-deps.sh)"; finish; exit 1; }
db=$TMP/k.db
"$KAOHE" --db "$db" init >/dev/null
n=0
for g in "$KH_SRC"/tests/golden/*/bundle; do
    c=G$n; n=$((n + 1))
    "$KAOHE" --db "$db" import "$g" --cycle "$c" >/dev/null 2>&1 || continue
    "$KAOHE" --db "$db" compute "$c" >/dev/null 2>&1 || continue
    name=$(basename "$(dirname "$g")")
    "$KAOHE" --db "$db" export "$c" "$TMP/$c" --xlsx "$TMP/$c.xlsx" >/dev/null
    check "$name: the workbook equals the export (zh)" $PY "$KH_SRC/tests/cli/xlsx_check.py" "$TMP/$c.xlsx" "$TMP/$c"
done
check "at least five golden cases exported" test "$(ls "$TMP"/G*.xlsx | wc -l)" -ge 5
g=$KH_SRC/tests/golden/05-ranking-quota-veto/bundle
"$KAOHE" --db "$db" import "$g" --cycle R5 >/dev/null
"$KAOHE" --db "$db" compute R5 >/dev/null
"$KAOHE" --db "$db" export R5 "$TMP/R5" --xlsx "$TMP/R5.xlsx" >/dev/null
"$KAOHE" --db "$db" --lang en export R5 --xlsx "$TMP/en.xlsx" >/dev/null
check "English sheet names and headers" $PY "$KH_SRC/tests/cli/xlsx_check.py" "$TMP/en.xlsx" "$TMP/R5" --lang en
sleep 1
"$KAOHE" --db "$db" export R5 --xlsx "$TMP/again.xlsx" >/dev/null
check "two exports are byte-identical" cmp -s "$TMP/R5.xlsx" "$TMP/again.xlsx"
check "the charts are native Excel charts" sh -c "unzip -l '$TMP/R5.xlsx' | grep -q 'xl/charts/chart1.xml'"

# round trip: the exported workbook is a bundle again, with the same results (zh and en sheet names)
for w in R5 en; do
    "$KAOHE" eval "$TMP/$w.xlsx" -o "$TMP/rt-$w" >/dev/null 2>"$TMP/rt.err"
    check "round trip ($w): the workbook evaluates" test -s "$TMP/rt-$w/results_units.csv"
    ok_files=1
    for f in "$TMP"/R5/results_*.csv "$TMP"/R5/warnings.csv; do
        [ -e "$f" ] || continue
        cmp -s "$f" "$TMP/rt-$w/$(basename "$f")" || { ok_files=0; echo "differs: $w $(basename "$f")" >&2; }
    done
    check "round trip ($w): every result file byte-identical to the stored one" test "$ok_files" = 1
done

# the checker can fail: one result cell changed in the workbook
$PY - "$TMP/R5.xlsx" "$TMP/bad.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[1]
for row in ws.iter_rows(min_row=2, max_row=2):
    for cell in row:
        if isinstance(cell.value, (int, float)):
            cell.value = cell.value + 1
            break
wb.save(sys.argv[2])
PY
check "the checker notices a changed cell" sh -c "! $PY '$KH_SRC/tests/cli/xlsx_check.py' '$TMP/bad.xlsx' '$TMP/R5' >/dev/null 2>&1"

# refusals leave nothing
"$KAOHE" --db "$db" import "$g" --cycle NC >/dev/null
"$KAOHE" --db "$db" export NC --xlsx "$TMP/nc.xlsx" 2>"$TMP/err"; st=$?
check "a cycle never computed: refused (exit $st)" test "$st" -ne 0
check "… saying so" grep -q "尚未计算" "$TMP/err"
check "… no file" test ! -e "$TMP/nc.xlsx" -a ! -e "$TMP/nc.xlsx.tmp"
"$KAOHE" --db "$db" export R5 --xlsx "$TMP/no/such/x.xlsx" 2>"$TMP/err"; st=$?
check "an unwritable path: refused (exit $st)" test "$st" -ne 0
check "… naming the file" grep -q "no/such/x.xlsx" "$TMP/err"
check "… nothing left" test ! -e "$TMP/no"
finish
