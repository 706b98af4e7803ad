#!/usr/bin/env python3
"""tech-suppliers.py TABLE: check schemas/tech-suppliers.tsv's shape.

Prints one TAP line per check.  The checks are the table's contract
(schemas/README-tech-suppliers.md): six tab-separated fields, a known
category, mixed 0 or 1 (copier firms only with 1), a Companies House
number or nothing, at least one evidence item of a known kind, rows sorted
by name ignoring case, and no name or spelling claimed by two rows (compared
folded like a supplier name key: case, punctuation, "&"/"and", "the", a
legal form at the end)."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from namefold import fold  # noqa: E402  (tests/lib/namefold.py)

CATEGORIES = {"software", "it-services", "hardware", "telecoms", "cloud-hosting",
              "cyber-security", "data-analytics", "digital-consultancy",
              "av-cctv-telecare", "print-managed"}
HEADER = ["name", "category", "mixed", "company_number", "spellings", "evidence"]
EVIDENCE = [
    re.compile(r"cpv:[1-9][0-9]* notices [0-9]{2,8}(,[0-9]{2,8})*"),
    re.compile(r"code:[a-z_ -]+:\S.*"),
    re.compile(r"known:\S.*"),
]




def main(path):
    problems = {}

    def bad(check, line, msg):
        problems.setdefault(check, []).append(f"{path}:{line}: {msg}")

    checks = ["header", "six fields", "category", "mixed", "company number",
              "evidence", "sorted by name", "no name or spelling in two rows"]
    names = []
    owner = {}
    header_seen = False
    rows = 0
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.startswith("#") or line == "":
                continue
            fields = line.split("\t")
            if not header_seen:
                header_seen = True
                if fields != HEADER:
                    bad("header", n, f"header is {fields}")
                continue
            rows += 1
            if len(fields) != 6:
                bad("six fields", n, f"{len(fields)} fields")
                continue
            name, cat, mixed, number, spellings, evidence = fields
            if name.strip() != name or not name:
                bad("six fields", n, f"name {name!r} is empty or has outer blanks")
            if cat not in CATEGORIES:
                bad("category", n, f"unknown category {cat!r}")
            if mixed not in ("0", "1"):
                bad("mixed", n, f"mixed is {mixed!r}")
            elif cat == "print-managed" and mixed != "1":
                bad("mixed", n, "print-managed needs mixed=1")
            if number and not re.fullmatch(r"[0-9]{8}|[A-Z]{2}[0-9]{6}", number):
                bad("company number", n, f"company number {number!r}")
            items = evidence.split("|") if evidence else []
            if not items:
                bad("evidence", n, "no evidence")
            for it in items:
                if not any(p.fullmatch(it) for p in EVIDENCE):
                    bad("evidence", n, f"evidence item {it!r}")
            names.append((n, name))
            for s in [name] + ([x for x in spellings.split("|")] if spellings else []):
                k = fold(s)
                if not k:
                    bad("six fields", n, f"empty spelling in {spellings!r}")
                    continue
                if k in owner and owner[k][1] != name:
                    bad("no name or spelling in two rows", n,
                        f"{s!r} is also line {owner[k][0]} ({owner[k][1]})")
                owner.setdefault(k, (n, name))
    if not header_seen:
        bad("header", 0, "no header line")
    for (n1, a), (n2, b) in zip(names, names[1:]):
        if a.casefold() > b.casefold():
            bad("sorted by name", n2, f"{b!r} after {a!r}")
        elif a.casefold() == b.casefold():
            bad("no name or spelling in two rows", n2, f"{b!r} twice")
    for c in checks:
        if c in problems:
            print(f"not ok - tech-suppliers.tsv: {c}")
            for p in problems[c][:20]:
                print(f"#   {p}")
        else:
            print(f"ok - tech-suppliers.tsv: {c}")
    # the table is meant to be large: hundreds of rows
    print(("ok" if rows >= 150 else "not ok") + f" - tech-suppliers.tsv: at least 150 rows ({rows})")


if __name__ == "__main__":
    main(sys.argv[1])
