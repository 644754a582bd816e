#!/usr/bin/env bash
# Ratings entered one by one (rater forms, SPEC §4): a rater enters and sees
# only its own ratings, never another rater's; the office types in paper
# forms for any rater; bad input is named at entry; a re-entry replaces;
# every entry audited; the cycle computes with the entered ratings.
. "$(dirname "$0")/lib.sh"
G=$KH_SRC/tests/golden/04-ratings/bundle

as_p1() { KAOHE_PASSWORD=password1 "$KAOHE" --lang en "$@" --user p1 --db "$DB"; }

body() {
    kh init >/dev/null
    KAOHE_NEW_PASSWORD=password1 kh user add p1 --role rater --rater P1 >/dev/null
    expect_fail "needs --rater" kh user add p9 --role rater
    kh import "$G" --cycle W04 >/dev/null
    n0=$(kh rating list W04 | wc -l)
    # a rater sees its own ratings only
    own=$(as_p1 rating list W04 | tail -n +2)
    [ -n "$own" ] || fail "p1 sees its own ratings"
    grep -qv '^P1,' <<<"$own" && fail "p1 sees another rater's rating: $own"
    # enter its own (a draft of its form, tests/store/t0811), submit: replaces
    # (same row count), and is audited
    as_p1 rating set W04 T1 A1.01 差 >/dev/null || fail "p1 rates T1"
    as_p1 rating submit W04 T1 >/dev/null || fail "p1 submits its form for T1"
    [ "$(kh rating list W04 | wc -l)" -eq "$n0" ] || fail "a re-entry replaces, it does not add"
    kh rating list W04 | grep -q '^P1,T1,A1.01,差,submitted$' || fail "the new score is stored"
    kh audit log --entity rating | grep -q 'W04/P1/T1/A1.01' || fail "rating audited"
    # never as another rater
    expect_fail "(role rater, confined to P1) may not enter ratings for P2" as_p1 rating set W04 T1 A1.01 好 --rater P2
    # bad input, named at entry
    expect_fail "no rater P9" kh rating set W04 T1 A1.01 好 --rater P9
    expect_fail "no unit or cadre T9" kh rating set W04 T9 A1.01 好 --rater P2
    expect_fail "no qual leaf or cadre dimension A9" kh rating set W04 T1 A9 好 --rater P2
    expect_fail "neither a level of scale team" kh rating set W04 T1 A1.01 优 --rater P2
    expect_fail "outside 0–100" kh rating set W04 T1 A1.02 101 --rater P2
    # the office types in a new rating for a rater: appended, and the cycle computes
    kh rating set W04 T3 A1.02 77 --rater P4 >/dev/null || fail "admin enters for P4"
    [ "$(kh rating list W04 | wc -l)" -eq $((n0 + 1)) ] || fail "a new rating is appended"
    kh compute W04 >/dev/null || fail "compute with entered ratings"
    kh export W04 "$WORK/exp" >/dev/null
    tail -1 "$WORK/exp/ratings.csv" | grep -q '^P4,T3,A1.02,77$' || fail "export carries the new rating last"
    kh rating list W04 | grep -q '^P4,T3,A1.02,77,entered$' || fail "the office's entry counts at once, not submitted"
    # not outside setup/evaluation
    kh cycle advance W04 >/dev/null
    expect_fail "may not enter ratings there; allowed only in setup, evaluation" as_p1 rating set W04 T1 A1.01 好
    kh audit verify | grep -q "stored data matches its seals" || fail "seals after ratings"
}
for_each_backend body
