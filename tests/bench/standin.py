#!/usr/bin/env python3
# standin.py FILE...: the bench's stand-in for normalise while that filter
# is not built, so the later jobs still have records to read.  It does what
# the peers' "prep" script does (find the header row, map the supplier,
# amount and date columns by name, parse amounts exactly) and writes
# JSON-lines records with kind, date (as published), amount, supplier and
# source.  Not a normaliser: no date parsing, no buyer lookup, no rejects.
import csv
import io
import json
import re
import sys
from decimal import Decimal

SUP = {"supplier name", "vendor", "payee name", "beneficiary", "supplier",
       "vendor name", "creditor name", "merchant name", "payee"}
AMT = {"amount", "net amount", "value (£)", "total", "amount (£)",
       "net value", "amount paid", "line amount", "value"}
DATE = {"date", "payment date", "transaction date", "date paid",
        "invoice payment date", "paid date"}


def money(s):
    s = s.strip()
    neg = False
    if s.upper().endswith("CR"):
        neg, s = True, s[:-2].strip()
    if s[:1] == "(" and s[-1:] == ")":
        neg, s = True, s[1:-1]
    s = s.replace("£", "").replace(",", "").strip()
    if s[:1] == "-":
        neg, s = not neg, s[1:]
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", s):
        return None
    v = Decimal(s).quantize(Decimal("0.01"))
    return -v if neg else v


def main():
    out = sys.stdout
    for fn in sys.argv[1:]:
        raw = open(fn, "rb").read()
        try:
            txt = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            txt = raw.decode("cp1252")
        src = fn.rsplit("/", 1)[-1]
        si = ai = di = None
        for n, row in enumerate(csv.reader(io.StringIO(txt, newline="")), 1):
            if si is None:
                low = [c.strip().lower() for c in row]
                hs = [i for i, c in enumerate(low) if c in SUP]
                ha = [i for i, c in enumerate(low) if c in AMT]
                if hs and ha:
                    si, ai = hs[0], ha[0]
                    di = next((i for i, c in enumerate(low) if c in DATE), None)
                continue
            if len(row) <= max(si, ai) or not row[si].strip():
                continue
            a = money(row[ai])
            if a is None:
                continue
            rec = {"kind": "payment",
                   "date": row[di].strip() if di is not None else "",
                   "amount": "@A@", "supplier": " ".join(row[si].split()),
                   "source": "%s:%d" % (src, n)}
            line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
            out.write(line.replace('"@A@"', str(a), 1) + "\n")


if __name__ == "__main__":
    main()
