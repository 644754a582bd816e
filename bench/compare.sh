#!/usr/bin/env bash
# bench/compare.sh — issue 11's side-by-side run: `kaohe eval` against the pandas
# yardstick (bench/pandas_eval.py) on the national preset and on a shuffled copy of
# it, in one run on one machine.
#
#   1. kaohe sample --preset national --seed $SEED (or use BUNDLE=dir as given)
#   2. bench/shuffle-bundle.sh: the same bundle with every file's rows shuffled
#   3. on each bundle, under /usr/bin/time -v: kaohe eval (KH_TIMING=1) and pandas_eval.py
#   4. tests/tools/csvcmp --tol 1e-9 on each of the five result files (kaohe vs pandas)
#   5. prints wall seconds, CPU seconds, peak RSS of both and the ratio pandas/kaohe
#
# Usage: bench/compare.sh [--keep]
#   env: SEED (default 1), PRESET (default national), BUNDLE (an existing bundle instead
#        of generating one), KAOHE (default build/kaohe), BENCH_TMP (scratch folder,
#        removed at the end unless --keep), PY (python with pandas; default the first of
#        python3, /usr/bin/python3 that imports it)
# Exit status 1 when the results differ.  Needs GNU time (Debian package `time`,
# installed here when missing), python3-pandas, openssl and shuf (coreutils).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
keep=0
[ "${1:-}" = --keep ] && keep=1
seed=${SEED:-1} preset=${PRESET:-national}
kaohe=${KAOHE:-$root/build/kaohe}
csvcmp=$(dirname "$kaohe")/tools/csvcmp
[ -x "$kaohe" ] && [ -x "$csvcmp" ] || { echo "compare: build first (make build): $kaohe, $csvcmp" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
    echo "compare: installing GNU time (Debian package time)" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi
py=${PY:-}
if [ -z "$py" ]; then
    for p in python3 /usr/bin/python3; do
        if "$p" -c 'import pandas' 2>/dev/null; then py=$p; break; fi
    done
fi
[ -n "$py" ] || { echo "compare: no python with pandas (apt-get install python3-pandas)" >&2; exit 2; }

tmp=${BENCH_TMP:-$(mktemp -d /tmp/kaohe-compare.XXXXXX)}
mkdir -p "$tmp"
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$tmp"; else echo "compare: kept $tmp" >&2; fi; }
trap cleanup EXIT

if [ -n "${BUNDLE:-}" ]; then
    plain=$BUNDLE
else
    plain=$tmp/$preset
    "$kaohe" sample --preset "$preset" --seed "$seed" -o "$plain" >/dev/null
fi
"$root/bench/shuffle-bundle.sh" "$plain" "$tmp/shuffled" "$seed"

# run LABEL CMD… — under GNU time; sets W (wall s), C (CPU s), M (peak RSS MiB)
run() {
    local label=$1; shift
    KH_TIMING=1 /usr/bin/time -v -o "$tmp/$label.time" "$@" >"$tmp/$label.out" 2>"$tmp/$label.err" ||
        { echo "compare: $label failed:" >&2; tail -5 "$tmp/$label.err" >&2; exit 1; }
    W=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/$label.time")
    C=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$tmp/$label.time")
    M=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$tmp/$label.time")
}

status=0
lines=()
for b in plain shuffled; do
    dir=$plain
    [ "$b" = shuffled ] && dir=$tmp/shuffled
    run "$b-kaohe" "$kaohe" eval "$dir" -o "$tmp/$b-kaohe.res" -q
    kw=$W kc=$C km=$M
    run "$b-pandas" "$py" "$root/bench/pandas_eval.py" "$dir" "$tmp/$b-pandas.res"
    pw=$W pc=$C pm=$M
    same=yes
    for f in results_units.csv results_nodes.csv results_cadres.csv results_surveys.csv warnings.csv; do
        if [ -e "$tmp/$b-kaohe.res/$f" ] || [ -e "$tmp/$b-pandas.res/$f" ]; then
            "$csvcmp" --tol 1e-9 "$tmp/$b-kaohe.res/$f" "$tmp/$b-pandas.res/$f" >"$tmp/$b-$f.cmp" 2>&1 ||
                { same=no; echo "compare: $b $f differs:" >&2; head -5 "$tmp/$b-$f.cmp" >&2; }
        fi
    done
    [ "$same" = yes ] || status=1
    ratio=$(awk -v p="$pw" -v k="$kw" 'BEGIN { printf "%.1f", (k > 0 ? p / k : 0) }')
    cratio=$(awk -v p="$pc" -v k="$kc" 'BEGIN { printf "%.1f", (k > 0 ? p / k : 0) }')
    lines+=("| $preset $b | $kw | $kc | $km | $pw | $pc | $pm | **$ratio×** | $cratio× | $same |")
    grep '^timing' "$tmp/$b-kaohe.err" | sed "s/^/$b kaohe: /" >&2 || true
done

echo "## kaohe eval vs pandas — $(date -u +%Y-%m-%dT%H:%MZ), $preset seed $seed, commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| bundle | kaohe wall s | kaohe CPU s | kaohe peak MiB | pandas wall s | pandas CPU s | pandas peak MiB | ratio (wall) | ratio (CPU) | results equal (1e-9) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${lines[@]}"
exit $status
