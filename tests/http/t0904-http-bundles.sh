#!/usr/bin/env bash
# Bundles through the browser's way: a cycle downloaded as one zip (the bundle and its stored results,
# as `kaohe export` writes them) and a zip uploaded as a new cycle (multipart/form-data, as a file input
# sends it) — all or nothing: a bundle with an error stores nothing and the page names file, line and
# column; a zip with anything but flat .csv files (a path outside the folder, another kind of file) is
# refused; a zip of one top folder is accepted; a non-admin may do neither.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
w03_db "$DB"
kh() { KAOHE_PASSWORD=password-1 "$KAOHE" --lang en "$@" --db "$DB"; }
KAOHE_NEW_PASSWORD=password-1 kh user add vie --role viewer >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user add t1 --role unit --unit T1 >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
kh compute W03 --user admin >/dev/null
serve_start "$DB"
check "admin signs in" test "$(signin admin password-1)" = 303
check "unit signs in" test "$(signin t1 password-1)" = 303
check "viewer signs in" test "$(signin vie password-1)" = 303
cycles() { sqlite3 "$DB" "SELECT COUNT(*) FROM cycles"; }

# export
st=$(curl -s -D "$TMP/h" -o "$TMP/w03.zip" -w '%{http_code}' -b "$(jar admin)" "$BASE/cycles/W03/export.zip")
check "export → 200" test "$st" = 200
check "… an attachment named after the cycle" grep -qi '^content-disposition: attachment; filename="kaohe-W03.zip"' "$TMP/h"
mkdir "$TMP/x" && (cd "$TMP/x" && unzip -q "$TMP/w03.zip")
kh export W03 "$TMP/cli" --user admin >/dev/null
check "the zip holds exactly what kaohe export writes" diff -r "$TMP/x" "$TMP/cli"
check "… including the results" test -s "$TMP/x/results_units.csv"
check "a viewer may export" test "$(status vie GET /cycles/W03/export.zip)" = 200
check "a unit may not" test "$(status t1 GET /cycles/W03/export.zip)" = 403

