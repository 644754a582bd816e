#!/bin/sh
# make-xlsx-corpus.sh — seed corpus for fuzz-xlsx: small golden bundles as
# workbooks in both styles of tests/cli/csv2xlsx.py (shared and inline strings).
#   usage: fuzz/make-xlsx-corpus.sh OUTDIR      (run from anywhere)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: make-xlsx-corpus.sh OUTDIR}
mkdir -p "$out"
for dir in "$src"/tests/golden/*/bundle "$src"/tests/bad/2*/bundle; do
  [ -d "$dir" ] || continue
  name=$(basename "$(dirname "$dir")")
  for kind in excel inline; do
    python3 "$src/tests/cli/csv2xlsx.py" $kind "$dir" "$out/$name-$kind.xlsx"
  done
done
echo "$(ls "$out" | wc -l) seeds in $out"
