#!/usr/bin/env bash
# Citizens' surveys by invitation, on a real server: the office creates invitations (CLI and web,
# QR sheet and CSV), a citizen opens /s/TOKEN without signing in, answers once, and the answer is a
# response of the cycle (unit, channel) counted by the survey index; a reused, unknown or expired link
# and a closed survey each get their own plain page; a bad answer loses nothing and stores nothing;
# the token is stored only hashed; the page needs no script.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
G=$TMP/bundle
cp -r "$KH_SRC/tests/golden/06-survey-channels/bundle" "$G"
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
kh init >/dev/null
kh import "$G" --cycle S06 >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user add vie --role viewer >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
kh() { KAOHE_PASSWORD=password-1 "$KAOHE" --lang en "$@" --db "$DB"; }
responses() { sqlite3 "$DB" "SELECT COUNT(DISTINCT response) FROM responses WHERE unit='T1'"; }
serve_start "$DB"

kh invite S06 --unit T1 --channel phone --count 3 --url "$BASE" --user admin >"$TMP/links.csv"
check "three links printed" test "$(tail -n +2 "$TMP/links.csv" | wc -l)" -eq 3
L1=$(sed -n 2p "$TMP/links.csv" | cut -d, -f3); L2=$(sed -n 3p "$TMP/links.csv" | cut -d, -f3)
T1=${L1##*/}
check "a token is 128 bits (32 hex digits)" grep -qE '^[0-9a-f]{32}$' <<<"$T1"
check "the token is not stored, only its hash" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM invitations WHERE hash LIKE '%$T1%'")" = 0
check "a channel outside survey_channels is refused" sh -c "! KAOHE_PASSWORD=password-1 $KAOHE invite S06 --unit T1 --channel sms --count 1 --db $DB --user admin >/dev/null 2>&1"
check "a viewer may not invite" sh -c "! KAOHE_PASSWORD=password-1 $KAOHE invite S06 --unit T1 --channel phone --count 1 --db $DB --user vie >/dev/null 2>&1"

# the public page: no sign-in, no script, the unit's name and each item's scale
st=$(curl -s -o "$TMP/form.html" -w '%{http_code}' "$L1")
check "the survey opens without signing in (got $st)" test "$st" = 200
check "… names the unit" grep -q '甲镇' "$TMP/form.html"
check "… shows the items (quotes escaped)" grep -q '&quot;平安建设&quot;' "$TMP/form.html"
check "… with the scale as choices" test "$(grep -o 'type="radio" name="q0"' "$TMP/form.html" | wc -l)" -eq 4
check "… and no script at all" sh -c "! grep -q '<script' $TMP/form.html"

# a bad answer stores nothing and keeps the link usable
n0=$(responses)
st=$(curl -s -o /dev/null -D "$TMP/h" -w '%{http_code}' --data-urlencode 'q0=非常满意' "$L1")
check "an answer that is not a level → back to the form (got $st)" test "$st" = 303
check "… saying which question" grep -qi 'location: .*err=' "$TMP/h"
check "… nothing stored" test "$(responses)" = "$n0"
st=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/s/${T1}")
check "… the link still opens" test "$st" = 200

# answer once
st=$(curl -s -o "$TMP/done.html" -w '%{http_code}' --data-urlencode 'q0=满意' --data-urlencode 'q1=基本满意' "$L1")
check "submit → 200 thanks (got $st)" sh -c "test $st = 200 && grep -q 'id=\"thanks\"' $TMP/done.html"
check "the answer is one response of T1" test "$(responses)" -eq $((n0 + 1))
check "… with the invitation's channel" test "$(sqlite3 "$DB" "SELECT DISTINCT channel FROM responses WHERE response LIKE 'W%'")" = phone
check "… and two answered items" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM responses WHERE response LIKE 'W%'")" = 2
check "nothing links the response to the invitation" sh -c "! sqlite3 $DB '.schema invitations' | grep -qi response"
st=$(curl -s -o "$TMP/again.html" -w '%{http_code}' --data-urlencode 'q0=满意' "$L1")
check "the same link again → 410 (got $st)" test "$st" = 410
check "… a plain page saying it was submitted" grep -q '已经提交过' "$TMP/again.html"
check "… and nothing more stored" test "$(responses)" -eq $((n0 + 1))
check "opening a used link says so too" sh -c "curl -s $L1 | grep -q '已经提交过'"
st=$(curl -s -o "$TMP/unknown.html" -w '%{http_code}' "$BASE/s/0123456789abcdef0123456789abcdef")
check "an unknown link → 404 with a plain page" sh -c "test $st = 404 && grep -q '链接无效' $TMP/unknown.html"
check "a mangled link → 404" test "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/s/..%2F..%2Fetc")" = 404

# two submissions of one link at the same moment: exactly one counts
L3=$(sed -n 4p "$TMP/links.csv" | cut -d, -f3)
n1=$(responses)
pids=()
for i in 1 2 3 4; do curl -s -o /dev/null --data-urlencode 'q0=满意' "$L3" & pids+=($!); done
wait "${pids[@]}"
check "a raced link counts once" test "$(responses)" -eq $((n1 + 1))

# the survey index counts web answers: compute and read results_surveys.csv
kh compute S06 --user admin >/dev/null
check "results count the web answer" test "$(kh results S06 results_surveys.csv --user admin | awk -F, '$1=="T1" {print $2}')" -ge 1

# the office's page: counts, the QR sheet, the CSV
check "admin signs in" test "$(signin admin password-1)" = 303
get admin /cycles/S06/invitations >"$TMP/inv.html"
check "the invitations page counts issued and used" grep -qE '<td class="num">3</td><td class="num">2</td>' "$TMP/inv.html"
read -r st _ _ <<<"$(post admin /cycles/S06/invitations unit=T2 channel=onsite count=2 format=sheet)"
curl -s -o "$TMP/sheet.html" -b "$(jar admin)" --data-urlencode "csrf=$(csrf admin)" -d unit=T2 -d channel=onsite -d count=2 -d format=sheet "$BASE/cycles/S06/invitations"
check "the QR sheet has two codes" test "$(grep -o '<svg' "$TMP/sheet.html" | wc -l)" -eq 2
check "… with the unit's name and the links" sh -c "grep -q '乙镇' $TMP/sheet.html && grep -q '/s/[0-9a-f]\{32\}' $TMP/sheet.html"
curl -s -D "$TMP/hc" -o "$TMP/inv.csv" -b "$(jar admin)" --data-urlencode "csrf=$(csrf admin)" -d unit=T2 -d channel=onsite -d count=5 -d format=csv "$BASE/cycles/S06/invitations"
check "the CSV has five links" test "$(grep -c '/s/' "$TMP/inv.csv")" -eq 5
check "… as an attachment" grep -qi '^content-disposition: attachment' "$TMP/hc"
check "issued counts add up" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM invitations")" -eq $((3 + 2 + 2 + 5))

# closed: after evaluation no link answers
for _ in 1 2 3 4; do kh cycle advance S06 --user admin >/dev/null; done
L4=$(grep -o 'http[^,]*' "$TMP/inv.csv" | head -1)
st=$(curl -s -o "$TMP/closed.html" -w '%{http_code}' "$L4")
check "after evaluation the survey is closed (got $st)" sh -c "test $st = 410 && grep -q '已结束' $TMP/closed.html"
serve_stop
check "audit chain intact" kh audit verify --user admin
finish
