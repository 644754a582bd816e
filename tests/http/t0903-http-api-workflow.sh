#!/usr/bin/env bash
# A year of the cycle through the JSON API with bearer tokens (what a script or another system does):
# each workflow step as the role that takes it, each refusal and validation error with its status and
# stable code, and the state and data checked in the database after each step.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
w03_db "$DB"
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
KAOHE_NEW_PASSWORD=password-1 kh user add rep --role reporter --department 税务所 >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user add t1 --role unit --unit T1 >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
for u in admin rep t1; do
    declare "TOKEN_$u=$(KAOHE_PASSWORD=password-1 "$KAOHE" user token $u --label api-test --db "$DB" --user $u)"
done
state() { sqlite3 "$DB" "SELECT state FROM cycles WHERE code='W03'"; }
serve_start "$DB"
expect() {   # expect STATUS "what" [code]
    local st; st=$(cat "$TMP/st")
    if [ "$st" != "$1" ]; then fail "$2: status $st, expected $1: $(cat "$TMP/body")"; return; fi
    if [ -n "${3:-}" ] && ! grep -q "\"code\":\"$3\"" "$TMP/body"; then fail "$2: no code $3 in $(cat "$TMP/body")"; return; fi
    ok
}

api t1 GET /api/v1/me >/dev/null; expect 200 "me"
check "me names the unit" grep -q '"unit":"T1"' "$TMP/body"
api t1 POST /api/v1/cycles/W03/advance '{}' >/dev/null; expect 403 "a unit cannot advance" HTTP_ROLE
api admin POST /api/v1/cycles/W03/advance '{"reason":"open the agreement"}' >/dev/null; expect 200 "advance to agreement"
check "state agreement" test "$(state)" = agreement

# the agreement: a unit proposes its own, not another's; the office returns (comment required) and approves
api t1 POST /api/v1/cycles/W03/targets/propose '{"unit":"T2","leaf":"A1.03","target":"3","note":"x"}' >/dev/null
expect 403 "a unit proposes for another unit" AUTHZ_SCOPE_TARGET_PROPOSE
api t1 POST /api/v1/cycles/W03/targets/propose '{"leaf":"A1.03","target":"3","note":"两起隐患已整改"}' >/dev/null
expect 200 "a unit proposes its own target"
api admin POST /api/v1/cycles/W03/targets/decide '{"unit":"T1","leaf":"A1.03","decision":"return"}' >/dev/null
expect 422 "return without a comment"
api admin POST /api/v1/cycles/W03/targets/decide '{"unit":"T1","leaf":"A1.03","decision":"return","comment":"目标偏低"}' >/dev/null
expect 200 "return with a comment"
api t1 GET /api/v1/cycles/W03/targets >/dev/null; expect 200 "a unit lists targets"
check "… only its own" sh -c "! grep -q '\"unit\":\"T2\"' $TMP/body"
check "… with the office's comment" grep -q '目标偏低' "$TMP/body"
api admin POST /api/v1/cycles/W03/advance '{}' >/dev/null; expect 409 "agreement cannot be left with a returned target"
api t1 POST /api/v1/cycles/W03/targets/propose '{"leaf":"A1.03","target":"2","note":"再压减一起"}' >/dev/null; expect 200 "re-propose"
api admin POST /api/v1/cycles/W03/targets/decide '{"unit":"T1","leaf":"A1.03","decision":"approve"}' >/dev/null; expect 200 "approve"
api admin POST /api/v1/cycles/W03/advance '{}' >/dev/null; expect 200 "advance to tracking"

