#!/usr/bin/env python3
"""recon.py: the checks of the end-to-end reconciliation, written as TAP.

    recon.py files DATA WORK    per source file (WORK/manifest.tsv, one line
                                per file: file, buyer, kind, options; file N
                                of it normalised into WORK/N.out, N.rej,
                                N.err, N.rc, and for jq kinds N.jsonl, the
                                JSON lines normalise read)
    recon.py stages WORK        nothing lost or changed from WORK/all.jsonl
                                (all records) through WORK/dedupe.jsonl and
                                WORK/classify.jsonl, and the aggregate
                                totals (WORK/agg-all.jsonl, agg-buyer.jsonl,
                                agg-value.jsonl) equal the records' totals

Every sum is in integer pence, parsed from the JSON text of the number (no
floating point); the CSV rows are counted with Python's csv module, not by
lines, since quoted fields may hold line breaks.
"""
import csv
import io
import json
import os
import re
import sys
from collections import Counter

csv.field_size_limit(1 << 30)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import vlog  # noqa: E402  (tests/lib/vlog.py: the filters' -v lines)


from tap import tap  # noqa: E402  (tests/lib/tap.py)


def pence(text):
    """Pence from the text of a JSON number with at most two decimals."""
    t = text[1:] if text.startswith("-") else text
    whole, dot, frac = t.partition(".")
    if not (whole.isdigit() and whole.isascii() and len(frac) <= 2 and
            (frac.isdigit() and frac.isascii() if dot else True)):
        raise ValueError("not a money amount: %r" % text)
    p = int(whole) * 100 + int(frac.ljust(2, "0") if dot else "0")
    return -p if t is not text else p


def loads(line):
    """A record, numbers kept as their text."""
    return json.loads(line, parse_float=str, parse_int=str)


def csv_rows(path):
    """CSV records in the file, blank ones included: what normalise calls
    rows.  Latin-1 maps each byte to one character, so the structure (quotes,
    commas, CR/LF) is read the same whatever the file's encoding."""
    with open(path, "rb") as f:
        text = f.read().decode("latin-1")
    return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))


def text_lines(path):
    with open(path, "rb") as f:
        b = f.read()
    return b.count(b"\n") + (1 if b and not b.endswith(b"\n") else 0)


def money_of(r):
    """The amount normalise -v adds up: amount, or value when there is none
    (contract records)."""
    v = r.get("amount")
    if v is None:
        v = r.get("value")
    return 0 if v is None else pence(v)


def manifest(work):
    with open(os.path.join(work, "manifest.tsv"), encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip()]


