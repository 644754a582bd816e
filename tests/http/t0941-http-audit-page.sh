#!/usr/bin/env bash
# The audit page reads one page of the trail, newest first (kh_store_audit_page), not the whole trail:
# after 350 survey submissions (each an audit record) page 1 shows the 300 newest in descending seq,
# the total in the trail, and an "older" link; following it shows the rest down to seq 1 with no
# further link; the entity filter counts and lists only its records; the chain still verifies; a unit
# user may not read it.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
"$KAOHE" init --db "$DB" >/dev/null
"$KAOHE" import "$KH_SRC/tests/golden/06-survey-channels/bundle" --cycle S06 --db "$DB" >/dev/null
KAOHE_NEW_PASSWORD=password-1 "$KAOHE" user passwd admin --db "$DB" >/dev/null
KAOHE_NEW_PASSWORD=password-1 KAOHE_PASSWORD=password-1 "$KAOHE" user add t1 --role unit --unit T1 --db "$DB" --user admin >/dev/null
serve_start "$DB"
KAOHE_PASSWORD=password-1 "$KAOHE" invite S06 --unit T1 --channel phone --count 350 --url "$BASE" --db "$DB" --user admin | tail -n +2 | cut -d, -f3 >"$TMP/links"
xargs -P 8 -I{} curl -s -o /dev/null --data-urlencode q0=满意 --data-urlencode q1=基本满意 {} <"$TMP/links"
subs=$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE entity = (SELECT entity FROM audit WHERE action = 'survey.submit' LIMIT 1)")
check "350 submissions audited" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE action='survey.submit'")" -eq 350
signin admin password-1 >/dev/null
signin t1 password-1 >/dev/null
total=$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit")   # sign-ins are audited too: counted after them
seqs() { grep -o '<tr><td>[0-9]*</td>' "$1" | grep -o '[0-9]*'; }

get admin /audit >"$TMP/p1"
seqs "$TMP/p1" >"$TMP/s1"
check "page 1: 300 records" test "$(wc -l <"$TMP/s1")" -eq 300
check "… the newest first" test "$(head -1 "$TMP/s1")" = "$(sqlite3 "$DB" "SELECT MAX(seq) FROM audit")"
check "… in descending order" sh -c "sort -rn '$TMP/s1' | cmp -s - '$TMP/s1'"
check "… the total of the trail shown" grep -q "记录数： $total<" "$TMP/p1"
older=$(grep -o 'id="older" href="[^"]*"' "$TMP/p1" | sed 's/.*href="//;s/"$//;s/&amp;/\&/g')
check "… and a link to older records ($older)" test -n "$older"
get admin "$older" >"$TMP/p2"
seqs "$TMP/p2" >"$TMP/s2"
check "page 2: the rest ($(wc -l <"$TMP/s2") = $total - 300)" test "$(wc -l <"$TMP/s2")" -eq $((total - 300))
check "… continuing below page 1" test "$(head -1 "$TMP/s2")" -eq $(($(tail -1 "$TMP/s1") - 1))
check "… down to record 1" test "$(tail -1 "$TMP/s2")" = 1
check "… and no further link" sh -c "! grep -q 'id=\"older\"' '$TMP/p2'"
ent=$(sqlite3 "$DB" "SELECT entity FROM audit WHERE action = 'survey.submit' LIMIT 1")
get admin "/audit?entity=$ent" >"$TMP/pf"
check "the entity filter counts its records only" grep -q "记录数： $subs<" "$TMP/pf"
check "… and shows at most a page of them" test "$(seqs "$TMP/pf" | wc -l)" -eq 300
get admin "/audit?verify=1" >"$TMP/pv"
check "the chain verifies" grep -q 'id="verify"' "$TMP/pv"
check "… intact" sh -c "grep 'id=\"verify\"' '$TMP/pv' | grep -q 'notice ok'"
check "a unit user may not read the trail" test "$(status t1 GET /audit)" = 403
serve_stop
finish
