#!/bin/bash
# t0542 — `kaohe sample --xlsx` (issue 10 item 5): the workbook an office
# fills in.  The Beijing sample as a workbook evaluates to the folder's
# results byte for byte and is written deterministically; the scheme alone
# (--scheme-only) is a template: a guide sheet and every input sheet of
# FORMATS.md, empty ones with their header, code columns formatted as text;
# filled in by another program (openpyxl), codes typed there stay text and
# a mistake is named by its cell.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3   # Debian's python3-openpyxl
$PY -c 'import openpyxl' 2>/dev/null || { fail "python3-openpyxl is missing (scripts/install-deps.sh)"; finish; exit 1; }

check_status 0 "sample -o DIR --xlsx FILE" \
  "$KAOHE" sample --preset beijing --seed 3 -o "$TMP/dir" --xlsx "$TMP/bj.xlsx"
"$KAOHE" eval "$TMP/dir" -o "$TMP/r-dir" -q
check_status 0 "eval of the sample workbook" "$KAOHE" eval "$TMP/bj.xlsx" -o "$TMP/r-xlsx" -q
check "the workbook gives the folder's results byte for byte" diff -r "$TMP/r-dir" "$TMP/r-xlsx"
check_status 0 "--xlsx alone (no folder)" "$KAOHE" sample --preset beijing --seed 3 --xlsx "$TMP/again.xlsx"
check "same seed, same workbook bytes" cmp -s "$TMP/bj.xlsx" "$TMP/again.xlsx"
"$KAOHE" sample --preset beijing --seed 4 --xlsx "$TMP/other.xlsx" >/dev/null
check "another seed, another workbook" sh -c "! cmp -s '$TMP/bj.xlsx' '$TMP/other.xlsx'"
check_status 2 "neither -o nor --xlsx is a usage error" "$KAOHE" sample --preset beijing
check "no temporary folder is left behind" sh -c "! ls -d ${TMPDIR:-/tmp}/kaohe-sample.* 2>/dev/null | grep -q ."

check_status 0 "the template" "$KAOHE" sample --scheme-only --xlsx "$TMP/tpl.xlsx"
check_status 0 "the template validates as it is" "$KAOHE" validate "$TMP/tpl.xlsx"
out=$($PY - "$TMP/tpl.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(";".join(wb.sheetnames))
g = wb[wb.sheetnames[0]]
print(sum(1 for r in g.iter_rows(values_only=True) if r[0] in wb.sheetnames))
u = wb["units"]
print(",".join(c.value for c in u[1]), u.max_row, u.column_dimensions["A"].number_format, u.freeze_panes)
print(wb["values"].column_dimensions["D"].number_format, wb["indicators"].max_row > 10)
PY
)
sheets="填表说明;cycle;categories;units;indicators;scales;rater_groups;raters;targets;values;ratings;survey_items;responses;positions;cadres;adjustments"
check "the guide first, then every input sheet in FORMATS.md order" test "$(sed -n 1p <<<"$out")" = "$sheets"
check "the guide describes each of the 15 input sheets" test "$(sed -n 2p <<<"$out")" = 15
check "units: header only, code column as text, header frozen" \
  test "$(sed -n 3p <<<"$out")" = "code,name,district,category,zone,kind 1 @ A2"
check "values: the number column stays General; the scheme is filled" test "$(sed -n 4p <<<"$out")" = "General True"

# an office fills it in with another program: codes typed as text stay text
$PY - "$TMP/tpl.xlsx" "$TMP/filled.xlsx" "$TMP/typo.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
cat = wb["categories"].cell(row=2, column=1).value
leaf = next(r[0] for r in wb["indicators"].iter_rows(min_row=2, values_only=True) if r[3] == "quant")
u = wb["units"]
u.append(["001", "甲镇", "某区", cat, None, "镇"])
u.append(["002", "乙乡", "某区", cat, None, "乡"])
wb.save(sys.argv[2])
v = wb["values"]
v.append(["001", leaf, "Y", "十二", None])
wb.save(sys.argv[3])
PY
# units without their targets yet: the reader's next demand names the unit by its text code "001"
"$KAOHE" --lang en validate "$TMP/filled.xlsx" 2>"$TMP/filled.err" >/dev/null
check "the filled-in units are read; the next step (targets) is asked for unit 001" \
  grep -q 'missing approved target for unit 001, indicator' "$TMP/filled.err"
check "… and for 002" grep -q 'unit 002,' "$TMP/filled.err"
check "… never as the number 1" sh -c "! grep -q 'unit 1,' '$TMP/filled.err'"
check_status 2 "a value that is not a number" "$KAOHE" validate "$TMP/typo.xlsx"
"$KAOHE" --lang en validate "$TMP/typo.xlsx" 2>"$TMP/typo.err" >/dev/null
check "… is named by its sheet and cell" grep -q 'values!D2' "$TMP/typo.err"
finish
