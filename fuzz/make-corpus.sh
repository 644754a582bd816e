#!/bin/sh
# make-corpus.sh — seed corpus for fuzz-bundle: each tests/golden/*/bundle
# (and each tests/bad/*/bundle, whose near misses are good seeds too) becomes
# one file in the container format of fuzz/fuzz-bundle.c ("=== name" lines).
#   usage: fuzz/make-corpus.sh OUTDIR      (run from anywhere)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: make-corpus.sh OUTDIR}
mkdir -p "$out"
for dir in "$src"/tests/golden/*/bundle "$src"/tests/bad/*/bundle; do
  [ -d "$dir" ] || continue
  name=$(basename "$(dirname "$dir")")
  kind=$(basename "$(dirname "$(dirname "$dir")")")
  f="$out/$kind-$name"
  : > "$f"
  for csv in "$dir"/*.csv; do
    [ -f "$csv" ] || continue
    printf '=== %s\n' "$(basename "$csv")" >> "$f"
    cat "$csv" >> "$f"
    # the container needs the marker at the start of a line
    [ -z "$(tail -c 1 "$csv")" ] || printf '\n' >> "$f"
  done
done
echo "$(ls "$out" | wc -l) seeds in $out"
