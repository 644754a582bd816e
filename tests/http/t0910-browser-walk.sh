#!/usr/bin/env bash
# The browser walk (tests/http/browser-walk.js) on the Beijing sample: a real kaohe serve, Debian's
# chromium driven by playwright-core.  Screenshots of every page go to $KH_BUILD/test-output/t0910/
# (kept after the test, for people to look at).
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

command -v node >/dev/null || { fail "node is missing"; finish; exit 1; }
[ -x /usr/bin/chromium ] || { fail "chromium is missing (scripts/install-deps.sh installs it)"; finish; exit 1; }
DB=$TMP/k.db
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
"$KAOHE" sample --preset beijing --seed 1 -o "$TMP/bj" >/dev/null
kh init >/dev/null
kh import "$TMP/bj" >/dev/null
add() { KAOHE_NEW_PASSWORD=$1 kh user add "${@:2}" >/dev/null; }
add office-pass-1 office --role admin
add bureau-pass-1 tjj --role reporter --department 区统计局
add rater-pass-1 panel01 --role rater --rater PANEL01
add town-pass-1 bj001 --role unit --unit BJ001
add viewer-pass-1 leader --role viewer
KAOHE_NEW_PASSWORD=admin-pass-1 kh user passwd admin >/dev/null
serve_start "$DB"
OUT=$KH_BUILD/test-output/t0910
rm -rf "$OUT" && mkdir -p "$OUT"
if node "$KH_SRC/tests/http/browser-walk.js" "$BASE" "$OUT" "$KH_SRC" 2024 >"$TMP/walk.log" 2>&1; then ok; else
    cat "$TMP/walk.log" >&2; fail "the browser walk"; fi
tail -1 "$TMP/walk.log"
check "screenshots were taken" test "$(ls "$OUT"/*.png 2>/dev/null | wc -l)" -ge 15
serve_stop
finish
