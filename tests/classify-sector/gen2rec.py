#!/usr/bin/env python3
# gen2rec.py DIR: turn the CSVs that bench/gen-spend writes into JSON-lines
# payment records on stdout, for the classify-sector tests, until
# out/bin/normalise can do it.  It knows just enough of the generator's
# header variants (see ../shared/bench/README.md) to find the header row
# and the supplier, amount, expense type, service area, description and
# supplier-id columns.  `supplier` is kept exactly as written, so it joins
# DIR/truth/suppliers.tsv; `redacted` is not set (the truth marks those).
import csv, glob, io, json, os, re, sys

COLS = {
    "supplier": ["supplier name", "vendor", "payee name", "beneficiary",
                 "supplier", "vendor name", "creditor name", "merchant name"],
    "amount": ["amount", "net amount", "value (£)", "total", "amount (£)",
               "net value", "amount paid", "line amount"],
    "expense_type": ["expense type", "expenditure category",
                     "account description", "expense area",
                     "subjective description", "category", "cost element"],
    "service_area": ["service area", "directorate", "department", "service",
                     "service division", "cost centre description"],
    "description": ["description", "purpose", "narrative", "details",
                    "purchase description"],
    "buyer": ["body name", "organisation name", "council", "body"],
}


def pence(s):
    s = s.strip().replace("£", "").replace(",", "")
    neg = False
    if s.endswith("CR"):
        s, neg = s[:-2].strip(), True
    if s.startswith("(") and s.endswith(")"):
        s, neg = s[1:-1], True
    if s.startswith("-"):
        s, neg = s[1:], not neg
    if not re.fullmatch(r"\d+(\.\d{1,2})?", s):
        return None
    whole, _, frac = s.partition(".")
    p = int(whole) * 100 + int((frac + "00")[:2])
    return -p if neg else p


def main():
    out = sys.stdout
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.csv"))):
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        hdr = None
        for i, r in enumerate(rows):
            low = [c.strip().lower() for c in r]
            if any(c in COLS["supplier"] for c in low) and \
               any(c in COLS["amount"] for c in low):
                hdr = i
                break
        if hdr is None:
            continue
        low = [c.strip().lower() for c in rows[hdr]]
        idx = {}
        for k, names in COLS.items():
            for j, c in enumerate(low):
                if c in names and k not in idx:
                    idx[k] = j
        name = os.path.basename(path)
        for n, r in enumerate(rows[hdr + 1:], hdr + 2):
            if len(r) <= max(idx.values()):
                continue
            sup = r[idx["supplier"]]
            p = pence(r[idx["amount"]])
            if p is None or sup == "" or sup == "Total":
                continue
            rec = {"kind": "payment"}
            if "buyer" in idx:
                rec["buyer"] = r[idx["buyer"]]
            rec["amount"] = "%s%d.%02d" % ("-" if p < 0 else "",
                                           abs(p) // 100, abs(p) % 100)
            rec["supplier"] = sup
            for k in ("expense_type", "service_area", "description"):
                if k in idx:
                    rec[k] = r[idx[k]]
            rec["source"] = "%s:%d" % (name, n)
            amt = rec.pop("amount")
            s = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
            # amount as a JSON number with two decimals, after buyer
            key = '"supplier":'
            i = s.index(key)
            out.write(s[:i] + '"amount":' + amt + "," + s[i:] + "\n")


main()
