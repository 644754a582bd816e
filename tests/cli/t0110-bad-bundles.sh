#!/usr/bin/env bash
# Bad bundles: each tests/bad/*/bundle has one defect class.  `kaohe eval` and
# `kaohe validate` must exit 2, print every line of the case's `expect` file
# (substrings such as "values.csv:3:value", or a fragment of the reason in
# Chinese or English: the messages are checked in both languages, each line in
# at least one), and write nothing.  An optional
# `encoding` file forces the encoding, as --encoding does.
. "$(dirname "$0")/lib.sh"
shopt -s nullglob
cases=("$KH_SRC"/tests/bad/*/)
check "there are bad-bundle cases" test ${#cases[@]} -gt 0
for case in "${cases[@]}"; do
  name=$(basename "$case")
  opts=()
  [ -f "$case/encoding" ] && opts=(--encoding "$(cat "$case/encoding")")
  out="$TMP/$name.out"
  "$KAOHE" eval "$case/bundle" -o "$out" --quiet "${opts[@]}" 2>"$TMP/$name.err" >/dev/null
  st=$?
  if [ $st -ne 2 ]; then fail "$name: eval exit $st, expected 2"; else ok; fi
  "$KAOHE" --lang en eval "$case/bundle" -o "$out" --quiet "${opts[@]}" 2>>"$TMP/$name.err" >/dev/null
  st=$?
  if [ $st -ne 2 ]; then fail "$name: eval --lang en exit $st, expected 2"; else ok; fi
  check "$name: nothing written" test ! -e "$out"
  while IFS= read -r want || [ -n "$want" ]; do
    [ -z "$want" ] && continue
    if grep -qF -- "$want" "$TMP/$name.err"; then ok; else
      fail "$name: stderr lacks '$want'; got: $(head -3 "$TMP/$name.err")"; fi
  done < "$case/expect"
  "$KAOHE" validate "$case/bundle" "${opts[@]}" >/dev/null 2>&1
  st=$?
  if [ $st -ne 2 ]; then fail "$name: validate exit $st, expected 2"; else ok; fi
done
finish
