#!/usr/bin/env bash
# One argument parser for every command (issue 7 item 3, src/cli/args.c):
# the same syntax and the same usage errors — exit 2, "kaohe CMD: reason"
# in the run's language and a pointer to --help — whichever command it is.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
B="$KH_SRC/tests/golden/01-quant-aggregation/bundle"
k() { "$KAOHE" "$@"; }
# err WANT CMD… — the command exits 2 and its stderr contains WANT
err() {
  local want=$1; shift
  "$KAOHE" "$@" >/dev/null 2>"$TMP/err"; local rc=$?
  [ "$rc" -eq 2 ] || { echo "exit $rc: $*" >&2; return 1; }
  grep -qF -- "$want" "$TMP/err" || { echo "stderr of $*: $(cat "$TMP/err")" >&2; return 1; }
}

check "init" k --db a.db init >/dev/null

# unknown options, in Chinese by default and in English with --lang en
check "unknown long option (eval, zh)" err "kaohe eval: 未知选项 --bogus" eval "$B" --bogus
check "… points to --help" grep -qF "用 --help 查看用法" "$TMP/err"
check "unknown long option (eval, en)" err "kaohe eval: unknown option --bogus" --lang en eval "$B" --bogus
check "… points to --help (en)" grep -qF "see --help for usage" "$TMP/err"
check "no Chinese in the English message" bash -c '! grep -qP "[\x{4e00}-\x{9fff}]" "$0"' "$TMP/err"
check "unknown option (cycle, a database command)" err "kaohe cycle: 未知选项 --bogus" --db a.db cycle list --bogus
check "unknown option (cycle, --lang after)" err "kaohe cycle: unknown option --bogus" --db a.db cycle list --bogus --lang en
check "unknown option --x=1 is named without its value" err "unknown option --x" --lang en version --x=1
check "unknown short option" err "kaohe validate: 未知选项 -z" validate -z "$B"
check "unknown option (sample)" err "kaohe sample: 未知选项 --nope" sample --nope

# values
check "missing value at the end (zh)" err "选项 -o 需要一个值" eval "$B" -o
check "missing value at the end (en)" err "option --seed needs a value" --lang en sample --seed
check "a flag takes no value" err "option --summary takes no value" --lang en eval "$B" --summary=yes

# positional counts
check "too few arguments (zh)" err "kaohe eval: 参数太少" eval
check "too few arguments (en)" err "too few arguments" --lang en backup --db a.db
check "too many arguments (zh)" err "kaohe backup: 参数太多" --db a.db backup x.db y.db
check "too many arguments names the extra one (en)" err "y.db is one too many" --lang en --db a.db backup x.db y.db
check "version takes no arguments" err "too many arguments" --lang en version extra

# --name=value is --name value; -o v is -ov is --output v
check "sample --preset=X --seed=N" k sample --preset=beijing --seed=7 --output=s1 >/dev/null
check "sample --preset X --seed N" k sample --preset beijing --seed 7 -o s2 >/dev/null
check "… the same bundle" diff -r s1 s2
check "eval -o DIR" k eval "$B" -o r1 --quiet
check "eval -oDIR" k eval "$B" -or2 -q
check "eval --output=DIR, options before the bundle" k eval --output=r3 --quiet "$B"
check "… the same results (-o / -oDIR)" diff -r r1 r2
check "… the same results (--output=)" diff -r r1 r3
check "bundled short flags -qs" bash -c '"$0" eval "$1" -qs | grep -q .' "$KAOHE" "$B"

# -- ends the options
cp -r "$B" ./-b
check "a bundle named -b is an option without --" err "未知选项 -b" validate -b
check "… and a bundle after --" k validate -- -b >/dev/null
check "after --, --max-errors is a positional (too many)" err "参数太多" validate -- -b --max-errors
check "a lone - is positional (too many for validate)" err "参数太多" validate "$B" -

# options before and after the command (main.c hands them to the parser)
check "--db before the command" k --db a.db cycle list >/dev/null
check "--db after the command" k cycle list --db a.db >/dev/null
check "--db=VALUE after the command" k cycle list --db=a.db >/dev/null
check "--lang between options" bash -c '"$0" --db a.db user --lang en list | grep -q "^user "' "$KAOHE"
check "--help after an option" bash -c '"$0" eval --quiet --help | grep -q "kaohe eval"' "$KAOHE"
check_status 1 "the later --db wins (missing.db refused)" k --db a.db cycle list --db missing.db 2>/dev/null
finish
