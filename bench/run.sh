#!/usr/bin/env bash
# bench/run.sh — kaohe's benchmark: generate the `national` sample (40,000
# units, ~21 million CSV rows) and a `beijing` one (182 units) with a fixed
# seed, then time every command that reads them:
#
#   sample      generating the bundle itself
#   validate    read + check the bundle (kaohe validate)
#   eval        read + check + compute + write the result files (kaohe eval -o),
#               with KH_TIMING=1 so the phases are in the log
#   import      kaohe import into SQLite, and into PostgreSQL when a server can
#               be started (scripts/pg-test-cluster.sh), after `init`
#   compute     kaohe compute on the imported cycle, same backends
#
# Each command runs once under /usr/bin/time -v (wall time and peak RSS); the
# import rate is the bundle's CSV data rows (header lines not counted) per
# second of wall time.  The table goes to stdout (markdown) and, with the raw
# logs, to $BENCH_OUT (default bench/out/).  Runs are sequential: the machine
# is shared, so nothing here runs in parallel.
#
# Usage: bench/run.sh [--no-national] [--no-pg] [--no-pg-national] [--keep]
#   --no-pg-national: PostgreSQL on the beijing set only (the import uses COPY,
#   but the national set still takes several minutes of server time)
#   env: SEED (default 20240101), KAOHE (binary; default build/kaohe, built Release if missing),
#        BENCH_TMP (scratch folder, default a new mktemp -d; removed at the end unless --keep),
#        BENCH_OUT (where results.md and logs go)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seed=${SEED:-20240101}
national=1 pg=1 pg_national=1 keep=0
for a in "$@"; do
    case "$a" in
    --no-national) national=0 ;;
    --no-pg) pg=0 ;;
    --no-pg-national) pg_national=0 ;;
    --keep) keep=1 ;;
    -h | --help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $a" >&2; exit 2 ;;
    esac
done

# GNU time for peak RSS (Debian package `time`)
if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi

kaohe=${KAOHE:-$root/build/kaohe}
if [ -z "${KAOHE:-}" ]; then
    echo "bench: building Release in $root/build" >&2
    cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build" -j2 >/dev/null
fi
[ -x "$kaohe" ] || { echo "bench: no kaohe binary at $kaohe" >&2; exit 1; }
has_cmd() { "$kaohe" --help 2>&1 | grep -qE "^  $1 "; }

tmp=${BENCH_TMP:-$(mktemp -d /tmp/kaohe-bench.XXXXXX)}
mkdir -p "$tmp"
out=${BENCH_OUT:-$root/bench/out}
mkdir -p "$out"
pgdir=""
cleanup() {
    if [ -n "$pgdir" ]; then "$root/scripts/pg-test-cluster.sh" stop "$pgdir" || true; rm -rf "$pgdir"; fi
    if [ "$keep" = 0 ]; then rm -rf "$tmp"; else echo "bench: kept $tmp" >&2; fi
}
trap cleanup EXIT

rows=()   # markdown rows

