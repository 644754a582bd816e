#!/usr/bin/env bash
# Appeal attachments and the publicity settings on a real server (issue 9 item 4): a unit user files
# an appeal with files through the multipart form; the files come back byte-identical (sha256) from
# their download links, served with the type decided from content, nosniff and an RFC 5987
# attachment disposition; another unit's user and a viewer get 403; a 5 MiB + 1 file and a ZIP named
# .pdf are refused with a message naming the file and nothing is stored, not even the appeal; a
# hostile file name (filed by the CLI, and through the form as a browser encodes it, " as %22) is
# escaped in the page and percent-encoded in the header; the office's publicity
# form turns parts off and they are absent from the public page's HTML.  Audit records for both.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/lib-http.sh"

DB=$TMP/k.db
w03_db "$DB"
kh() { "$KAOHE" --lang en "$@" --db "$DB"; }
for u in "t1 --role unit --unit T1" "t2 --role unit --unit T2" "vie --role viewer"; do
    # shellcheck disable=SC2086
    KAOHE_NEW_PASSWORD=password-1 kh user add $u >/dev/null
done
for _ in 1 2 3 4 5; do kh cycle advance W03 >/dev/null; done
kh compute W03 >/dev/null
H='"><script>alert(1).pdf'
{ printf '%%PDF-1.4\n'; head -c 1000 /dev/urandom; } >"$TMP/$H"
kh appeal file W03 T3 A1.05 --reason hostile --attach "$TMP/$H" >/dev/null
KAOHE_NEW_PASSWORD=password-1 kh user passwd admin >/dev/null
for u in admin t2; do
    declare "TOKEN_$u=$(KAOHE_PASSWORD=password-1 "$KAOHE" user token $u --label api-test --db "$DB" --user $u)"
done
serve_start "$DB"
for u in admin t1 t2 vie; do check "$u signs in" test "$(signin "$u" password-1)" = 303; done

{ printf '%%PDF-1.7\n'; head -c 200000 /dev/urandom; } >"$TMP/证明.pdf"
{ printf '\211PNG\r\n\032\n'; head -c 5000 /dev/urandom; } >"$TMP/scan.png"
{ printf '%%PDF-1.4\n'; head -c $((5 * 1024 * 1024 + 1 - 9)) /dev/urandom; } >"$TMP/big.pdf"
python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.writestr('a.txt','x'); z.close()" "$TMP/zip.pdf"

# upload USER LEAF FILE…: the multipart form as a browser sends it; prints "STATUS LOCATION X-Kaohe-Error"
upload() {
    local u=$1 leaf=$2; shift 2
    local args=() f
    for f in "$@"; do args+=(-F "attachment=@$f"); done
    curl -s -o /dev/null -D "$TMP/h" -b "$(jar "$u")" -F "csrf=$(csrf "$u")" -F "leaf=$leaf" -F "reason=材料见附件" \
        "${args[@]}" "$BASE/cycles/W03/appeals"
    echo "$(head -1 "$TMP/h" | awk '{print $2}') $(grep -i '^location:' "$TMP/h" | tr -d '\r' | cut -d' ' -f2-) $(grep -i '^x-kaohe-error:' "$TMP/h" | tr -d '\r' | cut -d' ' -f2-)"
}
n_appeals() { sqlite3 "$DB" "SELECT COUNT(*) FROM appeals"; }

out=$(upload t1 A1.06 "$TMP/证明.pdf" "$TMP/scan.png")
check "the unit files with two files → 303 ok ($out)" grep -q '^303 /cycles/W03/appeals?ok=' <<<"$out"
ID=$(sqlite3 "$DB" "SELECT MAX(id) FROM appeals")
check "two attachments stored" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM appeal_attachments WHERE appeal_id = $ID")" = 2
check "… named as sent" test "$(sqlite3 "$DB" "SELECT name FROM appeal_attachments WHERE appeal_id = $ID AND n = 1")" = 证明.pdf
get t1 /cycles/W03/appeals >"$TMP/page"
check "the unit's appeal view links its files" grep -q "href=\"/appeals/$ID/attachments/2\"" "$TMP/page"
check "the form is multipart with a file input" grep -q 'enctype="multipart/form-data".*type="file" name="attachment" multiple' "$TMP/page"
get admin /cycles/W03/appeals >"$TMP/apage"
check "the admin's list links them too" grep -q "href=\"/appeals/$ID/attachments/1\"" "$TMP/apage"

