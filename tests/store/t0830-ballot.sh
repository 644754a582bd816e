#!/usr/bin/env bash
# 民主测评 ballots (store-ballot.h) through `kaohe ballot`, on every backend:
# slips per group, one vote per slip (a second use refused, nothing more
# stored), a closed ballot refuses, the tally counts submitted/issued per
# group, the ratings written are exactly the votes cast, by fresh anonymous
# raters of the slip's group, and `kaohe compute` gives the cadre vote flags
# and dimension scores that python3 computes independently from the votes.
. "$(dirname "$0")/lib.sh"
body() {
    G=$WORK/g
    cp -r "$KH_SRC/tests/golden/07-cadres/bundle" "$G"
    echo 'A3,A,班子测评,qual,,benefit,,,,,leaders=0.6;peers=0.4,team,1' >>"$G/indicators.csv"
    printf 'team,好,100\nteam,较好,80\nteam,一般,60\nteam,差,0\n' >>"$G/scales.csv"
    kh init >/dev/null
    kh import "$G" --cycle B7 >/dev/null
    kh ballot B7 --unit T1 --group leaders:4 --group peers:3 --sheet "$WORK/sheet.html" >"$WORK/slips.csv"
    [ "$(tail -n +2 "$WORK/slips.csv" | wc -l)" -eq 7 ] || fail "seven slips printed"
    [ "$(grep -c '<svg' "$WORK/sheet.html")" -eq 7 ] || fail "the sheet has seven QR codes"
    grep -q '甲镇' "$WORK/sheet.html" || fail "the sheet names the unit"
    [ "$(sql "SELECT COUNT(*) FROM ballot_slips")" -eq 7 ] || fail "seven slips stored"
    tok() { sed -n "$1p" "$WORK/slips.csv" | cut -d, -f4 | sed 's|.*/b/||'; }
    t=$(tok 2)
    [ "$(sql "SELECT COUNT(*) FROM ballot_slips WHERE hash = '$t'")" -eq 0 ] || fail "a token is stored only hashed"
    # votes: leaders slips 2..5, peers 6..8 (row 1 is the header)
    V=$WORK/votes.txt; : >"$V"
    vote() { local n=$1; shift; local a=(); for v in "$@"; do a+=(--vote "$v"); echo "$(sed -n "${n}p" "$WORK/slips.csv" | cut -d, -f2) $v" >>"$V"; done
             kh ballot B7 --submit "$(tok "$n")" "${a[@]}" >/dev/null || fail "slip $n votes"; }
    vote 2 T1:A3=好 C1:德=优秀 C1:绩=称职 C2:德=不称职 C2:绩=基本称职
    vote 3 T1:A3=较好 C1:德=称职 C1:绩=优秀 C2:德=不称职 C2:绩=不称职
    vote 4 T1:A3=好 C1:德=优秀 C1:绩=优秀 C2:德=称职 C2:绩=弃权
    vote 5 T1:A3=一般 C1:德=基本称职 C1:绩=称职 C2:德=不称职
    vote 6 T1:A3=好 C1:德=优秀 C1:绩=优秀 C2:德=称职 C2:绩=称职
    vote 7 T1:A3=差 C1:德=称职 C1:绩=称职 C2:德=基本称职 C2:绩=不称职
    expect_fail "already been used" kh ballot B7 --submit "$(tok 2)" --vote T1:A3=差
    n=$(sql "SELECT COUNT(*) FROM ratings WHERE rater LIKE 'B1.%'")
    [ "$n" -eq "$(wc -l <"$V")" ] || fail "one rating per vote ($n vs $(wc -l <"$V"))"
    expect_fail "choose one of the options" kh ballot B7 --submit "$(tok 8)" --vote T1:A3=很好
    expect_fail "not valid" kh ballot B7 --submit 0123456789abcdef0123456789abcdef --vote T1:A3=好
    kh ballot B7 --tally 1 >"$WORK/tally.csv"
    grep -qx 'leaders,上级领导,4,4' "$WORK/tally.csv" || fail "tally leaders 4/4: $(cat "$WORK/tally.csv")"
    grep -qx 'peers,班子成员,3,2' "$WORK/tally.csv" || fail "tally peers 2/3"
    grep -qx ',open,7,6' "$WORK/tally.csv" || fail "tally total 6/7"
    kh ballot B7 --close 1 >/dev/null
    expect_fail "closed" kh ballot B7 --submit "$(tok 8)" --vote T1:A3=好
    [ "$(sql "SELECT COUNT(*) FROM ratings WHERE rater LIKE 'B1.%'")" -eq "$n" ] || fail "refusals stored nothing"
    [ "$(sql "SELECT COUNT(DISTINCT r.\"group\") FROM raters r WHERE r.code LIKE 'B1.peers.%' AND r.\"group\" = 'peers'")" -eq 1 ] || fail "raters in the slip's group"
    # the ratings equal the votes
    sql "SELECT g.\"group\" || ' ' || t.ratee || ':' || t.item || '=' || t.score FROM ratings t JOIN raters g ON g.cycle_id = t.cycle_id AND g.code = t.rater WHERE t.rater LIKE 'B1.%' ORDER BY t.ord" >"$WORK/got.txt"
    diff <(sort "$V") <(sort "$WORK/got.txt") >/dev/null || fail "ratings differ from the votes"
    # compute: C2's flags and dimension scores from the ballot votes plus the bundle's own ratings
    kh compute B7 >/dev/null 2>&1 || true
    kh export B7 "$WORK/exp" >/dev/null
    python3 - "$WORK/exp" <<'PY' || fail "cadre results differ from the independent computation"
import csv, sys
d = sys.argv[1]
rows = lambda f: list(csv.DictReader(open(f"{d}/{f}", encoding="utf-8")))
pts = {"优秀": 100, "称职": 80, "基本称职": 60, "不称职": 0}
group = {r["code"]: r["group"] for r in rows("raters.csv")}
w = {"leaders": 0.6, "peers": 0.4}
min_raters = 2
res = {r["cadre"]: r for r in rows("results_cadres.csv")}
for cadre in ("C1", "C2"):
    good = bad = total = 0
    dims = {}
    for r in rows("ratings.csv"):
        if r["ratee"] != cadre or r["score"] not in pts:
            continue
        total += 1; good += r["score"] in ("优秀", "称职"); bad += r["score"] == "不称职"
        dims.setdefault(r["item"], {}).setdefault(group[r["rater"]], []).append(pts[r["score"]])
    ev = 0
    for dim, wd in (("德", 0.5), ("绩", 0.5)):
        gs = {g: sum(v) / len(v) for g, v in dims.get(dim, {}).items() if len(v) >= min_raters}
        ev += wd * sum(w[g] * s for g, s in gs.items()) / sum(w[g] for g in gs)
    flags = res[cadre]["flags"].split(";")
    assert ("vote_caution" in flags) == (3 * good < 2 * total), (cadre, flags, good, total)
    assert ("vote_review" in flags) == (3 * bad > total), (cadre, flags, bad, total)
    assert abs(float(res[cadre]["evaluation"]) - ev) < 1e-9, (cadre, res[cadre]["evaluation"], ev)
print("ok")
PY
    kh audit verify >/dev/null || fail "audit chain intact"
    [ "$(sql "SELECT COUNT(*) FROM audit WHERE entity = 'ballot'")" -ge 8 ] || fail "create, six votes and close audited"
}
for_each_backend body
