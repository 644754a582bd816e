#!/usr/bin/env bash
# Group commit of public submissions (src/store/store-group.c, server.c): many survey answers share
# one COMMIT, yet each keeps the outcome it would have had alone.
#   1. 100 connections submit ONE link while 99 others submit 99 different links, all at once:
#      the one link is accepted exactly once (1 × 200, 99 × 410), the 99 others all count, nothing
#      else is written (responses, used invitations and audit records grow by exactly 100), and the
#      log shows the submissions shared commits (fewer COMMITs than submissions) — so a refusal
#      inside a shared transaction rolled back only itself.
#   2. SIGTERM in the middle of a stream: the server exits 0 (no connection is left suspended), and
#      every submission answered 200 is stored.
#   3. --no-group-commit: each submission commits on its own worker, with the same answers.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
"$KAOHE" init --db "$DB" >/dev/null
"$KAOHE" import "$KH_SRC/tests/golden/06-survey-channels/bundle" --cycle S06 --db "$DB" >/dev/null
responses() { sqlite3 "$DB" "SELECT COUNT(DISTINCT response) FROM responses WHERE response LIKE 'W%'"; }
used() { sqlite3 "$DB" "SELECT COUNT(*) FROM invitations WHERE used_at <> ''"; }
audits() { sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE action = 'survey.submit'"; }
serve_start "$DB"
"$KAOHE" invite S06 --unit T1 --channel phone --count 500 --url "$BASE" --db "$DB" | tail -n +2 | cut -d, -f3 \
    | sed 's#.*/s/##' >"$TMP/tokens"
check "500 invitations" test "$(wc -l <"$TMP/tokens")" -eq 500

# 1. one link from 100 connections, mixed with 99 other links, all at once
ONE=$(sed -n 1p "$TMP/tokens")
{ for _ in $(seq 100); do echo "one $ONE"; done; sed -n 2,100p "$TMP/tokens" | sed 's/^/other /'; } | shuf >"$TMP/race.in"
r0=$(responses); a0=$(audits)
xargs -P 200 -L 1 sh -c 'printf "%s %s\n" "$0" "$(curl -s -o /dev/null -m 20 -w "%{http_code}" \
    --data-urlencode q0=满意 --data-urlencode q1=基本满意 "'"$BASE"'/s/$1")"' <"$TMP/race.in" >"$TMP/race.out"
check "199 attempts answered" test "$(wc -l <"$TMP/race.out")" -eq 199
check "the one link: exactly one 200 ($(grep '^one' "$TMP/race.out" | cut -d' ' -f2 | sort | uniq -c | tr '\n' ' '))" \
    test "$(grep -c '^one 200$' "$TMP/race.out")" -eq 1
check "… and 99 × 410" test "$(grep -c '^one 410$' "$TMP/race.out")" -eq 99
check "the 99 other links: all 200" test "$(grep -c '^other 200$' "$TMP/race.out")" -eq 99
check "exactly 100 responses more ($(responses) - $r0)" test "$(responses)" -eq $((r0 + 100))
check "exactly 100 invitations used" test "$(used)" -eq 100
check "exactly 100 audit records of survey.submit" test "$(audits)" -eq $((a0 + 100))
check "no answer row without its response (2 items each)" \
    test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM responses WHERE response LIKE 'W%'")" -eq 200
serve_stop
line=$(grep 'submissions in' "$TMP/serve.log")
jobs=$(awk '{print $3}' <<<"$line"); commits=$(awk '{print $6}' <<<"$line")
check "the log counts 199 submissions ($line)" test "$jobs" = 199
check "… in fewer commits than submissions ($commits < $jobs)" test "$commits" -lt "$jobs"
check "audit chain intact" "$KAOHE" audit verify --db "$DB"

# 2. SIGTERM mid-stream: exit 0, nothing acknowledged lost
serve_start "$DB"
sed -n 101,420p "$TMP/tokens" | split -n r/8 - "$TMP/part."
cpids=()
for p in "$TMP"/part.*; do
    (while read -r t; do
        echo "$(curl -s -o /dev/null -m 10 -w '%{http_code}' --data-urlencode q0=满意 "$BASE/s/$t") $t"
    done <"$p" >"$p.log") &
    cpids+=($!)
done
for _ in $(seq 300); do [ "$(used)" -ge 160 ] && break; sleep 0.02; done
kill -TERM "$SERVE_PID"
rc=0; wait "$SERVE_PID" || rc=$?
check "SIGTERM mid-stream: kaohe serve exits 0 (got $rc)" test "$rc" -eq 0
wait "${cpids[@]}"
cat "$TMP"/part.*.log >"$TMP/stream"
acked=$(grep -c '^200 ' "$TMP/stream")
check "the stop came mid-stream ($acked of 320 acknowledged)" test "$acked" -ge 1 -a "$acked" -lt 320
lost=0
for t in $(grep '^200 ' "$TMP/stream" | cut -d' ' -f2); do
    [ "$(sqlite3 "$DB" "SELECT used_at <> '' FROM invitations WHERE hash = '$(printf %s "$t" | sha256sum | cut -d' ' -f1)'")" = 1 ] \
        || lost=$((lost + 1))
done
check "every acknowledged submission is stored ($lost lost)" test "$lost" -eq 0
check "used invitations ($(used)) = stored responses ($(responses))" test "$(used)" -eq "$(responses)"

# 3. --no-group-commit: the same answers, one commit each, no group line in the log
serve_start "$DB" --no-group-commit
T=$(sed -n 450p "$TMP/tokens")
check "a submission without group commit → 200" \
    test "$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode q0=满意 "$BASE/s/$T")" = 200
check "… the same link again → 410" \
    test "$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode q0=满意 "$BASE/s/$T")" = 410
check "… a bad answer → 303 back to the form, nothing stored" \
    test "$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode q0=nope "$BASE/s/$(sed -n 451p "$TMP/tokens")")" = 303
u=$(used)
serve_stop
check "… stored" test "$u" -eq "$(responses)"
check "… and no group commit ran" sh -c "! grep -q 'submissions in' '$TMP/serve.log'"
finish
