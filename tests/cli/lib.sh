# lib.sh — shared helpers for tests/cli and tests/store scripts (git's t/test-lib.sh, small).
# Each test script: `. "$(dirname "$0")/../cli/lib.sh"`, then `check` assertions, then `finish`.
set -u
: "${KAOHE:?KAOHE must point to the kaohe binary}"
: "${KH_SRC:?}"
: "${KH_BUILD:?}"
CSVCMP="$KH_BUILD/tools/csvcmp"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kh-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

ok()   { passed=$((passed + 1)); }
# fail writes to the script's own stderr (fd 3), so `check … 2>/dev/null` silences the command, never the verdict
exec 3>&2
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&3; }
# check "description" command...   — passes when the command exits 0
check() { local d=$1; shift; if "$@"; then ok; else fail "$d"; fi; }
# check_status N "description" command... — passes when the command exits with N
check_status() {
  local want=$1 d=$2; shift 2
  "$@"; local got=$?
  if [ "$got" -eq "$want" ]; then ok; else fail "$d (exit $got, expected $want)"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