for who in t1 admin; do
    curl -s -D "$TMP/dh" -o "$TMP/down" -b "$(jar $who)" "$BASE/appeals/$ID/attachments/1"
    check "$who downloads it byte-identical" test "$(sha256sum <"$TMP/down")" = "$(sha256sum <"$TMP/证明.pdf")"
done
check "… served as application/pdf" grep -qi '^content-type: application/pdf' "$TMP/dh"
check "… with nosniff" grep -qi '^x-content-type-options: nosniff' "$TMP/dh"
check "… as an attachment, name in RFC 5987 form" grep -qi "^content-disposition: attachment; filename\*=UTF-8''%E8%AF%81%E6%98%8E.pdf" "$TMP/dh"
curl -s -D "$TMP/dh" -o "$TMP/down" -b "$(jar t1)" "$BASE/appeals/$ID/attachments/2"
check "the PNG as image/png" grep -qi '^content-type: image/png' "$TMP/dh"
check "… byte-identical" cmp -s "$TMP/down" "$TMP/scan.png"
check "another unit's user → 403" test "$(status t2 GET "/appeals/$ID/attachments/1")" = 403
check "a viewer → 403 (the route)" test "$(status vie GET "/appeals/$ID/attachments/1")" = 403
check "the refusal of t2 is audited" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE action = 'refuse' AND \"key\" = 'appeal.attachment' AND usr = 't2'")" = 1
check "no such attachment → 404" test "$(status t1 GET "/appeals/$ID/attachments/9")" = 404
check "anonymous → sign in" test "$(status anon GET "/appeals/$ID/attachments/1")" = 302
api admin GET "/api/v1/appeals/$ID/attachments" >"$TMP/j"
check "the API lists the files with their sha256" grep -q "\"sha256\":\"$(sha256sum <"$TMP/scan.png" | cut -d' ' -f1)\"" "$TMP/j"
curl -s -o "$TMP/down" -H "Authorization: Bearer $TOKEN_admin" "$BASE/api/v1/appeals/$ID/attachments/2"
check "… and downloads them byte-identical" cmp -s "$TMP/down" "$TMP/scan.png"
api t2 GET "/api/v1/appeals/$ID/attachments/1" >"$TMP/j"
check "… another unit's token → 403 ($(cat "$TMP/st"))" test "$(cat "$TMP/st")" = 403
check "… with the refusal as JSON" grep -q '"code":"AUTHZ_SCOPE_APPEAL_ATTACHMENT"' "$TMP/j"
get vie /cycles/W03/appeals >"$TMP/vpage"
check "a viewer's list shows no links" sh -c "! grep -q '/attachments/' $TMP/vpage"

before=$(n_appeals)
out=$(upload t1 A1.05 "$TMP/scan.png" "$TMP/big.pdf")
check "5 MiB + 1 → refused ($out)" grep -q 'err=.*big.pdf' <<<"$out"
check "… as too big" grep -q 'ATTACH_TOO_BIG' <<<"$out"
check "… nothing stored, not the appeal either" test "$(n_appeals)" = "$before"
out=$(upload t1 A1.05 "$TMP/zip.pdf")
msg=$(python3 -c "import sys, urllib.parse as u; print(u.unquote(sys.argv[1].split('err=')[1].split(' ')[0]))" "$out")
check "a ZIP named .pdf → refused, naming the file ($msg)" grep -q 'zip.pdf 不是 PDF、PNG 或 JPEG 文件' <<<"$msg"
check "… nothing stored" test "$(n_appeals)" = "$before"
check "audit: one record per stored file, with its sha256" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE entity = 'appeal_attachment' AND after_json LIKE '%$(sha256sum <"$TMP/scan.png" | cut -d' ' -f1)%'")" = 1

# the hostile name (filed through the CLI above)
HID=$(sqlite3 "$DB" "SELECT appeal_id FROM appeal_attachments WHERE name = '\"><script>alert(1).pdf'")
check "the hostile name is escaped in the page" grep -qF '&quot;&gt;&lt;script&gt;alert(1).pdf' "$TMP/apage"
check "… never raw" sh -c "! grep -qF '\"><script>alert(1)' $TMP/apage"
curl -s -D "$TMP/dh" -o /dev/null -b "$(jar admin)" "$BASE/appeals/$HID/attachments/1"
check "… percent-encoded in the header" grep -qi "^content-disposition: attachment; filename\*=UTF-8''%22%3E%3Cscript%3Ealert%281%29.pdf" "$TMP/dh"

