#!/usr/bin/env bash
# Rectification items (整改事项, SPEC §9.6) on every backend: recorded by the
# admin only once a cycle is final; listed (a unit sees only its own);
# closed with a note; open ones carry into the next cycle's agreement
# (cycle.csv previous), where approving a unit's target is refused, naming
# the items, until the unit has answered each with a target or a note;
# closed items do not carry; the printed agreement lists the carried items
# with their answers; every change and refusal is audited.
. "$(dirname "$0")/lib.sh"
G0=$KH_SRC/tests/golden/03-transforms-target-tracking/bundle

# as USER ARGS… — run kaohe as a user with a password
as() { local u=$1; shift; KAOHE_PASSWORD=password1 "$KAOHE" --lang en "$@" --user "$u" --db "$DB"; }
audits() { sql "SELECT COUNT(*) FROM audit WHERE entity = 'rectify' AND action = '$1'"; }
refusals() { sql "SELECT COUNT(*) FROM audit WHERE action = 'refuse' AND \"key\" = '$1'"; }
to_state() {   # to_state CYCLE STATE: advance (computing where needed) until there
    while [ "$(sql "SELECT state FROM cycles WHERE code = '$1'")" != "$2" ]; do
        kh cycle advance "$1" >/dev/null 2>&1 || { kh compute "$1" >/dev/null; kh cycle advance "$1" >/dev/null; }
    done
}

