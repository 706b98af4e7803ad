#!/usr/bin/env python3
# export.py RECORDS PREFIX: write PREFIX.tsv and PREFIX.csv, full-width
# tables of the JSON-lines records (every key seen, canonical fields first),
# for the bench peers that read tables (awk, datamash, sqlite3).  Numbers
# keep their JSON text; true/false stay words; null is empty; tabs and
# newlines inside TSV values become spaces.
import csv
import json
import sys

CANON = ["kind", "buyer", "buyer_id", "region", "date", "date_precision",
         "amount", "supplier", "supplier_ref", "redacted", "expense_type",
         "service_area", "description", "transaction_id", "cpv", "title",
         "start", "end", "max_end", "value", "sme", "ocid", "stage", "source",
         "supplier_id", "supplier_name", "sector", "category", "service", "why"]


def text(v):
    if v is None:
        return ""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    return str(v)


def main():
    src, prefix = sys.argv[1], sys.argv[2]
    keys = []
    seen = set()
    with open(src, encoding="utf-8") as f:
        for line in f:
            for k in json.loads(line, parse_float=str, parse_int=str):
                if k not in seen:
                    seen.add(k)
                    keys.append(k)
    cols = [k for k in CANON if k in seen] + [k for k in keys if k not in CANON]
    with open(src, encoding="utf-8") as f, \
            open(prefix + ".tsv", "w", encoding="utf-8") as ft, \
            open(prefix + ".csv", "w", encoding="utf-8", newline="") as fc:
        w = csv.writer(fc)
        ft.write("\t".join(cols) + "\n")
        w.writerow(cols)
        for line in f:
            r = json.loads(line, parse_float=str, parse_int=str)
            row = [text(r.get(k)) for k in cols]
            w.writerow(row)
            ft.write("\t".join(v.replace("\t", " ").replace("\n", " ")
                               .replace("\r", " ") for v in row) + "\n")


if __name__ == "__main__":
    main()
