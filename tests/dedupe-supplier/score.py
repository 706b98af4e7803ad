#!/usr/bin/env python3
# score.py TRUTH PRED [--baselines]: pairwise precision, recall and F1 of a
# clustering of supplier spellings.
#
# TRUTH: spelling<TAB>true cluster (a company number, a VAT number, or a
# generator's supplier id); rows labelled REDACTED are left out.  PRED: the
# --crosswalk of dedupe-supplier (spelling<TAB>supplier_id<TAB>...).  Both
# may start with a header line beginning "spelling<TAB>".
#
# Pairs are counted over DISTINCT SPELLINGS present in TRUTH (each spelling
# once, however many records use it): a true pair is two spellings with the
# same true cluster, a predicted pair two spellings with the same
# supplier_id.  precision = shared pairs / predicted pairs, recall = shared
# pairs / true pairs.  A TRUTH spelling missing from PRED counts as a
# cluster of its own.  With --baselines it also scores two keys computed
# here: OpenRefine's fingerprint and a plain legal-suffix-stripping key.
# Output: one line per method, "method precision recall f1 truepairs".
import re, sys, unicodedata
from collections import Counter


def read_tsv(path, col=1):
    out = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            p = line.rstrip("\n").split("\t")
            if i == 0 and p[0] == "spelling":
                continue
            if len(p) > col:
                out.setdefault(" ".join(p[0].split()), p[col])
    return out


def pairs(n):
    return n * (n - 1) // 2


def score(truth, pred):
    cell = Counter()
    tsize = Counter()
    psize = Counter()
    for s, t in truth.items():
        p = pred.get(s, "\0" + s)
        cell[(t, p)] += 1
        tsize[t] += 1
        psize[p] += 1
    tp = sum(pairs(n) for n in cell.values())
    tt = sum(pairs(n) for n in tsize.values())
    pp = sum(pairs(n) for n in psize.values())
    prec = tp / pp if pp else 1.0
    rec = tp / tt if tt else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, tt


def fingerprint(s):
    s = unicodedata.normalize("NFKD", s.strip().lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w\s]", "", s)
    return " ".join(sorted(set(s.split())))


LEGAL = {"ltd", "limited", "plc", "llp", "lp", "cic", "cio", "co",
         "company", "the"}


def suffix_key(s):
    """Lower case, anything after "t/a" or "trading as" dropped,
    punctuation to spaces, legal-form words at the end dropped."""
    s = re.split(r"\s(?:t/a|t/as|trading as)\s", s.lower())[0]
    w = re.sub(r"[^a-z0-9&]+", " ", s).split()
    while len(w) > 1 and w[-1] in LEGAL:
        w.pop()
    return " ".join(w)


def main():
    truth = {s: t for s, t in read_tsv(sys.argv[1]).items() if t != "REDACTED"}
    pred = read_tsv(sys.argv[2])
    res = [("dedupe-supplier", score(truth, pred))]
    if "--baselines" in sys.argv[3:]:
        res.append(("fingerprint", score(truth, {s: fingerprint(s) for s in truth})))
        res.append(("suffix-strip", score(truth, {s: suffix_key(s) for s in truth})))
    for name, (p, r, f, tt) in res:
        print("%s %.4f %.4f %.4f %d" % (name, p, r, f, tt))


main()
