#!/usr/bin/env bash
# The setup-data pages (基础数据) on a real server: the units page lists the rows with a form per
# row; adding a unit through the form (with CSRF) stores it; a unit of an unknown category is
# answered 422 with the reader's located diagnostic and the typed row kept, nothing written; a
# hostile unit name is shown escaped; deleting asks to confirm first, then a unit that cadres
# name is refused by the validator; a township type added through the form brings its weights to
# the scheme and takes them when deleted; the API reads, puts (JSON) and deletes the same rows, a
# refusal carrying the located diagnostics; a unit user sees the table without forms and gets 403 when
# posting; a post without the CSRF token is 403; after setup the page has no forms and a post is 409.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
"$KAOHE" init --db "$DB" >/dev/null
"$KAOHE" import "$KH_SRC/tests/golden/07-cadres/bundle" --cycle G7 --db "$DB" >/dev/null
KAOHE_NEW_PASSWORD=password-1 "$KAOHE" --lang en user add t1 --role unit --unit T1 --db "$DB" >/dev/null
KAOHE_NEW_PASSWORD=password-1 "$KAOHE" user passwd admin --db "$DB" >/dev/null
serve_start "$DB"
check "the admin signs in" test "$(signin admin password-1)" = 303
check "the unit user signs in" test "$(signin t1 password-1)" = 303
units() { sqlite3 "$DB" "SELECT u.code || ',' || u.name || ',' || u.category FROM units u JOIN cycles c ON c.id = u.cycle_id WHERE c.code = 'G7' ORDER BY u.ord"; }
audits() { sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE entity = 'setup'"; }

get admin /cycles/G7/setup/units >"$TMP/page"
check "the page lists the units" grep -q '甲镇' "$TMP/page"
check "… with a form per row" grep -q 'name="c:name" value="甲镇"' "$TMP/page"
check "… and an add form" grep -q 'id="row-new"' "$TMP/page"
check "the tab is there" grep -q 'href="/cycles/G7/setup/units" class="on"' "$TMP/page"
check "an unknown file → 404" test "$(status admin GET /cycles/G7/setup/values)" = 404

r=$(post admin /cycles/G7/setup/units c:code=T9 c:name=新镇 c:district=D1 c:category=U)
check "adding a unit → 303 back to the page (got $r)" grep -q '^303 /cycles/G7/setup/units' <<<"$r"
check "… stored" grep -qx 'T9,新镇,U' <(units)
check "… audited" test "$(audits)" = 1
check "… the page then says so once" test "$(get admin '/cycles/G7/setup/units?ok=saved' | grep -c 'role="status"')" = 1

curl -s -o "$TMP/out" -w '%{http_code}' -b "$(jar admin)" --data-urlencode "csrf=$(csrf admin)" \
    --data-urlencode c:code=T8 --data-urlencode c:name=坏镇 --data-urlencode c:category=ZZ \
    "$BASE/cycles/G7/setup/units" >"$TMP/st"
check "an unknown category → 422 (got $(cat "$TMP/st"))" test "$(cat "$TMP/st")" = 422
check "… with the located diagnostic" grep -q 'units.csv:6:category' "$TMP/out"
check "… the typed row kept" grep -q 'name="c:category" value="ZZ"' "$TMP/out"
check "… nothing written" test "$(units | grep -c T8)" = 0 -a "$(audits)" = 1

post admin /cycles/G7/setup/units c:code=T9 'c:name=<script>alert(1)</script>' >/dev/null
get admin /cycles/G7/setup/units >"$TMP/page"
check "a hostile name is shown escaped" grep -q 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' "$TMP/page"
check "… never raw" sh -c "! grep -q '<script>alert' $TMP/page"

curl -s -o "$TMP/out" -b "$(jar admin)" --data-urlencode "csrf=$(csrf admin)" --data-urlencode code=T1 \
    "$BASE/cycles/G7/setup/units/delete"
check "delete asks to confirm first" grep -q 'name="confirm" value="1"' "$TMP/out"
check "… and deletes nothing yet" grep -q '^T1,' <(units)
curl -s -o "$TMP/out" -w '%{http_code}' -b "$(jar admin)" --data-urlencode "csrf=$(csrf admin)" --data-urlencode code=T1 \
    --data-urlencode confirm=1 "$BASE/cycles/G7/setup/units/delete" >"$TMP/st"
check "deleting a unit that cadres name → 422 (got $(cat "$TMP/st"))" test "$(cat "$TMP/st")" = 422
check "… the validator says where" grep -q 'cadres.csv:' "$TMP/out"
r=$(post admin /cycles/G7/setup/units/delete code=T9 confirm=1)
check "deleting an unused unit → 303 (got $r)" grep -q '^303 ' <<<"$r"
check "… gone" test "$(units | grep -c T9)" = 0

get admin /cycles/G7/setup/categories >"$TMP/page"
check "the categories page says where a new type's weights come from" grep -q 'id="category-weights"' "$TMP/page"
r=$(post admin /cycles/G7/setup/categories c:code=N c:name=新类型)
check "adding a township type → 303 (got $r)" grep -q '^303 /cycles/G7/setup/categories' <<<"$r"
get admin /cycles/G7/scheme >"$TMP/page"
check "… the scheme editor then has its weights" grep -q 'name="w:A:N" value="1"' "$TMP/page"
check "… as a weight.N column of the stored scheme" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM indicator_weights w JOIN cycles c ON c.id = w.cycle_id WHERE c.code = 'G7' AND w.category = 'N'")" \
    = "$(sqlite3 "$DB" "SELECT COUNT(*) FROM indicator_weights w JOIN cycles c ON c.id = w.cycle_id WHERE c.code = 'G7' AND w.category = 'U'")"
r=$(post admin /cycles/G7/setup/categories/delete code=N confirm=1)
check "… and deleting it → 303 (got $r)" grep -q '^303 ' <<<"$r"
check "… takes its weights with it" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM indicator_weights WHERE category = 'N'")" = 0

# the same operations through /api/v1 with a token
TOKEN_admin=$(KAOHE_PASSWORD=password-1 "$KAOHE" user token admin --label test --db "$DB" --user admin)
TOKEN_t1=$(KAOHE_PASSWORD=password-1 "$KAOHE" user token t1 --label test --db "$DB" --user t1)
api admin GET /api/v1/cycles/G7/setup/units >"$TMP/j"
check "API: the units as objects named by the header" python3 -c "
import json, sys
rows = json.load(open('$TMP/j'))
assert rows[0] == {'code': 'T1', 'name': '甲镇', 'district': 'D1', 'category': 'U', 'zone': '', 'kind': ''} or rows[0]['code'] == 'T1' and rows[0]['name'] == '甲镇', rows
assert [r['code'] for r in rows] == ['T1', 'T2', 'T3'], rows"
api admin POST /api/v1/cycles/G7/setup/units '{"code": "T7", "name": "接口镇", "district": "D1", "category": "U"}' >"$TMP/j"
check "API: a put → 200 {ok, changed: 1} (got $(cat "$TMP/st") $(cat "$TMP/j"))" sh -c "test $(cat "$TMP/st") = 200 && grep -q '\"changed\":1' $TMP/j"
check "… stored" grep -qx 'T7,接口镇,U' <(units)
api admin POST /api/v1/cycles/G7/setup/units '{"code": "T7", "category": "ZZ"}' >"$TMP/j"
check "API: an unknown category → 422 (got $(cat "$TMP/st"))" test "$(cat "$TMP/st")" = 422
check "… with the reader's diagnostics, located" python3 -c "
import json
e = json.load(open('$TMP/j'))['error']
assert e['code'] == 'SETUP_INVALID', e
d = [x for x in e['diagnostics'] if x.get('file') == 'units.csv']
assert d and d[0]['line'] == 5 and d[0]['field'] == 'category' and 'ZZ' in d[0]['message'], e"
check "… nothing written" grep -qx 'T7,接口镇,U' <(units)
api t1 POST /api/v1/cycles/G7/setup/units '{"code": "T1", "name": "x"}' >/dev/null
check "API: a unit's token → 403 (got $(cat "$TMP/st"))" test "$(cat "$TMP/st")" = 403
api admin POST /api/v1/cycles/G7/setup/units/delete '{"code": "T7"}' >"$TMP/j"
check "API: delete needs no confirm step → 200 (got $(cat "$TMP/st"))" test "$(cat "$TMP/st")" = 200
check "… gone" test "$(units | grep -c T7)" = 0
api admin GET /api/v1/cycles/G7/setup/values >/dev/null
check "API: not a setup file → 404" test "$(cat "$TMP/st")" = 404
api admin GET /api/v1/openapi.json >"$TMP/j"
check "… and the routes are in the OpenAPI document" grep -q '/api/v1/cycles/{cycle}/setup/{file}/delete' "$TMP/j"

get t1 /cycles/G7/setup/units >"$TMP/unit"
check "a unit user sees the table" grep -q '甲镇' "$TMP/unit"
check "… without forms" sh -c "! grep -q 'name=\"c:' $TMP/unit"
r=$(post t1 /cycles/G7/setup/units c:code=T1 c:name=x)
check "… and a post → 403 (got $r)" grep -q '^403 ' <<<"$r"
st=$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar admin)" --data-urlencode csrf=bad --data-urlencode c:code=T1 \
    --data-urlencode c:name=x "$BASE/cycles/G7/setup/units")
check "a post without the CSRF token → 403 (got $st)" test "$st" = 403
check "… nothing written" grep -qx 'T1,甲镇,U' <(units)

KAOHE_PASSWORD=password-1 "$KAOHE" cycle advance G7 --db "$DB" --user admin >/dev/null 2>&1 || "$KAOHE" cycle advance G7 --db "$DB" >/dev/null
get admin /cycles/G7/setup/cadres >"$TMP/page"
check "after setup: the table, no forms" sh -c "grep -q '张一' $TMP/page && ! grep -q 'name=\"c:' $TMP/page"
r=$(post admin /cycles/G7/setup/units c:code=T1 c:name=x)
check "… and a post → 409 (got $r)" grep -q '^409 ' <<<"$r"
serve_stop
finish
