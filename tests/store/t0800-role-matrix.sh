#!/usr/bin/env bash
# Every action of the permission table, performed by every role through the
# real commands, on every backend: the outcome must be what the table says
# (`kaohe authz`), every refusal must name the action and be audited, and a
# scoped role must be refused for what is not its own.  The list of cases is
# keyed by the table's action codes, and an action without a case fails the
# test — so a row added to authz.h is covered, or the suite says so.
. "$(dirname "$0")/lib.sh"
G0=$KH_SRC/tests/golden/03-transforms-target-tracking/bundle
ROLES="admin reporter rater unit viewer"
declare -A USER=([admin]=admin [reporter]=rep [rater]=rat [unit]=t1 [viewer]=vie)

# as ROLE ARGS… — run kaohe as the user of that role (the built-in admin has no password)
as() {
    local role=$1; shift
    if [ "$role" = admin ]; then KAOHE_NEW_PASSWORD=password1 "$KAOHE" --lang en "$@" --db "$DB"
    else KAOHE_NEW_PASSWORD=password1 KAOHE_PASSWORD=password1 "$KAOHE" --lang en "$@" --user "${USER[$role]}" --db "$DB"; fi
}

# The command that performs an action as ROLE (on its own unit / leaf / name).
case_of() {
    local action=$1 role=$2
    case $action in
    user.list) echo "user list" ;;
    user.add) echo "user add new_$role --role viewer" ;;
    user.passwd) if [ "$role" = admin ]; then echo "user passwd vie"; else echo "user passwd ${USER[$role]}"; fi ;;
    user.disable) echo "user enable vie" ;;
    cycle.list) echo "cycle list" ;;
    cycle.show) echo "cycle show W03" ;;
    cycle.import) echo "import $G --replace" ;;
    cycle.advance) echo "cycle advance W03" ;;
    cycle.reopen) echo "cycle reopen W03 --to tracking --reason r" ;;
    cycle.export) echo "export W03 $WORK/export-$role" ;;
    cycle.compute) echo "compute W03" ;;
    scheme.preview) echo "scheme W03 A1.01:U=3" ;;
    scheme.edit) echo "scheme W03 A1.01:U=3 --apply" ;;
    setup.edit) echo "setup put W03 units code=T1 name=改名" ;;
    target.propose) echo "agreement propose W03 T1 A1.03 3 --note n" ;;
    target.approve) echo "agreement approve W03 T1 A1.03" ;;
    target.return) echo "agreement return W03 T1 A1.03 --comment c" ;;
    target.list) echo "agreement list W03" ;;
    agreement.print) echo "agreement print W03 T1" ;;
    value.track) echo "track W03 T1 A1.06 Q1 10" ;;
    value.yearend) echo "track W03 T1 A1.06 Y 100" ;;
    progress.read) echo "track W03" ;;
    progress.show) echo "cycle progress W03" ;;
    survey.invite) echo "invite W03 --unit T1 --channel phone --count 1" ;;
    survey.list) echo "invite W03 --list" ;;
    ballot.create) echo "ballot W03 --unit T1 --group NOGROUP:1" ;;
    ballot.close) echo "ballot W03 --close 999" ;;
    ballot.list) echo "ballot W03 --list" ;;
    ballot.show) echo "ballot W03 --tally 999" ;;
    ballot.submit) echo "ballot W03 --submit 0123456789abcdef0123456789abcdef" ;;
    public.read) echo "results W03 --public" ;;
    appeal.file) echo "appeal file W03 T1 A1.06 --reason r" ;;
    appeal.accept) echo "appeal accept OPEN --value 150 --reason r" ;;
    appeal.reject) echo "appeal reject OPEN --reason r" ;;
    appeal.list) echo "appeal list W03" ;;
    appeal.attachment) echo "appeal attachment OPEN 1 -o $WORK/attachment-$role" ;;
    publicity.configure) echo "publicity set W03 --parts ranking,composite --contact c" ;;
    rating.enter) if [ "$role" = admin ]; then echo "rating set W03 T1 A1.06 80 --rater R1"; else echo "rating set W03 T1 A1.06 80"; fi ;;
    rating.list) echo "rating list W03" ;;
    rating.submit) echo "rating submit W03 T1" ;;
    rating.reopen) echo "rating reopen W03 R1 T1 --reason r" ;;
    results.read) if [ "$role" = unit ]; then echo SKIP; else echo "results W03"; fi ;;
    results.own) if [ "$role" = unit ]; then echo "results W03"; else echo SKIP; fi ;;
    audit.read) echo "audit log --limit 1" ;;
    audit.verify) echo "audit verify" ;;
    backup) echo "backup $WORK/backup-$role.db" ;;
    rectify.add) echo "rectify add W03 T1 problem" ;;
    rectify.list) echo "rectify list W03" ;;
    rectify.close) echo "rectify close RITEM --note done" ;;
    rectify.answer) echo "rectify answer W03 RITEM --note answer" ;;
    token.create) if [ "$role" = admin ]; then echo "user token vie --label script"; else echo "user token ${USER[$role]} --label script"; fi ;;
    *) return 1 ;;
    esac
}
# The state each action is tried in (one where the table allows it).
state_of() {
    case $1 in
    target.*) echo agreement ;;
    value.track) echo tracking ;;
    value.yearend | rating.enter | rating.submit | rating.reopen) echo evaluation ;;
    appeal.file | appeal.accept | appeal.reject | appeal.attachment | results.own | public.read) echo publicity ;;
    rectify.answer) echo agreement ;;
    cycle.reopen | rectify.add | rectify.close) echo final ;;
    *) echo setup ;;
    esac
}