upload() {   # upload USER ZIP [field=value…]: prints the status; the page in $TMP/page
    local u=$1 z=$2; shift 2
    local args=() f
    for f in "$@"; do args+=(-F "$f"); done
    curl -s -o "$TMP/page" -D "$TMP/h" -w '%{http_code}' -b "$(jar "$u")" -F "csrf=$(csrf "$u")" \
        -F "bundle=@$z;type=application/zip" "${args[@]}" "$BASE/import"
}
# import the exported bundle under a new code (its cycle.csv names W03, so rewrite it first)
mkdir "$TMP/new" && cp "$TMP/x"/*.csv "$TMP/new/" && rm "$TMP/new"/results_*.csv "$TMP/new/warnings.csv"
sed -i 's/^code,W03$/code,W04/' "$TMP/new/cycle.csv"
grep -q '^code,W04' "$TMP/new/cycle.csv" || echo "code,W04" >>"$TMP/new/cycle.csv"
(cd "$TMP/new" && zip -q "$TMP/w04.zip" ./*.csv)
n0=$(cycles)
check "a unit may not import" test "$(upload t1 "$TMP/w04.zip")" = 403
check "nothing imported by the refused upload" test "$(cycles)" = "$n0"
st=$(upload admin "$TMP/w04.zip")
check "import → 303 (got $st)" test "$st" = 303
check "… to the new cycle's page" grep -qi '^location: /cycles/W04' "$TMP/h"
check "the cycle exists, in setup" test "$(sqlite3 "$DB" "SELECT state FROM cycles WHERE code='W04'")" = setup
check "with the same units" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM units u JOIN cycles c ON c.id=u.cycle_id WHERE c.code='W04'")" = 3

# a zip of one top folder, as Windows makes it
mkdir -p "$TMP/top/2025" && cp "$TMP/new"/*.csv "$TMP/top/2025/" && sed -i 's/^code,W04$/code,W05/' "$TMP/top/2025/cycle.csv"
(cd "$TMP/top" && zip -q -r "$TMP/w05.zip" 2025)
check "a zip of one folder imports" test "$(upload admin "$TMP/w05.zip")" = 303

# the results workbook: the very bytes `kaohe export --xlsx` writes (Chinese, the page's default language)
st=$(curl -s -D "$TMP/h" -o "$TMP/w03.xlsx" -w '%{http_code}' -b "$(jar admin)" "$BASE/cycles/W03/export.xlsx")
check "export.xlsx → 200" test "$st" = 200
check "… as a workbook" grep -qi '^content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' "$TMP/h"
check "… an attachment named after the cycle" grep -qi '^content-disposition: attachment; filename="kaohe-W03.xlsx"' "$TMP/h"
KAOHE_PASSWORD=password-1 "$KAOHE" --lang zh export W03 --xlsx "$TMP/cli.xlsx" --db "$DB" --user admin >/dev/null
check "… byte for byte what kaohe export --xlsx writes" cmp -s "$TMP/w03.xlsx" "$TMP/cli.xlsx"
check "a viewer may download it" test "$(status vie GET /cycles/W03/export.xlsx)" = 200
check "a unit may not" test "$(status t1 GET /cycles/W03/export.xlsx)" = 403
check "the cycle page links it" sh -c "curl -s -b '$(jar admin)' '$BASE/cycles/W03' | grep -q 'href=\"/cycles/W03/export.xlsx\"'"

# a workbook uploaded instead of a zip (the name says .xlsx): imported as the same bundle
cp -r "$TMP/new" "$TMP/wb" && sed -i 's/^code,W04$/code,W07/' "$TMP/wb/cycle.csv"
/usr/bin/python3 "$KH_SRC/tests/cli/csv2xlsx.py" excel "$TMP/wb" "$TMP/w07.xlsx"
st=$(upload admin "$TMP/w07.xlsx")
check "a workbook imports → 303 (got $st)" test "$st" = 303
check "… to its cycle's page" grep -qi '^location: /cycles/W07' "$TMP/h"
check "… with the same units" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM units u JOIN cycles c ON c.id=u.cycle_id WHERE c.code='W07'")" = 3

# all or nothing: an error names file, line and column; nothing is stored
cp -r "$TMP/new" "$TMP/bad" && sed -i 's/^code,W04$/code,W06/' "$TMP/bad/cycle.csv"
sed -i '3s/,U,/,NOPE,/' "$TMP/bad/units.csv"
grep -q NOPE "$TMP/bad/units.csv" || fail "the test could not break units.csv"
(cd "$TMP/bad" && zip -q "$TMP/bad.zip" ./*.csv)
n1=$(cycles)
st=$(upload admin "$TMP/bad.zip")
check "a bundle with an error → 422 (got $st)" test "$st" = 422
check "… the page names the file and line" grep -q 'units.csv:3' "$TMP/page"
check "… in Chinese by default" grep -q '未知分类 “NOPE”' "$TMP/page"
check "… and only in Chinese" sh -c "! grep -q 'unknown category' '$TMP/page'"
st=$(curl -s -o "$TMP/page-en" -w '%{http_code}' -H 'Accept-Language: en' -b "$(jar admin)" \
    -F "csrf=$(csrf admin)" -F "bundle=@$TMP/bad.zip;type=application/zip" "$BASE/import")
check "… in English for an English request (got $st)" grep -q 'unknown category “NOPE”' "$TMP/page-en"
check "… and only in English" sh -c "! grep -q '未知分类' '$TMP/page-en'"
check "… nothing was stored" test "$(cycles)" = "$n1"
/usr/bin/python3 "$KH_SRC/tests/cli/csv2xlsx.py" excel "$TMP/bad" "$TMP/bad.xlsx"
st=$(upload admin "$TMP/bad.xlsx")
check "a workbook with an error → 422 (got $st)" test "$st" = 422
check "… the page names the sheet and cell" grep -Eq 'units!D3' "$TMP/page"
check "… nothing was stored" test "$(cycles)" = "$n1"
python3 -c "
import zipfile; z = zipfile.ZipFile('$TMP/evil.zip', 'w'); z.writestr('../evil.csv', 'x'); z.writestr('units.csv', 'code'); z.close()"
st=$(upload admin "$TMP/evil.zip")
check "a path outside the folder → 422 (got $st)" test "$st" = 422
check "… named in the message" grep -q '../evil.csv' "$TMP/page"
check "… and nothing written outside" test ! -e "${TMPDIR:-/tmp}/evil.csv"
python3 -c "
import zipfile; z = zipfile.ZipFile('$TMP/exe.zip', 'w'); z.writestr('units.csv', 'code'); z.writestr('run.sh', 'rm -rf /'); z.close()"
check "a file that is not .csv → 422" test "$(upload admin "$TMP/exe.zip")" = 422
printf 'not a zip' >"$TMP/not.zip"
check "not a zip → 422" test "$(upload admin "$TMP/not.zip")" = 422
check "… saying so" grep -q 'zip' "$TMP/page"
check "no cycle was added by any bad upload" test "$(cycles)" = "$n1"
check "no temporary folder is left behind" sh -c "! ls -d ${TMPDIR:-/tmp}/kaohe-web.* 2>/dev/null | grep -q ."
serve_stop
finish
