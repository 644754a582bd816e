#!/usr/bin/env bash
# Durability: SIGKILL `kaohe import` at many random points of a large import;
# afterwards the database is either exactly as before or holds the whole
# cycle, and passes PRAGMA integrity_check (SQLite) — issue 3, item 6.
. "$(dirname "$0")/lib.sh"

make_bundle() {   # a large bundle: many units × leaves of values
    local d=$1 n=${2:-3000}
    mkdir -p "$d"
    printf "key,value\ncode,BIG\n" >"$d/cycle.csv"
    printf 'code,name\nU,城市\n' >"$d/categories.csv"
    { echo "code,name,district,category"; for i in $(seq 1 "$n"); do echo "u$i,单位$i,d$((i % 50)),U"; done; } >"$d/units.csv"
    { echo "code,parent,name,kind,measure,direction,method,params,missing,department,raters,scale,weight.U"
      echo "A,,经济,node,,,,,,,,,100"
      for j in 1 2 3 4 5 6 7 8; do echo "A$j,A,指标$j,quant,,benefit,minmax,lo=pop_min;hi=pop_max,zero,,,,10"; done; } >"$d/indicators.csv"
    { echo "unit,indicator,period,value,source"
      for i in $(seq 1 "$n"); do for j in 1 2 3 4 5 6 7 8; do echo "u$i,A$j,Y,$((i * j % 997)).5,"; done; done; } >"$d/values.csv"
}

body() {
    kh init >/dev/null
    make_bundle big
    local before full t0 t1 ms killed_before=0 completed=0
    # how long a whole import takes here, so the kills land all along it
    t0=$(date +%s%N)
    kh import big >/dev/null 2>&1 || fail "timing import"
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 + 1 ))
    if [ "$BACKEND" = sqlite ]; then sql "PRAGMA foreign_keys=ON; DELETE FROM cycles WHERE code = 'BIG'"; else sql "DELETE FROM cycles WHERE code = 'BIG'"; fi
    [ "$(sql "SELECT COUNT(*) FROM indicator_values")" = 0 ] || fail "timing cycle not deleted"
    before=$(sql "SELECT COUNT(*) FROM cycles")
    for k in $(seq 1 15); do
        # the kaohe process itself (not a subshell) must receive the SIGKILL
        "$KAOHE" import big --replace --db "$DB" >/dev/null 2>&1 &
        local pid=$!
        sleep "$(awk -v r=$RANDOM -v ms=$ms 'BEGIN { printf "%.3f", (r % 1000) / 1000 * ms * 1.1 / 1000 }')"
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        n=$(sql "SELECT COUNT(*) FROM indicator_values")
        c=$(sql "SELECT COUNT(*) FROM cycles")
        if [ "$c" = "$before" ]; then [ "$n" = 0 ] || fail "half import: $n values without a cycle"
            killed_before=$((killed_before + 1))
        else [ "$n" = 24000 ] || fail "half import: $n of 24000 values"
            completed=$((completed + 1)); fi
        if [ "$BACKEND" = sqlite ]; then
            [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
        fi
    done
    echo "[$BACKEND] 15 kills: $killed_before left the database as before, $completed found the import complete"
    kh audit verify >/dev/null || fail "audit chain after kills"
}

for_each_backend body
