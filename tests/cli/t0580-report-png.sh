#!/usr/bin/env bash
# kaohe report … --png DPI: the same pages as PNG files drawn by the same
# code on a cairo image surface — FILE-1.png … for -o FILE.pdf, DIR/CODE-1.png
# for --all -o DIR; `file` says PNG; the pixel size is the A4 page at the DPI
# (595.28 × 841.89 pt → 595×842 at 72, 827×1169 at 100, ±1); as many PNGs as
# the PDF has pages; no PDF is written; a bad DPI exits 2.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1717200000
g="$KH_SRC/tests/golden/07-cadres/bundle"
size_ok() {   # size_ok FILE W H — within one pixel
  local got w h
  got=$(file "$1") || return 1
  case "$got" in *"PNG image data"*) ;; *) return 1 ;; esac
  w=$(echo "$got" | sed -E 's/.*PNG image data, ([0-9]+) x ([0-9]+).*/\1/')
  h=$(echo "$got" | sed -E 's/.*PNG image data, ([0-9]+) x ([0-9]+).*/\2/')
  [ $((w - $2)) -ge -1 ] && [ $((w - $2)) -le 1 ] && [ $((h - $3)) -ge -1 ] && [ $((h - $3)) -le 1 ]
}
check "cadre PNG at 72 DPI" "$KAOHE" report cadre "$g" C1 C2 -o "$TMP/c.pdf" --png 72
check "two pages, two PNGs" test -e "$TMP/c-1.png" -a -e "$TMP/c-2.png" -a ! -e "$TMP/c-3.png"
check "no PDF written" test ! -e "$TMP/c.pdf"
check "72 DPI: 595×842" size_ok "$TMP/c-1.png" 595 842
check "district PNG at 100 DPI" "$KAOHE" report district "$g" -o "$TMP/d.pdf" --png 100
check "100 DPI: 827×1169" size_ok "$TMP/d-1.png" 827 1169
"$KAOHE" report district "$g" -o "$TMP/d.pdf" 2>/dev/null
pages=$(pdfinfo "$TMP/d.pdf" | awk '/^Pages:/ {print $2}')
check "as many PNGs as PDF pages ($pages)" test "$(ls "$TMP"/d-*.png | wc -l)" -eq "$pages"
check "--all -o DIR --png" "$KAOHE" report unit "$g" --all -o "$TMP/u" --png 36
check "DIR/CODE-1.png per unit" test -e "$TMP/u/T1-1.png" -a -e "$TMP/u/T2-1.png" -a -e "$TMP/u/T3-1.png"
check "36 DPI" size_ok "$TMP/u/T1-1.png" 298 421
check_status 2 "bad DPI" "$KAOHE" report cadre "$g" C1 -o "$TMP/x.pdf" --png 0 2>/dev/null
check_status 2 "not a number" "$KAOHE" report cadre "$g" C1 -o "$TMP/x.pdf" --png abc 2>/dev/null
check "nothing written" test ! -e "$TMP/x.pdf" -a ! -e "$TMP/x-1.png"
finish
