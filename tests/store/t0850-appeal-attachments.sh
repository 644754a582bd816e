#!/usr/bin/env bash
# Appeal attachments (issue 9 item 4), through the CLI on every backend: files attached with
# `appeal file --attach` come back byte-identical (sha256) from `appeal attachment`; the type is
# decided by content (a ZIP named .pdf is refused, naming the file); a file of 5 MiB + 1 byte is
# refused and nothing is stored — not the appeal either; another unit's user and a viewer cannot
# read the files (refusal audited); each stored file has an audit record with name, size and
# sha256 but not the bytes.  The cases are the table below: name, how to make it, outcome.
. "$(dirname "$0")/lib.sh"
G0=$KH_SRC/tests/golden/03-transforms-target-tracking/bundle
NOW=2030-03-02T00:00:00Z

# make KIND FILE: a file of that kind
make_file() {
    case $1 in
    pdf) { printf '%%PDF-1.4\n'; head -c 40000 /dev/urandom; } >"$2" ;;
    png) { printf '\211PNG\r\n\032\n'; head -c 3000 /dev/urandom; } >"$2" ;;
    jpeg) { printf '\377\330\377\340'; head -c 2000 /dev/urandom; } >"$2" ;;
    zip) python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.writestr('a.txt','x'*100); z.close()" "$2" ;;
    pdf5m1) { printf '%%PDF-1.4\n'; head -c $((5 * 1024 * 1024 + 1 - 9)) /dev/urandom; } >"$2" ;;
    pdf5m) { printf '%%PDF-1.4\n'; head -c $((5 * 1024 * 1024 - 9)) /dev/urandom; } >"$2" ;;
    empty) : >"$2" ;;
    esac
}

# CASES: unit leaf "files (kind:name,…)" expect(ok|message substring)
CASES='T1|A1.06|pdf:证明.pdf,png:scan.png,jpeg:photo.jpg|ok
T2|A1.06|zip:report.pdf|attachment report.pdf is not a PDF, PNG or JPEG file
T2|A1.06|pdf:a.pdf,pdf5m1:big.pdf|attachment big.pdf is 5242881 bytes, over the limit of 5242880 bytes
T2|A1.06|empty:empty.pdf|attachment empty.pdf is empty
T2|A1.06|pdf5m:x1.pdf,pdf5m:x2.pdf,png:x3.png|the attachments total
T3|A1.05|pdf:"><script>alert(1).pdf|ok'

as() {   # as USER ARGS…
    local u=$1; shift
    KAOHE_NOW=$NOW KAOHE_PASSWORD=password1 "$KAOHE" --lang en "$@" --user "$u" --db "$DB"
}

body() {
    kh init >/dev/null
    for u in "t1 --role unit --unit T1" "t2 --role unit --unit T2" "t3 --role unit --unit T3" "vie --role viewer"; do
        # shellcheck disable=SC2086
        KAOHE_NEW_PASSWORD=password1 kh user add $u >/dev/null
    done
    kh import "$G0" >/dev/null
    for _ in 1 2 3 4; do kh cycle advance W03 >/dev/null; done
    KAOHE_NOW=2030-03-01T00:00:00Z kh cycle advance W03 >/dev/null
    local n=0 unit leaf files want
    while IFS='|' read -r unit leaf files want; do
        n=$((n + 1))
        local args=() spec kind name before out rc=0
        IFS=',' read -ra specs <<<"$files"
        mkdir -p "$WORK/c$n"
        for spec in "${specs[@]}"; do
            kind=${spec%%:*} name=${spec#*:}
            make_file "$kind" "$WORK/c$n/$name"
            args+=(--attach "$WORK/c$n/$name")
        done
        before=$(sql "SELECT COUNT(*) FROM appeals")
        out=$(as "$(tr 'T' 't' <<<"$unit")" appeal file W03 "$unit" "$leaf" --reason "case $n" "${args[@]}" 2>&1) || rc=$?
        if [ "$want" = ok ]; then
            [ "$rc" -eq 0 ] || fail "case $n: $out"
            local id; id=$(sql "SELECT MAX(id) FROM appeals")
            local k=0
            for spec in "${specs[@]}"; do
                k=$((k + 1)) name=${spec#*:}
                as "$(tr 'T' 't' <<<"$unit")" appeal attachment "$id" "$k" -o "$WORK/c$n/back-$k" >/dev/null
                [ "$(sha256sum <"$WORK/c$n/back-$k")" = "$(sha256sum <"$WORK/c$n/$name")" ] || fail "case $n: file $k differs"
                kh appeal attachment "$id" "$k" -o - | cmp -s - "$WORK/c$n/$name" || fail "case $n: admin reads file $k"
                [ "$(sql "SELECT name FROM appeal_attachments WHERE appeal_id = $id AND n = $k")" = "$name" ] || fail "case $n: name of $k"
                local sha; sha=$(sha256sum <"$WORK/c$n/$name" | cut -d' ' -f1)
                sql "SELECT after_json FROM audit WHERE entity = 'appeal_attachment' AND \"key\" = 'W03/$id/$k'" >"$WORK/audit"
                grep -qF "\"sha256\":\"$sha\"" "$WORK/audit" || fail "case $n: audit lacks the sha256 of $k"
                grep -qF "\"size\":\"$(stat -c %s "$WORK/c$n/$name")\"" "$WORK/audit" || fail "case $n: audit lacks the size"
                [ "$(wc -c <"$WORK/audit")" -lt 1000 ] || fail "case $n: the audit record holds the bytes"
            done
        else
            [ "$rc" -ne 0 ] || fail "case $n: filed, expected '$want'"
            grep -qF -- "$want" <<<"$out" || fail "case $n: expected '$want' in: $out"
            grep -qF "nothing was filed" <<<"$out" || fail "case $n: does not say nothing was filed: $out"
            [ "$(sql "SELECT COUNT(*) FROM appeals")" = "$before" ] || fail "case $n: an appeal was stored"
        fi
    done <<<"$CASES"
    [ "$(sql "SELECT COUNT(*) FROM appeal_attachments")" = 4 ] || fail "4 files stored in all"
    # mime by content, whatever the name
    [ "$(sql "SELECT mime FROM appeal_attachments WHERE name = 'photo.jpg'")" = image/jpeg ] || fail "jpeg mime"
    # who may read: the admin and the unit itself; not another unit, not a viewer
    local before; before=$(sql "SELECT COUNT(*) FROM audit WHERE action = 'refuse' AND \"key\" = 'appeal.attachment'")
    expect_fail "confined to T2) may not read appeal attachments for T1" as t2 appeal attachment 1 1 -o "$WORK/no"
    expect_fail "(role viewer) may not read appeal attachments" as vie appeal attachment 1 1 -o "$WORK/no"
    [ ! -e "$WORK/no" ] || fail "a refused read wrote a file"
    [ "$(sql "SELECT COUNT(*) FROM audit WHERE action = 'refuse' AND \"key\" = 'appeal.attachment'")" = $((before + 2)) ] || fail "refusals audited"
    as vie appeal list W03 | grep -q "证明.pdf" && fail "a viewer's list shows the files"
    as t1 appeal list W03 | grep -q "证明.pdf" || fail "the unit's list shows its files"
    expect_fail "appeal 1 has no attachment 9" kh appeal attachment 1 9 -o "$WORK/no"
    expect_fail "needs -o FILE" kh appeal attachment 1
    kh audit verify | grep -q intact || fail "audit chain intact"
}
for_each_backend body
