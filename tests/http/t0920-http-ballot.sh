#!/usr/bin/env bash
# 民主测评 on a real server: the office creates a ballot on the web (the answer is the printable slip
# sheet, as a download), participants vote from their phones at /b/TOKEN without signing in and
# without script, the same slip from 50 connections at once is accepted exactly once, a used slip and
# a closed ballot each get their own page, a bad vote stores nothing, hostile names are escaped, the
# office's tally page counts submitted / issued per group, and the phone page is screenshotted in
# Chromium at a phone's viewport.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
G=$TMP/g
cp -r "$KH_SRC/tests/golden/07-cadres/bundle" "$G"
echo 'A3,A,班子测评,qual,,benefit,,,,,leaders=0.6;peers=0.4,team,1' >>"$G/indicators.csv"
printf 'team,好,100\nteam,较好,80\nteam,一般,60\nteam,差,0\n' >>"$G/scales.csv"
"$KAOHE" init --db "$DB" >/dev/null
"$KAOHE" import "$G" --cycle B7 --db "$DB" >/dev/null
sqlite3 "$DB" "UPDATE units SET name = '<b>甲镇</b>' WHERE code = 'T1'"
KAOHE_NEW_PASSWORD=password-1 "$KAOHE" user passwd admin --db "$DB" >/dev/null
KAOHE_NEW_PASSWORD=password-1 KAOHE_PASSWORD=password-1 "$KAOHE" user add vie --role viewer --db "$DB" --user admin >/dev/null
serve_start "$DB"
check "the admin signs in" test "$(signin admin password-1)" = 303
check "the viewer signs in" test "$(signin vie password-1)" = 303
ratings() { sqlite3 "$DB" "SELECT COUNT(*) FROM ratings WHERE rater LIKE 'B%.%'"; }

# create: the answer is the sheet, as a download
curl -s -D "$TMP/h" -o "$TMP/sheet.html" -b "$(jar admin)" --data-urlencode "csrf=$(csrf admin)" \
    --data-urlencode unit=T1 --data-urlencode slips:leaders=3 --data-urlencode slips:peers=52 "$BASE/cycles/B7/ballots"
check "create → 200 with the slip sheet" sh -c "head -1 $TMP/h | grep -q ' 200'"
check "… as a download" grep -qi 'content-disposition: attachment; filename="ballot-1-slips.html"' "$TMP/h"
check "… 55 QR codes" test "$(grep -o '<svg' "$TMP/sheet.html" | wc -l)" -eq 55
grep -o "$BASE/b/[0-9a-f]\{32\}" "$TMP/sheet.html" | awk '!seen[$0]++' >"$TMP/links"
check "… 55 distinct links" test "$(wc -l <"$TMP/links")" -eq 55
check "… the unit's name escaped" sh -c "grep -q '&lt;b&gt;甲镇' $TMP/sheet.html && ! grep -q '<b>甲镇' $TMP/sheet.html"
check "a viewer may not create (403)" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar vie)" --data-urlencode "csrf=$(csrf vie)" --data-urlencode unit=T1 --data-urlencode slips:peers=1 "$BASE/cycles/B7/ballots")" = 403

L1=$(sed -n 1p "$TMP/links")
st=$(curl -s -o "$TMP/form.html" -w '%{http_code}' "$L1")
check "a slip opens without signing in (got $st)" test "$st" = 200
check "… names the unit, escaped" grep -q '&lt;b&gt;甲镇&lt;/b&gt;' "$TMP/form.html"
check "… and the slip's group, not a person" grep -q '评议人类别' "$TMP/form.html"
check "… the team and each cadre" test "$(grep -o '<section class="ratee">' "$TMP/form.html" | wc -l)" -eq 3
check "… every item offers 弃权" test "$(grep -o 'value="弃权"' "$TMP/form.html" | wc -l)" -eq "$(grep -o '<fieldset>' "$TMP/form.html" | wc -l)"
check "… no script" sh -c "! grep -q '<script' $TMP/form.html"
nitems=$(grep -o '<fieldset>' "$TMP/form.html" | wc -l)

