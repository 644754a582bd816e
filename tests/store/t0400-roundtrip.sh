#!/usr/bin/env bash
# import → export → import → export gives byte-identical bundles, and
# compute stores results byte-identical to `kaohe eval` on the exported
# bundle (issue 3, item 4), on every backend — for every golden bundle
# (those without a cycle code get one with --cycle) and for a Beijing
# sample of `kaohe sample`.  The digest and row count that import records
# for each file (cycle_files, and the file's audit record) are those of the
# exported file: import stores the canonical rows from memory
# (store-rows.c), and this pins them to what the bundle writer writes.
. "$(dirname "$0")/lib.sh"

"$KAOHE" sample --preset beijing --seed 7 -o "$TMPROOT/beijing" >/dev/null

roundtrip() {   # roundtrip BUNDLE CODE
    local g=$1 code=$2 opt=()
    grep -q "^code," "$g/cycle.csv" 2>/dev/null || opt=(--cycle "$code")
    rm -rf e1 e2 e3 ev
    kh import "$g" "${opt[@]}" --replace >/dev/null || fail "import $g"
    kh export "$code" e1 || fail "export $code"
    check_digests "$code" e1
    kh import e1 "${opt[@]}" --replace >/dev/null || fail "re-import $code"
    kh export "$code" e2 || fail "re-export $code"
    diff -r e1 e2 || fail "round trip of $code not byte-identical"
    kh compute "$code" >/dev/null || fail "compute $code"
    kh export "$code" e3 || fail "export after compute"
    "$KAOHE" eval e1 -o ev >/dev/null || fail "eval"
    local n=0
    for f in ev/*.csv; do cmp "$f" "e3/$(basename "$f")" || fail "compute ≠ eval: $code $f"; n=$((n + 1)); done
    [ "$n" -ge 4 ] || fail "eval wrote only $n files"
    [ "$(ls e3 | grep -c '^results_\|^warnings')" = "$n" ] || fail "stored result files ≠ eval's"
}

check_digests() {   # check_digests CODE DIR — recorded sha256/nrows = the exported files'
    local code=$1 dir=$2 f n=0 want rows audit
    for f in "$dir"/*.csv; do
        f=$(basename "$f")
        want=$(sha256sum "$dir/$f" | cut -d' ' -f1)
        rows=$(($(wc -l <"$dir/$f") - 1))
        [ "$(sql "SELECT sha256 || ' ' || nrows FROM cycle_files f JOIN cycles c ON c.id = f.cycle_id WHERE c.code = '$code' AND f.file = '$f'")" = "$want $rows" ] ||
            fail "$code/$f: recorded digest or row count differs from the exported file"
        audit=$(sql "SELECT after_json FROM audit WHERE entity = 'file' AND \"key\" = '$code/$f' ORDER BY seq DESC LIMIT 1")
        grep -qF "\"rows\":$rows,\"sha256\":\"$want\"" <<<"$audit" || fail "$code/$f: audit record $audit"
        n=$((n + 1))
    done
    [ "$n" -ge 3 ] || fail "$code: only $n files exported"
}

body() {
    kh init >/dev/null
    local i=0
    for g in "$KH_SRC"/tests/golden/*/bundle; do
        i=$((i + 1))
        code=$(awk -F, '$1=="code"{print $2}' "$g/cycle.csv" 2>/dev/null || true)
        roundtrip "$g" "${code:-G$i}"
    done
    [ "$i" -ge 9 ] || fail "only $i golden bundles"
    code=$(awk -F, '$1=="code"{print $2}' "$TMPROOT/beijing/cycle.csv")
    roundtrip "$TMPROOT/beijing" "${code:-BJ}"
    # --cycle must agree with a code the bundle has
    expect_fail "not X9" kh import "$KH_SRC/tests/golden/01-quant-aggregation/bundle" --cycle X9
    expect_fail "--cycle CODE" kh import "$KH_SRC/tests/golden/02-methods-missing/bundle"
    kh audit verify | grep -q "stored data matches its seals" || fail "seals after the imports"
}

for_each_backend body
