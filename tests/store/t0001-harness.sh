#!/usr/bin/env bash
# The store test harness itself: a bare failing command inside a test body
# fails the test (lib.sh's run_body keeps `set -e` in force), and the
# failure names the body.  Each case runs a tiny store test as a child
# script and looks at its exit status and message.
. "$(dirname "$0")/lib.sh"

child() {   # child BODY_TEXT — run a store test whose body is BODY_TEXT; prints its stderr
    local f
    f=$(mktemp "$TMPROOT/child.XXXXXX")
    printf '. "%s/tests/store/lib.sh"\nbody() {\n%s\n}\nfor_each_backend body\n' "$KH_SRC" "$1" >"$f"
    bash "$f" 2>&1 >/dev/null
}

BACKEND=harness
# 1. A bare `false` in the middle of a body fails the test, and what follows
#    it does not run.
reached=$TMPROOT/reached
out=$(child "    false
    touch '$reached'") && fail "a body with a bare false passed"
grep -qF "body exited with status 1" <<<"$out" || fail "failure does not name the body: $out"
[ ! -e "$reached" ] || fail "the body went on after a failing command"
# 2. A failing command inside a function the body calls fails it too.
out=$(child '    inner() { sqlite3 /nonexistent/dir/x.db "SELECT 1" >/dev/null 2>&1; echo after; }
    inner') && fail "a failing command in a called function passed"
# 3. A body that fails nothing passes, on both backends.
child '    exit 0' >/dev/null || fail "a clean body failed"
echo "ok harness"
