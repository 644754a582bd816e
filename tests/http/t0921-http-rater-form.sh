#!/usr/bin/env bash
# Rater forms on a real server (issue 9 item 3): a rater's page has one section per ratee; 保存草稿
# stores drafts that count for nothing; 提交 asks for confirmation first (no script), then the
# drafts count and the section is read-only with its submission time; an edit afterwards is
# refused (page: the error named in X-Kaohe-Error; API: 409); another rater sees none of it; the
# office sees the form submitted, reopens it with a reason (audited), and the rater edits and
# resubmits.  Hostile names are escaped.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
kh init >/dev/null
kh import "$KH_SRC/tests/golden/04-ratings/bundle" --cycle W04 >/dev/null
sqlite3 "$DB" "UPDATE units SET name = '<b>乙镇</b>' WHERE code = 'T2'"
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
for u in "p5 --role rater --rater P5" "p2 --role rater --rater P2"; do
    # shellcheck disable=SC2086
    KAOHE_NEW_PASSWORD=password-1 KAOHE_PASSWORD=password-1 kh user add $u --user admin >/dev/null
done
TOKEN_p5=$(KAOHE_PASSWORD=password-1 kh user token p5 --label test --user p5)
serve_start "$DB"
for u in admin p5 p2; do check "$u signs in" test "$(signin "$u" password-1)" = 303; done
q() { sqlite3 "$DB" "$1"; }
lacks() { ! grep -q -- "$1" <<<"$2"; }
# section USER RATEE: the HTML of that ratee's section of USER's ratings page
section() { get "$1" /cycles/W04/ratings | tr '\n' ' ' | grep -o "<section class=\"card rater-form\" id=\"form-$2\">.*" | sed 's|</section>.*||'; }

get p5 /cycles/W04/ratings >"$TMP/p5.html"
check "one section per ratee" test "$(grep -o 'class="card rater-form"' "$TMP/p5.html" | wc -l)" -eq 3
check "a draft button per ratee" test "$(grep -o 'id="draft-T[123]">保存草稿' "$TMP/p5.html" | wc -l)" -eq 3
check "… submit of T2" grep -q 'id="submit-T2"' "$TMP/p5.html"
check "the unit's name is escaped" grep -q '&lt;b&gt;乙镇&lt;/b&gt;' "$TMP/p5.html"
check "no raw hostile name" sh -c "! grep -q '<b>乙镇' $TMP/p5.html"

# draft: saved, not a rating, shown to its rater only
r=$(post p5 /cycles/W04/ratings form=T2 r:T2:A1.01=差 r:T2:A1.02=10)
check "save draft → 303 back with ok ($r)" grep -q '^303 /cycles/W04/ratings?ok=' <<<"$r"
check "two drafts stored" test "$(q "SELECT COUNT(*) FROM rating_drafts WHERE rater = 'P5' AND ratee = 'T2'")" -eq 2
check "a draft is not a rating" test "$(q "SELECT COUNT(*) FROM ratings WHERE rater = 'P5' AND ratee = 'T2'")" -eq 0
check "the draft fills the form" grep -q '<option value="差" selected>' <<<"$(section p5 T2)"
check "the section says draft" grep -q 'id="status-T2">草稿' <<<"$(section p5 T2)"
s=$(section p2 T2)
check "p2's own T2 shows its own rating" grep -q '<option value="较好" selected>' <<<"$s"
check "… not p5's draft" lacks '<option value="差" selected>' "$s"
check "p2 reads the API" grep -q '"P2"' <<<"$(get p2 /api/v1/cycles/W04/ratings)"
check "p2 sees no P5 in the API" lacks '"P5"' "$(get p2 /api/v1/cycles/W04/ratings)"
r=$(post p2 /cycles/W04/ratings/submit form=T2 ratee=T2 confirm=1 r:T2:A1.01=好)
check "p2 submits its own T2, not p5's ($r)" test "$(q "SELECT rater FROM rating_submissions")" = P2
check "p5's drafts untouched" test "$(q "SELECT COUNT(*) FROM rating_drafts WHERE rater = 'P5'")" -eq 2

