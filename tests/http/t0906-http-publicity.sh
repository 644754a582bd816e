#!/usr/bin/env bash
# 公示: the published results page (/public/CYCLE) opens for anyone, without signing in, once the cycle
# is in publicity — the ranking per township type with composite and grade, the first-level dimension
# scores, the period and how to appeal — and says only "not published yet" before; `kaohe results
# CYCLE --public` prints the same rows.  Escaping as everywhere.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
w03_db "$DB"
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
sqlite3 "$DB" "UPDATE units SET name = '<b>甲镇</b>' WHERE code = 'T1'"
kh compute W03 >/dev/null
serve_start "$DB"
st=$(curl -s -o "$TMP/p0" -w '%{http_code}' "$BASE/public/W03")
check "before publication → 409 (got $st)" test "$st" = 409
check "… saying it is not published" grep -q '尚未公示' "$TMP/p0"
check "… and no result" sh -c "! grep -q 'T1\|甲镇' $TMP/p0"
check "the CLI refuses too" sh -c "! $KAOHE results W03 --public --db $DB >/dev/null 2>&1"
for _ in 1 2 3 4 5; do kh cycle advance W03 >/dev/null; done
kh compute W03 >/dev/null
check "the cycle is in publicity" test "$(sqlite3 "$DB" "SELECT state FROM cycles")" = publicity
st=$(curl -s -o "$TMP/p1" -w '%{http_code}' "$BASE/public/W03")
check "published → 200 for anyone (got $st)" test "$st" = 200
check "… every unit ranked" test "$(grep -o '<tr><td class="num">' "$TMP/p1" | wc -l)" -eq 3
check "… names escaped" grep -q '&lt;b&gt;甲镇&lt;/b&gt;' "$TMP/p1"
check "… grades shown" grep -q "$(sqlite3 "$DB" "SELECT grade FROM results_units WHERE unit='T1'")" "$TMP/p1"
check "… composites as round2" grep -q "$(python3 -c "import math; v=float('$(sqlite3 "$DB" "SELECT composite FROM results_units WHERE unit='T1'")'); print('%.2f' % (math.floor(100*v+0.5+1e-9)/100))")" "$TMP/p1"
check "… how to appeal" grep -q '申诉' "$TMP/p1"
check "… no script" sh -c "! grep -q '<script' $TMP/p1"
kh results W03 --public >"$TMP/pub.csv"
check "the CLI prints the same units" test "$(grep -c '^unit,' "$TMP/pub.csv")" -eq 3
check "… and dimension rows" grep -q '^dim,T1,A,' "$TMP/pub.csv"
check "an unknown cycle → 404" test "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/public/NOPE")" = 404
serve_stop
finish
