#!/usr/bin/env python3
"""pdf_structure.py — a PDF's layout as text, for comparing reports by
structure rather than by pixels (issue 10).

    pdf_structure.py FILE.pdf            print the structure
    pdf_structure.py FILE.pdf EXPECTED   compare with EXPECTED (exit 1 on a difference)

The structure is, per page, its size and the position of its anchors: the
section headings (words opening with a Chinese numeral and "、", e.g.
"一、各维度得分"), the first two words of the page (the running header) and
its last two (the footer), each as "page WORD xMin yMin" in
points, rounded.  `pdftotext -bbox` (poppler) supplies the words.  Two
renderings match when they have the same pages and the same anchors in the
same order, each within TOL points: fonts may hint a fraction of a point
differently, but a section that moves, vanishes or changes page does not
match.  Regenerate an expectation with `pdf_structure.py FILE.pdf > EXPECTED`
after a deliberate layout change, and look at the PNG before committing it.
"""
import html
import re
import subprocess
import sys

TOL = 1.5
HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def structure(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True,
                         check=True).stdout
    lines = []
    for n, page in enumerate(re.findall(r"<page (.*?)</page>", out, re.S), 1):
        w, h = re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups()
        lines.append("%d page %.0f %.0f" % (n, float(w), float(h)))
        words = [(float(a), float(b), html.unescape(t)) for a, b, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', page)]
        for i, (x, y, t) in enumerate(words):
            if i < 2 or i >= len(words) - 2 or HEADING.match(t):
                lines.append("%d %s %.0f %.0f" % (n, t, x, y))
    return lines


def parse(line):
    p = line.split(" ")
    return p[0], " ".join(p[1:-2]), float(p[-2]), float(p[-1])


def main():
    got = structure(sys.argv[1])
    if len(sys.argv) == 2:
        print("\n".join(got))
        return 0
    want = [l for l in open(sys.argv[2], encoding="utf-8").read().splitlines() if l.strip()]
    bad = []
    if len(got) != len(want):
        bad.append("%d anchors, expected %d" % (len(got), len(want)))
    for g, w in zip(got, want):
        gp, gt, gx, gy = parse(g)
        wp, wt, wx, wy = parse(w)
        if gp != wp or gt != wt or abs(gx - wx) > TOL or abs(gy - wy) > TOL:
            bad.append("got %r, expected %r" % (g, w))
    for b in bad[:10]:
        print(b, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
