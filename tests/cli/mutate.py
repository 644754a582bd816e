#!/usr/bin/env python3
"""mutate.py — deterministic mutations of bundles, for t0120-mutations.sh.

usage: mutate.py OUTDIR BUNDLE...

For every bundle and every CSV file in it, each mutation of MUTATIONS below is
applied to that one file (the other files are copied unchanged) and the result
is written to OUTDIR/<n>/.  OUTDIR/manifest.tsv gets one line per mutated
bundle:

    <n> TAB <source bundle> TAB <mutated file> TAB <mutation> TAB <expect>

where expect is
    same     the mutation keeps the bundle's meaning (CRLF, BOM, padding,
             column order, GB18030, ...): eval must exit 0 with byte-identical
             results;
    invalid  the bundle is certainly wrong: eval must exit 2 naming the file;
    any      exit 0 (results written) or 2 (the file named), nothing else;
    ref      like any, but the mutation removes rows other files may refer
             to, so on 2 the diagnostic may rightly name the referring file
             instead ("values.csv:5:unit: unknown unit T4"): some input file
             must be named with its line.

Everything is deterministic (no randomness): the same input gives the same
cases.  Python 3 standard library only.  Structural mutations are applied to
every file; the many spellings of a bad number and of a bad byte ("spread")
to one file per bundle, rotating over the files from bundle to bundle so that
each file gets them across the golden set; mutations that make a file very
large (100k columns, a 2 MiB cell) to units.csv only.  Unchanged files are
symbolic links to the originals, to keep the test fast.
"""
import csv
import io
import os
import sys


def parse(data):
    """Records of a UTF-8 CSV file (BOM dropped), as lists of str."""
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return [r for r in csv.reader(io.StringIO(text, newline=""))]


def unparse(rows, pad=False):
    out = io.StringIO()
    for r in rows:
        cells = []
        for c in r:
            q = any(ch in c for ch in ',"\r\n') or (c != c.strip(" \t"))
            s = '"' + c.replace('"', '""') + '"' if q else c
            cells.append(" " + s + "\t" if pad else s)
        out.write(",".join(cells) + "\n")
    return out.getvalue().encode("utf-8")


def lines(data):
    return data.split(b"\n")


def first_number_cell(rows):
    """(row, col) of the first cell of a data row that reads as a number."""
    for i, r in enumerate(rows[1:], 1):
        for j, c in enumerate(r):
            try:
                float(c)
                if c.strip():
                    return i, j
            except ValueError:
                pass
    return None


def set_number(text):
    def m(data, name):
        rows = parse(data)
        at = first_number_cell(rows)
        if at is None:
            return None
        rows[at[0]][at[1]] = text
        return unparse(rows)
    return m


def drop_first_column(data, name):
    rows = parse(data)
    return unparse([r[1:] for r in rows])


def add_unknown_column(data, name):
    rows = parse(data)
    return unparse([r + (["bogus_column"] if i == 0 else [""]) for i, r in enumerate(rows)])


def duplicate_row(data, name):
    rows = parse(data)
    if len(rows) < 2:
        return None
    return unparse(rows[:2] + rows[1:])


def open_quote(data, name):
    ls = lines(data)
    if len(ls) < 3:
        return None
    ls[1] = b'"' + ls[1]
    return b"\n".join(ls)


def unterminated_quote_at_end(data, name):
    return data + b'"never closed,\n'


