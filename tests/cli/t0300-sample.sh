#!/bin/bash
# t0300-sample.sh — `kaohe sample`: determinism, size and shape of the beijing
# preset, --scheme-only, and (when the commands exist) that kaohe reads and
# evaluates the bundle with grades inside the quota.
set -euo pipefail
: "${KAOHE:?KAOHE must point to the kaohe binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$KAOHE" sample --preset beijing --seed 1 -o "$tmp/a" >/dev/null
"$KAOHE" sample --preset beijing --seed 1 -o "$tmp/b" >/dev/null
"$KAOHE" sample --seed 2 -o "$tmp/c" >/dev/null
diff -r "$tmp/a" "$tmp/b" >/dev/null || fail "same seed gave different files"
if diff -r "$tmp/a" "$tmp/c" >/dev/null; then fail "seed 2 gave the same files as seed 1"; fi

b="$tmp/a"
for f in cycle categories indicators scales rater_groups raters survey_items positions \
         units targets values ratings responses cadres adjustments; do
    [ -s "$b/$f.csv" ] || fail "missing $f.csv"
done

units=$(awk 'NR > 1' "$b/units.csv" | wc -l)
[ "$units" -eq 182 ] || fail "expected 182 units, got $units"
[ "$(cut -d, -f1 "$b/units.csv" | sort | uniq -d | wc -l)" -eq 0 ] || fail "duplicate unit codes"

# ≥ 200 distinct responses per unit, over two channels
awk -F, 'NR > 1 { if (!seen[$1]++) n[$2]++; ch[$3] = 1 }
         END { bad = 0; for (u in n) if (n[u] < 200) bad++;
               if (length(n) != 182 || bad || !("phone" in ch) || !("onsite" in ch)) exit 1 }' \
    "$b/responses.csv" || fail "fewer than 200 responses for some unit, or a channel missing"
grep -q ',不了解$' "$b/responses.csv" || fail "no 不了解 answers"

# about 8 cadres per unit, every unit has some
awk -F, 'NR > 1 { n[$3]++ } END { t = 0; for (u in n) t += n[u];
          if (length(n) != 182 || t / 182 < 7 || t / 182 > 10) exit 1 }' "$b/cadres.csv" \
    || fail "cadres per unit not about 8"

# every applicable target leaf has an approved non-zero target (spot check: EC1 for every non-E unit)
awk -F, 'FNR == NR { if (FNR > 1 && $4 != "E") need[$1] = 1; next }
         $2 == "EC1" && $3 + 0 != 0 && $5 == "approved" { delete need[$1] }
         END { exit length(need) ? 1 : 0 }' "$b/units.csv" "$b/targets.csv" || fail "EC1 targets missing"
# quarterly tracking and a few vetoes
grep -q ',Q2,' "$b/values.csv" || fail "no quarterly values"
v=$(awk -F, '$2 ~ /^V[0-9]$/ && $3 == 1' "$b/adjustments.csv" | wc -l)
[ "$v" -ge 3 ] && [ "$v" -le 10 ] || fail "expected a handful of vetoes, got $v"
grep -q ',弃权$' "$b/ratings.csv" || fail "no abstentions in ratings"

# --scheme-only writes the scheme, with an empty roster
"$KAOHE" sample --scheme-only -o "$tmp/s" >/dev/null
[ -s "$tmp/s/indicators.csv" ] && [ ! -e "$tmp/s/units.csv" ] || fail "--scheme-only output wrong"
cmp -s "$tmp/s/indicators.csv" "$b/indicators.csv" || fail "scheme differs between modes"
[ "$(wc -l < "$tmp/s/raters.csv")" -eq 1 ] || fail "scheme raters.csv should hold only the header"
if [ -n "${KH_SRC:-}" ]; then
    for f in "$KH_SRC"/data/scheme/*.csv; do
        cmp -s "$f" "$tmp/s/$(basename "$f")" || fail "embedded $(basename "$f") differs from data/scheme"
    done
fi

# usage errors
if "$KAOHE" sample --seed x -o "$tmp/x" 2>/dev/null; then fail "bad seed accepted"; fi
if "$KAOHE" sample --preset nowhere -o "$tmp/x" 2>/dev/null; then fail "unknown preset accepted"; fi
if "$KAOHE" sample --seed 1 2>/dev/null; then fail "missing -o accepted"; fi

# kaohe reads and evaluates the bundle; grades respect the quota
"$KAOHE" eval "$b" -o "$tmp/out" >/dev/null || fail "kaohe eval rejected the sample bundle"
r="$tmp/out/results_units.csv"
[ "$(awk 'NR > 1' "$r" | wc -l)" -eq 182 ] || fail "results_units.csv does not have 182 rows"
# at most max(1, floor(0.2·n)) units graded 好 per category, unless flagged quota_exceeded
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
         { n[$c["category"]]++
           if ($c["grade"] == "好") { top[$c["category"]]++; if ($c["flags"] ~ /quota_exceeded/) ex[$c["category"]] = 1 } }
         END { for (k in n) { q = int(0.2 * n[k] + 1e-9); if (q < 1) q = 1;
                              if (top[k] > q && !ex[k]) { print "category " k ": " top[k] " > " q; exit 1 } } }' \
    "$r" || fail "top-grade quota not respected"
echo ok