# tracking: the unit reports progress; a reporter its department's leaf only; bad numbers are refused
api t1 POST /api/v1/cycles/W03/values '{"unit":"T1","leaf":"A1.06","period":"Q1","value":"40"}' >/dev/null; expect 200 "unit Q1 value"
api t1 POST /api/v1/cycles/W03/values '{"unit":"T2","leaf":"A1.06","period":"Q1","value":"40"}' >/dev/null
expect 403 "a unit reports for another unit" AUTHZ_SCOPE_VALUE_TRACK
api rep POST /api/v1/cycles/W03/values '{"unit":"T2","leaf":"A1.01","period":"Q1","value":"4"}' >/dev/null
expect 403 "a reporter reports another department's leaf" AUTHZ_SCOPE_VALUE_TRACK
api rep POST /api/v1/cycles/W03/values '{"unit":"T2","leaf":"A1.06","period":"Q1","value":"abc"}' >/dev/null; expect 422 "a value that is not a number"
api rep POST /api/v1/cycles/W03/values '{"unit":"T2","leaf":"A1.06","period":"Q9","value":"1"}' >/dev/null; expect 422 "a bad period"
api rep POST /api/v1/cycles/W03/values '{"unit":"T2","leaf":"A1.06","period":"Y","value":"150"}' >/dev/null
expect 409 "a year-end value during tracking" AUTHZ_STATE_VALUE_YEAREND
api admin POST /api/v1/cycles/W03/advance '{}' >/dev/null; expect 200 "advance to evaluation"
api rep POST /api/v1/cycles/W03/values '{"unit":"T2","leaf":"A1.06","period":"Y","value":"150"}' >/dev/null; expect 200 "year-end value"
check "the value is stored" test "$(sqlite3 "$DB" "SELECT value FROM indicator_values v JOIN cycles c ON c.id=v.cycle_id WHERE unit='T2' AND indicator='A1.06' AND period='Y'")" = 150

# compute, publish; a unit reads its own results only
api admin POST /api/v1/cycles/W03/compute '{}' >/dev/null; expect 200 "compute"
api admin GET /api/v1/cycles/W03/results/results_units.csv >/dev/null; expect 200 "results"
check "three units ranked" test "$(grep -o '"unit":' "$TMP/body" | wc -l)" -eq 3
api t1 GET /api/v1/cycles/W03/results/results_units.csv >/dev/null
expect 409 "a unit's results before publication" AUTHZ_STATE_RESULTS_OWN
api admin POST /api/v1/cycles/W03/advance '{}' >/dev/null; expect 200 "advance to review"
api admin POST /api/v1/cycles/W03/advance '{}' >/dev/null; expect 200 "advance to publicity"
api t1 GET /api/v1/cycles/W03/results/results_units.csv >/dev/null; expect 200 "a unit's own results"
check "… only its own row" sh -c "grep -q '\"unit\":\"T1\"' $TMP/body && ! grep -q '\"unit\":\"T2\"' $TMP/body"
api t1 GET '/api/v1/cycles/W03/results/results_units.csv?unit=T2' >/dev/null; expect 200 "a unit asking for T2 gets its own"
check "… still only T1" sh -c "! grep -q '\"unit\":\"T2\"' $TMP/body"
api admin GET /api/v1/cycles/W03/results/nothing.csv >/dev/null; expect 422 "not a result table"

# an appeal: filed by the unit, blocks final, accepted with a corrected value → recomputed
api t1 POST /api/v1/cycles/W03/appeals '{"leaf":"A1.06","reason":"一季度数据漏报"}' >/dev/null; expect 200 "file an appeal"
id=$(python3 -c "import json; print(json.load(open('$TMP/body'))['id'])")
before=$(sqlite3 "$DB" "SELECT composite FROM results_units WHERE unit='T1'")
api admin POST /api/v1/cycles/W03/advance '{}' >/dev/null; expect 409 "final with an open appeal"
api t1 POST "/api/v1/appeals/$id" '{"decision":"accept","value":"10"}' >/dev/null; expect 403 "a unit cannot decide" HTTP_ROLE
api admin POST "/api/v1/appeals/$id" '{"decision":"accept"}' >/dev/null; expect 422 "accept without a value"
api admin POST "/api/v1/appeals/$id" '{"decision":"accept","value":"10","reason":"核实"}' >/dev/null; expect 200 "accept"
after=$(sqlite3 "$DB" "SELECT composite FROM results_units WHERE unit='T1'")
check "the accepted appeal recomputed T1 ($before → $after)" test "$before" != "$after"
api t1 GET /api/v1/cycles/W03/appeals >/dev/null
check "the unit sees the decision" grep -q '"state":"accepted"' "$TMP/body"
api admin POST /api/v1/cycles/W03/advance '{}' >/dev/null; expect 200 "final"
check "state final" test "$(state)" = final
api admin POST /api/v1/cycles/W03/compute '{}' >/dev/null; expect 409 "a final cycle is read-only"
api admin GET '/api/v1/audit?entity=cycle' >/dev/null; expect 200 "audit"
check "every advance audited" test "$(grep -o '"action":"advance"' "$TMP/body" | wc -l)" -eq 6
serve_stop
finish
