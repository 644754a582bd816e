#!/usr/bin/env bash
# make demo — the main job on the shipped demo data:
# generate the Beijing sample cycle (182 real townships), import it into a
# SQLite database, compute it there, print the ranking per township type,
# create demo users of every role, and start the web application on
# 127.0.0.1:8080 (KH_DEMO_LISTEN) until Ctrl-C.  KH_DEMO_NO_SERVE=1 stops
# after printing (for scripts).
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
echo "  export KAOHE_DB=$DB KAOHE_USER=admin KAOHE_PASSWORD=admin-demo-1   # 演示管理员 / the demo admin"
echo "  $KAOHE cycle list                      # 考核周期 / cycles"
echo "  $KAOHE cycle show $CODE                # 状态、文件、行数 / state, files, rows"
echo "  $KAOHE audit log --limit 20            # 审计记录 / audit records"
echo "  $KAOHE audit verify                    # 校验审计链 / verify the audit chain"
echo "  $KAOHE export $CODE $OUT/export        # 导出数据包和结果 / bundle + results"
echo "  $KAOHE cycle advance $CODE             # 推进到绩效协议 / on to the agreement"
echo "  $KAOHE agreement print $CODE <单位编码>  # 打印绩效协议 / a unit's agreement"
echo "  sqlite3 $DB 'SELECT unit, composite, grade FROM results_units LIMIT 5'"

# Demo users of every role.  The passwords are printed here and are for the
# demo only: change them (kaohe user passwd, or the account page) before any
# real use.
user() { KAOHE_NEW_PASSWORD=$1 "$KAOHE" user add "${@:2}" --db "$DB" >/dev/null; }
user office-demo-1 office --role admin
user bureau-demo-1 tjj --role reporter --department 区统计局
user rater-demo-1 panel01 --role rater --rater PANEL01
user town-demo-1 bj001 --role unit --unit BJ001
user viewer-demo-1 leader --role viewer
KAOHE_NEW_PASSWORD=admin-demo-1 "$KAOHE" user passwd admin --db "$DB" >/dev/null
LISTEN=${KH_DEMO_LISTEN:-127.0.0.1:8080}
echo
echo "网页应用 / the web application:  http://$LISTEN/"
echo "  演示用户（仅供演示，正式使用前务必修改密码）/ demo users (change the passwords before real use):"
echo "    admin   / admin-demo-1    考核办管理员 administrator"
echo "    office  / office-demo-1   考核办管理员 administrator"
echo "    tjj     / bureau-demo-1   数据填报部门（区统计局）reporting bureau"
echo "    panel01 / rater-demo-1    评价人（综合评价小组专家1）rater"
echo "    bj001   / town-demo-1     乡镇（南磨房乡 BJ001）township"
echo "    leader  / viewer-demo-1   只读查看 viewer"
echo "  停止 / stop: Ctrl-C（或 kill -TERM）；正式运行 / for real use: see README and docs/web.md"
if [ "${KH_DEMO_NO_SERVE:-0}" = 1 ]; then exit 0; fi
exec "$KAOHE" serve --db "$DB" --listen "$LISTEN"