# What must come before an attempt (as admin), so only the role decides.
prepare() {
    local action=$1
    case $action in
    target.approve | target.return) as admin agreement propose W03 T1 A1.03 3 --note n >/dev/null ;;
    appeal.accept | appeal.reject)
        sql "DELETE FROM appeal_attachments WHERE appeal_id IN (SELECT id FROM appeals WHERE state = 'open')"
        sql "DELETE FROM appeals WHERE state = 'open'"
        as admin appeal file W03 T2 A1.06 --reason r >/dev/null ;;
    appeal.attachment)   # an appeal of T1 (the unit user's own) with one file
        sql "DELETE FROM appeal_attachments WHERE appeal_id IN (SELECT id FROM appeals WHERE state = 'open')"
        sql "DELETE FROM appeals WHERE state = 'open'"
        printf '%%PDF-1.4\n%%%%EOF\n' >"$WORK/evidence.pdf"
        as admin appeal file W03 T1 A1.06 --reason r --attach "$WORK/evidence.pdf" >/dev/null ;;
    rectify.close) as admin rectify add W03 T1 problem >/dev/null ;;
    rectify.answer)
        # an item of T1 (so the unit user is within its scope); W03 is not
        # final yet, so it is put there as data — it does not carry into
        # W03 itself, which makes an allowed attempt a data error, never a refusal
        sql "INSERT INTO rectify_items (id, cycle_id, unit, \"text\", created_at, created_by) SELECT 900, id, 'T1', 'p', '', 'admin' FROM cycles WHERE code = 'W03' AND NOT EXISTS (SELECT 1 FROM rectify_items WHERE id = 900)" ;;
    esac
}

# try ACTION ROLE EXPECT(✓|own|self|–): run the case, judge the outcome.
try() {
    local action=$1 role=$2 want=$3 cmd out rc=0
    cmd=$(case_of "$action" "$role") || fail "no case for action $action: add one to $0"
    # `kaohe results` is results.own for a unit user and results.read for the others
    if [ "$cmd" = SKIP ]; then tried=$((tried + 1)); return 0; fi
    prepare "$action"
    if [[ $cmd == *OPEN* ]]; then cmd=${cmd/OPEN/$(sql "SELECT id FROM appeals WHERE state = 'open'")}; fi
    if [[ $cmd == *RITEM* ]]; then cmd=${cmd/RITEM/$(sql "SELECT MAX(id) FROM rectify_items WHERE state = 'open'")}; fi
    local before; before=$(sql "SELECT COUNT(*) FROM audit WHERE action = 'refuse' AND \"key\" = '$action'")
    # shellcheck disable=SC2086
    out=$(as "$role" $cmd 2>&1) || rc=$?
    local after; after=$(sql "SELECT COUNT(*) FROM audit WHERE action = 'refuse' AND \"key\" = '$action'")
    if [ "$want" = "–" ]; then
        [ "$rc" -ne 0 ] || fail "$role may not $action, but '$cmd' succeeded"
        grep -q "may not" <<<"$out" || fail "$role $action: refusal does not say 'may not': $out"
        grep -q "(role $role" <<<"$out" || fail "$role $action: refusal does not name the role: $out"
        [ "$after" -eq $((before + 1)) ] || fail "$role $action: refusal not audited ($before → $after)"
    else
        # allowed: success, or a failure of the data (a cycle that does not
        # validate yet, pg_dump for a PostgreSQL backup), never a refusal
        if [ "$rc" -ne 0 ] && grep -q "may not" <<<"$out"; then fail "$role may $action ($want), refused: $out"; fi
        [ "$after" -eq "$before" ] || fail "$role $action: allowed but a refusal was audited"
        [ "$rc" -eq 0 ] && allowed_ok=$((allowed_ok + 1))
    fi
    tried=$((tried + 1))
}

