"""xlsx_check.py — read a results workbook back (openpyxl) and compare it with
the CSV export of the same cycle (tests/cli/t0530, t0531).

usage: xlsx_check.py WORKBOOK EXPORT_DIR [--lang zh|en]

EXPORT_DIR is `kaohe export CYCLE DIR`: the bundle's input files and the
stored result files.  Every failed assertion prints one line "FAIL: <what>";
the exit status is 1 when any failed.  The assertions:
  - sheet names and order: summary, one per result file present, one per
    input file present (file name without .csv);
  - header rows: the expected Chinese (or English) headers;
  - every result cell equals the CSV cell: numbers as numbers to 1e-9, text
    as text, empty as blank; the same number of rows;
  - score columns display "0.00"; every sheet has its header row frozen;
  - grade columns carry conditional formats; columns are at least as wide
    as their header;
  - input sheets equal the bundle CSVs (header exactly, cells as above);
  - the summary lists every unit with its composite and grade, grade counts
    add up to the number of units per type;
  - charts: one column chart of grade counts plus one bar chart per township
    type with units, all on the summary sheet, with series on its cells.
"""
import csv
import math
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

RESULTS = [  # file, zh sheet, en sheet, zh headers, en headers, score columns
    ("results_units.csv", "单位结果", "results_units",
     ["单位编码", "类别", "基础得分", "加分", "扣分", "综合得分", "类别内排名", "总排名", "等次", "一票否决", "标记"],
     ["unit", "category", "base", "bonus", "penalty", "composite", "rank in category", "overall rank",
      "grade", "veto", "flags"], ["base", "bonus", "penalty", "composite"]),
    ("results_nodes.csv", "指标得分", "results_nodes",
     ["单位编码", "指标编码", "数值", "得分", "全局权重"],
     ["unit", "indicator", "value", "score", "global weight"], ["score"]),
    ("results_cadres.csv", "干部结果", "results_cadres",
     ["干部编码", "单位编码", "职位", "班子得分", "履职得分", "测评得分", "扣分", "综合得分", "等次", "一票否决", "标记"],
     ["cadre", "unit", "position", "team", "duty", "evaluation", "penalty", "score", "grade", "veto",
      "flags"], ["team", "duty", "evaluation", "penalty", "score"]),
    ("results_surveys.csv", "满意度调查", "results_surveys",
     ["单位编码", "样本量", "平均分", "标准差", "置信区间下限", "置信区间上限", "满意率", "标记"],
     ["unit", "n", "mean", "sd", "CI low", "CI high", "rate", "flags"], ["mean", "sd", "ci_low", "ci_high"]),
    ("warnings.csv", "进度预警", "warnings",
     ["单位编码", "指标编码", "期间", "应达进度", "实际值", "完成比", "预警等级"],
     ["unit", "indicator", "period", "expected", "actual", "ratio", "level"], ["ratio"]),
    ("results_contributions.csv", "得分贡献", "results_contributions",
     ["单位编码", "指标编码", "对综合得分的贡献"], ["unit", "leaf", "contribution"], ["contribution"]),
    ("results_strengths.csv", "优势短板", "results_strengths",
     ["单位编码", "优势/短板", "序号", "指标编码", "加权差距", "本单位得分", "同类型均值", "全局权重"],
     ["unit", "kind", "rank", "leaf", "weighted gap", "score", "type mean", "global weight"],
     ["gap", "score", "type_mean"]),
]
INPUTS = ["cycle.csv", "categories.csv", "units.csv", "indicators.csv", "scales.csv", "rater_groups.csv",
          "raters.csv", "targets.csv", "values.csv", "ratings.csv", "survey_items.csv", "responses.csv",
          "positions.csv", "cadres.csv", "adjustments.csv"]
NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def same(cell, text):
    """A workbook cell against its CSV text."""
    if text == "":
        return cell is None or cell == ""
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        if not NUMBER_RE.match(text):
            return False
        want = float(text)
        return abs(cell - want) <= 1e-9 * max(1.0, abs(want))
    return cell == text


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def compare_table(ws, rows, what, numeric_cols=(), got=None):
    got = sheet_rows(ws) if got is None else got
    if len(got) != len(rows):
        fail("%s: %d rows, the CSV has %d" % (what, len(got), len(rows)))
    ncols = len(rows[0]) if rows else 0
    width = max((len(g) for g in got), default=0)
    if width != ncols:
        fail("%s: %d columns, the CSV has %d" % (what, width, ncols))
    for r, (g, want) in enumerate(zip(got, rows)):
        if r == 0:
            continue
        for c, text in enumerate(want):
            cell = g[c] if c < len(g) else None
            if not same(cell, text):
                fail("%s!%s%d: %r, the CSV says %r" % (what, get_column_letter(c + 1), r + 1, cell, text))
                return
            if c in numeric_cols and text != "" and NUMBER_RE.match(text) and not isinstance(cell, (int, float)):
                fail("%s!%s%d: %r is not a number" % (what, get_column_letter(c + 1), r + 1, cell))
                return


