# lib-http.sh — a real kaohe serve on 127.0.0.1 and a random port, driven with curl.
# Source after ../cli/lib.sh.  serve_start DB starts it (KAOHE_SESSION_IDLE etc. from the
# environment), serve_stop stops it with SIGTERM and checks it exited 0.  Each user gets its own
# cookie jar: signin USER PASSWORD, then get/post as USER.
# serve_start DB [serve options…]
serve_start() {
    SERVE_DB=$1
    shift
    rm -f "$TMP/port"
    "$KAOHE" serve --db "$SERVE_DB" --listen 127.0.0.1:0 --port-file "$TMP/port" --threads 2 "$@" \
        2>"$TMP/serve.log" &
    SERVE_PID=$!
    for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
    [ -s "$TMP/port" ] || { cat "$TMP/serve.log" >&2; fail "kaohe serve did not start"; finish; exit 1; }
    BASE="http://127.0.0.1:$(cat "$TMP/port")"
    trap 'kill $SERVE_PID 2>/dev/null; rm -rf "$TMP"' EXIT
}
serve_stop() {
    kill -TERM "$SERVE_PID"
    local rc=0
    wait "$SERVE_PID" || rc=$?
    check "kaohe serve exits 0 on SIGTERM (got $rc)" test "$rc" -eq 0
}
jar() { echo "$TMP/jar-$1"; }
# signin USER PASSWORD: the login form's double-submit token, then the POST; prints the status
signin() {
    local u=$1 pw=$2 tok
    rm -f "$(jar "$u")"
    tok=$(curl -s -c "$(jar "$u")" -b "$(jar "$u")" "$BASE/login" | grep -o 'name="login_token" value="[^"]*"' | sed 's/.*value="//;s/"$//')
    curl -s -o /dev/null -w '%{http_code}' -c "$(jar "$u")" -b "$(jar "$u")" \
        --data-urlencode "login_token=$tok" --data-urlencode "user=$u" --data-urlencode "password=$pw" "$BASE/login"
}
# csrf USER: the CSRF token of USER's session (from a page's hidden field)
csrf() { curl -s -b "$(jar "$1")" "$BASE/account" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
# get USER PATH [curl args]: body to stdout
get() { local u=$1 p=$2; shift 2; curl -s -b "$(jar "$u")" "$@" "$BASE$p"; }
# status USER METHOD PATH [curl args]: the HTTP status
status() { local u=$1 m=$2 p=$3; shift 3; curl -s -o /dev/null -w '%{http_code}' -X "$m" -b "$(jar "$u")" "$@" "$BASE$p"; }
# post USER PATH field=value…: a form POST with USER's CSRF token; prints "STATUS LOCATION X-Kaohe-Error"
post() {
    local u=$1 p=$2; shift 2
    local args=() f
    for f in "$@"; do args+=(--data-urlencode "$f"); done
    curl -s -o /dev/null -D "$TMP/h" -b "$(jar "$u")" --data-urlencode "csrf=$(csrf "$u")" "${args[@]}" "$BASE$p" >/dev/null
    local st loc errh
    st=$(head -1 "$TMP/h" | awk '{print $2}')
    loc=$(grep -i '^location:' "$TMP/h" | tr -d '\r' | cut -d' ' -f2-)
    errh=$(grep -i '^x-kaohe-error:' "$TMP/h" | tr -d '\r' | cut -d' ' -f2-)
    echo "$st ${loc:--} ${errh:--}"
}
# api USER METHOD PATH [json]: with USER's API token ($TOKEN_<user>), prints the body; status in $TMP/st
api() {
    local u=$1 m=$2 p=$3 body=${4:-}
    local tokvar="TOKEN_$u"
    if [ -n "$body" ]; then
        curl -s -o "$TMP/body" -w '%{http_code}' -X "$m" -H "Authorization: Bearer ${!tokvar}" \
            -H 'Content-Type: application/json' --data "$body" "$BASE$p" >"$TMP/st"
    else
        curl -s -o "$TMP/body" -w '%{http_code}' -X "$m" -H "Authorization: Bearer ${!tokvar}" "$BASE$p" >"$TMP/st"
    fi
    cat "$TMP/body"
}
# w03_db DB: a database holding golden case 03 as cycle W03 (units T1–T3, target-scored leaves), its
# leaf A1.06 reported by the department 税务所 (for reporter users), the built-in admin without password.
w03_db() {
    local g=$TMP/bundle-w03
    cp -r "$KH_SRC/tests/golden/03-transforms-target-tracking/bundle" "$g"
    sed -i 's/^A1.06,A1,税收,quant,万元,benefit,target,,,,/A1.06,A1,税收,quant,万元,benefit,target,,,税务所,/' "$g/indicators.csv"
    "$KAOHE" init --db "$1" >/dev/null
    "$KAOHE" import "$g" --db "$1" >/dev/null
}
