#!/usr/bin/env bash
# The permission matrix of docs/workflow.md is the output of `kaohe authz`,
# i.e. of the one action table in authz.h: the document cannot describe an
# older rule.  Also: the matrix has one row per action, every row a cell per
# role, and a few rules it must show (a viewer changes nothing; only the
# admin advances or reopens a cycle; a unit proposes its own targets).
. "$(dirname "$0")/lib.sh"

doc=$KH_SRC/docs/workflow.md
sed -n '/<!-- authz-matrix:begin -->/,/<!-- authz-matrix:end -->/p' "$doc" | sed '1d;$d' >"$TMP/doc.md"
"$KAOHE" --lang en authz >"$TMP/table.md"
check "docs/workflow.md has the matrix markers" test -s "$TMP/doc.md"
if ! diff -u "$TMP/doc.md" "$TMP/table.md" >"$TMP/diff"; then
    fail "docs/workflow.md's matrix differs from 'kaohe --lang en authz' (paste the output between the markers):"
    cat "$TMP/diff" >&2
fi

rows=$(grep -c '^| `' "$TMP/table.md")
actions=$(grep -c '^    X([A-Z_]*, "' "$KH_SRC/include/kaohe/authz.h")
check "one row per action ($rows rows, $actions actions)" test "$rows" -eq "$actions"
check "every row has 8 cells" awk -F'|' '/^\| `/ && NF != 10 { bad = 1 } END { exit bad }' "$TMP/table.md"
# viewer column (7th cell) is never a change: only list/show/print/read/export rows may have ✓
check "a viewer may change nothing" awk -F'|' '/^\| `/ && $8 ~ /✓/ && $2 !~ /list|show|print|read|export/ { bad = 1 } END { exit bad }' "$TMP/table.md"
check "only the admin advances a cycle" grep -q '^| `cycle.advance` | advance a cycle | ✓ | – | – | – | – |' "$TMP/table.md"
check "only the admin reopens, and only a final cycle" grep -q '^| `cycle.reopen` .* | ✓ | – | – | – | – | final |$' "$TMP/table.md"
check "a unit proposes its own targets in agreement" grep -q '^| `target.propose` .* | ✓ | – | – | own | – | agreement |$' "$TMP/table.md"
"$KAOHE" authz >"$TMP/zh.md"
check "the Chinese matrix names the states in Chinese" grep -q '绩效协议' "$TMP/zh.md"
finish
