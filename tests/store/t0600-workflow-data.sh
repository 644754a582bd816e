#!/usr/bin/env bash
# Every workflow rule of SPEC §9.1–§9.4 on data is refused with a clear
# message, on every backend: targets only in agreement, tracking values only
# in tracking, year-end values only in evaluation, appeals only in publicity
# and within appeal_days, open appeals block final, a final cycle is
# read-only until an audited reopen; who may do what; every change audited.
. "$(dirname "$0")/lib.sh"
G0=$KH_SRC/tests/golden/03-transforms-target-tracking/bundle

as_unit() { KAOHE_PASSWORD=unitpass1 "$KAOHE" --lang en "$@" --user t1 --db "$DB"; }

body() {
    # The golden bundle with one leaf given to a reporting department, so a
    # reporter has something of its own (and A1.03, of nobody, is not).
    G=$TMPROOT/bundle-dept
    rm -rf "$G" && cp -r "$G0" "$G"
    sed -i 's/^A1.06,A1,税收,quant,万元,benefit,target,,,,/A1.06,A1,税收,quant,万元,benefit,target,,,税务所,/' "$G/indicators.csv"
    grep -q '税务所' "$G/indicators.csv" || fail "department not set in the test bundle"
    kh init >/dev/null
    KAOHE_NEW_PASSWORD=unitpass1 kh user add t1 --role unit --unit T1 >/dev/null
    KAOHE_NEW_PASSWORD=reppass11 kh user add rep --role reporter --department 税务所 >/dev/null
    expect_fail "needs --department" kh user add rep2 --role reporter
    kh import "$G" >/dev/null
    # setup: no agreement yet
    expect_fail "may not propose targets there; allowed only in agreement" kh agreement propose W03 T1 A1.03 3 --note n
    expect_fail "may not advance a cycle: only role admin may" as_unit cycle advance W03
    kh cycle advance W03 >/dev/null                                 # → agreement
    expect_fail "not scored against a target" kh agreement propose W03 T1 A1.04 3 --note n
    expect_fail "needs a justification" kh agreement propose W03 T1 A1.03 3
    expect_fail "(role unit, confined to T1) may not propose targets for T2: not its own" as_unit agreement propose W03 T2 A1.03 3 --note n
    expect_fail "cannot be 0" as_unit agreement propose W03 T1 A1.03 0 --note n
    expect_fail "is not a number" as_unit agreement propose W03 T1 A1.03 abc --note n
    expect_fail "no unit T9" kh agreement propose W03 T9 A1.03 3 --note n
    as_unit agreement propose W03 T1 A1.03 3 --note "更严格的安全目标" >/dev/null || fail "unit proposes"
    expect_fail "may not approve targets" as_unit agreement approve W03 T1 A1.03
    expect_fail "needs a comment" kh agreement return W03 T1 A1.03
    kh agreement return W03 T1 A1.03 --comment "太松" >/dev/null
    # a returned target leaves T1's agreement incomplete: the cycle stays in agreement
    expect_fail "performance agreements of cycle W03 are not complete" kh cycle advance W03
    kh cycle show W03 | grep -q "agreement" || fail "cycle left agreement with a returned target"
    expect_fail "only a proposed target" kh agreement approve W03 T1 A1.03
    as_unit agreement propose W03 T1 A1.03 2 --note "再议" >/dev/null
    kh agreement approve W03 T1 A1.03 --comment ok >/dev/null
    kh agreement list W03 --unit T1 | grep -q "A1.03 .* 2 .*approved" || fail "list shows approved 2"
    kh agreement print W03 T1 | grep -q "Q2 1 " || fail "printed agreement with milestones"
    # the unproposed T1 A1.05 target keeps the cycle from validating
    expect_fail "may not enter tracking values (quarters, months) there; allowed only in setup, tracking" kh track W03 T1 A1.06 Q3 150
    kh cycle advance W03 >/dev/null                                 # → tracking
    expect_fail "may not propose targets there; allowed only in agreement" as_unit agreement propose W03 T1 A1.03 3 --note n
    expect_fail "may not enter year-end values (period Y) there; allowed only in setup, evaluation" kh track W03 T1 A1.06 Y 1
    expect_fail "confined to T1) may not enter tracking values (quarters, months) for T2" as_unit track W03 T2 A1.06 Q3 1
    expect_fail "is not a quant leaf" kh track W03 T1 A Q1 1
    expect_fail "period must be" kh track W03 T1 A1.06 Q5 1
    as_unit track W03 T1 A1.06 Q3 100 | grep -q "T1 .*A1.06 .*Q3 .*red" || fail "track lists the new red warning"
    kh track W03 | grep -q "progress: green" || fail "warning summary"
    kh cycle advance W03 >/dev/null                                 # → evaluation
    expect_fail "may not enter tracking values (quarters, months) there; allowed only in setup, tracking" as_unit track W03 T1 A1.06 Q4 1
    expect_fail "may not enter year-end values" as_unit track W03 T1 A1.06 Y 1
    KAOHE_PASSWORD=reppass11 "$KAOHE" --lang en track W03 T1 A1.06 Y 190 --user rep --db "$DB" >/dev/null || fail "reporter enters Y"
    expect_fail "confined to 税务所) may not enter year-end values (period Y) for A1.03" env KAOHE_PASSWORD=reppass11 "$KAOHE" --lang en track W03 T1 A1.03 Y 5 --user rep --db "$DB"
    expect_fail "may not file appeals there; allowed only in publicity" as_unit appeal file W03 T1 A1.06 --reason r
    kh compute W03 >/dev/null
    kh cycle advance W03 >/dev/null                                 # → review
    KAOHE_NOW=2030-03-01T00:00:00Z kh cycle advance W03 >/dev/null  # → publicity
    expect_fail "needs a reason" env KAOHE_NOW=2030-03-02T00:00:00Z KAOHE_PASSWORD=unitpass1 "$KAOHE" --lang en appeal file W03 T1 A1.06 --user t1 --db "$DB"
    expect_fail "is a node" env KAOHE_NOW=2030-03-02T00:00:00Z "$KAOHE" --lang en appeal file W03 T1 A1 --reason r --db "$DB"
    # the deadline: 15 days (default) after entering publicity, to the second
    KAOHE_NOW=2030-03-16T00:00:00Z as_unit appeal file W03 T1 A1.06 --reason "税收口径有误" >/dev/null || fail "appeal on the last day"
    expect_fail "appeal period is over" env KAOHE_NOW=2030-03-16T00:00:01Z "$KAOHE" --lang en appeal file W03 T2 A1.06 --reason late --db "$DB"
    expect_fail "already has open appeal" env KAOHE_NOW=2030-03-02T00:00:00Z KAOHE_PASSWORD=unitpass1 "$KAOHE" --lang en appeal file W03 T1 A1.06 --reason again --user t1 --db "$DB"
    KAOHE_NOW=2030-03-03T00:00:00Z kh appeal file W03 T3 A1.05 --reason "投诉重复计算" >/dev/null
    expect_fail "open appeal(s): it cannot become final" kh cycle advance W03
    expect_fail "may not reject appeals" as_unit appeal reject 1 --reason no
    expect_fail "needs a reason" kh appeal reject 2
    kh appeal reject 2 --reason "核实无误" >/dev/null
    expect_fail "already decided" kh appeal accept 2 --value 1 --reason r
    expect_fail "corrected year-end value (--value)" kh appeal accept 1 --reason r
    before=$(sql "SELECT score FROM results_nodes WHERE unit = 'T1' AND node = 'A1.06'")
    kh appeal accept 1 --value 200 --reason "统计局更正" >/dev/null
    [ "$(sql "SELECT value FROM indicator_values WHERE unit = 'T1' AND indicator = 'A1.06' AND period = 'Y'")" = 200 ] || fail "value corrected"
    after=$(sql "SELECT score FROM results_nodes WHERE unit = 'T1' AND node = 'A1.06'")
    [ "$before" != "$after" ] && [ "$after" = 100 ] || fail "recomputed after accept: $before → $after"
    kh appeal list W03 | grep -q "accepted" || fail "appeal list"
    kh cycle advance W03 >/dev/null                                 # → final
    expect_fail "final: only an audited reopen" kh track W03 T1 A1.06 Y 1
    expect_fail "final: only an audited reopen" kh compute W03
    expect_fail "final: only an audited reopen" kh agreement propose W03 T1 A1.03 3 --note n
    expect_fail "final: only an audited reopen" kh appeal file W03 T1 A1.06 --reason r
    expect_fail "is final: may not import a cycle" kh import "$G" --replace
    expect_fail "needs a reason" kh cycle reopen W03
    kh cycle reopen W03 --reason "上级要求复核" >/dev/null
    kh track W03 T1 A1.06 Y 210 >/dev/null || fail "evaluation again after reopen"
    # every change is in the chain
    local log
    log=$(kh audit log)
    for e in "propose	target" "return	target" "approve	target" "insert	value" "update	value" \
             "insert	appeal" "reject	appeal" "accept	appeal" "reopen	cycle"; do
        grep -qF "$e" <<<"$log" || fail "no audit record '$e'"
    done
    kh audit verify | grep -q intact || fail "chain"
}

for_each_backend body
