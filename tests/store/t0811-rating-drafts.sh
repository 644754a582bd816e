#!/usr/bin/env bash
# Rater forms (issue 9 item 3): a rater user's entries are drafts that the
# engine, export and the office's list never see; submitting a ratee's form
# moves them into the ratings (appended as the bundle writer would) and
# makes the form read-only; a second submit or an edit is refused; the
# admin's reopen (evaluation, reason required) is audited with its reason,
# the submitted ratings keep counting, and edit + resubmit replaces them in
# place; another rater neither sees nor submits the first one's drafts, and
# those refusals are audited.
. "$(dirname "$0")/lib.sh"
G=$KH_SRC/tests/golden/04-ratings/bundle

as_p5() { KAOHE_PASSWORD=password1 "$KAOHE" --lang en "$@" --user p5 --db "$DB"; }
as_p2() { KAOHE_PASSWORD=password1 "$KAOHE" --lang en "$@" --user p2 --db "$DB"; }
refusals() { sql "SELECT COUNT(*) FROM audit WHERE action = 'refuse' AND \"key\" = '$1'"; }

body() {
    kh init >/dev/null
    KAOHE_NEW_PASSWORD=password1 kh user add p5 --role rater --rater P5 >/dev/null
    KAOHE_NEW_PASSWORD=password1 kh user add p2 --role rater --rater P2 >/dev/null
    kh import "$G" --cycle W04 >/dev/null
    kh compute W04 >/dev/null
    kh export W04 "$WORK/exp0" >/dev/null
    n0=$(kh rating list W04 | wc -l)

    # drafts: validated when saved, seen by their rater only, never counted
    as_p5 rating set W04 T2 A1.01 差 | grep -q "draft saved" || fail "p5 saves a draft"
    as_p5 rating set W04 T2 A1.02 10 >/dev/null
    expect_fail "neither a level of scale team" as_p5 rating set W04 T2 A1.01 优
    expect_fail "outside 0–100" as_p5 rating set W04 T2 A1.02 101
    [ "$(sql "SELECT COUNT(*) FROM rating_drafts WHERE rater = 'P5'")" -eq 2 ] || fail "two valid drafts stored, no invalid one"
    [ "$(sql "SELECT score FROM rating_drafts WHERE rater = 'P5' AND item = 'A1.02'")" = 10 ] || fail "a refused re-entry left the draft alone"
    [ "$(sql "SELECT COUNT(*) FROM ratings WHERE rater = 'P5' AND ratee = 'T2'")" -eq 0 ] || fail "a draft is not a rating"
    [ "$(kh rating list W04 | wc -l)" -eq "$n0" ] || fail "the office's list shows no draft"
    as_p5 rating list W04 | grep -q '^P5,T2,A1.01,差,draft$' || fail "p5 lists its draft with status draft"
    as_p5 rating forms W04 | grep -q '^P5,T2,draft,,2,0$' || fail "p5's form for T2 is a draft of 2 items"
    kh export W04 "$WORK/exp1" >/dev/null
    cmp -s "$WORK/exp0/ratings.csv" "$WORK/exp1/ratings.csv" || fail "export carries no draft"
    kh compute W04 >/dev/null
    kh export W04 "$WORK/exp1" >/dev/null
    cmp -s "$WORK/exp0/results_units.csv" "$WORK/exp1/results_units.csv" || fail "compute ignores drafts"

    # another rater: neither sees nor submits them; refusals audited
    as_p2 rating list W04 | grep -q '^P5,' && fail "p2 sees p5's ratings or drafts"
    as_p2 rating forms W04 | grep -q '^P5,' && fail "p2 sees p5's forms"
    as_p2 rating list W04 | grep -q '^P2,T1,A1.01,好,entered$' || fail "p2 sees its own"
    local b; b=$(refusals rating.submit)
    expect_fail "(role rater, confined to P2) may not submit rating forms (read-only once submitted) for P5" \
        as_p2 rating submit W04 T2 --rater P5
    [ "$(refusals rating.submit)" -eq $((b + 1)) ] || fail "the refused submit is audited"
    b=$(refusals rating.enter)
    expect_fail "(role rater, confined to P2) may not enter ratings for P5" as_p2 rating set W04 T2 A1.01 好 --rater P5
    [ "$(refusals rating.enter)" -eq $((b + 1)) ] || fail "the refused entry is audited"
    [ "$(sql "SELECT COUNT(*) FROM rating_drafts WHERE rater = 'P5'")" -eq 2 ] || fail "p5's drafts untouched by p2"
    expect_fail "may not submit rating forms" kh rating submit W04 T2 --rater P5   # the admin does not submit for a rater

    # nothing to submit
    expect_fail "rater P5 has neither drafts nor ratings for T3: nothing to submit" as_p5 rating submit W04 T3
    # submit: the drafts become ratings, appended; the form is read-only
    as_p5 rating submit W04 T2 | grep -q "2 drafts now count" || fail "p5 submits T2"
    [ "$(sql "SELECT COUNT(*) FROM rating_drafts WHERE rater = 'P5'")" -eq 0 ] || fail "submitted drafts are gone"
    [ "$(kh rating list W04 | wc -l)" -eq $((n0 + 2)) ] || fail "two new ratings"
    kh rating list W04 | grep -q '^P5,T2,A1.01,差,submitted$' || fail "the submitted rating counts"
    kh export W04 "$WORK/exp2" >/dev/null
    [ "$(tail -2 "$WORK/exp2/ratings.csv" | tr '\n' ' ')" = "P5,T2,A1.01,差 P5,T2,A1.02,10 " ] || fail "submitted ratings appended at the end"
    kh compute W04 >/dev/null
    kh export W04 "$WORK/exp2" >/dev/null
    cmp -s "$WORK/exp0/results_units.csv" "$WORK/exp2/results_units.csv" && fail "the submitted ratings change the results"
    kh audit log --entity rating-form | grep -q 'submit.*W04/P5/T2' || fail "the submission is audited"
    kh rating forms W04 | grep -q '^P5,T2,submitted,20' || fail "the office sees the form submitted, with its time"
    expect_fail "the ratings of rater P5 for T2 are already submitted and read-only" as_p5 rating submit W04 T2
    expect_fail "already submitted and read-only: ask the office to reopen" as_p5 rating set W04 T2 A1.01 好
    [ "$(sql "SELECT COUNT(*) FROM rating_drafts WHERE rater = 'P5'")" -eq 0 ] || fail "no draft after a refused edit"
    # the office's own entry still goes straight into the ratings
    kh rating set W04 T3 A1.02 55 --rater P5 >/dev/null
    kh rating list W04 | grep -q '^P5,T3,A1.02,55,entered$' || fail "the admin's entry counts at once"

    # reopen: evaluation only, a reason, the admin only
    expect_fail "may not reopen submitted rating forms there; allowed only in evaluation" kh rating reopen W04 P5 T2 --reason r
    for _ in 1 2 3; do kh cycle advance W04 >/dev/null; done
    [ "$(kh cycle show W04 | grep -c evaluation)" -ge 1 ] || fail "the cycle is in evaluation"
    expect_fail "reopening needs a reason" kh rating reopen W04 P5 T2
    b=$(refusals rating.reopen)
    expect_fail "(role rater) may not reopen submitted rating forms" as_p5 rating reopen W04 P5 T2 --reason r
    [ "$(refusals rating.reopen)" -eq $((b + 1)) ] || fail "the refused reopen is audited"
    kh rating reopen W04 P5 T2 --reason "评分笔误，申请更正" | grep -q reopened || fail "the admin reopens"
    kh audit log --entity rating-form | grep 'reopen' | grep 'W04/P5/T2' | grep -q '评分笔误，申请更正' || fail "the reopen is audited with its reason"
    expect_fail "are not submitted: there is nothing to reopen" kh rating reopen W04 P5 T2 --reason again
    kh rating list W04 | grep -q '^P5,T2,A1.01,差,entered$' || fail "the submitted ratings keep counting after a reopen"
    # edit and resubmit: replaced in place
    as_p5 rating set W04 T2 A1.01 好 >/dev/null || fail "p5 edits after the reopen"
    kh rating list W04 | grep -q '^P5,T2,A1.01,差,entered$' || fail "the edit is a draft until resubmitted"
    as_p5 rating submit W04 T2 | grep -q "1 drafts now count" || fail "p5 resubmits"
    kh export W04 "$WORK/exp3" >/dev/null
    [ "$(wc -l <"$WORK/exp3/ratings.csv")" -eq $(( $(wc -l <"$WORK/exp2/ratings.csv") + 1 )) ] || fail "a resubmission adds no row for the same item (one row: the office's P5,T3)"
    grep -n '^P5,T2,A1.01,' "$WORK/exp3/ratings.csv" | grep -q "^$(grep -n '^P5,T2,A1.01,' "$WORK/exp2/ratings.csv" | cut -d: -f1):P5,T2,A1.01,好$" \
        || fail "the resubmitted rating replaced the old one in its place"
    expect_fail "already submitted" as_p5 rating set W04 T2 A1.02 20
    kh audit verify | grep -q intact || fail "audit chain intact"
}
for_each_backend body
