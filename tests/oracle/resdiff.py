#!/usr/bin/env python3
"""resdiff.py EXPECTED_DIR ACTUAL_DIR [--tol T] [--max N]

Compares the five kaohe result files cell by cell: same files, same rows, text
exact, numbers within relative tolerance T (default 1e-9; absolute for |x| < 1).
Prints the first N differences; exit 0 when equal, 1 otherwise.
"""
import csv
import math
import os
import sys

FILES = ["results_units.csv", "results_nodes.csv", "results_cadres.csv", "results_surveys.csv", "warnings.csv"]


def as_num(s):
    try:
        if s.strip() == "" or s.strip() != s:
            return None
        return float(s)
    except ValueError:
        return None


def cell_equal(a, b, tol):
    if a == b:
        return True
    x, y = as_num(a), as_num(b)
    if x is None or y is None:
        return False
    if math.isinf(x) or math.isinf(y) or math.isnan(x) or math.isnan(y):
        return False
    return abs(x - y) <= tol * max(1.0, abs(x), abs(y))


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def compare(exp, act, tol, maxn):
    diffs = []
    for f in FILES:
        pe, pa = os.path.join(exp, f), os.path.join(act, f)
        ee, ea = os.path.exists(pe), os.path.exists(pa)
        if ee != ea:
            diffs.append("%s: %s" % (f, "missing in actual" if ee else "unexpected in actual"))
            continue
        if not ee:
            continue
        re_, ra = read(pe), read(pa)
        if len(re_) != len(ra):
            diffs.append("%s: %d rows expected, %d actual" % (f, len(re_) - 1, len(ra) - 1))
        header = re_[0] if re_ else []
        for i, (r1, r2) in enumerate(zip(re_, ra)):
            if len(r1) != len(r2):
                diffs.append("%s line %d: %r vs %r" % (f, i + 1, r1, r2))
                continue
            for j, (c1, c2) in enumerate(zip(r1, r2)):
                if not cell_equal(c1, c2, tol):
                    col = header[j] if j < len(header) else str(j)
                    diffs.append("%s line %d (%s) %s: ref=%r kaohe=%r" % (f, i + 1, r1[0], col, c1, c2))
    for d in diffs[:maxn]:
        print("  " + d)
    if len(diffs) > maxn:
        print("  ... %d more" % (len(diffs) - maxn))
    return not diffs


def main(argv):
    tol = 1e-9
    maxn = 10
    args = []
    i = 1
    while i < len(argv):
        if argv[i] == "--tol":
            tol = float(argv[i + 1]); i += 2
        elif argv[i] == "--max":
            maxn = int(argv[i + 1]); i += 2
        else:
            args.append(argv[i]); i += 1
    return 0 if compare(args[0], args[1], tol, maxn) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
