#!/usr/bin/env bash
# Golden cases: every tests/golden/*/bundle evaluated with `kaohe eval` must give
# the files of expected/ (numbers at 1e-12, everything else exact), no other
# result file (warnings.csv only when expected), and byte-identical output on a
# second run.  Adding a case needs only a folder: bundle/ + expected/ + README.md.
. "$(dirname "$0")/lib.sh"
for case in "$KH_SRC"/tests/golden/*/; do
  name=$(basename "$case")
  out="$TMP/$name"
  if ! "$KAOHE" eval "$case/bundle" -o "$out" --quiet 2>"$TMP/$name.err"; then
    fail "$name: eval failed: $(head -5 "$TMP/$name.err")"
    continue
  fi
  for f in results_units.csv results_nodes.csv results_cadres.csv results_surveys.csv warnings.csv; do
    if [ -f "$case/expected/$f" ]; then
      check "$name/$f matches expected" "$CSVCMP" "$case/expected/$f" "$out/$f"
    else
      check "$name/$f must not exist" test ! -e "$out/$f"
    fi
  done
  "$KAOHE" eval "$case/bundle" -o "$out.again" --quiet 2>/dev/null
  check "$name: second run byte-identical" diff -r "$out" "$out.again"
done
finish
