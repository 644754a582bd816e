#!/usr/bin/env bash
# The printable reports on the web (pages-reports.c): the district summary, a unit's report card and
# feedback report, a cadre's form and a unit's agreement, downloaded as PDFs. Each is the PDF `kaohe
# report` makes from the same stored cycle (same text, page for page, in pdftotext); the store decides
# who may (results.read: admin and viewer; agreement.print: a unit only its own); an unknown unit or
# cadre is a 404 naming it; a cycle whose data changed after compute is refused, never printed; the
# results and agreement pages link the PDFs for those who may read them.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
w03_db "$DB"
kh() { KAOHE_PASSWORD=password-1 "$KAOHE" "$@" --db "$DB"; }
KAOHE_NEW_PASSWORD=password-1 kh user add vie --role viewer >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user add t1 --role unit --unit T1 >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
kh import "$KH_SRC/tests/golden/07-cadres/bundle" --cycle G07 --user admin >/dev/null
kh compute W03 --user admin >/dev/null
kh compute G07 --user admin >/dev/null
serve_start "$DB"
for u in admin vie t1; do signin $u password-1 >/dev/null; done

pdf() {   # pdf USER PATH OUT: prints the status; the headers in $TMP/h
    curl -s -D "$TMP/h" -o "$3" -w '%{http_code}' -b "$(jar "$1")" "$BASE$2"
}
same_text() {   # same_text WEB.pdf CLI.pdf: the same text on the same pages
    pdftotext -layout "$1" "$TMP/a.txt" && pdftotext -layout "$2" "$TMP/b.txt" && diff -q "$TMP/a.txt" "$TMP/b.txt" >/dev/null &&
      test "$(pdfinfo "$1" | grep Pages)" = "$(pdfinfo "$2" | grep Pages)"
}

st=$(pdf admin /cycles/W03/reports/district.pdf "$TMP/district.pdf")
check "district summary → 200 (got $st)" test "$st" = 200
check "… a PDF" grep -qi '^content-type: application/pdf' "$TMP/h"
check "… an attachment named after the cycle" grep -qi '^content-disposition: attachment; filename="W03-district.pdf"' "$TMP/h"
kh report district W03 -o "$TMP/district-cli.pdf" --lang zh --user admin 2>/dev/null
check "… the same report as kaohe report district" same_text "$TMP/district.pdf" "$TMP/district-cli.pdf"
check "… with every unit's name" sh -c "pdftotext '$TMP/district.pdf' - | grep -q T1"
check "… and Noto Sans CJK SC embedded" sh -c "pdffonts '$TMP/district.pdf' | grep -q 'NotoSansCJK'"

for kind in unit feedback; do
  st=$(pdf admin /cycles/W03/reports/$kind/T2 "$TMP/$kind.pdf")
  check "$kind report of T2 → 200 (got $st)" test "$st" = 200
  check "… named W03-$kind-T2.pdf" grep -qi "^content-disposition: attachment; filename=\"W03-$kind-T2.pdf\"" "$TMP/h"
  kh report $kind W03 T2 -o "$TMP/$kind-cli.pdf" --lang zh --user admin 2>/dev/null
  check "… the same report as kaohe report $kind" same_text "$TMP/$kind.pdf" "$TMP/$kind-cli.pdf"
done
st=$(pdf vie /cycles/G07/reports/cadre/C2 "$TMP/cadre.pdf")
check "a viewer gets a cadre's form → 200 (got $st)" test "$st" = 200
kh report cadre G07 C2 -o "$TMP/cadre-cli.pdf" --lang zh --user admin 2>/dev/null
check "… the same form as kaohe report cadre" same_text "$TMP/cadre.pdf" "$TMP/cadre-cli.pdf"
check "… naming the cadre" sh -c "pdftotext '$TMP/cadre.pdf' - | grep -q 张二"

st=$(pdf admin /cycles/W03/reports/unit/NOPE "$TMP/x")
check "an unknown unit → 404 (got $st)" test "$st" = 404
check "… naming it" grep -q NOPE "$TMP/x"
check "an unknown cadre → 404" test "$(pdf admin /cycles/G07/reports/cadre/C99 "$TMP/x")" = 404
check "a unit user may not print the district summary" test "$(status t1 GET /cycles/W03/reports/district.pdf)" = 403
check "… nor its own report card (results.read)" test "$(status t1 GET /cycles/W03/reports/unit/T1)" = 403
check "anonymous → sign in" sh -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' '$BASE/cycles/W03/reports/district.pdf')\" != 200"

st=$(pdf t1 /cycles/W03/reports/agreement/T1 "$TMP/agreement.pdf")
check "a unit prints its own agreement → 200 (got $st)" test "$st" = 200
check "… a PDF with its name" sh -c "pdftotext '$TMP/agreement.pdf' - | grep -q 绩效协议书"
check "… but not another unit's" test "$(status t1 GET /cycles/W03/reports/agreement/T2)" = 403

# the pages link them
check "the results overview links the district summary" \
  sh -c "curl -s -b '$(jar admin)' '$BASE/cycles/W03/results' | grep -q 'href=\"/cycles/W03/reports/district.pdf\"'"
check "a unit's card links its report card and feedback" \
  sh -c "curl -s -b '$(jar vie)' '$BASE/cycles/W03/results?unit=T2' | grep -q 'href=\"/cycles/W03/reports/feedback/T2\"'"
check "the cadre table links each form" \
  sh -c "curl -s -b '$(jar admin)' '$BASE/cycles/G07/results?unit=T1' | grep -q 'href=\"/cycles/G07/reports/cadre/C2\"'"
check "the agreement page links the unit's own agreement only" \
  sh -c "p=\$(curl -s -b '$(jar t1)' '$BASE/cycles/W03/targets'); echo \"\$p\" | grep -q 'reports/agreement/T1' && ! echo \"\$p\" | grep -q 'reports/agreement/T2'"

# data changed after compute: refused, not printed with numbers nobody computed
sqlite3 "$DB" "UPDATE indicator_values SET value = value || '1' WHERE cycle_id = (SELECT id FROM cycles WHERE code='W03') AND period = 'Y' AND ord = (SELECT MIN(ord) FROM indicator_values WHERE cycle_id = (SELECT id FROM cycles WHERE code='W03') AND period = 'Y')"
st=$(pdf admin /cycles/W03/reports/district.pdf "$TMP/x")
check "a stale cycle → refused (got $st)" sh -c "test $st -ge 400"
check "… saying it must be computed again" grep -q 'compute' "$TMP/x"
check "no temporary folder is left behind" sh -c "! ls -d ${TMPDIR:-/tmp}/kaohe-web.* 2>/dev/null | grep -q ."
serve_stop
finish