# measure NAME DATASET LOGNAME ROWS CMD… — run once under GNU time; append a table row.
# ROWS > 0 adds a rows/s figure.
measure() {
    local name=$1 dataset=$2 log=$3 nrows=$4
    shift 4
    local tlog="$out/$log.time" rc=0
    KH_TIMING=1 /usr/bin/time -v -o "$tlog" "$@" >"$out/$log.out" 2>"$out/$log.err" || rc=$?
    local wall rss secs rate=""
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tlog")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tlog")
    secs=$(awk -v w="$wall" 'BEGIN { n = split(w, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
    local user sys
    user=$(sed -n 's/.*User time (seconds): //p' "$tlog")
    sys=$(sed -n 's/.*System time (seconds): //p' "$tlog")
    if [ "$nrows" -gt 0 ] && awk -v s="$secs" 'BEGIN { exit !(s > 0) }'; then
        rate=$(awk -v r="$nrows" -v s="$secs" 'BEGIN { printf "%.0f", r / s }')
    fi
    local status="ok"
    [ "$rc" = 0 ] || status="exit $rc"
    rows+=("| $dataset | $name | $(printf '%.2f' "$secs") | $(printf '%.2f' "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')") | $((rss / 1024)) | ${rate} | $status |")
    echo "bench: $dataset $name: ${secs}s, $((rss / 1024)) MiB${rate:+, $rate rows/s} ($status)" >&2
}

# data_rows DIR — CSV data rows of a bundle (records, not lines: no cell here spans lines)
data_rows() { awk 'FNR > 1 && NF' "$1"/*.csv | wc -l; }

run_dataset() {
    local preset=$1 dir="$tmp/$1"
    measure sample "$preset" "$preset-sample" 0 "$kaohe" sample --preset "$preset" --seed "$seed" -o "$dir"
    local n mb
    n=$(data_rows "$dir")
    mb=$(du -sm "$dir" | cut -f1)
    sizes+=("| $preset | $(($(wc -l <"$dir/units.csv") - 1)) | $n | $mb |")
    (cd "$dir" && for f in *.csv; do printf '%s %s %s\n' "$preset" "$f" "$(($(wc -l <"$f") - 1))"; done) >>"$out/rows.txt"
    measure validate "$preset" "$preset-validate" 0 "$kaohe" validate "$dir"
    measure eval "$preset" "$preset-eval" 0 "$kaohe" eval "$dir" -o "$tmp/$preset-results" -q
    rm -rf "$tmp/$preset-results"
    if has_cmd import && has_cmd compute; then
        local db="$tmp/$preset.db"
        "$kaohe" init --db "$db" >/dev/null
        measure "import (SQLite)" "$preset" "$preset-import-sqlite" "$n" "$kaohe" import "$dir" --db "$db"
        measure "compute (SQLite)" "$preset" "$preset-compute-sqlite" 0 "$kaohe" compute "$(cycle_code "$dir")" --db "$db"
        echo "bench: $preset SQLite file $(du -sm "$db" | cut -f1) MiB" >&2
        rm -f "$db" "$db"-*
        if [ -n "$pgurl" ] && { [ "$preset" != national ] || [ "$pg_national" = 1 ]; }; then
            local pdb="kh_bench_$preset"
            PGOPTIONS='-c client_min_messages=warning' psql -q "$pgurl" -c "DROP DATABASE IF EXISTS $pdb" -c "CREATE DATABASE $pdb" >/dev/null
            local url="${pgurl%/*}/$pdb"
            "$kaohe" init --db "$url" >/dev/null
            measure "import (PostgreSQL)" "$preset" "$preset-import-pg" "$n" "$kaohe" import "$dir" --db "$url"
            measure "compute (PostgreSQL)" "$preset" "$preset-compute-pg" 0 "$kaohe" compute "$(cycle_code "$dir")" --db "$url"
            psql -q "$pgurl" -c "DROP DATABASE $pdb" >/dev/null
        fi
    else
        echo "bench: import/compute not in this build; skipped" >&2
    fi
    rm -rf "$dir"
}

cycle_code() { awk -F, '$1 == "code" { print $2 }' "$1/cycle.csv"; }

pgurl=""
if [ "$pg" = 1 ] && [ -x "$root/scripts/pg-test-cluster.sh" ] && has_cmd import; then
    # outside $tmp: the cluster runs as user postgres, which cannot enter a 0700 folder of root's
    pgdir=$(mktemp -d /tmp/kaohe-bench-pg.XXXXXX)
    if pgurl=$("$root/scripts/pg-test-cluster.sh" start "$pgdir" 2>"$out/pg-start.err"); then
        echo "bench: PostgreSQL at $pgurl" >&2
    else
        echo "bench: no PostgreSQL cluster ($(head -1 "$out/pg-start.err")); PostgreSQL skipped" >&2
        pgurl=""
    fi
fi

sizes=()
: >"$out/rows.txt"
run_dataset beijing
[ "$national" = 1 ] && run_dataset national

{
    echo "## kaohe benchmark — $(date -u +%Y-%m-%dT%H:%MZ), seed $seed, commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo
    echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| dataset | units | CSV data rows | MB |"
    echo "| --- | ---: | ---: | ---: |"
    printf '%s\n' "${sizes[@]}"
    echo
    echo "| dataset | step | wall s | CPU s | peak RSS MiB | rows/s | status |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "eval phases (KH_TIMING=1):"
    echo
    echo '```'
    for f in "$out"/*-eval.err; do
        [ -e "$f" ] || continue
        echo "# $(basename "$f" -eval.err)"
        grep '^timing' "$f" || true
    done
    echo '```'
} | tee "$out/results.md"
