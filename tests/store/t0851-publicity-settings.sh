#!/usr/bin/env bash
# What 公示 shows, chosen by the office (issue 9 item 4), on every backend: `publicity set` turns
# parts of the published results off and the public rows (`results --public`, what /public/CYCLE
# renders) no longer hold them; the period defaults to 7 days from entering publicity and can be
# chosen; a bad date, an inverted period or an unknown part is refused; only the admin may
# configure, and not once final; every change is audited with before and after.
# The part cases are the table below: --parts value, then what must be absent and present.
. "$(dirname "$0")/lib.sh"
G0=$KH_SRC/tests/golden/03-transforms-target-tracking/bundle

# parts | absent (grep -E on the CSV) | present
CASES='ranking,composite,dimensions||^dim,T1,|^unit,T1,[^,]*,U,[^,]*,[0-9.]+,[0-9]+,[^,]+$
ranking|^dim,|^unit,T1,[^,]*,U,[^,]*,,[0-9]+,[^,]+$
composite,dimensions|^unit,T1,[^,]*,U,[^,]*,[0-9.]*,[0-9]|^unit,T1,[^,]*,U,[^,]*,[0-9.]+,,$
none|^dim,|^unit,T1,[^,]*,U,[^,]*,,,$'

body() {
    kh init >/dev/null
    KAOHE_NEW_PASSWORD=password1 kh user add t1 --role unit --unit T1 >/dev/null
    kh import "$G0" >/dev/null
    kh publicity set W03 --contact "考核办 0571-1234" >/dev/null || fail "configure in setup"
    for _ in 1 2 3 4; do kh cycle advance W03 >/dev/null; done
    KAOHE_NOW=2030-03-01T08:00:00Z kh cycle advance W03 >/dev/null
    kh compute W03 >/dev/null
    kh publicity show W03 >"$WORK/show"
    grep -q '^start       2030-03-01 (default)' "$WORK/show" || fail "default start: $(cat "$WORK/show")"
    grep -q '^end         2030-03-08 (default)' "$WORK/show" || fail "default end = 7 days"
    grep -q '^contact     考核办 0571-1234' "$WORK/show" || fail "contact kept from setup"
    grep -q '^appeal_days 15, until 2030-03-16T08:00:00Z' "$WORK/show" || fail "appeal deadline"
    local parts absent present
    while IFS='|' read -r parts absent present; do
        kh publicity set W03 --parts "$parts" >/dev/null
        kh results W03 --public >"$WORK/pub.csv"
        if [ -n "$absent" ] && grep -qE "$absent" "$WORK/pub.csv"; then fail "parts $parts: found $absent"; fi
        grep -qE "$present" "$WORK/pub.csv" || fail "parts $parts: missing $present in $(cat "$WORK/pub.csv")"
    done <<<"$CASES"
    # without the ranking the order is by code, not by rank
    kh publicity set W03 --parts composite >/dev/null
    [ "$(grep '^unit,' "$WORK/pub.csv" | cut -d, -f2 | tr '\n' ' ')" = "T1 T2 T3 " ] || fail "units by code when the ranking is off"
    kh publicity set W03 --start 2030-03-02 --end 2030-03-20 --howto "请于截止前提交书面材料" >/dev/null
    kh results W03 --public >"$WORK/pub.csv"
    grep -q '^info,start,2030-03-02$' "$WORK/pub.csv" || fail "chosen start"
    grep -q '^info,end,2030-03-20$' "$WORK/pub.csv" || fail "chosen end"
    grep -q '^info,howto,请于截止前提交书面材料$' "$WORK/pub.csv" || fail "chosen text"
    expect_fail "2030-02-30 is not a valid date" kh publicity set W03 --end 2030-02-30
    expect_fail "the publication ends (2030-03-01) before it starts (2030-03-02)" kh publicity set W03 --end 2030-03-01
    expect_fail "unknown part rank" kh publicity set W03 --parts rank
    expect_fail "(role unit) may not configure what publicity shows" env KAOHE_PASSWORD=password1 "$KAOHE" --lang en publicity set W03 --parts none --user t1 --db "$DB"
    KAOHE_PASSWORD=password1 "$KAOHE" --lang en publicity show W03 --user t1 --db "$DB" | grep -q '^ranking' || fail "a unit reads the settings"
    kh publicity set W03 --end "" >/dev/null
    kh publicity show W03 | grep -q '^end         2030-03-09 (default)' || fail "an empty end restores the default (7 days from the chosen start)"
    # audit: one update per change, before and after
    [ "$(sql "SELECT COUNT(*) FROM audit WHERE entity = 'publicity' AND action = 'update'")" -eq 8 ] || fail "8 audited changes"
    sql "SELECT before_json || ' ' || after_json FROM audit WHERE entity = 'publicity' ORDER BY seq DESC LIMIT 1" >"$WORK/a"
    grep -q '"end":"2030-03-20".*"end":""' "$WORK/a" || fail "the audit record holds before and after: $(cat "$WORK/a")"
    kh cycle advance W03 >/dev/null
    expect_fail "is final: may not configure what publicity shows" kh publicity set W03 --parts none
    kh audit verify | grep -q intact || fail "audit chain intact"
}
for_each_backend body
