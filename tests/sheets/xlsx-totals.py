#!/usr/bin/env python3
"""xlsx-totals.py FILE.xlsx: for each sheet with a header row and data, print
"SHEET<TAB>ROWS<TAB>TOTAL": the data rows under the header (rows with any
cell) and the exact sum of the column headed Amount or TOTAL, each cell
rounded to pence.  Read straight from the workbook's XML with zipfile, as
a check on the converter that owes nothing to it."""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from decimal import Decimal, ROUND_HALF_EVEN

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
z = zipfile.ZipFile(sys.argv[1])
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si"):
        shared.append("".join(t.text or "" for t in si.iter(M + "t")))
rels = {r.get("Id"): r.get("Target") for r in
        ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
for sh in ET.fromstring(z.read("xl/workbook.xml")).iter(M + "sheet"):
    target = rels[sh.get(R + "id")].lstrip("/")
    path = target if target.startswith("xl/") else "xl/" + target
    rows = []
    for row in ET.fromstring(z.read(path)).iter(M + "row"):
        cells = {}
        for c in row.iter(M + "c"):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            v = c.find(M + "v")
            t = c.get("t")
            if t == "s":
                cells[col] = shared[int(v.text)]
            elif t == "inlineStr":
                cells[col] = "".join(x.text or "" for x in c.iter(M + "t"))
            elif v is not None:
                cells[col] = v.text
        if any((x or "").strip() for x in cells.values()):
            rows.append(cells)
    if len(rows) < 2:
        continue
    head = rows[0]
    amount = [k for k, v in head.items()
              if re.fullmatch(r"\W*(amount|total)\W*", v or "", re.I)]
    if len(amount) != 1:
        continue
    total = sum(Decimal(r[amount[0]]).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
                for r in rows[1:] if r.get(amount[0]))
    print("%s\t%d\t%s" % (sh.get("name"), len(rows) - 1, total))
