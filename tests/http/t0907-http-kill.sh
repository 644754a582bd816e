#!/usr/bin/env bash
# A kill -9 of the server in the middle of a stream of survey submissions loses no acknowledged
# answer and leaves no invitation half-used (issue 9, durability).  Eight clients submit 40
# invitations each in a tight loop; the server is killed with SIGKILL while they run; after a
# restart every invitation whose submission was answered "thanks" (200) is used, the cycle holds
# exactly as many responses as there are used invitations (a used token without its answer, or an
# answer without its token, would break the equality), and the database passes its integrity check.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
"$KAOHE" init --db "$DB" >/dev/null
"$KAOHE" import "$KH_SRC/tests/golden/06-survey-channels/bundle" --cycle S06 --db "$DB" >/dev/null
serve_start "$DB"
"$KAOHE" invite S06 --unit T1 --channel phone --count 320 --url "$BASE" --db "$DB" >"$TMP/links.csv"
check "320 invitations" test "$(tail -n +2 "$TMP/links.csv" | wc -l)" -eq 320
responses() { sqlite3 "$DB" "SELECT COUNT(DISTINCT response) FROM responses WHERE unit='T1' AND response LIKE 'W%'"; }
used() { sqlite3 "$DB" "SELECT COUNT(*) FROM invitations WHERE used_at <> ''"; }
check "no response before the stream" test "$(responses)" -eq 0

# client K submits its 40 links in order and logs "STATUS URL" for each attempt
tail -n +2 "$TMP/links.csv" | cut -d, -f3 | split -n r/8 - "$TMP/part."
for p in "$TMP"/part.*; do
    (while read -r url; do
        st=$(curl -s -o /dev/null -m 5 -w '%{http_code}' --data-urlencode 'q0=满意' \
            --data-urlencode 'q1=基本满意' "$url")
        echo "$st $url"
    done <"$p" >"$p.log") &
done
# kill once some answers are committed and the stream is still going
for _ in $(seq 200); do [ "$(used)" -ge 60 ] && break; sleep 0.02; done
kill -9 "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null
wait
cat "$TMP"/part.*.log >"$TMP/attempts"
acked=$(grep -c '^200 ' "$TMP/attempts")
check "the kill came mid-stream ($acked of 320 acknowledged)" test "$acked" -ge 1 -a "$acked" -lt 320

# restart on the same database: nothing acknowledged is lost, nothing is half-written
serve_start "$DB"
check "integrity_check ok after the kill" test "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok
lost=0
# (the restarted server listens on another port: the token is the link's last part)
for url in $(grep '^200 ' "$TMP/attempts" | cut -d' ' -f2); do
    url=$BASE/s/${url##*/}
    curl -s "$url" | grep -q '已经提交过' || { lost=$((lost + 1)); echo "not used after restart: $url" >&2; }
done
check "every acknowledged submission is used after the restart ($lost lost)" test "$lost" -eq 0
u=$(used); r=$(responses)
check "used invitations ($u) = stored responses ($r)" test "$u" -eq "$r"
check "at least the acknowledged ones are stored ($r ≥ $acked)" test "$r" -ge "$acked"
# the links the stream never reached still work on the restarted server
fresh=$(grep -v '^200 ' "$TMP/attempts" | cut -d' ' -f2 | while read -r url; do
    url=$BASE/s/${url##*/}
    curl -s "$url" | grep -q '已经提交过' || { echo "$url"; break; }; done)
if [ -n "$fresh" ]; then
    st=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode 'q0=满意' --data-urlencode 'q1=基本满意' "$fresh")
    check "an unused link is answered after the restart (got $st)" test "$st" = 200
    check "… and counted" test "$(responses)" -eq $((r + 1))
fi
serve_stop
finish
