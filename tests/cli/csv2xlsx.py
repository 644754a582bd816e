#!/usr/bin/env python3
"""csv2xlsx.py — a bundle folder as a workbook, written the way other programs do
(tests/cli/t0540, t0541).  Not kaohe code: the workbooks kaohe must read.

  csv2xlsx.py excel  BUNDLE OUT.xlsx   Excel-like: every text a shared string, every
        cell with r=, dates with a custom format yyyy-mm-dd (numFmtId 164),
        sheets named after the files
  csv2xlsx.py inline BUNDLE OUT.xlsx   LibreOffice-like: inline strings, no r= on
        some cells, a rich-text shared string with a phonetic run, dates with
        the built-in numFmtId 14, Chinese sheet aliases, an ignored notes sheet
(openpyxl is not installed here, so both are built from the XML by hand.)

A cell becomes a number only when the shortest %.15g/%.16g/%.17g text of its
value is the cell itself (so codes like 007 stay text, as an office types them).
"""
import csv, os, sys, zipfile, datetime
from xml.sax.saxutils import escape

FILES = ["cycle", "categories", "units", "indicators", "scales", "rater_groups", "raters",
         "targets", "values", "ratings", "survey_items", "responses", "positions", "cadres",
         "adjustments"]
ALIAS = {"units": "单位", "values": "数据", "indicators": "指标", "categories": "分类"}

def as_number(s):
    try:
        x = float(s)
    except ValueError:
        return None
    if s.strip() != s or not s or s.lower() in ("inf", "nan", "-inf", "+inf", "infinity") or "_" in s:
        return None
    for p in (15, 16, 17):
        t = "%.*g" % (p, x)
        if float(t) == x:
            break
    return x if t == s else None

def read(bundle):
    out = []
    for f in FILES:
        path = os.path.join(bundle, f + ".csv")
        if os.path.exists(path):
            with open(path, encoding="utf-8-sig", newline="") as fh:
                out.append((f, list(csv.reader(fh))))
    return out

def colname(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def write(bundle, out, excel):
    sheets = read(bundle)
    shared = ["<si><r><t>ra</t></r><r><rPr><b/></rPr><t>ting</t></r><rPh><t>x</t></rPh></si>"]
    sheet_xml = []
    index = {}
    for name, rows in sheets:
        x = ['<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for ri, r in enumerate(rows):
            x.append('<row r="%d">' % (ri + 1))
            last = -1
            for ci, c in enumerate(r):
                # r= left out on every other cell that follows its left neighbour
                ref = ' r="%s%d"' % (colname(ci), ri + 1) if excel or ci % 2 == 0 or last != ci - 1 else ""
                if c == "":
                    continue
                last = ci
                key = rows[ri][0] if r else ""
                if name == "cycle" and ci == 1 and key in ("start", "end") and len(c) == 10:
                    d = datetime.date.fromisoformat(c)
                    serial = (d - datetime.date(1899, 12, 30)).days
                    x.append('<c%s s="%d"><v>%d.25</v></c>' % (ref, 2 if excel else 1, serial))
                elif excel and as_number(c) is None:
                    if c not in index:
                        index[c] = len(shared)
                        shared.append("<si><t>%s</t></si>" % escape(c))
                    x.append('<c%s t="s"><v>%d</v></c>' % (ref, index[c]))
                elif c == "rating":
                    x.append('<c%s t="s"><v>0</v></c>' % ref)
                elif as_number(c) is not None:
                    x.append('<c%s><v>%s</v></c>' % (ref, repr(as_number(c))))
                else:
                    x.append('<c%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, escape(c)))
            x.append('</row>')
        x.append('</sheetData></worksheet>')
        sheet_xml.append((name if excel else ALIAS.get(name, name), "".join(x)))
    sheet_xml.append(("说明", '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="B3" t="inlineStr"><is><t>notes</t></is></c></row></sheetData></worksheet>'))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel)
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook %s><sheets>%s</sheets></workbook>' % (ns, "".join(
            '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 10) for i, (n, _) in enumerate(sheet_xml))))
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="%s/styles" Target="/xl/styles.xml"/></Relationships>' % (
            "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/../worksheets/s%d.xml"/>' % (i + 10, rel, i) for i in range(len(sheet_xml))), rel, rel))
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % "".join(shared))
        z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd;@"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
        for i, (_, xml) in enumerate(sheet_xml):
            z.writestr("xl/worksheets/s%d.xml" % i, xml)

if __name__ == "__main__":
    write(sys.argv[2], sys.argv[3], sys.argv[1] == "excel")