def check_file(data, work, i, file, kind):
    base = os.path.join(work, str(i))
    err = open(base + ".err", encoding="utf-8", errors="replace").read()
    rc = open(base + ".rc").read().strip()
    name = file
    if not tap(rc == "0", "%s: normalise exits 0" % name,
               "exit %s" % rc, *err.splitlines()[:3]):
        return None
    v = [d for d in vlog.files(err, "normalise").values() if d["file"] != "*"]
    if not tap(len(v) == 1, "%s: -v counts" % name, err):
        return None
    v = v[0]
    rows, recs, rejs, blank, pre, hdr = (int(v[k]) for k in (
        "rows", "records", "rejects", "blank", "preamble", "header"))
    skipped = blank + pre + hdr
    tap(rows == recs + rejs + skipped and skipped == blank + pre + hdr,
        "%s: rows = records + rejects + skipped (-v)" % name,
        "rows %d, records %d, rejects %d, skipped %d" %
        (rows, recs, rejs, skipped))

    # the rows, counted here independently
    if kind == "jq":
        want = text_lines(base + ".jsonl")
        what = "JSON lines from jq"
    else:
        want = csv_rows(os.path.join(data, file))
        what = "CSV records (Python csv)"
    tap(want == rows, "%s: -v rows = %s" % (name, what),
        "counted %d, normalise -v says %d" % (want, rows))

    # the records: as many as -v says, each from a distinct row of this
    # file, and their money adds up to the -v total.  (A jq program names
    # the notice as the source: the records of one notice's joint
    # suppliers share it.)
    distinct = kind != "jq"
    total, n, named, seen, bad = 0, 0, 0, set(), []
    prefix = file + ":"
    with open(base + ".out", encoding="utf-8") as f:
        for line in f:
            r = loads(line)
            n += 1
            src = r.get("source")
            src = src if isinstance(src, str) else repr(src)
            if not src.startswith(prefix) or (distinct and src in seen):
                bad.append(src)
            seen.add(src)
            total += money_of(r)
            named += bool(r.get("supplier"))
    tap(n == recs, "%s: records written = -v records" % name,
        "written %d, -v %d" % (n, recs))
    # each record counted once by its supplier: a name, a redaction
    # wording, or neither (a blank cell or no column)
    sup, red, nosup = (int(v[k]) for k in (
        "supplier", "redacted", "no_supplier"))
    tap(sup == named and sup + red + nosup == recs,
        "%s: records = supplier + redacted + no_supplier (-v)" % name,
        "named %d; -v supplier %d, redacted %d, no_supplier %d, records %d"
        % (named, sup, red, nosup, recs))
    tap(not bad, "%s: each record names %s of this file" %
        (name, "a distinct row" if distinct else "a notice"),
        "%d bad sources, e.g. %s" % (len(bad), bad[:3]))
    tap(total == pence(v["amount"]),
        "%s: records' amount total = -v total, to the penny" % name,
        "records %d pence, -v %s" % (total, v["amount"]))

    # the rejects: one line each, with source, reason and raw, from rows
    # that gave no record
    nrej, badrej = 0, []
    with open(base + ".rej", encoding="utf-8") as f:
        for line in f:
            nrej += 1
            try:
                r = json.loads(line)
            except ValueError:
                badrej.append(line[:200])
                continue
            if not (isinstance(r, dict) and
                    isinstance(r.get("source"), str) and
                    r["source"].startswith(prefix) and
                    (not distinct or r["source"] not in seen) and
                    isinstance(r.get("reason"), str) and r["reason"] and
                    isinstance(r.get("raw"), str)):
                badrej.append(line[:200])
            elif isinstance(r, dict):
                seen.add(r["source"])
    tap(nrej == rejs, "%s: reject lines = -v rejects" % name,
        "lines %d, -v %d" % (nrej, rejs))
    tap(not badrej, "%s: each reject has source, reason and raw, "
        "from a row that gave no record" % name,
        "%d bad, e.g." % len(badrej), *badrej[:3])
    return recs, rejs, rows, total


def cmd_files(data, work):
    nrec = nrej = nrows = total = 0
    for i, f in enumerate(manifest(work)):
        got = check_file(data, work, i, f[0], f[2] if len(f) > 2 else "")
        if got:
            nrec += got[0]
            nrej += got[1]
            nrows += got[2]
            total += got[3]
    print("# %d files: %d rows, %d records, %d rejects, records' total "
          "%d pence" % (len(manifest(work)), nrows, nrec, nrej, total))


# source, amount and value of a flat record, without parsing all of it: a
# quote after "{" or "," cannot be inside a string (it would be escaped)
DECODER = json.JSONDecoder()
KEYS = ('"source":', '"amount":', '"value":')


def fields(line):
    """The source (decoded) and the JSON text of amount and value (None
    when absent or null) of one record line."""
    got = []
    for key in KEYS:
        if line.count(key) > 1:
            r = loads(line)     # nested objects: parse it all
            return r.get("source"), r.get("amount"), r.get("value")
        i = line.find("," + key)
        if i < 0:
            i = line.find("{" + key)
        if i < 0:
            got.append(None)
            continue
        j = i + 1 + len(key)
        if line.startswith('"', j):
            k = line.find('"', j + 1)
            v = line[j + 1:k]
            if "\\" in v:
                v = DECODER.raw_decode(line, j)[0]
        else:
            k = len(line)
            for end in (",", "}"):
                e = line.find(end, j)
                if 0 <= e < k:
                    k = e
            v = line[j:k].strip()
            if v == "null":
                v = None
        got.append(v)
    return tuple(got)


def record_set(path):
    """Each record's source and money fields, as a multiset, and the
    records' count and pence totals of amount and of value."""
    c = Counter()
    n = amount = value = na = nv = money = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            key = fields(line)
            n += 1
            a, v = key[1], key[2]
            c[key] += 1
            if a is not None:
                pa = pence(a)
                amount += pa
                money += pa
                na += 1
            if v is not None:
                pv = pence(v)
                value += pv
                nv += 1
                if a is None:
                    money += pv
    return c, n, amount, value, na, nv, money


def record_keys(path):
    """The multiset of record_set alone."""
    c = Counter()
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            n += 1
            c[fields(line)] += 1
    return c, n


