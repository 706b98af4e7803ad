#!/usr/bin/python3
"""sheets-xls.py FILE.xls DIR: write every sheet of an Excel 97-2003
workbook as DIR/<sheet name>.csv, through xlrd (Debian python3-xlrd), the
reader made for the format.  Cells are written as Excel shows them:
numbers to 15 significant digits (0.1 + 0.2 stored as 0.30000000000000004
is 0.3; 1500.0 is 1500), dates (a number in a date format) as YYYY-MM-DD,
or with the time when it has one, booleans as TRUE/FALSE, errors empty.
Exit 1 with "sheets-xls: FILE: why" when the file cannot be read."""
import csv
import os
import sys

import xlrd


def text(cell, datemode):
    """The cell as Excel would show it, in a form normalise reads."""
    t, v = cell.ctype, cell.value
    if t == xlrd.XL_CELL_NUMBER:
        return "%.15g" % v
    if t == xlrd.XL_CELL_DATE:
        y, mo, d, h, mi, s = xlrd.xldate_as_tuple(v, datemode)
        if (h, mi, s) == (0, 0, 0):
            return "%04d-%02d-%02d" % (y, mo, d)
        return "%04d-%02d-%02d %02d:%02d:%02d" % (y, mo, d, h, mi, s)
    if t == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if v else "FALSE"
    if t in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    return str(v)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: sheets-xls.py FILE.xls DIR")
    path, out = sys.argv[1:]
    try:
        book = xlrd.open_workbook(path, on_demand=True)
    except Exception as e:  # xlrd raises several kinds for a bad file
        print("sheets-xls: %s: %s" % (path, e), file=sys.stderr)
        return 1
    os.makedirs(out, exist_ok=True)
    for sheet in book.sheets():
        name = sheet.name.replace("/", "_") or "sheet"
        with open(os.path.join(out, name + ".csv"), "w", newline="",
                  encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            for r in range(sheet.nrows):
                w.writerow([text(c, book.datemode) for c in sheet.row(r)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
