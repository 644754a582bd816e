#!/usr/bin/env python3
"""xlsx-expect.py BUNDLE EXPECT — a tests/bad expect file, with its CSV places
("values.csv:3:value", "units.csv:3:", "targets.csv:") turned into the cell
places a workbook of the same bundle gets ("values!D3", "units!3:3",
"targets"), one substring per line on stdout (tests/cli/t0541, which runs in
Chinese: `zh:` lines are kept without their prefix, `en:` lines left out;
tests/cli/t0110 describes the prefixes)."""
import csv, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from csv2xlsx import colname  # noqa: E402  (the letters the workbook writer uses)

bundle, expect = sys.argv[1], sys.argv[2]

def header(f):
    with open(os.path.join(bundle, f + ".csv"), encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            if any(c.strip() for c in row):
                return [c.strip() for c in row]
    return []

def cell(m):
    f, line, col = m.group(1), m.group(2), m.group(3)
    h = header(f)
    if col in h:
        return "%s!%s%s" % (f, colname(h.index(col)), line)
    return "%s!%s:%s" % (f, line, line) if col == "" else "%s!" % f

for raw in open(expect, encoding="utf-8"):
    line = raw.rstrip("\n")
    if not line.strip():
        continue
    if line.startswith("en:"):
        continue                      # t0541 reads the Chinese output
    if line.startswith("zh:"):
        line = line[3:]
    if re.fullmatch(r":[^:]+:", line):
        continue                      # a CSV column place: the cell above says it
    line = re.sub(r"^(\w+)\.csv:$", r"\1!", line)
    line = re.sub(r"(\w+)\.csv:(\d+):([^\s:]+)", cell, line)
    line = re.sub(r"(\w+)\.csv:(\d+):", lambda m: "%s!%s:%s:" % (m.group(1), m.group(2), m.group(2)), line)
    line = re.sub(r"^(\w+)\.csv:", r"\1:", line)
    line = line.replace("缺少必需文件", "缺少必需工作表").replace("missing required file", "missing required sheet")
    print(line)