def truncate_mid_record(data, name):
    ls = lines(data)
    if len(ls) < 3:
        return None
    cut = len(b"\n".join(ls[:-2])) + 1 + max(1, len(ls[-2]) // 2)
    return data[:cut]


def delete_last_row(data, name):
    rows = parse(data)
    if len(rows) < 2:
        return None
    return unparse(rows[:-1])


def insert_bytes(b):
    def m(data, name):
        ls = lines(data)
        if len(ls) < 3:
            return None
        mid = len(ls[1]) // 2
        ls[1] = ls[1][:mid] + b + ls[1][mid:]
        return b"\n".join(ls)
    return m


def header_only(data, name):
    return lines(data)[0] + b"\n"


def crlf(data, name):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def cr_only(data, name):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")


def bom(data, name):
    return data if data.startswith(b"\xef\xbb\xbf") else b"\xef\xbb\xbf" + data


def trailing_blank(data, name):
    ncols = len(parse(data)[0])
    return data + b"\n\n" + b"," * (ncols - 1) + b"\n   \n"


def no_final_newline(data, name):
    return data.rstrip(b"\r\n")


def pad_cells(data, name):
    return unparse(parse(data), pad=True)


def quote_all(data, name):
    return b"".join(b",".join(b'"' + c.encode().replace(b'"', b'""') + b'"' for c in r) + b"\n"
                    for r in parse(data))


def reverse_columns(data, name):
    return unparse([list(reversed(r)) for r in parse(data)])


def gb18030(data, name):
    return data.decode("utf-8").encode("gb18030")


def long_cell(n):
    def m(data, name):
        rows = parse(data)
        if len(rows) < 2:
            return None
        rows[1][-1] = "x" * n
        return unparse(rows)
    return m


def wide(data, name):
    rows = parse(data)
    extra = 100000
    out = [rows[0] + ["c%d" % i for i in range(extra)]]
    out += [r + [""] * extra for r in rows[1:]]
    return unparse(out)


def negative_weight(data, name):
    if name != "indicators.csv":
        return None
    rows = parse(data)
    w = [j for j, h in enumerate(rows[0]) if h.startswith("weight.")]
    if not w or len(rows) < 2:
        return None
    rows[-1][w[0]] = "-1"
    return unparse(rows)


# (name, function, expect, which files: "all", "spread" or "one")
MUTATIONS = [
    ("drop-first-column", drop_first_column, "invalid", "all"),   # first column is required in every file
    ("unknown-column", add_unknown_column, "invalid", "all"),
    ("number-to-text", set_number("abc"), "any", "spread"),
    ("number-nan", set_number("NaN"), "any", "spread"),
    ("number-inf", set_number("inf"), "any", "spread"),
    ("number-minus-inf", set_number("-inf"), "any", "spread"),
    ("number-1e308", set_number("1e308"), "any", "spread"),
    ("number-1e999", set_number("1e999"), "any", "spread"),
    ("number-1e-320", set_number("1e-320"), "any", "spread"),
    ("number-minus-1e300", set_number("-1e300"), "any", "spread"),
    ("number-minus-zero", set_number("-0"), "any", "spread"),
    ("number-hex", set_number("0x10"), "any", "spread"),
    ("number-comma", set_number("1,5"), "any", "spread"),
    ("number-huge-int", set_number("99999999999999999999999"), "any", "spread"),
    ("duplicate-row", duplicate_row, "any", "all"),
    ("open-quote", open_quote, "any", "all"),
    ("unterminated-quote", unterminated_quote_at_end, "invalid", "all"),
    ("truncate-mid-record", truncate_mid_record, "any", "all"),
    ("delete-last-row", delete_last_row, "ref", "all"),
    ("nul-byte", insert_bytes(b"\x00"), "any", "spread"),
    ("invalid-utf8", insert_bytes(b"\xff\xfe\xc3"), "any", "spread"),
    ("lone-surrogate", insert_bytes(b"\xed\xa0\x80"), "any", "spread"),
    ("empty-file", lambda d, n: b"", "invalid", "all"),
    ("header-only", header_only, "ref", "all"),
    ("crlf", crlf, "same", "all"),
    ("cr-only", cr_only, "same", "all"),
    ("bom", bom, "same", "all"),
    ("trailing-blank-lines", trailing_blank, "same", "all"),
    ("no-final-newline", no_final_newline, "same", "all"),
    ("padded-cells", pad_cells, "same", "all"),
    ("quote-every-cell", quote_all, "same", "all"),
    ("reverse-columns", reverse_columns, "same", "all"),
    ("gb18030", gb18030, "same", "all"),
    ("negative-weight", negative_weight, "invalid", "all"),
    ("cell-100k", long_cell(100000), "any", "all"),
    ("cell-2MiB", long_cell(2 << 20), "invalid", "one"),
    ("100k-columns", wide, "invalid", "one"),
]


def main():
    out, bundles = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    n = 0
    with open(os.path.join(out, "manifest.tsv"), "w") as man:
        for bi, b in enumerate(bundles):
            b = os.path.abspath(b)
            files = sorted(f for f in os.listdir(b) if f.endswith(".csv"))
            for k, (mname, fn, expect, which) in enumerate(MUTATIONS):
                if which == "one":
                    targets = ["units.csv"] if "units.csv" in files else files[:1]
                elif which == "spread":
                    targets = [files[(bi * 7 + k) % len(files)]]
                else:
                    targets = files
                for f in targets:
                    with open(os.path.join(b, f), "rb") as fh:
                        data = fh.read()
                    new = fn(data, f)
                    if new is None:
                        continue
                    d = os.path.join(out, str(n))
                    os.makedirs(d)
                    for g in files:
                        if g != f:
                            os.symlink(os.path.join(b, g), os.path.join(d, g))
                    with open(os.path.join(d, f), "wb") as fh:
                        fh.write(new)
                    man.write("%d\t%s\t%s\t%s\t%s\n" % (n, b, f, mname, expect))
                    n += 1


if __name__ == "__main__":
    main()