# a bad vote: back to the form, nothing stored, the slip still usable
st=$(curl -s -o /dev/null -D "$TMP/h" -w '%{http_code}' --data-urlencode 'v0=很好' "$L1")
check "a vote that is not a level → 303 back (got $st)" test "$st" = 303
check "… saying so" grep -qi 'location: /b/.*err=' "$TMP/h"
check "… nothing stored" test "$(ratings)" = 0
# vote: the first option of every item (the page's own radio values)
votes() { grep -o 'name="v[0-9]*" value="[^"]*"' "$1" | awk -F'"' '!seen[$2]++ {print "--data-urlencode " $2 "=" $4}'; }
# shellcheck disable=SC2046
st=$(curl -s -o "$TMP/done.html" -w '%{http_code}' $(votes "$TMP/form.html") "$L1")
check "vote → 200 thanks (got $st)" sh -c "test $st = 200 && grep -q 'id=\"thanks\"' $TMP/done.html"
check "… one rating per item ($nitems)" test "$(ratings)" = "$nitems"
st=$(curl -s -o "$TMP/again.html" -w '%{http_code}' --data-urlencode 'v0=好' "$L1")
check "the same slip again → 410 (got $st)" test "$st" = 410
check "… nothing more stored" test "$(ratings)" = "$nitems"

# one peers slip from 50 connections at once: exactly one vote counts
L2=$(sed -n 5p "$TMP/links")
curl -s -o "$TMP/form2.html" "$L2"
# shellcheck disable=SC2046
pids=()
for i in $(seq 50); do curl -s -o /dev/null -w '%{http_code}\n' $(votes "$TMP/form2.html") "$L2" >"$TMP/race.$i" & pids+=($!); done
wait "${pids[@]}"   # not the server
cat "$TMP"/race.* >"$TMP/race"
check "50 at once: exactly one 200 ($(sort "$TMP/race" | uniq -c | tr '\n' ' '))" test "$(grep -c '^200$' "$TMP/race")" -eq 1
check "… the other 49 refused as used (410)" test "$(grep -c '^410$' "$TMP/race")" -eq 49
n2=$(grep -o '<fieldset>' "$TMP/form2.html" | wc -l)
check "… one slip's ratings stored" test "$(ratings)" = $((nitems + n2))

# the office's tally, then close
get vie /cycles/B7/ballots >"$TMP/tally.html"
check "the viewer reads the tally" grep -q 'id="ballots"' "$TMP/tally.html"
check "… leaders 1 / 3" grep -q '<td class="num tally">1 / 3</td>' "$TMP/tally.html"
check "… peers 1 / 52" grep -q '<td class="num tally">1 / 52</td>' "$TMP/tally.html"
check "… no close button for a viewer" sh -c "! grep -q '/close' $TMP/tally.html"
r=$(post admin /cycles/B7/ballots/1/close)
check "close → back to the tally (got $r)" grep -q '^303 /cycles/B7/ballots?ok=' <<<"$r"
L3=$(sed -n 2p "$TMP/links")
st=$(curl -s -o "$TMP/closed.html" -w '%{http_code}' "$L3")
check "an unused slip of a closed ballot → 410 (got $st)" test "$st" = 410
check "… saying the ballot is closed" grep -q '结束' "$TMP/closed.html"
st=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/b/0123456789abcdef0123456789abcdef")
check "an unknown slip → 404 (got $st)" test "$st" = 404

# the phone page, in Chromium at a phone's viewport
OUT=$KH_BUILD/test-output/t0920
rm -rf "$OUT" && mkdir -p "$OUT"
L4=$(sed -n 30p "$TMP/links")
sqlite3 "$DB" "UPDATE ballots SET state = 'open'" 2>/dev/null
cat >"$TMP/phone.js" <<'JS'
const path = require('path');
const [url, out, src] = process.argv.slice(2);
const { chromium } = require(path.join(src, 'web/node_modules/playwright-core'));
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const p = await (await b.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' })).newPage();
  const errors = [];
  p.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await p.goto(url);
  await p.screenshot({ path: out + '/slip-phone.png', fullPage: true });
  const w = await p.evaluate(() => document.documentElement.scrollWidth);
  await b.close();
  if (errors.length || w > 390) { console.error('errors: ' + errors.join('; ') + ' width ' + w); process.exit(1); }
})();
JS
if node "$TMP/phone.js" "$L4" "$OUT" "$KH_SRC" 2>"$TMP/phone.log"; then ok; else cat "$TMP/phone.log" >&2; fail "the phone page in Chromium"; fi
check "… screenshot taken" test -s "$OUT/slip-phone.png"
serve_stop
finish