body() {
    local G=$TMPROOT/w03-$BACKEND N=$TMPROOT/w04-$BACKEND
    rm -rf "$G" "$N" && cp -r "$G0" "$G" && cp -r "$G0" "$N"
    printf 'key,value\ncode,W04\nprevious,W03\nstart,2025-01-01\nend,2025-12-31\n' >"$N/cycle.csv"
    kh init >/dev/null
    for u in "t1 --role unit --unit T1" "t2 --role unit --unit T2" "vie --role viewer"; do
        # shellcheck disable=SC2086
        KAOHE_NEW_PASSWORD=password1 kh user add $u >/dev/null
    done
    kh import "$G" >/dev/null

    # before final: refused, audited, nothing stored
    expect_fail "may not record rectification items there; allowed only in final" kh rectify add W03 T1 "问题"
    [ "$(refusals rectify.add)" = 1 ] || fail "refused add not audited"
    [ "$(sql 'SELECT COUNT(*) FROM rectify_items')" = 0 ] || fail "a refused add stored an item"
    to_state W03 final

    # add: admin only; unit, leaf and text are checked
    [ "$(kh rectify add W03 T1 '安全事故多发' --leaf A1.03)" = "recorded rectification item 1 (T1)" ] || fail "add 1"
    kh rectify add W03 T1 '台账不全' >/dev/null
    kh rectify add W03 T2 '乙镇的问题' >/dev/null
    kh rectify add W03 T1 '已整改的问题' >/dev/null
    expect_fail "(role unit) may not record rectification items" as t1 rectify add W03 T1 x
    expect_fail "no unit NOPE" kh rectify add W03 NOPE x
    expect_fail "the cycle has no indicator ZZ" kh rectify add W03 T1 x --leaf ZZ
    expect_fail "needs the problem" kh rectify add W03 T1 " "
    [ "$(audits insert)" = 4 ] || fail "adds audited: $(audits insert)"
    [ "$(sql "SELECT \"key\" FROM audit WHERE entity = 'rectify' AND action = 'insert' ORDER BY seq LIMIT 1")" = W03/1 ] \
        || fail "audit key of an item"

    # close: with a note, once
    expect_fail "needs a note" kh rectify close 4
    expect_fail "(role unit) may not close rectification items" as t1 rectify close 4 --note n
    kh rectify close 4 --note '已完成整改' >/dev/null
    expect_fail "already closed" kh rectify close 4 --note again
    expect_fail "no rectification item 99" kh rectify close 99 --note n
    [ "$(audits close)" = 1 ] || fail "close audited"
    [ "$(sql "SELECT reason FROM audit WHERE entity = 'rectify' AND action = 'close'")" = 已完成整改 ] || fail "close reason audited"

    # list: admin and viewer all, a unit its own only
    [ "$(kh rectify list W03 | tail -n +2 | cut -d, -f1,2,5 | tr '\n' ' ')" = "1,T1,open 2,T1,open 3,T2,open 4,T1,closed " ] \
        || fail "admin list: $(kh rectify list W03)"
    [ "$(as vie rectify list W03 | tail -n +2 | wc -l)" = 4 ] || fail "viewer sees every item"
    [ "$(as t1 rectify list W03 | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" = "1 2 4 " ] || fail "unit T1 sees its own only"
    expect_fail "confined to T1) may not list rectification items for T2" as t1 rectify list W03 --unit T2
    [ "$(kh rectify list W03 --unit T2 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["id"], d[0]["text"], d[0]["state"])')" \
        = "1 3 乙镇的问题 open" ] || fail "json list"
    expect_fail "--format is csv or json" kh rectify list W03 --format xml

    # the next cycle: approval is refused while a carried item is unanswered
    kh import "$N" >/dev/null
    to_state W04 agreement
    kh agreement propose W04 T1 A1.03 3 --note n >/dev/null
    kh agreement propose W04 T2 A1.03 3 --note n >/dev/null
    local out
    out=$(kh agreement approve W04 T1 A1.03 2>&1) && fail "approved with unanswered items"
    grep -qF "unit T1 has unanswered rectification items 1, 2:" <<<"$out" || fail "refusal names the items: $out"
    expect_fail "unit T2 has unanswered rectification items 3:" kh agreement approve W04 T2 A1.03
    [ "$(sql "SELECT status FROM targets t JOIN cycles c ON c.id = t.cycle_id WHERE c.code = 'W04' AND unit = 'T1' AND indicator = 'A1.03'")" = proposed ] \
        || fail "a refused approval changed the target"
    kh agreement print W04 T1 | grep -qF "not answered yet" || fail "print shows an unanswered item"

    # answers: the unit for itself (or the admin for it), in the later cycle's agreement
    expect_fail "confined to T1) may not answer rectification items in the agreement for T2" as t1 rectify answer W04 3 --note x
    expect_fail "cycle W03 is final" kh rectify answer W03 1 --note x
    expect_fail "rectification item 4 is closed" kh rectify answer W04 4 --note x
    expect_fail "one of --target or --note" kh rectify answer W04 1
    as t1 rectify answer W04 1 --target '安全事故起数降至 3 起以下' >/dev/null
    expect_fail "unit T1 has unanswered rectification items 2:" kh agreement approve W04 T1 A1.03
    as t1 rectify answer W04 2 --note '初稿' >/dev/null
    as t1 rectify answer W04 2 --note '年内建立台账制度' >/dev/null
    kh agreement approve W04 T1 A1.03 >/dev/null || fail "approval after every item is answered"
    kh rectify answer W04 3 --note '由考核办代为答复' >/dev/null
    kh agreement approve W04 T2 A1.03 >/dev/null || fail "T2 approval after its answer"
    [ "$(audits answer)" = 3 ] && [ "$(audits update)" = 1 ] || fail "answers audited: $(audits answer) $(audits update)"
    [ "$(sql "SELECT COUNT(*) FROM rectify_answers")" = 3 ] || fail "a second answer replaces the first"

    # the printed agreement: carried items with their answers, no closed item, no other unit's
    kh agreement print W04 T1 >"$WORK/print"
    grep -qF "rectification items carried over" "$WORK/print" || fail "print has the section: $(cat "$WORK/print")"
    grep -qF "[1] 来自 from W03  指标 leaf A1.03：安全事故多发" "$WORK/print" || fail "print item 1"
    grep -qF "答复 answer（目标 target）: 安全事故起数降至 3 起以下" "$WORK/print" || fail "print answer 1"
    grep -qF "答复 answer（说明 note）: 年内建立台账制度" "$WORK/print" || fail "print answer 2"
    grep -qF "初稿" "$WORK/print" && fail "the replaced answer is printed"
    grep -qF "已整改的问题" "$WORK/print" && fail "a closed item carried"
    grep -qF "乙镇的问题" "$WORK/print" && fail "another unit's item printed"
    grep -qF "not answered yet" "$WORK/print" && fail "answered items printed as unanswered"
    # closing an answered item later does not take it out of the signed agreement
    kh rectify close 2 --note '已建立' >/dev/null
    kh agreement print W04 T1 | grep -qF "年内建立台账制度" || fail "a closed, answered item left the agreement"
    # the first cycle's own agreement has nothing carried into it
    kh agreement print W03 T1 | grep -qF "carried over" && fail "items carried into their own cycle"
    kh audit verify | grep -q intact || fail "audit chain intact"
}
for_each_backend body
