#!/usr/bin/env bash
# Differential test: random valid bundles (tests/oracle/gen_bundle.py) evaluated by
# `kaohe eval` and by the independent Python reference (tests/oracle/kaohe_ref.py);
# every result file must agree cell by cell (numbers at 1e-9 relative, text exact,
# same rows, warnings.csv present in both or in neither).  On a mismatch the seed
# and the first differences are printed; reproduce with
#   python3 tests/oracle/gen_bundle.py SEED b && kaohe eval b -o c && \
#   python3 tests/oracle/kaohe_ref.py b r && python3 tests/oracle/resdiff.py r c
. "$(dirname "$0")/lib.sh"
ORACLE="$KH_SRC/tests/oracle"
command -v python3 >/dev/null || { echo "python3 missing (scripts/install-deps.sh)"; fail "python3"; finish; exit; }
SEEDS=${KH_DIFF_SEEDS:-$(seq 1 40)}
for seed in $SEEDS; do
  d="$TMP/s$seed"
  if ! python3 "$ORACLE/gen_bundle.py" "$seed" "$d/bundle" 2>"$d.gen.err"; then
    fail "seed $seed: generator failed: $(tail -1 "$d.gen.err")"; continue
  fi
  if ! "$KAOHE" eval "$d/bundle" -o "$d/kaohe" --quiet 2>"$d.eval.err"; then
    fail "seed $seed: kaohe eval failed: $(head -3 "$d.eval.err")"; continue
  fi
  if ! python3 "$ORACLE/kaohe_ref.py" "$d/bundle" "$d/ref" 2>"$d.ref.err"; then
    fail "seed $seed: reference failed: $(tail -1 "$d.ref.err")"; continue
  fi
  if python3 "$ORACLE/resdiff.py" "$d/ref" "$d/kaohe" --tol 1e-9 --max 5 >"$d.diff"; then
    ok
  else
    echo "seed $seed differs (ref vs kaohe):"; cat "$d.diff"
    fail "seed $seed"
  fi
done
finish
