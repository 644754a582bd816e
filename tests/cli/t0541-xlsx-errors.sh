#!/bin/bash
# t0541 — a broken workbook is refused with cell places (sheet!CELL: reason)
# and nothing done: every tests/bad case that is not about CSV syntax or
# encodings, written as a workbook, reports its expected defects at the
# right cells; a bad number, an unknown sheet, a missing column, a corrupt
# zip, a file that is not a zip, an XML error, a shared-string index out of
# range and a zip bomb are ordinary errors naming the place; importing a bad
# workbook leaves the database unchanged.
. "$(dirname "$0")/lib.sh"
CONV="$KH_SRC/tests/cli/csv2xlsx.py"
EXPECT="$KH_SRC/tests/cli/xlsx-expect.py"
K() { "$KAOHE" --lang zh "$@"; }

# tests/bad as workbooks (cases as data: a new one needs no change here)
for case in "$KH_SRC"/tests/bad/*/; do
  name=$(basename "$case")
  [ -f "$case/encoding" ] && continue
  grep -qE 'unterminated quote|wrong field count|NUL byte' "$case/expect" && continue   # CSV syntax only
  python3 "$CONV" excel "$case/bundle" "$TMP/$name.xlsx"
  check_status 2 "$name: validate refuses the workbook" K validate "$TMP/$name.xlsx" >"$TMP/$name.out" 2>&1
  while IFS= read -r want; do
    check "$name: output has “$want”" grep -qF -- "$want" "$TMP/$name.out"
  done < <(python3 "$EXPECT" "$case/bundle" "$case/expect")
done

g="$KH_SRC/tests/golden/01-quant-aggregation/bundle"
# a bad number at a known cell: values.csv line 3, column `value` (D)
cp -r "$g" "$TMP/b1"
awk -F, 'BEGIN{OFS=","} NR==3{$4="12,5x"} {print}' "$g/values.csv" >"$TMP/b1/values.csv"
sed -i 's/12,5x/"12,5x"/' "$TMP/b1/values.csv"
python3 "$CONV" excel "$TMP/b1" "$TMP/num.xlsx"
check_status 2 "bad number: validate exit 2" K validate "$TMP/num.xlsx" >"$TMP/num.out" 2>&1
check "bad number placed at values!D3" grep -q '^values!D3: 不是数字 “12,5x”' "$TMP/num.out"
python3 "$CONV" inline "$TMP/b1" "$TMP/num2.xlsx"
K validate "$TMP/num2.xlsx" >"$TMP/num2.out" 2>&1
check "bad number in the Chinese-named sheet placed at 数据!D3" grep -q '^数据!D3: 不是数字' "$TMP/num2.out"

# a missing required column: units without `category`
cp -r "$g" "$TMP/b2"
cut -d, -f1-3 "$g/units.csv" >"$TMP/b2/units.csv"
python3 "$CONV" inline "$TMP/b2" "$TMP/col.xlsx"
K validate "$TMP/col.xlsx" >"$TMP/col.out" 2>&1
check "missing column placed at the header row of 单位" grep -q '^单位!1:1: 缺少必需列 category' "$TMP/col.out"

# rewrite one part of a workbook: edit IN OUT PART (stdin: the new content)
edit() {
  cat >"$TMP/part"
  python3 - "$@" "$TMP/part" <<'PY'
import sys, zipfile
src, dst, part, new = sys.argv[1:5]
data = open(new, "rb").read()
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for e in zi.infolist():
        zo.writestr(e.filename, data if e.filename == part else zi.read(e.filename))
    if part not in zi.namelist():
        zo.writestr(part, data)
PY
}
python3 "$CONV" excel "$g" "$TMP/ok.xlsx"
check_status 0 "the unedited workbook is valid" K validate "$TMP/ok.xlsx" >/dev/null 2>&1

# an unknown sheet: one more sheet named by a typo
python3 - "$TMP/ok.xlsx" "$TMP/sheet.xlsx" <<'PY'
import sys, zipfile
src, dst = sys.argv[1:3]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w") as zo:
    for e in zi.infolist():
        d = zi.read(e.filename)
        if e.filename == "xl/workbook.xml":
            d = d.replace(b'name="values"', b'name="vaules"')
        zo.writestr(e.filename, d)
PY
check_status 2 "unknown sheet refused" K validate "$TMP/sheet.xlsx" >"$TMP/sheet.out" 2>&1
check "unknown sheet named" grep -q '^vaules: 未知工作表' "$TMP/sheet.out"

# XML error: a sheet that is not well-formed, reported with part and line
printf '<?xml version="1.0"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n<sheetData><row r="1"><c r="A1"></row>\n' |
  edit "$TMP/ok.xlsx" "$TMP/xml.xlsx" xl/worksheets/s2.xml
check_status 2 "XML error refused" K validate "$TMP/xml.xlsx" >"$TMP/xml.out" 2>&1
check "XML error names the workbook, the part and the line" \
  grep -q "xml.xlsx: xl/worksheets/s2.xml 第 3 行：XML 错误" "$TMP/xml.out"

# a shared-string index far past the strings
printf '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>99999999999999</v></c></row></sheetData></worksheet>' |
  edit "$TMP/ok.xlsx" "$TMP/sst.xlsx" xl/worksheets/s1.xml
check_status 2 "huge shared-string index refused" K validate "$TMP/sst.xlsx" >"$TMP/sst.out" 2>&1
check "shared-string index placed at its cell" grep -q '^categories!B1: 共享字符串序号 “99999999999999” 超出范围' "$TMP/sst.out"

# a zip bomb: a 300 MB part that deflates to a few hundred KB
python3 - "$TMP/ok.xlsx" "$TMP/bomb.xlsx" <<'PY'
import sys, zipfile
src, dst = sys.argv[1:3]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for e in zi.infolist():
        d = zi.read(e.filename)
        if e.filename == "xl/worksheets/s0.xml":
            d = d.replace(b"<sheetData>", b"<sheetData>" + b" " * (300 << 20))
        zo.writestr(e.filename, d)
PY
check_status 2 "zip bomb refused" K validate "$TMP/bomb.xlsx" >"$TMP/bomb.out" 2>&1
check "zip bomb: part named with the cap" grep -q 'bomb.xlsx: 部件 xl/worksheets/s0.xml 解压后超过 268435456 字节' "$TMP/bomb.out"

# a corrupt zip and a file that is not a zip
head -c 700 "$TMP/ok.xlsx" >"$TMP/cut.xlsx"
check_status 2 "truncated zip refused" K validate "$TMP/cut.xlsx" >"$TMP/cut.out" 2>&1
check "truncated zip: the file is named" grep -q "cut.xlsx: 不是 xlsx 工作簿" "$TMP/cut.out"
cp "$g/units.csv" "$TMP/text.xlsx"
check_status 2 "non-zip refused" K validate "$TMP/text.xlsx" >"$TMP/text.out" 2>&1
check "non-zip: the file is named" grep -q "text.xlsx: 不是 xlsx 工作簿" "$TMP/text.out"

# import: a bad workbook changes nothing, the good one imports
DB="$TMP/k.db"
K init --db "$DB" >/dev/null 2>&1
dump() { sqlite3 "$DB" .dump | grep -v '^INSERT INTO \(sessions\|audit\)' | md5sum; }
before=$(dump)
check_status 2 "import of a bad workbook fails" K import "$TMP/num.xlsx" --db "$DB" >/dev/null 2>&1
check "the database is unchanged after a refused import" [ "$(dump)" = "$before" ]
check_status 0 "import of the good workbook" K import "$TMP/ok.xlsx" --db "$DB" >/dev/null 2>&1
check "the good import changed the database" [ "$(dump)" != "$before" ]
finish
