#!/bin/bash
# t0540 — a workbook is a bundle (issue 10 item 5): every golden bundle,
# written as an Excel-style workbook (shared strings, r= on every cell, a
# custom date format) and as a LibreOffice-style one (inline strings, cells
# without r=, a rich-text shared string, built-in date format 14, Chinese
# sheet names, a notes sheet), evaluates to byte-identical result files as
# the CSV folder.  Adding a golden case needs no change here.
. "$(dirname "$0")/lib.sh"
CONV="$KH_SRC/tests/cli/csv2xlsx.py"

for case in "$KH_SRC"/tests/golden/*/; do
  name=$(basename "$case")
  "$KAOHE" eval "$case/bundle" -o "$TMP/$name-csv" -q
  for kind in excel inline; do
    python3 "$CONV" $kind "$case/bundle" "$TMP/$name-$kind.xlsx"
    check_status 0 "$name: eval of the $kind workbook" \
      "$KAOHE" eval "$TMP/$name-$kind.xlsx" -o "$TMP/$name-$kind" -q
    check "$name: $kind workbook gives the CSV folder's results byte for byte" \
      diff -r "$TMP/$name-csv" "$TMP/$name-$kind"
    check_status 0 "$name: validate of the $kind workbook" \
      "$KAOHE" validate "$TMP/$name-$kind.xlsx" >/dev/null
  done
done
finish
