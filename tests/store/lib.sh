# lib.sh — shared by the store conformance tests (tests/store/tNNNN-*.sh).
#
# Every test runs its body once per backend: `for_each_backend body_fn`.
# SQLite always; PostgreSQL through a throwaway cluster started by
# scripts/pg-test-cluster.sh.  When the cluster cannot start, the PostgreSQL
# half is skipped with a note — except under CI (env CI set), where that is a
# failure: the PostgreSQL tests never skip in CI.
#
# Inside body_fn: $BACKEND (sqlite|postgresql), $DB (path or URL), $WORK (a
# fresh folder), kh (runs $KAOHE --db $DB), sql "STATEMENT" (sqlite3 or psql).
set -euo pipefail
: "${KAOHE:?}" "${KH_SRC:?}"
TMPROOT=$(mktemp -d /tmp/kh-store.XXXXXX)
chmod 755 "$TMPROOT"
PGDIR=""
cleanup() {
    [ -n "$PGDIR" ] && bash "$KH_SRC/scripts/pg-test-cluster.sh" stop "$PGDIR" || true
    rm -rf "$TMPROOT"
}
trap cleanup EXIT

fail() { echo "FAIL [$BACKEND]: $*" >&2; exit 1; }
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
sql() {
    if [ "$BACKEND" = sqlite ]; then sqlite3 "$DB" "$1"; else psql -qAt "$DB" -c "$1"; fi
}
expect_fail() {   # expect_fail "message substring" cmd...
    local want=$1; shift
    local out
    if out=$("$@" 2>&1); then fail "expected failure: $*"; fi
    grep -qF -- "$want" <<<"$out" || fail "expected '$want' in: $out"
}

start_pg() {
    PGDIR=$TMPROOT/pg
    local url
    if url=$(bash "$KH_SRC/scripts/pg-test-cluster.sh" start "$PGDIR" 2>"$TMPROOT/pg.err"); then
        PG_URL=$url
        return 0
    fi
    if [ -n "${CI:-}" ]; then
        cat "$TMPROOT/pg.err" >&2
        echo "FAIL: PostgreSQL cluster did not start and CI is set: PostgreSQL tests must not skip" >&2
        exit 1
    fi
    echo "note: PostgreSQL cluster did not start; PostgreSQL half skipped (not CI)" >&2
    PG_URL=""
    return 0
}

# run_body FN — run FN in a subshell in $WORK with `set -e` in force.  A
# subshell on the left of `||` (or in an `if`) runs with errexit ignored, so
# a bare failing command in a test body would pass; hence the explicit
# status check instead of `(…) || exit 1`.  tests/store/t0001-harness.sh
# shows that a failing command fails the test.
run_body() {
    local rc=0
    set +e
    (set -e; cd "$WORK"; "$1")
    rc=$?
    set -e
    [ "$rc" -eq 0 ] || { echo "FAIL [$BACKEND]: $1 exited with status $rc" >&2; exit 1; }
}

PG_DBN=0
for_each_backend() {
    local fn=$1
    BACKEND=sqlite WORK=$TMPROOT/sqlite-$fn
    mkdir -p "$WORK"
    DB=$WORK/kaohe.db
    run_body "$fn"
    echo "ok [sqlite] $fn"
    [ -z "$PGDIR" ] && start_pg
    if [ -n "$PG_URL" ]; then
        PG_DBN=$((PG_DBN + 1))
        psql -qAt "$PG_URL" -c "CREATE DATABASE t$PG_DBN" >/dev/null
        BACKEND=postgresql WORK=$TMPROOT/pg-$fn
        mkdir -p "$WORK"
        DB=${PG_URL%/postgres}/t$PG_DBN
        run_body "$fn"
        echo "ok [postgresql] $fn"
    fi
}
