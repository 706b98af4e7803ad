#!/usr/bin/env bash
# make-councils.sh DIR: write the councils table (schemas/councils.tsv) to
# stdout from mySociety's UK local authority register in DIR
# (reference_mysociety_la: uk_local_authorities.csv and
# lookup_name_to_registry.csv; CC-BY-4.0, mySociety).
#
#   pipelines/make-councils.sh ../shared/data/reference_mysociety_la \
#	> schemas/councils.tsv
#
# One row per authority that has a GSS code, current or abolished (the
# Northern Ireland districts abolished in 2015 have none and are left out),
# sorted by GSS code.  Columns:
#   gss        GSS code (E06/E07/E08/E09/E10/E47/E61/W06/S12/N09)
#   name       official name
#   region     ONS region in England, the nation elsewhere; an abolished
#              English authority the register gives no region takes its
#              successor's
#   nation     England, Wales, Scotland or Northern Ireland
#   names      "|"-separated variants: short name, alternative names, the
#              register's name lookup, former GSS codes and the old ONS/SNAC
#              code (the one statistics.data.gov.uk URIs end in)
#   end        date the authority was abolished, empty while current
#   successor  "|"-separated GSS codes of the authorities that replaced it
#   type       kind of authority, from the register's local-authority-type:
#              county, district, unitary, metropolitan-district,
#              london-borough, city-corporation (City of London),
#              strategic-authority (Greater London Authority),
#              combined-authority, scottish-unitary, welsh-unitary,
#              ni-district
#   population residents in mid-2020 (the register's pop-2020, ONS
#              estimates), a whole number; empty where the register has
#              none (authorities abolished before 2020, the newest
#              combined authorities)
# The output is deterministic: same register in, same bytes out.
set -eu -o pipefail
export LC_ALL=C

if [ $# -ne 1 ] || [ ! -f "$1/uk_local_authorities.csv" ]; then
	echo "usage: make-councils.sh DIR (with uk_local_authorities.csv)" >&2
	exit 2
fi

exec python3 - "$1" <<'EOF'
import csv
import os
import re
import sys

src = sys.argv[1]

# Mojibake in the register (bytes decoded twice, or lost): the Welsh name
# of Anglesey is "Ynys Môn"; Swansea's name has a stray U+FFA0 for a space.
MOJIBAKE = [
    ("M\u00ef\u00bf\u00bdn", "M\u00f4n"),
    ("ynys mn", "ynys m\u00f4n"),
    ("City\u00ef\u00be\u00a0and", "City and"),
    ("City\u00ef\u00be and", "City and"),
]


def fix(s):
    for bad, good in MOJIBAKE:
        s = s.replace(bad, good)
    s = " ".join(s.split())
    # Anything still outside Latin-1 letters is a new kind of damage:
    # stop rather than ship it.
    for ch in s:
        if ord(ch) > 0x7f and not ch.isalpha():
            sys.exit("make-councils.sh: unexpected character %r in %r"
                     % (ch, s))
    return s


def read(name):
    with open(os.path.join(src, name), encoding="utf-8-sig",
              newline="") as f:
        return list(csv.DictReader(f))


def alt_names(s):
    """Split the register's comma-joined alt-names.  Some names contain
    commas themselves ("Newry, Mourne and Down"); a piece that starts with
    a space continues the previous one."""
    out = []
    for piece in s.split(","):
        if out and piece.startswith(" "):
            out[-1] += "," + piece
        else:
            out.append(piece)
    return [p.strip() for p in out if p.strip()]


rows = read("uk_local_authorities.csv")
lookup = {}
for r in read("lookup_name_to_registry.csv"):
    lookup.setdefault(r["local-authority-code"], []).append(r["la-name"])
by_code = {r["local-authority-code"]: r for r in rows}
TYPES = {
    "CTY": "county", "NMD": "district", "UA": "unitary",
    "MD": "metropolitan-district", "LBO": "london-borough",
    "CC": "city-corporation", "SRA": "strategic-authority",
    "COMB": "combined-authority", "SCO": "scottish-unitary",
    "WPA": "welsh-unitary", "NID": "ni-district",
}


def type_of(r):
    t = r["local-authority-type"]
    if t not in TYPES:
        sys.exit("make-councils.sh: unknown authority type %r for %s"
                 % (t, r["official-name"]))
    return TYPES[t]


def population_of(r):
    p = r["pop-2020"].strip()
    if not p:
        return ""
    if not re.fullmatch(r"[0-9]+(\.0*)?", p):
        sys.exit("make-councils.sh: population %r for %s"
                 % (p, r["official-name"]))
    return str(int(p.split(".")[0]))


def region_of(r, seen=()):
    if r["region"]:
        return r["region"]
    if r["nation"] != "England":
        return r["nation"]
    for c in r["replaced-by"].split(","):
        if c in by_code and c not in seen:
            reg = region_of(by_code[c], seen + (c,))
            if reg:
                return reg
    sys.exit("make-councils.sh: no region for %s" % r["official-name"])


out = []
for r in rows:
    gss = r["gss-code"].strip()
    if not gss:
        continue
    name = fix(r["official-name"])
    names, seen = [], {name.lower()}
    cands = [r["nice-name"]] + alt_names(r["alt-names"]) \
        + lookup.get(r["local-authority-code"], []) \
        + r["former-gss-codes"].split(",") + [r["snac"]]
    old = r["old-ons-la-code"]
    if re.fullmatch(r"[0-9]{2}[A-Z]{2}", old):
        cands.append(old)
    for c in cands:
        c = fix(c)
        if c and c.lower() not in seen and c != gss:
            seen.add(c.lower())
            names.append(c)
    successor = [by_code[c]["gss-code"] for c in r["replaced-by"].split(",")
                 if c in by_code and by_code[c]["gss-code"]]
    row = [gss, name, region_of(r), r["nation"], "|".join(names),
           r["end-date"] if r["current-authority"] != "True" else "",
           "|".join(successor), type_of(r), population_of(r)]
    for f in row:
        if "\t" in f or "\n" in f:
            sys.exit("make-councils.sh: tab or newline in %r" % f)
    for n in names:
        if "|" in n:
            sys.exit("make-councils.sh: '|' in name %r" % n)
    out.append(row)

out.sort(key=lambda row: row[0])
gsss = [row[0] for row in out]
if len(set(gsss)) != len(gsss):
    sys.exit("make-councils.sh: duplicate GSS code")
w = sys.stdout
w.write("gss\tname\tregion\tnation\tnames\tend\tsuccessor\ttype\t"
        "population\n")
for row in out:
    w.write("\t".join(row) + "\n")
EOF
