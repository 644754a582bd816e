#!/usr/bin/env bash
# Reports compared by structure, not pixels (issue 10): the unit card (with
# its rank-stability section), the district summary and a cadre form of the
# Beijing sample must have the pages and the anchors — running header,
# section headings, footer — of tests/cli/report-structure/*.txt, each within
# 1.5 pt (pdf_structure.py explains the rule).  A section that moves, goes
# missing or changes page fails; after a deliberate layout change regenerate
# with KH_UPDATE=1 and look at the pages (pdftoppm) before committing.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1717200000   # 2024-06-01
EXP="$KH_SRC/tests/cli/report-structure"
"$KAOHE" sample --preset beijing --seed 1 -o "$TMP/bj" >/dev/null
check "unit card" "$KAOHE" report unit "$TMP/bj" BJ001 --stability 200 -o "$TMP/unit.pdf"
check "district summary" "$KAOHE" report district "$TMP/bj" -o "$TMP/district.pdf"
cadre=$(awk -F, 'NR == 2 {print $1}' "$TMP/bj/cadres.csv")
check "cadre form" "$KAOHE" report cadre "$TMP/bj" "$cadre" -o "$TMP/cadre.pdf"
for r in unit district cadre; do
  if [ "${KH_UPDATE:-0}" = 1 ]; then
    python3 "$KH_SRC/tests/cli/pdf_structure.py" "$TMP/$r.pdf" >"$EXP/$r.txt"
  fi
  check "$r: structure as $EXP/$r.txt" python3 "$KH_SRC/tests/cli/pdf_structure.py" "$TMP/$r.pdf" "$EXP/$r.txt"
done
check "the unit card has the stability section" grep -q "名次稳定性" "$EXP/unit.txt"
# The comparison itself can fail: a heading moved by 3 pt is a difference.
sed '0,/一、/s/\(一、[^ ]*\) \([0-9]*\) \([0-9]*\)$/\1 \2 999/' "$EXP/unit.txt" >"$TMP/moved.txt"
check_status 1 "a moved heading is found" python3 "$KH_SRC/tests/cli/pdf_structure.py" "$TMP/unit.pdf" "$TMP/moved.txt" 2>/dev/null
finish