# a hostile name through the form, encoded as a browser encodes it ("→%22)
HN='"><img src=x onerror=alert(2)>.png'
python3 - "$TMP/raw" "$(csrf t1)" "$HN" "$TMP/scan.png" <<'PY'
import sys
out, csrf, name, path = sys.argv[1:]
b = b'----khboundary'
def part(n, v, fn=None):
    h = b'Content-Disposition: form-data; name="' + n.encode() + b'"'
    if fn is not None:
        h += b'; filename="' + fn.replace('"', '%22').encode() + b'"\r\nContent-Type: image/png'
    return b'--' + b + b'\r\n' + h + b'\r\n\r\n' + v + b'\r\n'
body = part('csrf', csrf.encode()) + part('leaf', b'A1.05') + part('reason', b'hostile') + \
       part('attachment', open(path, 'rb').read(), name) + b'--' + b + b'--\r\n'
open(out, 'wb').write(body)
PY
st=$(curl -s -o /dev/null -w '%{http_code}' -b "$(jar t1)" -H 'Content-Type: multipart/form-data; boundary=----khboundary' --data-binary "@$TMP/raw" "$BASE/cycles/W03/appeals")
check "a file with a hostile name is filed through the form ($st)" test "$st" = 303
HID2=$(sqlite3 "$DB" "SELECT appeal_id FROM appeal_attachments WHERE name = '\"><img src=x onerror=alert(2)>.png'")
check "… the name kept as the user saw it" test -n "$HID2"
get t1 /cycles/W03/appeals >"$TMP/page2"
check "… escaped in the unit's page" grep -qF '&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.png' "$TMP/page2"
check "… never raw" sh -c "! grep -qF '<img src=x' $TMP/page2"
curl -s -D "$TMP/dh" -o /dev/null -b "$(jar t1)" "$BASE/appeals/$HID2/attachments/1"
check "… percent-encoded in the header" grep -qi "^content-disposition: attachment; filename\*=UTF-8''%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%282%29%3E.png" "$TMP/dh"

# publicity: the office turns the composite and the dimension scores off
get admin /cycles/W03/publicity >"$TMP/form"
check "the publicity form shows the parts" grep -q 'name="show_dimensions" value="1" checked' "$TMP/form"
get anon /public/W03 >"$TMP/pub0"
check "by default the public page has the composite" grep -q '综合得分' "$TMP/pub0"
dim=$(sqlite3 "$DB" "SELECT name FROM indicators WHERE parent = '' LIMIT 1")
check "… and the dimension $dim" grep -q "<th class=\"num\">$dim</th>" "$TMP/pub0"
out=$(post admin /cycles/W03/publicity show_ranking=1 start=2030-01-01 end=2030-01-09 "contact=考核办 <0571>")
check "the admin saves the settings ($out)" grep -q '^303 /cycles/W03/publicity?ok=' <<<"$out"
get anon /public/W03 >"$TMP/pub1"
check "the composite is absent from the HTML" sh -c "! grep -q '综合得分' $TMP/pub1"
check "… and the dimension scores" sh -c "! grep -q '<th class=\"num\">$dim</th>' $TMP/pub1"
check "… the ranking stays" grep -q '排名' "$TMP/pub1"
check "the chosen period" grep -q '2030-01-01 至 2030-01-09' "$TMP/pub1"
check "the contact, escaped" grep -qF '考核办 &lt;0571&gt;' "$TMP/pub1"
check "the appeal deadline" grep -q '申诉截止' "$TMP/pub1"
check "audited" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM audit WHERE entity = 'publicity' AND usr = 'admin'")" = 1
check "… the contact in the after image" grep -q '考核办 <0571>' <<<"$(sqlite3 "$DB" "SELECT after_json FROM audit WHERE entity = 'publicity'")"
api admin POST /api/v1/cycles/W03/publicity '{"parts":"ranking,composite,dimensions","end":""}' >/dev/null
check "the API changes the settings ($(cat "$TMP/st"))" test "$(cat "$TMP/st")" = 200
api admin GET /api/v1/cycles/W03/publicity >"$TMP/j"
check "… and reads them back" grep -q '"dimensions":true.*"end":"2030-01-08".*"contact":"考核办 <0571>"' "$TMP/j"
out=$(post t1 /cycles/W03/publicity show_ranking=1)
check "a unit may not configure ($out)" grep -q '^403' <<<"$out"
serve_stop
finish
