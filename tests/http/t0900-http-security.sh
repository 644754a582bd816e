#!/usr/bin/env bash
# kaohe serve's guards, on a real server: sign-in required (pages redirect, the API answers 401),
# the CSRF rule (a POST without the session's token, or with a wrong one, is refused and audited,
# and changes nothing), the login form's own token, login rate limiting, session idle expiry and
# sign-out, oversize bodies (413), unknown paths and methods, security headers, asset caching
# (ETag, 304, gzip), the OpenAPI document, a graceful SIGTERM and an intact audit chain after all.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
G=$KH_SRC/tests/golden/03-transforms-target-tracking/bundle
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
kh init >/dev/null
kh import "$G" >/dev/null
KAOHE_NEW_PASSWORD=unit-pass-1 kh user add t1 --role unit --unit T1 >/dev/null
KAOHE_NEW_PASSWORD=view-pass-1 kh user add vie --role viewer >/dev/null
KAOHE_NEW_PASSWORD=admin-pass-1 kh user passwd admin >/dev/null
kh() { KAOHE_PASSWORD=admin-pass-1 "$KAOHE" --lang en "$@" --db "$DB" --user admin; }
KAOHE_SESSION_IDLE=3 serve_start "$DB"

# headers every response carries
curl -s -D "$TMP/h0" -o /dev/null "$BASE/login"
check "CSP forbids inline script and framing" grep -qi "^content-security-policy:.*script-src 'self'.*frame-ancestors 'none'" "$TMP/h0"
check "nosniff" grep -qi '^x-content-type-options: nosniff' "$TMP/h0"
check "login cookie is HttpOnly and SameSite=Strict" grep -qi '^set-cookie: kh_login=.*HttpOnly; SameSite=Strict' "$TMP/h0"

# sign-in required
check "anonymous page → 302 to /login" test "$(status anon GET /cycles)" = 302
curl -s -D "$TMP/h1" -o /dev/null "$BASE/cycles/W03"
check "redirect keeps where the user was going" grep -qi '^location: /login?next=%2Fcycles%2FW03' "$TMP/h1"
body=$(get anon /api/v1/cycles)
check "anonymous API → 401 with a stable code" test "$(status anon GET /api/v1/cycles)" = 401
check "API error is JSON with code HTTP_SIGN_IN" grep -q '"code":"HTTP_SIGN_IN"' <<<"$body"

# sign-in
check "wrong password → 401" test "$(signin admin wrong-password)" = 401
check "right password → 303" test "$(signin admin admin-pass-1)" = 303
grep -qi 'kh_session=.*HttpOnly' "$(jar admin)" || grep -q 'kh_session' "$(jar admin)"
check "session cookie set" grep -q 'kh_session' "$(jar admin)"
check "the failed sign-in is audited" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE action='refuse' AND \"key\"='login'")" -ge 1
check "a page for the admin" test "$(status admin GET /cycles/W03)" = 200

# CSRF: no token, wrong token → 403, audited, nothing changed
before=$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE action='refuse'")
st=$(curl -s -o /dev/null -D "$TMP/h2" -w '%{http_code}' -b "$(jar admin)" -d reason=x "$BASE/cycles/W03/advance")
check "POST without CSRF token → 403 (got $st)" test "$st" = 403
check "the refusal names HTTP_CSRF" grep -qi '^x-kaohe-error: HTTP_CSRF' "$TMP/h2"
st=$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar admin)" -d csrf=0000 "$BASE/cycles/W03/advance")
check "POST with a wrong CSRF token → 403" test "$st" = 403
after=$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE action='refuse'")
check "both refusals audited ($before → $after)" test "$after" -eq $((before + 2))
check "the cycle did not move" test "$(sqlite3 "$DB" "SELECT state FROM cycles WHERE code='W03'")" = setup
st=$(curl -s -o /dev/null -w '%{http_code}' -d user=admin -d password=admin-pass-1 "$BASE/login")
check "login form without its token → 403" test "$st" = 403
# with the token the same POST works
read -r st loc _ <<<"$(post admin /cycles/W03/advance reason=web)"
check "POST with the token → 303 (got $st)" test "$st" = 303
check "… and the cycle moved to agreement" test "$(sqlite3 "$DB" "SELECT state FROM cycles WHERE code='W03'")" = agreement
check "… the redirect carries the outcome" grep -q 'ok=' <<<"$loc"

# rate limiting: five failures for a name, then 429 even with the right password
for i in 1 2 3 4 5; do signin t1 wrong-$i >/dev/null; done
check "sixth attempt → 429" test "$(signin t1 unit-pass-1)" = 429