body() {
    G=$TMPROOT/bundle-$BACKEND
    rm -rf "$G" && cp -r "$G0" "$G"
    sed -i 's/^A1.06,A1,税收,quant,万元,benefit,target,,,,/A1.06,A1,税收,quant,万元,benefit,target,,,税务所,/' "$G/indicators.csv"
    kh init >/dev/null
    for u in "rep --role reporter --department 税务所" "rat --role rater --rater R1" \
             "t1 --role unit --unit T1" "vie --role viewer"; do
        # shellcheck disable=SC2086
        KAOHE_NEW_PASSWORD=password1 kh user add $u >/dev/null
    done
    kh import "$G" >/dev/null
    "$KAOHE" --lang en authz | grep '^| `' >"$WORK/matrix"
    local states="setup agreement tracking evaluation review publicity final" st action tried=0 allowed_ok=0
    for st in $states; do
        while IFS='|' read -r _ code _ c_admin c_rep c_rat c_unit c_view _; do
            action=$(tr -d ' `' <<<"$code")
            [ "$(state_of "$action")" = "$st" ] || continue
            [ "$action" = cycle.advance ] && continue   # tried in every state below
            [ "$action" = cycle.reopen ] && continue    # tried last in final: it leaves final
            declare -A cell=([admin]=$c_admin [reporter]=$c_rep [rater]=$c_rat [unit]=$c_unit [viewer]=$c_view)
            for role in $ROLES; do try "$action" "$role" "$(tr -d ' ' <<<"${cell[$role]}")"; done
        done <"$WORK/matrix"
        if [ "$st" = final ]; then
            while IFS='|' read -r _ code _ c_admin c_rep c_rat c_unit c_view _; do
                [ "$(tr -d ' `' <<<"$code")" = cycle.reopen ] || continue
                declare -A cell=([admin]=$c_admin [reporter]=$c_rep [rater]=$c_rat [unit]=$c_unit [viewer]=$c_view)
                for role in $ROLES; do try cycle.reopen "$role" "$(tr -d ' ' <<<"${cell[$role]}")"; done
            done <"$WORK/matrix"
            break
        fi
        for role in reporter rater unit viewer; do try cycle.advance "$role" "–"; done
        if [ "$st" = agreement ]; then   # complete the agreement again
            kh agreement propose W03 T1 A1.03 3 --note n >/dev/null 2>&1 || true
            kh agreement approve W03 T1 A1.03 >/dev/null
        fi
        if [ "$st" = publicity ]; then
            # published: a unit reads its own rows, and nobody else's
            as admin compute W03 >/dev/null
            expect_fail "confined to T1) may not read its own published results for T2" as unit results W03 --unit T2
            [ "$(as unit results W03 nodes | cut -d, -f1 | sort -u | tr '\n' ' ')" = "T1 unit " ] || fail "a unit reads only its own rows"
            # decide what is open so final is allowed
            for id in $(sql "SELECT id FROM appeals WHERE state = 'open'"); do kh appeal reject "$id" --reason r >/dev/null; done
        fi
        kh cycle advance W03 >/dev/null || fail "admin advances from $st"
    done
    local want; want=$(( $(wc -l <"$WORK/matrix") * 5 - 5 + 4 * 6 ))
    [ "$tried" -eq "$want" ] || fail "tried $tried role × action cases, expected $want"
    [ "$allowed_ok" -ge 40 ] || fail "only $allowed_ok allowed cases succeeded"
    # scope: what is not its own (the admin reopened the cycle to tracking above)
    expect_fail "(role unit, confined to T1) may not enter tracking values (quarters, months) for T2" as unit track W03 T2 A1.06 Q2 1
    expect_fail "(role reporter, confined to 税务所) may not enter tracking values (quarters, months) for A1.03" as reporter track W03 T1 A1.03 Q2 1
    expect_fail "confined to T1) may not list targets for T2" as unit agreement list W03 --unit T2
    expect_fail "may not create API tokens for admin" as unit user token admin --label x
    expect_fail "may not change passwords for admin" env KAOHE_NEW_PASSWORD=password2 KAOHE_PASSWORD=password1 "$KAOHE" --lang en user passwd admin --user t1 --db "$DB"
    as unit appeal list W03 | grep -qE '^[0-9]+ +T2 ' && fail "a unit sees another unit's appeal" || true
    expect_fail "in state tracking: may not read its own published results there; allowed only in publicity, final" as unit results W03
    as viewer results W03 nodes | grep -q '^T2,' || fail "a viewer reads every unit's results"
    kh export W03 "$WORK/exp" >/dev/null
    as admin results W03 >"$WORK/units.csv"
    cmp -s "$WORK/units.csv" "$WORK/exp/results_units.csv" || fail "results prints the stored results_units.csv byte for byte"
    as admin appeal list W03 | grep -qE '^[0-9]+ +T2 ' || fail "the admin sees every appeal"
    as admin audit verify | grep -q intact || fail "audit chain intact after the refusals"
}
for_each_backend body
