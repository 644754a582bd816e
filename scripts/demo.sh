#!/usr/bin/env bash
# make demo — the main job on the shipped demo data:
# generate the Beijing sample cycle (182 real townships), evaluate it, write the
# results, and print the ranking per township type.
set -euo pipefail
KAOHE=${1:-build/kaohe}
OUT=${KH_DEMO_DIR:-demo-out}
rm -rf "$OUT"
mkdir -p "$OUT"
echo "== kaohe sample --preset beijing --seed 2026 -o $OUT/bundle"
"$KAOHE" sample --preset beijing --seed 2026 -o "$OUT/bundle"
echo "== kaohe eval $OUT/bundle -o $OUT/results --summary"
"$KAOHE" eval "$OUT/bundle" -o "$OUT/results" --summary
echo
echo "数据包 (bundle):  $OUT/bundle"
echo "结果 (results):   $OUT/results"