class SheetXml:
    """The parts of a sheet's XML openpyxl's read-only mode does not give:
    the frozen pane, column widths, conditional formats."""

    def __init__(self, book):
        self.z = zipfile.ZipFile(book)
        wbx = self.z.read("xl/workbook.xml").decode()
        rels = self.z.read("xl/_rels/workbook.xml.rels").decode()
        target = dict(re.findall(r'<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
        self.path = {name: "xl/" + target[rid]
                     for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="([^"]+)"', wbx)}

    def head(self, name, whole=False):
        with self.z.open(self.path[name]) as f:
            return (f.read() if whole else f.read(1 << 16)).decode("utf-8", "replace")

    def frozen(self, name):
        return re.search(r'<pane [^>]*topLeftCell="A2"[^>]*state="frozen"', self.head(name)) is not None

    def width(self, name, col):
        for lo, hi, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', self.head(name)):
            if int(lo) <= col <= int(hi):
                return float(w)
        return 0.0

    def cf_columns(self, name):
        cols = set()
        for sq in re.findall(r'<conditionalFormatting sqref="([^"]+)"', self.head(name, True)):
            for rng in sq.split():
                letters = re.findall(r"[A-Z]+", rng)
                for c in range(column_index_from_string(letters[0]), column_index_from_string(letters[-1]) + 1):
                    cols.add(c)
        return cols


def check_frozen(x, name):
    if not x.frozen(name):
        fail("%s: header row not frozen" % name)


def main():
    args = sys.argv[1:]
    lang = "zh"
    if "--lang" in args:
        i = args.index("--lang")
        lang = args[i + 1]
        del args[i:i + 2]
    book, exp = args
    en = lang == "en"
    wb = openpyxl.load_workbook(book, read_only=True)
    x = SheetXml(book)

    present = [t for t in RESULTS if os.path.exists(os.path.join(exp, t[0]))]
    inputs = [f for f in INPUTS if os.path.exists(os.path.join(exp, f))]
    want_names = ["Summary" if en else "汇总"] + [t[2] if en else t[1] for t in present] + \
                 [f[:-4] for f in inputs]
    if wb.sheetnames != want_names:
        fail("sheet names %r, expected %r" % (wb.sheetnames, want_names))

    units_rows = None
    for file, zh, ens, hzh, hen, scores in present:
        name = ens if en else zh
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        rows = read_csv(os.path.join(exp, file))
        header = sheet_rows(ws)[0] if ws.max_row else []
        want = hen if en else hzh
        if header != want:
            fail("%s: header %r, expected %r" % (name, header, want))
        if not en and not all(re.search(r"[\u4e00-\u9fff]", h or "") for h in header):
            fail("%s: a header cell is not Chinese: %r" % (name, header))
        csvhead = rows[0]
        numeric = {csvhead.index(s) for s in scores if s in csvhead}
        compare_table(ws, rows, name, numeric)
        check_frozen(x, name)
        bad = None
        for r, cells in enumerate(ws.iter_rows(min_row=2), start=2):
            for c in numeric:
                cell = cells[c] if c < len(cells) else None
                if cell is not None and isinstance(cell.value, (int, float)) and cell.number_format != "0.00":
                    bad = bad or (get_column_letter(c + 1), r, cell.number_format)
        if bad:
            fail("%s!%s%d: number format %r, expected 0.00" % ((name,) + bad))
        for c, h in enumerate(header):
            width = x.width(name, c + 1)
            need = sum(2 if ord(ch) > 0x2E7F else 1 for ch in (h or ""))
            if width < need:
                fail("%s: column %s width %s is narrower than its header %r" % (name, get_column_letter(c + 1), width, h))
        if "grade" in csvhead and len(rows) > 1 and csvhead.index("grade") + 1 not in x.cf_columns(name):
            fail("%s: no conditional format on the grade column" % name)
        if file == "warnings.csv" and len(rows) > 1 and csvhead.index("level") + 1 not in x.cf_columns(name):
            fail("%s: no conditional format on the level column" % name)
        if file == "results_units.csv":
            units_rows = rows

    for f in inputs:
        name = f[:-4]
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        rows = read_csv(os.path.join(exp, f))
        got = sheet_rows(ws)
        header = list(got[0]) if got else []
        if header != rows[0]:
            fail("%s: header %r, the CSV has %r" % (name, header, rows[0]))
        compare_table(ws, rows, name, got=got)
        check_frozen(x, name)

    # the summary: every unit once, with its composite and grade; counts add up
    summary = wb[wb.sheetnames[0]]
    if units_rows is not None:
        h = units_rows[0]
        seen = {}
        srows = sheet_rows(summary)
        for row in srows:
            if len(row) >= 5 and isinstance(row[0], (int, float)) and isinstance(row[1], str):
                seen[row[1]] = (row[3], row[4])
        for u in units_rows[1:]:
            code = u[h.index("unit")]
            if code not in seen:
                fail("summary: unit %s is not in a ranking" % code)
                break
            comp, grade = seen[code]
            if not same(comp, u[h.index("composite")]) or grade != u[h.index("grade")]:
                fail("summary: unit %s shows %r %r, results_units.csv %s %s" %
                     (code, comp, grade, u[h.index("composite")], u[h.index("grade")]))
                break
        total_label = "total" if en else "合计"
        head_row = None
        for r in srows[:12]:
            if total_label in r:
                head_row = r
                break
        if head_row is None:
            fail("summary: no grade count table")
        else:
            tcol = list(head_row).index(total_label)
            grades = 0
            for row in srows[srows.index(head_row) + 1:]:
                if len(row) <= tcol or not isinstance(row[tcol], (int, float)):
                    break
                grades += row[tcol]
            if grades != len(units_rows) - 1:
                fail("summary: grade counts add up to %s, there are %d units" % (grades, len(units_rows) - 1))
        ncats = len({u[h.index("category")] for u in units_rows[1:]})
        check_charts(book, ncats, "Summary" if en else "汇总")


def check_charts(book, ncats, sheet):
    with zipfile.ZipFile(book) as z:
        names = z.namelist()
        charts = sorted(n for n in names if re.match(r"xl/charts/chart\d+\.xml$", n))
        if len(charts) != 1 + ncats:
            fail("%d charts, expected %d (grade counts + one per township type)" % (len(charts), 1 + ncats))
            return
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode() if \
            "xl/worksheets/_rels/sheet1.xml.rels" in names else ""
        if "drawing" not in rels:
            fail("the summary sheet has no drawing")
        first = z.read(charts[0]).decode()
        if '<c:barDir val="col"/>' not in first:
            fail("chart1 is not a column chart of grade counts")
        for c in charts[1:]:
            x = z.read(c).decode()
            if '<c:barDir val="bar"/>' not in x:
                fail("%s is not a bar chart" % c)
        for c in charts:
            refs = re.findall(r"<c:f>([^<]*)</c:f>", z.read(c).decode())
            if not refs or not all(r.startswith(sheet + "!") or r.startswith("'" + sheet + "'!") for r in refs):
                fail("%s: series not on the summary sheet: %r" % (c, refs[:3]))


main()
sys.exit(1 if failures else 0)