def agg_rows(path):
    with open(path, encoding="utf-8") as f:
        return [loads(l) for l in f if l.strip()]


def cmd_stages(work):
    p = lambda name: os.path.join(work, name)
    base, n, amount, value, na, nv, money = record_set(p("all.jsonl"))
    print("# %d records: %d with an amount, total %d pence; %d with a value, "
          "total %d pence" % (n, na, amount, nv, value))
    for stage in ("dedupe", "classify"):
        c, m = record_keys(p(stage + ".jsonl"))
        tap(m == n, "%s: record count unchanged" % stage,
            "in %d, out %d" % (n, m))
        lost, added = base - c, c - base
        tap(not lost and not added,
            "%s: every record comes out once, source and amount unchanged"
            % stage, "%d lost, e.g. %s" % (sum(lost.values()),
                                          list(lost)[:2]),
            "%d new or changed, e.g. %s" % (sum(added.values()),
                                           list(added)[:2]))
    # -v of the middle stages: counts and amount totals that must reconcile
    err = open(p("dedupe.jsonl.err"), encoding="utf-8", errors="replace").read()
    d = vlog.files(err, "dedupe-supplier").get("*", {})
    tap(d.get("records") == str(n) and d.get("out") == str(n) and
        "amount" in d and pence(d["amount"]) == money,
        "dedupe-supplier -v: records in = out = records, amount total "
        "= records' amount (or contract value)",
        "records %d, %d pence" % (n, money),
        err.splitlines()[:1])
    err = open(p("classify.jsonl.err"), encoding="utf-8",
               errors="replace").read()
    d = vlog.files(err, "classify-sector").get("*", {})
    try:
        ok = (d["records"] == str(n) and d["out"] == str(n) and
              int(d["tech"]) + int(d["other"]) == n and
              pence(d["tech_amount"]) + pence(d["other_amount"]) == money)
    except (KeyError, ValueError):
        ok = False
    tap(ok,
        "classify-sector -v: tech + other = records, their amounts sum to "
        "the records' amount (or contract value)",
        "records %d, %d pence" % (n, money),
        *err.splitlines()[:2])
    rows = agg_rows(p("agg-all.jsonl"))
    ok = len(rows) == 1
    tap(ok and pence(rows[0].get("amount", "x")) == amount,
        "aggregate --by all: amount = records' total, to the penny",
        "records %d pence" % amount, "aggregate %s" % rows)
    tap(ok and int(rows[0].get("count", -1)) == na,
        "aggregate --by all: count = records with an amount",
        "records %d" % na, "aggregate %s" % rows)
    rows = agg_rows(p("agg-buyer.jsonl"))
    s = sum(pence(r["amount"]) for r in rows)
    tap(s == amount, "aggregate --by buyer: groups sum to the records' total",
        "records %d pence, groups %d pence over %d groups" %
        (amount, s, len(rows)))
    s = sum(int(r["count"]) for r in rows)
    tap(s == na, "aggregate --by buyer: group counts sum to the records "
        "with an amount", "records %d, groups %d" % (na, s))
    rows = agg_rows(p("agg-value.jsonl"))
    tap(len(rows) == 1 and pence(rows[0].get("value", "x")) == value,
        "aggregate --sum value: contract value = records' total",
        "records %d pence" % value, "aggregate %s" % rows)
    tap(len(rows) == 1 and int(rows[0].get("count", -1)) == nv,
        "aggregate --sum value: count = records with a value",
        "records %d" % nv, "aggregate %s" % rows)
    # -v: every record read, each summed or rejected (no amount), none lost
    for name, want in (("agg-all", n - na), ("agg-buyer", n - na),
                       ("agg-value", n - nv)):
        err = open(p(name + ".jsonl.err"), encoding="utf-8",
                   errors="replace").read()
        d = vlog.files(err, "aggregate").get("*")
        m = d is not None and all(k in d for k in ("records", "rows",
                                                   "rejects"))
        tap(m and int(d["records"]) == n and
            int(d["rows"]) + int(d["rejects"]) == n and
            int(d["rejects"]) == want,
            "%s -v: records read = rows summed + rejected (no %s)" %
            (name, "value" if name == "agg-value" else "amount"),
            "records %d, expected %d rejected" % (n, want),
            err.splitlines()[-1:] if err else "no -v line")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "files":
        cmd_files(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "stages":
        cmd_stages(sys.argv[2])
    else:
        sys.exit("usage: recon.py files DATA WORK | stages WORK")


if __name__ == "__main__":
    main()
