#!/usr/bin/env python3
"""tech-suppliers-evidence.py TABLE DATA: check the table's data evidence.

For every `code:COUNCIL:TEXT` item, some line of a file in DATA under a
folder whose name starts with COUNCIL (wild/COUNCIL too) names the
supplier (its name or one of its spellings, ignoring case) and holds the
code text (each part of "LEVEL1 / LEVEL2"; for the Salford contracts
register the ProClass code and description).  For every `cpv:N notices
P,...` item, N award notices in DATA/contracts_finder_lancashire name the
supplier, and each prefix P starts one of their CPV codes.  Prints TAP."""
import glob
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from namefold import fold  # noqa: E402  (tests/lib/namefold.py)






def code_parts(text):
    """The parts of a code item's text that the council's file holds."""
    text = re.sub(r"^ProClass ", "", text)
    text = re.sub(r" \(\d+ contracts\)$", "", text)
    m = re.match(r"(\d{6}) (.*)", text)
    return tuple(" ".join(p.lower().split()) for p in ([m.group(1), m.group(2)] if m else text.split(" / ")))


def main(table, data):
    rows = []
    with open(table, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or line.startswith("name\t"):
                continue
            name, _, _, _, spellings, evidence = line.rstrip("\n").split("\t")
            names = [name] + (spellings.split("|") if spellings else [])
            rows.append((n, name, names, evidence.split("|")))
    # the lines of each council's files that hold each code text, folded
    wanted = {}
    for _, _, _, evidence in rows:
        for item in evidence:
            if item.startswith("code:"):
                _, council, text = item.split(":", 2)
                wanted.setdefault(council, set()).add(code_parts(text))
    found = {}
    for path in sorted(glob.glob(os.path.join(data, "**", "*.csv"), recursive=True)):
        dirs = os.path.relpath(path, data).split(os.sep)[:-1]
        for council, texts in wanted.items():
            if not any(d.startswith(council) for d in dirs):
                continue
            with open(path, encoding="latin-1") as f:
                for line in f:
                    low = " ".join(line.lower().split())
                    for parts in texts:
                        if all(p in low for p in parts):
                            found.setdefault((council, parts), []).append(
                                " " + " | ".join(fold(x) for x in line.split(",")) + " ")
    notices = []
    for path in glob.glob(os.path.join(data, "contracts_finder_lancashire", "*.json")):
        with open(path, encoding="utf-8") as f:
            for c in json.load(f).get("contracts", []):
                codes = c.get("cpv_codes") or ""
                codes = codes if isinstance(codes, list) else re.findall(r"\d{8}", str(codes))
                notices.append((fold(html.unescape(c.get("awarded_supplier") or "")),
                                [str(x) for x in codes]))
    bad_code, bad_cpv, ncode, ncpv = [], [], 0, 0
    for n, name, names, evidence in rows:
        keys = {fold(s) for s in names}
        for item in evidence:
            if item.startswith("code:"):
                ncode += 1
                _, council, text = item.split(":", 2)
                cand = found.get((council, code_parts(text)), [])
                if not any(" " + k + " " in l for l in cand for k in keys):
                    bad_code.append(f"line {n}: {name}: {item}")
            elif item.startswith("cpv:"):
                ncpv += 1
                m = re.fullmatch(r"cpv:(\d+) notices (.*)", item)
                want, prefixes = int(m.group(1)), m.group(2).split(",")
                mine = [codes for sup, codes in notices if sup in keys]
                have = [codes for codes in mine if any(c.startswith(p) for c in codes for p in prefixes)]
                if len(have) != want or not all(any(c.startswith(p) for codes in have for c in codes)
                                                 for p in prefixes):
                    bad_cpv.append(f"line {n}: {name}: {item} (found {len(have)})")
    for what, bad, count in (("code", bad_code, ncode), ("cpv", bad_cpv, ncpv)):
        if bad:
            print(f"not ok - tech-suppliers.tsv: {len(bad)} of {count} {what}: items not found in the data")
            for b in bad[:20]:
                print(f"#   {b}")
        else:
            print(f"ok - tech-suppliers.tsv: all {count} {what}: items found in the data")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
