#!/usr/bin/env bash
# Valid bundles with numbers at the edges of the allowed range (tests/edge/):
# eval exits 0, every base/composite is a number, no result cell is inf/nan,
# and no leaf with a value is flagged missing (a NaN score is imputed as missing).
. "$(dirname "$0")/lib.sh"
shopt -s nullglob
cases=("$KH_SRC"/tests/edge/*/)
check "there are edge cases" test ${#cases[@]} -gt 0
for case in "${cases[@]}"; do
  name=$(basename "$case")
  out="$TMP/$name"
  check_status 0 "$name: eval" "$KAOHE" eval "$case/bundle" -o "$out" --quiet
  [ -f "$out/results_units.csv" ] || { fail "$name: no results"; continue; }
  bad=$(awk -F, 'NR > 1 && ($3 == "" || $6 == "") { print "row " NR ": empty base/composite" }' \
        "$out/results_units.csv")
  check "$name: base and composite are numbers ($bad)" test -z "$bad"
  # every leaf has a value in these bundles: a missing flag means a score went NaN and was imputed
  bad=$(grep -o 'missing:[^;,]*' "$out/results_units.csv" | sort -u | tr '\n' ' ')
  check "$name: no leaf flagged missing ($bad)" test -z "$bad"
  bad=$(grep -lE '(^|,)-?(inf|nan)(,|$)' "$out"/*.csv)
  check "$name: no inf/nan in results ($bad)" test -z "$bad"
done
finish
