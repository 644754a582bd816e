#!/usr/bin/env bash
# src/cli is a thin shell (issue 7 item 2): no SQL, no JSON building, no
# legacy bilingual error strings there — the store, src/report and src/analysis
# do that work, and the web server shares it.  The check itself is tested: a
# file with json_object() in a copy of src/cli is found.
. "$(dirname "$0")/lib.sh"
pattern='(^|[^A-Za-z0-9_])json_[a-z]+\(|#include <jansson.h>|"(SELECT|INSERT|UPDATE|DELETE) |kh_error_set\(|getopt'
thin() { ! grep -nE "$pattern" "$1"/*.c "$1"/*.h; }
check "no SQL, JSON building or getopt in src/cli" thin "$KH_SRC/src/cli"
cp -r "$KH_SRC/src/cli" "$TMP/cli"
printf 'static void x(void) { json_t *o = json_object(); (void)o; }\n' >"$TMP/cli/bad.c"
if thin "$TMP/cli" >/dev/null; then fail "a json_object() call is not found"; else ok; fi
finish
