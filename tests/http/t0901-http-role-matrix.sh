#!/usr/bin/env bash
# The role × route matrix, generated from the route table itself (`kaohe serve --routes`): every route is
# requested as every role and anonymously, so a route added to the table is covered without anyone
# editing this test.  A role the table does not list gets 403 with X-Kaohe-Error HTTP_ROLE (and an
# audit record); a listed role is never refused by the route (whatever the store then decides about
# state or scope); anonymous requests to non-public routes are sent to the sign-in page (pages) or get
# 401 (API).  POSTs carry the session's CSRF token, so only the role decides.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
w03_db "$DB"
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
declare -A USERS=([reporter]=rep [rater]=rat [unit]=t1 [viewer]=vie [admin]=admin)
for u in "rep --role reporter --department 税务所" "rat --role rater --rater R1" "t1 --role unit --unit T1" "vie --role viewer"; do
    # shellcheck disable=SC2086
    KAOHE_NEW_PASSWORD=password-1 kh user add $u >/dev/null
done
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
serve_start "$DB"
declare -A CSRF=()
for role in admin reporter rater unit viewer; do
    check "$role signs in" test "$(signin "${USERS[$role]}" password-1)" = 303
    CSRF[$role]=$(csrf "${USERS[$role]}")
done

"$KAOHE" serve --routes >"$TMP/routes"
check "the route table is not empty" test "$(wc -l <"$TMP/routes")" -gt 30
# /logout last: it ends the session the other requests need
{ grep -v $'\t/logout\t' "$TMP/routes"; grep $'\t/logout\t' "$TMP/routes"; } >"$TMP/ordered"

tried=0
while IFS=$'\t' read -r method pattern acts roles; do
    path=$(sed -e 's/:cycle/W03/; s/:file/results_units.csv/; s/:id/999/; s/:name/nobody/' <<<"$pattern")
    [[ $pattern == /assets/:name ]] && path=/assets/app.css
    for who in anonymous admin reporter rater unit viewer; do
        u=${USERS[$who]:-anon}
        args=(-s -o /dev/null -D "$TMP/h" -w '%{http_code}' -X "$method" -b "$(jar "$u")")
        if [ "$method" = POST ] && [ "$who" != anonymous ]; then args+=(--data-urlencode "csrf=${CSRF[$who]}"); fi
        [ "$method" = POST ] && [ "$who" = anonymous ] && args+=(-d x=1)
        st=$(curl "${args[@]}" "$BASE$path")
        code=$(grep -i '^x-kaohe-error:' "$TMP/h" | tr -d '\r' | cut -d' ' -f2)
        listed=false
        [[ ",$roles," == *",$who,"* ]] && listed=true
        tried=$((tried + 1))
        if $listed; then
            [ "$code" = HTTP_ROLE ] && fail "$who may open $method $pattern ($acts) but the route refused it"
            [ "$st" = 401 ] && fail "$who: $method $pattern answered 401"
        elif [ "$who" = anonymous ]; then
            if [[ $path == /api/* || $method == POST ]]; then
                [ "$st" = 401 ] || fail "anonymous $method $pattern: $st, expected 401"
            else
                [ "$st" = 302 ] && grep -qi '^location: /login' "$TMP/h" || fail "anonymous GET $pattern: $st, expected 302 to /login"
            fi
        else
            [ "$st" = 403 ] && [ "$code" = HTTP_ROLE ] || fail "$who may not open $method $pattern ($acts): got $st ${code:-}"
        fi
    done
done <"$TMP/ordered"
check "every route × role tried ($tried)" test "$tried" -eq $(($(wc -l <"$TMP/routes") * 6))
refusals=$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE action='refuse' AND entity='http' AND reason LIKE '%无权打开%'")
check "route refusals are audited ($refusals)" test "$refusals" -gt 20
serve_stop
finish
