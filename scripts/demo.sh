#!/usr/bin/env bash
# make demo — the main job on the shipped demo data:
# generate the Beijing sample cycle (182 real townships), import it into a
# SQLite database, compute it there, print the ranking per township type,
# and show how to explore the database with the CLI.
set -euo pipefail
KAOHE=${1:-build/kaohe}
OUT=${KH_DEMO_DIR:-demo-out}
DB=$OUT/kaohe.db
rm -rf "$OUT"
mkdir -p "$OUT"
echo "== kaohe sample --preset beijing --seed 2026 -o $OUT/bundle"
"$KAOHE" sample --preset beijing --seed 2026 -o "$OUT/bundle"
CODE=$(awk -F, '$1=="code"{print $2}' "$OUT/bundle/cycle.csv")
echo "== kaohe init --db $DB"
"$KAOHE" init --db "$DB"
echo "== kaohe import $OUT/bundle --db $DB"
"$KAOHE" import "$OUT/bundle" --db "$DB"
echo "== kaohe compute $CODE --summary --db $DB"
"$KAOHE" compute "$CODE" --summary --db "$DB"
echo
echo "数据库 (database):  $DB    周期 (cycle): $CODE"
echo "数据包 (bundle):    $OUT/bundle"
echo
echo "用命令行查看数据库 / explore it with the CLI:"
echo "  export KAOHE_DB=$DB"
echo "  $KAOHE cycle list                      # 考核周期 / cycles"
echo "  $KAOHE cycle show $CODE                # 状态、文件、行数 / state, files, rows"
echo "  $KAOHE audit log --limit 20            # 审计记录 / audit records"
echo "  $KAOHE audit verify                    # 校验审计链 / verify the audit chain"
echo "  $KAOHE export $CODE $OUT/export        # 导出数据包和结果 / bundle + results"
echo "  $KAOHE cycle advance $CODE             # 推进到绩效协议 / on to the agreement"
echo "  $KAOHE agreement print $CODE <单位编码>  # 打印绩效协议 / a unit's agreement"
echo "  sqlite3 $DB 'SELECT unit, composite, grade FROM results_units LIMIT 5'"
