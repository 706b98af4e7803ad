#!/usr/bin/env python3
"""make-xlsx.py OUT.xlsx SHEET=ROWS.tsv ...: write a minimal .xlsx workbook
(the Office Open XML parts a reader needs, through zipfile) with one sheet
per argument, for tests.  In ROWS.tsv a cell that looks like a number is
written as a number, one like YYYY-MM-DD as a date (a serial number with a
date style), anything else as an inline string."""
import datetime
import re
import sys
import zipfile
from xml.sax.saxutils import escape

out, specs = sys.argv[1], sys.argv[2:]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(ref, v):
    if re.fullmatch(r"-?\d+(\.\d+)?", v):
        return '<c r="%s"><v>%s</v></c>' % (ref, v)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        d = datetime.date.fromisoformat(v) - datetime.date(1899, 12, 30)
        return '<c r="%s" s="1"><v>%d</v></c>' % (ref, d.days)
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v))


with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    names = [s.split("=", 1)[0] for s in specs]
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
               + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
                         for i in range(len(names))) + "</Types>")
    z.writestr("_rels/.rels",
               '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % REL)
    z.writestr("xl/workbook.xml",
               '<?xml version="1.0" encoding="UTF-8"?><workbook %s xmlns:r="%s"><sheets>' % (NS, REL)
               + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n, {'"': "&quot;"}), i + 1, i + 1)
                         for i, n in enumerate(names)) + "</sheets></workbook>")
    z.writestr("xl/_rels/workbook.xml.rels",
               '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, REL, i + 1)
                         for i in range(len(names)))
               + '<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/></Relationships>' % (len(names) + 1, REL))
    z.writestr("xl/styles.xml",
               '<?xml version="1.0" encoding="UTF-8"?><styleSheet %s>'
               '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
               '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
               '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
               '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>' % NS)
    for i, spec in enumerate(specs):
        rows = []
        with open(spec.split("=", 1)[1], encoding="utf-8") as f:
            for r, line in enumerate(f):
                vals = line.rstrip("\n").split("\t")
                rows.append('<row r="%d">%s</row>' % (r + 1, "".join(
                    cell("%s%d" % (col(c), r + 1), v) for c, v in enumerate(vals) if v != "")))
        z.writestr("xl/worksheets/sheet%d.xml" % (i + 1),
                   '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, "".join(rows)))
