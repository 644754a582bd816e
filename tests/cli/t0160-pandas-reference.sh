#!/usr/bin/env bash
# The pandas yardstick of issue 11 (bench/pandas_eval.py) must compute what
# `kaohe eval` computes: on every golden bundle and on the Beijing sample, each of
# the five result files agrees cell by cell (numbers at 1e-9 relative, text exact,
# same rows, warnings.csv in both or in neither), also on a shuffled Beijing copy.  The speed ratio of bench/compare.sh
# means something only while this holds.
. "$(dirname "$0")/lib.sh"
PE="$KH_SRC/bench/pandas_eval.py"
# Debian's python3-pandas lives under /usr/bin/python3; a pyenv python3 first on PATH lacks it
PY=""
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import pandas, numpy' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
  echo "python3-pandas missing (scripts/install-deps.sh)"; fail "pandas"; finish; exit
fi
compare() {   # NAME BUNDLE
  local name=$1 b=$2 f
  if ! "$KAOHE" eval "$b" -o "$TMP/$name.k" --quiet 2>"$TMP/$name.k.err"; then
    fail "$name: kaohe eval failed: $(head -3 "$TMP/$name.k.err")"; return
  fi
  if ! "$PY" "$PE" "$b" "$TMP/$name.p" 2>"$TMP/$name.p.err"; then
    fail "$name: pandas_eval failed: $(tail -3 "$TMP/$name.p.err")"; return
  fi
  for f in results_units.csv results_nodes.csv results_cadres.csv results_surveys.csv warnings.csv; do
    if [ -e "$TMP/$name.k/$f" ]; then
      check "$name/$f: pandas agrees with kaohe" "$CSVCMP" --tol 1e-9 "$TMP/$name.k/$f" "$TMP/$name.p/$f"
    else
      check "$name/$f: absent in pandas too" test ! -e "$TMP/$name.p/$f"
    fi
  done
}
for case in "$KH_SRC"/tests/golden/*/; do
  compare "$(basename "$case")" "$case/bundle"
done
"$KAOHE" sample --preset beijing --seed 1 -o "$TMP/beijing" >/dev/null 2>&1 || fail "sample beijing"
compare beijing "$TMP/beijing"
# rows in random order (as other systems export them): same agreement
"$KH_SRC/bench/shuffle-bundle.sh" "$TMP/beijing" "$TMP/beijing-shuffled" 7
compare beijing-shuffled "$TMP/beijing-shuffled"
finish
