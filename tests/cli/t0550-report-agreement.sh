#!/usr/bin/env bash
# kaohe report agreement (pdf-report.h): the performance agreement (绩效协议书)
# of a stored cycle as PDF.  A4 on every page, Noto Sans CJK SC embedded and
# nothing else; on every page the cycle, the date and "第 n 页 / 共 m 页";
# every approved target with its baseline, quarterly milestones and
# justification, never a target that is not approved; the rectification
# items carried over with their answers (SPEC §9.6), an unanswered one
# marked, a closed one absent; signature and seal lines of both parties.
# The same text as `kaohe agreement print` (one struct feeds both); a unit
# user prints its own agreement and is refused another's, leaving no file.
. "$(dirname "$0")/lib.sh"
G0=$KH_SRC/tests/golden/03-transforms-target-tracking/bundle
DB=$TMP/k.db
k() { "$KAOHE" --lang en "$@" --db "$DB"; }
cp -r "$G0" "$TMP/w03" && cp -r "$G0" "$TMP/w04"
printf 'key,value\ncode,W04\nname,2025年度乡镇考核\nprevious,W03\n' >"$TMP/w04/cycle.csv"
# many targets of T1, so the table crosses a page
for i in $(seq 10 60); do
  printf 'X%s,A1,长名称指标第%s项（用于分页）,quant,件,benefit,target,,,,,,1\n' "$i" "$i" >>"$TMP/w04/indicators.csv"
  for u in T1 T2 T3; do printf '%s,X%s,%s,,approved\n' "$u" "$i" "$i" >>"$TMP/w04/targets.csv"; done
done
k init >/dev/null
KAOHE_NEW_PASSWORD=password1 k user add t1 --role unit --unit T1 >/dev/null
KAOHE_NEW_PASSWORD=password1 k user add t2 --role unit --unit T2 >/dev/null
k import "$TMP/w03" >/dev/null
for i in 1 2 3 4 5 6; do k cycle advance W03 >/dev/null 2>&1 || { k compute W03 >/dev/null; k cycle advance W03 >/dev/null; }; done
k rectify add W03 T1 '安全生产台账不全' --leaf A1.03 >/dev/null
k rectify add W03 T1 '群众投诉办理超时' >/dev/null
k rectify add W03 T1 '已整改完毕的旧问题' >/dev/null
k rectify close 3 --note done >/dev/null
k import "$TMP/w04" >/dev/null
k cycle advance W04 >/dev/null
k agreement propose W04 T1 A1.03 3 --note '力争事故起数降至三起' >/dev/null
k rectify answer W04 1 --target '年内建立安全生产台账制度' >/dev/null
k rectify answer W04 2 --note '建立投诉限时办结机制' >/dev/null
k agreement approve W04 T1 A1.03 >/dev/null
k rectify add W03 T1 '新增的问题' >/dev/null           # carries, not answered yet
k agreement propose W04 T1 A1.06 250 --note '未批准的目标' >/dev/null   # stays proposed

check "the agreement PDF" "$KAOHE" report agreement W04 T1 -o "$TMP/a.pdf" --date 2025-02-01 --db "$DB" 2>/dev/null
pages=$(pdfinfo "$TMP/a.pdf" | awk '/^Pages:/ {print $2}')
check "more than one page" test "${pages:-0}" -ge 2
check "every page is A4" test "$(pdfinfo -f 1 -l "$pages" "$TMP/a.pdf" | grep -c 'size: *595.276 x 841.89 pts (A4)')" -eq "$pages"
check "Noto Sans CJK SC embedded" bash -c "pdffonts '$TMP/a.pdf' | grep -E 'NotoSansCJKsc-(Regular|Bold)' | grep -q ' yes yes '"
check "no other font" test "$(pdffonts "$TMP/a.pdf" | tail -n +3 | grep -vc NotoSansCJKsc)" -eq 0
check "metadata title" bash -c "pdfinfo '$TMP/a.pdf' | grep -q '^Title: *绩效协议书'"
for i in $(seq 1 "$pages"); do
  pdftotext -f "$i" -l "$i" "$TMP/a.pdf" - | tr -d ' \n' >"$TMP/page$i.txt"
  check "page $i: number" grep -q "第${i}页/共${pages}页" "$TMP/page$i.txt"
  check "page $i: cycle" grep -q "考核周期W04·2025年度乡镇考核" "$TMP/page$i.txt"
  check "page $i: date" grep -q "打印日期：2025-02-01" "$TMP/page$i.txt"
done
pdftotext "$TMP/a.pdf" - | tr -d ' \n' >"$TMP/all.txt"
check "the unit, unbroken" grep -q "T1甲镇（D1）" "$TMP/all.txt"
check "approved target with its baseline" grep -q "A1.01收入增长（%）越大越好10010" "$TMP/all.txt"
check "milestones of A1.03 (target 3)" grep -q "A1.03事故起数（起）越小越好—30.751.52.253" "$TMP/all.txt"
check "its justification" grep -q "说明：力争事故起数降至三起" "$TMP/all.txt"
check "a target on the last page" grep -q "X60长名称指标第60项（用于分页）" "$TMP/page$pages.txt"
check "a proposed target is not in the agreement" bash -c "! grep -q '未批准的目标' '$TMP/all.txt'"
check "a target proposed again is out of the agreement until approved" bash -c "! grep -q 'A1.06税收' '$TMP/all.txt'"
check "carried item 1 with its answer" grep -q "1W03安全生产台账不全（指标A1.03）目标：年内建立安全生产台账制度" "$TMP/all.txt"
check "carried item 2 with its note" grep -q "2W03群众投诉办理超时说明：建立投诉限时办结机制" "$TMP/all.txt"
check "carried item 4, not answered yet" grep -q "4W03新增的问题尚未答复" "$TMP/all.txt"
check "a closed item does not carry" bash -c "! grep -q '已整改完毕的旧问题' '$TMP/all.txt'"
check "signature and seal of both parties" grep -q "甲方（考核办）乙方（被考核单位）负责人（签字）：负责人（签字）：（盖章）（盖章）日期：日期：" "$TMP/page$pages.txt"
k agreement print W04 T1 >"$TMP/print.txt"
check "the text agreement has the same answer" grep -q "年内建立安全生产台账制度" "$TMP/print.txt"
check "English" bash -c "KAOHE_PASSWORD=x '$KAOHE' --lang en report agreement W04 T1 -o '$TMP/en.pdf' --db '$DB' 2>/dev/null && pdftotext '$TMP/en.pdf' - | grep -q 'Performance Agreement'"
# a unit user: its own agreement, not another's (and no file then)
check "a unit prints its own" bash -c "KAOHE_PASSWORD=password1 '$KAOHE' --lang en report agreement W04 T1 -o '$TMP/own.pdf' --user t1 --db '$DB' 2>/dev/null"
check_status 1 "another unit's agreement refused" bash -c "KAOHE_PASSWORD=password1 '$KAOHE' --lang en report agreement W04 T1 -o '$TMP/other.pdf' --user t2 --db '$DB' 2>'$TMP/err'"
check "the refusal names the action" grep -q "may not print agreements for T1" "$TMP/err"
check "no file left" test ! -e "$TMP/other.pdf"
check_status 2 "usage" k report agreement W04 -o "$TMP/x.pdf" 2>/dev/null
finish