# the API with JSON sign-in and with a bearer token
st=$(curl -s -o "$TMP/j" -w '%{http_code}' -H 'Content-Type: application/json' --data '{"user":"vie","password":"view-pass-1"}' "$BASE/login")
check "JSON sign-in → 200 with a CSRF token" sh -c "test $st = 200 && grep -q '\"csrf\"' $TMP/j"
TOKEN_vie=$(KAOHE_PASSWORD=view-pass-1 "$KAOHE" user token vie --label test --db "$DB" --user vie)
check "a token is 64 hex digits" grep -qE '^[0-9a-f]{64}$' <<<"$TOKEN_vie"
api vie GET /api/v1/cycles >/dev/null
check "bearer token reads the API" test "$(cat "$TMP/st")" = 200
api vie POST /api/v1/cycles/W03/advance '{}' >/dev/null
check "a viewer's bearer POST is refused 403" test "$(cat "$TMP/st")" = 403
check "… with the route's refusal code" grep -q '"code":"HTTP_ROLE"' "$TMP/body"
api vie GET /api/v1/nothing >/dev/null
check "unknown API path → 404" test "$(cat "$TMP/st")" = 404
check "DELETE on a known path → 405" test "$(status admin DELETE /cycles)" = 405
api vie POST /api/v1/cycles/W03/values '{not json' >/dev/null
check "a malformed JSON body → 403 before parsing for a viewer" test "$(cat "$TMP/st")" = 403
TOKEN_admin=$(kh user token admin --label test)
api admin POST /api/v1/cycles/W03/values '{not json' >/dev/null
check "a malformed JSON body → 422 HTTP_BAD_JSON" sh -c "test $(cat "$TMP/st") = 422 && grep -q HTTP_BAD_JSON $TMP/body"
api admin POST /api/v1/cycles/W03/targets/propose '{"unit":"T1","leaf":"NOPE","target":"1","note":"n"}' >/dev/null
check "a validation error → 422 naming the problem" sh -c "test $(cat "$TMP/st") = 422 && grep -q NOPE $TMP/body"
curl -s -H 'Accept-Language: en-US,en;q=0.9' -o "$TMP/en" "$BASE/api/v1/cycles"
check "API messages follow Accept-Language" grep -q 'please sign in' "$TMP/en"

# oversize body
head -c 13000000 /dev/zero | tr '\0' a >"$TMP/big"
st=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$TMP/big" "$BASE/login")
check "a 13 MB body → 413 (got $st)" test "$st" = 413

# assets: ETag, 304, gzip
curl -s -D "$TMP/h3" -o /dev/null -H 'Accept-Encoding: gzip' "$BASE/assets/echarts.min.js"
check "ECharts is served gzip-compressed" grep -qi '^content-encoding: gzip' "$TMP/h3"
etag=$(grep -i '^etag:' "$TMP/h3" | cut -d' ' -f2 | tr -d '\r')
check "with an ETag" test -n "$etag"
st=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/assets/echarts.min.js")
check "If-None-Match → 304" test "$st" = 304
check "unknown asset → 404" test "$(status anon GET /assets/nope.js)" = 404

# OpenAPI: every /api/v1 route of the table is described
get anon /api/v1/openapi.json >"$TMP/openapi.json"
want=$("$KAOHE" serve --routes | awk -F'\t' '$2 ~ /^\/api\/v1\// {print $2}' | sed 's/:\([a-z]*\)/{\1}/g' | sort -u | wc -l)
have=$(python3 -c "import json,sys; print(len(json.load(open('$TMP/openapi.json'))['paths']))")
check "OpenAPI describes every API path ($have of $want)" test "$have" -eq "$want"

# session idle expiry and sign-out
check "viewer signs in" test "$(signin vie view-pass-1)" = 303
check "viewer reads a page" test "$(status vie GET /cycles)" = 200
check "admin signs in again" test "$(signin admin admin-pass-1)" = 303
read -r st _ _ <<<"$(post admin /logout)"
check "sign-out → 303" test "$st" = 303
check "after sign-out the cookie opens nothing" test "$(status admin GET /cycles)" = 302
sleep 4
check "after the idle timeout the session is gone" test "$(status vie GET /cycles)" = 302
check "sign-in and sign-out are audited" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE action IN ('login','logout')")" -ge 3
check "no secret is stored: the token is not in the database" sh -c "! sqlite3 $DB 'SELECT hash FROM sessions' | grep -q $TOKEN_vie"

serve_stop
check "audit chain intact after all of it" kh audit verify
finish
