#!/usr/bin/env bash
# What the results pages add to the ranking and the unit card (issue 8 item 3, results):
# - the rank-stability page (pages-stability.c): one row per unit with p05 ≤ median ≤ p95, the same
#   figures as `kaohe sensitivity` on the exported bundle (and its CSV the same bytes), bad runs,
#   delta or seed a 400 page in the request's language, and a unit user refused (403) — it would
#   show other units' intervals;
# - grade counts against the quota, on golden case 09 (team_top_quota 0.2857142857):
#     U: n = 7, places = floor(0.2857142857·7 + 1e-9) = floor(2.0000000008) = 2; 好 counts 3
#        (T1 = T2 = T3 tie at 95.00) → above its quota, marked;
#     E: n = 1, floor(0.2857142857 + 1e-9) = 0 → at least one place: 1; 好 counts 0;
#     district: n = 8, quota 2 + 1 = 3 (the engine grades per type); 好 3 → not above;
#     the other grades: U 较好 2 (T4, T5), 一般 1 (T6), 差 1 (T7); E 差 1 (T8, no score); district 差 2;
# - tracking on the unit card of golden case 03 (its warnings, as `kaohe track W03` lists them):
#   T1 A1.03 M06 2/3 red, A1.06 Q1 50/40 yellow, Q2 100/95 green; and on the ranking page per
#   period the count of green/yellow/red (unit, leaf) pairs: M06 0/0/1, Q1 0/1/1, Q2 2/0/0, Q3 0/0/1.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
w03_db "$DB"
kh() { KAOHE_PASSWORD=password-1 "$KAOHE" "$@" --db "$DB"; }
KAOHE_NEW_PASSWORD=password-1 kh user add vie --role viewer >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user add t1 --role unit --unit T1 >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
kh import "$KH_SRC/tests/golden/09-rounding-quota/bundle" --cycle W09 --user admin >/dev/null
kh compute W03 --user admin >/dev/null
kh compute W09 --user admin >/dev/null
serve_start "$DB"
for u in admin vie t1; do signin $u password-1 >/dev/null; done

# ---- rank stability ----
check "the ranking page links the stability page" sh -c \
    "curl -s -b '$(jar admin)' '$BASE/cycles/W03/results' | grep -q 'href=\"/cycles/W03/results/stability\"'"
get vie "/cycles/W03/results/stability?runs=200" >"$TMP/st.html"
rows() { grep -o '<td class="num median">[^<]*</td><td class="num p05">[0-9]*</td><td class="num p95">[0-9]*</td>' "$1" |
    sed 's/<[^>]*>/ /g'; }
rows "$TMP/st.html" >"$TMP/st.rows"
check "stability: one row per unit (3, got $(wc -l <"$TMP/st.rows"))" test "$(wc -l <"$TMP/st.rows")" -eq 3
check "… each with p05 ≤ median ≤ p95" awk '{ if (!($2 <= $1 && $1 <= $3)) exit 1 }' "$TMP/st.rows"
check "… and an interval chart per township type" grep -q 'class="chart stability-chart" data-stability=' "$TMP/st.html"
check "… the parameters shown" grep -q '200 次模拟' "$TMP/st.html"
kh export W03 "$TMP/exp" --user admin >/dev/null
"$KAOHE" sensitivity "$TMP/exp" --runs 200 -o "$TMP/sens" >/dev/null
get vie "/cycles/W03/results/stability.csv?runs=200" >"$TMP/st.csv"
check "the CSV is the table kaohe sensitivity writes" cmp -s "$TMP/st.csv" "$TMP/sens/results_stability.csv"
while IFS=, read -r unit _ base med p05 p95 _; do
    [ "$unit" = unit ] && continue
    check "… $unit's row on the page: base $base, median $med, $p05–$p95" \
        grep -q "<td class=\"num\">$base</td><td><a href=\"/cycles/W03/results?unit=$unit\">.*<td class=\"num p05\">$p05</td><td class=\"num p95\">$p95</td>" "$TMP/st.html"
