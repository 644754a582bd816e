#!/usr/bin/env bash
# Mutated bundles: every golden bundle, every file, a fixed list of mutations
# (tests/cli/mutate.py: dropped and unknown columns, numbers turned into text,
# NaN/inf/1e308, duplicated rows, broken quotes, truncation, NUL bytes, invalid
# UTF-8, empty and header-only files, CRLF, BOM, padding, GB18030, 100k columns,
# 2 MiB cells, ...).  For each, `kaohe eval`:
#   - exits 0 or 2, never anything else and never on a signal;
#   - on 2 names the mutated file on stderr (or, when rows were deleted, the
#     file that refers to them) and writes nothing;
#   - on 0 writes results_units.csv;
#   - "same" mutations exit 0 with results byte-identical to the original's;
#   - "invalid" mutations exit 2.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "FAIL: python3 missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
M="$TMP/mut"
python3 "$KH_SRC/tests/cli/mutate.py" "$M" "$KH_SRC"/tests/golden/*/bundle
check "mutations generated" test -s "$M/manifest.tsv"

# reference results of every golden bundle
mkdir -p "$TMP/ref"
for b in "$KH_SRC"/tests/golden/*/bundle; do
  ref="$TMP/ref/$(basename "$(dirname "$b")")"
  check_status 0 "$b: reference eval" "$KAOHE" eval "$b" -o "$ref" --quiet
done

mkdir -p "$TMP/out"
while IFS=$'\t' read -r n src file mut expect; do
  case_="$(basename "$(dirname "$src")")/$file/$mut"
  out="$TMP/out/$n"
  "$KAOHE" eval "$M/$n" -o "$out" --quiet >/dev/null 2>"$TMP/err"
  st=$?
  case $st in
    0)
      check "$case_: exit 0 writes results" test -f "$out/results_units.csv"
      [ "$expect" = invalid ] && fail "$case_: exit 0, expected 2"
      if [ "$expect" = same ]; then
        ref="$TMP/ref/$(basename "$(dirname "$src")")"
        for f in "$ref"/*.csv; do
          cmp -s "$f" "$out/$(basename "$f")" || fail "$case_: $(basename "$f") differs from the original's"
        done
      fi ;;
    2)
      if grep -qF -- "$file" "$TMP/err"; then ok
      elif [ "$expect" = ref ] && grep -qE '^[a-z_]+\.csv:[0-9]+' "$TMP/err"; then ok
      else fail "$case_: exit 2 without naming $file: $(head -c 300 "$TMP/err")"; fi
      check "$case_: exit 2 writes nothing" test ! -e "$out"
      [ "$expect" = same ] && fail "$case_: exit 2, expected 0 and the original results: $(head -c 300 "$TMP/err")" ;;
    *)
      fail "$case_: exit $st (signal $((st > 128 ? st - 128 : 0))): $(head -c 300 "$TMP/err")" ;;
  esac
  rm -rf "$out"
done < "$M/manifest.tsv"
finish
