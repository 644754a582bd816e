#!/usr/bin/env python3
"""replicate.py — a bundle N times as large with the same shape, for t0171-read-linear.sh.

usage: replicate.py BUNDLE N OUTDIR

The copy keeps every unit of BUNDLE and adds N-1 renamed replicas of each:
copy k (1 <= k < N) of unit BJ001 is unit R<k>BJ001, and every row of every
file that mentions a unit — its own row in units.csv, its cadres, its
per-unit raters, its targets, values, ratings, responses and adjustments —
is written once more per copy with every unit-owned code renamed the same
way.  A cell is unit-owned when it is a unit code or starts with one followed
by '-' (the sample's cadre, rater and response codes: BJ001-C01,
BJ001-PEER01, BJ001-R0001).  Rows that mention no unit (shared raters such
as DEPT01, the indicator tree, scales, positions, cycle.csv) are written
once, so shared raters rate N times as many ratees, as they would in a
larger province.

Hence every per-unit quantity (raters per ratee, answers per response,
values per unit) stays what it was and only the counts grow N-fold: the
work of a linear reader grows N-fold too, and a quadratic one N²-fold.  The
copies are appended after the original rows, so rows that arrived grouped
stay grouped.  Codes stay valid (letters and digits are prepended), so the
result is a valid bundle whenever BUNDLE is.  Python 3 standard library
only; deterministic.
"""
import csv
import io
import os
import sys

# Never in a bundle's codes (a private-use character).
MARK = "\ue000"


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    unit_rows = read_rows(os.path.join(src, "units.csv"))
    code = unit_rows[0].index("code")
    units = {r[code] for r in unit_rows[1:] if r}
    os.makedirs(out, exist_ok=True)

    def owner(cell):
        """True when the cell is a unit-owned code (see the docstring)."""
        if cell in units:
            return True
        dash = cell.find("-")
        return dash > 0 and cell[:dash] in units

    for name in sorted(os.listdir(src)):
        if not name.endswith(".csv"):
            continue
        rows = read_rows(os.path.join(src, name))
        # The unit-owned rows once, each owned code marked with MARK; a copy
        # is then one replace of MARK by its prefix over the whole block.
        block = io.StringIO()
        w = csv.writer(block, lineterminator="\n")
        for r in rows[1:]:
            marked = [MARK + c if owner(c) else c for c in r]
            if marked != r:
                w.writerow(marked)
        block = block.getvalue()
        with open(os.path.join(src, name), encoding="utf-8", newline="") as f:
            original = f.read()
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
            f.write(original)
            if original and not original.endswith("\n"):
                f.write("\n")
            for k in range(1, n):
                f.write(block.replace(MARK, "R%d" % k))


if __name__ == "__main__":
    main()
