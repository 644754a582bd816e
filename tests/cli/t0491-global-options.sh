#!/usr/bin/env bash
# Common options before the command as well as after it (issue 7 item 3):
# `kaohe --db x.db cycle list` as git and psql users expect; --lang anywhere
# before `--`; an option written after the command wins over the same one
# written before it.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
check "init with --db before the command" "$KAOHE" --db a.db init
check "the database was created where --db said" test -f a.db
check "--db before, cycle list" "$KAOHE" --db a.db cycle list
check "--db=VALUE before" "$KAOHE" --db=a.db cycle list
check "--lang after the command gives English" bash -c '"$0" --db a.db user list --lang en | grep -q "^user "' "$KAOHE"
check "--lang before the command gives English" bash -c '"$0" --lang en --db a.db user list | grep -q "^user "' "$KAOHE"
check "no --lang gives Chinese" bash -c '"$0" --db a.db user list | grep -q "^用户 "' "$KAOHE"
check "after wins over before" "$KAOHE" --db missing.db cycle list --db a.db
check_status 1 "a --db before the command is used (missing file refused)" "$KAOHE" --db missing.db cycle list 2>/dev/null
check "and nothing was created by the refusal" test ! -e missing.db
check "--user before the command authenticates" env KAOHE_PASSWORD=wrong bash -c '! "$0" --user nobody --db a.db cycle list 2>&1 | grep -q "^周期"' "$KAOHE"
finish
