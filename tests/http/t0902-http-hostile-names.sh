#!/usr/bin/env bash
# Hostile names — HTML, both quotes, an RTL override, a very long name — in units, cadres,
# indicators, categories and the cycle itself are shown escaped on every page that shows them: the raw
# markup never reaches a page, its escaped form does, and no page breaks (every GET route of the
# table answers without a server error for the admin and, after publication, for the unit).
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
G=$TMP/bundle
cp -r "$KH_SRC/tests/golden/07-cadres/bundle" "$G"
X='<script>alert(1)</script>'
Q='"><img src=x onerror=alert(2)>'
RTL=$'\u202e'"evil"
LONG=$(printf '长%.0s' $(seq 600))
python3 - "$G" "$X" "$Q" "$RTL" "$LONG" <<'PY'
import csv, sys, os
g, x, q, rtl, long_ = sys.argv[1:]
def edit(name, fn):
    p = os.path.join(g, name)
    rows = list(csv.reader(open(p, encoding='utf-8')))
    for r in rows[1:]:
        fn(rows[0], r)
    w = csv.writer(open(p, 'w', encoding='utf-8', newline=''), lineterminator='\n')
    w.writerows(rows)
def units(h, r):
    i = h.index('name')
    if r[0] == 'T1': r[i] = x + '甲镇'
    if r[0] == 'T2': r[i] = q + rtl
def cadres(h, r):
    if r[0] == 'C1': r[h.index('name')] = x + "张'一"
    if r[0] == 'C2': r[h.index('name')] = long_
def inds(h, r):
    if r[0] == 'A1.01': r[h.index('name')] = x + '经济'
def cats(h, r):
    r[h.index('name')] = q
def cyc(h, r):
    if r[0] == 'name': r[1] = x + '年度考核'
rows = list(csv.reader(open(os.path.join(g, 'cycle.csv'), encoding='utf-8')))
if not any(r and r[0] == 'name' for r in rows): rows.append(['name', 'x'])
csv.writer(open(os.path.join(g, 'cycle.csv'), 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows)
edit('cycle.csv', cyc)
edit('units.csv', units); edit('cadres.csv', cadres); edit('indicators.csv', inds); edit('categories.csv', cats)
PY
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
kh init >/dev/null
kh import "$G" --cycle H07 >/dev/null || { fail "import of the hostile bundle"; finish; exit 1; }
KAOHE_NEW_PASSWORD=password-1 kh user add t1 --role unit --unit T1 >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
kh() { KAOHE_PASSWORD=password-1 "$KAOHE" --lang en "$@" --db "$DB"; }
code=$(sqlite3 "$DB" "SELECT code FROM cycles LIMIT 1")
kh compute "$code" --user admin >/dev/null
for _ in 1 2 3 4 5; do kh cycle advance "$code" --user admin >/dev/null; done
check "the cycle is in publicity" test "$(sqlite3 "$DB" "SELECT state FROM cycles")" = publicity
serve_start "$DB"
check "admin signs in" test "$(signin admin password-1)" = 303
check "unit signs in" test "$(signin t1 password-1)" = 303

pages=$("$KAOHE" serve --routes | awk -F'\t' '$1 == "GET" && $2 !~ /^\/(api|assets|lang|login)/ {print $2}')
pages="$pages /cycles/:cycle/results?unit=T1 /cycles/:cycle/results?unit=T2 /cycles/:cycle/values?period=Q1"
for who in admin t1; do
    for p in $pages; do
        path=$(sed -e "s/:cycle/$code/; s/:file/results_units.csv/" <<<"$p")
        st=$(curl -s -o "$TMP/page" -w '%{http_code}' -b "$(jar "$who")" "$BASE$path")
        [ "$st" -lt 500 ] || fail "$who GET $path: $st"
        # downloads (CSV, zip) carry the data as it is; they are attachments, never rendered
        if [[ $path != */results/* && $path != *.zip ]]; then
            grep -qF "$X" "$TMP/page" && fail "$who GET $path: raw <script> on the page"
            grep -qF '<img src=x' "$TMP/page" && fail "$who GET $path: raw <img> on the page"
        fi
        cp "$TMP/page" "$TMP/page-$who-$(tr '/?=' '___' <<<"$path").html"
    done
done
f() { echo "$TMP/page-admin-$1.html"; }
check "results show the unit name escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;甲镇' "$(f _cycles_${code}_results)"
check "results show the category name escaped" grep -qF '&quot;&gt;&lt;img src=x onerror=alert(2)&gt;' "$(f _cycles_${code}_results)"
check "the unit card shows the indicator name escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;经济' "$(f _cycles_${code}_results_unit_T1)"
check "the unit card shows the cadre's quote escaped" grep -qF '张&#39;一' "$(f _cycles_${code}_results_unit_T1)"
check "the long name is shown whole" grep -qF "$LONG" "$(f _cycles_${code}_results_unit_T1)"
check "the RTL override is kept as text inside its cell" grep -qF "$RTL" "$(f _cycles_${code}_results)"
check "the cycle's name is escaped in the cycle bar" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;年度考核' "$(f _cycles_${code})"
check "the values grid escapes names" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;甲镇' "$(f _cycles_${code}_values)"
check "the chart data attribute is escaped" grep -qE 'data-chart="[^"<>]*&lt;script&gt;' "$(f _cycles_${code}_results)"
# the CSV download is an attachment (never rendered as HTML) with nosniff
curl -s -D "$TMP/h" -o /dev/null -b "$(jar admin)" "$BASE/cycles/$code/results/results_units.csv"
check "CSV downloads are attachments" grep -qi '^content-disposition: attachment' "$TMP/h"
check "… served as text/csv" grep -qi '^content-type: text/csv' "$TMP/h"
serve_stop
finish
