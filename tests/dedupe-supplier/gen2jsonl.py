#!/usr/bin/env python3
# gen2jsonl.py DIR [--no-ids]: records for dedupe-supplier from the CSVs that
# ../shared/bench/gen-spend wrote to DIR, one JSON line per data row on
# stdout: kind, supplier, amount-free, and supplier_ref (GB-COH-/GB-VAT-,
# as normalise writes it) where the council publishes a company or VAT
# number, unless --no-ids.  Uses DIR/truth/files.tsv for each file's
# encoding and header line.
import csv, io, json, os, sys

SUPPLIER = {"supplier name", "vendor", "payee name", "beneficiary", "supplier",
            "vendor name", "creditor name", "merchant name"}
COMPANY = {"company number", "companies house no", "company reg no"}
VAT = {"vat registration", "vat number", "supplier vat reg no"}


def main():
    d = sys.argv[1]
    ids = "--no-ids" not in sys.argv[2:]
    out = sys.stdout
    with open(os.path.join(d, "truth", "files.tsv"), encoding="utf-8") as f:
        files = list(csv.DictReader(f, delimiter="\t"))
    for fi in files:
        enc = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig",
               "utf-8-sig": "utf-8-sig"}.get(fi["encoding"], "cp1252")
        raw = open(os.path.join(d, fi["file"]), "rb").read().decode(enc)
        rows = csv.reader(io.StringIO(raw.lstrip("\ufeff"), newline=""))
        hl = int(fi["header_line"])
        head = None
        for i, r in enumerate(rows, 1):
            if i < hl:
                continue
            if head is None:
                head = [h.strip().lower() for h in r]
                si = next(j for j, h in enumerate(head) if h in SUPPLIER)
                ci = next((j for j, h in enumerate(head) if h in COMPANY), None)
                vi = next((j for j, h in enumerate(head) if h in VAT), None)
                continue
            if len(r) <= si or not any(x.strip() for x in r):
                continue
            name = " ".join(r[si].split())
            if not name or name == "Total":
                continue
            rec = {"kind": "payment", "supplier": name}
            if ids and ci is not None and ci < len(r) and r[ci].strip():
                rec["supplier_ref"] = "GB-COH-" + r[ci].strip()
            elif ids and vi is not None and vi < len(r) and r[vi].strip():
                rec["supplier_ref"] = "GB-VAT-" + r[vi].strip()
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


main()
