#!/usr/bin/env bash
# The scheme editor on a real server: the weights page shows the stored weights, a preview keeps what
# was typed and lists the units that move, a weight that does not validate is answered 422 with the
# reader's located diagnostic (and escaped back into its field), nothing is written by a preview or a
# refused save, a save stores exactly the changed cell, after setup saving is refused (409) while
# previews still work, and a save without its CSRF token is refused.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
"$KAOHE" init --db "$DB" >/dev/null
"$KAOHE" import "$KH_SRC/tests/golden/05-ranking-quota-veto/bundle" --cycle G5 --db "$DB" >/dev/null
KAOHE_NEW_PASSWORD=password-1 "$KAOHE" user passwd admin --db "$DB" >/dev/null
serve_start "$DB"
check "the admin signs in" test "$(signin admin password-1)" = 303
weight() { sqlite3 "$DB" "SELECT w.weight FROM indicator_weights w JOIN indicators i ON i.cycle_id = w.cycle_id AND i.ord = w.ord WHERE i.code = 'A1.01' AND w.category = 'U'"; }
audits() { sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE entity = 'scheme'"; }
w0=$(weight)

get admin /cycles/G5/scheme >"$TMP/page"
check "the page has a field per cell, with the stored weight" grep -q "name=\"w:A1.01:U\" value=\"$w0\"" "$TMP/page"
# form POST: every field as the browser sends it, one typed change
form() { get admin /cycles/G5/scheme | grep -o 'name="w:[^"]*" value="[^"]*"' | sed 's/name="//;s/" value="/=/;s/"$//'; }
send() {   # send PATH VALUE [csrf] — the whole form with w:A1.01:U=VALUE; status to stdout, body in $TMP/out
    local path=$1 v=$2 tok=${3-$(csrf admin)} args=() f
    while read -r f; do [ "${f%%=*}" = "w:A1.01:U" ] && f="w:A1.01:U=$v"; args+=(--data-urlencode "$f"); done < <(form)
    curl -s -o "$TMP/out" -w '%{http_code}' -b "$(jar admin)" --data-urlencode "csrf=$tok" "${args[@]}" "$BASE$path"
}
st=$(send /cycles/G5/scheme/preview 9)
check "preview → 200 (got $st)" test "$st" = 200
check "… keeps the typed weight" grep -q 'name="w:A1.01:U" value="9"' "$TMP/out"
check "… marks the cell as changed" grep -q '<td class="num changed"><input name="w:A1.01:U"' "$TMP/out"
check "… says one weight changed" grep -q '改动 1 个权重' "$TMP/out"
check "… lists every unit" test "$(grep -c '<tr[^>]*><td>' "$TMP/out")" -ge "$(($(wc -l <"$KH_SRC/tests/golden/05-ranking-quota-veto/bundle/units.csv") - 1))"
check "… and writes nothing" test "$(weight)" = "$w0" -a "$(audits)" = 0

st=$(send /cycles/G5/scheme/preview '<script>x</script>')
check "an invalid weight → 422 (got $st)" test "$st" = 422
check "… with the located diagnostic" grep -q 'indicators.csv:[0-9]*:weight.U' "$TMP/out"
check "… the typed text escaped back into its field" grep -q 'value="&lt;script&gt;x&lt;/script&gt;"' "$TMP/out"
check "… never raw" sh -c "! grep -q '<script>x' $TMP/out"
st=$(send /cycles/G5/scheme -1)
check "saving an invalid weight → 422 (got $st)" test "$st" = 422
check "… nothing written" test "$(weight)" = "$w0" -a "$(audits)" = 0
st=$(send /cycles/G5/scheme 9 not-the-token)
check "a save without the CSRF token → 403 (got $st)" test "$st" = 403
check "… nothing written" test "$(weight)" = "$w0"

st=$(send /cycles/G5/scheme 9)
check "save → 200 (got $st)" test "$st" = 200
check "… says one weight saved" grep -q '已保存 1 个权重' "$TMP/out"
check "… stored" test "$(weight)" = 9
check "… one audit record for the one changed cell" test "$(audits)" = 1

"$KAOHE" cycle advance G5 --db "$DB" --user admin >/dev/null 2>&1 || KAOHE_PASSWORD=password-1 "$KAOHE" cycle advance G5 --db "$DB" --user admin >/dev/null
st=$(send /cycles/G5/scheme 3)
check "after setup a save → 409 (got $st)" test "$st" = 409
check "… nothing written" test "$(weight)" = 9
st=$(send /cycles/G5/scheme/preview 3)
check "… a preview still → 200 (got $st)" test "$st" = 200
check "… and the page has no save button" sh -c "! grep -q 'formaction=' $TMP/out"
serve_stop
finish
