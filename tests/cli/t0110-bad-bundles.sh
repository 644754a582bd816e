#!/usr/bin/env bash
# Bad bundles: each tests/bad/*/bundle has one defect class.  `kaohe eval` and
# `kaohe validate` must exit 2, write nothing, and print every line of the
# case's `expect` file, a substring of the diagnostics:
#   values.csv:3:value   a plain line (a place, a code) is in both the default
#                        output and the `--lang en` output;
#   zh:目标值为 0          a `zh:` line is in the default (Chinese) output;
#   en:zero target       an `en:` line is in the `--lang en` output.
# Diagnostics are rendered in one language per call (msg.h), so the reason of a
# case is checked in each language with its own line.  An optional `encoding`
# file forces the encoding, as --encoding does.
. "$(dirname "$0")/lib.sh"
shopt -s nullglob
cases=("$KH_SRC"/tests/bad/*/)
check "there are bad-bundle cases" test ${#cases[@]} -gt 0
for case in "${cases[@]}"; do
  name=$(basename "$case")
  opts=()
  [ -f "$case/encoding" ] && opts=(--encoding "$(cat "$case/encoding")")
  out="$TMP/$name.out"
  "$KAOHE" eval "$case/bundle" -o "$out" --quiet "${opts[@]}" 2>"$TMP/$name.zh" >/dev/null
  st=$?
  if [ $st -ne 2 ]; then fail "$name: eval exit $st, expected 2"; else ok; fi
  "$KAOHE" --lang en eval "$case/bundle" -o "$out" --quiet "${opts[@]}" 2>"$TMP/$name.en" >/dev/null
  st=$?
  if [ $st -ne 2 ]; then fail "$name: eval --lang en exit $st, expected 2"; else ok; fi
  check "$name: nothing written" test ! -e "$out"
  while IFS= read -r want || [ -n "$want" ]; do
    [ -z "$want" ] && continue
    case "$want" in
      zh:*) langs=(zh); want=${want#zh:} ;;
      en:*) langs=(en); want=${want#en:} ;;
      *) langs=(zh en) ;;
    esac
    for l in "${langs[@]}"; do
      if grep -qF -- "$want" "$TMP/$name.$l"; then ok; else
        fail "$name: $l stderr lacks '$want'; got: $(head -3 "$TMP/$name.$l")"; fi
    done
  done < "$case/expect"
  "$KAOHE" validate "$case/bundle" "${opts[@]}" >/dev/null 2>&1
  st=$?
  if [ $st -ne 2 ]; then fail "$name: validate exit $st, expected 2"; else ok; fi
done
finish