# submit: a confirmation first, then final
r=$(post p5 /cycles/W04/ratings/submit form=T2 r:T2:A1.01=差 r:T2:A1.02=10)
check "submit asks for confirmation ($r)" grep -q '^303 /cycles/W04/ratings?confirm=T2#form-T2' <<<"$r"
check "… and submits nothing yet" test "$(q "SELECT COUNT(*) FROM rating_submissions WHERE rater = 'P5'")" -eq 0
get p5 '/cycles/W04/ratings?confirm=T2' | tr '\n' ' ' >"$TMP/confirm.html"
check "the confirmation warns that it is final" grep -q 'id="confirm-T2">[^<]*提交后本表只读' "$TMP/confirm.html"
check "… with a confirm button" grep -q 'name="confirm" value="1" id="confirm-submit-T2"' "$TMP/confirm.html"
r=$(post p5 /cycles/W04/ratings/submit form=T2 confirm=1 r:T2:A1.01=差 r:T2:A1.02=10)
check "confirmed submit → 303 ok ($r)" grep -q '^303 /cycles/W04/ratings?ok=' <<<"$r"
check "the drafts count now" test "$(q "SELECT COUNT(*) FROM ratings WHERE rater = 'P5' AND ratee = 'T2'")" -eq 2
check "no draft left" test "$(q "SELECT COUNT(*) FROM rating_drafts WHERE rater = 'P5'")" -eq 0
at=$(q "SELECT submitted_at FROM rating_submissions WHERE rater = 'P5' AND ratee = 'T2'")
s=$(section p5 T2)
check "the submitted section is read-only" lacks 'name="r:T2:' "$s"
check "… shows its submission time $at" grep -q "$at" <<<"$s"
check "… and its values" grep -q '<td>差</td>' <<<"$s"
check "the other sections stay editable" grep -q 'name="r:T3:A1.01"' <<<"$(section p5 T3)"

# an edit after submission: refused
r=$(post p5 /cycles/W04/ratings form=T2 r:T2:A1.01=好)
check "a page edit is refused, naming the rule ($r)" grep -q 'RATING_SUBMITTED$' <<<"$r"
api p5 POST /api/v1/cycles/W04/ratings '{"ratee":"T2","item":"A1.01","score":"好"}' >"$TMP/b"
check "the API answers 409 ($(cat "$TMP/st"))" test "$(cat "$TMP/st")" = 409
check "… with the message" grep -q 'RATING_SUBMITTED' "$TMP/b"
api p5 POST /api/v1/cycles/W04/ratings/submit '{"ratee":"T2"}' >/dev/null
check "a second submit: 409" test "$(cat "$TMP/st")" = 409
check "the rating is unchanged" test "$(q "SELECT score FROM ratings WHERE rater = 'P5' AND ratee = 'T2' AND item = 'A1.01'")" = 差

# the office: status table, reopen with a reason (evaluation only)
get admin /cycles/W04/ratings >"$TMP/admin.html"
check "the office sees the form submitted" grep -q '<tr id="form-P5-T2"><td>P5</td><td>T2</td><td>已提交</td><td>'"$at" "$TMP/admin.html"
check "no reopen form in setup" lacks 'ratings/reopen' "$(cat "$TMP/admin.html")"
for _ in 1 2 3; do KAOHE_PASSWORD=password-1 kh cycle advance W04 --user admin >/dev/null; done
get admin /cycles/W04/ratings >"$TMP/admin.html"
check "a reopen form with a required reason" grep -q 'name="reason" required' "$TMP/admin.html"
r=$(post admin /cycles/W04/ratings/reopen rater=P5 ratee=T2 reason=)
check "reopen without a reason is refused ($r)" grep -q '^303 /cycles/W04/ratings?err=' <<<"$r"
check "… and changes nothing" test "$(q "SELECT COUNT(*) FROM rating_submissions WHERE rater = 'P5'")" -eq 1
r=$(post p5 /cycles/W04/ratings/reopen rater=P5 ratee=T2 reason=x)
check "a rater may not reopen ($r)" grep -q '^403 ' <<<"$r"
r=$(post admin /cycles/W04/ratings/reopen rater=P5 ratee=T2 "reason=笔误 <script>")
check "the admin reopens ($r)" grep -q '^303 /cycles/W04/ratings?ok=' <<<"$r"
check "the form is open again" test "$(q "SELECT COUNT(*) FROM rating_submissions WHERE rater = 'P5'")" -eq 0
check "the reopen is audited with its reason" test "$(q "SELECT reason FROM audit WHERE action = 'reopen' AND entity = 'rating-form' AND \"key\" = 'W04/P5/T2'")" = "笔误 <script>"
check "the submitted ratings still count" test "$(q "SELECT COUNT(*) FROM ratings WHERE rater = 'P5' AND ratee = 'T2'")" -eq 2

# edit and resubmit
r=$(post p5 /cycles/W04/ratings form=T2 r:T2:A1.01=好 r:T2:A1.02=10)
check "the rater edits after the reopen ($r)" grep -q '^303 /cycles/W04/ratings?ok=' <<<"$r"
r=$(post p5 /cycles/W04/ratings/submit form=T2 confirm=1 r:T2:A1.01=好 r:T2:A1.02=10)
check "and resubmits ($r)" grep -q '^303 /cycles/W04/ratings?ok=' <<<"$r"
check "the new score replaced the old" test "$(q "SELECT group_concat(score) FROM ratings WHERE rater = 'P5' AND ratee = 'T2' AND item = 'A1.01'")" = 好
serve_stop
finish
