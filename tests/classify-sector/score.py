#!/usr/bin/env python3
# score.py TRUTHDIR < classified.jsonl: score classify-sector on a set from
# bench/gen-spend.  Joins each record's `supplier` (as written) to
# TRUTHDIR/suppliers.tsv and sector.tsv (exactly, else with white space
# squeezed, as normalise writes it); withheld names are left out.
# Prints key=value lines (records, tp, fp, fn, precision, recall, the same
# spend-weighted as spend_precision and spend_recall, cat_accuracy) and a
# confusion matrix of true subcategory by predicted category, on stdout.
import collections, json, sys

d = sys.argv[1]
sid = {}
with open(d + "/suppliers.tsv", encoding="utf-8") as f:
    next(f)
    for line in f:
        sp, _, i = line.rstrip("\n").rpartition("\t")
        sid[sp] = i
        sid.setdefault(" ".join(sp.split()), i)
sec = {}
with open(d + "/sector.tsv", encoding="utf-8") as f:
    next(f)
    for line in f:
        i, s, sub, _ = line.rstrip("\n").split("\t", 3)
        sec[i] = (s, sub)
n = tp = fp = fn = tn = unk = 0
stp = sfp = sfn = 0
conf = collections.Counter()
catok = cattot = 0
for line in sys.stdin:
    r = json.loads(line)
    sp = r.get("supplier")
    i = sid.get(sp)
    if i is None and sp is not None:
        i = sid.get(" ".join(sp.split()))
    if r.get("redacted") is True:
        continue
    if i is None:
        unk += 1
        continue
    if i == "REDACTED" or i not in sec:
        continue
    s, sub = sec[i]
    a = abs(int(round(float(r.get("amount", 0)) * 100)))
    n += 1
    truth = s == "tech"
    pred = r.get("sector") == "tech"
    if truth and pred:
        tp += 1; stp += a
        cattot += 1
        catok += r.get("category") == sub
    elif pred:
        fp += 1; sfp += a
    elif truth:
        fn += 1; sfn += a
    else:
        tn += 1
    conf[(sub if truth else "non-tech", r.get("category") or "other")] += 1
print("records=%d unmatched=%d" % (n, unk))
print("tp=%d fp=%d fn=%d tn=%d" % (tp, fp, fn, tn))
print("precision=%.4f" % (tp / max(tp + fp, 1)))
print("recall=%.4f" % (tp / max(tp + fn, 1)))
print("spend_precision=%.4f" % (stp / max(stp + sfp, 1)))
print("spend_recall=%.4f" % (stp / max(stp + sfn, 1)))
print("cat_accuracy=%.4f" % (catok / max(cattot, 1)))
rows = sorted({a for a, _ in conf})
cols = sorted({b for _, b in conf})
print("# confusion: true subcategory (rows) x predicted category (columns)")
print("# %-20s" % "" + " ".join("%9.9s" % c for c in cols))
for a in rows:
    print("# %-20s" % a + " ".join("%9d" % conf[(a, c)] for c in cols))