done <"$TMP/sens/results_stability.csv"
check "the default is the CLI's 1000 runs" sh -c "curl -s -b '$(jar admin)' '$BASE/cycles/W03/results/stability' | grep -q '1000 次模拟'"
for bad in 'runs=0' 'runs=abc' 'runs=5001' 'delta=1' 'delta=-0.1' 'seed=-1' 'seed=x'; do
    check "?$bad → 400" test "$(status admin GET "/cycles/W03/results/stability?$bad")" = 400
done
check "… a message naming the parameter, in Chinese" sh -c \
    "curl -s -b '$(jar admin)' '$BASE/cycles/W03/results/stability?runs=0' | grep -q 'runs（模拟次数）须为 1 到 5000 的整数，而不是 0'"
check "… or in English" sh -c \
    "curl -s -b '$(jar admin)' -H 'Accept-Language: en' --cookie 'kh_lang=en' '$BASE/cycles/W03/results/stability?runs=0' | grep -q 'must be an integer from 1 to 5000, not 0'"
check "… the CSV too" test "$(status admin GET "/cycles/W03/results/stability.csv?delta=2")" = 400
check "a unit user may not open the stability page" test "$(status t1 GET /cycles/W03/results/stability)" = 403
check "… nor its CSV" test "$(status t1 GET /cycles/W03/results/stability.csv)" = 403
check "… and is not linked to it" sh -c "! curl -s -b '$(jar t1)' '$BASE/cycles/W03/results' | grep -q 'results/stability'"

# ---- grade counts against the quota (W09; figures in the header) ----
get admin /cycles/W09/results >"$TMP/w09.html"
grow() { grep -o "<tr[^>]*data-category=\"$1\">.*" "$TMP/w09.html" | sed 's#</tr>.*##' |
    grep -o '<td class="num[^"]*"[^>]*>[^<]*' | sed 's/.*>//;s/ ▲//' | tr '\n' ' '; }
check "U: 7 units, 好 3 较好 2 一般 1 差 1, quota 2 (got $(grow U))" test "$(grow U)" = "7 3 2 1 1 2 "
check "… 好 above its quota, marked" sh -c "grep -o '<tr[^>]*data-category=\"U\">.*' '$TMP/w09.html' | sed 's#</tr>.*##' | grep -q 'class=\"num over\"'"
check "E: 1 unit, 差 1, quota 1 (got $(grow E))" test "$(grow E)" = "1 0 0 0 1 1 "
check "… nothing marked" sh -c "! grep -o '<tr[^>]*data-category=\"E\">.*' '$TMP/w09.html' | sed 's#</tr>.*##' | grep -q over"
check "district: 8 units, quota 3 (got $(grow ''))" test "$(grow '')" = "8 3 2 1 2 3 "

# ---- tracking (W03) ----
get admin "/cycles/W03/results?unit=T1" >"$TMP/t1.html"
trow() { grep -o "<tr><td>$1</td><td>$2</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td><span class=\"lv lv-$3\"" "$TMP/t1.html" |
    grep -o 'class="num">[^<]*' | sed 's/.*>//' | head -2 | tr '\n' ' '; }
check "T1's card: A1.03 (事故起数) M06 expected 2 actual 3 red" test "$(trow 事故起数 M06 red)" = "2 3 "
check "… A1.06 (税收) Q1 50 / 40 yellow" test "$(trow 税收 Q1 yellow)" = "50 40 "
check "… A1.06 Q2 100 / 95 green" test "$(trow 税收 Q2 green)" = "100 95 "
check "… three tracked rows in all" test "$(grep -o '<span class="lv lv-[a-z]*" data-level' "$TMP/t1.html" | wc -l)" -eq 3
check "… and the chart's data" grep -q 'id="tracking" class="chart" data-tracking=' "$TMP/t1.html"
get vie /cycles/W03/results >"$TMP/rank.html"
prow() { grep -o "<tr data-period=\"$1\">.*" "$TMP/rank.html" | sed 's#</tr>.*##' | grep -o 'class="num [a-z]*">[0-9]*' |
    sed 's/.*>//' | tr '\n' ' '; }
check "ranking page per period: M06 0/0/1" test "$(prow M06)" = "0 0 1 "
check "… Q1 0/1/1" test "$(prow Q1)" = "0 1 1 "
check "… Q2 2/0/0" test "$(prow Q2)" = "2 0 0 "
check "… Q3 0/0/1" test "$(prow Q3)" = "0 0 1 "
serve_stop
finish
